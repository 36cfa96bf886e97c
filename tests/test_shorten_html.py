"""render.shorten_html: a description's HTML cut by its text, never inside its markup, at a
word boundary with "…", every element closed, still sanitized (the road map page's way of
keeping 10,000 resources within 2 MB, see test_size_limits and test_page)."""

from __future__ import annotations

import unicodedata

import html5lib
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.render import (
    ELLIPSIS,
    _word_cut,
    html_text,
    markdown_to_html,
    sanitize_html,
    shorten_html,
)


def _short(markdown: str, length: int, suffix: str = "") -> str | None:
    result = shorten_html(str(markdown_to_html(markdown)).strip(), length, suffix)
    return None if result is None else str(result)


def test_a_text_within_the_length_is_left_alone() -> None:
    assert _short("Four short words here.", 22) is None
    assert _short("Four short words here.", 100) is None
    # Nothing would be left out.
    assert _short("a", 0) is None
    # A text of one word is never cut into (the reviewer's "<p>S…</p>" of "Short.").
    assert _short("Supercalifragilistic", 3) is None
    for length in range(6):
        assert _short("Short.", length) is None
        assert _short("Recommended.", length) is None


def test_a_cut_that_saves_less_than_its_ellipsis_costs_is_skipped() -> None:
    # "a…" (4 bytes of text) is no smaller than "a b" (3): nothing is gained.
    assert _short("a b", 1) is None
    assert _short("ab cd", 2) is None  # "ab…" 5 bytes, "ab cd" 5 bytes
    assert _short("ab cde", 2) == "<p>ab…</p>"  # 5 bytes for 6


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
    # A word without any space is one word: whole.
    assert _short("abcdefghijklmnopqrstuvwxyz", 5) is None
    assert _short("https://example.org/a/very/long/path/without/spaces", 5) is None


def test_a_text_of_a_script_without_spaces_is_cut_between_its_characters() -> None:
    assert _short("日本語の文章です。とても長い説明", 4) == "<p>日本語の…</p>"
    # CJK punctuation before the cut goes, as "," does.
    assert _short("日本語の文章です。とても長い説明", 9) == "<p>日本語の文章です…</p>"
    assert _short("한국어 설명입니다 아주 긴", 0) == "<p>한…</p>"


def test_a_cut_never_splits_what_a_reader_sees_as_one_character() -> None:
    flags = "\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea\U0001f1ee\U0001f1f9"  # FR DE IT
    assert _short(flags, 1) == "<p>\U0001f1eb\U0001f1f7…</p>"
    assert _short(flags, 3) == "<p>\U0001f1eb\U0001f1f7…</p>"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert _short(family * 3, 2) == f"<p>{family}…</p>"
    thumbs = "\U0001f44d\U0001f3fd"  # with a skin tone
    assert _short(thumbs * 4, 1) == f"<p>{thumbs}…</p>"
    heart = "\u2764\ufe0f\u4e2d"  # a red heart (with its emoji selector) and a CJK character
    assert _short(heart * 4, 1) == "<p>\u2764\ufe0f…</p>"
    accented = "\u4e2de\u0301\u4e2de\u0301\u4e2de\u0301"  # e + a combining acute accent
    assert _short(accented, 3) == "<p>\u4e2de\u0301…</p>"
    assert _short(accented, 2) == "<p>\u4e2d…</p>"  # not "中e…" (the accent left out)


def test_a_suffix_goes_inside_the_block_outside_any_link() -> None:
    suffix = '<a href="r.html">full</a>'
    long = "See [this long title](https://example.org/t) here, " + "and more words " * 8
    cut = _short(long, 8, suffix)
    assert cut == (
        '<p>See <a href="https://example.org/t" rel="noopener noreferrer">this</a>… '
        '<a href="r.html" rel="noopener noreferrer">full</a></p>'
    )
    # Where the suffix costs more than the cut saves, there is no cut.
    assert _short("See [this long title](https://example.org/t) here", 8, suffix) is None


def test_what_a_suffix_or_a_cut_cannot_bring_in_is_sanitized() -> None:
    text = "one " + "two three " * 10
    cut = _short(text, 4, '<a href="javascript:alert(1)" onclick="x()">full</a>')
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
        # Nothing to cut, one word, or a cut that would save less than its "…" costs.
        left_out = text[_word_cut(text, length) :].strip()
        assert len(text.rstrip()) <= length or len(text.split()) == 1 or len(left_out) <= 2
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
    # Never inside the first word: the kept text holds it whole.
    assert kept.strip().startswith(text.split()[0].rstrip(".,;:!?-/([{")), (kept, text)
    assert len(cut.encode()) < len(full.encode())


# Pieces of text a reader sees as one character each (a grapheme), and words of them.
_FLAGS = ["\U0001f1eb\U0001f1f7", "\U0001f1e9\U0001f1ea", "\U0001f1ef\U0001f1f5"]
_GRAPHEMES = st.sampled_from(
    [
        *"ab語の한",
        "\U0001f600",
        *_FLAGS,
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family: joined by ZWJs
        "\U0001f44d\U0001f3fd",  # a skin tone
        "\u2764\ufe0f",  # an emoji presentation selector
        "e\u0301",  # a combining mark
        "\u4e2d\u0301\u0302",  # two
        "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England
    ]
)
_UNSPACED = st.lists(
    st.lists(_GRAPHEMES, min_size=1, max_size=12).map("".join), min_size=1, max_size=4
).map(" ".join)


def _is_regional_indicator(character: str) -> bool:
    return 0x1F1E6 <= ord(character) <= 0x1F1FF


@settings(deadline=None)
@given(text=_UNSPACED, length=st.integers(min_value=0, max_value=40))
def test_a_cut_never_ends_in_a_lone_mark_a_joiner_or_half_a_flag(text: str, length: int) -> None:
    full = str(markdown_to_html(text)).strip()
    cut = shorten_html(full, length)
    if cut is None:
        return
    kept = html_text(str(cut)).removesuffix(ELLIPSIS)
    original = html_text(full)
    assert kept
    assert original.startswith(kept)
    following = original[len(kept)]
    # What follows the cut does not belong to the character before it.
    assert not unicodedata.category(following).startswith("M"), ascii(kept)
    assert following not in "\u200d\ufe0f", ascii(kept)
    assert not 0x1F3FB <= ord(following) <= 0x1F3FF, ascii(kept)
    assert not 0xE0020 <= ord(following) <= 0xE007F, ascii(kept)
    assert kept[-1] != "\u200d", ascii(kept)
    # Flags come in pairs of regional indicators: the kept text ends in whole pairs.
    run = len(kept) - len(kept.rstrip("".join(_FLAGS)))
    assert all(_is_regional_indicator(character) for character in kept[len(kept) - run :])
    assert run % 2 == 0, ascii(kept)
