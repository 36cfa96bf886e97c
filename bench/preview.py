"""Preview: after a one-file change, `publisher preview` rebuilds and the page reloads, against
`publisher build` after the same kind of change, measured in the same run.

A generated history (bench/generate.py) is built once. Then, several times over, the latest
release's title is edited: with `publisher preview` running, the time from writing the file
to the page's event stream announcing the rebuild plus fetching the page again (what a
reload costs); with the preview stopped, the time of `publisher build` (a process, as a
maintainer runs it) after the same edit. Prints the ratio of medians; goal <= 1.5.

    python bench/preview.py [--quick]
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_history

from publisher.release_digest import with_digest

PUBLISHER = str(Path(sys.executable).parent / "publisher")
_TITLE = re.compile(r"^(  title: ).*$", re.MULTILINE)


def _project(folder: Path, releases: int, resources: int) -> Path:
    from publisher.dump import dump_roadmap
    from publisher.load import load_snapshot

    make_history(folder, releases=releases, resources=resources)
    latest = sorted((folder / "data" / "releases").glob("*.yaml"))[-1]
    (folder / "data" / "roadmap.yaml").write_text(
        dump_roadmap(load_snapshot(latest).roadmap), encoding="utf-8"
    )
    subprocess.run([PUBLISHER, "--project", str(folder), "-q", "build"], check=True)
    return folder


def _latest_release(folder: Path) -> Path:
    from publisher.project import open_project
    from publisher.release_history import index_releases

    return index_releases(open_project(folder))[-1].path


def _edit(path: Path, number: int) -> None:
    text = path.read_text(encoding="utf-8")
    if _TITLE.search(text.split("\ntitle:", 1)[0]) is None:
        text = text.replace("release:\n", f"release:\n  title: Edit {number}\n", 1)
    else:
        head, rest = text.split("\ntitle:", 1)
        text = _TITLE.sub(rf"\g<1>Edit {number}", head, count=1) + "\ntitle:" + rest
    # An edit on purpose: the release records its new digest, as `release --refreeze` does.
    path.write_bytes(with_digest(text.encode("utf-8")))


class _Events:
    def __init__(self, host: str, port: int) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=600)
        self.connection.request("GET", "/__preview/events")
        self.response = self.connection.getresponse()

    def next(self) -> int:
        while True:
            line = self.response.readline().decode()
            if not line:
                raise RuntimeError("the event stream closed")
            if line.startswith("data: "):
                return int(line[6:])


def _preview_times(folder: Path, release: Path, runs: int) -> list[float]:
    process = subprocess.Popen(
        [PUBLISHER, "--project", str(folder), "preview", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = ""
        for line in process.stdout:
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                url, port = match.group(0), int(match.group(1))
                break
        events = _Events("127.0.0.1", port)
        events.next()
        times = []
        for number in range(runs):
            started = time.perf_counter()
            _edit(release, 1000 + number)
            events.next()
            with urllib.request.urlopen(url, timeout=600) as response:
                response.read()
            times.append(time.perf_counter() - started)
        return times
    finally:
        process.terminate()
        process.wait(timeout=60)


def _build_times(folder: Path, release: Path, runs: int) -> list[float]:
    times = []
    for number in range(runs):
        _edit(release, 2000 + number)
        started = time.perf_counter()
        subprocess.run([PUBLISHER, "--project", str(folder), "-q", "build"], check=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20 releases of 100 resources")
    options = parser.parse_args()
    releases, resources, runs = (20, 100, 5) if options.quick else (300, 600, 9)
    with tempfile.TemporaryDirectory() as temporary:
        folder = _project(Path(temporary) / "project", releases, resources)
        release = _latest_release(folder)
        build = statistics.median(_build_times(folder, release, runs))
        preview = statistics.median(_preview_times(folder, release, runs))
        shutil.rmtree(folder)
    print(
        f"preview rebuild+reload: ratio {preview / build:.2f} (preview {preview:.2f} s / "
        f"publisher build {build:.2f} s after the same one-file change, medians of {runs}; "
        f"{releases} releases of {resources} resources; goal <= 1.5)"
    )


if __name__ == "__main__":
    main()
