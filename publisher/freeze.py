"""Freezing a release: data/roadmap.yaml written as data/releases/VERSION.yaml, with a
``release:`` block on top. Reading releases back is `publisher.release_history`'s job."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from publisher import load, release_digest, yaml_reader
from publisher.errors import DataError, NotFoundError, Problem, PublisherError
from publisher.model import Release, Roadmap, Snapshot
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


def latest_release(project: Project) -> tuple[ReleaseFile, Roadmap] | None:
    """The latest release file and its road map (None when there is none), through the
    history cache."""
    history_cache, latest = _latest_entry(project)
    if latest is None:
        return None
    return latest, load_indexed(project, latest, history_cache).roadmap


def compare_with_latest(
    project: Project, working_text: str, latest: tuple[ReleaseFile, Roadmap] | None = None
) -> tuple[Release | None, bool]:
    """The latest release (None when there is none) and whether ``working_text`` (a working
    copy's YAML) holds the same road map. A working copy that does not load differs.
    ``latest``: the latest release as `latest_release` gave it, when the caller read it."""
    from publisher.sync import is_release_of, unchanged_by_text

    if latest is None:
        quick = unchanged_by_text(project, working_text)
        if quick is not None:
            return quick, True
        history_cache, entry = _latest_entry(project)
        if entry is None:
            return None, False
    else:
        entry = latest[0]
    release_file = load.read_project_file(project, entry.path).decode("utf-8", "replace")
    if is_release_of(release_file, working_text):
        return entry.release, True
    label = project.label(project.working_path)
    try:
        working = load.build_snapshot(
            yaml_reader.parse_yaml_bytes(working_text.encode("utf-8"), label), label, release=False
        )
    except DataError:
        return entry.release, False
    frozen = latest[1] if latest else load_indexed(project, entry, history_cache).roadmap
    return entry.release, working.roadmap == frozen


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
    data/roadmap.yaml too, both files or neither. Refuses, writing nothing, a malformed or
    existing version, a date before the latest release's, a working copy with problems, and
    (unless ``allow_empty``) a road map the same as the latest release's.
    """
    _check_new_version(project, version)
    history_cache, latest = _latest_entry(project)
    if latest is not None and date < latest.release.date:
        raise PublisherError(
            f"release date {date.isoformat()} is before the latest release "
            f"{latest.release.version} ({latest.release.date.isoformat()}): releases must not "
            "go back in time"
        )
    target = project.releases_dir / f"{version}.yaml"
    release = Release(version=version, date=date, title=title, notes=notes)
    text, frozen = _frozen(project, target, release, working_text)
    if latest is not None and not allow_empty:
        previous = load_indexed(project, latest, history_cache)
        if previous.roadmap == frozen.roadmap:
            raise PublisherError(
                f"release {version!r} would change nothing: the road map is the same as in the "
                f"latest release {latest.release.version} (edit it first, or --allow-empty to "
                "release it anyway)"
            )
    files: dict[Path, str] = {target: text}
    if working_text is not None:
        files[project.working_path] = working_text
    write_files(files)
    return target


def _check_new_version(project: Project, version: str) -> None:
    """Refuse a version that is malformed or released already."""
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


def _frozen(
    project: Project, target: Path, release: Release, working_text: str | None
) -> tuple[str, Snapshot]:
    """The text of release file ``target`` (``working_text``, default data/roadmap.yaml,
    under the ``release`` block) and the snapshot it reads back as. The working copy is
    validated first, so its problems name roadmap.yaml; a block that does not read back as
    written is refused."""
    label = project.label(project.working_path)
    if working_text is None:
        data = load.read_project_file(project, project.working_path)
    else:
        data = working_text.encode("utf-8")
    load.build_snapshot(yaml_reader.parse_yaml_bytes(data, label), label, release=False)
    text = release_text(
        data.decode("utf-8"),
        version=release.version,
        date=release.date,
        title=release.title,
        notes=release.notes,
    )
    frozen = load.build_snapshot(
        yaml_reader.parse_yaml_bytes(text.encode("utf-8"), project.label(target)),
        project.label(target),
        release=True,
    )
    assert frozen.release is not None
    read_back = frozen.release
    if (read_back.version, read_back.date, read_back.title, read_back.notes) != (
        release.version,
        release.date,
        release.title,
        release.notes if release.notes.strip() else "",
    ):
        raise PublisherError(
            f"{project.label(target)}: the release block did not read back as written"
        )
    return text, frozen


def next_date_version(project: Project, day: dt.date) -> str:
    """The first free date-based version of ``day``: ``YYYY.MM.DD``, else ``.2``, ``.3`` …"""
    from publisher.git_history import version_name

    taken = set(known_versions(project))
    number = 1
    while version_name(day, number) in taken:
        number += 1
    return version_name(day, number)
