"""A markdown road map's git history as releases: one `git log --follow` listing, every
version read through one `git cat-file --batch` process, each imported and kept when its road
map differs from the one before."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from publisher.errors import DataError, GitError, NotFoundError, Problem
from publisher.importer import import_markdown_bytes
from publisher.model import Release, Roadmap, Snapshot

_HEADER = re.compile(r"commit ([0-9a-f]{40,64}) (\d+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Commit:
    """A commit that touched the road map file, and the file's path in it."""

    hash: str
    timestamp: int  # committer date, seconds since the epoch
    subject: str
    path: str

    @property
    def date(self) -> dt.date:
        """The commit date in UTC."""
        return dt.datetime.fromtimestamp(self.timestamp, tz=dt.UTC).date()


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryStep:
    """One commit read: the snapshot it makes (None when its road map did not change or did
    not parse), the problem that stopped it, and the importer's warnings."""

    commit: Commit
    snapshot: Snapshot | None = None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


def _git(git_dir: Path, *arguments: str) -> str:
    try:
        completed = subprocess.run(
            ["git", "-C", str(git_dir), *arguments],
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (it is needed to read history)") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{git_dir}: git {arguments[0]} failed: {message[-1] if message else ''}")
    return completed.stdout.decode("utf-8", "replace")


def check_repository(git_dir: Path) -> None:
    """Raise NotFoundError/GitError unless ``git_dir`` is (inside) a git repository."""
    if not git_dir.is_dir():
        raise NotFoundError(f"{git_dir}: no such folder")
    completed = subprocess.run(
        ["git", "-C", str(git_dir), "rev-parse", "--git-dir"], capture_output=True, check=False
    )
    if completed.returncode != 0:
        raise GitError(f"{git_dir}: not a git repository")


def list_commits(git_dir: Path, path: str) -> tuple[Commit, ...]:
    """Every commit that changed ``path`` (following renames), oldest first, each with the
    file's path in that commit. Raises GitError, or NotFoundError for a file never committed."""
    check_repository(git_dir)
    try:
        output = _git(
            git_dir,
            "log",
            "--follow",
            "--name-status",
            "-z",
            "--format=%x00commit %H %ct%x00%s",
            "--",
            path,
        )
    except GitError as error:
        if "does not have any commits" in str(error):
            raise NotFoundError(f"{git_dir}: {path} was never committed (no commits)") from None
        raise
    commits = _parse_log(output, path)
    if not commits:
        raise NotFoundError(f"{git_dir}: {path} was never committed")
    # Oldest first; by commit date, so that versions grow with time across merged branches
    # (a stable sort: commits of the same second keep git's order).
    commits.reverse()
    return tuple(sorted(commits, key=lambda commit: commit.timestamp))


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


def read_blobs(git_dir: Path, requests: Sequence[str]) -> Iterator[tuple[str, bytes | None]]:
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
        writer.join()
        process.stdout.close()
        process.wait()


def _write_requests(stream: IO[bytes], requests: Sequence[str]) -> None:
    try:
        stream.write("".join(f"{request}\n" for request in requests).encode("utf-8"))
        stream.close()
    except BrokenPipeError:
        pass  # the reader stopped early: it reports why


def version_name(day: dt.date, number: int) -> str:
    """``YYYY.MM.DD`` for the first version of a day, ``YYYY.MM.DD.2``, ``.3`` … after it."""
    base = f"{day.year:04d}.{day.month:02d}.{day.day:02d}"
    return base if number == 1 else f"{base}.{number}"


def history_steps(git_dir: Path, commits: Sequence[Commit]) -> Iterator[HistoryStep]:
    """Import each commit's version of the file; a snapshot when its road map changed."""
    previous: Roadmap | None = None
    previous_blob = ""
    day_counts: dict[dt.date, int] = {}
    requests = [f"{commit.hash}:{commit.path}" for commit in commits]
    for commit, (blob, content) in zip(commits, read_blobs(git_dir, requests), strict=True):
        label = f"{commit.path}@{commit.hash[:7]}"
        if content is None:
            yield HistoryStep(
                commit=commit,
                problems=(Problem(path=label, message="the file is not in this commit"),),
            )
            continue
        if blob == previous_blob:
            yield HistoryStep(commit=commit)
            continue
        try:
            result = import_markdown_bytes(content, label)
        except DataError as error:
            yield HistoryStep(commit=commit, problems=error.problems)
            continue
        previous_blob = blob
        if result.roadmap == previous:
            yield HistoryStep(commit=commit, warnings=result.warnings)
            continue
        previous = result.roadmap
        day = commit.date
        day_counts[day] = day_counts.get(day, 0) + 1
        release = Release(
            version=version_name(day, day_counts[day]),
            date=day,
            title=commit.subject,
            source_commit=commit.hash,
        )
        yield HistoryStep(
            commit=commit,
            snapshot=Snapshot(roadmap=result.roadmap, release=release, path=label),
            warnings=result.warnings,
        )
