"""Hypothesis strategies for valid road maps, for any test that needs arbitrary data.

`roadmap_documents()` draws the parsed-YAML form (a dict, as `load.build_snapshot` takes it);
`roadmaps()` draws the validated model. Every field of the data format occurs: ids, kinds,
authors with URL and email, markdown descriptions and intros, tags, cost, time, level,
prerequisites and nested sections (up to three levels, the depth headings can show).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from publisher.load import build_snapshot
from publisher.model import COSTS, KINDS, LEVELS, Roadmap, normalize_url, slugify

# Letters, digits and the punctuation markdown cares about: titles must survive escaping.
_TITLE_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789")
    + list("*_[]<>#&:/\\`!()-.'\"|~+=")
    # Other scripts and emoji: titles in Chinese, Russian, German, Greek, Thai, with emoji.
    + ["é", "ü", "ß", "中", "文", "Ж", "д", "Ω", "ก", "\u0e33", "🤖"]
)
_WORD = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyz")), min_size=1, max_size=8)
_PROSE_WORD = st.one_of(
    _WORD,
    _WORD.map(lambda word: f"**{word}**"),
    _WORD.map(lambda word: f"_{word}_"),
    _WORD.map(lambda word: f"[{word}](https://example.org/{word})"),
    _WORD.map(lambda word: f"`{word}`"),
)


def _line(words: list[str]) -> str:
    return " ".join(words)


titles = st.lists(st.text(_TITLE_ALPHABET, min_size=1, max_size=12), min_size=1, max_size=5).map(
    _line
)
"""Single-line titles with markdown punctuation, single spaces, no surrounding space."""

paragraphs = st.lists(_PROSE_WORD, min_size=1, max_size=12).map(_line)
markdown_texts = st.lists(paragraphs, min_size=1, max_size=3).map(
    lambda parts: "\n\n".join(parts) + "\n"
)
"""Markdown fields as stored: paragraphs with emphasis, links and code, a final newline."""

descriptions = st.one_of(
    markdown_texts,
    # Anything that stays inside a quote: lists, code, odd spacing.
    st.lists(
        st.one_of(paragraphs, paragraphs.map(lambda text: f"- {text}"), st.just("    code()")),
        min_size=1,
        max_size=4,
    ).map(lambda parts: "\n".join(parts) + "\n"),
)

_SLUG = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
_PATH = st.from_regex(r"[a-z0-9_()~.-]{0,12}", fullmatch=True)


@st.composite
def roadmap_documents(draw: st.DrawFn, max_depth: int = 3) -> dict[str, Any]:
    """A valid road map as parsed YAML: unique identities and section ids, real prerequisites."""
    identities: list[str] = []
    section_ids: set[str] = set()
    counter = iter(range(10_000))

    def resource(section_path: tuple[str, ...]) -> dict[str, Any]:
        number = next(counter)
        fields: dict[str, Any] = {"title": draw(titles)}
        if draw(st.booleans()):
            fields["url"] = f"https://example.org/{number}/{draw(_PATH)}"
        if draw(st.integers(0, 4)) == 0:
            fields["id"] = f"{draw(_SLUG)}-{number}"
        identity = fields.get("id") or (
            normalize_url(fields["url"])
            if "url" in fields
            else "/".join((*section_path, slugify(fields["title"])))
        )
        if identity in identities:
            fields["id"] = f"resource-{number}"
            identity = fields["id"]
        if draw(st.booleans()):
            fields["kind"] = draw(st.sampled_from(sorted(KINDS)))
        author = draw(st.integers(0, 3))
        if author == 1:
            fields["author"] = draw(titles)
        elif author >= 2:
            fields["author"] = {"name": draw(titles), "url": f"https://example.org/a/{number}"}
            if author == 3:
                fields["author"]["email"] = f"author{number}@example.org"
        if draw(st.booleans()):
            fields["description"] = draw(descriptions)
        if draw(st.integers(0, 3)) == 0:
            fields["tags"] = draw(st.lists(titles, min_size=1, max_size=3))
        if draw(st.integers(0, 3)) == 0:
            fields["cost"] = draw(st.sampled_from(sorted(COSTS)))
        if draw(st.integers(0, 3)) == 0:
            fields["time"] = draw(titles)
        if draw(st.integers(0, 3)) == 0:
            fields["level"] = draw(st.sampled_from(sorted(LEVELS)))
        if identities and draw(st.integers(0, 3)) == 0:
            fields["prerequisites"] = draw(
                st.lists(st.sampled_from(identities), min_size=1, max_size=2, unique=True)
            )
        identities.append(identity)
        return fields

    def section(depth: int, parent_ids: tuple[str, ...]) -> dict[str, Any]:
        number = next(counter)
        fields: dict[str, Any] = {"title": draw(titles)}
        section_id = slugify(fields["title"])
        if section_id in section_ids or draw(st.integers(0, 5)) == 0:
            section_id = f"section-{number}"
            fields["id"] = section_id
        section_ids.add(section_id)
        path = (*parent_ids, section_id)
        if draw(st.booleans()):
            fields["intro"] = draw(markdown_texts)
        count = draw(st.integers(0, 4))
        if count:
            fields["resources"] = [resource(path) for _ in range(count)]
        if depth < max_depth:
            children = draw(st.integers(0, 2 if depth == 1 else 1))
            if children:
                fields["sections"] = [section(depth + 1, path) for _ in range(children)]
        return fields

    document: dict[str, Any] = {"title": draw(titles)}
    if draw(st.booleans()):
        document["intro"] = draw(markdown_texts)
    count = draw(st.integers(0, 3))
    if count:
        document["sections"] = [section(1, ()) for _ in range(count)]
    return document


@st.composite
def roadmaps(draw: st.DrawFn, max_depth: int = 3) -> Roadmap:
    """A valid road map (the model), as `load` builds it."""
    return build_snapshot(draw(roadmap_documents(max_depth)), "generated").roadmap
