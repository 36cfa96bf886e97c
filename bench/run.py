"""Run every benchmark of the project and print one table of ratios.

Each benchmark is a script in bench/ that measures the project against a baseline in the same
run and prints lines like ``name: ratio 1.18 (details)``. This runs them one after another
(never in parallel: they would disturb each other) and gathers those lines.

    python bench/run.py            # full sizes (several minutes)
    python bench/run.py --quick    # small sizes, under a minute or two
    python bench/run.py load diff  # only some
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# Each benchmark script, and what its baseline is.
BENCHMARKS: dict[str, str] = {
    "load": "PyYAML CSafeLoader alone on the same 100k-resource file",
    "diff": "CSafeLoader loading the two 100k-resource snapshots",
    "history": "git cat-file --batch reading the same 2,000 versions",
    "feeds": "loading the 2,000 releases",
    "build": "a cold build of the same 2,000-release history",
    "mail": "20 mjml-python compilations + 10,000 MIME messages built with email",
    "send": "a bare smtplib loop over one connection, same messages",
    "startup": "python -c 'import click'",
}
_RATIO_LINE = re.compile(r"^(?P<name>[^:]+): .*ratio (?P<ratio>[0-9.]+)(?P<rest>.*)$")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []], help="benchmarks to run")
    parser.add_argument("--quick", action="store_true", help="small sizes")
    options = parser.parse_args()
    names = options.names or list(BENCHMARKS)
    rows: list[tuple[str, str, str]] = []
    failed = False
    for name in names:
        script = BENCH / f"{name}.py"
        if not script.exists():
            rows.append((name, "missing", BENCHMARKS[name]))
            failed = True
            continue
        command = [sys.executable, str(script), *(["--quick"] if options.quick else [])]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        took = time.perf_counter() - started
        print(f"# {name} ({took:.0f} s)", file=sys.stderr)
        if result.returncode != 0:
            rows.append(
                (
                    name,
                    "failed",
                    result.stderr.strip().splitlines()[-1:][0] if result.stderr.strip() else "",
                )
            )
            failed = True
            continue
        for line in result.stdout.splitlines():
            match = _RATIO_LINE.match(line.strip())
            if match:
                rows.append((match["name"], match["ratio"], match["rest"].strip(" ()")))
    width = max(len(row[0]) for row in rows) if rows else 10
    print(f"| {'benchmark':<{width}} | ratio | measured against / details |")
    print(f"|{'-' * (width + 2)}|------:|---|")
    for name, ratio, details in rows:
        print(f"| {name:<{width}} | {ratio:>5} | {details} |")
    print()
    print("Baselines: " + "; ".join(f"{name}: {what}" for name, what in BENCHMARKS.items()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
