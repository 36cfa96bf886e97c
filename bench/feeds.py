"""How much writing every feed costs against loading the releases it is made from.

Generates (bench/generate.py, fixed seed) 2,000 releases of a 600-resource road map (30 with
--quick), then times, in the same run: loading the releases (`load.load_releases`, the
baseline), the release history (`diff.release_history`, reported, not in the ratio), and
`feeds.render_feeds` plus writing its files (`output.write_files` into an empty folder).
Goal: ratio at most 0.2.

    .venv/bin/python bench/feeds.py [--quick] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_history

from publisher.diff import consecutive_diffs
from publisher.feeds import render_feeds
from publisher.load import load_releases, load_site_of
from publisher.output import write_files
from publisher.project import open_project
from publisher.render import template_environment

GOAL = 0.2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="30 releases instead of 2,000")
    parser.add_argument("--profile", action="store_true", help="profile render_feeds")
    arguments = parser.parse_args()
    releases = 30 if arguments.quick else 2000
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        started = time.perf_counter()
        make_history(root, releases=releases, resources=600, seed=1)
        generated = time.perf_counter() - started

        project = open_project(root)
        started = time.perf_counter()
        snapshots = load_releases(project)
        load_seconds = time.perf_counter() - started

        site = load_site_of(project)
        started = time.perf_counter()
        history = list(consecutive_diffs(snapshots))
        diff_seconds = time.perf_counter() - started

        environment = template_environment(project.templates_dir)
        profiler = cProfile.Profile() if arguments.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        files = render_feeds(site, history, environment)
        output = root / "feeds"
        write_files({output / path: content for path, content in files.items()})
        if profiler:
            profiler.disable()
        feed_seconds = time.perf_counter() - started

    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    ratio = feed_seconds / load_seconds
    print(
        f"generated {releases} releases in {generated:.1f} s; release history (diff) "
        f"{diff_seconds:.2f} s; {len(files)} feed files",
        file=sys.stderr,
    )
    print(
        f"feeds: ratio {ratio:.3f} (render+write feeds {feed_seconds:.2f} s / "
        f"load releases {load_seconds:.2f} s; goal <= {GOAL})"
    )
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
