"""publisher import: defects and duplicates left by session 15, found in session 16 (examples
invented; each test names the shape it reads)."""

from __future__ import annotations

from dataclasses import replace

from test_importer_shapes import listed, read

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
