"""Release files written by tests as `publisher release` writes them: with the digest of
their content (a release without one is refused, see publisher/release_digest.py)."""

from __future__ import annotations

from pathlib import Path

from publisher.load import load_snapshot
from publisher.release_digest import with_digest


def write_release(path: Path, text: str) -> Path:
    """Write ``text`` (a release file) to ``path`` with its digest line; return ``path``."""
    path.write_bytes(with_digest(text.encode("utf-8")))
    return path


def edit_release(path: Path, old: str, new: str) -> Path:
    """Replace ``old`` by ``new`` in a release file, as an edit on purpose (re-frozen)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    return write_release(path, text.replace(old, new))


def top_sections_by_release(project: Path) -> list[list[tuple[str, str]]]:
    """(title, id) of each top-level section of each release of ``project``, oldest first."""
    return [
        [(section.title, section.id) for section in load_snapshot(path).roadmap.sections]
        for path in sorted((project / "data" / "releases").glob("*.yaml"))
    ]
