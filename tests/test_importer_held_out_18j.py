"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
the lists session 18's heldJ held out: tests/fixtures/held-out-pending/ and those moved from
there into tests/fixtures/real/)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read


def test_a_name_over_its_bare_url_then_its_description_is_a_resource() -> None:
    # react-forms-next-line: a loose list whose items have no markdown link: a bold name ending
    # in a hard break (two spaces), the address as a bare URL on the next line, then what it
    # is on a third. The lists were kept whole in their sections' intros, in silence.
    result = read(
        "# Knots\n\n## Bends\n\n"
        "- **Tying the sheet bend**  \n  https://example.org/sheet-bend  \n"
        "  How to join two ropes of unequal thickness.\n  \n"
        "- **The carrick bend, step by step**  \n  https://example.org/carrick  \n"
        "  A decorative bend that holds under load.\n\n"
        "- **Bends compared**  \n  https://example.org/bends-1  \n"
        "  https://example.org/bends-2  \n  A two-part series comparing six bends.\n"
    )
    assert listed(result.roadmap) == [
        (("Bends",), "Tying the sheet bend", "https://example.org/sheet-bend"),
        (("Bends",), "The carrick bend, step by step", "https://example.org/carrick"),
        (("Bends",), "Bends compared", "https://example.org/bends-1"),
    ]
    first, _, series = result.roadmap.sections[0].resources
    assert first.description.strip() == "How to join two ropes of unequal thickness."
    assert "A two-part series comparing six bends." in series.description
    # The second address of the series is kept in its description, with a warning.
    assert "https://example.org/bends-2" in series.description
    assert [message.split(": ", 1)[0] for message in messages(result)] == ["road.md:13"]
    assert "bends-2" in messages(result)[0]


def test_a_name_over_its_bare_url_with_soft_breaks_is_a_resource_too() -> None:
    # The same shape written without hard breaks (each part on its own line).
    result = read(
        "# Knots\n\n## Hitches\n\n"
        "- Clove hitch\n  https://example.org/clove\n  Quick to tie around a post.\n"
        "- Trucker's hitch\n  https://example.org/trucker\n  Tensions a line.\n"
    )
    assert listed(result.roadmap) == [
        (("Hitches",), "Clove hitch", "https://example.org/clove"),
        (("Hitches",), "Trucker's hitch", "https://example.org/trucker"),
    ]


def test_a_sentence_over_a_bare_url_stays_words() -> None:
    # A lead-in sentence ending with a colon over an address is not a name over its URL.
    result = read(
        "# Knots\n\n## Notes\n\n"
        "- [Reef knot](https://example.org/reef) - a binding knot\n"
        "- More knots can be found here:\n  https://example.org/more\n  and elsewhere.\n"
    )
    assert (("Notes",), "Reef knot", "https://example.org/reef") in listed(result.roadmap)
    assert all(title != "More knots can be found here:" for _, title, _ in listed(result.roadmap))


BOOKS = (
    "# Shelf\n\n## Sailing\nBooks for the boat\n\n"
    "### The Knot Book\n{subtitle}"
    "- Author: Ada Brook\n- ISBN: 9780000000001\n- Store Links: \n"
    "  - https://shop.example.org/book/1\n  - https://other.example.org/book/1\n- Note: \n\n"
    "### Rope Work\n"
    "- Author: Ben Hitch\n- ISBN: 9780000000002\n- Store Links:\n"
    "  - [Harbour Books](https://harbour.example.org/rope-work)\n- Note: \n"
)


def test_a_heading_over_labelled_facts_with_its_links_nested_is_one_resource() -> None:
    # booklist-store-links: each book a heading over labelled facts ('Author:', 'ISBN:'),
    # its shops' addresses nested under a 'Store Links:' label with no value of its own, an
    # empty 'Note:' last. Each fact was read as a resource without URL, each address as a
    # resource of its own, the book as a section.
    result = read(BOOKS.format(subtitle=""))
    assert listed(result.roadmap) == [
        (("Sailing",), "The Knot Book", "https://shop.example.org/book/1"),
        (("Sailing",), "Rope Work", "https://harbour.example.org/rope-work"),
    ]
    knot_book = result.roadmap.sections[0].resources[0]
    assert "Ada Brook" in knot_book.description
    assert "https://other.example.org/book/1" in knot_book.description


def test_a_subtitle_heading_right_under_a_title_over_its_facts_is_part_of_it() -> None:
    # booklist-store-links: most books have their subtitle as a deeper heading right under
    # the title's ('### Empire of AI' then '#### Dreams and Nightmares …'), nothing between
    # them, the facts under the subtitle. The two headings were read as nested sections.
    result = read(BOOKS.format(subtitle="#### A Guide to Bends and Hitches\n"))
    assert listed(result.roadmap) == [
        (("Sailing",), "The Knot Book", "https://shop.example.org/book/1"),
        (("Sailing",), "Rope Work", "https://harbour.example.org/rope-work"),
    ]
    knot_book = result.roadmap.sections[0].resources[0]
    assert "A Guide to Bends and Hitches" in knot_book.description
    assert [message.split(": ", 1)[0] for message in messages(result)] == ["road.md:7"]
    assert "subtitle" in messages(result)[0]


def test_a_lone_subheading_over_a_list_of_links_stays_a_section() -> None:
    # The subtitle rule is for a heading's facts: a heading right over a deeper one whose
    # list is of links is a section over its subsection.
    result = read(
        "# Shelf\n\n## Sailing\n\n### Knots\n#### Bends\n"
        "- [Sheet bend](https://example.org/sheet) - joins two ropes\n"
        "- [Carrick bend](https://example.org/carrick) - a decorative bend\n"
    )
    assert listed(result.roadmap) == [
        (("Sailing", "Knots", "Bends"), "Sheet bend", "https://example.org/sheet"),
        (("Sailing", "Knots", "Bends"), "Carrick bend", "https://example.org/carrick"),
    ]
