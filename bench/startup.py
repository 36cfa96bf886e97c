"""Start-up: `publisher --help` and `--version` against `python -c "import click"`.

Prints one line per command with the ratio of medians over repeated runs, both measured in
this same run (absolute times on a shared machine mean little).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    options = parser.parse_args()
    runs = 9 if options.quick else 31
    publisher = shutil.which("publisher", path=str(Path(sys.executable).parent)) or "publisher"
    baseline = _median_seconds([sys.executable, "-c", "import click"], runs)
    for arguments in (["--help"], ["--version"]):
        measured = _median_seconds([publisher, *arguments], runs)
        print(
            f"startup {' '.join(arguments)}: ratio {measured / baseline:.2f} "
            f"(publisher {measured * 1000:.0f} ms / import click {baseline * 1000:.0f} ms; "
            "goal <= 1.5)"
        )


if __name__ == "__main__":
    main()
