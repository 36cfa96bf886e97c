"""What `publisher import-history` writes, as digests: a check that a change of its speed
changes no byte of its output.

Makes the histories bench/history.py times (generated, realistic, replayed real; N commits
each, default 400) and the corpus's real histories (tests/fixtures/real/, made as
bench/fidelity.py makes them), runs `publisher import-history` on each by day and by commit
(the real command, a fresh process per run) and records the sha256 of every release file it
writes, of what it prints (warnings and summary) and its exit status. Run it before a change
and save the digests, then after and compare:

    .venv/bin/python bench/history_digests.py --save /tmp/before.json
    .venv/bin/python bench/history_digests.py --compare /tmp/before.json

Exit 1 when any digest differs (each difference is named: history, grouping, file). Another
checkout's code can be run with --source DIR (its folder goes first on PYTHONPATH), so the
"before" digests can be taken from main while this checkout holds the change.

Not a benchmark (it prints no ratio: bench/run.py does not run it); a tool for reviewing
speed-ups.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from history import (
    make_realistic_repository,
    make_replayed_repository,
    make_repository,
    real_histories,
    real_lists,
)

GROUPINGS = ("day", "commit")


def digests_of_run(
    root: Path, folder: Path, name: str, grouping: str, options: tuple[str, ...], source: str
) -> dict[str, str]:
    """sha256 of each file written and of the printed output of one import-history run."""
    out = f"out-{name}-{grouping}"
    environment = dict(os.environ)
    if source:
        environment["PYTHONPATH"] = source
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "publisher",
            "import-history",
            str(root.relative_to(folder)),
            "--file",
            "README.md",
            "--out",
            out,
            "--group",
            grouping,
            *options,
        ],
        cwd=folder,
        capture_output=True,
        check=False,
        env=environment,
    )
    found = {
        "exit": str(completed.returncode),
        "stdout": hashlib.sha256(completed.stdout).hexdigest(),
        "stderr": hashlib.sha256(completed.stderr).hexdigest(),
    }
    written = folder / out
    for path in sorted(written.iterdir()) if written.is_dir() else ():
        found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def all_digests(commits: int, source: str) -> dict[str, dict[str, str]]:
    """Every run's digests, by ``history/grouping``."""
    runs: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        histories: list[tuple[str, Path, tuple[str, ...]]] = []
        generated = folder / "generated"
        make_repository(generated, commits)
        histories.append(("generated", generated, ()))
        realistic = folder / "realistic"
        make_realistic_repository(realistic, commits)
        histories.append(("realistic", realistic, ()))
        replayed = folder / "replayed"
        make_replayed_repository(replayed, real_lists(quick=False))
        histories.append(("replayed", replayed, ()))
        for list_name, repository, _, options in real_histories(folder, quick=False):
            histories.append((f"real-{list_name}", repository, options))
        for history, root, options in histories:
            for grouping in GROUPINGS:
                key = f"{history}/{grouping}"
                runs[key] = digests_of_run(root, folder, history, grouping, options, source)
                print(f"{key}: {len(runs[key]) - 3} files", file=sys.stderr, flush=True)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=400, help="commits per made history")
    parser.add_argument("--source", default="", help="run the publisher package found in DIR")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the digests to this JSON file")
    action.add_argument("--compare", type=Path, help="compare with digests saved before")
    arguments = parser.parse_args()
    runs = all_digests(arguments.commits, arguments.source)
    if arguments.save:
        arguments.save.write_text(json.dumps(runs, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(runs)} runs, {sum(map(len, runs.values()))} digests saved")
        return 0
    saved: dict[str, dict[str, str]] = json.loads(arguments.compare.read_text(encoding="utf-8"))
    differences = []
    for key in sorted(saved.keys() | runs.keys()):
        before, after = saved.get(key, {}), runs.get(key, {})
        for item in sorted(before.keys() | after.keys()):
            if before.get(item) != after.get(item):
                differences.append(f"{key}: {item} differs")
    for line in differences:
        print(line)
    total = sum(map(len, runs.values()))
    print(f"{len(runs)} runs, {total} digests, {len(differences)} different")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
