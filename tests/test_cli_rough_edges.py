"""Rough edges a new user hits: finding the project, -q/-v after the command, NO_COLOR and
FORCE_COLOR, unknown versions among many, an email of a release that changed nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from release_files import write_release

from publisher.cli import main

ANSI = "\x1b["


# --- the project is found by walking up, as git does --------------------------------------


def test_project_is_found_from_a_subfolder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = project / "data" / "releases"
    monkeypatch.chdir(deep)
    result = CliRunner().invoke(main, ["-v", "validate"])
    assert result.exit_code == 0, result.output
    # Files are named relative to the project found, not to the working directory.
    assert "checked data/releases/2024.01.yaml" in result.stderr
    assert result.stdout == "ok: site.yaml, roadmap.yaml and 2 releases are valid\n"


def test_nearest_project_wins_and_project_option_wins_over_both(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner = project / "nested"
    shutil.copytree(project / "data", inner / "data")
    for path in (inner / "data" / "releases").iterdir():
        path.unlink()
    monkeypatch.chdir(inner)
    result = CliRunner().invoke(main, ["validate"])
    assert result.stdout == "ok: site.yaml, roadmap.yaml and 0 releases are valid\n"
    result = CliRunner().invoke(main, ["--project", str(project), "validate"])
    assert result.stdout == "ok: site.yaml, roadmap.yaml and 2 releases are valid\n"


def test_no_project_above_says_how_to_start_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path}: no project here or in any folder above")
    assert "publisher init DIR" in result.stderr


# --- -q and -v after the command ------------------------------------------------------------


def test_verbose_after_the_command(project: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), "validate", "-v"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "checked data/site.yaml"


def test_quiet_after_the_command(project: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), "validate", "--quiet"])
    assert (result.exit_code, result.output) == (0, "")


def test_every_command_takes_quiet_and_verbose() -> None:
    for name, command in main.commands.items():
        options = {option for param in command.params for option in param.opts}
        assert {"-q", "-v"} <= options, name


# --- NO_COLOR and FORCE_COLOR ---------------------------------------------------------------


def test_no_color_turns_colour_off_even_on_a_terminal(project: Path) -> None:
    # color=True plays a terminal: without NO_COLOR warnings are coloured.
    arguments = ["--project", str(project), "feeds", "-o", str(project / "out")]
    shutil.rmtree(project / "data" / "releases")
    coloured = CliRunner().invoke(main, arguments, color=True)
    assert ANSI in coloured.stderr
    plain = CliRunner().invoke(main, arguments, color=True, env={"NO_COLOR": "1"})
    assert "warning: no releases yet" in plain.stderr
    assert ANSI not in plain.stderr


def test_force_color_colours_a_pipe(project: Path) -> None:
    arguments = ["--project", str(project), "diff"]
    piped = CliRunner().invoke(main, arguments)
    assert piped.exit_code == 0
    assert ANSI not in piped.stdout
    forced = CliRunner().invoke(main, arguments, env={"FORCE_COLOR": "1"})
    assert forced.stdout.startswith(f"{ANSI}1m2024.01 (2024-01-01)")
    both = CliRunner().invoke(main, arguments, env={"FORCE_COLOR": "1", "NO_COLOR": "yes"})
    assert both.stdout == piped.stdout


# --- an unknown version among many -----------------------------------------------------------


def _many_releases(project: Path, count: int) -> list[str]:
    releases = project / "data" / "releases"
    for path in releases.iterdir():
        path.unlink()
    day = dt.date(2020, 1, 1)
    versions = []
    for index in range(count):
        date = day + dt.timedelta(days=index)
        version = date.strftime("%Y.%m.%d")
        versions.append(version)
        write_release(
            releases / f"{version}.yaml",
            f'release:\n  version: "{version}"\n  date: {date.isoformat()}\n'
            "title: T\nsections: []\n",
        )
    return versions


@pytest.mark.parametrize("command", ["diff", "email"])
def test_unknown_version_names_the_closest_few(project: Path, command: str) -> None:
    versions = _many_releases(project, 400)
    result = CliRunner().invoke(
        main,
        ["--project", str(project), command, "2020.03.32", "-o", str(project / "out")]
        if command == "email"
        else ["--project", str(project), command, "2020.03.32"],
    )
    assert result.exit_code == 1
    message = result.stderr
    assert len(message) < 300, message
    assert "closest: " in message
    assert "2020.03.31" in message or "2020.03.30" in message
    assert f"400 releases, the latest {versions[-1]}" in message


def test_unknown_version_among_a_few_lists_them_all(project: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), "diff", "2023.12"])
    assert result.exit_code == 1
    assert "(releases: 2024.01, 2024.02)" in result.stderr


# --- an email of a release that changed nothing -----------------------------------------------


def test_email_of_a_release_without_change_says_so(project: Path, tmp_path: Path) -> None:
    latest = (project / "data" / "releases" / "2024.02.yaml").read_text(encoding="utf-8")
    write_release(
        project / "data" / "releases" / "2024.03.yaml",
        latest.replace('version: "2024.02"', 'version: "2024.03"').replace(
            "date: 2024-02-01", "date: 2024-03-01"
        ),
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["--project", str(project), "email", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "release 2024.03 changed nothing: no email\n"
    assert not out.exists()
