"""Plain text and links written as markdown that shows them as themselves, and that the
importer reads back as the same text: the one escape of everything the project writes as
markdown (`publisher readme`, CHANGELOG.md, `diff --format markdown`, a heading's link kept
in an intro by the importer)."""

from __future__ import annotations

import re

# "~" too: a title starting with "~~~" would open a fenced code block and swallow what follows.
_ALWAYS_ESCAPED = re.compile(r"([\\`*_\[\]<>~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^([-+=|]|\d+[.)])")
_SCHEME_COLON = re.compile(r"(?i)\b(mailto):")
_DESTINATION_SPECIAL = re.compile(r"([\\()<>])")
# What a `<…>` destination escapes: a bracket would end it, a backslash escape.
_POINTY_SPECIAL = re.compile(r"([\\<>])")


def markdown_text(value: str, *, line_start: bool = True, autolinks: bool = False) -> str:
    """Plain text as inline markdown that reads back as the same text: no markup, no links.
    ``line_start``: the text may start a line, where `- `, `1.` … would open a list.
    ``autolinks``: a bare URL may become a link of itself, as GitHub shows one (text for
    readers: it still reads as written); else it is escaped, as text the importer reads back
    must be (a link there would be read as a resource's)."""
    escaped = _ALWAYS_ESCAPED.sub(r"\\\1", value)
    escaped = _ENTITY_LIKE.sub(r"\\&", escaped)
    # "#" opens a heading at the start and closes one after a space; "//" and "mailto:"
    # would be turned into links.
    escaped = re.sub(r"(^|\s)#", r"\1\\#", escaped)
    if not autolinks:
        escaped = escaped.replace("//", r"\/\/")
        escaped = _SCHEME_COLON.sub(r"\1\\:", escaped)
    match = _LINE_START.match(escaped) if line_start else None
    if match:
        marker = match.group(1)
        escaped = f"{marker[:-1]}\\{marker[-1]}{escaped[len(marker) :]}"
    return escaped


def markdown_line(value: str) -> str:
    """`markdown_text` of text for readers (CHANGELOG.md, a diff's markdown) written after
    other markdown on one line (a heading's words after its hashes, a list item's after its
    marker): each run of whitespace, line breaks included, one space; a bare URL (a link's
    old and new address in a change) left for GitHub to link."""
    return markdown_text(" ".join(value.split()), line_start=False, autolinks=True)


def markdown_destination(url: str) -> str:
    """A URL as a link destination (what goes between the parentheses) that reads back
    unchanged: in pointy brackets when it holds whitespace (bare, it would be no link)."""
    if any(character.isspace() for character in url):
        return "<" + _POINTY_SPECIAL.sub(r"\\\1", url) + ">"
    return _DESTINATION_SPECIAL.sub(r"\\\1", url)


def markdown_link(title: str, url: str) -> str:
    """``[title](url)``, both read back unchanged (see `markdown_destination`)."""
    return f"[{markdown_text(title)}]({markdown_destination(url)})"
