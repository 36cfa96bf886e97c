"""The only writer of published files: atomic, all-or-nothing, and only when bytes change."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from publisher.errors import Problem, PublisherError


def _as_bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _file_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the umask (mkstemp would give 0o600,
    and published files must stay readable by the web server)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def symlink_problem(path: Path, root: Path) -> Problem | None:
    """Why ``path`` may not be written or removed as an output below ``root``, or None.

    Outputs live in folders a pull request can change (feeds/ is committed), so a symbolic
    link anywhere between ``root`` and the file (the file included) could send a write or a
    removal elsewhere on the machine: such a path is refused, never followed. ``root`` itself
    is where the user asked for the outputs, and is trusted.
    """
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return Problem(path=str(path), message=f"is outside {root}")
    if not relative.parts or ".." in relative.parts:
        return Problem(path=str(path), message=f"is outside {root}")
    current = Path(os.path.abspath(root))
    for part in relative.parts:
        current = current / part
        try:
            mode = current.lstat().st_mode
        except FileNotFoundError:
            return None  # nothing below a missing folder exists yet: mkdir makes real folders
        except OSError as error:
            return Problem(path=str(current), message=f"cannot be checked: {error.strerror}")
        if stat.S_ISLNK(mode):
            return Problem(
                path=str(current),
                message="is a symbolic link; outputs are never written or removed through one "
                "(remove the link and build again)",
            )
    return None


def refuse_symlinks(paths: Iterable[Path], root: Path) -> None:
    """Raise PublisherError listing every path that `symlink_problem` refuses."""
    problems: dict[str, Problem] = {}
    for path in paths:
        problem = symlink_problem(path, root)
        if problem is not None:
            problems.setdefault(problem.path, problem)
    if problems:
        raise PublisherError([problems[name] for name in sorted(problems)])


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


def write_files(files: Mapping[Path, bytes | str]) -> list[Path]:
    """Write every file whose bytes change, all or nothing; return the paths written.

    Each new file goes to a temporary name in its own folder first; only when all are
    written are they renamed into place, so an error leaves every previous output intact.
    """
    changed = changed_files(files)
    mode = _file_mode()
    staged: list[tuple[Path, str]] = []
    try:
        for path in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
            staged.append((path, temporary))
            os.chmod(handle, mode)
            with os.fdopen(handle, "wb") as stream:
                stream.write(_as_bytes(files[path]))
    except OSError as error:
        for _, temporary in staged:
            Path(temporary).unlink(missing_ok=True)
        raise PublisherError(f"{error.filename or path}: cannot write: {error.strerror}") from None
    except BaseException:
        for _, temporary in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for path, temporary in staged:
        os.replace(temporary, path)
    return changed


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
