"""The CLI skeleton: global options, help, init, validate's output, and a lazy import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import click
from click.testing import CliRunner

from publisher.cli import main

# The commands of the design's table that exist so far (help and examples are checked on
# every command the group has, see `_every_command`).
COMMANDS = (
    "init",
    "validate",
    "import",
    "import-history",
    "release",
    "diff",
    "changelog",
    "feeds",
    "email",
    "send",
    "build",
    "readme",
)
# What `import publisher.cli` must not pull in: they are loaded by the commands that need them.
HEAVY_MODULES = ("jinja2", "yaml", "feedgen", "mjml", "lxml", "markdown_it")


def test_version_is_the_distribution_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"publisher, version {version('roadmap-publisher')}\n"


def test_help_lists_every_command_and_examples() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = {
        line.split()[0]
        for line in result.output.split("Commands:")[1].splitlines()
        if line.startswith("  ") and line.strip()
    }
    assert set(COMMANDS) <= listed
    assert listed == {name for name, command in main.commands.items() if not command.hidden}
    assert "--project" in result.output
    assert "Examples:" in result.output


def _every_command(group: click.Group = main, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The command line of every command of ``group``, subgroups' commands included."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((*path, name))
        if isinstance(command, click.Group):
            found.extend(_every_command(command, (*path, name)))
    return found


def test_each_command_help_has_an_example() -> None:
    commands = _every_command()
    assert {command[0] for command in commands} >= set(COMMANDS)
    for command in commands:
        result = CliRunner().invoke(main, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Example" in result.output, command


def test_init_creates_a_project_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "my-roadmap"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert sorted(
        path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()
    ) == [".gitignore", "data/releases/.gitkeep", "data/roadmap.yaml", "data/site.yaml"]
    checked = CliRunner().invoke(main, ["--project", str(target), "validate"])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == "ok: site.yaml, roadmap.yaml and 0 releases are valid\n"


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {tmp_path}: is not empty; 'publisher init' only starts new projects (to add "
        "one to a folder you have, such as your list's repository: 'publisher init "
        "NEW-FOLDER', then move its data/ in and add its .gitignore lines to yours)\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 2  # Click's own usage error
    assert f"Directory '{target}' is a file" in result.output


def test_quiet_silences_the_ok_line(repository: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(repository), "-q", "validate"])
    assert result.exit_code == 0
    assert result.output == ""


def test_verbose_names_each_file_checked(repository: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(repository), "-v", "validate"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "checked data/site.yaml",
        "checked data/roadmap.yaml",
        "checked data/releases/2024.01.yaml",
        "checked data/releases/2024.02.yaml",
    ]


def test_quiet_still_prints_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "-q", "validate"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path}: no data/ folder here")


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["publish"])
    assert result.exit_code == 2


def test_importing_the_cli_loads_no_heavy_module() -> None:
    code = (
        "import sys, publisher.cli; "
        f"print(' '.join(name for name in {HEAVY_MODULES!r} if name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""


def test_help_runs_as_a_real_command() -> None:
    script = shutil.which("publisher", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "publisher"]
    result = subprocess.run(
        [*command, "--help"], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: publisher [OPTIONS] COMMAND [ARGS]...")
