"""Text and markdown reports of a diff, and the text of a frozen release."""

from __future__ import annotations

import copy
import datetime as dt
import html
import re
from typing import Any

import pytest
from markdown_it import MarkdownIt

from publisher.diff import diff
from publisher.diff_report import format_markdown, format_text
from publisher.freeze import release_text
from publisher.load import build_snapshot
from publisher.markdown_escape import markdown_line
from publisher.yaml_reader import parse_yaml_bytes

OLD: dict[str, Any] = {
    "release": {"version": "1", "date": "2024-01-01"},
    "title": "Road map",
    "sections": [
        {
            "title": "Courses",
            "id": "courses",
            "resources": [
                {"title": "CS229", "url": "https://example.org/cs229"},
                {"title": "Fast AI", "url": "https://fast.ai/"},
                {"title": "Old one", "url": "https://old.example"},
            ],
        },
        {"title": "Tools", "resources": [{"title": "PyTorch"}]},
        {"title": "Gone", "resources": []},
    ],
}


def _new() -> dict[str, Any]:
    new = copy.deepcopy(OLD)
    new["release"] = {"version": "2", "date": "2024-02-01", "title": "February", "notes": "Hi."}
    courses, tools, _ = new["sections"]
    courses["title"] = "Courses & classes"
    courses["resources"][0]["kind"] = "course"
    courses["resources"][1]["url"] = "http://fast.ai"  # cosmetic
    del courses["resources"][2]
    courses["resources"].append({"title": "A *starred* [thing]", "url": "https://x.org/a_(b)"})
    courses["resources"].append(tools["resources"].pop())  # PyTorch moves to Courses
    new["sections"] = [courses, tools, {"title": "Papers"}]
    return new


@pytest.fixture
def changes() -> Any:
    return diff(build_snapshot(OLD, "1.yaml"), build_snapshot(_new(), "2.yaml"))


def test_text_marks_each_kind_of_change_with_its_role(changes: Any) -> None:
    roles: list[tuple[str, str]] = []

    def style(text: str, role: str) -> str:
        roles.append((role, text))
        return f"<{role}>{text}"

    lines = format_text(changes, style).splitlines()
    assert lines[0] == (
        "<heading>1 (2024-01-01) → 2 (2024-02-01): 1 added, 1 removed, "
        "2 updated (1 cosmetic), 1 moved, 3 section changes"
    )
    assert "<added>+ section Papers" in lines
    assert "<removed>- section Gone" in lines
    assert "<updated>~ section 'Courses' renamed 'Courses & classes' (id courses)" in lines
    assert "<added>+ A *starred* [thing] <https://x.org/a_(b)>  [Courses & classes]" in lines
    assert "<removed>- Old one <https://old.example>  [Courses]" in lines
    assert "<updated>~ CS229 <https://example.org/cs229>  [Courses & classes]" in lines
    assert "<detail>    kind set to course" in lines
    # The cosmetic update and its detail are dimmed, and say so without colour too.
    assert "<cosmetic>~ Fast AI <http://fast.ai>  [Courses & classes]  (cosmetic)" in lines
    assert "<cosmetic>    link: https://fast.ai/ → http://fast.ai" in lines
    assert "<moved>> PyTorch  [Tools] → [Courses & classes]" in lines


def test_text_without_style_is_plain(changes: Any) -> None:
    text = format_text(changes)
    assert "<" not in text.splitlines()[0]
    assert "\x1b" not in text


def test_markdown_groups_by_section_and_leaves_out_cosmetic_updates(changes: Any) -> None:
    markdown = format_markdown(changes)
    assert markdown.startswith("## 2 — February (2024-02-01)\n\nHi.\n\n### Sections\n\n")
    assert "- Section renamed: Courses & classes" not in markdown  # old → new, both shown
    assert "- Section renamed: Courses → Courses & classes" in markdown
    assert "Fast AI" not in markdown
    courses = markdown.split("### Courses & classes\n\n")[1]
    assert courses.splitlines()[:4] == [
        r"- **Added** [A \*starred\* \[thing\]](https://x.org/a_\(b\))",
        "- **Updated** [CS229](https://example.org/cs229): kind set to course",
        "- **Moved** PyTorch from Tools",
        "- **Removed** [Old one](https://old.example)",
    ]


def test_markdown_renders_titles_as_written(changes: Any) -> None:
    html = MarkdownIt("commonmark").render(format_markdown(changes))
    assert '<a href="https://x.org/a_(b)">A *starred* [thing]</a>' in html


def test_markdown_of_no_change_says_so() -> None:
    snapshot = build_snapshot(OLD, "1.yaml")
    assert format_markdown(diff(snapshot, snapshot)).endswith("\n\nNo changes.\n")


@pytest.mark.parametrize(
    "title",
    [
        "plain",
        "a*b",
        "[x](y)",
        "<b>",
        "a_b_",
        "`c`",
        "# h",
        "a|b",
        "AT&amp;T",
        "R & D",
        "1. First",
    ],
)
def test_escaped_titles_render_as_text(title: str) -> None:
    # The one escape (markdown_escape) of the readme, CHANGELOG.md and this report.
    rendered = MarkdownIt("commonmark").render(f"- x {markdown_line(title)}\n")
    assert rendered == f"<ul>\n<li>x {html.escape(title, quote=False)}</li>\n</ul>\n"
    assert markdown_line("a\n  b") == "a b"
    assert markdown_line("2024.03") == "2024.03"  # after the hashes of a heading: no list


# --- the frozen release's text -------------------------------------------------------------

WORKING = "# Hand-written.\n\ntitle: Road map  # inline comment\nsections: []\n"


@pytest.mark.parametrize(
    "notes",
    ["", "One line.\n", "No final newline", "Two\n\nparagraphs.\n\n\n", "  indented first\n"],
)
@pytest.mark.parametrize("title", ["", "March 2024", 'A "quoted": title #1', "Été"])
def test_release_text_reads_back_exactly(notes: str, title: str) -> None:
    text = release_text(
        WORKING, version="2024.03", date=dt.date(2024, 3, 1), title=title, notes=notes
    )
    assert text.startswith("# Hand-written.\n\nrelease:\n")
    assert text.endswith("title: Road map  # inline comment\nsections: []\n")
    snapshot = build_snapshot(parse_yaml_bytes(text.encode(), "x.yaml"), "x.yaml", release=True)
    assert snapshot.release is not None
    assert snapshot.release.version == "2024.03"
    assert snapshot.release.title == title
    assert snapshot.release.notes == notes


def test_release_text_goes_after_a_document_start_marker() -> None:
    text = release_text(
        "---\ntitle: T\n", version="1", date=dt.date(2024, 1, 1), title="", notes=""
    )
    assert re.fullmatch(
        r'---\nrelease:\n  version: "1"\n  date: 2024-01-01\n  digest: "sha256:[0-9a-f]{64}"\n'
        r"title: T\n",
        text,
    )


def test_markdown_never_mentions_an_explicit_id() -> None:
    new = copy.deepcopy(OLD)
    new["sections"][0]["resources"][0].update(id="cs229", kind="course")
    changes = diff(build_snapshot(OLD, "1.yaml"), build_snapshot(new, "2.yaml"))
    assert [field.field for field in changes.updated[0].changes] == ["id", "kind"]
    assert "- **Updated** [CS229](https://example.org/cs229): kind set to course\n" in (
        format_markdown(changes)
    )
