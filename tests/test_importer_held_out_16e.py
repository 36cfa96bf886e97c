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
