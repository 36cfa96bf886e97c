"""The importer's incremental readings against the one-pass readings they replaced.

A history reads each version after the one before, and the importer reads the parts of a
document it has seen before from caches (run by run of lines, chapter by chapter). Each such
reading must say what one pass over the whole text says: here the pass it replaced, kept as
it was, is the reference, on generated documents and on every document of the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from publisher import importer
from publisher.errors import Problem
from publisher.importer import (
    _HEADING_START,
    _INDENTED_BULLET_SEEN,
    _NO_DEFINITIONS,
    _OLD_README_ANCHOR,
    _SHORT_INDENT_SEEN,
    _UNSPACED_ANY,
    Definitions,
    ImportResult,
    _block_end,
    _card_levels,
    _chapter_marks,
    _chapter_reading,
    _chapter_units,
    _chapters,
    _ends,
    _has_link_destination,
    _has_old_readme_anchor,
    _levels_of_cards,
    _lines_from,
    _may_lift,
    _names_later_headings,
    _numbered_headings_levelled,
    _unspaced_link_line,
    _with_unspaced_headings,
    clear_caches,
    import_markdown,
    import_markdown_bytes,
    rotate_caches,
)
from tests.pieces_history import assert_each_version_reads_as_the_whole, edited_versions
from tests.real_corpus import Version, versions

# The one pass over every line that `_with_unspaced_headings` made before it read the
# document run by run (publisher/importer.py at 54a0cf0), unchanged but for its name, with
# the two helpers only it used.
_UNSPACED_LINE = re.compile(r"\n(#{2,6}[^#\s].*)")


def _hash_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Each line starting with '#' outside fenced code and HTML blocks (a comment …), with its
    0-based number."""
    block: tuple[str, str] | None = None  # a block open: what ends it
    for number, line in enumerate(lines):
        if block is not None:
            if _ends(block, line):
                block = None
            continue
        if line.startswith(("`", "~", " ", "<")):
            block = _block_end(line)
        elif line.startswith("#"):
            yield number, line


def _one_pass_unspaced_headings(text: str, label: str, warnings: list[Problem]) -> str:
    """``text`` with each paragraph line of hashes without a space, then a link
    (`####Day86 - [Title](…)`), written as a heading when the heading before or after it is
    of that level and holds a link too, with a warning naming its line. GitHub shows such a
    line as text, but in a run of `#### Day85 - […](…)` headings a reader sees the next
    lesson of the run; a line elsewhere (`##hashtag [x](…)` under `## Tools`) or inside
    fenced code stays as written."""
    if not any(
        _unspaced_link_line(match.group(1)) for match in _UNSPACED_LINE.finditer("\n" + text)
    ):
        # No line can be one found below, so only the readings of a document that writes
        # (almost) no heading with its space are left, and two headings rule them all out:
        # most documents have them near the top, not worth splitting the whole text into lines.
        headings = (
            line for _, line in _hash_lines(_lines_from(text, 0)) if _HEADING_START.match(line)
        )
        if next(headings, None) is not None and next(headings, None) is not None:
            return text
    lines = text.split("\n")

    def spaced(number: int, why: str) -> None:
        """Line ``number`` written as the heading it is read as, with its warning."""
        line = lines[number]
        level = len(line) - len(line.lstrip("#"))
        lines[number] = f"{line[:level]} {line[level:]}"
        message = (
            f"'{line[:level]}' without a space after it (GitHub shows it as text) read as a "
            f"level-{level} heading"
        )
        warnings.append(Problem(path=label, line=number + 1, message=f"{message}{why}"))

    # The level of each heading line outside fenced code, negative when it holds no link.
    levels = [0] * len(lines)
    found: list[int] = []
    bare: list[int] = []  # the same without a link (`####C`, `###On Programming Languages`)
    for number, line in _hash_lines(lines):
        if _HEADING_START.match(line):
            level = len(line) - len(line.lstrip("#"))
            levels[number] = level if _has_link_destination(line) else -level
        elif not number or not lines[number - 1].strip() or levels[number - 1]:
            # The start of a paragraph: not the continuation of the one above.
            if _unspaced_link_line(line):
                found.append(number)
            elif _UNSPACED_ANY.match(line) and len(line) <= 100:
                bare.append(number)
    if not any(levels) and (found or bare) == [0] and lines[0].lstrip("#")[:1].isalpha():
        # Its first line alone (`##Golang资料集` over a list): the document's title.
        spaced(0, ": the document's first line, and no heading written with its space")
        return "\n".join(lines)
    if not any(levels) and len(found) + len(bare) >= 2:
        # No heading written with its space at all: the document was written when GitHub
        # read `###Title` as a heading, every heading so (`#Programming Talks`, `####C`).
        for number in sorted((*found, *bare)):
            spaced(number, ": the document writes no heading with its space, all of them so")
        return "\n".join(lines)
    deeper = [number for number in sorted((*found, *bare)) if lines[number].startswith("##")]
    if [abs(level) for level in levels if level] == [1] and len(deeper) >= 2:
        # Only its title written with its space (`# OpenSourceDataScience` over `###MOOC's`,
        # `###Data Sets`): the same age of writing, each section's heading so.
        for number in deeper:
            spaced(number, ": the document writes no heading with its space but its title")
        return "\n".join(lines)
    if not found:
        return text
    # The level of the nearest heading before and after each line: two passes, not a scan
    # of the document for each line found.
    before_levels = [0] * len(lines)
    nearest = 0
    for number, level in enumerate(levels):
        before_levels[number] = nearest
        nearest = level or nearest
    after_levels = [0] * len(lines)
    nearest = 0
    for number in range(len(lines) - 1, -1, -1):
        after_levels[number] = nearest
        nearest = levels[number] or nearest
    for number in found:
        line = lines[number]
        level = len(line) - len(line.lstrip("#"))
        if level in (before_levels[number], after_levels[number]):
            spaced(number, ", as the headings around it are")
    return "\n".join(lines)


_PIECES = (
    "",
    "# Title",
    "## Section",
    "### [Link heading](https://example.org/l)",
    "### Plain heading",
    "###[Unspaced link](https://example.org/u)",
    "####Day2 - [Lesson](https://example.org/d)",
    "#### Day3 - [Lesson](https://example.org/e)",
    "##hashtag [x](https://example.org/x)",
    "###Bare title",
    "#Bare top",
    "##",
    "#",
    "- [Item](https://example.org/i)",
    "Some words.",
    "```",
    "~~~",
    "  indented",
    "<details>",
    "</details>",
    "<!-- a comment",
    "-->",
    "<div>",
)


def _both(text: str) -> tuple[tuple[str, list[Problem]], tuple[str, list[Problem]]]:
    run_by_run: list[Problem] = []
    in_chapters: list[Problem] = []
    one_pass: list[Problem] = []
    read = _with_unspaced_headings(text, "road.md", run_by_run)
    # The runs import_markdown gives it: the document's chapters.
    assert (
        _with_unspaced_headings(text, "road.md", in_chapters, _chapters(text)),
        in_chapters,
    ) == (read, run_by_run)
    return (
        (read, run_by_run),
        (_one_pass_unspaced_headings(text, "road.md", one_pass), one_pass),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A run (cut at a level-1 or level-2 heading line) that starts in fenced code: the nearest
# heading is in the run before it, or after it.
@example(
    [
        "### [A](https://example.org/a)",
        "```",
        "## in code",
        "```",
        "",
        "###[B](https://example.org/b)",
    ],
    [],
)
@example(
    ["###[B](https://example.org/b)", "```", "## in code", "```", "### [C](https://example.org/c)"],
    [],
)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=40), st.lists(st.sampled_from(_PIECES), max_size=8)
)
def test_unspaced_headings_read_run_by_run_as_in_one_pass(
    lines: list[str], edit: list[str]
) -> None:
    text = "\n".join(lines)
    run_by_run, one_pass = _both(text)
    assert run_by_run == one_pass
    # A version after it (its runs cached), edited in the middle.
    middle = len(lines) // 2
    edited = "\n".join([*lines[:middle], *edit, *lines[middle:]])
    run_by_run, one_pass = _both(edited)
    assert run_by_run == one_pass


@pytest.mark.parametrize("version", versions(), ids=lambda version: version.name)
def test_unspaced_headings_of_the_corpus_read_run_by_run_as_in_one_pass(version: Version) -> None:
    text = version.markdown.read_text(encoding="utf-8")
    run_by_run, one_pass = _both(text)
    assert run_by_run == one_pass
    clear_caches()
    assert _both(text)[0] == one_pass


_ANCHOR_LINES = (
    "# Title",
    '## Books <a id="books"></a>',
    '## Books <a id="books"></a>  ',
    '   ### Deep <a id="deep"></a>',
    '    ## Code <a id="code"></a>',
    '## Books <a id="books"></a> and more',
    '##Books <a id="books"></a>',
    'Some words <a id="words"></a>',
    '<a id="alone"></a>',
    '## <a id="empty"></a>',
    '## Two <a id="a"></a> <a id="b"></a>',
    "",
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_LINES), max_size=12))
def test_an_old_readme_anchor_is_found_on_its_lines_as_the_whole_text_search_finds_it(
    lines: list[str],
) -> None:
    text = "\n".join(lines)
    assert _has_old_readme_anchor(text) is (_OLD_README_ANCHOR.search(text) is not None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_LINES), max_size=12))
def test_an_old_readme_anchor_is_in_a_chapter_when_in_the_document(lines: list[str]) -> None:
    # `import_markdown` looks for it in the chapters' marks (`_chapter_marks`, cached per
    # chapter), not in the whole text each version.
    text = "\n".join(lines)
    in_chapters = any(_chapter_marks(chapter)[4] for _, chapter in _chapters(text))
    assert in_chapters is _has_old_readme_anchor(text)


_OUTLINE_CHAPTERS = (
    "## Contents\n\n- Arirang\n- Bluebell\n- Cedar",
    "## Arirang\n\n**[Kiln](https://example.org/k)** — a build tool · "
    "**[Forge](https://example.org/f)** — a deploy tool\n\n"
    "**[Anvil](https://example.org/a)** — a test tool · "
    "**[Bellows](https://example.org/b)** — a lint tool",
    "## Bluebell\n\n🔗 [Bluebell Course](https://example.org/bc)",
    "## Cedar\n\n**[Oak](https://example.org/o)** — a tree · "
    "**[Elm](https://example.org/e)** — another\n\n"
    "**[Ash](https://example.org/ash)** — a third · **[Fir](https://example.org/fir)** — a fourth",
    "### Deeper\n\nSome words.",
    "## Index\n\n- [Arirang](#arirang)\n- [Cedar](#cedar)",
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_OUTLINE_CHAPTERS), max_size=8))
@example(list(_OUTLINE_CHAPTERS))
def test_the_outline_passes_from_the_chapters_readings_are_the_whole_documents(
    chapters: list[str],
) -> None:
    # `_Outliner.outline` takes the card counts and the places of units that may be tables
    # of contents from each chapter's reading (`_ChapterReading`, cached per chapter), where
    # it went over every unit of the document each version.
    text = "# Songs\n\n" + "\n\n".join(chapters) + "\n"
    readings = [
        _chapter_reading(_chapter_units(chapter, False, _NO_DEFINITIONS))
        for _, chapter in _chapters(text)
    ]
    units = [unit for reading in readings for unit in reading.units]
    counts = [count for reading in readings for count in reading.card_counts]
    places: list[int] = []
    before = 0
    for reading in readings:
        places.extend(before + index for index in reading.contents_at)
        before += len(reading.units)
    assert _levels_of_cards(counts) == _card_levels(units)
    assert _names_later_headings(units, places) == _names_later_headings(units)
    if chapters == list(_OUTLINE_CHAPTERS):
        # (both passes find something in the whole example: cards at level 2, a contents)
        assert _card_levels(units) == {2}
        assert len(_names_later_headings(units)) == 1


# Chapters of headings numbered as parts at several levels, and unnumbered ones between them.
_PART_HEADINGS = st.lists(
    st.tuples(st.integers(2, 4), st.sampled_from(["", "1. ", "2. ", "3. ", "0. ", "12. "])),
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(_PART_HEADINGS)
@example([(2, "1. "), (3, "Dated"), (4, "2. ")])
@example([(3, "1. "), (2, "Aside"), (4, "2. ")])
def test_a_document_whose_part_numbers_lift_nothing_is_not_gone_over(
    headings: list[tuple[int, str]],
) -> None:
    # `_Outliner.outline` runs `_numbered_headings_levelled` over every unit only where the
    # numbers and levels of the numbered headings, read per chapter, say it may lift one
    # (`_may_lift`); where they say not, the pass lifts nothing.
    text = "# Parts\n\n" + "".join(
        f"{'#' * level} {number}Topic {index}\n\nWords.\n\n"
        for index, (level, number) in enumerate(headings)
    )
    readings = [
        _chapter_reading(_chapter_units(chapter, False, _NO_DEFINITIONS))
        for _, chapter in _chapters(text)
    ]
    units = [(0, unit) for reading in readings for unit in reading.units]
    parts = [part for reading in readings for part in reading.numbered]
    lifted_units, lifted = _numbered_headings_levelled(units)
    if not _may_lift(parts):
        assert not lifted
        assert lifted_units is units
    if headings == [(2, "1. "), (3, "Dated"), (4, "2. ")]:
        assert lifted  # (the example lifts its '2.' to the level of '1.')


# Bits of a history's versions for the rotations below: chapters of link bullets, a table,
# a group read whole (fenced code), a link reference definition, a heading over a
# `<details>` it folds away.
_ROTATION_BITS = (
    "# Map\n",
    "## Tools\n",
    "## Books\n",
    "### Deeper\n",
    "\n",
    "- [a](https://example.org/a) - one\n",
    "- [b](https://example.org/b) - two\n",
    "- [c][c] - by reference\n",
    "[c]: https://example.org/c\n",
    "| Resource | Notes |\n|---|---|\n",
    "| [d](https://example.org/d) | x |\n",
    "Text.\n",
    "```\n",
    "## [R](https://example.org/r)\n",
    "<details>\n",
    "</details>\n",
)
_ROTATION_BIT = st.integers(min_value=0, max_value=len(_ROTATION_BITS) - 1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_ROTATION_BIT, max_size=30),
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 3), st.lists(_ROTATION_BIT, max_size=4)),
        max_size=6,
    ),
    st.lists(st.integers(0, 2), max_size=7),
)
def test_a_history_whose_caches_rotate_reads_each_version_as_the_whole(
    start: list[int], edits: list[tuple[int, int, list[int]]], rotations: list[int]
) -> None:
    # A rotation keeps what the results in use were made of (`keep_needed`): each version
    # read after rotations is still its reading whole from empty caches.
    assert_each_version_reads_as_the_whole(edited_versions(_ROTATION_BITS, start, edits), rotations)


@pytest.mark.parametrize("as_bytes", [False, True])
def test_an_edit_after_rotations_parses_the_piece_it_changed(
    as_bytes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A history uses its unchanged chapters' results, not the pieces they were made of: a
    # rotation kept the chapters and forgot their pieces, and the next edit of a chapter
    # left alone for two rotations parsed every piece of it again (a long list: every item).
    items = [
        f"- [Tool {number}](https://example.org/{number}) - does {number}" for number in range(30)
    ]
    versions = [
        "# Map\n\n## Tools\n\n"
        + "\n".join(items)
        + "\n\n## Books\n\n- [B](https://example.org/b)\n"
    ]
    items[12] = "- [Tool 12](https://example.org/12) - does twelve"
    versions.append(versions[0].replace("does 12\n", "does twelve\n"))
    assert versions[1] != versions[0]
    parsed: list[str] = []
    digest = importer._digest._function

    def counted(text: str, definitions: Definitions) -> tuple[object, ...]:
        parsed.append(text)
        return digest(text, definitions)

    def read(text: str) -> ImportResult:
        if as_bytes:
            return import_markdown_bytes(text.encode(), "road.md")
        return import_markdown(text, "road.md")

    clear_caches()
    monkeypatch.setattr(importer._digest, "_function", counted)
    read(versions[0])
    for _ in range(3):  # unchanged versions, each rotating the caches after it
        read(versions[0])
        rotate_caches()
    parsed.clear()
    edited = read(versions[1])
    assert parsed == [items[12]]
    clear_caches()
    assert edited == read(versions[1])


# Lines of a group read whole (it holds HTML or fenced code: `_blank_line_cuts`) with bullet
# items at column 0, each cut before: items with and without blank lines between, nested,
# lazy and quoted lines, fences and HTML blocks opened inside items or at column 0 around
# them, a thematic break written with spaces, a table, a card.
_WHOLE_GROUP_LINES = (
    "## A",
    "",
    "<p>x</p>",
    "<p>open",
    "<details>",
    "</details>",
    "<!--",
    "-->",
    "```",
    "  ```",
    "\t```",
    "- [a](https://example.org/a) - one",
    "- [b](https://example.org/b)",
    "* [c](https://example.org/c)",
    "- plain topic",
    "  - [nested](https://example.org/n)",
    "  more words",
    "lazy words",
    "> a quote",
    "  > a note",
    "- - -",
    "1. [numbered](https://example.org/1)",
    "| Name | Note |",
    "|---|---|",
    "| [t](https://example.org/t) | x |",
    "**Bold**",
    "[Card](https://example.org/card)",
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_WHOLE_GROUP_LINES), max_size=30),
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.integers(0, 2),
            st.lists(st.sampled_from(_WHOLE_GROUP_LINES), max_size=3),
        ),
        max_size=4,
    ),
)
def test_bullet_items_in_a_group_read_whole_read_in_pieces_as_the_whole(
    lines: list[str], edits: list[tuple[int, int, list[str]]]
) -> None:
    # A group holding HTML or fenced code is cut before each bullet item at column 0 outside
    # those blocks (as a plain group is): each version, read after the one before, is its
    # reading whole.
    bits = ("# Map\n\n", "<p>top</p>\n\n", *(line + "\n" for line in _WHOLE_GROUP_LINES))
    start = [0, 1, *(2 + _WHOLE_GROUP_LINES.index(line) for line in lines)]
    numbered = [
        (at, removed, [2 + _WHOLE_GROUP_LINES.index(line) for line in added])
        for at, removed, added in edits
    ]
    assert_each_version_reads_as_the_whole(edited_versions(bits, start, numbered))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" -*+>x\n", max_size=40))
@example(" - a\n  - b")
@example("   - a\n    - b")
def test_a_short_indent_is_searched_only_where_its_second_line_is_seen(text: str) -> None:
    # `_units` asks `_INDENTED_BULLET_SEEN` of a changed group's pieces joined before it
    # asks `_SHORT_INDENT_SEEN` of each: every text the second finds, the first finds.
    if _SHORT_INDENT_SEEN.search(text) is not None:
        assert _INDENTED_BULLET_SEEN.search(text) is not None
