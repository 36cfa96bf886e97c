"""The only writer of published files: atomic, all-or-nothing, and only when bytes change."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from publisher.errors import PublisherError


def _as_bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _file_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the umask (mkstemp would give 0o600,
    and published files must stay readable by the web server)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


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
    """Delete files that are no longer produced, and the folders below ``root`` they leave empty."""
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
        parent = path.parent
        while parent != root and root in parent.parents:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
    return removed
