"""The README as the source: `release --from`, `sync`, empty releases refused, and `import`
refusing to overwrite edits that are not released yet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from release_files import top_sections_by_release

from publisher import freeze
from publisher.cli import main
from publisher.dump import dump_roadmap
from publisher.importer import import_markdown_bytes
from publisher.load import load_snapshot

SEED = Path(__file__).parent / "fixtures" / "seed" / "ml-road-map-README-2024-01.md"
WARNING = f"warning: {SEED}:1: merge-conflict marker '<<<<<<<' skipped\n"


def run(project: Path, *arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(project), *arguments])
    return result.exit_code, result.stdout, result.stderr


def releases(project: Path) -> list[str]:
    return sorted(path.name for path in (project / "data" / "releases").iterdir())


def edited_readme(tmp_path: Path, line: str) -> Path:
    readme = tmp_path / "README.md"
    readme.write_text(SEED.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return readme


# --- release --from ---------------------------------------------------------------------------


def test_release_from_a_readme_imports_and_releases(project: Path) -> None:
    code, out, err = run(project, "release", "2024.03", "--from", str(SEED), "--date", "2024-03-01")
    assert code == 0, err
    assert out == (
        "Released 2024.03 (2024-03-01): wrote data/releases/2024.03.yaml and data/roadmap.yaml\n"
    )
    assert err == WARNING
    imported = dump_roadmap(import_markdown_bytes(SEED.read_bytes(), str(SEED)).roadmap)
    assert (project / "data" / "roadmap.yaml").read_text(encoding="utf-8") == imported
    frozen = load_snapshot(project / "data" / "releases" / "2024.03.yaml")
    assert frozen.release is not None
    assert frozen.release.version == "2024.03"
    assert frozen.roadmap == import_markdown_bytes(SEED.read_bytes(), "x").roadmap


def test_release_from_a_missing_file_writes_nothing(project: Path) -> None:
    before = (project / "data" / "roadmap.yaml").read_bytes()
    code, _, err = run(project, "release", "2024.03", "--from", str(project / "nope.md"))
    assert code == 1
    assert err.startswith(f"error: {project / 'nope.md'}: cannot read")
    assert releases(project) == ["2024.01.yaml", "2024.02.yaml"]
    assert (project / "data" / "roadmap.yaml").read_bytes() == before


# --- empty releases ---------------------------------------------------------------------------


def test_a_release_without_change_is_refused_unless_allowed(project: Path) -> None:
    code, _, err = run(project, "release", "2024.03", "--date", "2024-03-01")
    assert code == 1
    assert err == (
        "error: release '2024.03' would change nothing: the road map is the same as in the "
        "latest release 2024.02 (edit it first, or --allow-empty to release it anyway)\n"
    )
    assert releases(project) == ["2024.01.yaml", "2024.02.yaml"]
    code, _, err = run(project, "release", "2024.03", "--date", "2024-03-01", "--allow-empty")
    assert code == 0, err
    assert releases(project) == ["2024.01.yaml", "2024.02.yaml", "2024.03.yaml"]


def test_a_comment_is_no_change(project: Path) -> None:
    working = project / "data" / "roadmap.yaml"
    working.write_text("# a note\n" + working.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(project, "release", "2024.03", "--date", "2024-03-01")
    assert code == 1
    assert "would change nothing" in err


# --- sync -------------------------------------------------------------------------------------


def test_sync_releases_a_changed_readme_with_a_date_version(project: Path, tmp_path: Path) -> None:
    code, out, err = run(project, "sync", str(SEED), "--date", "2024-03-02")
    assert code == 0, err
    assert out == (
        f"Released 2024.03.02 (2024-03-02) from {SEED} (11 sections, 51 resources, 1 warning): "
        "wrote data/releases/2024.03.02.yaml and data/roadmap.yaml\n"
    )
    assert err == WARNING
    readme = edited_readme(tmp_path, "- [A new thing](https://example.org/new-thing)")
    code, out, _ = run(project, "sync", str(readme), "--date", "2024-03-02")
    assert code == 0
    assert out.startswith("Released 2024.03.02.2 (2024-03-02)")
    assert "52 resources" in out
    assert releases(project)[-2:] == ["2024.03.02.2.yaml", "2024.03.02.yaml"]


def test_sync_of_an_unchanged_readme_writes_nothing(project: Path) -> None:
    assert run(project, "sync", str(SEED), "--date", "2024-03-02")[0] == 0
    data = project / "data"
    before = {path: path.stat().st_mtime_ns for path in data.rglob("*")}
    code, out, _ = run(project, "sync", str(SEED), "--date", "2024-03-03")
    assert code == 0
    assert out == (
        f"nothing changed since 2024.03.02: {SEED} (11 sections, 51 resources, 1 warning) "
        "makes no release\n"
    )
    assert {path: path.stat().st_mtime_ns for path in data.rglob("*")} == before


def test_sync_compares_road_maps_not_text(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 2024.01 was written by hand from the seed: other text, the same road map.
    (project / "data" / "releases" / "2024.02.yaml").unlink()
    assert (project / "data" / "releases" / "2024.01.yaml").read_text(
        encoding="utf-8"
    ) != dump_roadmap(import_markdown_bytes(SEED.read_bytes(), str(SEED)).roadmap)
    loaded: list[str] = []
    load_indexed = freeze.load_indexed

    def counted(project: Any, entry: Any, *arguments: Any, **options: Any) -> Any:
        loaded.append(entry.release.version)
        return load_indexed(project, entry, *arguments, **options)

    monkeypatch.setattr(freeze, "load_indexed", counted)
    code, out, _ = run(project, "sync", str(SEED))
    assert code == 0
    assert out.startswith("nothing changed since 2024.01:")
    assert releases(project) == ["2024.01.yaml"]
    # The latest release is read once: for its section ids, and to compare with.
    assert loaded == ["2024.01"]


def test_sync_in_a_project_without_releases_makes_the_first(project: Path) -> None:
    for path in (project / "data" / "releases").iterdir():
        path.unlink()
    code, out, _ = run(project, "sync", str(SEED), "--date", "2024-01-05", "--title", "First")
    assert code == 0
    assert out.startswith("Released 2024.01.05 (2024-01-05)")
    frozen = load_snapshot(project / "data" / "releases" / "2024.01.05.yaml")
    assert frozen.release is not None
    assert frozen.release.title == "First"


def release_readme(project: Path, readme: Path, command: str, day: str) -> None:
    """Release ``readme`` as 2024.05.``day`` by ``command`` ("sync" or "release --from")."""
    if command == "sync":
        code, out, err = run(project, "sync", str(readme), "--date", f"2024-05-{day}")
    else:
        code, out, err = run(project, "release", f"2024.05.{day}", "--from", str(readme))
    assert code == 0, err
    assert out.startswith(f"Released 2024.05.{day} "), out


@pytest.mark.parametrize("command", ["sync", "release --from"])
def test_the_readme_as_source_keeps_the_id_of_a_renamed_section(
    project: Path, tmp_path: Path, command: str
) -> None:
    # The README's `## Course list` becomes `## Courses`: the section keeps its id (and with
    # it the address of its feed and the subscribers who chose it), release after release;
    # syncing the same README again releases nothing.
    for path in (project / "data" / "releases").iterdir():
        path.unlink()
    readme = tmp_path / "README.md"
    a = "- [Alpha course](https://example.org/alpha) - first.\n"
    b = "- [Beta course](https://example.org/beta) - second.\n"
    d = "- [Delta course](https://example.org/delta) - new.\n"
    versions = (("Course list", a + b, "01"), ("Courses", a + b + d, "02"), ("Courses", d, "03"))
    for title, courses, day in versions:
        readme.write_text(f"# Road Map\n\n## {title}\n\n{courses}", encoding="utf-8")
        release_readme(project, readme, command, day)
        if command == "sync":
            code, out, err = run(project, "sync", str(readme), "--date", f"2024-05-{day}")
            assert code == 0, err
            assert out.startswith("nothing changed since"), out
    assert releases(project) == ["2024.05.01.yaml", "2024.05.02.yaml", "2024.05.03.yaml"]
    assert top_sections_by_release(project) == [
        [("Course list", "course-list")],
        [("Courses", "course-list")],
        [("Courses", "course-list")],
    ]


@pytest.mark.parametrize("command", ["sync", "release --from"])
def test_an_anchor_the_curator_changes_gives_the_section_its_new_id(
    project: Path, tmp_path: Path, command: str
) -> None:
    # A renamed heading keeps its id (above), but an id written in the README (a heading's
    # `<a id="…"></a>`) is the curator's: changed there on purpose, it is the section's id.
    for path in (project / "data" / "releases").iterdir():
        path.unlink()
    readme = tmp_path / "README.md"
    courses = (
        "- [Alpha course](https://example.org/alpha) - first.\n"
        "- [Beta course](https://example.org/beta) - second.\n"
    )
    headings = ("Course list", 'Courses <a id="classes"></a>', 'Lessons <a id="lessons"></a>')
    for day, heading in enumerate(headings, start=1):
        readme.write_text(f"# Road Map\n\n## {heading}\n\n{courses}", encoding="utf-8")
        release_readme(project, readme, command, f"0{day}")
    assert top_sections_by_release(project) == [
        [("Course list", "course-list")],
        [("Courses", "classes")],
        [("Lessons", "lessons")],
    ]


# --- import refuses to throw edits away -------------------------------------------------------


@pytest.fixture
def edited(project: Path) -> Path:
    """The bundled project with an unreleased edit in data/roadmap.yaml."""
    working = project / "data" / "roadmap.yaml"
    text = working.read_text(encoding="utf-8")
    working.write_text(text.replace("title: Python (required)", "title: Python (needed)", 1))
    assert working.read_text(encoding="utf-8") != text
    return project


def test_import_refuses_to_overwrite_unreleased_edits(edited: Path) -> None:
    working = edited / "data" / "roadmap.yaml"
    before = working.read_bytes()
    code, out, err = run(edited, "import", str(SEED))
    assert (code, out) == (1, "")
    assert err.endswith(
        "error: data/roadmap.yaml: differs from the latest release 2024.02 (edits not released "
        "yet): importing would overwrite them; release them first, write elsewhere with "
        "-o PATH, or overwrite with --force\n"
    )
    assert working.read_bytes() == before


def test_import_force_and_output_elsewhere(edited: Path, tmp_path: Path) -> None:
    code, _, err = run(edited, "import", str(SEED), "-o", str(tmp_path / "other.yaml"))
    assert code == 0, err
    code, _, err = run(edited, "import", str(SEED), "--force")
    assert code == 0, err
    assert (edited / "data" / "roadmap.yaml").read_text(encoding="utf-8") == dump_roadmap(
        import_markdown_bytes(SEED.read_bytes(), str(SEED)).roadmap
    )


def test_import_over_a_released_working_copy_goes_ahead(project: Path) -> None:
    # data/roadmap.yaml is the latest release as it is: nothing would be lost.
    code, out, err = run(project, "import", str(SEED))
    assert code == 0, err
    assert out.startswith(f"imported {SEED} into ")


def test_an_unchanged_readme_is_recognised_from_the_text_alone(project: Path) -> None:
    from publisher.project import open_project
    from publisher.sync import unchanged_by_text

    assert run(project, "sync", str(SEED), "--date", "2024-03-02")[0] == 0
    working_text = (project / "data" / "roadmap.yaml").read_text(encoding="utf-8")
    release = unchanged_by_text(open_project(project), working_text)
    assert release is not None
    assert (release.version, release.date.isoformat()) == ("2024.03.02", "2024-03-02")
    # Another text (the same road map or not) is left to the full comparison.
    assert unchanged_by_text(open_project(project), "# note\n" + working_text) is None


# --- import options on release --from and sync -------------------------------------------------

OPTIONS_README = """# A list

## Tools

- [Local](docs/local.md) - a page of the list itself.
- [Remote](https://example.org/remote) - elsewhere.

## Contributing

- [Guide](https://example.org/contributing) - how to send a pull request.
"""
BASE = "https://github.com/me/list/blob/main/"


def _titles_and_urls(path: Path) -> list[tuple[str, str | None]]:
    snapshot = load_snapshot(path)

    def walk(sections: tuple[Any, ...]) -> list[tuple[str, str | None]]:
        found = []
        for section in sections:
            found += [(resource.title, resource.url) for resource in section.resources]
            found += walk(section.sections)
        return found

    return walk(snapshot.roadmap.sections)


@pytest.mark.parametrize("command", ["release", "sync"])
def test_release_from_and_sync_take_keep_section_and_base_url(
    project: Path, tmp_path: Path, command: str
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(OPTIONS_README, encoding="utf-8")
    arguments = (
        ["release", "2024.03", "--from", str(readme)]
        if command == "release"
        else ["sync", str(readme)]
    )
    code, _, err = run(project, *arguments, "--date", "2024-03-01")
    assert code == 0, err
    assert "docs/local.md" in err  # left out, with a warning
    assert "Contributing" in err  # skipped, with a warning
    latest = project / "data" / "releases" / sorted(releases(project))[-1]
    # Without --base-url the relative link is left out (the bullet stays, without url).
    assert _titles_and_urls(latest) == [("Local", ""), ("Remote", "https://example.org/remote")]
    more = ["--keep-section", "Contributing", "--base-url", BASE]
    arguments = (
        ["release", "2024.04", "--from", str(readme)]
        if command == "release"
        else ["sync", str(readme)]
    )
    code, _, err = run(project, *arguments, *more, "--date", "2024-04-01")
    assert code == 0, err
    assert _titles_and_urls(project / "data" / "roadmap.yaml") == [
        ("Local", BASE + "docs/local.md"),
        ("Remote", "https://example.org/remote"),
        ("Guide", "https://example.org/contributing"),
    ]
    assert len(releases(project)) == 4


# One link a line in a raw HTML block: read only with --html-links, as `import` does.
HTML_README = (
    "# L\n\n## Shells\n\n<p>\n"
    '&nbsp;&nbsp;<a href="https://example.org/bash"><b>Bash</b></a> - a shell.<br>\n'
    '&nbsp;&nbsp;<a href="https://example.org/zsh"><b>Zsh</b></a><br>\n</p>\n'
)


@pytest.mark.parametrize("command", ["release", "sync"])
def test_release_from_and_sync_take_html_links(project: Path, tmp_path: Path, command: str) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(HTML_README, encoding="utf-8")

    def arguments(version: str) -> list[str]:
        if command == "release":
            return ["release", version, "--from", str(readme)]
        return ["sync", str(readme)]

    code, _, err = run(project, *arguments("2024.03"), "--date", "2024-03-01")
    assert code == 0, err
    assert f"{readme}:5: raw HTML block with 2 links: not read as resources" in err
    assert _titles_and_urls(project / "data" / "roadmap.yaml") == []
    code, _, err = run(project, *arguments("2024.04"), "--html-links", "--date", "2024-04-01")
    assert code == 0, err
    assert "raw HTML block" not in err
    latest = project / "data" / "releases" / sorted(releases(project))[-1]
    assert _titles_and_urls(latest) == [
        ("Bash", "https://example.org/bash"),
        ("Zsh", "https://example.org/zsh"),
    ]
    assert len(releases(project)) == 4
    assert "--html-links" in CliRunner().invoke(main, [command, "--help"]).stdout


@pytest.mark.parametrize(
    "option", [["--keep-section", "Contributing"], ["--base-url", BASE], ["--html-links"]]
)
def test_import_options_without_from_are_refused(project: Path, option: list[str]) -> None:
    code, _, err = run(project, "release", "2024.03", *option)
    assert code == 2
    assert "--keep-section, --base-url and --html-links apply to --from README.md only" in err
    assert releases(project) == ["2024.01.yaml", "2024.02.yaml"]
