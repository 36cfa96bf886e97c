"""Every ```console block of README.md shows real output: each block is run, command by
command, in a fresh scratch copy of this project, and what the commands print is compared with
what the README shows.

How a block is written (see README.md for examples):

- ``$ command`` lines are run by bash in the scratch project (a trailing ``\\`` continues the
  command on the next line); the lines after one, up to the next ``$``, are its output:
  stdout and stderr as they interleave (stderr is where warnings and errors go).
- A line that is only ``…`` stands for any number of output lines (elided in the README).
- ``<!-- console-setup: SHELL -->`` just above the block runs SHELL (bash) in the scratch
  project first: a file to edit, a release the block starts from.
- ``<!-- console-illustrative: WHY -->`` just above the block: not run (output that needs an
  outside service, say), and the test says it is skipped and why.

Normalised before comparing: the scratch folder's path (``/tmp/X`` in a command is the
scratch's ``tmp/X``, and is printed back as ``/tmp/X``), durations (``1.2 s``, ``35 ms``),
trailing spaces. Commands run with NO_COLOR, TZ=UTC, PYTHONUNBUFFERED, the venv's bin first on
PATH, and no PUBLISHER_* variable.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
README = REPOSITORY / "README.md"
# What each scratch project is made of: the bundled project and the test fixtures the
# README's examples read (the seed).
SCRATCH_PARTS = ("data", "templates", "tests/fixtures/seed", "tests/fixtures/readme")
ELLIPSIS = "…"
_COMMENT = re.compile(r"<!--\s*(console-setup|console-illustrative):(.*?)-->", re.DOTALL)
_DURATION = re.compile(r"\b\d+(?:\.\d+)?\s?(?:ms|s)\b")
# Printed (by printf, from its octal escape) before each command's output.
_MARKER = "\x01readme-console-command"
_MARKER_PRINTF = "\\001readme-console-command"


@dataclass(slots=True)
class Command:
    """One ``$`` command of a block and the output the README shows for it."""

    text: str
    line: int  # README line of the ``$``
    expected: list[tuple[int, str]] = field(default_factory=list)  # (README line, text)


@dataclass(slots=True)
class Block:
    """One ```console block and the comments just above it."""

    line: int  # README line of the opening fence
    commands: list[Command]
    setup: str = ""
    illustrative: str = ""


def _comments_above(lines: list[str], fence: int) -> tuple[str, str]:
    """The setup and illustrative comments between the previous non-comment text and the
    fence at index ``fence``."""
    start = fence
    text_above: list[str] = []
    while start > 0:
        candidate = lines[start - 1]
        if not candidate.strip():
            start -= 1
            continue
        # Walk up over one whole HTML comment (it may span lines).
        end = start - 1
        if not candidate.rstrip().endswith("-->"):
            break
        begin = end
        while begin >= 0 and "<!--" not in lines[begin]:
            begin -= 1
        if begin < 0:
            break
        text_above.insert(0, "\n".join(lines[begin : end + 1]))
        start = begin
    setup, illustrative = [], []
    for comment in text_above:
        for kind, body in _COMMENT.findall(comment):
            (setup if kind == "console-setup" else illustrative).append(body.strip())
    return "\n".join(setup), " ".join(illustrative)


def parse_readme(text: str) -> list[Block]:
    """The console blocks of a README, with their commands and expected output."""
    lines = text.splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() != "```console":
            index += 1
            continue
        fence = index
        setup, illustrative = _comments_above(lines, fence)
        commands: list[Command] = []
        index += 1
        while index < len(lines) and lines[index].strip() != "```":
            line = lines[index]
            if line.startswith("$ "):
                command = Command(text=line[2:], line=index + 1)
                while command.text.endswith("\\") and index + 1 < len(lines):
                    index += 1
                    command.text = command.text[:-1] + "\n" + lines[index]
                commands.append(command)
            elif commands:
                commands[-1].expected.append((index + 1, line))
            index += 1
        blocks.append(
            Block(line=fence + 1, commands=commands, setup=setup, illustrative=illustrative)
        )
        index += 1
    return blocks


BLOCKS = parse_readme(README.read_text(encoding="utf-8"))


def _normalise(text: str) -> str:
    return _DURATION.sub("<duration>", text.rstrip())


def _match(expected: list[tuple[int, str]], actual: list[str]) -> tuple[int, str] | None:
    """None when ``actual`` matches ``expected`` (``…`` standing for any lines); else the
    README line and text of the first expected line that does not match (0, "" when the
    command printed more than the README shows)."""
    wanted = [(number, _normalise(text)) for number, text in expected]
    got = [_normalise(line) for line in actual]
    # Trailing blank lines in the README (before the closing fence) are layout.
    while wanted and not wanted[-1][1]:
        wanted.pop()
    while got and not got[-1]:
        got.pop()

    def matches(w: int, g: int) -> bool:
        if w == len(wanted):
            return g == len(got)
        if wanted[w][1] == ELLIPSIS:
            return any(matches(w + 1, start) for start in range(g, len(got) + 1))
        return g < len(got) and got[g] == wanted[w][1] and matches(w + 1, g + 1)

    if matches(0, 0):
        return None
    # The first expected line that cannot be matched in order, for the message.
    g = 0
    for w, (number, text) in enumerate(wanted):
        if text == ELLIPSIS:
            following = next((item for item in wanted[w + 1 :] if item[1] != ELLIPSIS), None)
            if following is None:
                return None
            try:
                g = got.index(following[1], g)
            except ValueError:
                return following
            continue
        if g >= len(got) or got[g] != text:
            return number, text
        g += 1
    return 0, ""


def _scratch(tmp_path: Path) -> Path:
    root = tmp_path / "scratch"
    for part in SCRATCH_PARTS:
        source = REPOSITORY / part
        if source.is_dir():
            shutil.copytree(source, root / part)
    (root / "tmp").mkdir()
    return root


def _environment() -> dict[str, str]:
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("PUBLISHER_")
    }
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE"):
        environment.pop(name, None)
    bin_dir = str(Path(sys.executable).parent)
    environment.update(
        PATH=f"{bin_dir}{os.pathsep}{environment.get('PATH', '')}",
        NO_COLOR="1",
        TZ="UTC",
        PYTHONUNBUFFERED="1",
        LC_ALL="C.UTF-8",
        COLUMNS="100",
        # Setup scripts may use the repository's test helpers (tests/fixtures/readme/).
        README_REPOSITORY=str(REPOSITORY),
    )
    return environment


def _run_block(block: Block, root: Path) -> list[list[str]]:
    """Each command's output lines (stdout and stderr interleaved), run in one bash."""
    tmp = f"{root}/tmp/"
    script = ["exec 2>&1", f"cd {root}"]
    if block.setup:
        script += [
            "{",
            block.setup.replace("/tmp/", tmp),
            "} >/dev/null || { echo 'console-setup failed' >&2; exit 97; }",
        ]
    for number, command in enumerate(block.commands):
        script += [f"printf '{_MARKER_PRINTF} {number}\\n'", command.text.replace("/tmp/", tmp)]
    completed = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=600,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    output = completed.stdout.replace(tmp, "/tmp/").replace(f"{root}/", "").replace(str(root), ".")
    if completed.returncode == 97 and _MARKER not in output:
        pytest.fail(f"README.md:{block.line}: the console-setup comment failed:\n{output}")
    pieces = output.split(f"{_MARKER} ")
    outputs: list[list[str]] = [[] for _ in block.commands]
    for piece in pieces[1:]:
        number, _, text = piece.partition("\n")
        outputs[int(number)] = text.splitlines()
    return outputs


@pytest.mark.slow
@pytest.mark.parametrize("block", BLOCKS, ids=[f"README.md:{block.line}" for block in BLOCKS])
def test_console_block_shows_real_output(block: Block, tmp_path: Path) -> None:
    if block.illustrative:
        pytest.skip(f"README.md:{block.line}: illustrative: {block.illustrative}")
    assert block.commands, f"README.md:{block.line}: a console block without a '$ ' command"
    outputs = _run_block(block, _scratch(tmp_path))
    for command, actual in zip(block.commands, outputs, strict=True):
        mismatch = _match(command.expected, actual)
        if mismatch is None:
            continue
        number, text = mismatch
        where = (
            f"README.md:{number}: expected {text!r}"
            if number
            else "the command printed more than the README shows"
        )
        shown = [line for _, line in command.expected]
        comparison = "\n".join(
            difflib.unified_diff(shown, actual, "README.md", "actual output", lineterm="")
        )
        pytest.fail(
            f"README.md:{block.line}: the console block's command at line {command.line}\n"
            f"  $ {command.text}\n"
            f"prints something else; {where}\n{comparison}",
            pytrace=False,
        )


def test_the_readme_has_console_blocks_and_they_parse() -> None:
    assert len(BLOCKS) >= 5
    for block in BLOCKS:
        for command in block.commands:
            assert command.text.strip(), f"README.md:{command.line}: an empty command"


def test_ellipsis_matching() -> None:
    expected = [(1, "a"), (2, ELLIPSIS), (3, "z")]
    assert _match(expected, ["a", "b", "c", "z"]) is None
    assert _match(expected, ["a", "z"]) is None
    assert _match(expected, ["a", "b"]) == (3, "z")
    assert _match([(1, "a")], ["a", "b"]) == (0, "")
    assert _match([(1, "took 1.5 s")], ["took 0.3 s"]) is None


def test_comments_above_a_block_are_read() -> None:
    text = (
        "Intro.\n\n<!-- console-setup: touch x\n  && touch y -->\n"
        "<!-- console-illustrative: needs a mail server -->\n\n```console\n$ ls\nx\n```\n"
    )
    (block,) = parse_readme(text)
    assert block.setup == "touch x\n  && touch y"
    assert block.illustrative == "needs a mail server"
    assert block.commands[0].expected == [(9, "x")]
