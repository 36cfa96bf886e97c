"""ARCHITECTURE.md stays true: every module of the package has its line, and no line names a
module that is gone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "publisher"
# A table row naming a module (`load.py`) or a subpackage (`delivery/`).
_ROW = re.compile(r"^\| `([A-Za-z0-9_]+(?:\.py|/))` \|", re.MULTILINE)


def _modules() -> set[str]:
    names = {path.name for path in PACKAGE.glob("*.py") if path.name != "__init__.py"}
    subpackages = {f"{path.parent.name}/" for path in PACKAGE.glob("*/__init__.py")}
    return names | subpackages


def test_architecture_names_every_module_once() -> None:
    rows = _ROW.findall((ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    assert len(rows) == len(set(rows)), "a module has two lines in ARCHITECTURE.md"
    missing = _modules() - set(rows)
    gone = set(rows) - _modules()
    assert not missing, f"add a line to ARCHITECTURE.md for: {', '.join(sorted(missing))}"
    assert not gone, f"ARCHITECTURE.md names modules that are gone: {', '.join(sorted(gone))}"
