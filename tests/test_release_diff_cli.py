"""`publisher release` and `publisher diff` through the command line, on a copy of the data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.load import load_releases
from publisher.project import open_project


def run(project: Path, *arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(project), *arguments])
    return result.exit_code, result.stdout, result.stderr


# --- release ------------------------------------------------------------------------------


def test_release_freezes_the_working_copy_as_written(project: Path, tmp_path: Path) -> None:
    working = project / "data" / "roadmap.yaml"
    working.write_text("# Curated by hand.\n" + working.read_text(encoding="utf-8"), "utf-8")
    notes = tmp_path / "notes.md"
    notes.write_text("Two *new* courses.\n\n- and a fix\n", encoding="utf-8")
    code, out, err = run(
        project, "release", "2024.03", "--date", "2024-03-01", "--title", "March: 2024",
        "--notes-file", str(notes), "--allow-empty",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "data/releases/2024.03.yaml" in out
    frozen = (project / "data" / "releases" / "2024.03.yaml").read_text(encoding="utf-8")
    # The working copy's text follows the release block unchanged, comment and all.
    assert frozen.startswith("# Curated by hand.\nrelease:\n")
    assert frozen.endswith(working.read_text(encoding="utf-8").removeprefix("# Curated by hand.\n"))
    latest = load_releases(open_project(project))[-1]
    assert latest.release is not None
    assert latest.release.version == "2024.03"
    assert latest.release.date.isoformat() == "2024-03-01"
    assert latest.release.title == "March: 2024"
    assert latest.release.notes == "Two *new* courses.\n\n- and a fix\n"
    # Same content as 2024.02, so nothing changed between the two.
    code, out, _ = run(project, "diff", "--format", "json")
    assert json.loads(out)["summary"] == {"added": 0, "removed": 0, "updated": 0, "moved": 0}


def test_release_defaults_to_today(project: Path) -> None:
    import datetime as dt

    code, _, err = run(project, "release", "2099.01", "--allow-empty")
    assert code == 0, err
    latest = load_releases(open_project(project))[-1].release
    assert latest is not None
    assert latest.version == "2099.01"
    assert abs((latest.date - dt.date.today()).days) <= 1  # noqa: DTZ011 (the test may straddle midnight)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["2024.02", "--date", "2024-03-01"], "release '2024.02' exists already"),
        (["2024.03", "--date", "2024-01-15"], "is before the latest release 2024.02 (2024-02-01)"),
        (["../escape", "--date", "2024-03-01"], "is not a valid version"),
        (["2024.03", "--notes-file", "missing.md"], "missing.md: no such file"),
    ],
)
def test_release_refusals_name_the_problem(
    project: Path, arguments: list[str], message: str
) -> None:
    before = sorted(path.name for path in (project / "data" / "releases").iterdir())
    code, _, err = run(project, "release", *arguments)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert sorted(path.name for path in (project / "data" / "releases").iterdir()) == before


def test_release_refuses_a_broken_working_copy(project: Path) -> None:
    (project / "data" / "roadmap.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    code, _, err = run(project, "release", "2024.03", "--date", "2024-03-01")
    assert code == 1
    assert err.startswith("error: data/roadmap.yaml:")
    assert not (project / "data" / "releases" / "2024.03.yaml").exists()


def test_release_with_a_bad_date_is_a_usage_error(project: Path) -> None:
    code, _, err = run(project, "release", "2024.03", "--date", "March")
    assert code == 2
    assert "'March' is not a date" in err


# --- diff ---------------------------------------------------------------------------------


def test_diff_text_shows_the_bundled_updates(project: Path) -> None:
    code, out, _ = run(project, "diff")
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0]
        == "2024.01 (2024-01-01) → 2024.02 (2024-02-01): 0 added, 0 removed, 51 updated, 0 moved"
    )
    assert "\x1b[" not in out  # no colour in a pipe
    cs229 = lines.index(next(line for line in lines if "CS229" in line))
    assert lines[cs229].startswith("~ Stanford's CS229 w/Andrew Ng <https://www.youtube.com/")
    assert lines[cs229 + 1 : cs229 + 4] == [
        "    kind set to course",
        "    author set to Andrew Ng",
        "    cost set to free",
    ]
    assert sum(line.startswith("~ ") for line in lines) == 51


def test_diff_markdown_groups_by_section(project: Path) -> None:
    code, out, _ = run(project, "diff", "2024.01", "2024.02", "--format", "markdown")
    assert code == 0
    assert out.startswith("## 2024.02 — February 2024 (2024-02-01)\n\n")
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    # Every section with resources has updates here: one heading each, in document order.
    roadmap = load_releases(open_project(project))[-1].roadmap
    assert headings == [
        "### " + " › ".join(part.title for part in (*ancestors, section))  # noqa: RUF001
        for ancestors, section in roadmap.walk_sections()
        if section.resources
    ]
    assert out.count("- **Updated** ") == 51


def test_diff_json_is_the_design_shape(project: Path) -> None:
    code, out, _ = run(project, "diff", "2024.01", "2024.02", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {
        "old",
        "new",
        "summary",
        "added",
        "removed",
        "updated",
        "moved",
        "sections",
    }
    assert data["old"] == {"version": "2024.01", "date": "2024-01-01"}
    assert data["new"] == {"version": "2024.02", "date": "2024-02-01"}
    assert data["summary"] == {"added": 0, "removed": 0, "updated": 51, "moved": 0}
    assert data["sections"] == {"added": [], "removed": [], "renamed": []}
    for entry in data["updated"]:
        assert set(entry) >= {"id", "title", "url", "section", "changes"}
        assert isinstance(entry["section"], list)
        assert set(entry["changes"]) <= {"kind", "cost", "author"}
        assert entry["cosmetic"] is False


def test_diff_of_a_release_against_an_edited_working_copy(project: Path) -> None:
    working = project / "data" / "roadmap.yaml"
    text = working.read_text(encoding="utf-8")
    text = text.replace(
        "url: https://cs50.harvard.edu/python/2022/", "url: http://cs50.harvard.edu/python/2022"
    )
    text = text.replace(
        "url: https://git-scm.com/book/en/v2", "url: https://git-scm.com/book/en/v3"
    )
    working.write_text(text, encoding="utf-8")
    code, out, _ = run(project, "diff", "2024.02", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["new"]["path"].endswith("roadmap.yaml")
    updates = {entry["title"]: entry for entry in data["updated"]}
    assert updates["Python (required)"]["cosmetic"] is True
    assert updates["Git and GitHub (strongly recommended)"]["cosmetic"] is False
    assert updates["Git and GitHub (strongly recommended)"]["changes"] == {
        "url": {"old": "https://git-scm.com/book/en/v2", "new": "https://git-scm.com/book/en/v3"}
    }
    assert data["removed"] == data["added"] == []
    # Markdown leaves the cosmetic one out; text shows it, marked.
    _, markdown, _ = run(project, "diff", "2024.02", str(working), "--format", "markdown")
    assert "Python (required)" not in markdown
    assert "Git and GitHub" in markdown
    _, text_out, _ = run(project, "diff", "2024.02", str(working))
    assert "(1 cosmetic)" in text_out.splitlines()[0]
    assert any(
        line.startswith("~ Python (required)") and line.endswith("(cosmetic)")
        for line in text_out.splitlines()
    )


def test_diff_takes_paths_outside_any_project(project: Path, tmp_path: Path) -> None:
    releases = project / "data" / "releases"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, out, err = run(
        elsewhere,
        "diff",
        str(releases / "2024.02.yaml"),
        str(releases / "2024.01.yaml"),
        "--format",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["summary"]["updated"] == 51


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["2023.12", "2024.02"],
            "'2023.12' is neither a release nor a file (releases: 2024.01, 2024.02)",
        ),
        (["2024.01", "missing.yaml"], "missing.yaml: no such file"),
    ],
)
def test_diff_bad_arguments(project: Path, arguments: list[str], message: str) -> None:
    code, out, err = run(project, "diff", *arguments)
    assert (code, out) == (1, "")
    assert message in err


def test_diff_names_the_line_of_a_broken_file(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: Road map\nsections: [\n", encoding="utf-8")
    code, _, err = run(project, "diff", "2024.01", str(broken))
    assert code == 1
    assert f"error: {broken}:" in err
    assert "Traceback" not in err


def test_diff_without_two_releases_says_what_to_do(project: Path) -> None:
    (project / "data" / "releases" / "2024.02.yaml").unlink()
    code, _, err = run(project, "diff")
    assert code == 1
    assert "needs two" in err
    assert "publisher diff OLD NEW" in err


def test_diff_as_a_real_command(project: Path) -> None:
    publisher = shutil.which("publisher", path=str(Path(sys.executable).parent))
    assert publisher is not None
    result = subprocess.run(
        [publisher, "diff", "--format", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["updated"] == 51
