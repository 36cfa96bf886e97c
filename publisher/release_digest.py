"""The digest `publisher release` records in a frozen release, and its check.

A release file cut short or edited by hand still parses, and the diff then announces
removals and additions that never happened. So a frozen file carries, as the last line of its
``release:`` block, ``digest: "sha256:…"``: the sha256 of the file's bytes without that line.
`load` refuses a release whose bytes no longer match; a release that records no digest (one
written by hand in the documented data format, which does not require it, or frozen before
releases carried one) is read unverified. `release VERSION --refreeze` records the digest of a
release changed on purpose, or of one that has none.
Every writer of a release file (`freeze.release_text`, `dump.dump_snapshot`, which
import-history uses) puts its text through `with_digest`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

_DIGEST_LINE = re.compile(rb'^  digest: "sha256:([0-9a-f]{64})"\r?\n', re.MULTILINE)
_DIGEST_START = b'  digest: "sha256:'
_BLOCK_START = re.compile(rb"^release:[ \t]*\r?\n", re.MULTILINE)
_UNINDENTED = re.compile(rb"^[^ \t\r\n]", re.MULTILINE)


def _digest_line(data: bytes) -> re.Match[bytes] | None:
    """The first digest line of ``data`` (what ``_DIGEST_LINE.search`` finds): candidates
    are found with ``bytes.find``, since a multi-line ``^`` search tries every position of a
    large file, and a release of a long road map is hashed once per version of a history."""
    position = data.find(_DIGEST_START)
    while position != -1:
        # ``match`` at a position honours ``^`` as the search does: only after a newline.
        match = _DIGEST_LINE.match(data, position)
        if match is not None:
            return match
        position = data.find(_DIGEST_START, position + 1)
    return None


def _without_digest(data: bytes) -> tuple[bytes, str]:
    """``data`` without its first digest line, and the digest that line held ('' if none)."""
    match = _digest_line(data)
    if match is None:
        return data, ""
    return data[: match.start()] + data[match.end() :], match.group(1).decode("ascii")


def digest_of(data: bytes) -> str:
    """The sha256 (hex) of a release file's bytes, its digest line left out."""
    return hashlib.sha256(_without_digest(data)[0]).hexdigest()


def with_digest(data: bytes) -> bytes:
    """``data`` (a release file) with a digest line recording its content, at the end of its
    ``release:`` block (replacing any digest it had). Raises ValueError without a block."""
    content, _ = _without_digest(data)
    start = _BLOCK_START.search(content)
    if start is None:
        raise ValueError("no release: block")
    end = _UNINDENTED.search(content, start.end())
    at = end.start() if end is not None else len(content)
    line = f'  digest: "sha256:{hashlib.sha256(content).hexdigest()}"\n'.encode("ascii")
    if at and not content[:at].endswith(b"\n"):
        line = b"\n" + line
    return content[:at] + line + content[at:]


def with_digest_parts(head: bytes, body: Sequence[bytes]) -> bytes:
    """`with_digest` of ``head`` followed by ``body``, where ``head`` holds the whole
    ``release:`` block and the line after it, and no line of ``body`` starts with two spaces
    and ``digest:`` (as `dump` writes a snapshot: its sections come after the title line).
    The body is hashed where it lies, not joined to the head first: a history writes
    thousands of large, nearly equal releases."""
    content, _ = _without_digest(head)
    start = _BLOCK_START.search(content)
    end = _UNINDENTED.search(content, start.end()) if start is not None else None
    if start is None or end is None:
        return with_digest(b"".join([head, *body]))
    digest = hashlib.sha256(content)
    for part in body:
        digest.update(part)
    at = end.start()
    line = f'  digest: "sha256:{digest.hexdigest()}"\n'.encode("ascii")
    if at and not content[:at].endswith(b"\n"):
        line = b"\n" + line
    return b"".join([content[:at], line, content[at:], *body])


MISSING = "missing"
MISMATCH = "mismatch"


def digest_problem(data: bytes) -> str:
    """Whether a release file's bytes match the digest it records: "" when they do,
    `MISSING` when it records none, `MISMATCH` when they differ."""
    content, recorded = _without_digest(data)
    if not recorded:
        return MISSING
    return "" if hashlib.sha256(content).hexdigest() == recorded else MISMATCH
