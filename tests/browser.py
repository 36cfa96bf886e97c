"""Headless Chromium for tests: page metrics (does it scroll sideways?) and screenshots.

Usage::

    from tests.browser import find_chromium, measure_page, screenshot
    metrics = measure_page(html_file, width=375)
    assert metrics.scroll_width <= metrics.viewport_width
    screenshot(html_file, ARTIFACTS / "page-375.png", width=375)

Tests that use it are marked ``browser`` and skip (with the reason) when Chromium is missing;
``.ci/run`` installs it, so in CI they run.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    # Pages under test must not reach the network (fonts, images): everything resolves nowhere.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=3000",
)
# Headless Chromium will not make a window narrower than 500 pixels, so the page is measured
# inside an iframe of the wanted width: it is the page's viewport, media queries included.
# srcdoc keeps the frame same-origin, so the harness can read its layout after load.
_HARNESS = """<!doctype html><html><head><title>pending</title></head>
<body style="margin:0"><iframe id="frame" style="width:{width}px;height:{height}px;border:0"
srcdoc="{srcdoc}"></iframe><script>
document.getElementById("frame").addEventListener("load", function () {{
  var frame = document.getElementById("frame");
  var inner = frame.contentWindow, root = frame.contentDocument.documentElement;
  var body = frame.contentDocument.body;
  document.title = "METRICS" + JSON.stringify({{
    scroll_width: Math.max(root.scrollWidth, body ? body.scrollWidth : 0),
    viewport_width: inner.innerWidth,
    client_width: root.clientWidth,
    scroll_height: root.scrollHeight
  }});
}});
</script></body></html>"""
_METRICS = re.compile(r"<title>METRICS(.*?)</title>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class PageMetrics:
    """What a page measures at one window width, in CSS pixels."""

    scroll_width: int
    viewport_width: int
    client_width: int
    scroll_height: int

    @property
    def scrolls_sideways(self) -> bool:
        """True when content is wider than the window: the reader must scroll horizontally."""
        return self.scroll_width > self.viewport_width


def find_chromium() -> str | None:
    """The Chromium binary: $CHROMIUM, else chromium or chromium-browser on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def _run(arguments: list[str], *, width: int, height: int) -> str:
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        completed = subprocess.run(
            [
                chromium,
                *_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                *arguments,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if completed.returncode != 0:
        raise RuntimeError(f"chromium failed ({completed.returncode}): {completed.stderr[-2000:]}")
    return completed.stdout


def measure_page(page: Path, *, width: int, height: int = 1200) -> PageMetrics:
    """Load ``page`` (an HTML file) in a viewport ``width`` pixels wide; return its metrics."""
    source = page.read_text(encoding="utf-8")
    harness = _HARNESS.format(width=width, height=height, srcdoc=html.escape(source, quote=True))
    with tempfile.TemporaryDirectory(prefix="measure-") as folder:
        wrapper = Path(folder) / "harness.html"
        wrapper.write_text(harness, encoding="utf-8")
        dom = _run(["--dump-dom", wrapper.as_uri()], width=max(width, 800), height=height)
    found = _METRICS.search(dom)
    if found is None:
        raise RuntimeError(f"the probe did not run for {page}: {dom[:500]!r}")
    values = json.loads(html.unescape(found.group(1)))
    return PageMetrics(**{key: int(value) for key, value in values.items()})


def screenshot(page: Path, png: Path, *, width: int, height: int = 1600) -> Path:
    """A PNG of ``page`` as a ``width`` pixels wide window shows it (for people to review)."""
    png.parent.mkdir(parents=True, exist_ok=True)
    _run([f"--screenshot={png}", page.as_uri()], width=width, height=height)
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot for {page}")
    return png
