"""bench/: every benchmark script is run by bench/run.py (and so by CI's smoke step)."""

from __future__ import annotations

import ast
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"
# The runner, the data generator benchmarks share, and the check that a speed-up changed no
# byte of import-history's output (it prints digests, not ratios).
NOT_BENCHMARKS = {"run", "generate", "history_digests"}


def _listed_benchmarks() -> set[str]:
    """The keys of bench/run.py's BENCHMARKS, read from its source (tests do not import
    bench/)."""
    tree = ast.parse((BENCH / "run.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "BENCHMARKS"
            and node.value is not None
        ):
            return set(ast.literal_eval(node.value))
    raise AssertionError("bench/run.py has no BENCHMARKS mapping")


def test_every_benchmark_script_is_listed_in_run_py() -> None:
    scripts = {path.stem for path in BENCH.glob("*.py")} - NOT_BENCHMARKS
    assert _listed_benchmarks() == scripts


def test_ci_runs_every_benchmark_as_a_smoke_test() -> None:
    ci = (BENCH.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "bench/run.py --smoke" in ci
