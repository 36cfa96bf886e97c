"""`publisher readme` round trips: import a README, write it back with the code `publisher
readme` uses, import that, and get the same road map (same resources with the same ids,
titles, URLs, descriptions, sections, order), on every version of every real list of the
corpus, the project's own data and a new `publisher init` project."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt
from markdown_it.token import Token
from real_corpus import Version, imported, versions

from publisher.cli import main
from publisher.dump import dump_roadmap
from publisher.importer import import_markdown
from publisher.load import build_snapshot, load_snapshot
from publisher.model import RESOURCE_FIELDS, Resource, Roadmap, Section, slugify
from publisher.readme import render_readme
from tests.strategies import roadmaps

VERSIONS = versions()
REPOSITORY = Path(__file__).resolve().parent.parent


def _path(sections: tuple[Section, ...]) -> str:
    return " > ".join(section.title for section in sections) or "(top)"


def road_map_differences(first: Roadmap, second: Roadmap) -> list[str]:
    """Every difference between two road maps, field by field, each naming the section or
    the resource it is about (by its place in the first road map)."""
    found = [
        f"road map {name}: {getattr(first, name)!r} became {getattr(second, name)!r}"
        for name in ("title", "intro")
        if getattr(first, name) != getattr(second, name)
    ]
    sections = list(first.walk_sections()), list(second.walk_sections())
    if len(sections[0]) != len(sections[1]):
        found.append(f"{len(sections[0])} sections became {len(sections[1])}")
    for (path, section), (other_path, other) in zip(*sections, strict=False):
        where = f"section {_path((*path, section))}"
        if _path(path) != _path(other_path):
            found.append(f"{where}: under {_path(other_path)}")
        found.extend(
            f"{where}: {name} {getattr(section, name)!r} became {getattr(other, name)!r}"
            for name in ("title", "id", "intro")
            if getattr(section, name) != getattr(other, name)
        )
    resources = list(first.walk()), list(second.walk())
    if len(resources[0]) != len(resources[1]):
        found.append(f"{len(resources[0])} resources became {len(resources[1])}")
    for (path, resource), (other_path, other) in zip(*resources, strict=False):
        where = f"resource {resource.title!r} in {_path(path)}"
        if _path(path) != _path(other_path):
            found.append(f"{where}: now in {_path(other_path)}")
        found.extend(
            f"{where}: {name} {getattr(resource, name)!r} became {getattr(other, name)!r}"
            for name in (*RESOURCE_FIELDS, "identity")
            if getattr(resource, name) != getattr(other, name)
        )
    return found


def round_trip(roadmap: Roadmap) -> Roadmap:
    """The road map as a curator gets it back: written as YAML by `import`, loaded, written
    as markdown by `publisher readme`, imported again (without a warning)."""
    stored = build_snapshot(yaml.safe_load(dump_roadmap(roadmap)), "roadmap.yaml").roadmap
    result = import_markdown(render_readme(stored), "README.md")
    assert [str(warning) for warning in result.warnings] == []
    return result.roadmap


@pytest.mark.parametrize("version", VERSIONS, ids=[version.name for version in VERSIONS])
def test_readme_of_a_real_list_imports_back_as_the_same_road_map(version: Version) -> None:
    first = imported(version)
    differences = road_map_differences(first, round_trip(first))
    assert not differences, f"{version.name}:\n" + "\n".join(differences)


def test_differences_name_the_field_and_the_resource() -> None:
    """The comparison above can fail, and says where."""
    resource = Resource(title="A", identity="https://example.org/a", url="https://example.org/a")
    first = Roadmap(title="M", sections=(Section(title="S", id="s", resources=(resource,)),))
    moved = Roadmap(
        title="M",
        sections=(
            Section(title="S", id="s"),
            Section(
                title="T",
                id="t",
                resources=(
                    Resource(
                        title="A",
                        identity="https://example.org/a",
                        url="https://example.org/a",
                        description="new\n",
                    ),
                ),
            ),
        ),
    )
    assert road_map_differences(first, first) == []
    assert road_map_differences(first, moved) == [
        "1 sections became 2",
        "resource 'A' in S: now in T",
        "resource 'A' in S: description '' became 'new\\n'",
    ]


@pytest.mark.parametrize("version", ["2024.01", "2024.02"])
def test_readme_of_the_project_data_imports_back_as_the_same_road_map(version: str) -> None:
    roadmap = load_snapshot(REPOSITORY / "data" / "releases" / f"{version}.yaml").roadmap
    assert road_map_differences(roadmap, round_trip(roadmap)) == []


def test_readme_of_the_working_copy_imports_back_as_the_same_road_map() -> None:
    roadmap = load_snapshot(REPOSITORY / "data" / "roadmap.yaml", release=False).roadmap
    assert road_map_differences(roadmap, round_trip(roadmap)) == []


def test_readme_of_a_new_project_imports_back_as_the_same_road_map(tmp_path: Path) -> None:
    project = tmp_path / "maps"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(project)]).exit_code == 0
    readme = tmp_path / "README.md"
    result = runner.invoke(main, ["--project", str(project), "readme", "-o", str(readme)])
    assert result.exit_code == 0, result.output
    roadmap = load_snapshot(project / "data" / "roadmap.yaml", release=False).roadmap
    assert roadmap.sections  # init's example holds something to compare
    again = import_markdown(readme.read_text(encoding="utf-8"), str(readme))
    assert again.warnings == ()
    assert road_map_differences(roadmap, again.roadmap) == []


@pytest.mark.parametrize(
    "item",
    [
        # A numbered paragraph, `1、[Name](…)` and a full-width colon (a Chinese digest).
        "1\u3001[ltp](https://example.org/ltp)\uff1a\u4e00\u6574\u5957\u7cfb\u7edf\u3002\n",
        # A paper list written as paragraphs: the whole line is its description.
        '**[1]** Doe, Jane. "**Deep nets**." (2015). [[pdf]](https://example.org/p.pdf) '
        ":star::star:\n",
    ],
)
def test_a_description_read_from_an_items_own_line_is_stored_with_its_final_newline(
    item: str,
) -> None:
    # Such descriptions were stored without the final newline every other reading stores, so
    # the readme (which writes a description as a quote) read back one newline longer.
    text = f"# Map\n\n## Papers\n\n{item}"
    first = import_markdown(text, "R.md").roadmap
    [(_, resource)] = list(first.walk())
    assert resource.description.endswith("\n")
    assert road_map_differences(first, round_trip(first)) == []


def test_a_description_read_from_an_html_line_is_stored_with_its_final_newline() -> None:
    text = (
        "# Map\n\n## Shells\n\n<p>\n"
        '&nbsp;&nbsp;:small_orange_diamond: <a href="https://example.org/bash"><b>GNU Bash</b></a>'
        " - is an sh-compatible shell.<br>\n"
        '&nbsp;&nbsp;:small_orange_diamond: <a href="https://example.org/zsh"><b>Zsh</b></a>'
        " - is a shell designed for interactive use.<br>\n</p>\n"
    )
    first = import_markdown(text, "R.md", html_links=True).roadmap
    assert [resource.description for _, resource in first.walk()] == [
        "is an sh-compatible shell.\n",
        "is a shell designed for interactive use.\n",
    ]
    assert road_map_differences(first, round_trip(first)) == []


# Titles `publisher import` reads another way in a README written by hand (examples invented).
_READ_OTHERWISE = [
    # A linkless title ending in a colon, long enough to read as a sentence: the list it is
    # in was read as prose, the section's intro (hypothesis found `0 0 0 0 :`).
    ("Ask the mentors before the first lab:", False),
    ("Check the forum every morning.", False),
    # A call to action, skipped.
    ("Star this repo", False),
    ("Star this repo", True),
    # A talk's credits: the name after "by" read as the author.
    ('"Parsing Made Simple" by Ada Quill', True),
    # A video page's title pasted: title, speaker and site.
    ("Ada Quill - Parsing Made Simple - YouTube", True),
    # A star count after a project's name: left out.
    ("quillparse (\u2605 12k)", True),
]


@pytest.mark.parametrize(("title", "linked"), _READ_OTHERWISE)
def test_a_title_read_otherwise_by_hand_reads_back_as_written(title: str, linked: bool) -> None:
    # `publisher readme` anchors the heading above such a resource; under a heading it
    # anchored, what it wrote reads back as written (the readings of a README written by
    # hand are for READMEs written by hand).
    resources = (
        Resource(title="Graphs", identity="s/graphs"),
        Resource(
            title=title,
            identity="https://example.org/t" if linked else f"s/{slugify(title)}",
            url="https://example.org/t" if linked else "",
        ),
        Resource(
            title="Trees", identity="https://example.org/trees", url="https://example.org/trees"
        ),
    )
    roadmap = Roadmap(title="M", sections=(Section(title="S", id="s", resources=resources),))
    text = render_readme(roadmap)
    assert '## S <a id="s" data-publisher></a>' in text
    result = import_markdown(text, "R.md")
    assert [str(warning) for warning in result.warnings] == []
    assert road_map_differences(roadmap, result.roadmap) == []


@pytest.mark.parametrize("title", ["Each lesson includes:", ":"])
def test_resources_under_a_title_that_announces_them_read_back_as_resources(title: str) -> None:
    # Under a heading that announces its bullets, a README written by hand means plain
    # bullets as its text (hypothesis, random seed: a section titled ":").
    resources = tuple(
        Resource(title=name, identity=f"{slugify(title) or 'untitled'}/{slugify(name)}")
        for name in ("a written lesson and a short video", "code samples for every lesson")
    )
    section_id = slugify(title) or "untitled"
    roadmap = Roadmap(
        title="M", sections=(Section(title=title, id=section_id, resources=resources),)
    )
    text = render_readme(roadmap)
    assert f'<a id="{section_id}" data-publisher></a>' in text
    result = import_markdown(text, "R.md")
    assert [str(warning) for warning in result.warnings] == []
    assert road_map_differences(roadmap, result.roadmap) == []


def test_a_section_of_plain_titles_is_written_without_an_anchor() -> None:
    resources = (
        Resource(title="Graphs", identity="s/graphs"),
        Resource(
            title="Trees", identity="https://example.org/trees", url="https://example.org/trees"
        ),
    )
    roadmap = Roadmap(title="M", sections=(Section(title="S", id="s", resources=resources),))
    assert "<a id" not in render_readme(roadmap)


def test_the_same_titles_written_by_hand_are_read_the_hand_written_way() -> None:
    # Without the anchor, a talk's credits name its author, a star count is left out and a
    # call to action is skipped, as before.
    text = (
        "# M\n\n## Talks\n\n"
        '- ["Parsing Made Simple" by Ada Quill](https://example.org/p)\n'
        "- [quillparse (\u2605 12k)](https://example.org/q)\n"
        "- [Star this repo](https://example.org/star)\n"
    )
    read = [
        (resource.title, resource.author and resource.author.name)
        for _, resource in import_markdown(text, "R.md").roadmap.walk()
    ]
    assert read == [("Parsing Made Simple", "Ada Quill"), ("quillparse", None)]


@pytest.mark.parametrize(
    "intro",
    [
        # Bullets a heading announces ("Each lesson includes"), alone in their section.
        "Each lesson includes:\n\n- a written lesson and a short video\n- code samples\n",
        # Plain bullets with no colon above them: topics, as the reader takes them elsewhere.
        "- Prior programming experience\n- Comfort with the command line\n",
        # A list of links, then prose.
        "- [Docs](https://example.org/docs)\n- [Forum](https://example.org/forum)\n\nThen.\n",
        # A short bold line, which above a list labels it.
        "**Tools**\n",
        # A table.
        "| Week | Topic |\n|---|---|\n| 1 | Basics |\n",
    ],
)
@pytest.mark.parametrize("resources", [0, 1, 2])
def test_an_intro_that_could_read_as_resources_reads_back_as_the_intro(
    intro: str, resources: int
) -> None:
    # Under the heading `publisher readme` anchors, plain bullets of an intro (python-100-days'
    # list of fields, ai-agents-for-beginners' "Each lesson includes") read back as resources:
    # `<!-- resources -->` now ends such an intro, and what is above it is the intro.
    listed = tuple(
        Resource(
            title=f"R{number}",
            identity=f"https://example.org/{number}",
            url=f"https://example.org/{number}",
        )
        if number % 2
        else Resource(title=f"Topic {number}", identity=f"s/topic-{number}")
        for number in range(resources)
    )
    roadmap = Roadmap(
        title="M",
        intro=intro,
        sections=(
            Section(title="S", id="s", intro=intro, resources=listed),
            Section(title="Next", id="next", intro=intro),
        ),
    )
    text = render_readme(roadmap)
    assert road_map_differences(roadmap, import_markdown(text, "R.md").roadmap) == []


@pytest.mark.parametrize(
    "intro",
    [
        '<p align="center"><img src="banner.png" alt="Banner"></p>\n',
        "Text.\n\n<details><summary>More</summary>\n\nHidden [x](https://example.org/x).\n\n"
        "</details>\n",
    ],
)
@pytest.mark.parametrize("resources", [0, 1])
def test_raw_html_of_an_intro_reads_back_as_the_intro(intro: str, resources: int) -> None:
    # Raw HTML is skipped in a README written by hand (badges, banners); above the mark
    # `publisher readme` writes, it is the intro's, as written (it was lost on the way back).
    listed = (Resource(title="A", identity="https://example.org/a", url="https://example.org/a"),)
    roadmap = Roadmap(
        title="M",
        intro=intro,
        sections=(Section(title="S", id="s", intro=intro, resources=listed[:resources]),),
    )
    assert (
        road_map_differences(roadmap, import_markdown(render_readme(roadmap), "R.md").roadmap) == []
    )


def test_a_resources_mark_written_by_hand_ends_the_intro() -> None:
    text = "# M\n\n## S\n\n- Advice one\n- Advice two\n\n<!-- resources -->\n\n- Jupyter\n"
    [section] = import_markdown(text, "R.md").roadmap.sections
    assert section.intro == "- Advice one\n- Advice two\n"
    assert [resource.title for resource in section.resources] == ["Jupyter"]


def test_what_reading_an_intro_list_said_is_void_above_the_resources_mark() -> None:
    # cybr406-references: a link and a syllabus link in the intro, above the mark, read as
    # "course material kept in the description" of a resource that is not one: the intro is
    # text, as written, and nothing was read into anything.
    text = (
        "# M\n\n* A teacher\n* [Chat](https://example.org/chat)\n"
        "* [Syllabus](https://example.org/syllabus.pdf)\n\n<!-- resources -->\n\n"
        "## S\n\n- [Tool](https://example.org/tool)\n"
    )
    result = import_markdown(text, "R.md")
    assert [str(warning) for warning in result.warnings] == []
    assert "[Syllabus]" in result.roadmap.intro


@pytest.mark.parametrize(
    "intro",
    [
        # A tagline that stood above the title (`### 18 Lessons teaching …`), then prose.
        "### 18 Lessons teaching everything\n\n**Version 2** is coming.\n\nLearn the basics.\n",
        # Prose, a sponsor's heading, links as a banner writes them, more prose.
        "A banner.\n\n### Acme, the app for developers\n\n[Get it](https://example.org/acme)<br>\n\n"
        "  [Join](https://example.org/join)\n\nA collection of things.\n",
        # Two headings, the intro ending on the second.
        "### One\n\n#### Two\n",
    ],
)
def test_a_road_map_intro_with_headings_reads_back_as_the_intro(intro: str) -> None:
    # every-programmer-history v4 and generative-ai-for-beginners keep a heading that stood
    # above their title in the intro: written below the title, it read back as one more
    # section (every-programmer: 276 differences, its intro's links one more resource). The
    # intro is now cut after its last heading, the part above written above the title.
    roadmap = Roadmap(
        title="M",
        intro=intro,
        sections=(
            Section(
                title="S",
                id="s",
                resources=(
                    Resource(
                        title="A", identity="https://example.org/a", url="https://example.org/a"
                    ),
                ),
            ),
        ),
    )
    text = render_readme(roadmap)
    assert "\n# M\n" in text
    assert road_map_differences(roadmap, import_markdown(text, "R.md").roadmap) == []


# GitHub-flavoured markdown as far as a README's reader sees it: CommonMark, tables,
# strikethrough (markdown-it-py's GFM-like preset without linkify).
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _shown(inline: Token) -> str:
    """The text a reader sees of an inline token: escapes resolved, markup and HTML left out."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _github_slug(text: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation and emoji out, spaces hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def _anchors(text: str) -> tuple[set[str], set[str]]:
    """(the ids of a markdown document's headings and `<a id>`s, its `#anchor` links)."""
    tokens = GFM.parse(text)
    ids = set(re.findall(r'<a (?:id|name)="([^"]+)"', text))
    seen: dict[str, int] = {}
    for opening, inline in pairwise(tokens):
        if opening.type == "heading_open":
            slug = _github_slug(_shown(inline))
            ids.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
            seen[slug] = seen.get(slug, 0) + 1
    links = {
        unquote(str(child.attrGet("href"))[1:]).lower()
        for token in tokens
        for child in token.children or ()
        if child.type == "link_open" and str(child.attrGet("href") or "").startswith("#")
    }
    return ids, links


def _tables(markdown: str) -> int:
    return sum(token.type == "table_open" for token in GFM.parse(markdown))


def rendering_problems(
    roadmap: Roadmap, source: str | None = None, text: str | None = None
) -> list[str]:
    """What a reader of the readme on GitHub would see wrong: a heading or resource that
    does not show its title as written (a stray escape, markup), a table that no longer
    renders, an `#anchor` link that leads nowhere (of those that led somewhere in
    ``source``, the README imported, when given). ``text``: the readme, when not the one
    `render_readme` writes."""
    text = render_readme(roadmap) if text is None else text
    tokens = GFM.parse(text)
    problems = []
    headings = [
        _shown(inline)
        for opening, inline in pairwise(tokens)
        if opening.type == "heading_open" and opening.level == 0
    ]
    intro_headings = [
        _shown(inline)
        for opening, inline in pairwise(GFM.parse(roadmap.intro))
        if opening.type == "heading_open" and opening.level == 0
    ]
    titles = [*intro_headings, roadmap.title]
    titles += [section.title for _, section in roadmap.walk_sections()]
    if headings != titles:
        problems.append(f"headings show {headings!r}, not {titles!r}")
    bullets = iter(
        _shown(tokens[index + 2])
        for index, token in enumerate(tokens)
        if token.type == "list_item_open"
        and token.level == 1
        and tokens[index + 1].type == "paragraph_open"
    )
    for path, resource in roadmap.walk():
        if resource.title not in bullets:
            problems.append(f"resource {resource.title!r} in {_path(path)} shows as no bullet")
            break
    fields = [roadmap.intro, *(section.intro for _, section in roadmap.walk_sections())]
    fields += [resource.description for _, resource in roadmap.walk()]
    if _tables(text) != sum(_tables(field) for field in fields if field):
        problems.append(f"{_tables(text)} tables render, of {sum(map(_tables, fields))}")
    ids, links = _anchors(text)
    # Of a README imported, the links that led to a heading the road map keeps as a section
    # (a table of contents or a part an excerpt cut is no section: links to it led nowhere).
    sections = {_github_slug(section.title) for _, section in roadmap.walk_sections()}
    working = _anchors(source)[0] & sections if source is not None else links
    problems.extend(f"#{link} leads nowhere" for link in sorted(links - ids) if link in working)
    return problems


@pytest.mark.parametrize("version", VERSIONS, ids=[version.name for version in VERSIONS])
def test_readme_of_a_real_list_renders_as_github_shows_it(version: Version) -> None:
    source = version.markdown.read_text(encoding="utf-8")
    assert rendering_problems(imported(version), source) == []


@pytest.mark.parametrize("name", ["releases/2024.01.yaml", "releases/2024.02.yaml", "roadmap.yaml"])
def test_readme_of_the_project_data_renders_as_github_shows_it(name: str) -> None:
    path = REPOSITORY / "data" / name
    roadmap = load_snapshot(path, release=name.startswith("releases")).roadmap
    assert rendering_problems(roadmap) == []


def test_rendering_problems_are_found() -> None:
    """The check above can fail: a dead anchor, a stray escape, a table gone."""
    roadmap = Roadmap(
        title="M",
        intro="See [the tools](#tools) and [nothing](#nowhere).\n",
        sections=(
            Section(
                title="Tools",
                id="tools",
                intro="| a | b |\n|---|---|\n| 1 | 2 |\n",
                resources=(Resource(title="x", identity="tools/x"),),
            ),
        ),
    )
    assert rendering_problems(roadmap) == ["#nowhere leads nowhere"]
    assert rendering_problems(roadmap, source="# M\n\n## Tools\n\n## Nowhere\n") == []
    assert rendering_problems(roadmap, text="# M\n\n## T\\\\ools\n\n- \\\\x\n") == [
        "headings show ['M', 'T\\\\ools'], not ['M', 'Tools']",
        "resource 'x' in Tools shows as no bullet",
        "0 tables render, of 1",
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps())
def test_readme_of_any_road_map_renders_as_github_shows_it(roadmap: Roadmap) -> None:
    assert rendering_problems(roadmap) == []
