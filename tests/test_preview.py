"""`publisher preview`: the server on 127.0.0.1 (a free port) over a scratch project, its
watcher rebuilding on real file changes, and its event stream."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.link_cache import CACHE_FILE, write_cache
from publisher.link_health import LinkResult, Verdict
from publisher.preview import (
    DESKTOP_WIDTH,
    PHONE_WIDTH,
    PREFIX,
    Preview,
    PreviewServer,
    is_loopback,
)
from publisher.project import open_project

WAIT_SECONDS = 60.0


class Running:
    """A preview server and its watcher, for one test."""

    def __init__(self, project: Path) -> None:
        self.preview = Preview(open_project(project), today=dt.date(2024, 3, 1))
        self.preview.rebuild()
        self.server = PreviewServer(self.preview, "127.0.0.1", 0)
        self.base = self.server.url.removesuffix(f"{PREFIX}/")
        self.threads = [
            threading.Thread(target=self.server.serve_forever, daemon=True),
            threading.Thread(target=self.preview.watch, daemon=True),
        ]
        for thread in self.threads:
            thread.start()
        # Changes are seen from here on.
        assert self.preview.watching.wait(WAIT_SECONDS), "the watcher did not start"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return str(response.read().decode("utf-8"))

    def status(self) -> dict[str, Any]:
        return dict(json.loads(self.get(f"{PREFIX}/status")))

    def wait_for(self, condition: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The status once ``condition`` holds (the watcher rebuilds in the background)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            status = self.status()
            if condition(status):
                return status
            if time.monotonic() > deadline:
                pytest.fail(f"the preview never got there; last status: {status}")
            time.sleep(0.05)

    def close(self) -> None:
        self.preview.stop()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=30)


@pytest.fixture
def running(project: Path) -> Iterator[Running]:
    server = Running(project)
    try:
        yield server
    finally:
        server.close()


def test_serves_the_built_site_with_the_reload_script(running: Running, project: Path) -> None:
    page = running.get("/")
    assert page == running.get("/index.html")
    built = (project / "feeds" / "index.html").read_text(encoding="utf-8")
    assert page.startswith(built[: built.rfind("</body>")])
    assert f"new EventSource('{PREFIX}/events')" in page
    assert running.get("/atom.xml") == (project / "feeds" / "atom.xml").read_text("utf-8")
    assert "2024.02" in running.get("/changelog/")


def test_each_release_email_at_two_widths_and_as_text(running: Running) -> None:
    home = running.get(f"{PREFIX}/")
    assert f'href="{PREFIX}/email/2024.02"' in home
    page = running.get(f"{PREFIX}/email/2024.02")
    assert "The Machine Learning Road Map 2024.02: 51 updated" in page
    assert f'width="{PHONE_WIDTH}"' in page
    assert f'width="{DESKTOP_WIDTH}"' in page
    assert "<pre>" in page
    email_html = running.get(f"{PREFIX}/email/2024.02/email.html")
    assert email_html.startswith("<!doctype html>")
    assert "Python (required)" in running.get(f"{PREFIX}/email/2024.02/email.txt")


def test_files_outside_the_site_are_not_served(running: Running) -> None:
    for path in ("/../data/site.yaml", "/%2e%2e/data/site.yaml", f"{PREFIX}/email/nope"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            running.get(path)
        assert caught.value.code == 404
        caught.value.close()


def test_pending_changes_follow_the_working_copy(running: Running, project: Path) -> None:
    assert "no change since 2024.02" in running.get(f"{PREFIX}/pending")
    generation = running.status()["generation"]
    working = project / "data" / "roadmap.yaml"
    working.write_text(
        working.read_text(encoding="utf-8").replace(
            "          - title: The Batch\n",
            "          - title: Import AI\n"
            "            url: https://importai.substack.com/\n"
            "          - title: The Batch\n",
        ),
        encoding="utf-8",
    )
    running.wait_for(lambda status: status["generation"] > generation)
    page = running.get(f"{PREFIX}/pending")
    assert "since 2024.02: 1 added, 0 removed, 0 updated, 0 moved" in page
    assert "Import AI" in page  # the changelog entry
    assert "Import AI" in running.get(f"{PREFIX}/pending/email.txt")


def test_a_data_error_shows_on_every_page_and_the_server_keeps_running(
    running: Running, project: Path
) -> None:
    working = project / "data" / "roadmap.yaml"
    good = working.read_text(encoding="utf-8")
    working.write_text(good + "  - title: [unclosed\n", encoding="utf-8")
    status = running.wait_for(lambda status: bool(status["problems"]))
    (problem,) = status["problems"]
    assert problem.startswith("data/roadmap.yaml:")
    assert problem.split(":")[1].isdigit()  # the line
    for path in ("/", f"{PREFIX}/", f"{PREFIX}/pending", f"{PREFIX}/email/2024.02"):
        page = running.get(path)
        assert 'id="preview-problems"' in page, path
        assert "data/roadmap.yaml:" in page, path
    working.write_text(good, encoding="utf-8")
    running.wait_for(lambda status: not status["problems"])
    assert 'id="preview-problems"' not in running.get("/")


def test_the_event_stream_announces_each_rebuild(running: Running, project: Path) -> None:
    host, port = running.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=WAIT_SECONDS)
    connection.request("GET", f"{PREFIX}/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"

    def next_event() -> str:
        while True:
            line = response.readline().decode()
            if line.startswith("data: "):
                return line.removeprefix("data: ").strip()

    first = next_event()
    assert first == str(running.status()["generation"])
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: en", "language: en-GB"))
    assert int(next_event()) > int(first)
    connection.close()


def test_a_link_check_marks_dead_links_without_a_restart(running: Running, project: Path) -> None:
    # `publisher check-links` in another terminal writes .publisher/links.sqlite: with
    # show_dead on, the preview rebuilds and the page marks the dead link.
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "links:\n  show_dead: true\n")
    running.wait_for(lambda status: status["generation"] >= 2 and not status["problems"])
    quiet = running.status()["generation"]
    time.sleep(1.5)  # the build's own writes under .publisher/ start no rebuild
    assert running.status()["generation"] == quiet
    assert "dead link since" not in running.get("/")
    since = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    dead = LinkResult(  # failing on two runs two days apart: dead
        url="https://cs50.harvard.edu/python/2022/",
        verdict=Verdict.GONE,
        status=404,
        checked_at=since + dt.timedelta(days=2),
        failing_since=since,
    )
    write_cache(project / ".publisher" / CACHE_FILE, {dead.url: dead})
    # SQLite writes the cache in several steps (an empty file, its table, its rows), which a
    # loaded machine may report in separate batches: a rebuild may run between them and find
    # no dead link yet. The page must mark it once the writes are done.
    running.wait_for(
        lambda status: (
            status["generation"] > quiet
            and not status["problems"]
            and "dead link since" in running.get("/")
        )
    )


def test_loopback_only_unless_told() -> None:
    assert is_loopback("127.0.0.1")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("192.168.1.5")
    defaults = {param.name: param.default for param in main.commands["preview"].params}
    assert defaults["host"] == "127.0.0.1"


def test_preview_cannot_listen_on_a_taken_port(project: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            main, ["--project", str(project), "preview", "--port", str(port)]
        )
    assert result.exit_code == 1
    assert f"127.0.0.1:{port}: cannot listen" in result.stderr
