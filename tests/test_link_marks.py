"""links: {show_dead: true}: the road map page and the changelog pages mark resources whose
link the cache (.publisher/links.sqlite, filled here by the test) holds dead; build reads
the cache only, never the network; the outputs follow the cache and nothing else."""

from __future__ import annotations

import shutil
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.link_cache import CACHE_FILE, dead_links, write_cache
from publisher.link_health import LinkResult, Verdict

DEAD = "https://cs50.harvard.edu/python/2022/"  # updated in 2024.02: on both pages
FAILING = "https://git-scm.com/book/en/v2"  # failed once: not dead yet
DAY0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MARK = 'dead link since <time datetime="2026-03-01">2026-03-01</time>'


def result(url: str, verdict: Verdict, *, since: datetime | None, checked: datetime) -> LinkResult:
    return LinkResult(url=url, verdict=verdict, status=404, checked_at=checked, failing_since=since)


def fill_cache(root: Path, *results: LinkResult) -> None:
    write_cache(root / ".publisher" / CACHE_FILE, {item.url: item for item in results})


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any name lookup or connection during the test is recorded and refused."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise OSError("network access during a build")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def show_dead(project: Path, value: bool = True) -> None:
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text() + f"links:\n  show_dead: {str(value).lower()}\n")


def build(project: Path, *args: str) -> str:
    outcome = CliRunner().invoke(main, ["--project", str(project), "build", *args])
    assert outcome.exit_code == 0, outcome.output
    return outcome.output


def page_item(html: str, url: str) -> str:
    """The <li> of the resource linking to ``url`` on a page (the road map page leaves out
    the end tags HTML lets go: an item ends where the next one or its list does)."""
    start = html.index(f'<a href="{url}"')
    ends = [html.find(mark, start) for mark in ("</li>", "\n<li", "</ul>")]
    return html[html.rindex("<li", 0, start) : min(end for end in ends if end != -1)]


def test_build_marks_dead_links_from_the_cache_without_the_network(
    project: Path, no_network: list[str]
) -> None:
    show_dead(project)
    fill_cache(
        project,
        result(DEAD, Verdict.GONE, since=DAY0, checked=DAY0 + timedelta(days=2)),
        result(FAILING, Verdict.GONE, since=DAY0, checked=DAY0),
    )
    build(project)
    assert no_network == []
    index = (project / "feeds" / "index.html").read_text()
    changes = (project / "feeds" / "changelog" / "index.html").read_text()
    for html in (index, changes):
        assert MARK in page_item(html, DEAD)
        assert "dead link" not in page_item(html, FAILING)
        # Every entry linking the dead URL is marked (both releases list it), no other.
        assert html.count("dead link since") == html.count(f'<a href="{DEAD}">') >= 1
    # Text, not colour alone, and the link itself stays for readers to judge.
    assert f'<a href="{DEAD}">' in index


def test_marks_follow_the_cache_and_builds_are_reproducible(
    project: Path, no_network: list[str]
) -> None:
    show_dead(project)
    later = DAY0 + timedelta(days=2)
    fill_cache(project, result(DEAD, Verdict.GONE, since=DAY0, checked=later))
    build(project)
    index = project / "feeds" / "index.html"
    marked = index.read_bytes()
    assert MARK.encode() in marked
    # Checked again, still dead since the same day: nothing to rebuild.
    fill_cache(project, result(DEAD, Verdict.GONE, since=DAY0, checked=later + timedelta(days=3)))
    assert "up to date" in build(project, "--check").lower()
    # The link answers again: the outputs are stale until rebuilt, then unmarked.
    fill_cache(project, result(DEAD, Verdict.OK, since=None, checked=later + timedelta(days=4)))
    stale = CliRunner().invoke(main, ["--project", str(project), "build", "--check"])
    assert stale.exit_code == 1
    assert "index.html" in stale.output
    build(project)
    assert b"dead link" not in index.read_bytes()
    assert b"dead link" not in (project / "feeds" / "changelog" / "index.html").read_bytes()
    # The same cache as the first build, from no build cache at all: the same bytes.
    fill_cache(project, result(DEAD, Verdict.GONE, since=DAY0, checked=later))
    shutil.rmtree(project / ".publisher" / "cache")
    build(project)
    assert index.read_bytes() == marked
    assert no_network == []


def test_without_show_dead_the_cache_changes_nothing(project: Path) -> None:
    build(project)
    before = (project / "feeds" / "index.html").read_bytes()
    fill_cache(project, result(DEAD, Verdict.GONE, since=DAY0, checked=DAY0 + timedelta(days=2)))
    build(project)
    assert (project / "feeds" / "index.html").read_bytes() == before
    show_dead(project, False)
    build(project)
    assert b"dead link" not in (project / "feeds" / "index.html").read_bytes()


def test_without_show_dead_the_link_cache_is_not_in_the_input_fingerprint(project: Path) -> None:
    from publisher import build as building
    from publisher.project import open_project

    def fingerprint() -> str:
        return building.input_fingerprint(building.build_paths(open_project(project)))

    before = fingerprint()
    fill_cache(project, result(DEAD, Verdict.GONE, since=DAY0, checked=DAY0 + timedelta(days=2)))
    assert fingerprint() == before  # a check-links run forces no re-render
    show_dead(project)
    marked = fingerprint()
    assert marked != before  # site.yaml changed
    fill_cache(project, result(DEAD, Verdict.OK, since=None, checked=DAY0 + timedelta(days=3)))
    assert fingerprint() != marked  # with show_dead the dead links are an input


def test_dead_links_reads_only_and_refuses_a_file_that_is_not_a_cache(tmp_path: Path) -> None:
    path = tmp_path / ".publisher" / CACHE_FILE
    assert dead_links(path) == {}
    assert not path.parent.exists()  # reading created nothing
    fill_cache(
        tmp_path,
        result(DEAD, Verdict.TIMEOUT, since=DAY0, checked=DAY0 + timedelta(days=1)),
        result(FAILING, Verdict.GONE, since=DAY0, checked=DAY0 + timedelta(hours=23)),
        result("https://example.org/ok", Verdict.OK, since=None, checked=DAY0),
    )
    assert dead_links(path) == {DEAD: "2026-03-01"}
    path.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(Exception, match="not a link cache"):
        dead_links(path)


def test_a_cache_check_links_has_only_begun_to_write_holds_no_dead_link(tmp_path: Path) -> None:
    # SQLite creates the file before its table: a build (or the preview's rebuild) reading it
    # at that moment finds an empty file, which is no dead link yet, not a broken cache.
    path = tmp_path / ".publisher" / CACHE_FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    assert dead_links(path) == {}
    fill_cache(
        tmp_path, result(DEAD, Verdict.TIMEOUT, since=DAY0, checked=DAY0 + timedelta(days=1))
    )
    assert dead_links(path) == {DEAD: "2026-03-01"}


def test_a_broken_cache_is_a_clear_error_only_when_pages_read_it(project: Path) -> None:
    cache = project / ".publisher" / CACHE_FILE
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not sqlite at all" * 100)
    build(project)  # show_dead is off: the cache is none of the build's business
    show_dead(project)
    outcome = CliRunner().invoke(main, ["--project", str(project), "build"])
    assert outcome.exit_code == 1
    assert "links.sqlite: not a link cache" in outcome.output
    assert "Traceback" not in outcome.output


def test_the_dead_links_key_frames_each_url_and_date() -> None:
    from publisher.link_cache import dead_links_key

    dead = {"https://a.example/": "2026-03-01", "https://b.example/": "2026-03-02"}
    assert dead_links_key(dead) == dead_links_key(dict(reversed(dead.items())))
    assert dead_links_key(dead) != dead_links_key({"https://a.example/": "2026-03-01"})
    assert dead_links_key({"https://a.example/\x002026": "-03-01"}) != dead_links_key(
        {"https://a.example/": "2026-03-01"}
    )
    assert dead_links_key({}) != dead_links_key({"": ""})
