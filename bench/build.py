"""`publisher build` on a long history: cold, warm after one new release, `--check`, memory.

Uses a history made by bench/generate.py (fixed seed, 600 resources per release): 2,000
releases, 20 with --quick. It is generated once into the git-ignored bench/.data/ (with one
release more, the "new" one) and copied before each run. Then, in the same run:

- baseline: PyYAML's CSafeLoader alone loading every release file (nothing else);
- cold build (empty cache, nothing built), in a child process so its peak memory (ru_maxrss)
  is its own: goal at most 1.3x the baseline, peak under 400 MB;
- warm build after adding one release (history, web copies, changelog fragments and the
  road map page from the cache): goal at most 0.008x the cold build on 2,000 releases, 0.05x
  on 300;
- `build --check` on the unchanged tree: goal at most 0.01x the cold build.

All go through the same functions as the command line. Times are CPU seconds (user + system)
of the process measured: the machine is shared, and wall-clock ratios there mostly measure
the neighbours; every step is single-threaded, so the two agree on a quiet machine.

    .venv/bin/python bench/build.py [--quick] [--releases N] [--profile cold|warm]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from generate import make_history

BENCH = Path(__file__).resolve().parent
DATA = BENCH / ".data"
RESOURCES = 600
SEED = 1

COLD_GOAL = 1.3
# Warm build after one new release, as a share of the cold build: the road map page and the
# changelog pages are cached per release, so the warm build must not grow with the history.
WARM_GOALS = ((2000, 0.008), (300, 0.05))  # (from this many releases, goal)
WARM_GOAL_SMALL = 0.05  # below 300 releases fixed costs dominate: reported against this
CHECK_GOAL = 0.01
MEMORY_GOAL_MB = 400


def history_folder(releases: int) -> Path:
    """A generated history of ``releases`` releases, made once and kept in bench/.data/."""
    folder = DATA / f"history-{releases}x{RESOURCES}-seed{SEED}"
    marker = folder / "complete-with-digests"  # histories made before releases had digests go
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        DATA.mkdir(exist_ok=True)
        (DATA / ".gitignore").write_text("*\n")
        make_history(folder, releases=releases, resources=RESOURCES, seed=SEED)
        marker.write_text("ok\n")
    return folder


def release_order(folder: Path) -> list[Path]:
    """The release files of a generated history, oldest first (versions are dates)."""

    def key(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in path.stem.split("."))

    return sorted((folder / "data" / "releases").glob("*.yaml"), key=key)


def cpu_seconds() -> float:
    """User + system CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def csafeloader_seconds(files: list[Path]) -> float:
    """The baseline: CSafeLoader alone parsing every file (read included)."""
    started = cpu_seconds()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return cpu_seconds() - started


def child_cold_build(root: Path, profile: bool) -> None:
    """Run in a child process: one cold build of ``root``; prints seconds and peak memory."""
    from publisher import build
    from publisher.project import open_project

    paths = build.build_paths(open_project(root))
    profiler = cProfile.Profile() if profile else None
    started, wall = cpu_seconds(), time.perf_counter()
    if profiler:
        profiler.enable()
    result = build.build(paths)
    if profiler:
        profiler.disable()
    seconds, wall = cpu_seconds() - started, time.perf_counter() - wall
    if profiler:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "wall": wall,
                "peak_mb": peak_kb / 1024,
                "written": len(result.written),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="20 releases instead of 2,000")
    parser.add_argument("--releases", type=int, help="another number of releases")
    parser.add_argument("--profile", choices=("cold", "warm"), help="profile one build")
    parser.add_argument("--child-cold-build", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child_cold_build:
        child_cold_build(arguments.child_cold_build, arguments.profile == "cold")
        return 0

    from publisher import build
    from publisher.project import open_project

    releases = arguments.releases or (20 if arguments.quick else 2000)
    started = time.perf_counter()
    source = history_folder(releases + 1)
    prepared = time.perf_counter() - started
    files = release_order(source)
    history, new_release = files[:-1], files[-1]

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "data" / "releases").mkdir(parents=True)
        shutil.copy2(source / "data" / "site.yaml", root / "data" / "site.yaml")
        for path in history:
            shutil.copy2(path, root / "data" / "releases" / path.name)
        copied = [root / "data" / "releases" / path.name for path in history]

        baseline = csafeloader_seconds(copied)

        command = [sys.executable, __file__, "--child-cold-build", str(root)]
        if arguments.profile == "cold":
            command += ["--profile", "cold"]
        child = subprocess.run(command, capture_output=True, text=True, check=False)
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            print("build: the cold build failed", file=sys.stderr)
            return 2
        if arguments.profile == "cold":
            print(child.stderr, file=sys.stderr)
        cold = json.loads(child.stdout.strip().splitlines()[-1])
        cold_seconds, peak_mb = float(cold["seconds"]), float(cold["peak_mb"])

        paths = build.build_paths(open_project(root))
        started = cpu_seconds()
        checked = build.check(paths)
        check_seconds = cpu_seconds() - started

        shutil.copy2(new_release, root / "data" / "releases" / new_release.name)
        profiler = cProfile.Profile() if arguments.profile == "warm" else None
        started, wall = cpu_seconds(), time.perf_counter()
        if profiler:
            profiler.enable()
        warm = build.build(paths)
        if profiler:
            profiler.disable()
        warm_seconds, warm_wall = cpu_seconds() - started, time.perf_counter() - wall
        if not checked.ok or warm.up_to_date or not warm.written:
            print(f"build: unexpected results: {checked} {warm.up_to_date}", file=sys.stderr)
            return 2

    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    cold_ratio = cold_seconds / baseline
    warm_ratio = warm_seconds / cold_seconds
    warm_goal = next(
        (goal for at_least, goal in WARM_GOALS if releases >= at_least), WARM_GOAL_SMALL
    )
    check_ratio = check_seconds / cold_seconds
    memory_ratio = peak_mb / MEMORY_GOAL_MB
    print(
        f"history of {releases} releases x {RESOURCES} resources ready in {prepared:.1f} s; "
        f"cold build wrote {cold['written']} files, warm build {len(warm.written)}; wall clock: "
        f"cold {cold['wall']:.2f} s, warm {warm_wall:.2f} s",
        file=sys.stderr,
    )
    print(
        f"build cold: ratio {cold_ratio:.2f} (cold build {cold_seconds:.2f} s / CSafeLoader "
        f"alone {baseline:.2f} s, CPU, on {len(history)} release files; goal <= {COLD_GOAL})"
    )
    print(
        f"build warm: ratio {warm_ratio:.3f} (build after one new release {warm_seconds:.2f} s "
        f"/ cold build {cold_seconds:.2f} s; goal <= {warm_goal})"
    )
    print(
        f"build check: ratio {check_ratio:.3f} (build --check, unchanged tree "
        f"{check_seconds:.2f} s / cold build {cold_seconds:.2f} s; goal <= {CHECK_GOAL})"
    )
    print(
        f"build memory: ratio {memory_ratio:.2f} (cold build peak RSS {peak_mb:.0f} MB / "
        f"{MEMORY_GOAL_MB} MB; goal < 1)"
    )
    met = (
        cold_ratio <= COLD_GOAL
        and warm_ratio <= warm_goal
        and check_ratio <= CHECK_GOAL
        and memory_ratio < 1
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
