"""The changelog page in headless Chromium: no horizontal scrolling on a phone or a laptop.

Screenshots go to test-artifacts/ for people to review (git-ignored).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import ARTIFACTS, find_chromium, measure_page, screenshot

from publisher import build
from publisher.project import open_project

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "changelog-project"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        find_chromium() is None,
        reason="headless Chromium is not installed (.ci/run installs Debian's chromium)",
    ),
]


@pytest.fixture(scope="module", params=["fixture", "bundled"])
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The changelog page of the small fixture project and of the bundled road map."""
    root = tmp_path_factory.mktemp(request.param) / "project"
    if request.param == "fixture":
        shutil.copytree(FIXTURE, root)
    else:
        shutil.copytree(REPOSITORY / "data", root / "data")
    paths = build.build_paths(open_project(root))
    build.build(paths, use_cache=False)
    return paths.output_dir / "index.html"


@pytest.mark.parametrize("width", [375, 1024])
def test_page_does_not_scroll_sideways(page: Path, width: int) -> None:
    metrics = measure_page(page, width=width)
    assert metrics.viewport_width == width
    assert not metrics.scrolls_sideways, metrics
    name = page.parent.parent.parent.name.rstrip("0123456789")
    png = screenshot(page, ARTIFACTS / f"changelog-page-{name}-{width}.png", width=width)
    assert png.stat().st_size > 1000
