"""render.shorten_html: a description's HTML cut by its text, never inside its markup, at a
word boundary with "…", every element closed, still sanitized (the road map page's way of
keeping 10,000 resources within 2 MB, see test_size_limits and test_page)."""

from __future__ import annotations

import html5lib
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.render import ELLIPSIS, html_text, markdown_to_html, sanitize_html, shorten_html


def _short(markdown: str, length: int, suffix: str = "") -> str | None:
    result = shorten_html(str(markdown_to_html(markdown)).strip(), length, suffix)
    return None if result is None else str(result)


def test_a_text_within_the_length_is_left_alone() -> None:
    assert _short("Four short words here.", 22) is None
    assert _short("Four short words here.", 100) is None
    # Nothing would be left out.
    assert _short("a", 0) is None
    assert _short("Supercalifragilistic", 3) == "<p>Sup…</p>"


def test_the_cut_falls_after_the_last_whole_word_and_ends_in_an_ellipsis() -> None:
    assert _short("one two three four", 9) == "<p>one two…</p>"
    # A word ending right at the length is kept.
    assert _short("one two three four", 13) == "<p>one two three…</p>"
    # Punctuation before the cut goes: "one…", not "one,…".
    assert _short("one, two three", 7) == "<p>one…</p>"


def test_a_link_cut_in_its_text_keeps_its_start_and_is_closed() -> None:
    cut = _short("Read [the full guide](https://example.org/g) today, it is long.", 15)
    assert cut == (
        '<p>Read <a href="https://example.org/g" rel="noopener noreferrer">the full</a>…</p>'
    )


def test_emphasis_and_code_are_closed_and_the_ellipsis_stays_outside_them() -> None:
    assert _short("Some **very bold words** and `code spans here` too", 14) == (
        "<p>Some <strong>very bold</strong>…</p>"
    )
    assert _short("Some `code spans here` too", 15) == "<p>Some <code>code spans</code>…</p>"


def test_entities_count_as_one_character_and_stay_escaped() -> None:
    assert _short("Tom & Jerry <3 forever and ever", 14) == "<p>Tom &amp; Jerry &lt;3…</p>"


def test_later_blocks_go_and_earlier_ones_stay_whole() -> None:
    text = "First paragraph here.\n\nSecond one, longer than the first.\n\n- an item\n- more"
    assert _short(text, 10) == "<p>First…</p>"
    assert _short(text, 40) == "<p>First paragraph here.</p>\n<p>Second one, longer…</p>"
    assert _short(text, 65) == (
        "<p>First paragraph here.</p>\n<p>Second one, longer than the first.</p>\n"
        "<ul>\n<li>an item…</li></ul>"
    )


def test_at_least_the_first_word_is_kept() -> None:
    assert _short("Supercalifragilistic words follow", 3) == "<p>Supercalifragilistic…</p>"
    assert _short("Supercalifragilistic words follow", 0) == "<p>Supercalifragilistic…</p>"
    # A text without any space is cut at the length itself.
    assert _short("abcdefghijklmnopqrstuvwxyz", 5) == "<p>abcde…</p>"


def test_a_suffix_goes_inside_the_block_outside_any_link() -> None:
    cut = _short(
        "See [this long title](https://example.org/t) here", 8, '<a href="r.html">full</a>'
    )
    assert cut == (
        '<p>See <a href="https://example.org/t" rel="noopener noreferrer">this</a>… '
        '<a href="r.html" rel="noopener noreferrer">full</a></p>'
    )


def test_what_a_suffix_or_a_cut_cannot_bring_in_is_sanitized() -> None:
    cut = _short("one two three", 4, '<a href="javascript:alert(1)" onclick="x()">full</a>')
    assert cut is not None
    assert "javascript" not in cut
    assert "onclick" not in cut


_WORD = st.text(st.sampled_from(list("abcdefghij&<>é")), min_size=1, max_size=7)
_PROSE = st.one_of(
    _WORD,
    _WORD.map(lambda word: f"**{word} {word}**"),
    _WORD.map(lambda word: f"_{word}_"),
    _WORD.map(lambda word: f"[{word} {word}](https://example.org/{len(word)})"),
    _WORD.map(lambda word: f"`{word} x`"),
    st.just("https://example.org/bare"),
)
_BLOCK = st.one_of(
    st.lists(_PROSE, min_size=1, max_size=12).map(" ".join),
    st.lists(st.lists(_PROSE, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=3).map(
        lambda items: "\n".join(f"- {item}" for item in items)
    ),
    st.lists(_PROSE, min_size=1, max_size=6).map(lambda words: "> " + " ".join(words)),
    st.lists(_WORD, min_size=1, max_size=6).map(lambda words: "```\n" + " ".join(words) + "\n```"),
)
_MARKDOWN = st.lists(_BLOCK, min_size=1, max_size=4).map("\n\n".join)


@settings(deadline=None)
@given(markdown=_MARKDOWN, length=st.integers(min_value=0, max_value=120))
def test_any_cut_is_valid_sanitized_html_whose_text_starts_the_original(
    markdown: str, length: int
) -> None:
    full = str(markdown_to_html(markdown)).strip()
    cut = shorten_html(full, length)
    text = html_text(full)
    if cut is None:
        assert len(text.rstrip()) <= length or len(text.split()) == 1
        return
    # Well formed: a strict HTML5 parser takes it, and sanitizing it again changes nothing.
    html5lib.HTMLParser(strict=True).parseFragment(str(cut))
    assert sanitize_html(str(cut)) == str(cut)
    kept = html_text(str(cut))
    assert kept.endswith(ELLIPSIS)
    kept = kept.removesuffix(ELLIPSIS)
    assert kept
    # The cut text starts the original (markup between blocks aside) and keeps to the length,
    # or to the first word when that alone is longer.
    assert text.startswith(kept) or " ".join(text.split()).startswith(" ".join(kept.split()))
    assert len(kept) <= length or text.split()[0].startswith(kept.strip()), (kept, length)
    assert len(kept.strip()) < len(text.strip())
