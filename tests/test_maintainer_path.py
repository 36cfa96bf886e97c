"""A new maintainer's path, as README.md tells it: `publisher init`, a real list's git history
imported with `import-history`, `build`, and what a reader then opens. Each step is a command a
maintainer runs, on a real list (tests/fixtures/real/awesome-python-history) in a real git
repository; every finding of walking this path by hand is held here."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from publisher.cli import main

REAL = Path(__file__).resolve().parent / "fixtures" / "real" / "awesome-python-history"
VERSIONS = (("1-2017", "2021-01-15"), ("2-2019", "2022-02-15"), ("3-2020", "2023-03-15"))


def git(root: Path, *arguments: str, date: str = "2021-01-01T10:00:00Z") -> None:
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(
        ["git", "-c", "user.name=Curator", "-c", "user.email=curator@example.org", *arguments],
        cwd=root,
        env=environment,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def list_history(tmp_path: Path) -> Path:
    """A git repository of a real list's README at three of its versions."""
    root = tmp_path / "awesome-python"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for name, day in VERSIONS:
        (root / "README.md").write_bytes((REAL / f"{name}.md").read_bytes())
        git(root, "add", "README.md", date=f"{day}T10:00:00Z")
        git(root, "commit", "-q", "-m", f"Update README ({name})", date=f"{day}T10:00:00Z")
    return root


def run(project: Path, *arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(project), *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def news(tmp_path: Path, list_history: Path) -> Path:
    """`publisher init`, then the list's history imported into it."""
    project = tmp_path / "news"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    code, out, err = run(project, "import-history", str(list_history), "--file", "README.md")
    assert code == 0, err
    assert out.startswith("imported 3 releases from 3 commits of README.md"), err
    return project


def test_a_project_made_by_import_history_builds_and_checks(news: Path) -> None:
    # The build used to fail with a traceback (a commit's time could not be cached).
    code, out, err = run(news, "build")
    assert code == 0, err
    assert out.startswith("built ")
    code, out, err = run(news, "build", "--check")
    assert code == 0, err
    assert out.startswith("ok: all ")
    feed = feedparser.parse((news / "feeds" / "atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert "TheAlgorithms" in titles  # added in the 2020 version
    releases = json.loads((news / "feeds" / "releases" / "feed.json").read_text("utf-8"))
    assert [item["title"] for item in releases["items"]] == [
        "Release 2023.03.15: 15 March 2023",
        "Release 2022.02.15: 15 February 2022",
        "Release 2021.01.15: 15 January 2021",
    ]
