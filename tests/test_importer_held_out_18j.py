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
