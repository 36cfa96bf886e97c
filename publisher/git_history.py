"""A markdown road map's git history as releases.

The history read is the first-parent line of a branch: what the README's readers saw (a merge
is one step, dated by the merge; commits of merged branches, whose README may lag weeks behind,
are never releases). Commits are grouped by period (commit, day, week, month); for each period
only its last version is read (an earlier one only when that one does not parse), imported,
and kept when its road map differs from the last release's. Versions are read through one
`git cat-file --batch` process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import threading
from collections.abc import Collection, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from publisher import dump, importer
from publisher.diff import keep_section_ids
from publisher.errors import DataError, GitError, NotFoundError, Problem
from publisher.importer import ImportResult, github_repository, import_markdown_bytes
from publisher.model import Release, Roadmap, Snapshot, SourceCommit

# The importer and the YAML writer cache what they made from recent versions (most of a
# version is the one before it); rotated every so many versions read (what was not used
# since the rotation before is forgotten), the caches hold a few hundred versions' pieces,
# and memory stays flat in the length of the history. What the version being read uses
# stays: a rotation costs little more than reading its changed chapters again.
_VERSIONS_PER_CACHE = 100

_HEADER = re.compile(r"commit ([0-9a-f]{40,64}) (\d+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

Grouping = Literal["commit", "day", "week", "month"]
GROUPINGS: tuple[Grouping, ...] = ("commit", "day", "week", "month")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Commit:
    """A first-parent commit that touched the road map file, and the file's path in it."""

    hash: str
    timestamp: int  # committer date (a merge's: when it was merged), seconds since the epoch
    subject: str
    path: str

    @property
    def moment(self) -> dt.datetime:
        """The commit date and time in UTC."""
        return dt.datetime.fromtimestamp(self.timestamp, tz=dt.UTC)

    @property
    def date(self) -> dt.date:
        """The commit date in UTC."""
        return self.moment.date()


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """The commits of one release period, oldest first, and the title readers see."""

    title: str
    day: dt.date  # the date of its last commit (never before the period's before it)
    commits: tuple[Commit, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryStep:
    """One period read: the snapshot it makes (None when its road map did not change or no
    version of it parsed), the commit whose version was read last, the problems of versions
    that did not parse (each skipped), and the importer's warnings on the version read that
    the version read before it did not have (an odd line is reported once, not per version)."""

    period: Period
    commit: Commit | None = None
    snapshot: Snapshot | None = None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    versions_read: int = 0


def _run_git(git_dir: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    """git's answer to ``arguments`` in ``git_dir``, its output captured; raises GitError
    where git is not installed."""
    try:
        return subprocess.run(
            ["git", "-C", str(git_dir), *arguments], capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed (it is needed to read history)") from None


def _git(git_dir: Path, *arguments: str) -> str:
    completed = _run_git(git_dir, *arguments)
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{git_dir}: git {arguments[0]} failed: {message[-1] if message else ''}")
    return completed.stdout.decode("utf-8", "replace")


def github_remotes(git_dir: Path) -> tuple[str, ...]:
    """The ``owner/name`` of each GitHub repository among the remotes of the git work tree
    ``git_dir`` is in ("origin", "upstream" …), in the order git lists them; () outside one,
    and where git is not installed (`import` of a file needs none: nothing to learn)."""
    try:
        completed = _run_git(git_dir, "config", "--get-regexp", r"^remote\..*\.url$")
    except GitError:
        return ()
    if completed.returncode != 0:
        return ()
    found: dict[str, None] = {}
    for line in completed.stdout.decode("utf-8", "replace").splitlines():
        repository = github_repository(line.partition(" ")[2])
        if repository:
            found.setdefault(repository)
    return tuple(found)


def readme_repository(directory: Path, *, base_url: str = "", markdown: bytes = b"") -> str:
    """The GitHub repositories a README in ``directory`` is the front page of, as
    `publisher.importer.import_markdown`'s ``repository`` takes them: the base URL's when it
    is on GitHub, else those of the remotes of the git work tree ``directory`` is in; with
    those of the same name its ``markdown`` links into (a fork's upstream), or, none known,
    the one named as ``directory`` (`publisher.importer.readme_repositories`). `import`,
    `release --from`, `sync` and `import-history` all learn it here."""
    own = github_repository(base_url)
    known = (own,) if own else github_remotes(directory)
    return importer.readme_repositories(
        markdown.decode("utf-8", "replace"), known, directory.resolve().name
    )


def newest_version(git_dir: Path, commits: Sequence[Commit]) -> bytes:
    """The file as the newest of ``commits`` holds it (b"" when there is none)."""
    if not commits:
        return b""
    blobs = read_blobs(git_dir, [_request(commits[-1])])
    try:
        return next(blobs)[1] or b""
    finally:
        blobs.close()


def check_repository(git_dir: Path) -> None:
    """Raise NotFoundError/GitError unless ``git_dir`` is (inside) a git repository."""
    if not git_dir.is_dir():
        raise NotFoundError(f"{git_dir}: no such folder")
    completed = _run_git(git_dir, "rev-parse", "--git-dir")
    if completed.returncode != 0:
        raise GitError(f"{git_dir}: not a git repository")


def _resolve_ref(git_dir: Path, ref: str) -> str:
    completed = _run_git(git_dir, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if completed.returncode != 0:
        if ref == "HEAD":
            raise NotFoundError(f"{git_dir}: the repository has no commits")
        raise GitError(f"{git_dir}: {ref!r} is not a branch, tag or commit")
    return completed.stdout.decode("ascii").strip()


def list_commits(git_dir: Path, path: str, *, ref: str = "HEAD") -> tuple[Commit, ...]:
    """The first-parent commits of ``ref`` that changed ``path`` (following renames), oldest
    first, each with the file's path in that commit. A merge counts as one commit, compared
    with its first parent. Raises GitError, or NotFoundError for a file never committed."""
    check_repository(git_dir)
    tip = _resolve_ref(git_dir, ref)
    output = _git(
        git_dir,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--follow",
        "--name-status",
        "-z",
        "--format=%x00commit %H %ct%x00%s",
        tip,
        "--",
        path,
    )
    commits = _parse_log(output, path)
    if not commits:
        where = "" if ref == "HEAD" else f" on {ref}"
        raise NotFoundError(f"{git_dir}: {path} was never committed{where}")
    commits.reverse()
    return tuple(commits)


def _parse_log(output: str, path: str) -> list[Commit]:
    """Commits newest first; the path is traced back through renames."""
    tokens = output.split("\0")
    commits: list[Commit] = []
    current = path
    position = 0
    while position < len(tokens):
        match = _HEADER.fullmatch(tokens[position].strip())
        position += 1
        if not match or position >= len(tokens):
            continue
        subject = tokens[position]
        position += 1
        older = current
        while position < len(tokens) and not _HEADER.fullmatch(tokens[position].strip()):
            status = tokens[position].strip()
            if not status:
                position += 1
                continue
            count = 2 if status[:1] in ("R", "C") else 1
            paths = tokens[position + 1 : position + 1 + count]
            position += 1 + count
            if status[:1] == "R" and len(paths) == 2 and paths[1] == current:
                older = paths[0]
        commits.append(
            Commit(
                hash=match.group(1),
                timestamp=int(match.group(2)),
                subject=" ".join(_CONTROL.sub(" ", subject).split()),
                path=current,
            )
        )
        current = older
    return commits


def select_commits(
    commits: Sequence[Commit], *, limit: int | None = None, since: dt.date | None = None
) -> tuple[Commit, ...]:
    """The commits on or after ``since`` (UTC date), then only the ``limit`` most recent."""
    chosen = [commit for commit in commits if since is None or commit.date >= since]
    if limit is not None:
        chosen = chosen[-limit:] if limit else []
    return tuple(chosen)


def _period_key(day: dt.date, grouping: Grouping) -> tuple[int, ...]:
    if grouping == "week":
        iso = day.isocalendar()
        return (iso.year, iso.week)
    if grouping == "month":
        return (day.year, day.month)
    return (day.year, day.month, day.day)


def period_title(day: dt.date, grouping: Grouping) -> str:
    """How readers see a period: ``22 August 2026``, ``Week 34, 2026``, ``August 2026``."""
    if grouping == "week":
        iso = day.isocalendar()
        return f"Week {iso.week}, {iso.year}"
    if grouping == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def group_commits(commits: Sequence[Commit], grouping: Grouping) -> tuple[Period, ...]:
    """Consecutive commits (oldest first) grouped into periods of the UTC calendar.

    A commit dated before the one it follows on the line (a clock off, a rebase) counts in
    its predecessor's period: periods, like releases, follow the line's order.
    """
    periods: list[Period] = []
    current: list[Commit] = []
    current_day = dt.date.min
    for commit in commits:
        day = max(current_day, commit.date)
        if current and (
            grouping == "commit" or _period_key(day, grouping) != _period_key(current_day, grouping)
        ):
            periods.append(
                Period(
                    title=period_title(current_day, grouping),
                    day=current_day,
                    commits=tuple(current),
                )
            )
            current = []
        current.append(commit)
        current_day = day
    if current:
        periods.append(
            Period(
                title=period_title(current_day, grouping), day=current_day, commits=tuple(current)
            )
        )
    return tuple(periods)


def read_blobs(
    git_dir: Path, requests: Sequence[str]
) -> Generator[tuple[str, bytes | None], None, None]:
    """``(object id, content)`` for each ``<commit>:<path>`` in ``requests``, in order, read
    through one `git cat-file --batch` process; content is None where the file is missing."""
    process = subprocess.Popen(
        ["git", "-C", str(git_dir), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    # Written from a thread: git answers while we still ask, and both pipes have to flow.
    writer = threading.Thread(target=_write_requests, args=(process.stdin, requests), daemon=True)
    writer.start()
    try:
        for _ in requests:
            header = process.stdout.readline()
            if not header:
                raise GitError(f"{git_dir}: git cat-file stopped early")
            fields = header.split()
            if len(fields) != 3 or fields[1] != b"blob":
                yield "", None
                continue
            size = int(fields[2])
            content = process.stdout.read(size)
            process.stdout.read(1)  # the newline after each object
            yield fields[0].decode("ascii"), content
    finally:
        # Closing our end first: a reader that stopped early makes git (and the writer) stop.
        process.stdout.close()
        writer.join()
        process.wait()


def _write_requests(stream: IO[bytes], requests: Sequence[str]) -> None:
    try:
        stream.write("".join(f"{request}\n" for request in requests).encode("utf-8"))
        stream.close()
    except (BrokenPipeError, ValueError):
        pass  # the reader stopped early: it reports why


def version_name(day: dt.date, number: int) -> str:
    """``YYYY.MM.DD`` for the first version of a day, ``YYYY.MM.DD.2``, ``.3`` … after it."""
    base = f"{day.year:04d}.{day.month:02d}.{day.day:02d}"
    return base if number == 1 else f"{base}.{number}"


def _request(commit: Commit) -> str:
    return f"{commit.hash}:{commit.path}"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Version:
    """What reading one period gave: the commit read last, its blob, its import (None when
    it is the same blob as before, or nothing parsed) and the problems of skipped versions."""

    commit: Commit | None
    blob: str = ""
    result: ImportResult | None = None
    problems: tuple[Problem, ...] = ()
    reads: int = 1


def _read_period(
    git_dir: Path,
    period: Period,
    first: tuple[str, bytes | None],
    previous_blob: str,
    options: ImportOptions,
) -> _Version:
    """The period's last version that parses (``first`` is its last commit's blob; earlier
    ones are read only when it does not parse)."""
    problems: list[Problem] = []
    newest_first = period.commits[::-1]
    earlier: Generator[tuple[str, bytes | None], None, None] | None = None
    try:
        for reads, commit in enumerate(newest_first, start=1):
            if earlier is None and reads > 1:
                earlier = read_blobs(git_dir, [_request(item) for item in newest_first[1:]])
            blob, content = first if earlier is None else next(earlier)
            label = f"{commit.path}@{commit.hash[:7]}"
            if content is None:
                problems.append(Problem(path=label, message="the file is not in this commit"))
                continue
            if blob == previous_blob:
                # The same bytes as the version read before: nothing changed.
                return _Version(commit=commit, blob=blob, problems=tuple(problems), reads=reads)
            try:
                result = import_markdown_bytes(
                    content,
                    label,
                    keep_sections=options.keep_sections,
                    base_url=options.base_url,
                    html_links=options.html_links,
                    name=options.name,
                    repository=options.repository,
                )
            except DataError as error:
                problems.extend(error.problems)
                continue
            return _Version(
                commit=commit, blob=blob, result=result, problems=tuple(problems), reads=reads
            )
    finally:
        if earlier is not None:
            earlier.close()
    return _Version(commit=None, problems=tuple(problems), reads=len(newest_first))


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportOptions:
    """How each version is imported (see `publisher.importer.import_markdown`)."""

    keep_sections: tuple[str, ...] = ()
    base_url: str = ""
    html_links: bool = False
    name: str = ""  # the repository's name: the title of a README that names itself nowhere
    repository: str = ""  # its GitHub owner/name(s), if known (see `readme_repository`)


def history_steps(
    git_dir: Path,
    commits: Sequence[Commit],
    *,
    grouping: Grouping = "day",
    options: ImportOptions = ImportOptions(),
) -> Iterator[HistoryStep]:
    """One step per period of ``commits`` (oldest first): a snapshot when the road map of the
    period's last version that parses differs from the last release's. Only each period's
    last version is read, unless it does not parse."""
    periods = group_commits(commits, grouping)
    line_days: dict[str, dt.date] = {}
    latest = dt.date.min
    for commit in commits:
        latest = line_days[commit.hash] = max(latest, commit.date)
    previous: Roadmap | None = None
    previous_blob = ""
    previous_day = dt.date.min
    previous_warnings: frozenset[str] = frozenset()
    day_counts: dict[dt.date, int] = {}
    last_versions = read_blobs(git_dir, [_request(period.commits[-1]) for period in periods])
    reads = 0
    for period, first in zip(periods, last_versions, strict=True):
        version = _read_period(git_dir, period, first, previous_blob, options)
        reads += version.reads
        if reads >= _VERSIONS_PER_CACHE:
            importer.rotate_caches()
            dump.rotate_caches()
            reads = 0
        warnings: tuple[Problem, ...] = ()
        if version.result is not None:
            warnings = tuple(
                warning
                for warning in version.result.warnings
                if warning.message not in previous_warnings
            )
            previous_warnings = frozenset(warning.message for warning in version.result.warnings)
        step = HistoryStep(
            period=period,
            commit=version.commit,
            problems=version.problems,
            warnings=warnings,
            versions_read=version.reads,
        )
        if version.result is None or version.commit is None:
            yield step
            continue
        previous_blob = version.blob
        # A section keeps the id of its last release (one renamed too): its feeds' address
        # and the subscribers who chose it stay.
        roadmap = (
            version.result.roadmap
            if previous is None
            else keep_section_ids(
                previous, version.result.roadmap, version.result.explicit_section_ids
            )
        )
        if roadmap == previous:
            yield step
            continue
        previous = roadmap
        # A commit dated before the one it follows (a clock off, a rebase) takes the latest
        # date on the line so far: releases keep the line's order.
        day = previous_day = max(previous_day, line_days[version.commit.hash])
        day_counts[day] = day_counts.get(day, 0) + 1
        number = day_counts[day]
        release = Release(
            version=version_name(day, number),
            date=day,
            title=period.title if number == 1 else f"{period.title} ({number})",
            source_commit=version.commit.hash,
            source_commits=tuple(
                SourceCommit(hash=item.hash, date=item.moment, subject=item.subject)
                for item in period.commits
            ),
        )
        snapshot = Snapshot(roadmap=roadmap, release=release, path=version.commit.path)
        yield dataclasses.replace(step, snapshot=snapshot)


def refuse_other_releases(out: Path, written: Collection[Path], *, force: bool = False) -> None:
    """Raise DataError when the folder ``out`` holds release files other than ``written``
    (unless ``force``): an imported history is never mixed into another one by accident."""
    others = sorted(
        path.name
        for path in (out.iterdir() if out.is_dir() else ())
        if path.suffix in (".yaml", ".yml") and path not in written
    )
    if others and not force:
        listed = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
        raise DataError(
            [
                Problem(
                    path=str(out),
                    message=f"holds {len(others)} other release file(s) ({listed}); "
                    "choose another --out, or --force to write beside them",
                )
            ]
        )
