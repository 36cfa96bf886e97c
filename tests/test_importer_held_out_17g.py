"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
the lists session 17's heldG held out: tests/fixtures/held-out-pending/ and those moved from
there into tests/fixtures/real/)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read

ICON = '<td><img src="https://example.org/icon.png" alt="Icon" width="64" /></td>'


def test_an_html_row_names_one_resource_its_description_cell_mentions_others() -> None:
    # deepseek-integrations-html: each row an icon cell, a cell holding only the item's
    # link, then a description cell that may open with a link of its own ('<a>Raycast</a> is
    # a productivity tool…', the maker's site) or hold an HTML list of features. The
    # description cell's link was read as a second resource of the row, its list items as
    # resources without URL.
    result = read(
        "# Knots\n\n### Tools\n\n<table>\n"
        f"    <tr>\n        {ICON}\n"
        '        <td> <a href="https://example.org/knotter">Knotter</a> </td>\n'
        "        <td> A knot viewer for the desktop. </td>\n    </tr>\n"
        f"    <tr>\n        {ICON}\n"
        '        <td> <a href="docs/ropebot/README.md">Ropebot</a></td>\n'
        '        <td> <a href="https://ropebot.example.org/">Ropebot</a> ties knots from '
        'a chat, with <a href="https://example.org/lib">a library</a> of bends.</td>\n'
        "    </tr>\n"
        f"    <tr>\n        {ICON}\n"
        '        <td> <a href="https://example.org/splicer">Splicer</a></td>\n'
        "        <td>\n            Splices rope ends:\n            <ul>\n"
        "                <li>Eye splice</li>\n                <li>Back splice</li>\n"
        "            </ul>\n        </td>\n    </tr>\n</table>\n",
        base_url="https://example.org/repo/blob/main/",
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Tools",), "Knotter", "https://example.org/knotter"),
        (("Tools",), "Ropebot", "https://example.org/repo/blob/main/docs/ropebot/README.md"),
        (("Tools",), "Splicer", "https://example.org/splicer"),
    ]
    knotter, ropebot, splicer = result.roadmap.sections[0].resources
    assert knotter.description.strip() == "A knot viewer for the desktop."
    assert "ties knots from a chat" in ropebot.description
    assert "Eye splice" in splicer.description
    assert not messages(result)


def test_a_grid_of_linked_cells_with_words_keeps_each_cell() -> None:
    # The rule above is for a row whose item is a cell holding only its link: in a grid of
    # cells each a link and its words, every cell is still a resource.
    result = read(
        "# Knots\n\n## Books\n\n<table>\n<tr>\n"
        '<td><a href="https://example.org/ashley">Ashley</a> - the big book</td>\n'
        '<td><a href="https://example.org/sea">Knots at Sea</a> - for sailors</td>\n'
        "</tr>\n</table>\n",
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Books",), "Ashley", "https://example.org/ashley"),
        (("Books",), "Knots at Sea", "https://example.org/sea"),
    ]


def test_html_cells_outside_an_opened_row_are_a_row_of_their_own() -> None:
    # deepseek-integrations-html: rows written carelessly, as a browser still shows them: one
    # opening with '</tr>' instead of '<tr>', one whose '<tr>' opened another '<tr>' (a row
    # spread over many lines) and whose own cells follow that row's '</tr>', one with no
    # '<tr>' at all. Their cells were outside every '<tr>…</tr>' the reading looked for:
    # dropped in silence.
    result = read(
        "# Knots\n\n### Tools\n\n<table>\n"
        f"    <tr>\n        {ICON}\n"
        '        <td> <a href="https://example.org/a">Alpha</a> </td>\n'
        "        <td> First. </td>\n    </tr>\n"
        f'    </tr> {ICON} <td> <a href="https://example.org/b">Bravo</a></td> '
        "<td> Second.</td>\n    </tr>\n"
        '    <tr>\n        <tr>\n  <td>\n    <img\n      src="https://example.org/c.png"\n'
        '      alt="Charlie"\n    />\n  </td>\n  <td>\n'
        '    <a href="https://example.org/c">Charlie</a>\n  </td>\n'
        "  <td>\n    Third, over\n    two lines.\n  </td>\n</tr>\n"
        f"        {ICON}\n"
        '        <td> <a href="https://example.org/d">Delta</a> </td>\n'
        "        <td> Fourth.</td>\n    </tr>\n"
        f"     <tr>\n        {ICON}\n"
        '        <td> <a href="https://example.org/e">Echo</a> </td>\n'
        "        <td> Fifth.</td>\n     </tr>\n"
        f"        {ICON}\n"
        '        <td> <a href="https://example.org/f">Foxtrot</a> </td>\n'
        "        <td> Sixth.</td>\n    </tr>\n</table>\n",
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Tools",), "Alpha", "https://example.org/a"),
        (("Tools",), "Bravo", "https://example.org/b"),
        (("Tools",), "Charlie", "https://example.org/c"),
        (("Tools",), "Delta", "https://example.org/d"),
        (("Tools",), "Echo", "https://example.org/e"),
        (("Tools",), "Foxtrot", "https://example.org/f"),
    ]
    assert [resource.description.strip() for resource in result.roadmap.sections[0].resources] == [
        "First.",
        "Second.",
        "Third, over two lines.",
        "Fourth.",
        "Fifth.",
        "Sixth.",
    ]
    # One warning each for the three rows read without their '<tr>', at their first cell.
    assert [message.split(": ", 1)[0] for message in messages(result)] == [
        "road.md:11",
        "road.md:29",
        "road.md:38",
    ]
    assert all("outside a <tr>" in message for message in messages(result))


def test_a_bullet_opening_with_a_tip_is_a_remark_not_a_resource() -> None:
    # dotfiles-author-links: under 'Also see:' link bullets, '- Tip: search for a filename on
    # GitHub, e.g. [in:path .gitconfig](…).', advice whose link is an example search, was
    # read as a resource named in a sentence. A bullet led by a remark's label ('Tip:',
    # 'Note:', 'Hint:') is the author's remark: kept with the item above, with a warning.
    result = read(
        "# Knots\n\n## Find more knots\n\n"
        "- [Knot index](https://example.org/index)\n"
        "- [Rope forum](https://example.org/forum)\n"
        "- Tip: search the forum for a name, e.g.\n"
        "  [in:name bowline](https://example.org/forum?q=in%3Aname+bowline).\n"
        "- Note: the [old index](https://example.org/old) is gone.\n\n"
        "## Books\n\n"
        # A sentence naming its resource without such a label: as before, a resource.
        "- [Ashley Book](https://example.org/ashley)\n"
        "- O'Reilly's [Knots in Practice](https://example.org/practice) is good too\n"
    )
    assert listed(result.roadmap) == [
        (("Find more knots",), "Knot index", "https://example.org/index"),
        (("Find more knots",), "Rope forum", "https://example.org/forum"),
        (("Books",), "Ashley Book", "https://example.org/ashley"),
        (("Books",), "Knots in Practice", "https://example.org/practice"),
    ]
    forum = result.roadmap.sections[0].resources[1]
    assert "search the forum for a name" in forum.description
    assert "old index" in forum.description
    said = messages(result)
    assert [message.split(": ", 1)[0] for message in said if "remark" in message] == [
        "road.md:7",
        "road.md:9",
    ]


def _card(github: str, website: str, license_cell: str = "MIT") -> str:
    return (
        "<table>\n"
        f'<tr><th align="left">GitHub</th><td>{github}</td></tr>\n'
        f'<tr><th align="left">Website</th><td>{website}</td></tr>\n'
        f'<tr><th align="left">License</th><td>{license_cell}</td></tr>\n'
        '<tr><th align="left">Platforms</th><td>Windows, Linux</td></tr>\n'
        "</table>\n\n"
    )


def test_a_heading_over_an_html_table_of_facts_is_the_thing_at_its_address() -> None:
    # mcp-clients-showcase: a showcase, each project a '###' heading over an HTML table of
    # facts whose GitHub and Website cells give addresses written out (no link), then a
    # paragraph on it, feature bullets, screenshots folded in <details> (a video's bare URL
    # among them). No project was read: the tables skipped as raw HTML, the headings
    # sections, a screenshot's URL read as a project.
    result = read(
        "# Knot Tools\n\n## Community\n\n* [Knot forum](https://example.org/forum)\n\n"
        "## Tools\n\n"
        "### Knotter\n\n"
        + _card("https://example.org/git/knotter", "https://knotter.example.org/")
        + "Knotter draws knots on the desktop.\n\n"
        "<details>\n<summary>Screenshots</summary>\n\n"
        "https://example.org/assets/knotter-demo\n\n</details>\n\n"
        "### Ropebot\n"
        + _card("-", "https://ropebot.example.org")
        + "A chat bot that ties knots.\n\n"
        "- Bends\n- Hitches\n- Loops\n\n"
        "### Splicer\n\n"
        + _card(
            "https://example.org/git/splicer",
            "-",
            '<a href="https://example.org/git/splicer/LICENSE">GPL</a>',
        )
        + "Splices rope ends.\n\n"
        "<details>\n<summary>Screenshots</summary>\n\n"
        "![](./screenshots/splicer.png)\n\n</details>\n"
    )
    assert listed(result.roadmap) == [
        (("Community",), "Knot forum", "https://example.org/forum"),
        (("Tools",), "Knotter", "https://example.org/git/knotter"),
        (("Tools",), "Ropebot", "https://ropebot.example.org"),
        (("Tools",), "Splicer", "https://example.org/git/splicer"),
    ]
    knotter, ropebot, splicer = result.roadmap.sections[1].resources
    assert knotter.description.startswith(
        "GitHub: <https://example.org/git/knotter> · Website: <https://knotter.example.org/>"
        " · License: MIT · Platforms: Windows, Linux\n\nKnotter draws knots on the desktop."
    )
    assert "<table>" not in knotter.description
    assert ropebot.description.startswith("Website: <https://ropebot.example.org> · License")
    assert "- Hitches" in ropebot.description
    assert "[GPL](https://example.org/git/splicer/LICENSE)" in splicer.description
    assert [message.split(": ", 1)[0] for message in messages(result)] == [
        "road.md:11",
        "road.md:28",
        "road.md:43",
    ]


def test_an_html_table_of_facts_without_an_address_is_no_link() -> None:
    # A table of facts none of whose rows gives an address (a spec sheet): the heading is
    # read as before, its table raw HTML.
    result = read(
        "# Knots\n\n## Bowline\n\n<table>\n<tr><th>Strength</th><td>70%</td></tr>\n"
        "<tr><th>Slips</th><td>No</td></tr>\n</table>\n\n"
        "- [Bowline on a bight](https://example.org/bight)\n"
    )
    assert listed(result.roadmap) == [
        (("Bowline",), "Bowline on a bight", "https://example.org/bight"),
    ]
    assert not [message for message in messages(result) if "table of facts" in message]
