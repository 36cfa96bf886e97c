"""WebSub: `publisher ping` and `build --ping` against a hub played by a local HTTP server."""

from __future__ import annotations

import socket
from pathlib import Path

from click.testing import CliRunner

from publisher.cli import main
from publisher.ping import changed_feeds, feed_digests, publish
from tests.hub_server import running_hub

FEED = "https://roadmap.example.org/atom.xml"


def test_publish_is_a_form_encoded_post() -> None:
    with running_hub() as hub:
        answer = publish(hub.url, FEED)
    assert (answer.ok, answer.status, answer.tries) == (True, 204, 1)
    (request,) = hub.requests
    assert request.method == "POST"
    assert request.content_type == "application/x-www-form-urlencoded"
    assert request.form == {"hub.mode": ["publish"], "hub.url": [FEED]}


def test_publish_retries_server_errors_with_back_off() -> None:
    waits: list[float] = []
    with running_hub(503, 502) as hub:
        answer = publish(hub.url, FEED, backoff=0.01, sleep=waits.append)
    assert (answer.ok, answer.status, answer.tries) == (True, 204, 3)
    assert waits == [0.01, 0.02]
    assert hub.published() == [FEED] * 3


def test_publish_retries_a_timeout() -> None:
    with running_hub("hang") as hub:
        hub.hang_seconds = 1.0
        answer = publish(hub.url, FEED, timeout=0.2, backoff=0, sleep=lambda _: None)
    assert (answer.ok, answer.tries) == (True, 2)


def test_publish_gives_up_after_the_last_try() -> None:
    with running_hub(500, 500, 500) as hub:
        answer = publish(hub.url, FEED, backoff=0, sleep=lambda _: None)
    assert (answer.ok, answer.status, answer.tries) == (False, 500, 3)
    assert len(hub.requests) == 3


def test_publish_does_not_retry_a_client_error() -> None:
    with running_hub(400) as hub:
        answer = publish(hub.url, FEED, backoff=0, sleep=lambda _: None)
    assert (answer.ok, answer.status, answer.tries) == (False, 400, 1)


def test_publish_to_a_port_where_nothing_listens_fails_at_once() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answer = publish(f"http://127.0.0.1:{port}/", FEED, sleep=lambda _: None)
    assert (answer.ok, answer.status, answer.tries) == (False, 0, 1)
    assert answer.reason.startswith("cannot connect")


def _with_hub(project: Path, url: str) -> None:
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"hub: {url}\n", encoding="utf-8")


def run(project: Path, *arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(project), *arguments])
    return result.exit_code, result.stdout, result.stderr


def test_build_ping_announces_changed_feeds_only(project: Path) -> None:
    with running_hub() as hub:
        _with_hub(project, hub.url)
        code, out, err = run(project, "build", "--ping")
        assert code == 0, err
        feeds = feed_digests(project / "feeds", "https://roadmap.example.org/")
        assert "https://roadmap.example.org/atom.xml" in feeds
        assert sorted(hub.published()) == sorted(feeds)
        assert out.splitlines()[-1] == (
            f"notified {hub.url}: {len(feeds)} of {len(feeds)} changed feeds accepted"
        )
        # Nothing changed: nothing announced.
        hub.requests.clear()
        code, out, _ = run(project, "ping")
        assert (code, hub.requests) == (0, [])
        assert out == f"no feed changed since the last ping of {hub.url}: nothing to notify\n"
        # A new release changes some feeds, not all (the other sections' feeds stay).
        working = project / "data" / "roadmap.yaml"
        working.write_text(
            working.read_text(encoding="utf-8").replace(
                "title: Ahead of AI", "title: Ahead of AI (Sebastian Raschka)"
            ),
            encoding="utf-8",
        )
        assert run(project, "release", "2024.03", "--date", "2024-03-01")[0] == 0
        assert run(project, "build", "--ping")[0] == 0
        after = feed_digests(project / "feeds", "https://roadmap.example.org/")
        expected = changed_feeds(after, feeds)
        assert "https://roadmap.example.org/atom.xml" in expected
        assert 0 < len(expected) < len(after)
        assert sorted(hub.published()) == sorted(expected)


def test_a_refused_feed_is_reported_and_announced_again(project: Path) -> None:
    with running_hub(404) as hub:
        _with_hub(project, hub.url)
        assert run(project, "build")[0] == 0
        code, _, err = run(project, "-v", "ping")
        assert code == 1
        first = hub.published()[0]
        assert f"error: {hub.url} refused {first}: 404 Not Found (1 try;" in err
        assert f"{hub.url}: {first}: 404 Not Found" in err
        hub.requests.clear()
        code, _, _ = run(project, "ping")
        assert code == 0
        assert hub.published() == [first]
        hub.requests.clear()
        assert run(project, "ping", "--all")[0] == 0
        assert len(hub.published()) == len(feed_digests(project / "feeds", "https://x/"))


def test_ping_without_a_hub_says_which_setting(project: Path) -> None:
    code, _, err = run(project, "ping")
    assert code == 1
    assert err == (
        "error: data/site.yaml: hub: no WebSub hub set: add 'hub: https://…' to notify one\n"
    )
