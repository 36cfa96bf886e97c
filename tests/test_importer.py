"""publisher import: every shape of markdown road map, the seed, and the readme round trip."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields, replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.cli import main
from publisher.dump import dump_roadmap
from publisher.errors import DataError, Problem, located
from publisher.importer import (
    ImportResult,
    clear_caches,
    import_markdown,
    import_markdown_bytes,
)
from publisher.load import build_snapshot, load_snapshot
from publisher.model import Author, Resource, Roadmap, Section
from publisher.readme import render_readme
from tests.strategies import roadmaps

SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "ml-road-map-README-2024-01.md"


def read(text: str) -> Roadmap:
    """Import ``text`` and check the result is valid data once written as YAML."""
    roadmap = import_markdown(text, "road.md").roadmap
    reloaded = build_snapshot(yaml.safe_load(dump_roadmap(roadmap)), "dumped").roadmap
    assert reloaded == roadmap
    return roadmap


def resources(roadmap: Roadmap) -> list[tuple[str, str]]:
    return [(resource.title, resource.url) for _, resource in roadmap.walk()]


def test_link_headings_under_a_section_are_resources_with_descriptions() -> None:
    roadmap = read(
        "# Map\n\n## Courses\n\nThe best ones.\n\n"
        "### [Deep Learning Course](https://example.org/dl)\n\nTen weeks of *work*.\n\n"
        "More about it.\n\n### [Vision](https://example.org/v)\n"
    )
    (section,) = roadmap.sections
    assert section.title == "Courses"
    assert section.intro == "The best ones.\n"
    assert resources(roadmap) == [
        ("Deep Learning Course", "https://example.org/dl"),
        ("Vision", "https://example.org/v"),
    ]
    assert section.resources[0].description == "Ten weeks of *work*.\n\nMore about it.\n"


def test_heading_without_link_whose_paragraph_has_a_bare_url_is_one_resource() -> None:
    roadmap = read(
        "# Map\n\n## Prerequisites\n\n### Python (required)\n\n"
        "The best starter course: https://example.org/py.\n\n"
        "### Git\n\nRead <https://example.org/git> and [the book](https://example.org/book).\n"
    )
    assert resources(roadmap) == [
        ("Python (required)", "https://example.org/py"),
        ("Git", "https://example.org/git"),
    ]
    assert roadmap.sections[0].resources[0].description.startswith("The best starter course")


def test_link_bullets_nested_with_descriptions() -> None:
    roadmap = read(
        "# Map\n\n## Tools\n\n"
        "* [Tool](https://example.org/t) - what it does\n"
        "  * [Plugin](https://example.org/p): what it adds\n"
        "- [Other](https://example.org/o) \u2014 another one\n"
    )
    tools = roadmap.sections[0]
    assert [(r.title, r.url, r.description) for r in tools.resources] == [
        ("Tool", "https://example.org/t", "what it does\n"),
        ("Plugin", "https://example.org/p", "what it adds\n"),
        ("Other", "https://example.org/o", "another one\n"),
    ]


def test_plain_bullets_are_resources_without_url_and_groups_become_sections() -> None:
    roadmap = read(
        "# Map\n\n## Companies\n\n* OpenAI\n* Google/Google DeepMind\n\n"
        "## Topics\n\n- Vision\n  - [CNN notes](https://example.org/cnn)\n  - Segmentation\n"
    )
    companies, topics = roadmap.sections
    assert [(r.title, r.url) for r in companies.resources] == [
        ("OpenAI", ""),
        ("Google/Google DeepMind", ""),
    ]
    assert companies.resources[0].identity == "companies/openai"
    (vision,) = topics.sections
    assert vision.title == "Vision"
    assert [r.title for r in vision.resources] == ["CNN notes", "Segmentation"]


def test_table_columns_are_mapped_by_header_name() -> None:
    roadmap = read(
        "# Map\n\n## Reading\n\n"
        "| Topic | Resource | Author | Type | Cost | Level | Notes |\n"
        "|---|---|---|---|---|---|---|\n"
        "| Vision, CNN | [CNN notes](https://example.org/cnn) | [A. Person](https://example.org/ap)"
        " | Course | Free | Beginner | Start *here* |\n"
        "| NLP | Word vectors | B. Person | Books | $20 | advanced | |\n"
    )
    first, second = roadmap.sections[0].resources
    assert (first.title, first.url, first.kind, first.cost, first.level) == (
        "CNN notes",
        "https://example.org/cnn",
        "course",
        "free",
        "beginner",
    )
    assert first.author == Author(name="A. Person", url="https://example.org/ap")
    assert first.tags == ("Vision", "CNN")
    assert first.description == "Start *here*\n"
    assert (second.title, second.url, second.kind, second.cost) == (
        "Word vectors",
        "",
        "book",
        "paid",
    )
    assert second.author == Author(name="B. Person")


def test_table_without_known_headers_takes_first_column_and_first_link() -> None:
    roadmap = read(
        "# Map\n\n## Sites\n\n| Site | Where |\n|---|---|\n"
        "| Papers with code | [here](https://example.org/pwc) |\n"
    )
    assert resources(roadmap) == [("Papers with code", "https://example.org/pwc")]


def test_emoji_bullets_with_author_and_quote() -> None:
    roadmap = read(
        "# Map\n\n## Books\n\n"
        "- \U0001f4da [Book title](https://example.org/b) by [Author](https://example.org/a)\n"
        "  > Why it matters.\n"
        "- \U0001f3a5 [A talk](https://example.org/talk) by Some Speaker\n"
    )
    book, talk = roadmap.sections[0].resources
    assert (book.title, book.url, book.kind) == ("Book title", "https://example.org/b", "book")
    assert book.author == Author(name="Author", url="https://example.org/a")
    assert book.description == "Why it matters.\n"
    assert (talk.kind, talk.author) == ("video", Author(name="Some Speaker"))


def test_not_resources_badges_html_anchors_code_front_matter() -> None:
    roadmap = read(
        "---\ntitle: front\n---\n"
        '<p align="center"><img src="logo.png"></p>\n\n'
        "# Map\n\n"
        "[![build](https://example.org/badge.svg)](https://example.org/ci)\n\n"
        "<details><summary>Contents</summary>\n\n- [Courses](#courses)\n\n</details>\n\n"
        "## Courses\n\n- [Contents](#top)\n- [Back](#map)\n\n"
        "```sh\n- [Not a resource](https://example.org/code)\n```\n\n"
        "- [Real](https://example.org/real)\n"
    )
    assert roadmap.title == "Map"
    assert resources(roadmap) == [("Real", "https://example.org/real")]
    assert "front" not in roadmap.intro
    assert "badge" not in roadmap.intro
    assert "```sh" in roadmap.sections[0].intro  # fenced code is kept as intro markdown


@pytest.mark.parametrize(
    "between",
    [
        "# My Datasets\n\nA collection of **da**ta**sets**, open ones.\n",
        "# My Datasets\n\nA collection of datasets.\n\nAsk: [here](https://example.org/ask)\n",
    ],
)
def test_a_title_between_thematic_breaks_at_the_start_is_no_front_matter(between: str) -> None:
    # Front matter is a YAML mapping at the very start (GitHub shows it as a table of its
    # keys); a `# Title` and its prose between two `---` lines are what GitHub shows them as:
    # a heading and paragraphs between two rules (YAML reads them as a comment and a string,
    # or fails on them: no mapping).
    result = import_markdown(
        f"---\n{between}\n---\n\n## Sets\n\n- [A](https://example.org/a) - a\n", "road.md"
    )
    roadmap = result.roadmap
    assert roadmap.title == "My Datasets"
    assert roadmap.intro.startswith("A collection of ")
    assert resources(roadmap) == [("A", "https://example.org/a")]
    assert [str(warning) for warning in result.warnings] == []
    # Front matter that is a mapping stays out, its lines counted.
    fronted = read(
        "---\ntitle: My Datasets\ntags: [data]\n---\n# Sets\n\n## Links\n\n"
        "- [B](https://b.example.org) - b\n"
    )
    assert fronted.title == "Sets"
    assert "data" not in fronted.intro
    assert resources(fronted) == [("B", "https://b.example.org")]


def test_merge_conflict_markers_are_skipped_with_a_warning_naming_the_line() -> None:
    result = import_markdown(
        "# Map\n\n## A\n\n<<<<<<< HEAD\n- [One](https://example.org/1)\n=======\n"
        "- [Two](https://example.org/2)\n>>>>>>> branch\n",
        "road.md",
    )
    assert [str(warning) for warning in result.warnings] == [
        "road.md:5: merge-conflict marker '<<<<<<<' skipped",
        "road.md:7: merge-conflict marker '=======' skipped",
        "road.md:9: merge-conflict marker '>>>>>>>' skipped",
    ]
    assert [title for title, _ in resources(result.roadmap)] == ["One", "Two"]


def test_repeated_url_gets_a_suffixed_id_and_order_is_kept() -> None:
    result = import_markdown(
        "# Map\n\n## A\n\n- [B](https://example.org/x)\n- [A](https://example.org/y)\n\n"
        "## C\n\n- [B again](https://example.org/x/)\n",
        "road.md",
    )
    walked = [resource for _, resource in result.roadmap.walk()]
    assert [resource.title for resource in walked] == ["B", "A", "B again"]
    assert [resource.id for resource in walked] == ["", "", "b-again-2"]
    assert any("road.md:10:" in str(warning) for warning in result.warnings)
    build_snapshot(yaml.safe_load(dump_roadmap(result.roadmap)), "dumped")  # valid data


def test_javascript_links_are_not_urls() -> None:
    result = import_markdown("# Map\n\n## A\n\n- [Evil](javascript:alert(1))\n", "road.md")
    assert all(resource.url == "" for _, resource in result.roadmap.walk())


def test_empty_and_non_utf8_files_are_refused() -> None:
    with pytest.raises(DataError, match="empty"):
        import_markdown("  \n", "road.md")
    with pytest.raises(DataError, match=r"road.md:2: not valid UTF-8"):
        import_markdown_bytes(b"# Map\n\xff\n", "road.md")


_CHAPTERS = (
    "# Map 📚\n\nIntro with an é.\n\n## Contributing\n\nHelp.\n\n"
    "## Tools ✨\n\n- [A](https://example.org/a) - first\n- [B](./b.md)\n"
    "- [A again](https://example.org/a)\n\n### Deeper\n\n| Resource | Notes |\n|---|---|\n"
    "| [C](https://example.org/c) | 🎉 a row |\n\n## Books\n\n- [D](https://example.org/d)\n"
)


@pytest.mark.parametrize(
    "data",
    [
        _CHAPTERS.encode(),
        # What the importer reads another way: each is decoded whole, as text.
        _CHAPTERS.replace("\n", "\r\n").encode(),
        (
            _CHAPTERS.replace("\n\n## Books", "\r\r## Books") + "- [A](https://example.org/a)\n"
        ).encode(),
        b"\xef\xbb\xbf" + _CHAPTERS.encode(),
        b"---\ntitle: x\n---\n" + _CHAPTERS.encode(),
        (_CHAPTERS + "<<<<<<< HEAD\n- [E](https://example.org/e)\n=======\n>>>>>>> b\n").encode(),
        (_CHAPTERS + "[ref]: https://example.org/ref\n").encode(),
        (_CHAPTERS + "```\n## not a heading\n```\n").encode(),
        (
            _CHAPTERS + '   <p align="center">x</p>\n## After\n- [F](https://example.org/f)\n'
        ).encode(),
        ("## No title\n\n- [G](https://example.org/g)\n" + _CHAPTERS).encode(),
        ("\u00a0\n" + _CHAPTERS).encode(),
        "é\n".encode() + _CHAPTERS.encode(),
    ],
)
def test_bytes_are_read_as_their_text(data: bytes) -> None:
    """import_markdown_bytes cuts plain documents into chapters as bytes: the same result
    (road map and warnings, with their lines) as the text read by import_markdown."""
    assert import_markdown_bytes(data, "road.md") == import_markdown(data.decode(), "road.md")


def test_a_bad_byte_after_known_chapters_is_found_on_its_line() -> None:
    good = _CHAPTERS.encode()
    import_markdown_bytes(good, "road.md")  # its chapters now cached
    with pytest.raises(DataError, match=r"road.md:27: not valid UTF-8"):
        import_markdown_bytes(good + b"\n## Late\n\n- \xff\n", "road.md")
    for blank in (b"", b" \n\t", "\u00a0\u2003\n".encode(), b"\x1c\n"):
        with pytest.raises(DataError, match="empty"):
            import_markdown_bytes(blank, "road.md")


# Bits of markdown a history's versions are made of, the awkward ones included: a heading
# marker glued to a chapter's end or to the document's end, no final newline, tabs, non-ASCII,
# blocks that hide headings.
_BITS = (
    "# Map\n",
    "## A\n",
    "## B é\n",
    "### Deeper\n",
    "- [a](https://example.org/a) - one\n",
    "- [b](https://example.org/b)\n",
    "| Resource | Notes |\n|---|---|\n| [c](https://example.org/c) | x |\n",
    "Text.\n",
    "\n",
    "#",
    "##",
    "#\t",
    "x",
    " ",
    "é",
    # Fenced code and HTML blocks (no chapter starts inside them), a heading that is a link
    # over the `<details>` it folds away.
    "```\n",
    "~~~\n",
    "  ```\n",
    '<p align="center">\n',
    "<!--\n",
    "-->\n",
    "## [R](https://example.org/r)\n",
    "<details>\n",
    "</details>\n",
    # A `<details>` whose summary names a section over the headings it folds, and a heading
    # written without its space (`####Day86 - [x](…)`) among linked headings.
    "<details><summary>Tools</summary>\n",
    "</details><details><summary>More</summary>\n",  # one closed where the next opens
    "####D [d](https://example.org/d)\n",
    "#### [e](https://example.org/e)\n",
    # Characters beyond Latin-1 (a text holding one is wide, its ASCII chapters narrow: the
    # chapters kept are compared to it and their lines counted so).
    "😀",
    "- [中](https://example.org/z) 😀\n",
)


def _versions(start: list[int], edits: list[tuple[int, int, list[int]]]) -> list[bytes]:
    bits = list(start)
    versions = ["".join(_BITS[bit] for bit in bits).encode()]
    for at, removed, added in edits:
        at = at % (len(bits) + 1)
        bits[at : at + removed] = added
        versions.append("".join(_BITS[bit] for bit in bits).encode())
    return versions


_BIT = st.integers(min_value=0, max_value=len(_BITS) - 1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_BIT, max_size=30),
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 3), st.lists(_BIT, max_size=4)),
        max_size=8,
    ),
)
def test_a_history_read_as_bytes_is_each_version_read_alone(
    start: list[int], edits: list[tuple[int, int, list[int]]]
) -> None:
    """Version after version, the importer keeps the chapters the version before started and
    ended with where the text is the same (as bytes, or around fenced code and HTML blocks):
    each version still reads as its text read alone, from empty caches (road map and
    warnings)."""
    versions = _versions(start, edits)
    expected: list[object] = []
    for data in versions:  # each read from scratch
        clear_caches()
        try:
            expected.append(import_markdown(data.decode(), "road.md"))
        except DataError as error:
            expected.append(str(error))
    clear_caches()
    for data, alone in zip(versions, expected, strict=True):
        try:
            found: object = import_markdown_bytes(data, "road.md")
        except DataError as error:
            found = str(error)
        assert found == alone, data


def test_a_repeated_section_keeps_its_ids_when_read_again() -> None:
    """Top-level sections with the same title and content: the first is "a" however often
    the document is read (the importer remembers sections from the version before)."""
    text = "# Map\n\n" + "## A\n\nSoon.\n" * 3 + "## B\n\n- [x](https://example.org/x)\n"
    for _ in range(3):
        roadmap = import_markdown_bytes(text.encode(), "road.md").roadmap
        assert [section.id for section in roadmap.sections] == ["a", "a-2", "a-3", "b"]


MIXED = """\
<p align="center"><b>Awesome mixed list</b></p>

# Mixed Road Map

Intro with a [link](https://example.org/about).

## Courses

### [Course One](https://example.org/c1)

Start here.

### Course Two

Free at https://example.org/c2 and good.

## Tools

* [Tool](https://example.org/t) - what it does
* [Other tool](https://example.org/o): also useful

## Reading

| Resource | Author | Type |
|---|---|---|
| [Paper](https://example.org/p) | [Someone](https://example.org/s) | paper |

- \U0001f4da [Book](https://example.org/b) by [Writer](https://example.org/w)
  > Worth it.

## Topics

* Attention
* Diffusion
"""


def test_a_mixed_file_reads_every_shape_in_document_order() -> None:
    roadmap = read(MIXED)
    assert [section.title for section in roadmap.sections] == [
        "Courses",
        "Tools",
        "Reading",
        "Topics",
    ]
    assert resources(roadmap) == [
        ("Course One", "https://example.org/c1"),
        ("Course Two", "https://example.org/c2"),
        ("Tool", "https://example.org/t"),
        ("Other tool", "https://example.org/o"),
        ("Paper", "https://example.org/p"),
        ("Book", "https://example.org/b"),
        ("Attention", ""),
        ("Diffusion", ""),
    ]
    assert roadmap.intro == "Intro with a [link](https://example.org/about).\n"


def test_seed_matches_the_hand_made_release(repository: Path) -> None:
    result = import_markdown(SEED.read_text(encoding="utf-8"), "seed.md")
    expected = load_snapshot(repository / "data" / "releases" / "2024.01.yaml").roadmap
    assert [str(warning) for warning in result.warnings] == [
        "seed.md:1: merge-conflict marker '<<<<<<<' skipped"
    ]
    got = result.roadmap
    assert [
        (tuple(parent.title for parent in path), section.title)
        for path, section in got.walk_sections()
    ] == [
        (tuple(parent.title for parent in path), section.title)
        for path, section in expected.walk_sections()
    ]
    assert resources(got) == resources(expected)
    assert got == expected  # intros and descriptions too


@pytest.mark.parametrize("version", ["2024.01", "2024.02"])
def test_readme_of_the_bundled_data_imports_back_unchanged(repository: Path, version: str) -> None:
    roadmap = load_snapshot(repository / "data" / "releases" / f"{version}.yaml").roadmap
    result = import_markdown(render_readme(roadmap), "README.md")
    assert result.warnings == ()
    assert result.roadmap == roadmap


@pytest.mark.parametrize("title", ["~~~ <g#a[(|zhwj:", "``` python", "~~~"])
def test_a_title_that_looks_like_a_code_fence_reads_back_as_a_resource(title: str) -> None:
    # Found by the round-trip property below: "- ~~~ …" opened a fenced code block, so the
    # plain bullet became part of the section's intro.
    roadmap = Roadmap(
        title="Road map",
        sections=(
            Section(
                title="Tools",
                id="tools",
                intro="Some intro.\n",
                resources=(Resource(title=title, identity="a-1", id="a-1", cost="free"),),
            ),
        ),
    )
    assert import_markdown(render_readme(roadmap), "README.md").roadmap == roadmap


@pytest.mark.parametrize("title", [":a:<", ":rocket: Launch", "Tools :+1:", "std::vector :x:"])
def test_a_section_title_written_like_a_shortcode_reads_back(title: str) -> None:
    # GitHub draws `:rocket:` as a picture, so a README's heading leaves it out of the title;
    # a title that holds one as text is written escaped and reads back whole.
    roadmap = Roadmap(
        title="Road map",
        sections=(
            Section(
                title=title,
                id="s",
                resources=(
                    Resource(
                        title="a", identity="https://example.org/a", url="https://example.org/a"
                    ),
                ),
            ),
        ),
    )
    assert import_markdown(render_readme(roadmap), "README.md").roadmap == roadmap


def test_a_shortcode_written_in_a_heading_is_left_out_of_its_title() -> None:
    text = "# M\n\n## :rocket: Launch\n\n- [a](https://example.org/a)\n"
    assert import_markdown(text, "README.md").roadmap.sections[0].title == "Launch"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps())
def test_import_of_readme_is_the_road_map(roadmap: Roadmap) -> None:
    assert import_markdown(render_readme(roadmap), "README.md").roadmap == roadmap


@pytest.mark.parametrize(
    "text",
    [
        MIXED.replace('<p align="center"><b>Awesome mixed list</b></p>\n', ""),
        SEED.read_text(encoding="utf-8"),
        "# M\n\n## A\n\n- a\n- b\n\ntext\n* [c](https://example.org/c)\n- d\n"
        "- advice that is a sentence with [a link](https://example.org/l) inside.\n",
        "# M\n\n## [R](https://example.org/r)\n\n### Deeper\n\n- x\n## Next\n- y\n",
        "# M\n\n## T\n\n| Resource | Type |\n|---|:-:|\n| [a](https://example.org/a) | book |\n"
        "| b \\| c | course |\n|d|\n| e | f | g |\nlazy row\n\nafter\n| x |\n|--|--|\n| y |\n",
        # Fenced code and HTML blocks: no cut inside them (a "heading" there is not one).
        "# M\n\n## A\n\n```sh\n## not a heading\n- not a bullet\n```\n- [a](https://example.org/a)\n"
        "## B\n\n~~~~\n# no\n~~~\n# still code\n~~~~~\n\n- [b](https://example.org/b)\n",
        '# M\n<p align="center"><img src="x.png"></p>\n## Glued to the HTML block\n\n'
        "- [a](https://example.org/a)\n\n## B\n\n- [b](https://example.org/b)\n",
        "# M\n\n## A\n\n<!-- a comment\n\n## inside it\n- [x](https://example.org/x)\n-->\n"
        "- [a](https://example.org/a)\n## B\n<pre>\n\n# in pre\n</pre>\n- [b](https://example.org/b)\n",
        "# M\n\n<details><summary>Contents</summary>\n\n- [A](#a)\n\n</details>\n\n## A\n\n"
        "- [a](https://example.org/a) ``` not a fence\n```not`a fence either\n## B\n- [b](https://e.org/b)\n",
        "# M\n\n## A\n\n- [a](https://example.org/a)\n\n```\nunclosed\n## C\n- [c](https://e.org/c)\n",
        "# M\n\n## A\n\n- item\n\n  ```\n  code in the item\n## B\n\n- [b](https://e.org/b)\n\n"
        "```\n## code\n```\n",
        # A line of spaces before a heading, after an intro's list: blank, in no intro.
        "# M\n\n- [a](https://example.org/a)\n \t \n## B\n\n- [b](https://example.org/b)\n",
        # A line of no-break spaces is no blank line: the HTML block goes on over the heading.
        "# M\n\n<p>x</p>\n\u00a0\n## B\n\n- [b](https://example.org/b)\n",
    ],
)
def test_reading_in_pieces_is_reading_the_whole(text: str) -> None:
    pieces = import_markdown(text, "road.md")
    whole = import_markdown(text, "road.md", pieces=False)
    assert pieces == whole


def test_located_makes_the_problem_the_constructor_makes() -> None:
    # `located` sets the slots itself: every field of Problem, or a field added later is
    # left unset (and reading it raises).
    assert [field.name for field in fields(Problem)] == ["path", "line", "column", "key", "message"]
    for path, line, message in (("road.md@1234567", 12, "a warning"), ("", 0, "")):
        made = located(path, line, message)
        expected = Problem(path=path, line=line, message=message)
        assert made == expected
        assert (hash(made), repr(made), str(made)) == (
            hash(expected),
            repr(expected),
            str(expected),
        )
        assert type(made) is Problem


def test_marks_found_in_chapters_hold_after_unspaced_headings_are_spaced() -> None:
    # The spaces written after unspaced headings' hashes change the chapters; what the
    # chapters said of direction marks and table gaps is still used (not searched again).
    text = (
        "# M\n\n## Lessons\n\n### Day1 - [A](https://example.org/a)\n\n"
        "###Day2 - [B](https://example.org/b)\n\n### Day3 - [C](https://example.org/c)\n\n"
        "## Table\n\n| Name | Note |\n|---|---|\n| [T](https://example.org/t) | one&rlm; |\n\n"
        "| [U](https://example.org/u) | two |\n"
    )
    pieces = import_markdown(text, "road.md")
    assert pieces == import_markdown(text, "road.md", pieces=False)
    said = " ".join(problem.message for problem in pieces.warnings)
    for what in ("without a space", "direction mark", "table rows after a blank line"):
        assert what in said
    assert [resource.url for _, resource in pieces.roadmap.walk()][-2:] == [
        "https://example.org/t",
        "https://example.org/u",
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps())
def test_readme_in_pieces_is_the_whole(roadmap: Roadmap) -> None:
    text = render_readme(roadmap)
    assert import_markdown(text, "R.md") == import_markdown(text, "R.md", pieces=False)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps())
def test_dump_reads_back_as_the_same_road_map(roadmap: Roadmap) -> None:
    assert build_snapshot(yaml.safe_load(dump_roadmap(roadmap)), "x").roadmap == roadmap


def test_cli_import_writes_the_working_copy_and_summarises(project: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), "import", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "11 sections, 51 resources, 1 warning" in result.output
    written = load_snapshot(project / "data" / "roadmap.yaml", release=False)
    assert len(list(written.roadmap.walk())) == 51


def test_cli_import_to_stdout_and_readme_round_trip(project: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "publisher", "import", str(SEED), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
        cwd=project,
    )
    assert out.stdout.startswith("title: The Machine Learning Road Map\n")
    assert "51 resources" in out.stderr
    assert "seed" in out.stderr
    readme = tmp_path / "README.md"
    result = CliRunner().invoke(main, ["--project", str(project), "readme", "-o", str(readme)])
    assert result.exit_code == 0, result.output
    working = load_snapshot(project / "data" / "roadmap.yaml").roadmap
    assert import_markdown(readme.read_text(encoding="utf-8"), "README.md").roadmap == working


def test_cli_import_of_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", str(tmp_path / "nope.md"), "-o", "-"])
    assert result.exit_code == 1
    assert "nope.md: cannot read" in result.output


def test_cached_chapters_keep_true_line_numbers_after_an_edit_above_them() -> None:
    chapter = "## C\n\n- [x](https://example.org/x)\n- [again](https://example.org/x)\n"
    before = "# M\n\n## A\n\n- [a](https://example.org/a)\n\n" + chapter
    after = "# M\n\n## A\n\nNew\nlines\nhere.\n\n- [a](https://example.org/a)\n\n" + chapter
    for text in (before, after, before):
        [warning] = import_markdown(text, "R.md").warnings
        line = text.split("\n").index("- [again](https://example.org/x)") + 1
        assert warning.line == line
        assert import_markdown(text, "R.md") == import_markdown(text, "R.md", pieces=False)


def _read_after_each_other(versions: list[str]) -> list[ImportResult]:
    """Each version read after the one before (the importer's caches kept), checked against
    the same version read from empty caches (road map and warnings, lines included)."""
    alone = []
    for text in versions:
        clear_caches()
        alone.append(import_markdown_bytes(text.encode(), "R.md"))
    clear_caches()
    found = [import_markdown_bytes(text.encode(), "R.md") for text in versions]
    assert found == alone
    return found


def test_a_section_that_warned_is_reused_with_its_warnings_on_their_new_lines() -> None:
    """A top-level section whose reading warned (a relative link, a duplicate of its own, a
    meta subsection) is taken as it was when read again, its warnings on the lines they are
    now on when lines were added above it."""
    tail = (
        "## Tools\n\n- [doc](docs/a.md)\n- [x](https://example.org/x)\n"
        "- [again](https://example.org/x)\n\n### Contributing\n\nPlease.\n"
    )
    before = "# M\n\n## A\n\n- [a](https://example.org/a)\n\n" + tail
    after = "# M\n\n## A\n\nNew\nlines\n\n- [a](https://example.org/a)\n\n" + tail
    results = _read_after_each_other([before, after, before, after])
    for text, result in zip([before, after, before, after], results, strict=True):
        lines = text.split("\n")
        assert [(warning.line, warning.message.split(" ")[0]) for warning in result.warnings] == [
            (lines.index("- [doc](docs/a.md)") + 1, "relative"),
            (lines.index("- [again](https://example.org/x)") + 1, "URL"),
            (lines.index("### Contributing") + 1, "section"),
        ]


def test_a_section_reused_only_where_the_ids_it_found_taken_are_taken_again() -> None:
    """A section whose URL (subsection id) an earlier section took got a numbered id, with a
    warning; once the earlier one is gone it is read as the first of its kind, and the
    numbered reading comes back when the earlier one does."""
    later = "## B\n\n### Books\n\n- [x](https://example.org/x)\n"
    taken = "# M\n\n## A\n\n### Books\n\n- [x](https://example.org/x)\n\n" + later
    free = "# M\n\n## A\n\n### Films\n\n- [y](https://example.org/y)\n\n" + later
    results = _read_after_each_other([taken, free, taken, free])
    for result in results[::2]:
        [_, b] = result.roadmap.sections
        assert [section.id for section in b.sections] == ["b-books"]
        assert [resource.id for resource in b.sections[0].resources] == ["x-2"]
        [warning] = result.warnings
        assert warning.line == 13
        assert "appears again" in warning.message
    for result in results[1::2]:
        [_, b] = result.roadmap.sections
        assert [section.id for section in b.sections] == ["books"]
        assert [resource.id for resource in b.sections[0].resources] == [""]
        assert result.warnings == ()


def test_a_resource_moved_down_by_lines_above_it_is_the_same_and_warns_on_its_line() -> None:
    """Lines added above a resource in its section make its candidate again, on another
    line: it is the same resource object as before (the writer's caches hold by object), and
    what is said of a resource after it still names the line it is on now."""
    head = "# M\n\n## Tools\n\n- [a](https://example.org/a)\n"
    rest = (
        "- [b](https://example.org/b) - Kept.\n- [doc](docs/a.md)\n"
        "- [b again](https://example.org/b)\n"
    )
    before = head + rest
    after = head + "- [new](https://example.org/new)\n  More\n  lines.\n" + rest
    results = _read_after_each_other([before, after, before])
    kept = [
        next(resource for _, resource in result.roadmap.walk() if resource.title == "b")
        for result in results
    ]
    assert kept[0] is kept[1] is kept[2]
    for text, result in zip([before, after, before], results, strict=True):
        lines = text.split("\n")
        assert [(warning.line, warning.message.split(" ")[0]) for warning in result.warnings] == [
            (lines.index("- [doc](docs/a.md)") + 1, "relative"),
            (lines.index("- [b again](https://example.org/b)") + 1, "URL"),
        ]


# A section of a generated list: `<details>` entries (an HTML line, a blank line, link
# bullets with tab-indented fences, `</details>` right after them), so the section holds
# HTML blocks and is read as one group (invented; the shape is best-of lists').
def _folded_entry(name: str) -> str:
    return (
        f'<details><summary><b><a href="https://example.org/{name}">{name}</a></b> '
        f"(🥇30 ·  ⭐ 2K) - {name} does things.</summary>\n\n"
        f"- [GitHub](https://github.com/o/{name}) (10 stars):\n\n\t```\n\tgit clone x\n\t```\n"
        f"- [PyPi](https://pypi.org/project/{name}):\n\t```\n\tpip install {name}\n\t```\n"
        "</details>\n"
    )


_FOLDED = (
    "# M\n\n## Tools\n\n"
    '<a href="#contents"><img src="https://example.org/top.png" alt="top"></a>\n\n'
    "_Libraries for [tools][t]._\n\n"
    + "".join(_folded_entry(name) for name in ("alpha", "beta", "gamma"))
    + "\n## After\n\n- [x](https://example.org/x)\n\n[t]: https://example.org/t\n"
)


@pytest.mark.parametrize(
    "text",
    [
        _FOLDED,
        # A list item after a blank line after a list: one list (loose), not two.
        "# M\n\n## A\n\n<div>x</div>\n\n- [a](https://example.org/a)\n\n- [b](https://e.org/b)\n",
        # A list started indented goes on at column 0.
        "# M\n\n## A\n\n```\nc\n```\n\n  - [a](https://example.org/a)\n\n- [b](https://e.org/b)\n",
        # An HTML line that no paragraph ends (kind 7) is the item's lazy continuation.
        "# M\n\n## A\n\n<p>x</p>\n\n- [a](https://example.org/a)\n<span>more</span>\n\n"
        "- [b](https://e.org/b)\n\nAfter.\n\n- [c](https://e.org/c)\n",
        # A comment holding blank lines and lines at column 0 is one block.
        "# M\n\n## A\n\n<!-- note\n\n- [no](https://example.org/no)\n\nstill\n-->\n\n"
        "- [a](https://example.org/a)\n",
        # A fence opened indented, inside an item, then a line at column 0.
        "# M\n\n## A\n\n<br>\n\n- [a](https://example.org/a)\n\n  ```\n  code\n\ntext\n```\n\n"
        "- [b](https://e.org/b)\n",
        # A heading inside a `<details>` under a heading that is a link: its description.
        "# M\n\n## [R](https://example.org/r)\n\n<details>\n\n### Links\n\n"
        "- [a](https://example.org/a)\n\n</details>\n\n## B\n\n- [b](https://e.org/b)\n",
        # Bullet items at column 0 in a group holding HTML (each a piece of its own): a
        # list without blank lines, a lazy line, an item's nested lines, a loose item, a
        # thematic break written with spaces, a table's last row then an item, an item
        # after an indented fence closed in the item above.
        "# M\n\n## A\n\n<p>x</p>\n\n- [a](https://example.org/a) - one\n"
        "- [b](https://example.org/b) - two\nlazy words\n- [c](https://example.org/c)\n"
        "  - [c1](https://example.org/c1)\n\n  more of c\n- - -\n- [d](https://example.org/d)\n"
        "| Name | Note |\n|---|---|\n| [t](https://example.org/t) | x |\n"
        "- [e](https://example.org/e):\n\n\t```\n\tpip install e\n\t```\n"
        "- [f](https://example.org/f)\n</details>\n",
        # A quote under an item, a card's paragraph after the list, `<details>` entries.
        "# M\n\n## A\n\n<details><summary>More</summary>\n\n"
        "- 📚 [Book](https://example.org/b) by Someone\n  > A note.\n"
        "- 📚 [Other](https://example.org/o)\n> a quote at column 0\n"
        "- [x](https://example.org/x)\n**Bold**\n[Card](https://example.org/card)\n"
        "</details>\n\n- [y](https://example.org/y)\n",
        # Blank lines inside an HTML table, a tag after each: one table, as a browser shows
        # it (`_html_table_gaps_closed`), so no cut inside it (a layout table of two columns
        # of markdown; a head row apart from the rows).
        "# M\n\n## A\n\n<table>\n<tr><td>\n\n**1.** [Alpha](https://example.org/a)\n\n"
        "</td><td>\n\n**2.** [Beta](https://example.org/b)\n\n</td></tr>\n</table>\n\n"
        "- [c](https://example.org/c)\n",
        "# M\n\n## A\n\n<table>\n<tr><th>Name</th><th>What</th></tr>\n  \n"
        '<tr><td><a href="https://example.org/a">Alpha</a></td><td>one</td></tr>\n\n'
        '<tr><td><a href="https://example.org/b">Beta</a></td><td>two</td></tr>\n</table>\n\n'
        "- [c](https://example.org/c)\n",
    ],
)
def test_a_group_holding_html_blocks_read_in_pieces_is_read_as_the_whole(text: str) -> None:
    """A group with fenced code or HTML blocks is cut only after blank lines, where every
    block ends; its reading is the whole document's, warnings and lines included."""
    clear_caches()
    assert import_markdown(text, "road.md") == import_markdown(text, "road.md", pieces=False)


def test_a_section_of_folded_entries_is_cut_where_its_blocks_end() -> None:
    """The cuts of a `<details>` section fall before each entry's list and each line after
    a blank line (so an edit of one entry parses that entry's pieces only), never inside a
    list, a fence or an HTML block."""
    from publisher.importer import _blank_line_cuts

    group = _FOLDED[_FOLDED.index("## Tools") : _FOLDED.index("\n## After")]
    starts = [group[cut:].split("\n", 1)[0] for cut in _blank_line_cuts(group)]
    assert starts == [
        '<a href="#contents"><img src="https://example.org/top.png" alt="top"></a>',
        "_Libraries for [tools][t]._",
        '<details><summary><b><a href="https://example.org/alpha">alpha</a></b> '
        "(🥇30 ·  ⭐ 2K) - alpha does things.</summary>",
        "- [GitHub](https://github.com/o/alpha) (10 stars):",
        "- [PyPi](https://pypi.org/project/alpha):",
        "- [GitHub](https://github.com/o/beta) (10 stars):",
        "- [PyPi](https://pypi.org/project/beta):",
        "- [GitHub](https://github.com/o/gamma) (10 stars):",
        "- [PyPi](https://pypi.org/project/gamma):",
    ]
    # A numbered item after a list and a blank line continues that list: no cut before it.
    assert _blank_line_cuts("## A\n\n<p>x</p>\n\n1. a\n\n2. b\n") == [
        len("## A\n\n"),
        len("## A\n\n<p>x</p>\n\n"),
    ]
    # A bullet item at column 0 outside fenced code and HTML blocks: cut before it, as a
    # group without such blocks is cut (`_group_units`: the adjacent lists read as one,
    # `_resolve_lists`), whether or not a blank line is above it.
    assert _blank_line_cuts("## A\n\n<p>x</p>\n\n- a\n\n- b\n- c\n") == [
        len("## A\n\n"),
        len("## A\n\n<p>x</p>\n\n"),
        len("## A\n\n<p>x</p>\n\n- a\n\n"),
        len("## A\n\n<p>x</p>\n\n- a\n\n- b\n"),
    ]
    # Inside an HTML block that ends at a blank line, or a fence: no cut.
    assert _blank_line_cuts("## A\n\n<p>x\n- a\n\n```\n- b\n```\n") == [
        len("## A\n\n"),
        len("## A\n\n<p>x\n- a\n\n"),
    ]


def test_a_history_of_folded_entries_reads_each_version_as_a_one_off_import() -> None:
    """Versions of a list of `<details>` entries, read one after the other (caches kept),
    read as each read alone: an entry's link edited, added and moved to another section, a link
    definition another section uses changed, heading levels changed, a meta section added
    and removed."""
    first = _FOLDED.replace("</details>\n\n## After", "</details>\n\n- [Docs][t]\n\n## After")
    edited = first.replace("https://pypi.org/project/beta", "https://pypi.org/project/beta2")
    delta = _folded_entry("delta")
    added = edited.replace("</details>\n\n- [Docs]", f"</details>\n{delta}\n- [Docs]")
    moved = added.replace(delta, "").replace("## After\n\n", f"## After\n\n{delta}\n")
    definition = moved.replace("[t]: https://example.org/t", "[t]: https://example.org/t2")
    levels = definition.replace("## After", "### After")
    meta = levels.replace("\n### After", "\n## Contributing\n\nPlease.\n\n### After")
    versions = [first, edited, added, moved, definition, levels, meta, levels, first]
    results = _read_after_each_other(versions)
    written = [dump_roadmap(result.roadmap) for result in results]
    tools = [
        dump_roadmap(replace(result.roadmap, sections=result.roadmap.sections[:1]))
        for result in results
    ]
    assert "project/beta2" in written[1]
    assert "project/beta2" not in written[0]
    assert "delta" in tools[2]
    assert "delta" not in tools[3]
    assert "delta" in written[3]
    assert "https://example.org/t2" in written[4]
    assert "https://example.org/t2" not in written[3]
    assert written[5] != written[4]  # After is a subsection of Tools now
    assert any("Contributing" in warning.message for warning in results[6].warnings)
    assert not any("Contributing" in warning.message for warning in results[7].warnings)
    assert results[-1] == results[0]


def test_a_label_among_topic_names_that_makes_their_list_text_is_warned_of() -> None:
    # One plain bullet ending in a colon, long enough to read as a sentence (a label over
    # nothing), turned a list of topics into the section's intro in silence.
    text = "# M\n\n## Topics\n\n- Graphs\n- Trees\n- Read these after the first three weeks:\n"
    result = import_markdown(text, "R.md")
    assert result.roadmap.sections[0].resources == ()
    assert [str(warning) for warning in result.warnings] == [
        "R.md:7: bullet 'Read these after the first three weeks:' reads as a sentence or a "
        "label, not the name of a topic: its list of 3 plain bullets kept as text"
    ]


def test_bullets_under_a_heading_publisher_readme_anchored_read_as_written() -> None:
    # The same bullets read the hand-written way elsewhere (`"T" by A`: its author).
    text = (
        '# M\n\n## Talks <a id="talks" data-publisher></a>\n\n'
        '- ["Parsing Made Simple" by Ada Quill](https://example.org/p)\n'
        "- Read these after the first three weeks:\n"
    )
    result = import_markdown(text, "R.md")
    assert result.warnings == ()
    assert [(r.title, r.author) for _, r in result.roadmap.walk()] == [
        ('"Parsing Made Simple" by Ada Quill', None),
        ("Read these after the first three weeks:", None),
    ]
    # An author's own anchor (`<a name='…'>`, `<a id="…">`) is not the one that command writes.
    for anchor in ("<a name='talks'>", '<a id="talks">'):
        by_hand = text.replace('<a id="talks" data-publisher>', anchor)
        assert [
            (r.title, r.author and r.author.name)
            for _, r in import_markdown(by_hand, "R.md").roadmap.walk()
        ] == [("Parsing Made Simple", "Ada Quill")]


def _tags_and_descriptions(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    return [
        (resource.title, resource.tags, resource.description)
        for _, resource in import_markdown(text, "R.md").roadmap.walk()
    ]


def test_a_code_span_set_apart_after_one_link_alone_stays_in_its_description() -> None:
    # A language mark is a list's way of writing (`- [x](…) `python` - …` on its items): one
    # item alone written so says it in its words, which stay its description.
    text = (
        "# M\n\n## Tools\n\n- [Quill](https://example.org/q) `rust` - parses things\n"
        "- [Ink](https://example.org/i) - writes things\n"
    )
    assert _tags_and_descriptions(text) == [
        ("Quill", (), "`rust` - parses things\n"),
        ("Ink", (), "writes things\n"),
    ]
    alone = "# M\n\n## Tools\n\n- [Quill](https://example.org/q) `rust` - parses things\n"
    assert _tags_and_descriptions(alone) == [("Quill", (), "`rust` - parses things\n")]


def test_code_spans_set_apart_in_a_list_that_marks_its_items_so_are_tags() -> None:
    marked = (
        "# M\n\n## Tools\n\n- [Quill](https://example.org/q) `rust` - parses things\n"
        "- [Ink](https://example.org/i) `go` - writes things\n"
    )
    assert _tags_and_descriptions(marked) == [
        ("Quill", ("rust",), "parses things\n"),
        ("Ink", ("go",), "writes things\n"),
    ]
    # The others marked with code spans at their end (licence, language): a warning mark
    # set apart on one of them is a tag as well.
    legend = (
        "# M\n\n## Tools\n\n- [Quill](https://example.org/q) `!` - parses things. `MIT` `Rust`\n"
        "- [Ink](https://example.org/i) - writes things. `MIT` `Go`\n"
    )
    assert _tags_and_descriptions(legend) == [
        ("Quill", ("!", "MIT", "Rust"), "parses things.\n"),
        ("Ink", ("MIT", "Go"), "writes things.\n"),
    ]
