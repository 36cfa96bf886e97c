"""import-history on real READMEs' histories: the feed entries it makes against what each
version really added and removed (tests/fixtures/real/*/changes.yaml, read by hand from the
versions)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from real_corpus import CORPUS

from publisher.cli import main
from publisher.diff import RoadmapDiff, diff, title_key
from publisher.load import load_snapshot
from publisher.model import Snapshot, normalize_url

# Every list of the corpus whose history was read by hand.
HISTORIES = sorted(path.parent for path in CORPUS.glob("*/changes.yaml"))
# The hand-read edits the importer cannot announce, per list (changes.yaml's `unread`): cells
# of columns it does not keep. ossu-history: Effort, Discussion, a free-text Prerequisites;
# awesome-llm-history: six papers whose Date cell was corrected (a date is not kept);
# ai-for-beginners-table-history: a lesson's link named neither by what kind of link it is nor
# by its column ('MS Learn: Responsible AI Principles' under PyTorch, kept out as a licence's or
# a star count's is). Every other list: none.
UNREAD = {"ossu-history": 5, "awesome-llm-history": 6, "ai-for-beginners-table-history": 1}
# The hand-read edits no rule pairs, per list (changes.yaml's `unpaired`, with the link the
# entry had, `was`): an entry a reader knows by its subject whose title and link changed at
# once where other entries of those words are new beside it (system-design-history:
# 'Caching' → 'Caching 101' beside a new 'Caching Strategies', 'Databases' → 'Databases
# Types', the interview template's heading → an article). Read as one removed and one added;
# bench/fidelity.py counts each as a false new and a missed edit. Every other list: none.
UNPAIRED = {"system-design-history": 3}


def _git(root: Path, *arguments: str, when: dt.datetime) -> None:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Curator",
        "GIT_AUTHOR_EMAIL": "c@example.org",
        "GIT_COMMITTER_NAME": "Curator",
        "GIT_COMMITTER_EMAIL": "c@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    subprocess.run(["git", "-C", str(root), *arguments], check=True, env=environment)


@pytest.fixture(scope="module", params=HISTORIES, ids=[path.name for path in HISTORIES])
def steps(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[dict[str, Any], RoadmapDiff]]:
    """Each step of a list's changes.yaml with the diff of the releases import-history made."""
    history: Path = request.param
    source = yaml.safe_load((history / "SOURCE.yaml").read_text(encoding="utf-8"))
    base_url = source.get("base_url", "")
    root = tmp_path_factory.mktemp("history") / "repo"
    root.mkdir()
    day = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
    _git(root, "init", "-q", "-b", "main", when=day)
    truth = yaml.safe_load((history / "changes.yaml").read_text(encoding="utf-8"))["steps"]
    # No more edits set aside as unreadable than each list's known columns account for.
    unread = sum("unread" in item for step in truth for item in step["edited"])
    assert unread == UNREAD.get(history.name, 0), history.name
    unpaired = sum("unpaired" in item for step in truth for item in step["edited"])
    assert unpaired == UNPAIRED.get(history.name, 0), history.name
    names = [truth[0]["from"], *(step["to"] for step in truth)]
    for number, name in enumerate(names):
        text = (history / f"{name}.md").read_text(encoding="utf-8")
        (root / "README.md").write_text(text, encoding="utf-8")
        _git(root, "add", "README.md", when=day)
        _git(root, "commit", "-q", "-m", f"Version {name}", when=day + dt.timedelta(days=number))
    out = root.parent / "releases"
    options = ["--base-url", base_url] if base_url else []
    if source.get("html_links"):
        options.append("--html-links")
    result = CliRunner().invoke(
        main,
        ["-q", "import-history", str(root), "--file", "README.md", "--out", str(out), *options],
    )
    assert result.exit_code == 0, result.output
    releases = [load_snapshot(path) for path in sorted(out.glob("*.yaml"))]
    # A version whose road map did not change makes no release (best-of-ml-python-history's
    # week of new counts only): the release before it stands for it, and its step is empty.
    made: dict[str, Snapshot] = {}
    for release in releases:
        assert release.release is not None
        made[release.release.source_commits[-1].subject.removeprefix("Version ")] = release
    assert names[0] in made
    assert set(made) <= set(names)
    # Every version that changed what a reader sees made its release.
    assert {step["to"] for step in truth if step["new"] or step["gone"] or step["edited"]} <= set(
        made
    )
    placed = [made[names[0]]]
    for name in names[1:]:
        placed.append(made.get(name, placed[-1]))
    return [
        (step, diff(old, new))
        for step, (old, new) in zip(truth, itertools.pairwise(placed), strict=True)
    ]


def _key(url_or_title: str) -> str:
    # changes.yaml names a resource by its URL, or one without a link by its title.
    if url_or_title.startswith(("http://", "https://")):
        return normalize_url(url_or_title)
    return f"title:{url_or_title}"


def _keys(items: Any) -> set[str]:
    return {_key(item.resource.url or item.resource.title) for item in items}


def _unpaired(step: dict[str, Any], link: str) -> set[str]:
    # The edits of a step no rule pairs (`UNPAIRED`): their new links ("u") or old ones ("was").
    return {_key(item[link]) for item in step["edited"] if "unpaired" in item}


def test_added_entries_are_the_really_new_resources(
    steps: list[tuple[dict[str, Any], RoadmapDiff]],
) -> None:
    for step, changes in steps:
        expected = {_key(url) for url in step["new"]} | _unpaired(step, "u")
        assert _keys(changes.added) == expected, step["to"]


def test_removed_resources_are_the_ones_that_left(
    steps: list[tuple[dict[str, Any], RoadmapDiff]],
) -> None:
    for step, changes in steps:
        expected = {_key(url) for url in step["gone"]} | _unpaired(step, "was")
        assert _keys(changes.removed) == expected, step["to"]


def test_edits_of_kept_entries_are_updates_never_new_entries(
    steps: list[tuple[dict[str, Any], RoadmapDiff]],
) -> None:
    for step, changes in steps:
        replaced = {_key(url) for url in step.get("replaced", [])}
        assert replaced <= _keys(changes.updated), step["to"]
        # A version that only sorts, punctuates, rewords or redoes its header makes no "added"
        # entry, and its punctuation-only edits are cosmetic: awesome-python-history's 2021
        # version has one reworded description; llm-course-history's third version (notebooks
        # reordered, the header redone, the assistants moved into a sentence) none.
        if not step["new"] and not step["gone"]:
            assert changes.added == changes.removed == ()
            # (titles as the diff compares them, `title_key`: a truth's 'Part / Part' is the
            # importer's 'Part Part', two lines of one cell)
            announced = [title_key(item.resource.title) for item in changes.announced_updates]
            expected = [title_key(title) for title in step.get("announced", [])]
            assert announced == expected, step["to"]


def test_feed_entries_are_the_hand_read_news_and_edits(
    steps: list[tuple[dict[str, Any], RoadmapDiff]],
) -> None:
    # Against each step's `new` and `edited` (read by hand from the two versions' markdown):
    # no false new, no missed new, no false update (an announced update of an entry whose
    # reader-visible content did not change), and no missed edit but the ones changes.yaml
    # marks `unread` with their reason (ossu-history: 5, cells of columns the importer does
    # not keep: Effort, Discussion, a free-text Prerequisites) or `unpaired` (`UNPAIRED`: each
    # then one removed and one added, and no more of them). A resource is added once, but
    # for one the README lists in two places (awesome-python's 2017 Python Bytes, under
    # Podcasts and Weekly): as many entries as changes.yaml lists it.
    for step, changes in steps:
        new = {_key(url) for url in step["new"]}
        edited = {_key(item["u"]) for item in step["edited"]}
        unread = {_key(item["u"]) for item in step["edited"] if "unread" in item}
        unpaired = _unpaired(step, "u")
        added = [_key(item.resource.url or item.resource.title) for item in changes.added]
        announced = [
            _key(item.resource.url or item.resource.title) for item in changes.announced_updates
        ]
        listed = Counter(_key(url) for url in step["new"]) + Counter(unpaired)
        assert Counter(added) - listed == Counter(), f"a resource added twice in {step['to']}"
        assert set(added) - new - unpaired == set(), f"false new in {step['to']}"
        assert new - set(added) == set(), f"missed new in {step['to']}"
        # One update per entry: a resource listed in two places (github-ranking-history's
        # bootstrap, in Most Stars and in Most Forks) is announced as often as it was edited.
        edits = Counter(_key(item["u"]) for item in step["edited"])
        assert Counter(announced) - edits == Counter(), f"announced twice in {step['to']}"
        assert set(announced) - edited == set(), f"false updates in {step['to']}"
        assert edited - set(announced) <= unread | unpaired, f"missed edits in {step['to']}"
