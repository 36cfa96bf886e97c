"""publisher import: defects and duplicates left by session 15, found in session 16 (examples
invented; each test names the shape it reads)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from test_git_history import Repository, run
from test_importer_shapes import listed, messages, read

from publisher.importer import github_repository, import_markdown
from publisher.load import load_snapshot
from publisher.readme import render_readme


def test_a_description_kept_as_the_sources_lines_has_no_hard_break_marks() -> None:
    # Descriptions kept as the source's own lines (a linked heading's paragraphs and quote, an
    # item's further paragraph) kept a hard break's marks: two spaces or a backslash ending a
    # line, so a description ended by '  ' or '\' and a break inside it was written back as
    # such. A break inside is a line break, one ending a paragraph nothing, a line of a lone
    # backslash goes; a code block keeps its lines as written (a shell line's backslash).
    result = read(
        "# Shore\n\n## Tools\n\n"
        "### [Kelp](https://kelp.example.org)  \nA sorter of weeds.  \n\n"
        "### [Gull](https://gull.example.org)\n\n> A counter of gulls.  \n> Counts terns.\\\n\n"
        "### [Tern](https://tern.example.org)\n\n"
        "A tern counter.\\\nSecond line.  \nThird, two escaped backslashes: \\\\\n\n"
        "```sh\ntern --count \\\n  --all  \n```\n\nLast words.\\\n\n"
        "### [Dune](https://dune.example.org)\n\nWalks.\n\\\nOn sand.  \n\n"
        "## Lists\n\n"
        "- [Brine](https://brine.example.org) - salt guide\n\n"
        "  A further paragraph. \n  Its second line.  \n\n"
        "- [Reef](https://reef.example.org) - reef guide\n\n  More words.\\\n"
    )
    descriptions = {resource.title: resource.description for _, resource in result.roadmap.walk()}
    assert descriptions == {
        "Kelp": "A sorter of weeds.\n",
        "Gull": "> A counter of gulls.\n> Counts terns.\n",
        "Tern": "A tern counter.\nSecond line.\nThird, two escaped backslashes: \\\\\n\n"
        "```sh\ntern --count \\\n  --all  \n```\n\nLast words.\n",
        "Dune": "Walks.\nOn sand.\n",
        "Brine": "salt guide\n\nA further paragraph. \nIts second line.\n",
        "Reef": "reef guide\n\nMore words.\n",
    }


def test_a_credit_joined_to_the_link_by_a_mark_is_the_author() -> None:
    # `[Title](…), by D. Author`, `— by A. Author`, `- by A and B`, a credit after a
    # full-width comma, a name set in bold or a link: the people go to the author field, as
    # `[Title](…) by Name` already read, not the description. Words that only start with "by"
    # stay the description.
    result = read(
        "# Shore\n\n## Books\n\n"
        "- [Gull](https://gull.example.org), by D. Author\n"
        "- [Kelp](https://kelp.example.org) \u2014 by A. Author\n"
        "- [Tern](https://tern.example.org) - by Ada Brook and Ivo Tern\n"
        "- [Reef](https://reef.example.org), by Ada Brook - a reef guide\n"
        "- [Salt](https://salt.example.org) \u2013 by Ivo Tern & Ada Brook. A salt primer.\n"
        "- **[Moss](https://moss.example.org)**, by D. Author\n"
        "- [沙丘](https://sand.example.org)\uff0cby 某作者\n"
        "- [Kite](https://kite.example.org) by **Ada Brook**\n"
        "- [Dune](https://dune.example.org) - by [Ivo Tern](https://ivo.example.org).\n"
        "- [Cove](https://cove.example.org) - by far the best guide\n"
        "- [Bay](https://bay.example.org), by example: a guide\n"
        "- [Pier](https://pier.example.org) - by **far** the best\n"
    )
    read_back = {
        resource.title: (
            resource.author.name if resource.author else "",
            resource.author.url if resource.author else "",
            resource.description,
        )
        for _, resource in result.roadmap.walk()
    }
    assert read_back == {
        "Gull": ("D. Author", "", ""),
        "Kelp": ("A. Author", "", ""),
        "Tern": ("Ada Brook and Ivo Tern", "", ""),
        "Reef": ("Ada Brook", "", "a reef guide\n"),
        "Salt": ("Ivo Tern & Ada Brook", "", "A salt primer.\n"),
        "Moss": ("D. Author", "", ""),
        "沙丘": ("某作者", "", ""),
        "Kite": ("Ada Brook", "", ""),
        "Dune": ("Ivo Tern", "https://ivo.example.org", ""),
        "Cove": ("", "", "by far the best guide\n"),
        "Bay": ("", "", "by example: a guide\n"),
        "Pier": ("", "", "by **far** the best\n"),
    }


def test_a_section_of_an_intro_over_one_resource_reads_back_from_publisher_readme() -> None:
    # A section whose intro is over a single resource with no description, named as the
    # section (`### Gull Watching` over `[Gull Watching, Part I](…)`, its credit read as its
    # author): `publisher readme` wrote its heading with no anchor, and read back the heading
    # was a resource (its intro the description, the resource's link the one primary link).
    read_first = read(
        "# Talks\n\n## Tools\n\n- [Kelp](https://kelp.example.org) - a kelp guide\n\n"
        "### Gull Watching (or, Counting)\n\n"
        "This talk has two parts. Take a short break after the first one.\n\n"
        "- [Gull Watching (or, Counting), Part I](https://gull.example.org) by **Ivo Tern**\n"
        "- [Gull Watching (or, Counting), Part II](https://gull.example.org/2) by **Ivo Tern**\n\n"
        "## Other\n\n- [Tern](https://tern.example.org) - a tern guide\n"
    ).roadmap
    tools = read_first.sections[0]
    talk = replace(tools.sections[0], resources=tools.sections[0].resources[:1])
    roadmap = replace(
        read_first, sections=(replace(tools, sections=(talk,)), *read_first.sections[1:])
    )
    assert (
        listed(read(render_readme(roadmap)).roadmap)
        == listed(roadmap)
        == [
            (("Tools",), "Kelp", "https://kelp.example.org"),
            (
                ("Tools", "Gull Watching (or, Counting)"),
                "Gull Watching (or, Counting), Part I",
                "https://gull.example.org",
            ),
            (("Other",), "Tern", "https://tern.example.org"),
        ]
    )


# A list of links into sections of a repository's pages other than its front page, each
# named as its section: the README's own contents where that repository is its own, another
# list's sections where it is not (`import_markdown`'s ``repository``, or its base URL's).
_PAGES_LIST = (
    "# Shore\n\n## Elsewhere\n\n"
    "- [Testing](https://github.com/kelp/awesome-shore/blob/main/docs/tools.md#testing)\n"
    "- [Web](https://github.com/kelp/awesome-shore/blob/main/docs/tools.md#web)\n"
    "- [Tide Tables](https://github.com/kelp/awesome-shore/tree/master/data#tide-tables)\n\n"
    "## Tools\n\n- [Gull](https://gull.example.org) - a counter of gulls\n"
)


@pytest.mark.parametrize(
    ("options", "elsewhere"),
    [
        pytest.param({}, [], id="no-repository-known-read-by-the-shape-as-contents"),
        pytest.param(
            {"repository": "me/shore-list"},
            ["Testing", "Web", "Tide Tables"],
            id="another-repositorys-pages-are-resources",
        ),
        pytest.param(
            {"base_url": "https://github.com/me/shore-list/blob/main/"},
            ["Testing", "Web", "Tide Tables"],
            id="the-repository-of-the-base-url",
        ),
        pytest.param(
            {"repository": "Kelp/Awesome-Shore"}, [], id="the-readmes-own-pages-are-contents"
        ),
    ],
)
def test_links_into_another_repositorys_pages_are_no_table_of_contents(
    options: dict[str, str], elsewhere: list[str]
) -> None:
    result = import_markdown(_PAGES_LIST, "road.md", **options)
    assert [title for path, title, _ in listed(result.roadmap) if path == ("Elsewhere",)] == (
        elsewhere
    )
    assert [title for path, title, _ in listed(result.roadmap) if path == ("Tools",)] == ["Gull"]
    contents = [message for message in messages(result) if "table of contents" in message]
    assert len(contents) == (0 if elsewhere else 1)


def test_the_readmes_own_front_page_sections_are_its_contents_where_its_repository_is_known() -> (
    None
):
    # Its own contents written as absolute links into its front page's sections: read by the
    # shape alone (no repository known) they may be another list's sections.
    markdown = (
        "# Shore\n\n## At a glance\n\n"
        "- [Tools](https://github.com/me/shore-list#tools)\n"
        "- [Data](https://github.com/me/shore-list/blob/main/README.md#data)\n"
        "- [Talks](https://github.com/me/shore-list#talks)\n\n"
        "## Tools\n\n- [Gull](https://gull.example.org) - a counter of gulls\n"
    )
    known = import_markdown(markdown, "road.md", repository="me/shore-list")
    assert [title for _, title, _ in listed(known.roadmap)] == ["Gull"]
    unknown = import_markdown(markdown, "road.md")
    assert [title for _, title, _ in listed(unknown.roadmap)] == ["Tools", "Data", "Talks", "Gull"]


@pytest.mark.parametrize(
    ("address", "repository"),
    [
        ("https://github.com/me/shore-list/blob/main/", "me/shore-list"),
        ("https://github.com/me/shore-list", "me/shore-list"),
        ("git@github.com:me/shore-list.git", "me/shore-list"),
        ("ssh://git@github.com/me/shore.list.git", "me/shore.list"),
        ("https://gitlab.com/me/shore-list", ""),
        ("https://example.org/list/", ""),
        ("", ""),
    ],
)
def test_the_github_repository_an_address_is_in(address: str, repository: str) -> None:
    assert github_repository(address) == repository


@pytest.mark.parametrize(
    ("remote", "elsewhere"),
    [
        pytest.param("git@github.com:me/shore-list.git", 3, id="its-remote-is-another-repository"),
        pytest.param("https://github.com/kelp/awesome-shore.git", 0, id="its-remote-is-the-same"),
        pytest.param("", 0, id="no-remote-read-by-the-shape"),
    ],
)
def test_import_history_knows_the_readmes_repository_by_its_remote(
    tmp_path: Path, remote: str, elsewhere: int
) -> None:
    repo = Repository(tmp_path / "shore-list")
    repo.commit("README.md", _PAGES_LIST, "Start", "2024-05-01T09:00:00Z")
    if remote:
        repo.git("remote", "add", "origin", remote)
    out = tmp_path / "out"
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 0, output
    (release,) = sorted(out.glob("*.yaml"))
    sections = [path[-1].title for path, _ in load_snapshot(release).roadmap.walk()]
    assert sections.count("Elsewhere") == elsewhere
    assert sections.count("Tools") == 1


def test_an_intro_kept_as_the_sources_lines_has_no_hard_break_marks() -> None:
    # The document's and a section's intro (a quote, a paragraph under a heading) kept a
    # hard break's marks as the descriptions did: a break inside is a line break, one ending
    # a paragraph nothing; code is kept as written.
    result = read(
        "# Shore\n\nA list of shore tools.  \nKept by the tide people.\\\n\n"
        "## Tools\n\n> Tools for the shore.  \n> Mostly free.  \n\n"
        "```sh\ngull --count \\\n  --all\n```\n\n"
        "- [Gull](https://gull.example.org) - a counter of gulls\n"
    )
    assert result.roadmap.intro == "A list of shore tools.\nKept by the tide people.\n"
    assert result.roadmap.sections[0].intro == (
        "> Tools for the shore.\n> Mostly free.\n\n```sh\ngull --count \\\n  --all\n```\n"
    )
