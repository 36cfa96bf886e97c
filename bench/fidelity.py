"""How faithfully `publisher import` reads real READMEs, and how much noise their histories make.

On the corpus of tests/fixtures/real/ (real public READMEs, each version with a truth file
written by reading the markdown), prints per list, over its versions (the lowest):

- resource precision: share of imported resources a careful reader lists too (goal >= 0.97);
- resource recall: share of the reader's resources the import finds (goal >= 0.97);
- section accuracy: share of found resources filed under the reader's section (goal >= 0.95).

Then, for each list with several versions, a git repository is made in a temporary folder:
the versions on `main`, one day apart, the last one arriving through a merged pull-request
branch (made from the version before, merged after a same-day typo fix on `main`), and
`publisher import-history` reads it (the real command). Prints the feed entries a subscriber
would have received (added and non-cosmetic updated resources, release after release) per
genuinely new resource (in the truth of a version and not of the one before, or, where the
list has one, as its changes.yaml says); goal <= 1.15.

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
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from real_corpus import Version, imported, read_truth, score, versions  # noqa: E402

from publisher.diff import diff  # noqa: E402
from publisher.load import load_snapshot  # noqa: E402
from publisher.model import normalize_url  # noqa: E402

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


def history(name: str, list_versions: list[Version]) -> tuple[int, int]:
    """Prints one list's figures; returns (feed entries, genuinely new resources)."""
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
                *(["--base-url", list_versions[0].base_url] if list_versions[0].base_url else []),
            ],
            check=True,
            capture_output=True,
        )
        releases = sorted(out.glob("*.yaml"))
        added, updated = feed_entries(releases)
    new = truly_new(list_versions)
    ratio = (added + updated) / new if new else float(added + updated)
    print(
        f"fidelity history {name}: ratio {ratio:.2f} (feed entries per genuinely new resource: "
        f"{added} added + {updated} updated over {len(releases)} releases of "
        f"{len(list_versions)} versions (+1 merged branch, +1 no-data commit), {new} truly new; "
        "the goal is for all lists together)"
    )
    return added + updated, new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the histories")
    options = parser.parse_args()
    by_list: dict[str, list[Version]] = defaultdict(list)
    for version in versions():
        by_list[version.name.split("/")[0]].append(version)
    met = True
    for name, list_versions in by_list.items():
        scores = [score(imported(version), read_truth(version.truth)) for version in list_versions]
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
    if not options.quick:
        entries = new = 0
        for name, list_versions in by_list.items():
            if len(list_versions) > 1:
                list_entries, list_new = history(name, list_versions)
                entries, new = entries + list_entries, new + list_new
        ratio = entries / new if new else float(entries)
        met = met and ratio <= ENTRIES_PER_NEW
        print(
            f"fidelity history all lists: ratio {ratio:.2f} (goal <= {ENTRIES_PER_NEW}; "
            f"{entries} feed entries for {new} genuinely new resources)"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
