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
