"""How much `publisher build --check` (and a build with nothing to do) costs against a cold build.

Generates (bench/generate.py, fixed seed) 2,000 releases of a 600-resource road map (200 with
--quick), then times, in the same run: a cold build (nothing built yet: every release loaded,
diffed and rendered, every file written: the baseline), `build --check` on the unchanged tree,
and `build` on the unchanged tree. Both go through the same functions as the command line.
Goal: check / cold at most 0.1.

    .venv/bin/python bench/build.py [--quick] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from generate import make_history

from publisher import build
from publisher.load import open_project

BENCH = Path(__file__).resolve().parent

GOAL = 0.1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 releases instead of 2,000")
    parser.add_argument("--profile", action="store_true", help="profile the cold build")
    parser.add_argument(
        "--without-state",
        action="store_true",
        help="also time a check without the recorded state (fresh clone: as slow as a cold build)",
    )
    arguments = parser.parse_args()
    releases = 200 if arguments.quick else 2000
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        started = time.perf_counter()
        make_history(root, releases=releases, resources=600, seed=1)
        generated = time.perf_counter() - started
        paths = build.build_paths(open_project(root))

        profiler = cProfile.Profile() if arguments.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        cold = build.build(paths)
        if profiler:
            profiler.disable()
        cold_seconds = time.perf_counter() - started

        started = time.perf_counter()
        checked = build.check(paths)
        check_seconds = time.perf_counter() - started

        started = time.perf_counter()
        again = build.build(paths)
        again_seconds = time.perf_counter() - started

        # The same check without the recorded state: what CI pays on a fresh clone.
        full_seconds = 0.0
        full = checked
        if arguments.without_state:
            started = time.perf_counter()
            full = build.check(paths, use_cache=False)
            full_seconds = time.perf_counter() - started
        if not (checked.ok and full.ok and again.up_to_date):
            # Also happens when someone edits the package or templates during the run.
            stale = [*checked.stale, *checked.missing, *full.stale, *full.missing, *full.extra]
            print(f"build: the unchanged tree was reported stale: {stale[:5]}", file=sys.stderr)
            return 1

    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    ratio = check_seconds / cold_seconds
    print(
        f"generated {releases} releases in {generated:.1f} s; cold build wrote "
        f"{len(cold.written)} files; build with nothing to do {again_seconds:.2f} s"
        + (f"; check without the recorded state {full_seconds:.2f} s" if full_seconds else ""),
        file=sys.stderr,
    )
    print(
        f"build: ratio {ratio:.3f} (build --check {check_seconds:.2f} s / cold build "
        f"{cold_seconds:.2f} s; goal <= {GOAL})"
    )
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
