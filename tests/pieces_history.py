"""Histories made of bits of markdown, for the property tests that read each version in
pieces (caches kept from the version before, as `import-history` reads them) against its
reading whole."""

from __future__ import annotations

from collections.abc import Sequence

from publisher.errors import DataError
from publisher.importer import clear_caches, import_markdown, import_markdown_bytes, rotate_caches


def edited_versions(
    bits: Sequence[str], start: list[int], edits: list[tuple[int, int, list[int]]]
) -> list[str]:
    """The versions of a document: ``start`` (indexes into ``bits``), then each edit (where,
    how many bits removed there, the bits added there) applied to the one before."""
    current = list(start)
    versions = ["".join(bits[bit] for bit in current)]
    for at, removed, added in edits:
        at = at % (len(current) + 1)
        current[at : at + removed] = added
        versions.append("".join(bits[bit] for bit in current))
    return versions


def _read(text: str, *, as_bytes: bool = False, pieces: bool = True) -> object:
    try:
        if as_bytes:
            return import_markdown_bytes(text.encode(), "road.md")
        return import_markdown(text, "road.md", pieces=pieces)
    except DataError as error:
        return str(error)


def assert_each_version_reads_as_the_whole(
    versions: Sequence[str], rotations: Sequence[int] = ()
) -> None:
    """Each version read after the one before (caches kept, pieces reused and moved), as
    bytes and as text, is its reading whole from empty caches. ``rotations``: how many
    times the caches rotate after each version is read (`rotate_caches`, as import-history
    does every so many versions), none for the versions past its end."""
    expected = []
    for text in versions:
        clear_caches()
        expected.append(_read(text, pieces=False))
    clear_caches()
    for index, (text, alone) in enumerate(zip(versions, expected, strict=True)):
        for as_bytes in (True, False):
            assert _read(text, as_bytes=as_bytes) == alone, text
        for _ in range(rotations[index] if index < len(rotations) else 0):
            rotate_caches()
