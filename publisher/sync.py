"""The README as the source: `publisher sync` imports a markdown road map and releases it
when its road map changed since the latest release.

A scheduled job runs it often, and mostly nothing changed: that answer must cost about what
an import does. So this module imports nothing heavy, and decides "unchanged" from the text
alone when it can (a release `sync` made is a release block over the very YAML the import
writes); only otherwise is the history read and the road maps compared (`publisher.freeze`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher.model import Release, Roadmap, natural_key
from publisher.project import Project, release_files

if TYPE_CHECKING:
    from publisher.importer import ImportResult

_HEAD_BYTES = 4096
_HEAD_DATE = re.compile(rb"\n  date: (\d{4})-(\d{2})-(\d{2})[ \t]*\n")


def is_release_of(release_file_text: str, working_text: str) -> bool:
    """Whether a release file is a ``release:`` block followed by ``working_text`` exactly,
    as `freeze.release_text` writes it: then both hold the same road map, unparsed."""
    if not working_text or not release_file_text.endswith(working_text):
        return False
    block = release_file_text[: len(release_file_text) - len(working_text)]
    lines = block.split("\n")
    return (
        block.endswith("\n")
        and lines[0] == "release:"
        and all(not line or line[0] in " \t" for line in lines[1:])
    )


def unchanged_by_text(project: Project, working_text: str) -> Release | None:
    """The latest release when its file is ``working_text`` under a release block, found by
    reading only the head of each release file (no hashing, no YAML). None when it is not,
    or when any file is unusual: then the caller compares properly."""
    heads: list[tuple[dt.date, Any, Path]] = []
    for path in release_files(project):
        if path.is_symlink():
            return None
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
        dates = _HEAD_DATE.findall(head.split(b"\ntitle:", 1)[0] + b"\n")
        if not head.startswith(b"release:\n") or len(dates) != 1:
            return None
        try:
            day = dt.date(*map(int, dates[0]))
        except ValueError:
            return None
        heads.append((day, natural_key(path.stem), path))
    if not heads:
        return None
    day, _, path = max(heads, key=lambda head: (head[0], head[1]))
    text = path.read_bytes().decode("utf-8", "replace")
    if not is_release_of(text, working_text):
        return None
    # The block must say, as the freezer writes it, what the file's name and head said.
    lines = text[: len(text) - len(working_text)].split("\n")
    if lines[1:3] != [f"  version: {json.dumps(path.stem)}", f"  date: {day.isoformat()}"]:
        return None
    return Release(version=path.stem, date=day)


def keep_released_section_ids(project: Project, imported: ImportResult) -> ImportResult:
    """``imported`` with each section under its id in the latest release, a renamed one too
    (`publisher.diff.keep_section_ids`): the ids an import makes are its titles' slugs, and a
    section's feeds (``sections/<id>/``) and the subscribers who chose it follow its id.
    ``imported`` itself when no id changes (or there is no release)."""
    from publisher.freeze import latest_release

    latest = latest_release(project)
    return imported if latest is None else _with_section_ids_of(latest[1], imported)


def _with_section_ids_of(previous: Roadmap, imported: ImportResult) -> ImportResult:
    # `keep_released_section_ids` with the latest release's road map read.
    from publisher.diff import keep_section_ids

    roadmap = keep_section_ids(previous, imported.roadmap, imported.explicit_section_ids)
    if roadmap is imported.roadmap:
        return imported
    return dataclasses.replace(imported, roadmap=roadmap)


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncResult:
    """What `sync_markdown` did: the import, and the release it wrote (None: no change)."""

    imported: ImportResult
    release: Release | None  # the release written, or the latest one when nothing changed
    path: Path | None = None


def sync_markdown(
    project: Project,
    markdown: bytes,
    label: str,
    *,
    date: dt.date,
    title: str = "",
    keep_sections: tuple[str, ...] = (),
    base_url: str = "",
    html_links: bool = False,
    name: str = "",
    repository: str = "",
) -> SyncResult:
    """Import a markdown road map and, when its road map differs from the latest release's,
    release it as the first free ``YYYY.MM.DD`` version of ``date`` (writing data/roadmap.yaml
    too). Unchanged: writes nothing. Raises DataError for a markdown file that cannot be read.
    ``keep_sections``, ``base_url``, ``html_links``, ``name`` and ``repository``: as for
    `publisher.importer.import_markdown`.
    """
    from publisher.dump import dump_roadmap
    from publisher.importer import import_markdown_bytes

    imported = import_markdown_bytes(
        markdown,
        label,
        keep_sections=keep_sections,
        base_url=base_url,
        html_links=html_links,
        name=name,
        repository=repository,
    )
    working_text = dump_roadmap(imported.roadmap)
    quick = unchanged_by_text(project, working_text)
    if quick is not None:
        return SyncResult(imported=imported, release=quick)
    from publisher.freeze import (
        compare_with_latest,
        create_release,
        latest_release,
        next_date_version,
    )

    # The latest release is read once: for its section ids, then to compare with.
    released = latest_release(project)
    latest: Release | None = None
    same = False
    if released is not None:
        kept = _with_section_ids_of(released[1], imported)
        if kept is not imported:
            imported, working_text = kept, dump_roadmap(kept.roadmap)
        latest, same = compare_with_latest(project, working_text, released)
    if same:
        return SyncResult(imported=imported, release=latest)
    version = next_date_version(project, date)
    path = create_release(
        project, version, date=date, title=title, working_text=working_text, allow_empty=True
    )
    return SyncResult(
        imported=imported, release=Release(version=version, date=date, title=title), path=path
    )
