"""releases: the history streamed in release order, with the snapshot and diff caches."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest
from release_files import edit_release, write_release

from publisher import cache, release_history
from publisher.diff import consecutive_diffs
from publisher.errors import DataError, NotFoundError
from publisher.load import load_releases
from publisher.project import open_project, release_files
from publisher.release_history import index_releases, iter_history, iter_snapshots, release_diff

RELEASE = """\
release:
  version: "{version}"
  date: {date}
title: A Road Map
sections:
  - title: Courses
    resources:
{resources}"""


def _write_release(root: Path, version: str, date: str, titles: list[str]) -> Path:
    resources = "".join(
        f"      - title: {title}\n        url: https://example.org/{title.lower()}\n"
        for title in titles
    )
    path = root / "data" / "releases" / f"{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_release(path, RELEASE.format(version=version, date=date, resources=resources))


@pytest.fixture
def history_project(tmp_path: Path, repository: Path) -> Path:
    root = tmp_path / "history"
    (root / "data").mkdir(parents=True)
    shutil.copy(repository / "data" / "site.yaml", root / "data" / "site.yaml")
    # Names sort differently from dates: release order must come from the release blocks.
    _write_release(root, "b-first", "2024-01-01", ["Alpha"])
    _write_release(root, "a-second", "2024-02-01", ["Alpha", "Beta"])
    _write_release(root, "c-third", "2024-03-01", ["Beta", "Gamma"])
    return root


def _expected(root: Path) -> list[object]:
    return list(consecutive_diffs(load_releases(open_project(root))))


def test_streamed_history_equals_the_history_of_all_releases(repository: Path) -> None:
    project = open_project(repository)
    assert list(iter_history(project)) == _expected(repository)


def test_releases_are_ordered_by_their_dates(history_project: Path) -> None:
    entries = index_releases(open_project(history_project))
    assert [entry.release.version for entry in entries] == ["b-first", "a-second", "c-third"]
    history = list(iter_history(open_project(history_project)))
    assert [[change.resource.title for change in item.added] for item in history] == [
        ["Alpha"],
        ["Beta"],
        ["Gamma"],
    ]


def test_warm_cache_gives_the_same_history_without_reading_release_files(
    history_project: Path, tmp_path: Path
) -> None:
    project = open_project(history_project)
    cache_dir = tmp_path / "cache"
    # The keys a build hashes once for its fingerprint (see `index_releases`'s known_keys).
    keys = {path: cache.content_key(path.read_bytes()) for path in release_files(project)}
    cold = list(iter_history(project, cache_dir=cache_dir, known_keys=keys))
    assert cold == _expected(history_project)
    # Every release file now holds what cannot be parsed, and hashes to another key: a warm
    # run that read any of them would fail or miss the cache, not give the same history.
    for path in keys:
        path.write_bytes(b"release: [this file must not be read\n")
    warm = list(iter_history(project, cache_dir=cache_dir, known_keys=keys))
    assert warm == cold


def _refuse_to_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of a release file (header or whole) fail the test."""

    def refuse(*arguments: object, **keywords: object) -> NoReturn:
        raise AssertionError(f"a release file was parsed: {arguments[:2]}")

    monkeypatch.setattr(release_history, "load_release_file", refuse)
    monkeypatch.setattr(release_history, "parse_yaml_bytes", refuse)


def test_warm_cache_parses_no_release_file(
    history_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = open_project(history_project)
    cache_dir = tmp_path / "cache"
    cold = list(iter_history(project, cache_dir=cache_dir))
    _refuse_to_parse(monkeypatch)
    assert list(iter_history(project, cache_dir=cache_dir)) == cold


def test_a_warm_run_rewrites_no_cache_entry(history_project: Path, tmp_path: Path) -> None:
    project = open_project(history_project)
    cache_dir = tmp_path / "cache"
    list(iter_history(project, cache_dir=cache_dir))
    entries = {path: path.stat().st_mtime_ns for path in cache_dir.rglob("*.bin")}
    for path in entries:
        # Rewinding the clock makes any rewrite show, however fast the run.
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    list(iter_history(project, cache_dir=cache_dir))
    assert {path: path.stat().st_mtime_ns for path in cache_dir.rglob("*.bin")} == dict.fromkeys(
        entries, 1_000_000_000
    )


def test_an_edited_release_is_reread_and_its_neighbours_rediffed(
    history_project: Path, tmp_path: Path
) -> None:
    project = open_project(history_project)
    cache_dir = tmp_path / "cache"
    list(iter_history(project, cache_dir=cache_dir))
    _write_release(history_project, "a-second", "2024-02-01", ["Alpha", "Delta"])
    edited = list(iter_history(project, cache_dir=cache_dir))
    assert edited == _expected(history_project)
    assert [change.resource.title for change in edited[1].added] == ["Delta"]
    assert [change.resource.title for change in edited[2].removed] == ["Alpha", "Delta"]


def test_a_damaged_cache_is_rebuilt_not_trusted(history_project: Path, tmp_path: Path) -> None:
    project = open_project(history_project)
    cache_dir = tmp_path / "cache"
    list(iter_history(project, cache_dir=cache_dir))
    for entry in cache_dir.rglob("*.bin"):
        entry.write_bytes(entry.read_bytes()[:-7] + b"garbage")
    assert list(iter_history(project, cache_dir=cache_dir)) == _expected(history_project)
    shutil.rmtree(cache_dir)
    assert list(iter_history(project, cache_dir=cache_dir)) == _expected(history_project)


def test_a_release_file_without_a_leading_release_block_is_still_ordered(
    history_project: Path,
) -> None:
    path = history_project / "data" / "releases" / "b-first.yaml"
    text = path.read_text()
    block, _, rest = text.partition("title: A Road Map\n")
    write_release(path, "title: A Road Map\n" + rest + block)
    entries = index_releases(open_project(history_project))
    assert [entry.release.version for entry in entries] == ["b-first", "a-second", "c-third"]


def test_problems_of_every_bad_release_are_reported_together(history_project: Path) -> None:
    releases = history_project / "data" / "releases"
    edit_release(releases / "a-second.yaml", "https://example.org/beta", "javascript:x")
    edit_release(releases / "c-third.yaml", "title: Gamma", "titel: Gamma")
    with pytest.raises(DataError) as raised:
        list(iter_history(open_project(history_project)))
    messages = [str(problem) for problem in raised.value.problems]
    assert any(
        m.startswith("data/releases/a-second.yaml: sections[0].resources[1].url") for m in messages
    )
    assert any(
        m.startswith("data/releases/c-third.yaml: sections[0].resources[1].titel") for m in messages
    )


def test_one_release_diff_reads_only_that_release_and_the_one_before(
    history_project: Path,
) -> None:
    project = open_project(history_project)
    expected = _expected(history_project)
    assert release_diff(project) == expected[-1]
    assert release_diff(project, "a-second") == expected[1]
    assert release_diff(project, "b-first") == expected[0]
    # A broken release that is neither of the two is not read at all.
    (history_project / "data" / "releases" / "b-first.yaml").write_text(
        "release:\n  version: b-first\n  date: 2024-01-01\ntitle: [unclosed\n"
    )
    assert release_diff(project, "c-third") == expected[2]
    with pytest.raises(NotFoundError, match="release 'nope' does not exist"):
        release_diff(project, "nope")


def test_snapshots_stream_in_release_order(
    history_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = open_project(history_project)
    expected = list(load_releases(project))
    cache_dir = tmp_path / "cache"
    assert list(iter_snapshots(project)) == expected
    # Read only: a cache folder is used, never filled.
    assert list(iter_snapshots(project, cache_dir=cache_dir)) == expected
    assert not list(cache_dir.rglob("*.bin"))
    # Once a build has written the cache, the snapshots come from it.
    list(iter_history(project, cache_dir=cache_dir))
    _refuse_to_parse(monkeypatch)
    assert list(iter_snapshots(project, cache_dir=cache_dir)) == expected
