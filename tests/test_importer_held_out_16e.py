"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
the lists session 16's heldE held out: tests/fixtures/held-out-pending/ and those moved from
there into tests/fixtures/real/)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read


def test_paragraphs_of_a_kind_in_emphasis_then_a_link_are_resources() -> None:
    # zulip-reading-list-refs: a reading list written without bullets, each item a paragraph:
    # the kind in emphasis, a dash, the link ('*Video* - [Title][]', its address on a
    # definition line below; the same written inline), a note after it at most ('*(Not
    # free!)*'). All were dropped in silence but the bare '[Title][]' paragraphs.
    result = read(
        "# Knots\n\n## Books and talks\n\n"
        "*Book* - [The Ashley Book of Knots][] *(Not free!)*\n\n"
        "[The Ashley Book of Knots]: https://example.org/ashley\n\n"
        "*Video* - [Tying the Bowline][bowline]\n\n"
        "*Guide* - [Splicing Rope](https://example.org/splice)\n\n"
        "**Article**: [Whipping a Rope End][1]\n\n"
        "*Book* [Knots at Sea][] (*Not free!*)\n\n"
        "[bowline]: https://example.org/bowline\n"
        "[1]: https://example.org/whipping\n"
        "[Knots at Sea]: https://example.org/sea\n\n"
        "## Clubs\n\n"
        "[Rope Club][]\n\n"
        "[Rope Club]: https://example.org/club\n\n"
        "[Sailing Club][]\n\n"
        "[Sailing Club]: https://example.org/sailing\n"
    )
    assert listed(result.roadmap) == [
        (("Books and talks",), "The Ashley Book of Knots", "https://example.org/ashley"),
        (("Books and talks",), "Tying the Bowline", "https://example.org/bowline"),
        (("Books and talks",), "Splicing Rope", "https://example.org/splice"),
        (("Books and talks",), "Whipping a Rope End", "https://example.org/whipping"),
        (("Books and talks",), "Knots at Sea", "https://example.org/sea"),
        (("Clubs",), "Rope Club", "https://example.org/club"),
        (("Clubs",), "Sailing Club", "https://example.org/sailing"),
    ]
    resources = result.roadmap.sections[0].resources
    assert [resource.kind for resource in resources] == ["book", "video", "", "article", "book"]
    assert resources[0].description.strip() == "*(Not free!)*"
    assert not messages(result)


def test_a_label_in_emphasis_before_a_link_named_by_where_it_leads_is_the_name() -> None:
    # The label reading above is for a link with a title of its own: where the link only
    # says where it leads ('**Tide Tables** - [GitHub](…)'), the label names the resource,
    # as before.
    result = read(
        "# Knots\n\n## Tools\n\n"
        "- **Tide Tables** - [GitHub](https://example.org/tides)\n"
        "- **Knot Finder** - [Website](https://example.org/finder)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == ["Tide Tables", "Knot Finder"]


def test_links_under_a_resource_naming_only_its_material_are_its_description() -> None:
    # frontend-dev-bookmarks-nested, ml-for-software-engineers-path: under a resource, bullets
    # whose link only names a copy or material of it ('[GitHub](…)', '[Video](…) +
    # [Slides](…)', '[GitHub repository(R)](…)') beside articles of their own; each was read
    # as a resource titled 'GitHub' or 'Video'. They are the resource's material, kept in its
    # description with a warning; the articles stay resources. Under a resource whose nested
    # links are all such material, the same (as a course's '[Lecture Videos](…)' are).
    result = read(
        "# Knots\n\n## Knots\n\n"
        "- [Bowline](https://example.org/bowline) - a fixed loop\n"
        "    - [GitHub](https://github.com/example/bowline)\n"
        "    - [Video](https://example.org/bowline-video) + [Slides](https://example.org/bs)\n"
        "    - [The Bowline at Sea](https://example.org/bowline-at-sea)\n"
        "- [The Knot Book](https://example.org/knot-book)\n"
        "    - [GitHub repository(R)](https://github.com/example/knots-r)\n"
        "    - [GitHub repository(Python)](https://github.com/example/knots-py)\n"
        "    - [Videos](https://example.org/knot-videos)\n"
        "- [Clove Hitch](https://example.org/clove)\n"
    )
    assert listed(result.roadmap) == [
        (("Knots",), "Bowline", "https://example.org/bowline"),
        (("Knots",), "The Bowline at Sea", "https://example.org/bowline-at-sea"),
        (("Knots",), "The Knot Book", "https://example.org/knot-book"),
        (("Knots",), "Clove Hitch", "https://example.org/clove"),
    ]
    bowline, _, book, _ = result.roadmap.sections[0].resources
    assert "https://github.com/example/bowline" in bowline.description
    assert "https://example.org/bs" in bowline.description
    assert "https://github.com/example/knots-py" in book.description
    assert [message.split(": ", 1)[0] for message in messages(result)] == [
        "road.md:6",
        "road.md:7",
    ]


def test_plain_names_under_a_paragraph_marked_as_what_not_to_use_are_no_resources() -> None:
    # awesome-privacy-avoid: each section pairs '⛔ **Avoid**' over plain names (a
    # Terms-of-Service badge after some) with '✅ **Instead use**' over link bullets; the
    # names to avoid were read as resources without a link. They are the paragraph's text,
    # with a warning; plain names under any other paragraph stay resources, as before.
    result = read(
        "# Ropes\n\n## Knot apps\n\n"
        "\u26d4 **Avoid**\n"
        "- Knotty Pro\n"
        "- Rope Tracker [![](https://example.org/badge.svg)](https://example.org/terms/1)\n\n"
        "\u2705 **Instead use**\n"
        "- [Open Knots](https://example.org/open-knots) - free and open\n"
        "- [Hitch](https://example.org/hitch) - a knot diary\n\n"
        "## Rope makers\n\n"
        "\u2705 **Recommended**\n"
        "- Marlow\n"
        "- English Braids\n"
    )
    assert listed(result.roadmap) == [
        (("Knot apps",), "Open Knots", "https://example.org/open-knots"),
        (("Knot apps",), "Hitch", "https://example.org/hitch"),
        (("Rope makers",), "Marlow", ""),
        (("Rope makers",), "English Braids", ""),
    ]
    assert "Knotty Pro" in result.roadmap.sections[0].intro
    assert [message.split(": ", 1)[0] for message in messages(result)] == ["road.md:6"]


def test_a_first_level_heading_the_contents_list_beside_second_level_ones_is_their_peer() -> None:
    # ml-for-software-engineers-path: a study plan whose contents list every subject at one
    # level, one of them written '# Motivation' among '##' subjects; every subject after it
    # was filed under it ('Motivation', 'Practical Books'). Where the contents nest the
    # headings under it, or list no heading after it, it stays their parent.
    plan = (
        "# Knot Plan\n\n## Contents\n\n"
        "- [Why](#why)\n- [Basics](#basics)\n- [Loops](#loops)\n- [Hitches](#hitches)\n\n"
        "## Why\n\nBecause.\n\n"
        "# Basics\n- [ ] [Overhand](https://example.org/overhand)\n\n"
        "## Loops\n- [ ] [Bowline](https://example.org/bowline)\n\n"
        "## Hitches\n- [ ] [Clove Hitch](https://example.org/clove)\n"
    )
    result = read(plan)
    assert listed(result.roadmap) == [
        (("Basics",), "Overhand", "https://example.org/overhand"),
        (("Loops",), "Bowline", "https://example.org/bowline"),
        (("Hitches",), "Clove Hitch", "https://example.org/clove"),
    ]
    assert next(m for m in messages(result) if "level-1 heading 'Basics'" in m).startswith(
        "road.md:14:"
    )
    nested = plan.replace(
        "- [Loops](#loops)\n- [Hitches](#hitches)", "  - [Loops](#loops)\n  - [Hitches](#hitches)"
    )
    assert [path for path, _, _ in listed(read(nested).roadmap)] == [
        ("Basics",),
        ("Basics", "Loops"),
        ("Basics", "Hitches"),
    ]
    # Two level-1 headings after the title are the document's parts, their '##' chapters
    # under them, however flat the contents list them (the review of session 16).
    parts = (
        "# Knot Book\n\n## Contents\n\n"
        "- [Part One](#part-one)\n- [Loops](#loops)\n- [Bends](#bends)\n"
        "- [Part Two](#part-two)\n- [Hitches](#hitches)\n\n"
        "# Part One\n\n## Loops\n- [Bowline](https://example.org/bowline)\n\n"
        "## Bends\n- [Sheet Bend](https://example.org/sheet)\n\n"
        "# Part Two\n\n## Hitches\n- [Clove Hitch](https://example.org/clove)\n"
    )
    result = read(parts)
    assert [path for path, _, _ in listed(result.roadmap)] == [
        ("Part One", "Loops"),
        ("Part One", "Bends"),
        ("Part Two", "Hitches"),
    ]
    assert not [m for m in messages(result) if "level-1 heading" in m]


def test_a_plain_bullet_over_links_naming_only_its_copies_is_one_resource() -> None:
    # ml-for-software-engineers-path: '- [ ] How to become a Data Scientist in 6 months' over
    # '- [Video](…)' and '- [Slide](…)': a talk without a link of its own, its copies under
    # it; read as a subsection named by the talk holding the talk and a resource 'Slide'.
    result = read(
        "# Knots\n\n## Talks\n\n"
        "- [ ] [Knots in Space](https://example.org/space)\n"
        "- [ ] Tying Knots Underwater\n"
        "    - [Video](https://example.org/underwater-video)\n"
        "    - [Slide](https://example.org/underwater-slides)\n"
        "- [ ] [Knots at Night](https://example.org/night)\n"
    )
    assert listed(result.roadmap) == [
        (("Talks",), "Knots in Space", "https://example.org/space"),
        (("Talks",), "Tying Knots Underwater", "https://example.org/underwater-video"),
        (("Talks",), "Knots at Night", "https://example.org/night"),
    ]
    talk = result.roadmap.sections[0].resources[1]
    assert "https://example.org/underwater-slides" in talk.description
    assert [message.split(": ", 1)[0] for message in messages(result)] == ["road.md:6"]


def test_how_to_use_the_list_is_a_meta_section() -> None:
    # ml-for-software-engineers-path: '## How to use it' (tackle the items in order; check
    # them off: a task-list example and a link on GitHub's markdown) was read as a course at
    # that link, filed under the section before it. It is about the list, not part of it.
    result = read(
        "# Knots\n\n## Why\n\nBecause:\n- [Why knots matter](https://example.org/why)\n\n"
        "## How to use it\nTackle the items in order.\n\n"
        "Use task lists to check progress.\n\n"
        "- [x] Check an item like this: [x]\n\n"
        "[More about task lists](https://example.org/task-lists)\n\n"
        "## Follow me\nMe.\n\n- Twitter: [@knotter](https://example.org/knotter)\n\n"
        "## Loops\n- [ ] [Bowline](https://example.org/bowline)\n"
        "- [ ] [Sheet Bend](https://example.org/sheet-bend)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Why knots matter",
        "Bowline",
        "Sheet Bend",
    ]
    assert any("'How to use it' skipped" in message for message in messages(result))
