"""Link reference definitions (`[label]: https://…`) in documents read in pieces: each piece is
parsed with the document's definitions, and the result is the whole document's reading."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pieces_history import assert_each_version_reads_as_the_whole, edited_versions

from publisher.importer import (
    ImportResult,
    clear_caches,
    import_markdown,
    import_markdown_bytes,
)


def urls(result: ImportResult) -> dict[str, str]:
    return {resource.title: resource.url for _, resource in result.roadmap.walk()}


def whole(text: str) -> ImportResult:
    """The document read whole (CommonMark's own reading of its definitions), from empty
    caches."""
    clear_caches()
    return import_markdown(text, "road.md", pieces=False)


def check_pieces(text: str) -> ImportResult:
    """``text`` read in pieces, as text and as bytes, from empty caches and again with the
    caches kept: each is the whole document's reading (road map and warnings with lines)."""
    expected = whole(text)
    for _ in range(2):
        assert import_markdown(text, "road.md") == expected
        assert import_markdown_bytes(text.encode(), "road.md") == expected
    clear_caches()
    assert import_markdown_bytes(text.encode(), "road.md") == expected
    return expected


HEAD = "# Map\n\nIntro.\n\n"


def test_table_rows_a_list_item_runs_on_into_are_read_in_pieces_as_the_whole_reads_them() -> None:
    # A table's head right under a list item, no blank line between: the item's paragraph
    # runs on (lazily) over every row, so no table starts there, nor at the second head under
    # its rows. Read in pieces, the rows after the first head were cut and read as a table,
    # each row one more resource (found by the history property test below).
    table = "| Resource | Notes |\n|---|---|\n| [c](https://example.org/c) | x |\n"
    text = f"# Map\n- [a](https://example.org/a) - one\n{table}{table}"
    result = check_pieces(text)
    [(_, resource)] = list(result.roadmap.walk())
    assert resource.description == f"one\n{table}{table}"
    # Under a heading or a blank line a table is one, and read in pieces as before.
    for before in ("## Tools\n", "Intro.\n\n"):
        rows = check_pieces(f"# Map\n{before}{table}| [d](https://example.org/d) | y |\n")
        assert [resource.title for _, resource in rows.roadmap.walk()] == ["c", "d"]


def test_a_definition_after_its_use_and_one_before() -> None:
    text = (
        "[early]: https://example.org/early\n\n"
        + HEAD
        + "## Tools\n\n- [Early tool][early] - first\n- [Late tool][late] - second\n\n"
        "## Books\n\n- [Book](https://example.org/book)\n\n"
        "## Links\n\n[late]: https://example.org/late 'A title'\n"
    )
    result = check_pieces(text)
    assert urls(result) == {
        "Early tool": "https://example.org/early",
        "Late tool": "https://example.org/late",
        "Book": "https://example.org/book",
    }


def test_case_folded_and_spaced_labels_the_first_definition_winning() -> None:
    text = (
        HEAD + "## Tools\n\n- [Strasse][STRASSE] - folded\n- [OSS][oss   icon] - spaced\n"
        "- [Collapsed][] - collapsed\n- [Shortcut] - shortcut\n\n"
        "## Notes\n\n[straße]: https://example.org/strasse\n[OSS Icon]: https://example.org/oss\n"
        "[collapsed]: https://example.org/collapsed\n[SHORTCUT]: https://example.org/shortcut\n"
        "[oss icon]: https://example.org/second-definition-loses\n"
    )
    result = check_pieces(text)
    assert urls(result) == {
        "Strasse": "https://example.org/strasse",
        "OSS": "https://example.org/oss",
        "Collapsed": "https://example.org/collapsed",
        "Shortcut": "https://example.org/shortcut",
    }


def test_definitions_inside_a_list_item_and_a_blockquote() -> None:
    text = (
        HEAD + "## Tools\n\n- [Listed][in list] - defined in the list below\n"
        "- [Quoted][in quote] - defined in the quote below\n"
        "- [Split label][in\nsplit] - a label over two lines\n\n"
        "## Defined\n\n- An item holding a definition:\n\n"
        "  [in list]: https://example.org/list\n\n"
        "> [in quote]: https://example.org/quote\n> [in   split]: https://example.org/split\n"
    )
    result = check_pieces(text)
    assert urls(result)["Listed"] == "https://example.org/list"
    assert urls(result)["Quoted"] == "https://example.org/quote"
    assert urls(result)["Split label"] == "https://example.org/split"


def test_a_label_used_across_lines_of_a_blockquote_or_a_table_keeps_its_definition() -> None:
    """A piece is parsed with the definitions whose labels it may use: a label written over
    two lines of a blockquote (`> [the` / `> guide]`), indented, or in a table cell with an
    escaped pipe is one it uses (its text once the parser has taken out what lines start
    with); a label it does not hold is left out of its cache key."""
    from publisher.importer import Definitions, _used_definitions

    definitions = Definitions(
        (
            ("A|B", "https://example.org/ab", ""),
            ("STRASSE", "https://example.org/s", ""),
            ("THE GUIDE", "https://example.org/guide", ""),
            ("UNUSED", "https://example.org/u", ""),
        )
    )
    for text, label in [
        ("> Read [the\n> guide] first.\n", "THE GUIDE"),
        ("- Read [The\n     Guide][] first.\n", "THE GUIDE"),
        ("| x |\n|---|\n| [a\\|b] |\n", "A|B"),
        ("- [Straße]\n", "STRASSE"),
    ]:
        used = [entry[0] for entry in _used_definitions(text, definitions).entries]
        assert label in used
        assert "UNUSED" not in used
    text = (
        HEAD + "## Quotes\n\n> Read [the\n> guide] first.\n\n- [Tool](https://example.org/tool)\n\n"
        "## Refs\n\n[the guide]: https://example.org/guide\n"
    )
    check_pieces(text)
    check_pieces(text.replace("example.org/guide", "example.org/new-guide"))


@pytest.mark.parametrize(
    "not_a_definition",
    [
        # After a paragraph line: a definition cannot interrupt a paragraph.
        "Some text\n[fake]: https://example.org/fake\n",
        # In a code span, in fenced code, in prose.
        "Write `[fake]: https://example.org/fake` to define one.\n",
        "```\n[fake]: https://example.org/fake\n```\n",
        "Note [fake]: it is not defined here.\n",
        # Indented four spaces: code.
        "    [fake]: https://example.org/fake\n",
        # No destination.
        "[fake]:\n\n",
    ],
)
def test_a_colon_after_a_bracket_that_is_no_definition(not_a_definition: str) -> None:
    text = HEAD + "## Tools\n\n- [Fake tool][fake] - uses it\n\n## Other\n\n" + not_a_definition
    # Not a link: the bullet is plain text, read as written.
    assert "Fake tool" not in urls(check_pieces(text))
    defined = text + "\n[fake]: https://example.org/real\n"
    assert urls(check_pieces(defined))["Fake tool"] == "https://example.org/real"


def test_badge_icons_as_awesome_lists_define_them() -> None:
    """Images by reference inside links (`[![Open-Source Software][OSS Icon]](…)`), the
    definitions at the end of the document."""
    text = (
        HEAD + "## Editors\n\n"
        "- [Atom](https://atom.io) - An editor. [![Open-Source Software][OSS Icon]]"
        "(https://github.com/atom/atom) ![Freeware][Freeware Icon]\n"
        "- [Vim](https://vim.org) - Another. [![Open-Source Software][OSS Icon]]"
        "(https://github.com/vim/vim)\n\n"
        "## Browsers\n\n- [Firefox](https://firefox.com) - A browser."
        " ![Freeware][Freeware Icon]\n\n"
        "[OSS Icon]: https://example.org/oss.svg\n"
        "[Freeware Icon]: https://example.org/freeware.svg\n"
    )
    result = check_pieces(text)
    assert set(urls(result)) == {"Atom", "Vim", "Firefox"}


def test_definitions_changed_added_and_removed_between_versions() -> None:
    """A history: each version read after the one before (caches kept) is its whole reading
    read alone; a changed definition changes the resources that use it."""
    base = (
        HEAD + "## Tools\n\n- [Alpha][a] - uses a\n- [Beta][b] - uses b\n\n"
        "## Books\n\n- [Gamma](https://example.org/gamma) - no reference\n- [Delta][d]\n\n"
        "## Refs\n\n"
    )
    versions = [
        base + "[a]: https://example.org/a1\n[b]: https://example.org/b\n",
        base + "[a]: https://example.org/a2\n[b]: https://example.org/b\n",
        base + "[a]: https://example.org/a2\n[b]: https://example.org/b\n[d]: https://e.org/d\n",
        base + "[b]: https://example.org/b\n[d]: https://e.org/d\n",
        base.replace("## Refs\n\n", "## Refs\n\n[a]: https://example.org/first\n\n")
        + "[a]: https://example.org/a2\n",
        base + "[a]: https://example.org/a1\n[b]: https://example.org/b\n",
    ]
    fenced = [text + "```\ncode\n```\n" for text in versions]  # read as text, not bytes
    expected = [whole(text) for text in versions]
    expected_fenced = [whole(text) for text in fenced]
    clear_caches()
    for _ in range(2):
        for index, text in enumerate(versions):
            assert import_markdown_bytes(text.encode(), "road.md") == expected[index]
            assert import_markdown(fenced[index], "road.md") == expected_fenced[index]
    assert [urls(result).get("Alpha") for result in expected] == [
        "https://example.org/a1",
        "https://example.org/a2",
        "https://example.org/a2",
        None,  # undefined: not a link
        "https://example.org/first",
        "https://example.org/a1",
    ]
    assert [urls(result).get("Delta") for result in expected] == [
        None,
        None,
        "https://e.org/d",
        "https://e.org/d",
        None,
        None,
    ]


# Bits of markdown a history's versions are made of, with definitions and their uses.
_BITS = (
    "# Map\n",
    "## A\n",
    "## B\n",
    "### Deeper\n",
    "- [a](https://example.org/a) - one\n",
    "- [Ref one][one] - by reference\n",
    "- [Two] - shortcut\n",
    "- ![icon][ONE] [Img](https://example.org/img)\n",
    "| Resource | Notes |\n|---|---|\n| [c][one] | x |\n",
    "Text.\n",
    "\n",
    "[one]: https://example.org/one\n",
    "[One]: https://example.org/other-one\n",
    "[two]: https://example.org/two 'Title'\n",
    "> [two]: https://example.org/quoted-two\n",
    "  [one]:\n  https://example.org/indented-one\n",
    "[not]: a\n",
    "[two]: ./#a\n",
    "- item\n\n  [two]: https://example.org/in-item\n",
    "```\n",
    "<!--\n",
    "-->\n",
    # Disclosures: the pieces are cut only where no `<details>` is open (a stray close first).
    "<details><summary>Tools</summary>\n",
    "</details><details><summary>More</summary>\n",
    "</details>\n",
)
_BIT = st.integers(min_value=0, max_value=len(_BITS) - 1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_BIT, max_size=25),
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 3), st.lists(_BIT, max_size=4)),
        max_size=6,
    ),
)
def test_a_history_with_definitions_reads_each_version_as_the_whole(
    start: list[int], edits: list[tuple[int, int, list[int]]]
) -> None:
    assert_each_version_reads_as_the_whole(edited_versions(_BITS, start, edits))
