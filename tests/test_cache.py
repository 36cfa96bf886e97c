"""The content-addressed cache: exact round trips, and damaged entries are never trusted."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import shutil
import sys
from pathlib import Path

import pytest

from publisher import cache
from publisher.load import load_releases
from publisher.model import Release, Resource, Roadmap, Snapshot, SourceCommit
from publisher.project import open_project
from publisher.release_history import HistoryCache


@pytest.fixture
def bundled_releases(repository: Path) -> tuple[Snapshot, ...]:
    return load_releases(open_project(repository))


def test_round_trip_of_the_bundled_releases_is_exact(
    bundled_releases: tuple[Snapshot, ...],
) -> None:
    for snapshot in bundled_releases:
        assert cache.decode(Snapshot, cache.encode(snapshot)) == snapshot


def test_round_trip_of_a_release_imported_from_git_history() -> None:
    # release.source.commits dates are datetimes, which marshal cannot hold: every build of a
    # project made by import-history failed with "ValueError: unmarshallable object".
    release = Release(
        version="2024.01.05",
        date=dt.date(2024, 1, 5),
        source_commit="abc",
        source_commits=(
            SourceCommit(
                hash="abc", date=dt.datetime(2024, 1, 5, 9, tzinfo=dt.UTC), subject="Add A"
            ),
        ),
    )
    snapshot = Snapshot(roadmap=Roadmap(title="Road Map"), release=release)
    assert cache.decode(Snapshot, cache.encode(snapshot)) == snapshot


def test_entries_are_found_by_key(tmp_path: Path, bundled_releases: tuple[Snapshot, ...]) -> None:
    store = cache.Cache(tmp_path, Snapshot, "snapshot")
    first, second = bundled_releases
    store.put("a" * 64, first)
    store.put("b" * 64, second)
    assert store.get("a" * 64) == first
    assert store.get("b" * 64) == second
    assert store.get("c" * 64) is None


def _only_entry(folder: Path) -> Path:
    (entry,) = folder.rglob("*.bin")
    return entry


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-10] + b"x" * 10, id="corrupt-payload"),
        pytest.param(lambda data: data.replace(b"RPC1", b"RPC0", 1), id="old-format"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_entry_is_ignored(
    tmp_path: Path, bundled_releases: tuple[Snapshot, ...], damage: object
) -> None:
    store = cache.Cache(tmp_path, Snapshot, "snapshot")
    store.put("d" * 64, bundled_releases[0])
    entry = _only_entry(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert store.get("d" * 64) is None
    store.put("d" * 64, bundled_releases[0])
    assert store.get("d" * 64) == bundled_releases[0]


def test_an_entry_of_another_model_schema_is_not_read(
    tmp_path: Path, bundled_releases: tuple[Snapshot, ...]
) -> None:
    store = cache.Cache(tmp_path, Snapshot, "snapshot")
    store.put("e" * 64, bundled_releases[0])
    other = cache.Cache(tmp_path, Snapshot, "snapshot")
    other.header = other.header.replace(cache.schema_fingerprint(Snapshot).encode(), b"0" * 16)
    assert other.get("e" * 64) is None


def test_an_entry_written_by_another_python_is_not_read(
    tmp_path: Path, bundled_releases: tuple[Snapshot, ...]
) -> None:
    # marshal's format may change between Python versions: the header names the writer's.
    store = cache.Cache(tmp_path, Snapshot, "snapshot")
    store.put("f" * 64, bundled_releases[0])
    entry = _only_entry(tmp_path)
    data = entry.read_bytes()
    python = f"python{sys.version_info[0]}.{sys.version_info[1]}-marshal{marshal.version}"
    assert python.encode() in data.split(b"\n", 1)[0]
    entry.write_bytes(data.replace(python.encode(), b"python2.7-marshal2", 1))
    assert store.get("f" * 64) is None


def test_the_code_fingerprint_changes_with_any_module(tmp_path: Path) -> None:
    package = tmp_path / "publisher"
    shutil.copytree(
        Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    before = cache.package_fingerprint(package)
    assert before == cache.code_fingerprint()  # the copy is the package
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 10
    seen = {before}
    for module in modules:
        original = module.read_bytes()
        module.write_bytes(original + b"\n# changed\n")
        seen.add(cache.package_fingerprint(package))
        module.write_bytes(original)
    assert len(seen) == len(modules) + 1  # every module's change gave a new fingerprint
    assert cache.package_fingerprint(package) == before
    (package / "new_stage.py").write_text("STAGE = 1\n")
    assert cache.package_fingerprint(package) not in seen
    # The history cache's entries are kept apart by it.
    history_cache = HistoryCache.at(tmp_path / "cache")
    for store in (history_cache.snapshots, history_cache.diffs, history_cache.headers):
        assert store.kind.endswith(cache.code_fingerprint()[:16])


def test_a_disabled_or_unwritable_cache_only_costs_speed(
    tmp_path: Path, bundled_releases: tuple[Snapshot, ...]
) -> None:
    disabled = cache.Cache(None, Snapshot, "snapshot")
    disabled.put("f" * 64, bundled_releases[0])
    assert disabled.get("f" * 64) is None
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    unwritable = cache.Cache(blocker, Snapshot, "snapshot")
    unwritable.put("f" * 64, bundled_releases[0])
    assert unwritable.get("f" * 64) is None


def test_content_key_depends_on_every_byte() -> None:
    assert cache.content_key(b"title: a\n") != cache.content_key(b"title: b\n")
    assert cache.content_key(b"same") == cache.content_key(b"same")


def test_value_key_depends_on_the_value_not_on_shared_objects() -> None:
    shared = "".join(["deep", "-learning"])  # built at run time: not interned
    tags_shared = (shared, shared)
    tags_apart = ("".join(["deep", "-learning"]), "".join(["deep-", "learning"]))
    one = Resource(title="t", identity="i", tags=tags_shared)
    other = Resource(title="t", identity="i", tags=tags_apart)
    assert one == other
    # encode() may differ (marshal back-references); the value key may not.
    assert cache.value_key(one) == cache.value_key(other)
    assert cache.value_key(one) != cache.value_key(Resource(title="t", identity="j"))


def _index_written_at(folder: Path, nanoseconds: int) -> None:
    """Set the mtime of the file-keys index: the clock its stamps are trusted against."""
    keys = cache.FileKeys(folder)
    path = keys.store.entry_path(keys.entry)
    assert path is not None
    os.utime(path, ns=(nanoseconds, nanoseconds))
    assert keys.store.entry_mtime_ns(keys.entry) == nanoseconds


def test_file_keys_hash_a_file_once_while_its_stamp_holds(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    data = tmp_path / "2024.01.yaml"
    data.write_bytes(b"release: one\n")
    first = cache.FileKeys(folder)
    assert first.key(data, Path.read_bytes) == cache.content_key(b"release: one\n")
    assert first.hashed == 1
    first.save()
    # The index is written after the file; put it clearly later than the file's own times
    # (the same clock tick would make the stamp "racily clean", hashed again).
    _index_written_at(folder, data.stat().st_ctime_ns + 10**9)
    second = cache.FileKeys(folder)
    assert second.key(data, Path.read_bytes) == cache.content_key(b"release: one\n")
    assert second.hashed == 0
    # Same size, same mtime, new bytes: the ctime (which no one can set back) changed.
    stat = data.stat()
    data.write_bytes(b"release: two\n")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _index_written_at(folder, data.stat().st_ctime_ns + 10**9)
    third = cache.FileKeys(folder)
    assert third.key(data, Path.read_bytes) == cache.content_key(b"release: two\n")
    assert third.hashed == 1


def test_file_keys_distrust_a_stamp_as_new_as_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    data = tmp_path / "2024.01.yaml"
    data.write_bytes(b"release: one\n")
    keys = cache.FileKeys(folder)
    keys.key(data, Path.read_bytes)
    keys.save()
    # The file changed in the tick the index was written: its stamp proves nothing.
    _index_written_at(folder, data.stat().st_ctime_ns)
    again = cache.FileKeys(folder)
    assert again.key(data, Path.read_bytes) == cache.content_key(b"release: one\n")
    assert again.hashed == 1


def test_file_keys_without_a_folder_or_read_only_record_nothing(tmp_path: Path) -> None:
    data = tmp_path / "2024.01.yaml"
    data.write_bytes(b"release: one\n")
    disabled = cache.FileKeys(None)
    disabled.key(data, Path.read_bytes)
    disabled.save()
    read_only = cache.FileKeys(tmp_path / "cache", read_only=True)
    read_only.key(data, Path.read_bytes)
    read_only.save()
    assert not (tmp_path / "cache").exists()
    assert (disabled.hashed, read_only.hashed) == (1, 1)
