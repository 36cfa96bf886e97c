"""Reading the release history (data/releases/): finding one release, ordering them all, and
streaming their diffs one release at a time, cached. (`publisher.git_history` reads git's
history, for import-history; `publisher.freeze` writes a release.)

Building needs every release's diff against the one before. Holding every release of a long
history in memory costs too much (2,000 releases of 600 resources are over a million
resources), so releases are put in order from their ``release:`` blocks alone, then loaded
one at a time, each kept only until the next one is diffed against it.

With a cache folder, each release's model is kept under the sha256 of its file, and each
consecutive pair's diff under both files' keys: after one new release, only that release and
the one before it are read and diffed, the rest of the history comes from the cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from publisher import cache
from publisher.diff import EMPTY_ROADMAP, RoadmapDiff, diff
from publisher.errors import DataError, NotFoundError, Problem
from publisher.load import (
    VERSION_PATTERN,
    ResourceMemo,
    load_release_file,
    load_snapshot,
    read_project_file,
)
from publisher.model import Release, Snapshot, natural_key
from publisher.project import Project, release_files
from publisher.yaml_reader import parse_yaml_bytes

Progress = Callable[[Iterator["ReleaseFile"]], Iterator["ReleaseFile"]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseFile:
    """A release file located and keyed, before its road map is read."""

    path: Path
    key: str  # sha256 of the file's bytes
    release: Release  # version and date: what orders releases


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseIndex:
    """The ``release:`` headers of a project's release files, by each file's sha256, in one
    cache entry: a build reads one entry instead of one per release."""

    keys: tuple[str, ...]
    releases: tuple[Release, ...]


_INDEX_KEY = cache.content_key(b"release index")


@dataclass(slots=True)
class HistoryCache:
    """The snapshot and diff caches of one project (no folder: nothing is cached)."""

    snapshots: cache.Cache
    diffs: cache.Cache
    headers: cache.Cache
    index: cache.Cache

    @classmethod
    def at(cls, folder: Path | None, *, read_only: bool = False) -> HistoryCache:
        """The caches under ``folder`` (e.g. .publisher/cache), or disabled caches for None."""
        code = cache.code_fingerprint()[:16]
        return cls(
            snapshots=cache.Cache(folder, Snapshot, f"snapshot-{code}", read_only=read_only),
            diffs=cache.Cache(folder, RoadmapDiff, f"diff-{code}", read_only=read_only),
            headers=cache.Cache(folder, Release, f"release-{code}", read_only=read_only),
            index=cache.Cache(folder, ReleaseIndex, f"release-index-{code}", read_only=read_only),
        )


def _read_release_block(data: bytes) -> Release | None:
    """The ``release:`` block at the top of a release file, parsed alone (fast); None when
    the file does not start with one or it is unusual, and the whole file must be read."""
    lines = data.split(b"\n", 64)
    start = 0
    while start < len(lines) and (
        not lines[start].strip() or lines[start].startswith((b"#", b"---"))
    ):
        start += 1
    if start >= len(lines) or lines[start].rstrip() != b"release:":
        return None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][:1] in (b" ", b"\t", b"#")):
        end += 1
    if end >= len(lines):
        return None
    try:
        # The hardened reader, as for the whole file: a header it refuses is read whole, to
        # report the problem with the file's own line numbers.
        fields = parse_yaml_bytes(b"\n".join(lines[start:end]), "release block")["release"]
        version, date = fields["version"], fields["date"]
    except (DataError, TypeError, KeyError):
        return None
    if not isinstance(version, str) or type(date) is not dt.date:
        return None
    # Only what orders releases: the rest of the block is read, and checked, with the file.
    return Release(version=version, date=date)


def release_path(project: Project, version: str) -> Path:
    """Where the release ``version`` lives (an existing ``.yml`` file counts too)."""
    path = project.releases_dir / f"{version}.yaml"
    alternative = path.with_suffix(".yml")
    return alternative if not path.exists() and alternative.exists() else path


def known_versions(project: Project) -> list[str]:
    """The versions that have a release file, in natural order (nothing is parsed)."""
    return sorted((path.stem for path in release_files(project)), key=natural_key)


def load_release(project: Project, version: str) -> Snapshot:
    """The release ``version``, reading only its own file; raises NotFoundError naming the
    versions that exist."""
    path = release_path(project, version)
    if not VERSION_PATTERN.fullmatch(version) or not path.is_file():
        hint = unknown_version_hint(version, known_versions(project))
        where = project.label(project.releases_dir)
        raise NotFoundError(f"no release {version!r} in {where} ({hint})")
    return load_release_file(project, path)


def _looks_like_path(argument: str) -> bool:
    return "/" in argument or "\\" in argument or argument.endswith((".yaml", ".yml"))


def load_diff_side(project: Project, argument: str) -> Snapshot:
    """One side of ``publisher diff``: a release version, else a YAML file (a snapshot or a
    working copy). Reads only that file; raises NotFoundError when it is neither."""
    if not _looks_like_path(argument) and release_path(project, argument).is_file():
        return load_release(project, argument)
    path = Path(argument)
    if path.is_file() or _looks_like_path(argument):
        return load_snapshot(path, label=project.label(path) if path.is_absolute() else argument)
    hint = unknown_version_hint(argument, known_versions(project))
    raise NotFoundError(f"{argument!r} is neither a release nor a file ({hint})")


def latest_two(project: Project) -> tuple[Snapshot, Snapshot]:
    """The two latest releases (by date, then version); raises NotFoundError with fewer."""
    history_cache = HistoryCache.at(project.cache_dir, read_only=True)
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


def index_releases(
    project: Project,
    history_cache: HistoryCache | None = None,
    known_keys: Mapping[Path, str] | None = None,
) -> list[ReleaseFile]:
    """Every release file of the project in release order, without reading its road map.

    ``known_keys``: the sha256 of files the caller has just hashed (a build's fingerprint
    does), so a file whose header is cached is not read again.
    Raises DataError for files that are not valid, and for versions used twice.
    """
    history_cache = history_cache or HistoryCache.at(None)
    index = history_cache.index.get(_INDEX_KEY)
    indexed: dict[str, Release] = {}
    if isinstance(index, ReleaseIndex) and len(index.keys) == len(index.releases):
        indexed = dict(zip(index.keys, index.releases, strict=True))
    entries: list[ReleaseFile] = []
    problems: list[Problem] = []
    for path in sorted(release_files(project)):
        known = (known_keys or {}).get(path)
        header = (indexed.get(known) or history_cache.headers.get(known)) if known else None
        if isinstance(header, Release) and header.version == path.stem:
            entries.append(ReleaseFile(path=path, key=str(known), release=header))
            continue
        data = read_project_file(project, path)
        key = cache.content_key(data)
        cached = indexed.get(key) or history_cache.headers.get(key)
        release = cached or _read_release_block(data)
        if release is None or release.version != path.stem:
            try:
                snapshot = load_release_file(project, path)
            except DataError as error:
                problems.extend(error.problems)
                continue
            assert snapshot.release is not None
            release = snapshot.release
            history_cache.snapshots.put(key, snapshot)
        if release != cached:
            # Only when new: rewriting thousands of entries on every build costs more than
            # reading them.
            history_cache.headers.put(key, release)
        entries.append(ReleaseFile(path=path, key=key, release=release))
    first_file: dict[str, Path] = {}
    for entry in entries:
        version = entry.release.version
        if version in first_file:
            problems.append(
                Problem(
                    path=project.label(entry.path),
                    key="release.version",
                    message=f"release {version!r} is also in {project.label(first_file[version])}",
                )
            )
        first_file.setdefault(version, entry.path)
    if problems:
        raise DataError(problems)
    if {entry.key: entry.release for entry in entries} != indexed:
        # Rewritten only when a release file is added, changed or removed.
        history_cache.index.put(
            _INDEX_KEY,
            ReleaseIndex(
                keys=tuple(entry.key for entry in entries),
                releases=tuple(entry.release for entry in entries),
            ),
        )
    return sorted(entries, key=lambda entry: entry.release.sort_key)


def load_indexed(
    project: Project,
    entry: ReleaseFile,
    history_cache: HistoryCache,
    *,
    memo: ResourceMemo | None = None,
) -> Snapshot:
    """The road map of one indexed release, from the cache or from its file (``memo``: see
    `load_release_file`)."""
    snapshot = history_cache.snapshots.get(entry.key)
    if isinstance(snapshot, Snapshot):
        return snapshot
    snapshot = load_release_file(project, entry.path, memo=memo)
    history_cache.snapshots.put(entry.key, snapshot)
    return snapshot


def iter_history(
    project: Project,
    *,
    cache_dir: Path | None = None,
    read_only: bool = False,
    progress: Progress | None = None,
    known_keys: Mapping[Path, str] | None = None,
    entries: Sequence[ReleaseFile] | None = None,
) -> Iterator[RoadmapDiff]:
    """Each release's diff against the one before, oldest first (the first against an empty
    road map), loading at most two releases at a time. ``read_only``: use the cache in
    ``cache_dir`` without adding to it; ``known_keys``: see `index_releases`; ``entries``:
    the project's releases as `index_releases` returned them, when the caller has them.

    Raises DataError, after reading every file, when any release is not valid.
    """
    history_cache = HistoryCache.at(cache_dir, read_only=read_only)
    if entries is None:
        entries = index_releases(project, history_cache, known_keys)
    previous: Snapshot | None = EMPTY_ROADMAP
    previous_entry: ReleaseFile | None = None
    problems: list[Problem] = []
    # Consecutive releases share most resources: each is checked once (see ResourceMemo).
    memo = ResourceMemo()
    for entry in progress(iter(entries)) if progress else entries:
        diff_key = pair_key(previous_entry, entry)
        cached = None if problems else history_cache.diffs.get(diff_key)
        if isinstance(cached, RoadmapDiff):
            previous, previous_entry = None, entry
            yield cached
            continue
        try:
            current = load_indexed(project, entry, history_cache, memo=memo)
        except DataError as error:
            problems.extend(error.problems)
            previous, previous_entry = None, entry
            continue
        if problems:
            previous, previous_entry = current, entry
            continue
        if previous is None:
            assert previous_entry is not None
            previous = load_indexed(project, previous_entry, history_cache)
        changes = diff(previous, current)
        history_cache.diffs.put(diff_key, changes)
        previous, previous_entry = current, entry
        yield changes
    if problems:
        raise DataError(problems)


def pair_key(previous: ReleaseFile | None, entry: ReleaseFile) -> str:
    """The key of a release's diff against the release before (None: the first release):
    both files' sha256. With the code's fingerprint it decides the diff."""
    return cache.content_key(f"{previous.key if previous else 'empty'}-{entry.key}".encode())


CLOSEST_SHOWN = 5


def unknown_version_hint(version: str, versions: list[str]) -> str:
    """What to say about a version that does not exist: every release when there are a few,
    else the closest few and the latest (a list of 1,500 versions helps no one)."""
    import difflib

    if not versions:
        return "there is no release yet"
    if len(versions) <= CLOSEST_SHOWN:
        return f"releases: {', '.join(versions)}"
    close = difflib.get_close_matches(version, versions, n=CLOSEST_SHOWN, cutoff=0.0)
    order = {name: index for index, name in enumerate(versions)}
    shown = ", ".join(sorted(close, key=order.__getitem__))
    return f"closest: {shown}; {len(versions):,} releases, the latest {versions[-1]}"


def release_diff(
    project: Project, version: str | None = None, *, cache_dir: Path | None = None
) -> RoadmapDiff:
    """The diff of release ``version`` (default: the latest) against the release before it,
    reading only those two releases. Uses the cache `build` writes, without adding to it
    (commands that only show or send write no state). Raises NotFoundError for an unknown
    version."""
    history_cache = HistoryCache.at(cache_dir, read_only=True)
    entries = index_releases(project, history_cache)
    versions = [entry.release.version for entry in entries]
    if not versions:
        raise NotFoundError("there is no release yet: make one with 'publisher release VERSION'")
    if version is None:
        index = len(versions) - 1
    elif version in versions:
        index = versions.index(version)
    else:
        hint = unknown_version_hint(version, versions)
        raise NotFoundError(f"release {version!r} does not exist ({hint})")
    entry = entries[index]
    previous_entry = entries[index - 1] if index > 0 else None
    diff_key = pair_key(previous_entry, entry)
    cached = history_cache.diffs.get(diff_key)
    if isinstance(cached, RoadmapDiff):
        return cached
    previous = (
        load_indexed(project, previous_entry, history_cache) if previous_entry else EMPTY_ROADMAP
    )
    changes = diff(previous, load_indexed(project, entry, history_cache))
    history_cache.diffs.put(diff_key, changes)
    return changes


def iter_snapshots(project: Project, *, cache_dir: Path | None = None) -> Iterator[Snapshot]:
    """Every release's road map in release order, one at a time (from the cache when there;
    read only, as for `release_diff`)."""
    history_cache = HistoryCache.at(cache_dir, read_only=True)
    memo = ResourceMemo()
    for entry in index_releases(project, history_cache):
        yield load_indexed(project, entry, history_cache, memo=memo)
