"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
the list session 19's helper ki moved from tests/fixtures/held-out-pending/ into
tests/fixtures/real/: ki-pentesting-de)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read

from publisher.importer import import_markdown

# A comparison table at the top of a list, each row a tool that a category below lists again
# at the same address, its other cells facts and marks (ki-pentesting-de: 'Vergleich').
COMPARED_ABOVE = (
    "# Rope tools\n\n"
    "## Comparison\n\n"
    "How the open tools compare.\n\n"
    "| Tool | License | Mode | Splices | Knots |\n"
    "|------|---------|------|:-------:|:-----:|\n"
    "| [Knotter](https://example.org/knotter) | MIT | Auto | ✅ | \u2796 |\n"
    "| [Splicer](https://example.org/splicer) | GPL-3.0 | Assisted | ❌ | ✅ (eye only) |\n"
    "| [Loopy](https://example.org/loopy) | MIT | Auto | ✅ | ❌ |\n\n"
    "## Automatic\n\n"
    "- [Knotter](https://example.org/knotter) - Ties any knot it is shown.\n"
    "- [Loopy](https://example.org/loopy) - Makes loops.\n\n"
    "## Assisted\n\n"
    "- [Splicer](https://example.org/splicer) - Guides a hand through a splice.\n"
    "- [Whipper](https://example.org/whipper) - Whips rope ends.\n"
)


def test_a_table_comparing_tools_listed_below_is_no_second_list_of_them() -> None:
    # The rows were read as three more resources, the same tools at the same addresses (the
    # categories' items numbered 'knotter-2' …), filed under 'Comparison'.
    result = read(COMPARED_ABOVE)
    assert listed(result.roadmap) == [
        (("Automatic",), "Knotter", "https://example.org/knotter"),
        (("Automatic",), "Loopy", "https://example.org/loopy"),
        (("Assisted",), "Splicer", "https://example.org/splicer"),
        (("Assisted",), "Whipper", "https://example.org/whipper"),
    ]
    # One warning per skipped row, naming its line; no id numbered as a repeat.
    said = messages(result)
    assert [message.split(": ", 1)[0] for message in said] == [
        "road.md:9",
        "road.md:10",
        "road.md:11",
    ]
    assert all("the document lists elsewhere" in message for message in said)
    assert "'Splicer'" in said[1]
    assert not any(resource.id for _, resource in result.roadmap.walk())


def test_the_pieces_reading_and_the_whole_reading_agree() -> None:
    whole = import_markdown(COMPARED_ABOVE, "road.md", pieces=False)
    assert listed(whole.roadmap) == listed(read(COMPARED_ABOVE).roadmap)


def test_a_table_comparing_tools_listed_above_in_other_sections_too() -> None:
    # The same table after the categories (a summary at the end) reads the same way.
    result = read(
        "# Rope tools\n\n## Automatic\n\n"
        "- [Knotter](https://example.org/knotter) - Ties any knot it is shown.\n"
        "- [Loopy](https://example.org/loopy) - Makes loops.\n\n"
        "## Summary\n\n"
        "| Tool | License | Splices |\n|---|---|---|\n"
        "| [Knotter](https://example.org/knotter) | MIT | ✅ |\n"
        "| [Loopy](https://example.org/loopy) | MIT | ❌ |\n"
    )
    assert listed(result.roadmap) == [
        (("Automatic",), "Knotter", "https://example.org/knotter"),
        (("Automatic",), "Loopy", "https://example.org/loopy"),
    ]
    assert len(messages(result)) == 2


def test_a_row_naming_a_tool_listed_nowhere_else_stays_a_resource() -> None:
    # Most rows compare listed tools: those are skipped; a row naming another tool is the
    # only place the list names it, a resource of the table's section.
    result = read(
        "# Rope tools\n\n## Comparison\n\n"
        "| Tool | License | Splices |\n|---|---|---|\n"
        "| [Knotter](https://example.org/knotter) | MIT | ✅ |\n"
        "| [Loopy](https://example.org/loopy) | MIT | ❌ |\n"
        "| [Braider](https://example.org/braider) | MIT | ✅ |\n\n"
        "## Tools\n\n"
        "- [Knotter](https://example.org/knotter) - Ties knots.\n"
        "- [Loopy](https://example.org/loopy) - Makes loops.\n"
    )
    assert listed(result.roadmap) == [
        (("Comparison",), "Braider", "https://example.org/braider"),
        (("Tools",), "Knotter", "https://example.org/knotter"),
        (("Tools",), "Loopy", "https://example.org/loopy"),
    ]


def test_a_feature_matrix_of_marks_compares_even_a_few_listed_tools() -> None:
    # A table whose rows say only marks of the tools they name (a feature matrix): a row
    # naming a tool listed elsewhere is that tool again, however few such rows there are.
    result = read(
        "# Rope tools\n\n## Features\n\n"
        "| Tool | Splices | Knots | Loops |\n|---|:-:|:-:|:-:|\n"
        "| [Knotter](https://example.org/knotter) | ✅ | ✅ | ❌ |\n"
        "| [Braider](https://example.org/braider) | ❌ | ✔️ | |\n"
        "| [Twister](https://example.org/twister) | :x: | :white_check_mark: | ✅ |\n\n"
        "## Tools\n\n- [Knotter](https://example.org/knotter) - Ties knots.\n"
    )
    assert listed(result.roadmap) == [
        (("Features",), "Braider", "https://example.org/braider"),
        (("Features",), "Twister", "https://example.org/twister"),
        (("Tools",), "Knotter", "https://example.org/knotter"),
    ]
    assert [message.split(": ", 1)[0] for message in messages(result)] == ["road.md:7"]


def test_a_table_repeating_a_few_listed_tools_among_its_own_is_read_whole() -> None:
    # A table of its own resources (descriptions, not marks) that happens to name one tool a
    # list names too: no comparison of listed tools, every row a resource, as before (the
    # repeat gets a numbered id, with the warning it had).
    result = read(
        "# Rope tools\n\n## Catalogue\n\n"
        "| Tool | What it does |\n|---|---|\n"
        "| [Knotter](https://example.org/knotter) | Ties knots. |\n"
        "| [Braider](https://example.org/braider) | Braids cord. |\n"
        "| [Twister](https://example.org/twister) | Twists yarn. |\n\n"
        "## Favourites\n\n- [Knotter](https://example.org/knotter) - The one we use.\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Knotter",
        "Braider",
        "Twister",
        "Knotter",
    ]
    assert all("lists elsewhere" not in message for message in messages(result))


def test_a_history_reads_the_table_again_when_the_lists_elsewhere_change() -> None:
    # The table's section is the same text in each version; whether its rows are listed
    # elsewhere changes with the other sections (a reading kept from the version before must
    # not be taken again).
    table = (
        "# Rope tools\n\n## Comparison\n\n"
        "| Tool | License | Splices |\n|---|---|---|\n"
        "| [Knotter](https://example.org/knotter) | MIT | ✅ |\n"
        "| [Loopy](https://example.org/loopy) | MIT | ❌ |\n\n"
    )
    alone = table + "## Other\n\n- [Whipper](https://example.org/whipper) - Whips rope ends.\n"
    listed_too = table + (
        "## Tools\n\n- [Knotter](https://example.org/knotter) - Ties knots.\n"
        "- [Loopy](https://example.org/loopy) - Makes loops.\n"
    )
    compared = [
        (("Tools",), "Knotter", "https://example.org/knotter"),
        (("Tools",), "Loopy", "https://example.org/loopy"),
    ]
    kept = [
        (("Comparison",), "Knotter", "https://example.org/knotter"),
        (("Comparison",), "Loopy", "https://example.org/loopy"),
        (("Other",), "Whipper", "https://example.org/whipper"),
    ]
    assert listed(read(alone).roadmap) == kept
    assert listed(read(listed_too).roadmap) == compared
    assert len(messages(read(listed_too))) == 2
    assert listed(read(alone).roadmap) == kept
    assert messages(read(alone)) == []


def test_a_comparison_under_the_title_of_tools_the_sections_list_is_no_list_of_them() -> None:
    # A table of records under the title is the list's own resources outside any section
    # (7eb0da4's rule), unless its rows compare tools the sections list again: then those
    # rows are the tools of the sections, skipped each with a warning.
    result = read(
        "# Rope tools\n\n"
        "| Tool | License | Mode | Splices |\n|---|---|---|---|\n"
        "| [Knotter](https://example.org/knotter) | MIT | Auto | ✅ |\n"
        "| [Loopy](https://example.org/loopy) | MIT | Auto | ❌ |\n"
        "| [Splicer](https://example.org/splicer) | GPL-3.0 | Assisted | ✅ |\n\n"
        "## Automatic\n\n"
        "- [Knotter](https://example.org/knotter) - Ties knots.\n"
        "- [Loopy](https://example.org/loopy) - Makes loops.\n\n"
        "## Assisted\n\n- [Splicer](https://example.org/splicer) - Guides a splice.\n"
    )
    assert listed(result.roadmap) == [
        (("Automatic",), "Knotter", "https://example.org/knotter"),
        (("Automatic",), "Loopy", "https://example.org/loopy"),
        (("Assisted",), "Splicer", "https://example.org/splicer"),
    ]
    assert [message.split(": ", 1)[0] for message in messages(result)] == [
        "road.md:5",
        "road.md:6",
        "road.md:7",
    ]
