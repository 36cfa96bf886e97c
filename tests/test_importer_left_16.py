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
