"""Freezing a release: data/roadmap.yaml written as data/releases/VERSION.yaml, with a
``release:`` block on top. Reading releases back is `publisher.release_history`'s job."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher import load, release_digest, yaml_reader
from publisher.errors import DataError, NotFoundError, Problem, PublisherError
from publisher.model import Release
from publisher.output import write_files
from publisher.project import Project
from publisher.release_history import (
    HistoryCache,
    ReleaseFile,
    index_releases,
    known_versions,
    load_indexed,
    release_path,
)

if TYPE_CHECKING:
    from publisher.importer import ImportResult


def _release_block_text(version: str, date: dt.date, title: str, notes: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: safe for any title.
    lines = ["release:", f"  version: {json.dumps(version)}", f"  date: {date.isoformat()}"]
    if title:
        lines.append(f"  title: {json.dumps(title, ensure_ascii=False)}")
    if notes.strip():
        if notes[:1].isspace() or "\r" in notes:
            # A block scalar cannot start with indentation without an indicator: quote it.
            lines.append(f"  notes: {json.dumps(notes, ensure_ascii=False)}")
        else:
            # Chomping keeps the notes' trailing line breaks exactly: none, one, or more.
            chomping = "-" if not notes.endswith("\n") else "+" if notes.endswith("\n\n") else ""
            lines.append(f"  notes: |{chomping}")
            lines.extend(f"    {line}" if line else "" for line in notes.splitlines())
    return "\n".join(lines) + "\n"


def _after_document_start(text: str) -> tuple[str, str]:
    """Split off leading comments and a ``---`` line, so the release block goes after them."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "%")) or stripped == "---":
            continue
        return "".join(lines[:index]), "".join(lines[index:])
    return text, ""


def release_text(working_text: str, *, version: str, date: dt.date, title: str, notes: str) -> str:
    """The frozen file: a ``release:`` block, then the working copy's text as written."""
    # Comments and a "---" at the top of the working copy stay at the top of the release.
    head, body = _after_document_start(working_text)
    text = head + _release_block_text(version, date, title, notes) + body
    # The digest of the frozen content, so a file cut short or edited is caught on load.
    return release_digest.with_digest(text.encode("utf-8")).decode("utf-8")


def refreeze_release(project: Project, version: str) -> Path:
    """Record the digest of release ``version`` as its file is now (changed on purpose) and
    return its path. Raises NotFoundError for an unknown version, DataError when the file
    does not load as a release of that version."""
    path = release_path(project, version)
    if not path.is_file():
        versions = ", ".join(known_versions(project)[-10:]) or "none yet"
        raise NotFoundError(f"release {version!r} does not exist (releases: {versions})")
    label = project.label(path)
    data = load.read_project_file(project, path)
    try:
        frozen = release_digest.with_digest(data)
    except ValueError:
        raise DataError([Problem(path=label, key="release", message="is required")]) from None
    snapshot = load.build_snapshot(yaml_reader.parse_yaml_bytes(frozen, label), label, release=True)
    assert snapshot.release is not None
    if snapshot.release.version != version:
        raise DataError(
            [
                Problem(
                    path=label,
                    key="release.version",
                    message=f"{snapshot.release.version!r} does not match the file name",
                )
            ]
        )
    write_files({path: frozen})
    return path


def read_notes(path: Path) -> str:
    """The text of a notes file; raises NotFoundError or DataError (not UTF-8)."""
    data = yaml_reader.read_bytes(path, str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            [Problem(path=str(path), message=f"not valid UTF-8 (byte 0x{data[error.start]:02x})")]
        ) from None


def _latest_entry(project: Project) -> tuple[HistoryCache, ReleaseFile | None]:
    # The cache `build` writes, read only: commands that only release write no state.
    history_cache = HistoryCache.at(project.cache_dir, read_only=True)
    entries = index_releases(project, history_cache)
    return history_cache, entries[-1] if entries else None


def _is_release_of(release_file_text: str, working_text: str) -> bool:
    """Whether a release file is a ``release:`` block followed by ``working_text`` exactly,
    as `release_text` writes it: then both hold the same road map, without parsing either."""
    if not working_text or not release_file_text.endswith(working_text):
        return False
    block = release_file_text[: len(release_file_text) - len(working_text)]
    lines = block.split("\n")
    return (
        block.endswith("\n")
        and lines[0] == "release:"
        and all(not line or line[0] in " \t" for line in lines[1:])
    )


_HEAD_BYTES = 4096
_HEAD_DATE = re.compile(rb"\n  date: (\d{4})-(\d{2})-(\d{2})[ \t]*\n")


def _unchanged_by_text(project: Project, working_text: str) -> Release | None:
    """The latest release when its file is ``working_text`` under a release block, found by
    reading only the head of each release file (no hashing, no YAML): the common case of a
    scheduled sync, which must cost about what an import does. None when it is not, or when
    any file is unusual: then the caller compares properly."""
    from publisher.model import natural_key
    from publisher.project import release_files

    heads: list[tuple[dt.date, Any, Path]] = []
    for path in release_files(project):
        if path.is_symlink():
            return None
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
        dates = _HEAD_DATE.findall(head.split(b"\ntitle:", 1)[0])
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
    text = load.read_project_file(project, path).decode("utf-8", "replace")
    if not _is_release_of(text, working_text):
        return None
    # Only the block of this one file is parsed: it must say what its head seemed to.
    block = text[: len(text) - len(working_text)]
    try:
        fields = yaml_reader.parse_yaml_bytes(block.encode("utf-8"), project.label(path))
    except DataError:
        return None
    release = fields.get("release") if isinstance(fields, dict) else None
    if not isinstance(release, dict) or (release.get("version"), release.get("date")) != (
        path.stem,
        day,
    ):
        return None
    return Release(version=path.stem, date=day)


def compare_with_latest(project: Project, working_text: str) -> tuple[Release | None, bool]:
    """The latest release (None when there is none) and whether ``working_text`` (a working
    copy's YAML) holds the same road map. A working copy that does not load differs."""
    quick = _unchanged_by_text(project, working_text)
    if quick is not None:
        return quick, True
    history_cache, latest = _latest_entry(project)
    if latest is None:
        return None, False
    release_file = load.read_project_file(project, latest.path).decode("utf-8", "replace")
    if _is_release_of(release_file, working_text):
        return latest.release, True
    label = project.label(project.working_path)
    try:
        working = load.build_snapshot(
            yaml_reader.parse_yaml_bytes(working_text.encode("utf-8"), label), label, release=False
        )
    except DataError:
        return latest.release, False
    frozen = load_indexed(project, latest, history_cache)
    return latest.release, working.roadmap == frozen.roadmap


def prepare_release(
    project: Project,
    version: str,
    *,
    date: dt.date,
    title: str = "",
    notes: str = "",
    working_text: str | None = None,
    allow_empty: bool = False,
) -> tuple[Path, str]:
    """The path and text of release ``version``, validated, without writing anything.

    ``working_text``: the working copy to freeze (default: data/roadmap.yaml as it is).
    Refuses a malformed or existing version, a date before the latest release's, a working
    copy with problems, and (unless ``allow_empty``) a road map the same as the latest
    release's.
    """
    if not load.VERSION_PATTERN.fullmatch(version):
        raise PublisherError(
            f"{version[:64]!r}{'…' if len(version) > 64 else ''} is not a valid version: use "
            "letters, digits, '.', '-' and '_', at most 64 characters (e.g. 2024.02)"
        )
    existing = release_path(project, version)
    if existing.exists():
        raise PublisherError(
            f"{project.label(existing)}: release {version!r} exists already "
            "(a release is frozen: choose a new version)"
        )
    history_cache, latest = _latest_entry(project)
    if latest is not None and date < latest.release.date:
        raise PublisherError(
            f"release date {date.isoformat()} is before the latest release "
            f"{latest.release.version} ({latest.release.date.isoformat()}): releases must not "
            "go back in time"
        )
    label = project.label(project.working_path)
    if working_text is None:
        data = load.read_project_file(project, project.working_path)
    else:
        data = working_text.encode("utf-8")
    # Validates the working copy itself first, so its problems name roadmap.yaml.
    load.build_snapshot(yaml_reader.parse_yaml_bytes(data, label), label, release=False)
    text = release_text(data.decode("utf-8"), version=version, date=date, title=title, notes=notes)
    target = project.releases_dir / f"{version}.yaml"
    frozen = load.build_snapshot(
        yaml_reader.parse_yaml_bytes(text.encode("utf-8"), project.label(target)),
        project.label(target),
        release=True,
    )
    assert frozen.release is not None
    if (
        frozen.release.version,
        frozen.release.date,
        frozen.release.title,
        frozen.release.notes,
    ) != (
        version,
        date,
        title,
        notes if notes.strip() else "",
    ):
        raise PublisherError(
            f"{project.label(target)}: the release block did not read back as written"
        )
    if latest is not None and not allow_empty:
        previous = load_indexed(project, latest, history_cache)
        if previous.roadmap == frozen.roadmap:
            raise PublisherError(
                f"release {version!r} would change nothing: the road map is the same as in the "
                f"latest release {latest.release.version} (edit it first, or --allow-empty to "
                "release it anyway)"
            )
    return target, text


def create_release(
    project: Project,
    version: str,
    *,
    date: dt.date,
    title: str = "",
    notes: str = "",
    working_text: str | None = None,
    allow_empty: bool = False,
) -> Path:
    """Freeze data/roadmap.yaml as data/releases/VERSION.yaml and return its path.

    With ``working_text`` (e.g. an imported README), that text is frozen and written to
    data/roadmap.yaml too, both files or neither. Refusals: see `prepare_release`.
    """
    target, text = prepare_release(
        project,
        version,
        date=date,
        title=title,
        notes=notes,
        working_text=working_text,
        allow_empty=allow_empty,
    )
    files: dict[Path, str] = {target: text}
    if working_text is not None:
        files[project.working_path] = working_text
    write_files(files)
    return target


def next_date_version(project: Project, day: dt.date) -> str:
    """The first free date-based version of ``day``: ``YYYY.MM.DD``, else ``.2``, ``.3`` …"""
    from publisher.git_history import version_name

    taken = set(known_versions(project))
    number = 1
    while version_name(day, number) in taken:
        number += 1
    return version_name(day, number)


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncResult:
    """What `sync_markdown` did: the import, and the release it wrote (None: no change)."""

    imported: ImportResult
    release: Release | None  # the release written, or the latest one when nothing changed
    path: Path | None = None


def sync_markdown(
    project: Project, markdown: bytes, label: str, *, date: dt.date, title: str = ""
) -> SyncResult:
    """Import a markdown road map and, when its road map differs from the latest release's,
    release it as the first free ``YYYY.MM.DD`` version of ``date`` (writing data/roadmap.yaml
    too). Unchanged: writes nothing. Raises DataError for a markdown file that cannot be read.
    """
    from publisher.dump import dump_roadmap
    from publisher.importer import import_markdown_bytes

    imported = import_markdown_bytes(markdown, label)
    working_text = dump_roadmap(imported.roadmap)
    latest, same = compare_with_latest(project, working_text)
    if same:
        return SyncResult(imported=imported, release=latest)
    version = next_date_version(project, date)
    path = create_release(
        project, version, date=date, title=title, working_text=working_text, allow_empty=True
    )
    return SyncResult(
        imported=imported, release=Release(version=version, date=date, title=title), path=path
    )
