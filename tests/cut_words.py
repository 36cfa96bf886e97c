"""Reading the road map page's search as the page's script does: each resource's text and the
words its shortened description lost, from the page's <template id="cut-words">
(`publisher.page.cut_words_index`; templates/page/roadmap.js decodes it the same way)."""

from __future__ import annotations

import lxml.html

from publisher.page import search_words

LAST = "0123456789abcdefghijklmnopqrstuv"
LEADING = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_-"


def decode_cut_words(index: str) -> dict[str, list[int]]:
    """Word → the page positions of the resources that lost it, from the index's text."""
    words: dict[str, list[int]] = {}
    for line in index.split("\n"):
        if not line:
            continue
        word, numbers = line.split(" ")
        positions = words.setdefault(word, [])
        position, value = -1, 0
        for character in numbers:
            if character in LEADING:
                value = value * 32 + LEADING.index(character)
                continue
            position += value * 32 + LAST.index(character) + 1
            value = 0
            positions.append(position)
    return words


def searched_texts(html: str) -> list[str]:
    """What the page's search reads of each resource, in page order: its text, lower-cased,
    and the words its description lost."""
    document = lxml.html.fromstring(html)
    texts = [
        item.text_content().lower()
        for item in document.xpath('//main[@id="roadmap"]//ul[@class="resources"]/li')
    ]
    for template in document.xpath('//template[@id="cut-words"]'):
        for word, positions in decode_cut_words(template.text_content()).items():
            for position in positions:
                texts[position] += " " + word.lower()
    return texts


def found(texts: list[str], query: str) -> list[int]:
    """The positions the search shows for ``query``: every query word inside the text."""
    words = search_words(query)
    return [index for index, text in enumerate(texts) if all(word in text for word in words)]
