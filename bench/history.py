"""How much `publisher import-history` costs over `git cat-file --batch` reading the same versions.

Makes (fixed seed) a git repository with 2,000 commits (60 with --quick) of a README of 600
resources in the shapes real road maps use (link bullets with descriptions, link headings,
headings whose paragraph carries the link, a table, plain bullets), each commit a random small
edit (a word of a description, a title, a URL, a resource added or removed). Then measures in
the same run:

- baseline: one `git cat-file --batch` reading every version of the README;
- `publisher import-history REPO --file README.md --out TMP` as a subprocess (whole command).

Prints `history: ratio R (import-history A s / git cat-file --batch B s)`; goal: at most 40.

    .venv/bin/python bench/history.py [--quick] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import WORDS


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


def time_cat_file(root: Path) -> float:
    hashes = subprocess.run(
        ["git", "-C", str(root), "rev-list", "main", "--", "README.md"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    requests = "".join(f"{commit}:README.md\n" for commit in hashes).encode()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch"],
            input=requests,
            capture_output=True,
            check=True,
        )
        best = min(best, time.perf_counter() - start)
    return best


def time_import_history(root: Path, out: Path) -> float:
    start = time.perf_counter()
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
        ],
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 commits instead of 2,000")
    parser.add_argument("--profile", action="store_true", help="profile import-history in process")
    arguments = parser.parse_args()
    commits = 60 if arguments.quick else 2000
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        make_repository(root, commits)
        baseline = time_cat_file(root)
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
        took = time_import_history(root, Path(folder) / "out")
        written = len(list((Path(folder) / "out").iterdir()))
        print(
            f"history: ratio {took / baseline:.1f} (import-history {took:.2f} s / "
            f"git cat-file --batch {baseline:.3f} s; {commits} commits, {written} releases)"
        )


if __name__ == "__main__":
    main()
