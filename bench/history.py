"""How much `publisher import-history` costs over `git cat-file --batch` reading the same versions.

Two histories, made with a fixed seed as git repositories:

- generated: 2,000 commits (60 with --quick) of a README of 600 resources in the shapes real
  road maps use (link bullets with descriptions, link headings, headings whose paragraph
  carries the link, a table, emoji bullets), each commit a small edit (a word, a title, a URL,
  a resource added or removed), several commits on some days;
- realistic: 1,500 commits (150 with --quick) of a ~75 KB README of ~470 resources, edited
  the way real lists are: pull requests that add a batch of resources, descriptions rewritten,
  a section reformatted (bullets to a table and back) or moved, intro paragraphs edited, typo
  fixes; merged from branches made from an older main (--no-ff merges); busy days and quiet
  weeks.

For each, in the same run: the baseline, one `git cat-file --batch` reading every version on
the first-parent line (best of 5, measured once per history: by day and by commit share it),
then `publisher import-history` as a subprocess (whole command), by day (the default) and
with --group commit (every version read). The ratio is of
CPU seconds (children included): the machine is shared, and wall-clock time (printed too)
measures the neighbours as much as us. Goal: at most 40. Then the peak memory (resident set)
of import-history --group commit on the last half of the realistic history and on all of it:
it must stay flat in the number of commits (goal: at most 1.3 times; the parse caches hold
the pieces used in the last 100 to 200 versions, so the full size is the telling one).

Then a replayed real history: every real transition of the corpus's lists with several
versions (tests/fixtures/real/, version k to version k+1) is split into its diff hunks
(difflib on lines), and the hunks are committed one at a time, the lists' transitions
interleaved, to one README holding every list (each list's text one after the other): a
history of some 900 commits (21, one list's, with --quick) in which every edit is a real
edit taken from a real list. Its intermediate states are constructed from real hunks; its
end points (each list's first and last version) are real. Timed by day and by commit against
the same baseline, with the goal of at most 40.

Last, the corpus's real histories themselves (made into git repositories as
bench/fidelity.py makes them; only the smallest with --quick), by day: a few versions years
apart, each nearly a new document read whole, so the start-up and the first version
(printed apart) are nearly all of it. Printed for information, with no goal: the replayed
history above measures the same edits at a length where reading them counts.

At --quick size most of the CPU time is what any run costs (starting Python and the package,
reading the first version whole), printed apart; the goal is for the full sizes, and
--commits N measures between.

    .venv/bin/python bench/history.py [--quick | --commits N] [--profile]
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import difflib
import itertools
import json
import os
import pstats
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fidelity import make_history  # also puts tests/ on the path, for real_corpus
from generate import WORDS
from real_corpus import import_options, versions


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


class Document:
    """A road map of sections holding resources; rendered in several markdown shapes."""

    def __init__(self, rng: random.Random, resources: int) -> None:
        self.rng = rng
        self.counter = 0
        self.sections: list[tuple[str, list[dict[str, str]]]] = []
        per_section = 30
        for number in range(resources // per_section):
            title = f"{words(rng, 2).title()} {number}"
            self.sections.append((title, [self.new_resource() for _ in range(per_section)]))

    def new_resource(self) -> dict[str, str]:
        self.counter += 1
        return {
            "title": f"{words(self.rng, 3).title()} {self.counter}",
            "url": f"https://example.org/{self.counter}/{self.rng.choice(WORDS)}",
            "description": words(self.rng, 12) + ".",
        }

    def edit(self) -> None:
        _, resources = self.rng.choice(self.sections)
        choice = self.rng.random()
        if choice < 0.15 or not resources:
            resources.insert(self.rng.randrange(len(resources) + 1), self.new_resource())
        elif choice < 0.25:
            resources.pop(self.rng.randrange(len(resources)))
        else:
            resource = self.rng.choice(resources)
            field = self.rng.choice(("title", "url", "description", "description"))
            if field == "url":
                resource["url"] += "/x"
            else:
                parts = resource[field].split(" ")
                parts[self.rng.randrange(len(parts))] = self.rng.choice(WORDS)
                resource[field] = " ".join(parts)

    def render(self) -> str:
        out = ["# A Large Road Map\n\nAn intro paragraph with a [link](https://example.org).\n"]
        for index, (title, resources) in enumerate(self.sections):
            out.append(f"\n## {title}\n\nWhat this section is about: {words(self.rng, 0)}.\n\n")
            shape = index % 5
            for resource in resources:
                if shape == 0:
                    out.append(
                        f"- [{resource['title']}]({resource['url']}) - {resource['description']}\n"
                    )
                elif shape == 1:
                    out.append(
                        f"### [{resource['title']}]({resource['url']})\n\n"
                        f"{resource['description']}\n\n"
                    )
                elif shape == 2:
                    out.append(
                        f"### {resource['title']}\n\n{resource['description']} "
                        f"See {resource['url']}\n\n"
                    )
                elif shape == 3:
                    if resource is resources[0]:
                        out.append("| Resource | Notes |\n|---|---|\n")
                    out.append(
                        f"| [{resource['title']}]({resource['url']}) | "
                        f"{resource['description']} |\n"
                    )
                else:
                    out.append(
                        f"- \U0001f4da [{resource['title']}]({resource['url']}) by Someone\n"
                        f"  > {resource['description']}\n"
                    )
        return "".join(out)


def make_repository(root: Path, commits: int, seed: int = 5) -> None:
    """A repository whose README.md changes in every commit, written with git fast-import."""
    rng = random.Random(seed)
    document = Document(rng, 600)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream = []
    timestamp = 1_600_000_000
    for number in range(commits):
        if number:
            for _ in range(rng.randint(1, 3)):
                document.edit()
        data = document.render().encode("utf-8")
        timestamp += rng.randint(600, 40_000)  # some days see several commits
        message = f"Edit {number}".encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"committer Curator <c@example.org> {timestamp} +0000\n".encode())
        stream.append(b"data %d\n%s\n" % (len(message), message))
        stream.append(b"M 100644 inline README.md\n")
        stream.append(b"data %d\n%s\n" % (len(data), data))
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(stream), check=True
    )


class RealisticDocument(Document):
    """A road map edited the way real ones are: bigger edits than `Document.edit`."""

    def __init__(self, rng: random.Random, resources: int) -> None:
        super().__init__(rng, resources)
        self.shapes = [index % 5 for index in range(len(self.sections))]
        self.intros = [words(rng, rng.randint(20, 60)) + "." for _ in self.sections]

    def new_resource(self) -> dict[str, str]:
        resource = super().new_resource()
        resource["description"] = words(self.rng, self.rng.randint(6, 18)) + "."
        return resource

    def big_edit(self) -> str:
        """One commit's worth of change, as real lists see them; returns its subject."""
        rng = self.rng
        index = rng.randrange(len(self.sections))
        _, resources = self.sections[index]
        choice = rng.random()
        if choice < 0.30:
            at = rng.randrange(len(resources) + 1)
            resources[at:at] = [self.new_resource() for _ in range(rng.randint(1, 3))]
            return "Add resources"
        if choice < 0.45:
            for resource in rng.sample(resources, min(len(resources), rng.randint(1, 6))):
                resource["description"] = words(rng, rng.randint(6, 20)) + "."
            return "Rewrite descriptions"
        if choice < 0.55:
            self.shapes[index] = (self.shapes[index] + rng.choice((2, 3))) % 5
            return "Reformat a section"
        if choice < 0.62:
            other = rng.randrange(len(self.sections))
            self.sections[index], self.sections[other] = self.sections[other], self.sections[index]
            self.shapes[index], self.shapes[other] = self.shapes[other], self.shapes[index]
            return "Move a section"
        if choice < 0.72:
            self.intros[index] = words(rng, rng.randint(20, 80)) + "."
            return "Edit an intro"
        if choice < 0.90 and len(resources) > 5:
            for _ in range(rng.randint(1, 5)):
                resources.pop(rng.randrange(len(resources)))
            return "Remove dead links"
        for _ in range(rng.randint(1, 5)):
            self.edit()
        return "Fix typos"

    def render(self) -> str:
        out = ["# A Large Road Map\n\nAn intro paragraph with a [link](https://example.org).\n"]
        for (title, resources), shape, intro in zip(
            self.sections, self.shapes, self.intros, strict=True
        ):
            out.append(f"\n## {title}\n\n{intro}\n\n")
            out.append(render_resources(resources, shape))
        return "".join(out)


def render_resources(resources: list[dict[str, str]], shape: int) -> str:
    out = []
    for resource in resources:
        if shape == 0:
            out.append(f"- [{resource['title']}]({resource['url']}) - {resource['description']}\n")
        elif shape == 1:
            out.append(
                f"### [{resource['title']}]({resource['url']})\n\n{resource['description']}\n\n"
            )
        elif shape == 2:
            out.append(
                f"### {resource['title']}\n\n{resource['description']} See {resource['url']}\n\n"
            )
        elif shape == 3:
            if resource is resources[0]:
                out.append("| Resource | Notes |\n|---|---|\n")
            out.append(
                f"| [{resource['title']}]({resource['url']}) | {resource['description']} |\n"
            )
        else:
            out.append(
                f"- \U0001f4da [{resource['title']}]({resource['url']}) by Someone\n"
                f"  > {resource['description']}\n"
            )
    return "".join(out)


def make_realistic_repository(root: Path, commits: int, seed: int = 7) -> int:
    """A realistic history (see the module's docstring); returns the README's final size."""
    rng = random.Random(seed)
    document = RealisticDocument(rng, 400)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream: list[bytes] = []
    timestamp = 1_600_000_000
    marks: list[tuple[int, RealisticDocument]] = []  # main's commits, for branches to start at
    mark = 0

    def commit(ref: str, text: str, message: str, parent: int | None, merge: int | None) -> int:
        nonlocal mark
        mark += 1
        data = text.encode("utf-8")
        subject = message.encode()
        stream.append(f"commit refs/heads/{ref}\nmark :{mark}\n".encode())
        stream.append(f"committer Curator <c@example.org> {timestamp} +0000\n".encode())
        stream.append(b"data %d\n%s\n" % (len(subject), subject))
        if parent is not None:
            stream.append(f"from :{parent}\n".encode())
        if merge is not None:
            stream.append(f"merge :{merge}\n".encode())
        stream.append(b"M 100644 inline README.md\n")
        stream.append(b"data %d\n%s\n" % (len(data), data))
        return mark

    head: int | None = None
    made = 0
    branches = 0
    while made < commits:
        # Busy days (several commits hours apart) and quiet weeks.
        timestamp += (
            rng.randint(1_800, 14_400) if rng.random() < 0.6 else rng.randint(1, 12) * 86_400
        )
        if marks and rng.random() < 0.15 and made + 2 <= commits:
            # A pull request: a branch from an older main, its README behind main's.
            start, old_document = marks[max(0, len(marks) - rng.randint(5, 40))]
            branch_document = copy.deepcopy(old_document)
            branch_document.rng = rng
            branches += 1
            subject = branch_document.big_edit()
            branch = commit(f"topic{branches}", branch_document.render(), subject, start, None)
            timestamp += rng.randint(3_600, 5 * 86_400)
            document.big_edit()  # the same kind of change, resolved onto main's README
            head = commit(
                "main", document.render(), f"Merge pull request #{branches}", head, branch
            )
            made += 2
        else:
            subject = document.big_edit()
            head = commit("main", document.render(), subject, head, None)
            made += 1
        snapshot = copy.deepcopy(document)
        snapshot.rng = rng
        marks.append((head, snapshot))
        del marks[:-50]
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(stream), check=True
    )
    return len(document.render().encode("utf-8"))


# Runs a command, then prints as JSON its wall-clock and CPU seconds (user + system, its
# children included: the machine is shared, and the CPU figure says what the neighbours did
# not) and its peak resident set. A fresh process per measurement, since RUSAGE_CHILDREN
# keeps the largest child ever waited for. The output is read through a pipe, as
# import-history reads git's.
_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "stdin = open(sys.argv[1], 'rb') if sys.argv[1] != '-' else None\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[2:], stdin=stdin, capture_output=True, check=True)\n"
    "wall = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'wall': wall, 'cpu': usage.ru_utime + usage.ru_stime,\n"
    "                  'peak_kib': usage.ru_maxrss}))\n"
)


@dataclass(frozen=True)
class Measure:
    wall: float  # seconds
    cpu: float  # seconds
    peak: float  # MB


# Python commands run as an installed package runs: from compiled bytecode. (The machine
# may set PYTHONDONTWRITEBYTECODE, and then every run would compile the package's modules
# from source first, a cost no user of an installed wheel pays.) The bytecode goes to a
# folder of the run's own (PYTHONPYCACHEPREFIX), never into the source tree.
_ENVIRONMENT = dict(os.environ)


def use_bytecode_in(folder: Path) -> None:
    """Measured Python commands read and write their bytecode under ``folder``."""
    _ENVIRONMENT.pop("PYTHONDONTWRITEBYTECODE", None)
    _ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(folder)


def measure(command: list[str], stdin: Path | None = None) -> Measure:
    """Wall-clock and CPU seconds and peak memory of ``command`` run to its end."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(stdin) if stdin else "-", *command],
        capture_output=True,
        text=True,
        check=True,
        env=_ENVIRONMENT,
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    return Measure(wall=measured["wall"], cpu=measured["cpu"], peak=measured["peak_kib"] / 1024)


# The baseline of each history, measured once: the by-day and by-commit ratios of a history
# are over the same `git cat-file` run, and two independent bests of 3 of it differed by 30%
# in one run (0.42 s and 0.54 s on the replayed history), so the two ratios moved apart with
# the neighbours' load, not with import-history.
_BASELINES: dict[Path, Measure] = {}


def time_cat_file(root: Path, folder: Path) -> Measure:
    """One `git cat-file --batch` reading every first-parent version (best of 5, once per
    history: `_BASELINES`)."""
    if root in _BASELINES:
        return _BASELINES[root]
    hashes = subprocess.run(
        ["git", "-C", str(root), "rev-list", "--first-parent", "main", "--", "README.md"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    requests = folder / "requests.txt"
    requests.write_text("".join(f"{commit}:README.md\n" for commit in hashes), encoding="utf-8")
    runs = [
        measure(["git", "-C", str(root), "cat-file", "--batch"], stdin=requests) for _ in range(5)
    ]
    _BASELINES[root] = Measure(
        wall=min(run.wall for run in runs), cpu=min(run.cpu for run in runs), peak=runs[0].peak
    )
    return _BASELINES[root]


def time_import_history(root: Path, out: Path, *options: str) -> Measure:
    """One `publisher import-history` run."""
    return measure(
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
            *options,
        ]
    )


def report(
    name: str, root: Path, folder: Path, commits: int, *options: str, goal: bool = True
) -> float:
    baseline = time_cat_file(root, folder)
    out = folder / f"out-{name}"
    run = time_import_history(root, out, *options)
    written = len(list(out.iterdir()))
    ratio = run.cpu / baseline.cpu
    # What any run costs whatever the history's length: starting Python and the package,
    # and reading the first version whole (the later ones reuse its parsed pieces).
    fixed = time_import_history(root, folder / f"fixed-{name}", "--limit", "1").cpu
    print(
        f"{name}: ratio {ratio:.1f} (import-history {run.cpu:.2f} s / git cat-file --batch "
        f"{baseline.cpu:.3f} s, CPU; of which {fixed:.2f} s whatever the length: start-up "
        f"and the first version; wall clock {run.wall:.2f} s / {baseline.wall:.3f} s; "
        f"{commits} commits, {written} releases, peak {run.peak:.0f} MB; "
        + ("goal <= 40)" if goal else "start-up bound: no goal)"),
        flush=True,
    )
    return ratio


def real_lists(quick: bool) -> list[tuple[str, list[str], tuple[str, ...]]]:
    """The corpus's lists with several versions (tests/fixtures/real/), smallest first, as
    (name, the text of each version in order, its import options: `import_options`). With
    ``quick``, only the smallest."""
    by_list: dict[str, list[str]] = {}
    options_of: dict[str, tuple[str, ...]] = {}
    for version in versions():
        name = version.name.split("/")[0]
        by_list.setdefault(name, []).append(version.markdown.read_text(encoding="utf-8"))
        options_of[name] = tuple(import_options(version))
    lists = sorted(
        (name for name, texts in by_list.items() if len(texts) > 1),
        key=lambda name: sum(map(len, by_list[name])),
    )
    return [(name, by_list[name], options_of[name]) for name in (lists[:1] if quick else lists)]


def real_histories(folder: Path, quick: bool) -> list[tuple[str, Path, int, tuple[str, ...]]]:
    """The corpus's lists with several versions, each made into a git repository as
    bench/fidelity.py makes it (the versions a day apart on main, the last one through a
    merged branch): (name, repository, first-parent commits, import options)."""
    made = []
    for name, texts, options in real_lists(quick):
        root = folder / f"real-{name}"
        root.mkdir()
        make_history(root, texts)
        made.append((name, root, len(texts) + 1, options))  # + the no-data commit
    return made


def hunk_states(texts: list[str]) -> Iterator[str]:
    """The text after each diff hunk (difflib on lines) of each transition of ``texts``
    (version k to k+1), applied in order: the last one of a transition is version k+1."""
    for old, new in itertools.pairwise(texts):
        old_lines = old.splitlines(keepends=True)
        new_lines = new.splitlines(keepends=True)
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        state = old
        for tag, _, old_end, _, new_end in matcher.get_opcodes():
            if tag != "equal":
                # Hunks before this one applied (new lines), those after not yet (old lines).
                state = "".join(new_lines[:new_end] + old_lines[old_end:])
                yield state
        assert state == new, "the hunks of a transition make its next version"


def make_replayed_repository(
    root: Path, lists: list[tuple[str, list[str], tuple[str, ...]]]
) -> int:
    """A README holding each list's text (one after the other), first at each list's first
    version, then one commit per real diff hunk (see `hunk_states`), the lists' transitions
    interleaved at random (fixed seed), several commits on some days; returns the commits."""
    rng = random.Random(11)
    states = [texts[0] if texts[0].endswith("\n") else texts[0] + "\n" for _, texts, _ in lists]
    pending = [list(hunk_states(texts)) for _, texts, _ in lists]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream: list[bytes] = []
    timestamp = 1_600_000_000
    commits = 0
    while True:
        data = "".join(states).encode("utf-8")
        message = b"Edit %d" % commits
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"committer Curator <c@example.org> {timestamp} +0000\n".encode())
        stream.append(b"data %d\n%s\n" % (len(message), message))
        stream.append(b"M 100644 inline README.md\n")
        stream.append(b"data %d\n%s\n" % (len(data), data))
        commits += 1
        left = [index for index, hunks in enumerate(pending) if hunks]
        if not left:
            break
        index = rng.choice(left)
        state = pending[index].pop(0)
        states[index] = state if state.endswith("\n") else state + "\n"
        timestamp += (
            rng.randint(1_800, 14_400) if rng.random() < 0.6 else rng.randint(1, 6) * 86_400
        )
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(stream), check=True
    )
    return commits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small histories (60 and 150)")
    parser.add_argument("--profile", action="store_true", help="profile import-history in process")
    parser.add_argument(
        "--commits",
        type=int,
        metavar="N",
        help="N commits in both histories (a size between --quick and the full one)",
    )
    arguments = parser.parse_args()
    generated_commits = 60 if arguments.quick else 2000
    realistic_commits = 150 if arguments.quick else 1500
    if arguments.commits:
        generated_commits = realistic_commits = arguments.commits
    missed = False
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        use_bytecode_in(folder / "bytecode")
        # Compiled once here, as installing the package does.
        subprocess.run(
            [sys.executable, "-m", "publisher", "--help"],
            env=_ENVIRONMENT,
            capture_output=True,
            check=True,
        )
        root = folder / "generated"
        make_repository(root, generated_commits)
        if arguments.profile:
            from click.testing import CliRunner

            from publisher.cli import main as cli

            profiler = cProfile.Profile()
            profiler.enable()
            CliRunner().invoke(
                cli,
                ["import-history", str(root), "--file", "README.md", "--out", f"{folder}/p"],
            )
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        for label, options in (("by day", ()), ("by commit", ("--group", "commit"))):
            ratio = report(f"history {label}", root, folder, generated_commits, *options)
            missed = missed or ratio > 40
        real = folder / "realistic"
        size = make_realistic_repository(real, realistic_commits)
        print(f"(realistic history: README of {size / 1024:.0f} KB at the end)", flush=True)
        for label, options in (("by day", ()), ("by commit", ("--group", "commit"))):
            ratio = report(f"history realistic {label}", real, folder, realistic_commits, *options)
            missed = missed or ratio > 40
        # Flat memory: the most recent half of the history against all of it (at full size
        # both read more versions than the caches keep: see publisher/git_history.py).
        half = realistic_commits // 2
        part = time_import_history(
            real, folder / "half", "--group", "commit", "--limit", str(half)
        ).peak
        whole = time_import_history(real, folder / "whole", "--group", "commit").peak
        print(
            f"history memory: ratio {whole / part:.2f} (peak {whole:.0f} MB on {realistic_commits} "
            f"commits / {part:.0f} MB on the last {half}; goal <= 1.3)",
            flush=True,
        )
        missed = missed or whole / part > 1.3
        # Real edits at length: the corpus's transitions replayed hunk by hunk.
        lists = real_lists(arguments.quick)
        replayed = folder / "replayed"
        commits = make_replayed_repository(replayed, lists)
        print(
            f"(replayed real history: {commits} commits, each a real diff hunk of "
            f"{', '.join(name for name, _, _ in lists)}; the intermediate states are "
            "constructed from real hunks, the end points are real)",
            flush=True,
        )
        for label, options in (("by day", ()), ("by commit", ("--group", "commit"))):
            ratio = report(f"history replayed real {label}", replayed, folder, commits, *options)
            missed = missed or ratio > 40
        # The corpus's real histories: a few versions years apart, each nearly a new
        # document read whole; start-up is nearly all of it (no goal: see the docstring).
        for name, repository, commits, options in real_histories(folder, arguments.quick):
            report(f"history real {name}", repository, folder, commits, *options, goal=False)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
