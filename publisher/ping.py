"""WebSub publish notifications: tell the site's hub (site.yaml ``hub``) which feeds changed.

A hub fetches a feed when told it changed (``hub.mode=publish``, ``hub.url=<feed URL>``, a
form-encoded POST, one per feed), and pushes it to its subscribers. We tell it only about the
feeds whose bytes differ from what was last announced, remembered in .publisher/websub.json
(feed URL -> sha256), so a build that changed nothing pings nothing, and a feed whose ping
failed is pinged again next time.

Like `send`, this module has effects (the network); what to ping is decided by pure functions.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from publisher.errors import DataError, Problem
from publisher.links import ascii_url_path

FEED_NAMES = frozenset({"atom.xml", "rss.xml", "feed.json"})
STATE_FILE = "websub.json"
TRIES = 3
BACKOFF_SECONDS = 0.5
TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True, kw_only=True)
class HubAnswer:
    """What the hub said about one feed: its HTTP status (0: no answer) and reason."""

    feed_url: str
    status: int
    reason: str
    tries: int

    @property
    def ok(self) -> bool:
        """2xx: the hub accepted the notification (WebSub hubs answer 202 or 204)."""
        return 200 <= self.status < 300


def feed_digests(output_dir: Path, base_url: str) -> dict[str, str]:
    """Every feed file under ``output_dir`` (atom.xml, rss.xml, feed.json at any depth), by
    its public URL under ``base_url``, with the sha256 of its bytes."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    digests = {}
    for path in sorted(output_dir.rglob("*")):
        if path.name in FEED_NAMES and path.is_file() and not path.is_symlink():
            url = base + ascii_url_path(path.relative_to(output_dir).as_posix())
            digests[url] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def changed_feeds(current: Mapping[str, str], announced: Mapping[str, str]) -> list[str]:
    """The feed URLs whose bytes differ from what was last announced (or never were)."""
    return [url for url, digest in current.items() if announced.get(url) != digest]


def read_announced(path: Path) -> dict[str, str]:
    """The digests last announced (an empty mapping when there is no state yet, or it is
    damaged: then every feed is announced again, which is harmless)."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict):
        return {}
    return {str(url): str(digest) for url, digest in state.items()}


def announced_state(
    announced: Mapping[str, str], current: Mapping[str, str], answers: list[HubAnswer]
) -> str:
    """The new state file: the digests of feeds the hub accepted, earlier ones kept."""
    state = dict(announced)
    for answer in answers:
        if answer.ok:
            state[answer.feed_url] = current[answer.feed_url]
    return json.dumps(dict(sorted(state.items())), indent=2) + "\n"


def _retryable(status: int) -> bool:
    return status >= 500 or status == 0


def publish(
    hub: str,
    feed_url: str,
    *,
    tries: int = TRIES,
    backoff: float = BACKOFF_SECONDS,
    timeout: float = TIMEOUT_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> HubAnswer:
    """POST ``hub.mode=publish&hub.url=feed_url`` to ``hub``; retried with exponential
    back-off on 5xx answers, timeouts and dropped connections, not on 4xx or a refused
    connection (nothing listens: retrying will not help). Returns the last answer."""
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": feed_url}).encode("ascii")
    status, reason = 0, ""
    for attempt in range(1, tries + 1):
        request = urllib.request.Request(
            hub,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, reason = response.status, response.reason
        except urllib.error.HTTPError as error:
            status, reason = error.code, str(error.reason)
        except urllib.error.URLError as error:
            cause = error.reason
            if isinstance(cause, ConnectionRefusedError):
                return HubAnswer(
                    feed_url=feed_url, status=0, reason=f"cannot connect: {cause}", tries=attempt
                )
            status, reason = (
                0,
                (
                    f"no answer within {timeout:g} s"
                    if isinstance(cause, TimeoutError)
                    else f"no answer: {cause}"
                ),
            )
        except TimeoutError:
            status, reason = 0, f"no answer within {timeout:g} s"
        except (http.client.HTTPException, ConnectionError) as error:
            status, reason = 0, f"connection dropped: {error or type(error).__name__}"
        if not _retryable(status) or attempt == tries:
            return HubAnswer(feed_url=feed_url, status=status, reason=reason, tries=attempt)
        sleep(backoff * 2 ** (attempt - 1))
    return HubAnswer(feed_url=feed_url, status=status, reason=reason, tries=tries)


def require_hub(hub: str) -> str:
    """The hub URL; raises DataError naming the setting when the site has none."""
    if not hub:
        raise DataError(
            [
                Problem(
                    path="data/site.yaml",
                    key="hub",
                    message="no WebSub hub set: add 'hub: https://…' to notify one",
                )
            ]
        )
    return hub
