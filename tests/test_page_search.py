"""The road map page's search finds the words its shortened descriptions lost: they travel
once, in a compact index (page.cut_words_index, in <template id="cut-words">) weighed with the
page, so the page keeps within its limit; where no such index fits, descriptions are cut
without it, as before. The script (templates/page/roadmap.js) is tested in a browser in
test_readers_browser.py; here its reading is mirrored by tests/cut_words.py."""

from __future__ import annotations

import datetime as dt
import html

import html5lib
import lxml.html
from cut_words import decode_cut_words, found, searched_texts
from hypothesis import given
from hypothesis import strategies as st

from publisher import page
from publisher.model import Release, Resource, Roadmap, Section, Site
from publisher.render import html_text, markdown_to_html, template_environment

SITE = Site(title="A Searchable Road Map", base_url="https://search.example.org/")
RELEASE = Release(version="2024.05", date=dt.date(2024, 5, 1))
VOCABULARY = (
    *("gradient", "descent", "attention", "transformer", "kernel", "bayesian", "inference"),
    *("sampling", "convex", "regularization", "dropout", "embedding", "tokenizer", "pca"),
    *("backpropagation", "ensemble", "boosting", "clustering", "lstm", "recurrent"),
    *("diffusion", "encoder", "decoder", "latent", "variational", "probabilistic", "causal"),
    *("reinforcement", "policy", "reward"),
)


def _description(index: int) -> str:
    """Sixty words of a shared vocabulary, a different mix for each resource, and a word of
    its own at the end (found only in that resource)."""
    words = [
        VOCABULARY[(index * 7 + step * (index % 5 + 1)) % len(VOCABULARY)] for step in range(60)
    ]
    return f"Covers *{words[0]}* and " + " ".join(words[1:]) + f", then own{index}word."


def searchable_page(count: int = 40) -> page.RoadmapPage:
    resources = tuple(
        Resource(
            title=f"Resource {index}",
            identity=f"https://example.org/r/{index}",
            url=f"https://example.org/r/{index}",
            kind="course",
            description=_description(index),
        )
        for index in range(count)
    )
    roadmap = Roadmap(
        title="Searchable",
        sections=(
            Section(title="First", id="first", resources=resources[: count // 2]),
            Section(title="Second", id="second", resources=resources[count // 2 :]),
        ),
    )
    return page.roadmap_page(roadmap, RELEASE, (), 0)


def _full_words(view: page.RoadmapPage) -> list[list[str]]:
    return [
        page.search_words(html_text(markdown_to_html(resource.description)))
        for section in view.sections
        for resource in section.resources
    ]


def test_the_search_finds_every_word_a_cut_took_off_and_the_page_keeps_its_limit() -> None:
    view = searchable_page()
    environment = template_environment()
    full = page.render_page(SITE, view, environment, limit=None)
    limit = len(full.encode("utf-8")) * 3 // 4  # deep cuts: most words leave the page
    shortened = page.render_page(SITE, view, environment, limit=limit)
    assert len(shortened.encode("utf-8")) <= limit  # the index is weighed with the page
    assert "40 long descriptions are shortened" in shortened
    assert shortened.count('<template id="cut-words">') == 1
    assert shortened.count("<script") == 1  # the index is no script
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(shortened)
    shown = [
        item.text_content().lower()
        for item in lxml.html.fromstring(shortened).xpath('//ul[@class="resources"]/li')
    ]
    texts = searched_texts(shortened)
    assert texts != shown  # the shortened page lost words, and the index brings them back
    for position, words in enumerate(_full_words(view)):
        for word in words:
            assert word in texts[position], (position, word)
    # The index holds only what the page does not show.
    [template] = lxml.html.fromstring(shortened).xpath('//template[@id="cut-words"]')
    for word, positions in decode_cut_words(template.text_content()).items():
        assert all(word not in shown[position] for position in positions), word
    # The search finds what it found on the whole page, no more.
    whole = searched_texts(full)
    for query in ["own7word", "own3", "lstm pca", "reward own12word", "nothing-like-this"]:
        assert found(texts, query) == found(whole, query), query
    assert found(texts, "own7word") == [7]


def test_without_room_for_the_index_descriptions_are_cut_without_it() -> None:
    # Words no other description has cost the index more than the page saves by cutting
    # them: that page is cut as before, its search reading what is shown.
    resources = tuple(
        Resource(
            title=f"Resource {index}",
            identity=f"https://example.org/u/{index}",
            url=f"https://example.org/u/{index}",
            description=" ".join(f"unique{index}x{word}" for word in range(60)),
        )
        for index in range(20)
    )
    roadmap = Roadmap(
        title="Unique", sections=(Section(title="All", id="all", resources=resources),)
    )
    view = page.roadmap_page(roadmap, RELEASE, (), 0)
    environment = template_environment()
    full = page.render_page(SITE, view, environment, limit=None)
    limit = len(full.encode("utf-8")) - 3_000
    shortened = page.render_page(SITE, view, environment, limit=limit)
    assert len(shortened.encode("utf-8")) <= limit
    assert "long descriptions are shortened" in shortened
    assert "cut-words" not in shortened


def test_a_page_within_its_limit_has_no_index() -> None:
    view = searchable_page()
    html_page = page.render_page(SITE, view, template_environment())
    assert "cut-words" not in html_page
    assert "shortened" not in html_page


@given(
    st.dictionaries(
        st.text(
            st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1
        ).filter(lambda word: word == word.strip() and len(word.split()) == 1),
        st.lists(st.integers(0, 200_000), min_size=1, unique=True).map(sorted),
        max_size=8,
    )
)
def test_the_index_reads_back_as_written(words: dict[str, list[int]]) -> None:
    # Any word (escaped for HTML, as the page carries it) and positions far apart (numbers
    # of one, two, three and four digits).
    index = page.cut_words_index(words)
    assert "<" not in index
    assert decode_cut_words(html.unescape(str(index))) == words
