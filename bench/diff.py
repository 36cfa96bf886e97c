"""How much `publisher diff` costs over loading its two files with PyYAML's C loader.

Builds (fixed seed) two snapshots of 100,000 resources (3,000 with --quick), B being A with
random edits: 1% added, 1% removed, 1% updated, 0.5% moved, 0.2% URL changes with the same
title. Prints two ratios, each against the time `yaml.load(…, Loader=yaml.CSafeLoader)` takes
to load A and B, measured in the same run (best of several runs each):

- the whole command `publisher diff A B --format json` (goal: at most 1.3);
- the `diff.diff` function alone on the loaded snapshots (goal: at most 0.05).

Ratios are of CPU time (this process plus the command's), best of several runs: the machine
is shared, and other work inflates wall time (printed too) far more than CPU time.

    .venv/bin/python bench/diff.py [--quick] [--runs N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource as rusage
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from generate import HOSTS, KINDS, WORDS

from publisher.diff import diff
from publisher.load import load_snapshot

COMMAND_GOAL = 1.3
FUNCTION_GOAL = 0.05

Resource = dict[str, Any]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(8, 18))).capitalize() + "."


class Generator:
    """Random resources with unique titles and URLs (a counter in each)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counter = 0

    def resource(self) -> Resource:
        rng = self.rng
        self.counter += 1
        title = " ".join(rng.choices(WORDS, k=rng.randint(2, 6))).title() + f" {self.counter}"
        resource: Resource = {"title": title}
        if rng.random() < 0.95:
            resource["url"] = f"https://{rng.choice(HOSTS)}/r/{self.counter}/{title[:12].lower()}"
            resource["url"] = resource["url"].replace(" ", "-")
        if rng.random() < 0.6:
            resource["kind"] = rng.choice(KINDS)
        if rng.random() < 0.3:
            resource["author"] = " ".join(rng.choices(WORDS, k=2)).title()
        if rng.random() < 0.9:
            resource["description"] = (
                "\n".join(_sentence(rng) for _ in range(rng.randint(1, 3))) + "\n"
            )
        resource["tags"] = rng.sample(WORDS, rng.randint(1, 4))
        if rng.random() < 0.3:
            resource["cost"] = rng.choice(("free", "paid", "freemium"))
        if rng.random() < 0.2:
            resource["level"] = rng.choice(("beginner", "intermediate", "advanced"))
        return resource


def generate(resources: int, seed: int = 20240104) -> list[dict[str, Any]]:
    """Sections of about 500 resources each, every third one with a nested subsection."""
    generator = Generator(seed)
    sections = []
    count = max(2, resources // 500)
    for index in range(count):
        share = resources // count + (resources % count if index == 0 else 0)
        nested = share // 5 if index % 3 == 0 else 0
        section: dict[str, Any] = {
            "title": f"Section {index}",
            "resources": [generator.resource() for _ in range(share - nested)],
        }
        if nested:
            section["sections"] = [
                {
                    "title": f"Subsection of {index}",
                    "resources": [generator.resource() for _ in range(nested)],
                }
            ]
        sections.append(section)
    return sections


def _resource_lists(sections: list[dict[str, Any]]) -> list[list[Resource]]:
    lists = []
    for section in sections:
        lists.append(section["resources"])
        lists.extend(child["resources"] for child in section.get("sections", []))
    return lists


def edit(
    sections: list[dict[str, Any]], seed: int = 2
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """A copy of ``sections`` with the issue's mix of random edits, and how many of each."""
    rng = random.Random(seed)
    generator = Generator(seed)
    generator.counter = 10_000_000  # new titles and URLs never collide with the old ones
    edited = json.loads(json.dumps(sections))
    lists = _resource_lists(edited)
    places = [
        (list_index, item) for list_index, items in enumerate(lists) for item in range(len(items))
    ]
    total = len(places)
    chosen = rng.sample(places, int(total * 0.037))
    cuts = [int(total * share) for share in (0.01, 0.01, 0.005, 0.002)]
    removed = set(chosen[: cuts[0]])
    updated = chosen[cuts[0] : cuts[0] + cuts[1]]
    moved = chosen[cuts[0] + cuts[1] : cuts[0] + cuts[1] + cuts[2]]
    renamed_urls = chosen[cuts[0] + cuts[1] + cuts[2] : sum(cuts)]
    for list_index, item in updated:
        resource = lists[list_index][item]
        field = rng.choice(("kind", "description", "tags", "cost"))
        if field == "kind":
            resource["kind"] = rng.choice([kind for kind in KINDS if kind != resource.get("kind")])
        elif field == "description":
            resource["description"] = _sentence(rng) + "\n"
        elif field == "tags":
            resource["tags"] = [*resource["tags"], "updated"]
        else:
            resource["cost"] = "paid" if resource.get("cost") != "paid" else "free"
    for list_index, item in renamed_urls:
        resource = lists[list_index][item]
        resource["url"] = f"https://moved.example.net/{item}/{list_index}"
    moving = [(list_index, lists[list_index][item]) for list_index, item in moved]
    leaving = removed | set(moved)
    for list_index, items in enumerate(lists):
        lists[list_index] = [
            resource for item, resource in enumerate(items) if (list_index, item) not in leaving
        ]
    for origin, resource in moving:
        # Another section than its own, so that it really moves.
        target = (origin + rng.randrange(1, len(lists))) % len(lists)
        lists[target].append(resource)
    for _ in range(cuts[0]):
        target = rng.choice(lists)
        target.insert(rng.randrange(len(target) + 1), generator.resource())
    # Put the edited lists back in place.
    position = 0
    for section in edited:
        section["resources"] = lists[position]
        position += 1
        for child in section.get("sections", []):
            child["resources"] = lists[position]
            position += 1
    counts = {"added": cuts[0], "removed": cuts[0], "moved": cuts[2]}
    counts["updated at least"] = cuts[1] + cuts[3]
    return edited, counts


def to_yaml(sections: list[dict[str, Any]], version: str, date: str) -> str:
    """The snapshot as YAML text, written the way curators write it (block style)."""
    lines = [
        "release:",
        f'  version: "{version}"',
        f"  date: {date}",
        "title: A Generated Road Map",
        "sections:",
    ]

    def emit(resources: list[Resource], indent: str) -> None:
        lines.append(f"{indent}resources:")
        for resource in resources:
            first = True
            for key, value in resource.items():
                lead = f"{indent}  - " if first else f"{indent}    "
                first = False
                if key == "description":
                    lines.append(f"{lead}description: |")
                    lines.extend(f"{indent}      {line}" for line in value.splitlines())
                elif key == "tags":
                    lines.append(f"{lead}tags: [{', '.join(value)}]")
                else:
                    lines.append(f"{lead}{key}: {json.dumps(value)}")

    for section in sections:
        lines.append(f"  - title: {section['title']}")
        emit(section["resources"], "    ")
        if section.get("sections"):
            lines.append("    sections:")
            for child in section["sections"]:
                lines.append(f"      - title: {child['title']}")
                emit(child["resources"], "        ")
    return "\n".join(lines) + "\n"


def best_of(runs: int, function: Callable[[], object]) -> tuple[float, float]:
    """The fastest of ``runs`` timed calls: (CPU seconds, wall seconds).

    CPU time counts this process and the children it waited for (the command's subprocess):
    on a shared machine, other work inflates wall time but hardly the CPU time of ours.
    """
    best_cpu = best_wall = float("inf")
    for _ in range(runs):
        before = _cpu_seconds()
        start = time.perf_counter()
        function()
        best_wall = min(best_wall, time.perf_counter() - start)
        best_cpu = min(best_cpu, _cpu_seconds() - before)
    return best_cpu, best_wall


def _cpu_seconds() -> float:
    own = rusage.getrusage(rusage.RUSAGE_SELF)
    children = rusage.getrusage(rusage.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3,000 resources, not 100,000")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (best counts)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one diff")
    options = parser.parse_args()
    resources = 3_000 if options.quick else 100_000
    old_sections = generate(resources)
    new_sections, expected = edit(old_sections)
    publisher = shutil.which("publisher", path=str(Path(sys.executable).parent)) or "publisher"
    with tempfile.TemporaryDirectory() as folder:
        old_path = Path(folder) / "A.yaml"
        new_path = Path(folder) / "B.yaml"
        old_path.write_text(to_yaml(old_sections, "1", "2024-01-01"), encoding="utf-8")
        new_path.write_text(to_yaml(new_sections, "2", "2024-02-01"), encoding="utf-8")
        old, new = load_snapshot(old_path), load_snapshot(new_path)
        changes = diff(old, new)
        found = {
            "added": len(changes.added),
            "removed": len(changes.removed),
            "updated": len(changes.updated),
            "moved": len(changes.moved),
        }
        # The diff must find what was done (an update also counts URL changes).
        assert found["added"] == expected["added"], (found, expected)
        assert found["removed"] == expected["removed"], (found, expected)
        assert found["moved"] == expected["moved"], (found, expected)
        assert found["updated"] >= expected["updated at least"] * 0.95, (found, expected)
        if options.profile:
            profiler = cProfile.Profile()
            profiler.runcall(diff, old, new)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(15)

        def load_both() -> object:
            for path in (old_path, new_path):
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            return None

        command = [publisher, "diff", str(old_path), str(new_path), "--format", "json"]

        def run_command() -> object:
            return subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

        baseline, baseline_wall = best_of(options.runs, load_both)
        whole, whole_wall = best_of(options.runs, run_command)
        function, function_wall = best_of(options.runs * 3, lambda: diff(old, new))
    print(f"{resources:,} resources; found {found}")
    command_ratio = whole / baseline
    function_ratio = function / baseline
    print(
        f"diff command: ratio {command_ratio:.2f} (CPU: publisher diff --format json "
        f"{whole:.2f} s / CSafeLoader A+B {baseline:.2f} s; wall: {whole_wall:.2f} s / "
        f"{baseline_wall:.2f} s = {whole_wall / baseline_wall:.2f}; goal <= {COMMAND_GOAL})"
    )
    print(
        f"diff function: ratio {function_ratio:.3f} (CPU: diff() {function * 1000:.0f} ms / "
        f"CSafeLoader A+B {baseline:.2f} s; wall: {function_wall * 1000:.0f} ms = "
        f"{function_wall / baseline_wall:.3f}; goal <= {FUNCTION_GOAL})"
    )
    return 0 if command_ratio <= COMMAND_GOAL and function_ratio <= FUNCTION_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
