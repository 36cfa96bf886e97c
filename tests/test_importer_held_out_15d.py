"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
the lists session 15's heldD added to tests/fixtures/)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read

BASE = "https://example.org/knots/blob/main/"


def test_a_short_code_span_before_an_items_link_is_a_mark_not_a_sentence() -> None:
    # javascript-algorithms-relative: '* `B` [Linked List](src/…)', each bullet's level in a
    # code span before its link; read as a resource named in a sentence (a warning each),
    # and the bullets nested under one such item lost in its description.
    result = read(
        "# Knots\n\n## Knots\n\n"
        "* `B` [Reef Knot](knots/reef) - joins two ropes\n"
        "* `A` [Bowline](knots/bowline)\n"
        "  * `A` [Running Bowline](knots/bowline/running) - a noose\n"
        "  * `B` [Water Bowline](knots/bowline/water)\n"
        "* `B` [Clove Hitch](knots/clove-hitch)\n\n"
        # A command in a code span, a dash, then the link: as before (one resource each).
        "## Tools\n\n"
        "* `brew install knotctl` - [knotctl](https://example.org/knotctl)\n"
        "* `pip install ropes` - [ropes](https://example.org/ropes)\n",
        base_url=BASE,
    )
    assert listed(result.roadmap) == [
        (("Knots",), "Reef Knot", BASE + "knots/reef"),
        (("Knots",), "Bowline", BASE + "knots/bowline"),
        (("Knots",), "Running Bowline", BASE + "knots/bowline/running"),
        (("Knots",), "Water Bowline", BASE + "knots/bowline/water"),
        (("Knots",), "Clove Hitch", BASE + "knots/clove-hitch"),
        (("Tools",), "knotctl", "https://example.org/knotctl"),
        (("Tools",), "ropes", "https://example.org/ropes"),
    ]
    reef = result.roadmap.sections[0].resources[0]
    assert reef.tags == ("B",)
    assert reef.description.strip() == "joins two ropes"
    assert not [message for message in messages(result) if "road.md:5:" in message]


def test_bold_labels_with_words_over_nested_links_are_subsections() -> None:
    # javascript-algorithms-relative: under '### Algorithms by Paradigm' each bullet a bold
    # paradigm, a dash and what it does ('* **Greedy** - choose the best option …') over its
    # algorithms' link bullets, one paradigm with none ('**Branch & Bound** - …'): the whole
    # list was kept as the heading's intro, in silence.
    result = read(
        "# Knots\n\n## By use\n\n"
        "* **Joining** - tie two ropes together, end to end\n"
        "  * [Reef Knot](https://example.org/reef)\n"
        "  * [Sheet Bend](https://example.org/sheet-bend) - ropes of two sizes\n"
        "* **Loops** - make a fixed loop at the end of a line, one that does not slip\n"
        "or jam under load.\n"
        "  * [Bowline](https://example.org/bowline)\n"
        "* **Stoppers** - keep a rope from running out of a hole, block or device, a\n"
        "knot tied at its end that nothing else listed here needs.\n"
    )
    assert listed(result.roadmap) == [
        (("By use", "Joining"), "Reef Knot", "https://example.org/reef"),
        (("By use", "Joining"), "Sheet Bend", "https://example.org/sheet-bend"),
        (("By use", "Loops"), "Bowline", "https://example.org/bowline"),
    ]
    use = result.roadmap.sections[0]
    assert [section.title for section in use.sections] == ["Joining", "Loops", "Stoppers"]
    assert use.sections[0].intro.strip() == "tie two ropes together, end to end"
    assert "keep a rope from running out" in use.sections[2].intro
    assert [message.split(": ", 1)[0] for message in messages(result)] == [
        "road.md:5",
        "road.md:8",
        "road.md:11",
    ]


def test_a_long_title_before_its_copies_each_in_brackets_is_a_resource() -> None:
    # education-uk: '1) Herbert Schildt — Java: The Complete Reference: Edition 9 ([англ
    # (2014)](…)) ([код](…))', a book's authors and title, then its copies
    # each a link in brackets of its own naming its language or what it is. More than eight
    # words before the first link made the item no resource; a list of such items and one
    # link bullet was kept as text, in silence.
    result = read(
        "# Книги\n\n## Вузли\n\n"
        "1) Ada Brook, Cy Dune, Eve Reef — The Complete Knot Reference: Edition 9 "
        "([англ (2014)](https://example.org/knots-en)) "
        "([укр (2011)](https://example.org/knots-uk)) "
        "([код](https://example.org/knots-code))\n"
        "2) Ode Lin - Effective Knots: Edition 2 (2008) ([англ](https://example.org/effective)) "
        "([код](https://example.org/effective-code)) - не для початківців\n"
        "3) [Knot Practices](https://example.org/practices) (англ)\n"
        "4) Splicing Tutorial ([1](https://example.org/splice-1), "
        "[2](https://example.org/splice-2)) (англ)\n"
    )
    assert listed(result.roadmap) == [
        (
            ("Вузли",),
            "Ada Brook, Cy Dune, Eve Reef — The Complete Knot Reference: Edition 9",
            "https://example.org/knots-en",
        ),
        (
            ("Вузли",),
            "Ode Lin - Effective Knots: Edition 2 (2008)",
            "https://example.org/effective",
        ),
        (("Вузли",), "Knot Practices", "https://example.org/practices"),
        (("Вузли",), "Splicing Tutorial", "https://example.org/splice-1"),
    ]
    knots = result.roadmap.sections[0].resources[0]
    assert "https://example.org/knots-uk" in knots.description


def test_an_html_table_broken_by_a_line_of_spaces_is_one_table() -> None:
    # ml-course-notes-html: each course a heading over its page's link line and an HTML
    # table of lectures whose head row is followed by a line of two spaces: CommonMark ends
    # the HTML block there (a blank line), so the head row and the rows were two blocks, the
    # rows no table and no resource, in silence; the heading, its body then only its link
    # line, was read as one course. A browser (GitHub) shows one table. The links' closing
    # tags written '<a>' (no slash) end them, as a browser reads them.
    text = (
        "# Notes\n\n### Knots 101 (2022)\n"
        "[Website](https://example.org/knots-101) | Instructor: Ada Brook\n\n"
        '<table class="tg">\n  <tr>\n    <th><b>Lecture</b></th>\n    <th><b>Video</b></th>\n'
        "    <th><b>Notes</b></th>\n  </tr>\n  \n"
        "  <tr>\n    <td>Reef and Granny</td>\n"
        '    <td><a href="https://example.org/v/reef">Video<a></td>\n'
        '    <td><a href="https://example.org/n/reef">Notes</a></td>\n  </tr>\n'
        "  <tr>\n    <td>Bends</td>\n"
        '    <td><a href="https://example.org/v/bends">Video<a></td>\n'
        "    <td>WIP</td>\n  </tr>\n</table>\n\n"
        "### Splices\n\nWords about splices.\n"
    )
    result = read(text, html_links=True)
    # Over a table of links the heading is a section, its page the first resource.
    assert listed(result.roadmap) == [
        (("Knots 101 (2022)",), "Knots 101 (2022)", "https://example.org/knots-101"),
        (("Knots 101 (2022)",), "Reef and Granny", "https://example.org/v/reef"),
        (("Knots 101 (2022)",), "Bends", "https://example.org/v/bends"),
    ]
    assert (
        "road.md:12: blank line inside an HTML table: the table read whole (a browser shows one "
        "table), not ended there"
    ) in messages(result)
    # Without --html-links: not read, and said so (before, the rows were skipped in silence).
    plain = read(text)
    assert [message for message in messages(plain) if "raw HTML" in message] == [
        "road.md:6: raw HTML block with 2 links: not read as resources (design: raw HTML is "
        "not a resource); --html-links reads them"
    ]


def test_a_link_showing_an_address_its_destination_mangled_leads_to_the_address() -> None:
    # learning-devops-uk-tables: '[https://github.com/nikit0ns/…#-devops](nikit0ns/…#-devops)',
    # the address shown and, for destination, that address without its scheme and host (a
    # path GitHub resolves inside the list's own repository), and
    # '[https://devopscube.com/x](https://devopscube.com/xhttps://devopscube.com/x)', the
    # address written twice: the first was left out (relative, no --base-url), the second
    # read at the doubled address. The reader reads the address shown.
    result = read(
        "# Knots\n\n## Tables\n\n| Name | URL |\n| --- | --- |\n"
        "| **Knot Wiki** | [https://github.com/ada/knots/tree/main#-bends]"
        "(ada/knots/tree/main#-bends) |\n"
        "| **Rope Guide** | [https://rope.example.org/guide]"
        "(https://rope.example.org/guidehttps://rope.example.org/guide) |\n"
        "| **Docs** | [https://example.org/docs](docs/index.md) |\n\n"
        "## Lists\n\n- [https://example.org/splices](example.org/splices) - splices\n"
    )
    assert listed(result.roadmap) == [
        (("Tables",), "Knot Wiki", "https://github.com/ada/knots/tree/main#-bends"),
        (("Tables",), "Rope Guide", "https://rope.example.org/guide"),
        # A relative destination that is not the shown address's own path: as before.
        (("Tables",), "Docs", ""),
        (("Lists",), "https://example.org/splices", "https://example.org/splices"),
    ]
    assert [message.split(": ", 1)[0] for message in messages(result)][:2] == [
        "road.md:7",
        "road.md:8",
    ]
    assert "the address it shows" in messages(result)[0]


def test_an_html_table_row_whose_links_are_still_to_come_is_a_resource_without_url() -> None:
    # ml-course-notes-html: 'Miscellaneous Lectures', rows naming a lecture whose Video and
    # Notes links are empty ('<a href="">Video<a>'): written as linked rows, their addresses
    # not there yet. A markdown table's row so written ('| Bends | [Video]() |') is a
    # resource without URL; the HTML table dropped it (a row without a link, as a table of
    # figures' is).
    result = read(
        "# Notes\n\n## Lectures\n\n<table>\n  <tr><th>Lecture</th><th>Video</th><th>By</th></tr>\n"
        '  <tr><td>Reef Knots</td><td><a href="https://example.org/v/reef">Video</a></td>'
        '<td><a href="https://example.org/ada">Ada</a></td></tr>\n'
        '  <tr><td>Bends</td><td><a href="">Video</a></td>'
        '<td><a href="https://example.org/ada">Ada</a></td></tr>\n'
        "  <tr><td>Splices</td><td>soon</td><td>Ada</td></tr>\n</table>\n",
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Lectures",), "Reef Knots", "https://example.org/v/reef"),
        (("Lectures",), "Bends", ""),
    ]
    assert messages(result) == [
        "road.md:8: row 'Bends': its link is still to come (an empty href): a resource without URL"
    ]


def test_a_headings_own_page_over_its_list_of_links_is_the_sections_first_resource() -> None:
    # ml-course-notes-html: '### CS25: Transformers United' over '[Website](…) | Instructors:
    # …' and a table of its lectures: the course's own page, a link named only by what it
    # is, stayed in the section's intro (a labelled link line over a list of links says
    # where the list comes from, `_names_category`). It is the course the heading names.
    result = read(
        "# Notes\n\n### Knots 101 (2022)\n"
        "[Website](https://example.org/knots-101) | Instructor: Ada Brook\n\n"
        "- [Reef and Granny](https://example.org/v/reef)\n"
        "- [Bends](https://example.org/v/bends)\n\n"
        # A label before the link (a credit, a pointer): the section's intro, as before.
        "### Splices\n\nSource: [splice-list](https://example.org/splice-list)\n\n"
        "- [Eye Splice](https://example.org/eye)\n- [Back Splice](https://example.org/back)\n"
    )
    assert listed(result.roadmap) == [
        (("Knots 101 (2022)",), "Knots 101 (2022)", "https://example.org/knots-101"),
        (("Knots 101 (2022)",), "Reef and Granny", "https://example.org/v/reef"),
        (("Knots 101 (2022)",), "Bends", "https://example.org/v/bends"),
        (("Splices",), "Eye Splice", "https://example.org/eye"),
        (("Splices",), "Back Splice", "https://example.org/back"),
    ]
    knots, splices = result.roadmap.sections
    assert "Instructor: Ada Brook" in knots.intro
    assert "splice-list" in splices.intro
    assert messages(result) == [
        "road.md:4: link line 'Website' under the heading 'Knots 101 (2022)' over a list of "
        "links: the page of what the heading names, the section's first resource"
    ]
