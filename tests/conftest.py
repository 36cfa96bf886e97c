"""Shared fixtures: the repository's own project, and a scratch copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture
def repository() -> Path:
    """The repository root (itself a project with the seed's data)."""
    return REPOSITORY


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the bundled project's data/, safe to edit."""
    root = tmp_path / "project"
    shutil.copytree(REPOSITORY / "data", root / "data")
    return root
