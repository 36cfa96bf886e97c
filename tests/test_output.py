"""output: the only writer. Atomic, all-or-nothing, unchanged files untouched, readable modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from publisher.errors import PublisherError
from publisher.output import (
    StagedFiles,
    changed_files,
    leftover_temporaries,
    remove_files,
    write_file,
    write_files,
)


def test_writes_new_files_and_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "feed.xml"
    assert write_files({target: "<feed/>", tmp_path / "x.bin": b"\x00\x01"}) == [
        target,
        tmp_path / "x.bin",
    ]
    assert target.read_text() == "<feed/>"
    assert (tmp_path / "x.bin").read_bytes() == b"\x00\x01"


def test_unchanged_bytes_are_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    write_file(target, "same")
    before = target.stat().st_ino, target.stat().st_mtime_ns
    assert write_file(target, "same") is False
    assert (target.stat().st_ino, target.stat().st_mtime_ns) == before
    assert changed_files({target: "other"}) == [target]
    assert write_file(target, "other") is True
    assert target.read_text() == "other"


def test_published_files_are_readable_by_others(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_file(tmp_path / "atom.xml", "<feed/>")
    finally:
        os.umask(previous)
    mode = stat.S_IMODE((tmp_path / "atom.xml").stat().st_mode)
    assert mode == 0o644


def test_a_failed_write_leaves_every_previous_output_intact(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("old first")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder is needed")
    with pytest.raises(PublisherError, match="cannot write"):
        write_files({first: "new first", blocked / "second.txt": "new second"})
    assert first.read_text() == "old first"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["blocked", "first.txt"]


def test_an_exception_in_the_middle_leaves_no_temporary_files(tmp_path: Path) -> None:
    class Exploding(dict[Path, str]):
        def __getitem__(self, key: Path) -> str:
            if key.name == "b.txt":
                raise RuntimeError("injected")
            return super().__getitem__(key)

    files = Exploding({tmp_path / "a.txt": "a", tmp_path / "b.txt": "b"})
    with pytest.raises(RuntimeError, match="injected"):
        write_files(files)
    assert list(tmp_path.iterdir()) == []


def test_remove_files_prunes_empty_folders_below_root_only(tmp_path: Path) -> None:
    root = tmp_path / "feeds"
    gone = root / "tags" / "old" / "atom.xml"
    kept = root / "atom.xml"
    write_files({gone: "x", kept: "y"})
    assert remove_files([gone, root / "missing.xml"], root=root) == [gone]
    assert not (root / "tags").exists()
    assert kept.exists()
    remove_files([kept], root=root)
    assert root.is_dir()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root (CI runs as root)")
def test_an_output_that_is_a_device_is_written_in_place_never_replaced(tmp_path: Path) -> None:
    # `-o /dev/null` once replaced the machine's /dev/null with a regular file: the atomic
    # rename must never land on a device.
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    regular = tmp_path / "out.txt"
    changed = write_files({null: "discarded\n", regular: "kept\n"})
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert null.read_bytes() == b""
    assert regular.read_text() == "kept\n"
    assert set(changed) == {null, regular}


def test_a_staged_file_waits_under_a_name_a_later_build_finds_and_sweeps(tmp_path: Path) -> None:
    # A writer killed between staging and renaming leaves its temporaries: `build` removes
    # them by their naming (leftover_temporaries), so every staged name must match it.
    target = tmp_path / "releases" / "2024.01.yaml"
    staged = StagedFiles()
    staged.add(target, "release: {}\n")
    staged.add(tmp_path / "other.yaml", "title: x\n")
    other, release = leftover_temporaries(tmp_path)  # sorted: ".other…" before "releases/"
    assert other.name.startswith(".other.yaml.")
    assert other.read_bytes() == b"title: x\n"
    assert release.parent == target.parent
    assert release.name.startswith(".2024.01.yaml.")
    assert release.read_bytes() == b"release: {}\n"
    assert leftover_temporaries(tmp_path, name="2024.01.yaml") == [release]
    assert not target.exists()
    staged.commit()
    assert target.read_text() == "release: {}\n"
    assert leftover_temporaries(tmp_path) == []
