"""publisher import: defects and duplicates left by session 15, found in session 16 (examples
invented; each test names the shape it reads)."""

from __future__ import annotations

from test_importer_shapes import read


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
