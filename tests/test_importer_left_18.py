"""publisher import: defects found by session 17's review, fixed in session 18 (examples
invented; each test names the shape it reads)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_git_history import Repository, run
from test_importer_shapes import listed, messages, read

from publisher.importer import readme_repositories
from publisher.load import load_snapshot

# A list kept in a repository named like many others ('awesome'), that points at sections of
# another list of that name (`github.com/ada/awesome#platforms`: sections this README does
# not have) and never links to itself: those links are resources, another list's sections.
_POINTS_AT_ANOTHER = (
    "# My awesome\n\nThings I like.\n\n"
    "## Kites\n\n- [Delta](https://delta.example.org) - a delta kite.\n\n"
    "## See also\n\n"
    "- [Platforms](https://github.com/ada/awesome#platforms)\n"
    "- [Languages](https://github.com/ada/awesome/blob/main/readme.md#languages)\n"
    "- [Front-End Development](https://github.com/ada/awesome#front-end-development)\n"
)
_ITS_RESOURCES = ["Delta", "Platforms", "Languages", "Front-End Development"]


@pytest.mark.parametrize(
    ("known", "folder", "repositories"),
    [
        pytest.param(["me/awesome"], "", "me/awesome", id="its-remote"),
        pytest.param([], "awesome", "", id="by-its-folder"),
    ],
)
def test_a_same_named_repository_whose_sections_this_readme_lacks_is_not_its_upstream(
    known: list[str], folder: str, repositories: str
) -> None:
    # A fork's README, written upstream, links into the upstream's front page at its own
    # sections (`up/x#tools` over a `## Tools` of its own): its own contents. Links into a
    # same-named repository's front page at sections this document does not have are how a
    # list points at another list: that repository is not its own (it was, so the three
    # links were read as a table of contents and dropped).
    assert readme_repositories(_POINTS_AT_ANOTHER, known, folder) == repositories


def test_links_to_another_same_named_lists_sections_stay_resources(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "awesome")
    repo.commit("README.md", _POINTS_AT_ANOTHER, "Start", "2024-05-01T09:00:00Z")
    repo.git("remote", "add", "origin", "git@github.com:me/awesome.git")
    out = tmp_path / "out"
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 0, output
    (release,) = sorted(out.glob("*.yaml"))
    assert [title for _, title, _ in listed(load_snapshot(release).roadmap)] == _ITS_RESOURCES
    written = tmp_path / "roadmap.yaml"
    code, output = run("import", str(repo.root / "README.md"), "-o", str(written))
    assert code == 0, output
    assert [title for _, title, _ in listed(load_snapshot(written).roadmap)] == _ITS_RESOURCES


def test_an_html_record_row_is_one_resource_its_other_link_cells_its_fields() -> None:
    # A row of an HTML table whose item is a cell holding only its link, with a cell of
    # words saying what it is, is one record: a cell holding only another link (its author,
    # its code) or a linked icon before it (the same thing's logo) is a field of it, not a
    # second resource of the row. A row of cells each only a link (a grid of logos) keeps
    # every cell.
    result = read(
        "# Kites\n\n## Editors\n\n<table>\n"
        '<tr><td><a href="https://kite.example.org">Kite</a></td>'
        '<td><a href="https://example.org/ada">Ada Brook</a></td>'
        "<td>An editor for kites.</td></tr>\n"
        '<tr><td><a href="https://gull.example.org"><img src="gull.png" alt="Gull logo"></a></td>'
        '<td><a href="https://gull.example.org">Gull</a></td>'
        '<td><a href="https://code.example.org/gull">Code</a></td>'
        "<td>An editor for gulls.</td></tr>\n"
        "</table>\n\n## Boards\n\n<table>\n"
        '<tr><td><a href="https://a.example.org"><img src="a.png" alt="Alpha"></a></td>'
        '<td><a href="https://b.example.org"><img src="b.png" alt="Beta"></a></td></tr>\n'
        "</table>\n",
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Editors",), "Kite", "https://kite.example.org"),
        (("Editors",), "Gull", "https://gull.example.org"),
        (("Boards",), "Alpha", "https://a.example.org"),
        (("Boards",), "Beta", "https://b.example.org"),
    ]
    kite, gull = result.roadmap.sections[0].resources
    assert kite.description.strip() == "[Ada Brook](https://example.org/ada) An editor for kites."
    assert gull.description.strip() == "[Code](https://code.example.org/gull) An editor for gulls."
    said = messages(result)
    assert len(said) == 3
    assert all(message.startswith(("road.md:6:", "road.md:7:")) for message in said), said
    assert sum("'Ada Brook'" in message for message in said) == 1
    assert sum("'Gull logo'" in message for message in said) == 1


def test_import_without_git_installed_reads_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `import` asks git for the remotes of the work tree holding the file (its own GitHub
    # repository, 6b4a0b0): where git is not installed there are none to learn, and the
    # file is read as before; it ended in a traceback (FileNotFoundError: 'git').
    (tmp_path / "README.md").write_text(_POINTS_AT_ANOTHER, encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    written = tmp_path / "roadmap.yaml"
    code, output = run("import", str(tmp_path / "README.md"), "-o", str(written))
    assert code == 0, output
    assert [title for _, title, _ in listed(load_snapshot(written).roadmap)] == _ITS_RESOURCES


def test_import_history_without_git_installed_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It needs git: a clear error and exit 1, nothing written (it was a traceback from the
    # first git call, `check_repository`'s, which did not say git is missing).
    repo = Repository(tmp_path / "awesome")
    repo.commit("README.md", _POINTS_AT_ANOTHER, "Start", "2024-05-01T09:00:00Z")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    out = tmp_path / "out"
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 1
    assert "git is not installed" in output
    assert "Traceback" not in output
    assert not out.exists()
