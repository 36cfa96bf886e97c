"""`publisher sync` on an unchanged README against `publisher import` of the same file,
measured in the same run (processes, as a scheduled job runs them).

The README is a generated road map (bench/generate.py) rendered by `publisher readme`; the
project holds its history and a release of exactly that README, so sync finds nothing
changed. Prints the ratio of medians; goal <= 1.2.

    python bench/sync.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_history

PUBLISHER = str(Path(sys.executable).parent / "publisher")


def _median(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20 releases of 100 resources")
    options = parser.parse_args()
    releases, resources, runs = (20, 100, 7) if options.quick else (300, 600, 15)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "project"
        make_history(folder, releases=releases, resources=resources)
        from publisher.dump import dump_roadmap
        from publisher.load import load_snapshot

        latest = sorted((folder / "data" / "releases").glob("*.yaml"))[-1]
        working = folder / "data" / "roadmap.yaml"
        working.write_text(dump_roadmap(load_snapshot(latest).roadmap), encoding="utf-8")
        readme = Path(temporary) / "README.md"
        project = ["--project", str(folder)]
        subprocess.run([PUBLISHER, *project, "readme", "-o", str(readme)], check=True)
        subprocess.run(
            [PUBLISHER, *project, "-q", "sync", str(readme), "--date", "2099-01-01"], check=True
        )
        output = Path(temporary) / "imported.yaml"
        baseline = _median([PUBLISHER, *project, "import", str(readme), "-o", str(output)], runs)
        measured = _median([PUBLISHER, *project, "sync", str(readme)], runs)
        unchanged = subprocess.run(
            [PUBLISHER, *project, "sync", str(readme)], capture_output=True, text=True, check=True
        ).stdout
        assert unchanged.startswith("nothing changed"), unchanged
    print(
        f"sync unchanged: ratio {measured / baseline:.2f} (sync {measured:.2f} s / import "
        f"{baseline:.2f} s of the same README, medians of {runs}; {releases} releases of "
        f"{resources} resources; goal <= 1.2)"
    )


if __name__ == "__main__":
    main()
