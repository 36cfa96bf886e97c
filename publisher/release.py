"""Releases: freeze the working copy as data/releases/VERSION.yaml, and find releases again."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from publisher import load
from publisher.errors import DataError, NotFoundError, Problem, PublisherError
from publisher.model import Release, Snapshot
from publisher.output import write_files
from publisher.releases import (
    HistoryCache,
    ReleaseFile,
    index_releases,
    load_indexed,
    unknown_version_hint,
)

if TYPE_CHECKING:
    from publisher.importer import ImportResult


def release_path(project: load.Project, version: str) -> Path:
    """Where the release ``version`` lives (an existing ``.yml`` file counts too)."""
    path = project.releases_dir / f"{version}.yaml"
    alternative = path.with_suffix(".yml")
    return alternative if not path.exists() and alternative.exists() else path


def known_versions(project: load.Project) -> list[str]:
    """The versions that have a release file, in natural order (nothing is parsed)."""
    from publisher.model import natural_key

    return sorted((path.stem for path in load.release_files(project)), key=natural_key)


def load_release(project: load.Project, version: str) -> Snapshot:
    """The release ``version``, reading only its own file; raises NotFoundError naming the
    versions that exist."""
    path = release_path(project, version)
    if not load.VERSION_PATTERN.fullmatch(version) or not path.is_file():
        hint = unknown_version_hint(version, known_versions(project))
        where = project.label(project.releases_dir)
        raise NotFoundError(f"no release {version!r} in {where} ({hint})")
    return load.load_release_file(project, path)


def _release_block(version: str, date: dt.date, title: str, notes: str) -> str:
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
    return head + _release_block(version, date, title, notes) + body


def read_notes(path: Path) -> str:
    """The text of a notes file; raises NotFoundError or DataError (not UTF-8)."""
    data = load.read_bytes(path, str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            [Problem(path=str(path), message=f"not valid UTF-8 (byte 0x{data[error.start]:02x})")]
        ) from None


def _latest_entry(project: load.Project) -> tuple[HistoryCache, ReleaseFile | None]:
    # The cache `build` writes, read only: commands that only release write no state.
    history_cache = HistoryCache.at(project.state_dir / "cache", read_only=True)
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


def compare_with_latest(project: load.Project, working_text: str) -> tuple[Release | None, bool]:
    """The latest release (None when there is none) and whether ``working_text`` (a working
    copy's YAML) holds the same road map. A working copy that does not load differs."""
    history_cache, latest = _latest_entry(project)
    if latest is None:
        return None, False
    release_file = load.read_project_file(project, latest.path).decode("utf-8", "replace")
    if _is_release_of(release_file, working_text):
        return latest.release, True
    label = project.label(project.working_path)
    try:
        working = load.build_snapshot(
            load.parse_yaml_bytes(working_text.encode("utf-8"), label), label, release=False
        )
    except DataError:
        return latest.release, False
    frozen = load_indexed(project, latest, history_cache)
    return latest.release, working.roadmap == frozen.roadmap


def prepare_release(
    project: load.Project,
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
            f"{version!r} is not a valid version: use letters, digits, '.', '-' and '_' "
            "(e.g. 2024.02)"
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
    load.build_snapshot(load.parse_yaml_bytes(data, label), label, release=False)
    text = release_text(data.decode("utf-8"), version=version, date=date, title=title, notes=notes)
    target = project.releases_dir / f"{version}.yaml"
    frozen = load.build_snapshot(
        load.parse_yaml_bytes(text.encode("utf-8"), project.label(target)),
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
    project: load.Project,
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


def next_date_version(project: load.Project, day: dt.date) -> str:
    """The first free date-based version of ``day``: ``YYYY.MM.DD``, else ``.2``, ``.3`` …"""
    from publisher.history import version_name

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
    project: load.Project, markdown: bytes, label: str, *, date: dt.date, title: str = ""
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


def _looks_like_path(argument: str) -> bool:
    return "/" in argument or "\\" in argument or argument.endswith((".yaml", ".yml"))


def load_diff_side(project: load.Project, argument: str) -> Snapshot:
    """One side of ``publisher diff``: a release version, else a YAML file (a snapshot or a
    working copy). Reads only that file; raises NotFoundError when it is neither."""
    if not _looks_like_path(argument) and release_path(project, argument).is_file():
        return load_release(project, argument)
    path = Path(argument)
    if path.is_file() or _looks_like_path(argument):
        return load.load_snapshot(
            path, label=project.label(path) if path.is_absolute() else argument
        )
    hint = unknown_version_hint(argument, known_versions(project))
    raise NotFoundError(f"{argument!r} is neither a release nor a file ({hint})")


def latest_two(project: load.Project) -> tuple[Snapshot, Snapshot]:
    """The two latest releases (by date, then version); raises NotFoundError with fewer."""
    history_cache = HistoryCache.at(project.state_dir / "cache", read_only=True)
    entries = index_releases(project, history_cache)
    if len(entries) < 2:
        raise NotFoundError(
            f"{project.label(project.releases_dir)}: {len(entries)} release(s); 'publisher diff' "
            "without arguments needs two (name what to compare: publisher diff OLD NEW)"
        )
    return (
        load_indexed(project, entries[-2], history_cache),
        load_indexed(project, entries[-1], history_cache),
    )
