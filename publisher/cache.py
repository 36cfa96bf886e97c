"""A content-addressed cache of parsed models under .publisher/cache/.

Entries are keyed by the sha256 of what they were computed from (a release file's bytes; for
a diff, both files' keys) and stored as marshal data of plain tuples, which reads an order of
magnitude faster than YAML. An entry starts with a header naming the cache format, and a
checksum of its payload keyed with a per-project secret (.publisher/cache.key): a corrupt,
truncated, old-format or crafted entry is ignored and rebuilt, never trusted. Deleting the
folder is always safe.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import hmac
import marshal
import operator
import os
import secrets
import sys
import tempfile
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from publisher import __version__

T = TypeVar("T")

_Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _identity(value: Any) -> Any:
    return value


def _codec_for(hint: Any) -> _Codec:
    """Encoder and decoder for one annotated type, built once per dataclass field."""
    if hint is dt.date:
        return (dt.date.toordinal, dt.date.fromordinal)
    if hint is dt.datetime:
        # A commit's time in release.source.commits: marshal has no datetime.
        return (dt.datetime.isoformat, dt.datetime.fromisoformat)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        # Looked up at call time: a dataclass may hold itself (a section holds sections).
        return (
            lambda value: _dataclass_codec(hint)[0](value),
            lambda value: _dataclass_codec(hint)[1](value),
        )
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [argument for argument in arguments if argument is not type(None)]
        if len(options) == 1:
            encode, decode = _codec_for(options[0])
            if encode is _identity:
                return (_identity, _identity)
            return (
                lambda value: None if value is None else encode(value),
                lambda value: None if value is None else decode(value),
            )
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        encode, decode = _codec_for(arguments[0])
        if encode is _identity:
            return (_identity, _identity)
        return (
            lambda value: tuple(map(encode, value)),
            lambda value: tuple(map(decode, value)),
        )
    # str, int, bool and JSON-like Any values are stored as they are.
    return (_identity, _identity)


_CODECS: dict[type[Any], _Codec] = {}
_FINGERPRINTS: dict[type[Any], str] = {}


def _dataclass_codec(cls: type[Any]) -> _Codec:
    codec = _CODECS.get(cls)
    if codec is None:
        codec = _CODECS[cls] = _build_dataclass_codec(cls)
    return codec


def _build_dataclass_codec(cls: type[Any]) -> _Codec:
    hints = typing.get_type_hints(cls)
    names = tuple(field.name for field in dataclasses.fields(cls))
    codecs = [_codec_for(hints[name]) for name in names]
    # Plain fields (text, numbers, JSON-like values) cost nothing: attrgetter reads them all
    # in C, and only the few fields that hold dates or other models are converted in Python.
    special = [
        (index, *codecs[index]) for index in range(len(names)) if codecs[index][0] is not _identity
    ]
    read_all = operator.attrgetter(*names)

    def encode(instance: Any) -> tuple[Any, ...]:
        values = read_all(instance)
        if len(names) == 1:
            values = (values,)
        if not special:
            return values
        converted = list(values)
        for index, encoder, _ in special:
            converted[index] = encoder(converted[index])
        return tuple(converted)

    # A warm build decodes thousands of entries: for a slotted dataclass without
    # __post_init__ (every model), the instance's slots are filled directly, which costs a
    # third of calling the frozen __init__ with keyword arguments.
    slots = [cls.__dict__.get(name) for name in names]
    fill = None
    if not hasattr(cls, "__post_init__") and all(
        isinstance(slot, types.MemberDescriptorType) for slot in slots
    ):
        fill = [slot.__set__ for slot in slots if isinstance(slot, types.MemberDescriptorType)]
    new = object.__new__

    def decode(values: tuple[Any, ...]) -> Any:
        if len(values) != len(names):
            raise ValueError(f"{cls.__name__}: {len(values)} values for {len(names)} fields")
        if special:
            converted = list(values)
            for index, _, decoder in special:
                converted[index] = decoder(converted[index])
            values = tuple(converted)
        if fill is None:
            return cls(**dict(zip(names, values, strict=True)))
        instance = new(cls)
        for setter, value in zip(fill, values, strict=True):
            setter(instance, value)
        return instance

    return (encode, decode)


def schema_fingerprint(cls: type[Any]) -> str:
    """A hash of the field names and types of ``cls`` and the classes it holds: part of
    every key, so a change of the model makes old entries unreachable."""
    if cls not in _FINGERPRINTS:
        _FINGERPRINTS[cls] = _compute_fingerprint(cls)
    return _FINGERPRINTS[cls]


def _compute_fingerprint(cls: type[Any]) -> str:
    seen: dict[str, str] = {}

    def visit(hint: Any) -> None:
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            if hint.__qualname__ in seen:
                return
            hints = typing.get_type_hints(hint)
            seen[hint.__qualname__] = ",".join(
                f"{field.name}:{hints[field.name]!r}" for field in dataclasses.fields(hint)
            )
            for field in dataclasses.fields(hint):
                visit(hints[field.name])
        for argument in typing.get_args(hint):
            visit(argument)

    visit(cls)
    text = ";".join(f"{name}={fields}" for name, fields in sorted(seen.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode(instance: Any) -> bytes:
    """A frozen dataclass instance (and everything it holds) as marshal bytes."""
    return marshal.dumps(_dataclass_codec(type(instance))[0](instance))


def decode(cls: type[T], data: bytes) -> T:
    """The inverse of `encode`; raises ValueError (or EOFError, TypeError) on bad data."""
    return _dataclass_codec(cls)[1](marshal.loads(data))  # type: ignore[no-any-return]


def value_key(instance: Any) -> str:
    """The sha256 of a frozen dataclass instance's value: equal values, equal keys.

    `encode` is not canonical for this: marshal (format 3 and later) writes an object seen
    twice as a back-reference, so equal values built differently encode differently.
    Format 2 writes no references.
    """
    return hashlib.sha256(
        marshal.dumps(_dataclass_codec(type(instance))[0](instance), 2)
    ).hexdigest()


def content_key(data: bytes) -> str:
    """The key of some bytes: their sha256, hex."""
    return hashlib.sha256(data).hexdigest()


_MAGIC = b"RPC1"
# marshal's format may change between Python versions: an entry names the one that wrote it.
_PYTHON = f"python{sys.version_info[0]}.{sys.version_info[1]}-marshal{marshal.version}"


@functools.cache
def code_fingerprint() -> str:
    """A sha256 over every Python file of this package: cached models and diffs are only
    valid for the code that made them, whichever module changed (computed once a run)."""
    return package_fingerprint(Path(__file__).parent)


def package_fingerprint(package: Path) -> str:
    """A sha256 over the names and bytes of every Python file under ``package``."""
    fingerprint = Fingerprint()
    for path in sorted(package.rglob("*.py")):
        fingerprint.add(path.relative_to(package).as_posix(), path.read_bytes())
    return fingerprint.hexdigest()


class Fingerprint:
    """A sha256 over labelled parts, each framed by its label and length: two different
    lists of parts never hash alike."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()

    def add(self, label: str, data: bytes) -> None:
        """Add one part."""
        self._digest.update(f"{label}\0{len(data)}\0".encode())
        self._digest.update(data)

    def hexdigest(self) -> str:
        """The sha256 of the parts added so far, hex."""
        return self._digest.hexdigest()


KEY_FILE = "cache.key"
_SECRETS: dict[str, bytes] = {}


def _checksum(secret: bytes, payload: bytes) -> bytes:
    return hmac.new(secret, payload, hashlib.sha256).digest()


def _secret(folder: Path, *, create: bool) -> bytes | None:
    """The per-project secret that keys every entry's checksum, kept beside the cache folder
    (.publisher/cache.key, mode 0600), not in it: a cache folder restored from elsewhere (a
    CI cache a pull request could write) brings entries but not the key, so a crafted entry
    (say, a ``javascript:`` link the loader would refuse) is never trusted. None when there
    is no key yet and ``create`` is false, or it cannot be made."""
    path = folder.parent / KEY_FILE
    known = _SECRETS.get(str(path))
    if known is not None:
        return known
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        if not create:
            return None
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return _secret(folder, create=False)  # another process made it first
        except OSError:
            return None
        secret = secrets.token_bytes(32)
        with os.fdopen(handle, "wb") as stream:
            stream.write(secret)
    except OSError:
        return None
    if len(secret) < 32:
        return None
    _SECRETS[str(path)] = secret
    return secret


class Cache:
    """Entries of one kind of value (``cls``) in a folder; ``None`` folder disables caching,
    ``read_only`` uses what is there without adding to it (for commands that write nothing)."""

    def __init__(
        self, folder: Path | None, cls: type[T], kind: str, *, read_only: bool = False
    ) -> None:
        self.folder = folder
        self.read_only = read_only
        self.cls = cls
        self.kind = kind
        self.header = (
            _MAGIC + f"{__version__}/{_PYTHON}/{kind}/{schema_fingerprint(cls)}\n".encode()
        )

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / self.kind / key[:2] / f"{key}.bin"

    def entry_path(self, key: str) -> Path | None:
        """Where the entry for ``key`` is (or would be) kept; None when caching is off."""
        return None if self.folder is None else self._path(key)

    def entry_mtime_ns(self, key: str) -> int | None:
        """When the entry for ``key`` was last written (its file's mtime, in nanoseconds), or
        None when there is none (or caching is off)."""
        path = self.entry_path(key)
        if path is None:
            return None
        try:
            return path.stat().st_mtime_ns
        except OSError:
            return None

    def get(self, key: str) -> Any:
        """The cached value for ``key``, or None when absent, stale or damaged."""
        if self.folder is None:
            return None
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        if not data.startswith(self.header):
            return None
        checksum, payload = (
            data[len(self.header) : len(self.header) + 32],
            data[len(self.header) + 32 :],
        )
        secret = _secret(self.folder, create=False)
        if secret is None or not hmac.compare_digest(_checksum(secret, payload), checksum):
            return None
        try:
            return decode(self.cls, payload)
        except (ValueError, EOFError, TypeError, KeyError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` atomically; a cache that cannot be written is skipped."""
        if self.folder is None or self.read_only:
            return
        payload = encode(value)
        path = self._path(key)
        try:
            secret = _secret(self.folder, create=True)
            if secret is None:
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(self.header + _checksum(secret, payload) + payload)
            os.replace(temporary, path)
        except OSError:
            # A full disk or a read-only folder only costs speed: the cache is optional.
            return


def set_aside(path: Path) -> Path | None:
    """Rename ``path`` (a broken cache folder, or a file where a folder belongs) out of the
    way as ``NAME.broken`` (``.broken.1`` …, the first free name) for a person to look at;
    the path the entry now has, or None when it could not be moved."""
    for number in range(100):
        target = path.with_name(f"{path.name}.broken" + (f".{number}" if number else ""))
        if target.exists() or target.is_symlink():
            continue
        try:
            path.rename(target)
        except OSError:
            return None
        return target
    return None


def repair_folder(folder: Path, top: Path) -> bool:
    """Make ``folder`` (below ``top``, e.g. .publisher/cache below .publisher) a folder again
    when a file stands where it or one of its parents should be: that file is set aside.
    Whether the folder is usable now (the cache is optional: False only costs speed)."""
    chain = [folder, *(parent for parent in folder.parents if parent.is_relative_to(top))]
    for path in reversed(chain):
        in_the_way = (path.exists() or path.is_symlink()) and not path.is_dir()
        if in_the_way and set_aside(path) is None:
            return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return True


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FileStamp:
    """What `os.stat` said of a file when its bytes hashed to ``key``."""

    name: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    key: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FileStamps:
    """Every stamp of one index."""

    stamps: tuple[FileStamp, ...]


class FileKeys:
    """The sha256 of files (the release files: a long history is hundreds of megabytes) from
    one index of their stamps, as git's index does: a file whose size, mtime, ctime and inode
    are those recorded is not read again. A stamp is trusted only when the file's mtime and
    ctime are older than the index itself (the same file system clock): a file changed in the
    same clock tick as the index was written ("racily clean") is hashed again. The index is
    an entry of the cache (``folder`` None: every file is hashed), checksummed like the rest.
    """

    _KIND = "file-keys"

    def __init__(self, folder: Path | None, *, read_only: bool = False) -> None:
        self.store = Cache(folder, FileStamps, self._KIND, read_only=read_only)
        self.entry = content_key(self._KIND.encode())
        self.known: dict[str, FileStamp] = {}
        self.fresh: dict[str, FileStamp] = {}
        self.hashed = 0  # files read and hashed: for tests and benchmarks
        self._written_ns = 0
        # The index's own mtime first: a rewrite in between makes it only stricter.
        written = self.store.entry_mtime_ns(self.entry)
        if written is not None:
            self._written_ns = written
            found = self.store.get(self.entry)
            if isinstance(found, FileStamps):
                self.known = {stamp.name: stamp for stamp in found.stamps}

    def key(self, path: Path, read: Callable[[Path], bytes]) -> str:
        """The sha256 of ``path``'s bytes, from its stamp when that can be trusted, else
        from ``read(path)``."""
        name = str(path)
        try:
            status = path.stat()
        except OSError:
            return content_key(read(path))
        stamp = self.known.get(name)
        if (
            stamp is not None
            and (stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.inode)
            == (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
            and max(status.st_mtime_ns, status.st_ctime_ns) < self._written_ns
        ):
            self.fresh[name] = stamp
            return stamp.key
        data = read(path)
        self.hashed += 1
        key = content_key(data)
        if len(data) == status.st_size:
            self.fresh[name] = FileStamp(
                name=name,
                size=status.st_size,
                mtime_ns=status.st_mtime_ns,
                ctime_ns=status.st_ctime_ns,
                inode=status.st_ino,
                key=key,
            )
        return key

    def save(self) -> None:
        """Record the stamps of the files asked for since this index was read, when any is
        new (a file hashed, or one gone): so the next run trusts them."""
        if set(self.fresh) == set(self.known) and not self.hashed:
            return
        stamps = tuple(self.fresh[name] for name in sorted(self.fresh))
        self.store.put(self.entry, FileStamps(stamps=stamps))
