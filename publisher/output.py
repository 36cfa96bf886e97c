"""The only writer of published files: atomic, all-or-nothing, and only when bytes change."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from publisher.errors import Problem, PublisherError


def _as_bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def symlink_problem(path: Path, root: Path, checked: set[str] | None = None) -> Problem | None:
    """Why ``path`` may not be written or removed as an output below ``root``, or None.

    Outputs live in folders a pull request can change (feeds/ is committed), so a symbolic
    link anywhere between ``root`` and the file (the file included) could send a write or a
    removal elsewhere on the machine: such a path is refused, never followed. ``root`` itself
    is where the user asked for the outputs, and is trusted. ``checked``: folders already
    found to be real folders by this caller (added to as more are found), so the thousands
    of outputs of one folder do not each look at it again.
    """
    top = os.path.abspath(root)
    target = os.path.abspath(path)
    # abspath has folded any ".." away: what is left is below ``root`` or it is not.
    if not target.startswith(top.rstrip(os.sep) + os.sep):
        return Problem(path=str(path), message=f"is outside {root}")
    parts = target[len(top.rstrip(os.sep)) + 1 :].split(os.sep)
    current = top.rstrip(os.sep)
    last = len(parts) - 1
    for index, part in enumerate(parts):
        current = current + os.sep + part
        folder = index < last
        if folder and checked is not None and current in checked:
            continue
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return None  # nothing below a missing folder exists yet: mkdir makes real folders
        except OSError as error:
            return Problem(path=current, message=f"cannot be checked: {error.strerror}")
        if stat.S_ISLNK(mode):
            return Problem(
                path=current,
                message="is a symbolic link; outputs are never written or removed through one "
                "(remove the link and build again)",
            )
        if folder and checked is not None and stat.S_ISDIR(mode):
            checked.add(current)
    return None


def refuse_symlinks(paths: Iterable[Path], root: Path) -> None:
    """Raise PublisherError listing every path that `symlink_problem` refuses."""
    problems: dict[str, Problem] = {}
    checked: set[str] = set()
    for path in paths:
        problem = symlink_problem(path, root, checked)
        if problem is not None:
            problems.setdefault(problem.path, problem)
    if problems:
        raise PublisherError([problems[name] for name in sorted(problems)])


# The names StagedFiles gives its temporaries (".NAME.", 8 random characters, ".tmp", as
# tempfile.mkstemp named them before): a build killed before renaming them leaves these behind.
_TEMPORARY_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new, empty file beside ``path`` under a random name matching `_TEMPORARY_NAME`,
    open for writing: its descriptor and name.

    What tempfile.mkstemp does, less its cost per file (a history stages thousands): the
    mode is given at creation, 0o666 less the umask as open() gives any new file (mkstemp's
    0o600 would need a chmod: published files must stay readable by the web server).
    """
    for _ in range(100):
        name = f"{path.parent}{os.sep}.{path.name}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(name, _CREATE, 0o666), name
        except FileExistsError:
            continue  # a name taken by chance (1 in 4 billion): another one
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _write_all(handle: int, data: bytes) -> None:
    """Write every byte of ``data`` to the open file ``handle``, then close it."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


def leftover_temporaries(folder: Path, *, recursive: bool = True, name: str = "") -> list[Path]:
    """Temporaries of our own naming under ``folder`` (only those staged for ``name`` when
    given), left by a writer that was killed; sorted. Symbolic links are not followed."""
    found: list[Path] = []
    if not folder.is_dir() or folder.is_symlink():
        return found
    for directory, folders, files in os.walk(folder):
        if not recursive:
            folders.clear()
        folders[:] = [entry for entry in folders if not (Path(directory) / entry).is_symlink()]
        for file_name in files:
            if not _TEMPORARY_NAME.fullmatch(file_name):
                continue
            if name and not file_name.startswith(f".{name}."):
                continue
            path = Path(directory) / file_name
            if stat.S_ISREG(path.lstat().st_mode):
                found.append(path)
    return sorted(found)


def changed_files(files: Mapping[Path, bytes | str]) -> list[Path]:
    """The paths among ``files`` whose current bytes differ from the new ones (or are missing)."""
    changed = []
    for path, content in files.items():
        try:
            if path.read_bytes() == _as_bytes(content):
                continue
        except OSError:
            pass
        changed.append(path)
    return changed


class StagedFiles:
    """Files written one by one to temporary names beside their targets, and renamed into
    place together by `commit`: a long job (import-history) holds no more than one file in
    memory and still writes all or nothing. Used as a context manager, whatever was not
    committed when the block ends (an error, a refusal) is removed."""

    def __init__(self) -> None:
        self._staged: dict[Path, str] = {}
        self._direct: dict[Path, bytes] = {}
        self.paths: set[Path] = set()  # every path added, changed or not
        self._folders: set[Path] = set()  # folders made (or found) for staged files

    def add(self, path: Path, content: bytes | str) -> None:
        """Stage ``content`` for ``path`` (nothing is staged when the bytes are already there)."""
        data = _as_bytes(content)
        self.paths.add(path)
        try:
            mode: int | None = os.stat(path).st_mode
        except OSError:
            mode = None  # nothing there (or nothing readable): written new
        if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            # `-o /dev/null`, a FIFO, a terminal: renaming a file over it would replace the
            # device itself (as root, /dev/null for the whole machine), so it is written in
            # place when the rest is committed.
            self._direct[path] = data
            return
        previous = self._staged.pop(path, None)
        if previous is not None:
            Path(previous).unlink(missing_ok=True)
        if mode is not None:
            try:
                if path.read_bytes() == data:
                    return
            except OSError:
                pass
        try:
            if path.parent not in self._folders:
                # Once per folder: a history stages thousands of files in one.
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            handle, temporary = _create_temporary(path)
            self._staged[path] = temporary
            _write_all(handle, data)
        except OSError as error:
            self.discard()
            raise PublisherError(
                f"{error.filename or path}: cannot write: {error.strerror}"
            ) from None

    def commit(self) -> list[Path]:
        """Rename every staged file into place; return the paths whose bytes changed."""
        changed = list(self._staged)
        # A folder where a file goes would fail the rename half-way: refused before any.
        blocked = [path for path in changed if path.is_dir() and not path.is_symlink()]
        if blocked:
            self.discard()
            raise PublisherError(
                [Problem(path=str(path), message="is a folder, not a file") for path in blocked]
            )
        for path, temporary in self._staged.items():
            try:
                os.replace(temporary, path)
            except OSError as error:
                self.discard()
                raise PublisherError(f"{path}: cannot write: {error.strerror}") from None
        self._staged.clear()
        for path, data in self._direct.items():
            try:
                with path.open("wb") as stream:
                    stream.write(data)
            except OSError as error:
                raise PublisherError(f"{path}: cannot write: {error.strerror}") from None
            changed.append(path)
        self._direct.clear()
        return changed

    def discard(self) -> None:
        """Remove every staged file: the targets keep their previous bytes."""
        self._direct.clear()
        for temporary in self._staged.values():
            Path(temporary).unlink(missing_ok=True)
        self._staged.clear()

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *exception: object) -> None:
        self.discard()


def write_files(files: Mapping[Path, bytes | str]) -> list[Path]:
    """Write every file whose bytes change, all or nothing; return the paths written.

    Each new file goes to a temporary name in its own folder first; only when all are
    written are they renamed into place, so an error leaves every previous output intact.
    """
    with StagedFiles() as staged:
        for path in files:
            staged.add(path, files[path])
        return staged.commit()


def write_file(path: Path, content: bytes | str) -> bool:
    """Write one file atomically; return whether its bytes changed."""
    return bool(write_files({path: content}))


def remove_files(paths: Iterable[Path], *, root: Path) -> list[Path]:
    """Delete files that are no longer produced, and the folders below ``root`` they leave empty.

    Raises PublisherError, removing nothing, when a path leaves ``root`` or passes through a
    symbolic link; a listed path that is a folder is left alone.
    """
    paths = list(paths)
    refuse_symlinks(paths, root)
    removed = []
    for path in paths:
        try:
            if not stat.S_ISREG(path.lstat().st_mode):
                continue
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise PublisherError(f"{path}: cannot remove: {error.strerror}") from None
        removed.append(path)
        parent = path.parent
        while parent != root and root in parent.parents:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
    return removed
