"""The link cache, .publisher/links.sqlite: what the last check of each URL said.

`check-links` reads and writes it (through `link_check`); `build` only reads it, to mark
dead links on the pages when ``links: {show_dead: true}``, so this module imports no HTTP
client: a build never reaches the network.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from publisher.cache import Fingerprint
from publisher.errors import PublisherError
from publisher.link_health import LinkResult, Verdict, is_dead

CACHE_FILE = "links.sqlite"

# One row per URL, what the last check said.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    status INTEGER NOT NULL,
    final_url TEXT NOT NULL,
    detail TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    failing_since TEXT,
    etag TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    redirects TEXT NOT NULL DEFAULT ''
)
"""
_COLUMNS = "url, verdict, status, final_url, detail, checked_at, failing_since, etag, last_modified"


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.execute(_SCHEMA)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(links)")}
    if "redirects" not in columns:  # a cache written before redirects were kept
        connection.execute("ALTER TABLE links ADD COLUMN redirects TEXT NOT NULL DEFAULT ''")
    return connection


def _results(rows: list[tuple[object, ...]]) -> dict[str, LinkResult]:
    results = {}
    for row in rows:
        url, verdict, status, final_url, detail, checked_at, failing_since, etag, modified = row[:9]
        hops = str(row[9]).split() if len(row) > 9 else []
        try:
            known = Verdict(str(verdict))
        except ValueError:
            continue  # written by another version: checked again
        results[str(url)] = LinkResult(
            url=str(url),
            verdict=known,
            status=int(str(status)),
            final_url=str(final_url),
            detail=str(detail),
            checked_at=datetime.fromisoformat(str(checked_at)),
            failing_since=datetime.fromisoformat(str(failing_since)) if failing_since else None,
            etag=str(etag),
            last_modified=str(modified),
            redirects=tuple(int(hop) for hop in hops if hop.isdigit()),
            cached=True,
        )
    return results


def read_cache(path: Path) -> dict[str, LinkResult]:
    """Every cached result (empty when there is no cache file yet)."""
    if not path.is_file():
        return {}
    connection = _connect(path)
    try:
        rows = connection.execute(f"SELECT {_COLUMNS}, redirects FROM links").fetchall()
    finally:
        connection.close()
    return _results(rows)


def write_cache(path: Path, results: Mapping[str, LinkResult]) -> None:
    """Store ``results`` (stamped ones only), replacing what was known of those URLs."""
    connection = _connect(path)
    try:
        with connection:
            connection.executemany(
                f"INSERT OR REPLACE INTO links ({_COLUMNS}, redirects)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        result.url,
                        result.verdict.value,
                        result.status,
                        result.final_url,
                        result.detail,
                        result.checked_at.isoformat(),
                        result.failing_since.isoformat() if result.failing_since else None,
                        result.etag,
                        result.last_modified,
                        " ".join(str(hop) for hop in result.redirects),
                    )
                    for result in results.values()
                    if result.checked_at is not None and result.verdict is not Verdict.NOT_CHECKED
                ],
            )
    finally:
        connection.close()


def dead_links(path: Path) -> dict[str, str]:
    """URL -> ISO date since when it has failed, for every link the cache at ``path`` holds
    dead (failing on two runs a day apart; see `link_health.is_dead`), sorted by URL. Reads
    only: an absent file is no dead link, and nothing is created. Raises PublisherError when
    the file is not a link cache."""
    if not path.is_file() or path.stat().st_size == 0:
        # An empty file is a cache `check-links` has only begun to write (SQLite creates the
        # file before its table): no dead link yet, not a broken cache.
        return {}
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute(
                f"SELECT {_COLUMNS} FROM links WHERE failing_since IS NOT NULL"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise PublisherError(
            f"{path}: not a link cache ({error}); delete it and run 'publisher check-links'"
        ) from None
    dead = {
        url: result.failing_since.date().isoformat()
        for url, result in _results(rows).items()
        if result.failing_since is not None and is_dead(result)
    }
    return dict(sorted(dead.items()))


def dead_links_key(dead: Mapping[str, str]) -> str:
    """A sha256 of ``dead`` (see `dead_links`): what the pages' marks depend on."""
    digest = Fingerprint()
    for url, since in sorted(dead.items()):
        digest.add("url", url.encode())
        digest.add("since", since.encode())
    return digest.hexdigest()
