"""How faithfully `publisher import` reads real READMEs, and how much noise their histories make.

On the corpus of tests/fixtures/real/ (real public READMEs, each version with a truth file
written by reading the markdown), prints per list, over its versions (the lowest):

- resource precision: share of imported resources a careful reader lists too (goal >= 0.97);
- resource recall: share of the reader's resources the import finds (goal >= 0.97);
- section accuracy: share of found resources filed under the reader's section (goal >= 0.95);
- titles: share of found resources titled as the reader titles them (no goal; letters and digits
  compared, any case).

Then, for each list with several versions, a git repository is made in a temporary folder:
the versions on `main`, one day apart, the last one arriving through a merged pull-request
branch (made from the version before, merged after a same-day typo fix on `main`), and
`publisher import-history` reads it (the real command). Prints the feed entries a subscriber
would have received (added and non-cosmetic updated resources, release after release) per
genuinely new resource (in the truth of a version and not of the one before, or, where the
list has one, as its changes.yaml says); goal <= 1.15. And, step by step against what a reader
of the markdown lists: false new (added entries that are not new), missed new, false updates
(announced updates of entries whose reader-visible content did not change: the changes.yaml's
`edited`, read by hand from the two versions' markdown) and missed edits (edits read by hand
that no update announced), with the noise entries per genuinely new resource: (false new +
false updates) / new. A list without a changes.yaml has no hand-read edits: its false updates
and missed edits are not known (n/a) and it stays out of the noise figure. For the hand-read
lists together it prints the floor of the figure too: (new + edits read by hand) / new, what
a history read with no noise that announces every real edit gives; a goal below the floor
could only be met by hiding real edits.

    .venv/bin/python bench/fidelity.py [--quick]     (--quick: the same, without histories)
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The checkout this script lives in is the one measured, whatever an editable install points at.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from real_corpus import (  # noqa: E402
    Version,
    import_options,
    read_truth,
    scored,
    versions,
)

from publisher.diff import diff  # noqa: E402
from publisher.load import load_snapshot  # noqa: E402
from publisher.model import Snapshot, normalize_url  # noqa: E402

PRECISION = RECALL = 0.97
SECTIONS = 0.95
ENTRIES_PER_NEW = 1.15


def git(root: Path, *arguments: str, when: dt.datetime | None = None) -> None:
    environment = dict(os.environ)
    if when is not None:
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        environment.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    environment.update(
        GIT_AUTHOR_NAME="Curator",
        GIT_AUTHOR_EMAIL="c@example.org",
        GIT_COMMITTER_NAME="Curator",
        GIT_COMMITTER_EMAIL="c@example.org",
    )
    subprocess.run(
        ["git", "-C", str(root), *arguments], check=True, capture_output=True, env=environment
    )


def commit(root: Path, text: str, message: str, when: dt.datetime) -> None:
    (root / "README.md").write_text(text, encoding="utf-8")
    git(root, "add", "README.md")
    git(root, "commit", "-q", "-m", message, when=when)


def make_history(root: Path, texts: list[str]) -> None:
    """The versions on main a day apart; the last one through a merged branch."""
    git(root, "init", "-q", "-b", "main")
    day = dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC)
    for number, text in enumerate(texts[:-1]):
        commit(root, text, f"Version {number + 1}", day)
        day += dt.timedelta(days=1)
    git(root, "checkout", "-q", "-b", "contributor")
    commit(root, texts[-1], "Add resources", day)
    git(root, "checkout", "-q", "main")
    # A same-day fix on main that changes no data (a trailing space).
    commit(root, texts[-2] + " \n", "Fix whitespace", day + dt.timedelta(days=1))
    git(
        root,
        "merge",
        "-q",
        "--no-ff",
        "-X",
        "theirs",
        "-m",
        "Merge pull request #1",
        "contributor",
        when=day + dt.timedelta(days=2),
    )


def feed_entries(releases: list[Path]) -> tuple[int, int]:
    """(added, announced updates) over consecutive releases, as the feeds count them."""
    snapshots = [load_snapshot(path) for path in releases]
    added = updated = 0
    for old, new in itertools.pairwise(snapshots):
        changes = diff(old, new)
        added += len(changes.added)
        updated += len(changes.announced_updates)
    return added, updated


def key(url_or_title: str) -> str:
    """How a resource is named when comparing: its normalised URL, else its title."""
    if url_or_title.startswith(("http://", "https://")):
        return normalize_url(url_or_title)
    return "title:" + url_or_title.casefold()


@dataclass(frozen=True)
class Step:
    """What one version really changed, as a reader lists it: new resources, and (hand-read
    lists only, else None) the kept ones whose reader-visible content was edited."""

    new: tuple[str, ...]
    edited: tuple[str, ...] | None


@dataclass(frozen=True)
class Errors:
    """A history's feed entries against what its versions really changed."""

    false_new: int = 0
    missed_new: int = 0
    false_updates: int | None = 0  # None: no hand-read edits to compare with
    missed_edits: int | None = 0

    def __add__(self, other: Errors) -> Errors:
        def plus(one: int | None, two: int | None) -> int | None:
            return None if one is None or two is None else one + two

        return Errors(
            self.false_new + other.false_new,
            self.missed_new + other.missed_new,
            plus(self.false_updates, other.false_updates),
            plus(self.missed_edits, other.missed_edits),
        )


def real_steps(list_versions: list[Version]) -> list[Step]:
    """Each step's real changes: from the list's changes.yaml (new and edited read by hand from
    the markdown), else new ones from the truth files (by URL, else title) and no edits."""
    changes = list_versions[0].markdown.parent / "changes.yaml"
    if changes.is_file():
        steps = yaml.safe_load(changes.read_text(encoding="utf-8"))["steps"]
        return [
            Step(
                new=tuple(key(item) for item in step["new"]),
                edited=tuple(key(item["u"]) for item in step.get("edited", [])),
            )
            for step in steps
        ]
    found = []
    for old, new in itertools.pairwise(list_versions):
        before = {key(r.url or r.title) for r in read_truth(old.truth)}
        after = [key(r.url or r.title) for r in read_truth(new.truth)]
        found.append(Step(new=tuple(k for k in after if k not in before), edited=None))
    return found


def _excess(one: list[str] | tuple[str, ...], two: list[str] | tuple[str, ...]) -> int:
    # Entries of `one` that `two` does not account for (a resource announced twice counts twice).
    return sum((Counter(one) - Counter(two)).values())


def errors(releases: list[Path], steps: list[Step]) -> Errors:
    """False new, missed new, false updates and missed edits of the releases' diffs, step by
    step. A release is placed by its commits' subjects (make_history's "Version N", the
    merge: the last version, the no-data fix: the version before): a diff between two
    releases of the same version is a step that changed nothing; one across a version that
    made no release (it changed nothing a reader sees) holds the steps of both."""
    snapshots = [load_snapshot(path) for path in releases]
    last = len(steps)

    def placed(snapshot: Snapshot) -> int:
        assert snapshot.release is not None
        subjects = [commit.subject for commit in snapshot.release.source_commits]
        if "Merge pull request #1" in subjects:
            return last
        numbers = [int(s.split()[1]) - 1 for s in subjects if s.startswith("Version ")]
        return max(numbers) if numbers else last - 1

    total = Errors()
    seen: set[int] = set()
    for old, new in itertools.pairwise(snapshots):
        changes = diff(old, new)
        added = [key(c.resource.url or c.resource.title) for c in changes.added]
        updated = [key(c.resource.url or c.resource.title) for c in changes.announced_updates]
        start, end = placed(old), placed(new)
        if end > start:
            # The versions between the two releases: one, or more where a version changed
            # nothing a reader sees and made no release of its own (what they changed, summed).
            span = steps[start:end]
            step = Step(
                new=tuple(item for each in span for item in each.new),
                edited=None
                if any(each.edited is None for each in span)
                else tuple(item for each in span for item in each.edited or ()),
            )
            seen.update(range(start, end))
        else:  # nothing changed: every entry is noise
            step = Step(new=(), edited=None if steps and steps[0].edited is None else ())
        total += Errors(
            _excess(added, step.new),
            _excess(step.new, added),
            None if step.edited is None else _excess(updated, step.edited),
            None if step.edited is None else _excess(step.edited, updated),
        )
    for number, step in enumerate(steps):
        if number not in seen:  # a version that made no release: all it changed is missed
            total += Errors(0, len(step.new), 0, None if step.edited is None else len(step.edited))
    return total


def _known(value: int | None) -> str:
    return "n/a" if value is None else str(value)


def truly_new(list_versions: list[Version]) -> int:
    """Resources in a version's truth and not in the one before (by URL, else title); for a
    list with a changes.yaml (what each version really added, read by hand), its count: a
    link moved to another address is then an edit, not a new resource."""
    changes = list_versions[0].markdown.parent / "changes.yaml"
    if changes.is_file():
        steps = yaml.safe_load(changes.read_text(encoding="utf-8"))["steps"]
        return sum(len(step["new"]) for step in steps)
    count = 0
    for old, new in itertools.pairwise(list_versions):
        before = {normalize_url(r.url) or r.title.casefold() for r in read_truth(old.truth)}
        count += sum(
            (normalize_url(r.url) or r.title.casefold()) not in before
            for r in read_truth(new.truth)
        )
    return count


def history(name: str, list_versions: list[Version]) -> tuple[int, int, Errors, int | None]:
    """Prints one list's figures; returns (feed entries, genuinely new resources, errors, the
    edits read by hand: None without a changes.yaml)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        root.mkdir()
        texts = [version.markdown.read_text(encoding="utf-8") for version in list_versions]
        make_history(root, texts)
        out = Path(folder) / "out"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "publisher",
                "-q",
                "import-history",
                str(root),
                "--file",
                "README.md",
                "--out",
                str(out),
                *import_options(list_versions[0]),
            ],
            check=True,
            capture_output=True,
        )
        releases = sorted(out.glob("*.yaml"))
        added, updated = feed_entries(releases)
        steps = real_steps(list_versions)
        found = errors(releases, steps)
    edits = None if found.false_updates is None else sum(len(s.edited or ()) for s in steps)
    new = truly_new(list_versions)
    ratio = (added + updated) / new if new else float(added + updated)
    print(
        f"fidelity history {name}: ratio {ratio:.2f} (feed entries per genuinely new resource: "
        f"{added} added + {updated} updated over {len(releases)} releases of "
        f"{len(list_versions)} versions (+1 merged branch, +1 no-data commit), {new} truly new; "
        "the goal is for all lists together)"
    )
    print(f"fidelity noise {name}: {describe(found, new)}")
    return added + updated, new, found, edits


def describe(found: Errors, new: int) -> str:
    """The error counts of one history (or several) and its noise per genuinely new resource."""
    counts = (
        f"false new {found.false_new}, missed new {found.missed_new}, "
        f"false updates {_known(found.false_updates)}, "
        f"missed edits {_known(found.missed_edits)}"
    )
    if found.false_updates is None:
        return (
            f"{counts} (no changes.yaml: edits not read by hand; new by the truth files' URLs, "
            "where a link moved elsewhere counts as new and its update as a missed new)"
        )
    noise = (found.false_new + found.false_updates) / new if new else 0.0
    return (
        f"{counts}; {noise:.2f} noise entries per genuinely new resource "
        f"(false new + false updates: {found.false_new + found.false_updates} for {new} new)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the histories")
    options = parser.parse_args()
    by_list: dict[str, list[Version]] = defaultdict(list)
    for version in versions():
        by_list[version.name.split("/")[0]].append(version)
    met = True
    for name, list_versions in by_list.items():
        scores = [scored(version) for version in list_versions]
        expected = sum(result.expected for result in scores)
        rows = (
            ("precision", min(result.precision for result in scores), PRECISION),
            ("recall", min(result.recall for result in scores), RECALL),
            ("sections", min(result.section_accuracy for result in scores), SECTIONS),
        )
        for metric, value, goal in rows:
            met = met and value >= goal
            print(
                f"fidelity {metric} {name}: ratio {value:.3f} (goal >= {goal}; lowest of "
                f"{len(list_versions)} version(s), {expected} resources in the truth)"
            )
        # The issue sets no goal for titles; printed so a reading that finds the right links
        # under the wrong names shows (the scores above match resources by URL).
        print(
            f"fidelity titles {name}: ratio "
            f"{min(result.title_accuracy for result in scores):.3f} (no goal: share of found "
            f"resources titled as the truth, letters and digits compared; lowest of "
            f"{len(list_versions)} version(s))"
        )
    if not options.quick:
        entries = new = 0
        # The hand-read histories (a changes.yaml: edits known) and the others, apart.
        read, unread = (Errors(), 0), (Errors(), 0)
        edits = 0  # of the hand-read histories
        for name, list_versions in by_list.items():
            if len(list_versions) > 1:
                list_entries, list_new, found, list_edits = history(name, list_versions)
                entries, new = entries + list_entries, new + list_new
                if list_edits is None:
                    unread = (unread[0] + found, unread[1] + list_new)
                else:
                    read = (read[0] + found, read[1] + list_new)
                    edits += list_edits
        ratio = entries / new if new else float(entries)
        met = met and ratio <= ENTRIES_PER_NEW
        print(
            f"fidelity history all lists: ratio {ratio:.2f} (goal <= {ENTRIES_PER_NEW}; "
            f"{entries} feed entries for {new} genuinely new resources)"
        )
        print(f"fidelity noise hand-read histories: {describe(*read)}")
        floor = (read[1] + edits) / read[1] if read[1] else 0.0
        print(
            f"fidelity floor hand-read histories: ratio {floor:.2f} (no noise, every real edit "
            f"announced: {read[1]} new + {edits} edits read by hand, over {read[1]} new)"
        )
        print(
            f"fidelity noise other histories: false new {unread[0].false_new}, missed new "
            f"{unread[0].missed_new} for {unread[1]} new by the truth files' URLs (false "
            "updates, missed edits: n/a, no changes.yaml)"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
