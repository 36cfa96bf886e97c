"""check-links: verdicts from real local servers (127.0.0.1 only), the cache and the
two-runs-a-day-apart rule, the reports, and the command."""

from __future__ import annotations

import json
import socket
import sqlite3
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from link_server import (
    ETAG,
    LAST_MODIFIED,
    LinkServer,
    running_http2_server,
    running_link_server,
)

from publisher.cli import main
from publisher.link_cache import write_cache
from publisher.link_check import (
    CheckSettings,
    _failure,
    check_links,
    check_urls,
    read_cache,
)
from publisher.link_health import (
    LinkReport,
    LinkResult,
    LinkUse,
    Verdict,
    carry_failure,
    is_dead,
    link_uses,
    report_json,
    report_markdown,
    report_text,
    skip_reason,
)
from publisher.load import load_working_copy
from publisher.model import Resource, Roadmap, Section
from publisher.project import open_project

# No back-off between retries, and a timeout generous enough for a loaded 2-core CI machine:
# with 0.5 s, one hop of a redirect chain answered late read as a timeout (flaky). Only the
# timeout test asks for a short one (its server holds the answer far longer).
FAST = CheckSettings(timeout=10.0, backoff=0.0)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    with running_link_server() as running:
        yield running


def verdicts(server: LinkServer, *paths: str) -> dict[str, LinkResult]:
    results = check_urls([server.url(path) for path in paths], FAST)
    return {path: results[server.url(path)] for path in paths}


def test_plain_answers_get_their_verdicts(server: LinkServer) -> None:
    results = verdicts(server, "/ok", "/missing", "/gone", "/teapot", "/broken")
    assert results["/ok"].verdict is Verdict.OK
    assert results["/ok"].status == 200
    assert results["/missing"].verdict is Verdict.GONE
    assert results["/gone"].verdict is Verdict.GONE
    assert results["/gone"].status == 410
    assert results["/teapot"].verdict is Verdict.REFUSED
    assert results["/broken"].verdict is Verdict.SERVER_ERROR


def test_redirects_tell_permanent_from_temporary_and_give_the_final_url(
    server: LinkServer,
) -> None:
    results = verdicts(server, "/moved", "/moved-308", "/found", "/mixed", "/moved-to-missing")
    assert results["/moved"].verdict is Verdict.REDIRECTED_PERMANENTLY
    assert results["/moved"].final_url == server.url("/ok")
    assert results["/moved-308"].verdict is Verdict.REDIRECTED_PERMANENTLY
    assert results["/moved-308"].final_url == server.url("/ok")
    assert results["/found"].verdict is Verdict.REDIRECTED_TEMPORARILY
    # One temporary hop on the way: the first URL must stay.
    assert results["/mixed"].verdict is Verdict.REDIRECTED_TEMPORARILY
    # A redirect to a missing page is a missing page.
    assert results["/moved-to-missing"].verdict is Verdict.GONE


def test_the_report_names_each_redirect_kind_and_the_final_url(server: LinkServer) -> None:
    results = verdicts(server, "/moved", "/moved-308", "/mixed", "/moved-to-missing")
    assert results["/moved-308"].redirects == (308, 301)
    assert results["/mixed"].redirects == (301, 302)
    report = LinkReport(
        results=tuple(results.values()),
        uses=tuple(LinkUse(url=result.url, where="R") for result in results.values()),
    )
    text = report_text(report)
    ok = server.url("/ok")
    assert f"redirected permanently: {server.url('/moved')} (301; final 200) -> {ok}" in text
    assert f"redirected permanently: {server.url('/moved-308')} (308, 301; final 200) -> {ok}" in (
        text
    )
    assert f"redirected temporarily: {server.url('/mixed')} (301, 302; final 200) -> {ok}" in text
    assert f"gone: {server.url('/moved-to-missing')} (301; final 404) -> " in text
    assert "| 301, 302; final 200 |" in report_markdown(report)
    items = {item["url"]: item for item in json.loads(report_json(report))["links"]}
    assert items[server.url("/mixed")]["redirects"] == [301, 302]
    assert items[server.url("/mixed")]["final_url"] == ok


def test_rechecks_ask_conditionally_and_304_is_ok(tmp_path: Path) -> None:
    with running_link_server() as own:
        cache = tmp_path / "links.sqlite"
        uses = (
            LinkUse(url=own.url("/etag"), where="A"),
            LinkUse(url=own.url("/dated"), where="B"),
        )
        first = {
            item.url: item
            for item in check_links(uses, cache_path=cache, now=NOW, settings=FAST).results
        }
        assert sorted(own.conditionals) == [("/dated", "", ""), ("/etag", "", "")]
        assert first[own.url("/etag")].status == 200
        own.conditionals.clear()
        later = NOW + timedelta(days=8)
        second = {
            item.url: item
            for item in check_links(uses, cache_path=cache, now=later, settings=FAST).results
        }
        assert sorted(own.conditionals) == [
            ("/dated", "", LAST_MODIFIED),
            ("/etag", ETAG, ""),
        ]
        for url in (own.url("/etag"), own.url("/dated")):
            assert second[url].verdict is Verdict.OK
            assert second[url].status == 304
        # The validators stay known, even when the 304 left them out.
        cached = read_cache(cache)
        assert cached[own.url("/dated")].last_modified == LAST_MODIFIED
        assert cached[own.url("/etag")].etag == ETAG
        own.conditionals.clear()
        check_links(uses, cache_path=cache, now=later + timedelta(days=8), settings=FAST)
        assert sorted(own.conditionals) == [("/dated", "", LAST_MODIFIED), ("/etag", ETAG, "")]


def test_a_cache_from_before_redirects_were_kept_is_read_and_extended(tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite"
    with sqlite3.connect(cache) as old:
        old.execute(
            "CREATE TABLE links (url TEXT PRIMARY KEY, verdict TEXT NOT NULL, status INTEGER"
            " NOT NULL, final_url TEXT NOT NULL, detail TEXT NOT NULL, checked_at TEXT NOT"
            " NULL, failing_since TEXT, etag TEXT NOT NULL, last_modified TEXT NOT NULL)"
        )
        old.execute(
            "INSERT INTO links VALUES ('https://example.org/a', 'ok', 200, '', '',"
            " '2026-03-01T12:00:00+00:00', NULL, '\"e\"', '')"
        )
    old.close()
    assert read_cache(cache)["https://example.org/a"].validators == ('"e"', "")
    write_cache(
        cache,
        {"u": LinkResult(url="u", verdict=Verdict.OK, redirects=(301, 302), checked_at=NOW)},
    )
    assert read_cache(cache)["u"].redirects == (301, 302)
    assert read_cache(cache)["https://example.org/a"].redirects == ()


def test_redirected_or_failing_links_are_not_asked_conditionally() -> None:
    moved = LinkResult(url="u", verdict=Verdict.OK, final_url="v", redirects=(301,), etag="x")
    failing = LinkResult(url="u", verdict=Verdict.GONE, etag="x", last_modified="y")
    plain = LinkResult(url="u", verdict=Verdict.OK, etag="x", last_modified="y")
    assert moved.validators == ("", "")
    assert failing.validators == ("", "")
    assert plain.validators == ("x", "y")


def test_a_redirect_loop_is_refused_not_followed_forever(server: LinkServer) -> None:
    result = verdicts(server, "/loop-a")["/loop-a"]
    assert result.verdict is Verdict.REFUSED
    assert result.detail == "redirect loop"


def test_head_refused_then_get_tells_the_truth(server: LinkServer) -> None:
    result = verdicts(server, "/head-refused")["/head-refused"]
    assert result.verdict is Verdict.OK
    # Only this path: the shared server may still get a late request of another test.
    assert [request for request in server.requests if request[1] == "/head-refused"] == [
        ("HEAD", "/head-refused"),
        ("GET", "/head-refused"),
    ]
    # 403 on HEAD is asked again with GET, and still refused.
    assert verdicts(server, "/forbidden")["/forbidden"].verdict is Verdict.REFUSED
    assert ("GET", "/forbidden") in server.requests


def test_429_is_retried_after_retry_after_and_503_gives_up_as_server_error(
    server: LinkServer,
) -> None:
    result = verdicts(server, "/busy")["/busy"]
    assert result.verdict is Verdict.OK
    assert [request for request in server.requests if request[1] == "/busy"] == [
        ("HEAD", "/busy"),
        ("HEAD", "/busy"),
    ]
    busy = verdicts(server, "/always-busy")["/always-busy"]
    assert busy.verdict is Verdict.SERVER_ERROR
    assert busy.status == 503
    assert server.requests.count(("HEAD", "/always-busy")) == 1 + FAST.retries


def test_a_bad_gateway_is_asked_again(server: LinkServer) -> None:
    result = verdicts(server, "/bad-gateway")["/bad-gateway"]
    assert result.verdict is Verdict.OK
    assert server.requests.count(("HEAD", "/bad-gateway")) == 2


def test_a_slow_answer_is_a_timeout_and_a_reset_a_server_error(server: LinkServer) -> None:
    # A server of its own: its held answer must not linger on the shared one. It answers
    # only when it stops, so the short timeout runs out however loaded the machine is.
    with running_link_server() as own:
        slow = check_urls([own.url("/slow")], CheckSettings(timeout=0.5, backoff=0.0))
    assert slow[own.url("/slow")].verdict is Verdict.TIMEOUT
    # The reset with the generous timeout: a late reset must not read as a timeout.
    results = verdicts(server, "/reset")
    assert results["/reset"].verdict is Verdict.SERVER_ERROR
    assert results["/reset"].detail in {"connection reset", "connection failed"}


def test_a_self_signed_certificate_is_a_tls_failure(tmp_path: Path) -> None:
    with running_link_server(tls_dir=tmp_path) as tls:
        result = check_urls([tls.url("/ok")], FAST)[tls.url("/ok")]
    assert result.verdict is Verdict.TLS_FAILURE


def test_http2_is_negotiated_with_a_server_that_speaks_it(tmp_path: Path) -> None:
    with running_http2_server(tmp_path) as h2_server:
        trusted = ssl.create_default_context(cafile=str(h2_server.certificate))
        urls = [h2_server.base + "/a", h2_server.base + "/b"]
        results = check_urls(urls, FAST, verify=trusted)
    assert [results[url].verdict for url in urls] == [Verdict.OK, Verdict.OK]
    # The server speaks nothing but HTTP/2, on one connection reused for both URLs.
    assert h2_server.protocols == ["h2"]
    assert sorted(h2_server.requests) == [("HEAD", "/a"), ("HEAD", "/b")]


def test_a_name_that_does_not_resolve_is_a_dns_failure() -> None:
    # The exception httpx raises when getaddrinfo fails (no lookup is made here).
    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as cause:
            raise httpx.ConnectError("[Errno -2] Name or service not known") from cause
    except httpx.ConnectError as error:
        result = _failure("https://nowhere.invalid/", error)
    assert result.verdict is Verdict.DNS_FAILURE


def test_no_more_than_per_host_requests_at_once() -> None:
    settings = CheckSettings(concurrency=16, per_host=2, timeout=10.0)
    # A server of its own: a slow answer of another test still in flight would count. It
    # holds the first answers until two are in flight, so the overlap shows under any load.
    with running_link_server() as own:
        own.hold_for = 2
        urls = [own.url(f"/pause/{number}") for number in range(12)]
        results = check_urls(urls, settings)
    assert all(result.verdict is Verdict.OK for result in results.values())
    assert own.most_in_flight == 2


def test_no_more_than_concurrency_requests_at_once_across_hosts() -> None:
    settings = CheckSettings(concurrency=3, per_host=2, timeout=10.0)
    with (
        running_link_server() as first,
        running_link_server(counted_on=first) as second,
        running_link_server(counted_on=first) as third,
    ):
        first.hold_for = 3  # the first answers wait until three are in flight at once
        urls = [
            host.url(f"/pause/{number}") for number in range(6) for host in (first, second, third)
        ]
        results = check_urls(urls, settings)
    assert all(result.verdict is Verdict.OK for result in results.values())
    # Three in flight at once, across the three hosts, never more.
    assert first.most_in_flight == 3


def test_mailto_and_excluded_urls_are_not_checked() -> None:
    assert skip_reason("mailto:someone@example.org", ()) == "mailto link"
    assert skip_reason("https://example.org/a", ("https://example.org/*",)) == (
        "excluded by 'https://example.org/*'"
    )
    assert skip_reason("https://example.com/a", ("https://example.org/*",)) == ""


def test_dead_only_after_two_failing_runs_a_day_apart() -> None:
    gone = LinkResult(url="https://example.org/x", verdict=Verdict.GONE, status=404)
    first = carry_failure(gone, None, NOW)
    assert not is_dead(first)
    assert is_dead(first, strict=True)
    later_same_day = carry_failure(gone, first, NOW + timedelta(hours=5))
    assert not is_dead(later_same_day)
    next_day = carry_failure(gone, later_same_day, NOW + timedelta(days=1, hours=1))
    assert next_day.failing_since == NOW
    assert is_dead(next_day)
    # Answering again in between starts the count afresh.
    ok = carry_failure(LinkResult(url=gone.url, verdict=Verdict.OK), first, NOW + timedelta(1))
    again = carry_failure(gone, ok, NOW + timedelta(days=2))
    assert again.failing_since == NOW + timedelta(days=2)
    assert not is_dead(again)


def test_cache_reused_within_max_age_and_dead_on_the_second_day(tmp_path: Path) -> None:
    # A server of its own: "nothing asked again" must not see another test's late request.
    with running_link_server() as own:
        cache_reused_then_dead(own, tmp_path)


def cache_reused_then_dead(server: LinkServer, tmp_path: Path) -> None:
    cache = tmp_path / "links.sqlite"
    uses = (LinkUse(url=server.url("/gone"), where="A"), LinkUse(url=server.url("/ok"), where="B"))
    first = check_links(uses, cache_path=cache, now=NOW, settings=FAST)
    assert [result.verdict for result in first.results] == [Verdict.GONE, Verdict.OK]
    assert first.dead() == ()
    before = len(server.requests)
    second = check_links(
        uses, cache_path=cache, now=NOW + timedelta(hours=1), settings=FAST,
        max_age=timedelta(days=7),
    )  # fmt: skip
    assert len(server.requests) == before  # nothing asked again
    assert all(result.cached for result in second.results)
    third = check_links(uses, cache_path=cache, now=NOW + timedelta(days=1), settings=FAST)
    assert len(server.requests) > before
    assert [result.url for result in third.dead()] == [server.url("/gone")]
    assert read_cache(cache)[server.url("/gone")].failing_since == NOW


def test_link_uses_reads_resources_and_with_all_the_text(tmp_path: Path, project: Path) -> None:
    roadmap = load_working_copy(open_project(project)).roadmap
    plain = link_uses(roadmap)
    every = link_uses(roadmap, include_text=True)
    assert plain
    assert {use.where for use in plain} <= {resource.title for _, resource in roadmap.walk()}
    assert len(every) > len(plain)
    assert any(use.url == "https://societysbackend.com" for use in every)


def test_all_reads_text_links_as_the_pages_render_them() -> None:
    roadmap = Roadmap(
        title="T",
        intro="See [the docs][docs] and <https://example.org/auto>.\n\n"
        "[docs]: https://example.org/reference\n",
        sections=(
            Section(
                title="S",
                id="s",
                intro="Not `https://example.org/in-code`, nor\n\n"
                "    https://example.org/in-block\n\n"
                "but https://example.org/bare. And [a relative one](docs/a.md).",
                resources=(
                    Resource(
                        title="R",
                        identity="r",
                        url="https://example.org/r",
                        description="Read [this](https://example.org/inline 'title') "
                        "and mail [us](mailto:us@example.org).\n\n"
                        "```\nhttps://example.org/fenced\n```\n",
                    ),
                ),
            ),
        ),
    )
    uses = link_uses(roadmap, include_text=True)
    assert [(use.url, use.where) for use in uses] == [
        ("https://example.org/reference", "intro"),
        ("https://example.org/auto", "intro"),
        ("https://example.org/bare", "intro of S"),
        ("https://example.org/r", "R"),
        ("https://example.org/inline", "description of R"),
    ]
    assert [use.url for use in link_uses(roadmap)] == ["https://example.org/r"]


def test_markdown_report_names_the_dead_link_and_where_it_is_used() -> None:
    result = carry_failure(
        LinkResult(url="https://example.org/x", verdict=Verdict.GONE, status=404), None, NOW
    )
    report = LinkReport(
        results=(result,), uses=(LinkUse(url=result.url, where="A | B"),), strict=True
    )
    text = report_markdown(report)
    assert "| <https://example.org/x> | gone (dead) | 404 | A \\| B |" in text
    assert "1 dead" in text


SITE = """title: Links
base_url: https://links.example.org/
links:
  exclude: ["{excluded}*"]
"""


def make_project(root: Path, server: LinkServer, paths: list[str]) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "data" / "site.yaml").write_text(SITE.format(excluded=server.url("/excluded")))
    resources = "".join(
        f"      - title: Resource {number}\n        url: {server.url(path)}\n"
        for number, path in enumerate(paths)
    )
    (root / "data" / "roadmap.yaml").write_text(
        "title: Links\nsections:\n  - title: All\n    resources:\n" + resources
        + "      - title: Write to us\n        url: mailto:someone@example.org\n"
    )  # fmt: skip
    return root


def test_command_json_exit_codes_and_excludes(server: LinkServer, tmp_path: Path) -> None:
    root = make_project(tmp_path, server, ["/ok", "/moved", "/gone", "/excluded/page"])
    runner = CliRunner()
    args = ["--project", str(root), "check-links", "--working-copy", "--format", "json"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output  # failing once is not dead
    links = {item["url"]: item for item in json.loads(result.stdout)["links"]}
    assert links[server.url("/moved")]["verdict"] == "redirected permanently"
    assert links[server.url("/moved")]["final_url"] == server.url("/ok")
    assert links[server.url("/gone")]["verdict"] == "gone"
    assert links[server.url("/excluded/page")]["verdict"] == "not checked"
    assert links["mailto:someone@example.org"]["verdict"] == "not checked"
    assert (root / ".publisher" / "links.sqlite").is_file()
    strict = runner.invoke(main, [*args[:4], "--strict"])
    assert strict.exit_code == 1
    assert f"DEAD gone: {server.url('/gone')} (410)" in strict.stdout
    assert "in Resource 2" in strict.stdout


def test_command_refuses_a_version_and_working_copy_together(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--project", str(tmp_path), "check-links", "2024.01", "--working-copy"]
    )
    assert result.exit_code == 2
    assert "not both" in result.output


@pytest.mark.parametrize("age", ["soon", "", "-1d", "2y", "nan"])
def test_command_refuses_a_max_age_that_is_not_one(tmp_path: Path, age: str) -> None:
    result = CliRunner().invoke(
        main, ["--project", str(tmp_path), "check-links", "--working-copy", "--max-age", age]
    )
    assert result.exit_code == 2
    assert f"{age!r} is not an age (e.g. 7d, 12h, 30m)" in result.output


def test_site_links_settings_are_checked(project: Path) -> None:
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text() + "links:\n  show_dead: maybe\n  exclud: []\n")
    result = CliRunner().invoke(main, ["--project", str(project), "validate"])
    assert result.exit_code == 1
    assert "links.show_dead" in result.output or "exclud" in result.output


def test_fix_rewrites_permanent_redirects_keeping_the_text(
    server: LinkServer, tmp_path: Path
) -> None:
    root = make_project(tmp_path, server, ["/moved", "/found"])
    working = root / "data" / "roadmap.yaml"
    working.write_text("# kept comment\n" + working.read_text().replace(
        f"url: {server.url('/moved')}\n", f"url: {server.url('/moved')}  # was here\n"
    ))  # fmt: skip
    result = CliRunner().invoke(
        main, ["--project", str(root), "check-links", "--working-copy", "--fix"]
    )
    assert result.exit_code == 0, result.output
    text = working.read_text()
    assert text.startswith("# kept comment\n")
    assert f"url: {server.url('/ok')}  # was here\n" in text
    assert server.url("/moved") not in text
    assert f"url: {server.url('/found')}\n" in text  # temporary: left alone
    assert "1 URL(s) updated" in result.stderr


def test_after_fix_the_next_release_reports_url_updates_or_cosmetic_ones(
    server: LinkServer, tmp_path: Path
) -> None:
    root = make_project(tmp_path, server, ["/moved", "/slash"])
    runner = CliRunner()
    project = ["--project", str(root)]
    first = runner.invoke(main, [*project, "release", "2026.01", "--date", "2026-01-01"])
    assert first.exit_code == 0, first.output
    fixed = runner.invoke(main, [*project, "check-links", "--working-copy", "--fix"])
    assert fixed.exit_code == 0, fixed.output
    assert "2 URL(s) updated" in fixed.stderr
    second = runner.invoke(main, [*project, "release", "2026.02", "--date", "2026-02-01"])
    assert second.exit_code == 0, second.output
    diff = json.loads(runner.invoke(main, [*project, "diff", "--format", "json"]).stdout)
    updates = {item["title"]: item for item in diff["updated"]}
    assert updates["Resource 0"]["changes"]["url"] == {
        "old": server.url("/moved"),
        "new": server.url("/ok"),
    }
    assert not updates["Resource 0"].get("cosmetic")
    # /slash -> /slash/ normalizes to the same URL: an update readers never hear about.
    assert updates["Resource 1"]["cosmetic"] is True
    assert diff["added"] == diff["removed"] == []
