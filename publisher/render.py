"""Rendering: the one Jinja2 environment (sandboxed), and markdown → safe HTML.

Templates are looked up in the project's own ``templates/`` first, then in the defaults
shipped with the package, so a project overrides them file by file.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from publisher.diff import ChangeWords, space_before
from publisher.errors import Problem, TemplateError
from publisher.model import slugify

# Autoescaping by file name: select_autoescape does not know .mjml, and our templates end in .j2.
_ESCAPED_SUFFIXES = (".html", ".xml", ".mjml", ".svg", ".xsl")
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def default_templates_dir() -> Path:
    """The templates shipped with the package (inside the wheel, or the repository's templates/)."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


class _ContainedLoader(jinja2.FileSystemLoader):
    """Templates from the search path, each read only when its real path stays inside the
    folder it may come from: a project's own templates/ arrive through pull requests like its
    data, and a symbolic link committed there (``templates/page/page.css`` →
    ``/etc/passwd``) would publish the file it points to. Raises TemplateError, unread."""

    def __init__(self, folders: list[tuple[Path, Path]]) -> None:
        super().__init__([str(folder) for folder, _ in folders])
        # (search folder, the real folder its templates must stay inside)
        self.folders = folders

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder, inside in self.folders:
            path = folder.joinpath(*pieces)
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(inside):
                label = path.relative_to(folder.parent).as_posix()
                raise TemplateError(
                    [
                        Problem(
                            path=label,
                            message="is a symbolic link to a file outside the project: refused, "
                            "not read (templates must live in the project)",
                        )
                    ]
                )
            break
        return super().get_source(environment, template)


def _escape_by_name(name: str | None) -> bool:
    return bool(name) and name.removesuffix(".j2").endswith(_ESCAPED_SUFFIXES)  # type: ignore[union-attr]


@functools.lru_cache(maxsize=8)
def template_environment(
    project_templates: Path | None = None, bytecode_dir: Path | None = None
) -> jinja2.Environment:
    """The Jinja2 environment: sandboxed, StrictUndefined, autoescape for HTML/XML/MJML, our
    filters.

    A project's own templates/ arrive through pull requests like its data, so they run in
    Jinja2's immutable sandbox: no attribute starting with ``_`` (no way from a value to
    ``__class__``, ``__globals__`` and on to the interpreter), no method that changes a list,
    dict or set, no unsafe format strings. A template that tries fails the render with a
    TemplateError naming the file and line. Immutable, not the plain sandbox: contexts hold
    lists built for one render and dicts shared by every render (readme's helpers), which a
    template must not change under the next one.

    ``bytecode_dir``: where compiled templates are kept between runs (a build's cache folder),
    so a process does not compile every template again (Jinja checks each one's source)."""
    folders = []
    if project_templates is not None and project_templates.is_dir():
        # The project's templates/ (or a link to a folder of the project) and nothing outside.
        folders.append((project_templates, project_templates.parent.resolve()))
    defaults = default_templates_dir()
    folders.append((defaults, defaults.resolve()))
    bytecode_cache = None
    if bytecode_dir is not None:
        bytecode_dir.mkdir(parents=True, exist_ok=True)
        bytecode_cache = jinja2.FileSystemBytecodeCache(str(bytecode_dir))
    environment = jinja2.sandbox.ImmutableSandboxedEnvironment(
        loader=_ContainedLoader(folders),
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        autoescape=_escape_by_name,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["markdown"] = markdown_to_html
    environment.filters["markdown_inline"] = markdown_inline_to_html
    environment.filters["slugify"] = slugify
    environment.filters["change_html"] = change_html
    return environment


def change_html(words: ChangeWords) -> Markup:
    """One changed field as HTML, in `diff.describe_change`'s words: escaped, and an edited
    text's words marked, ``<del>`` what went and ``<ins>`` what came."""
    if not words.parts:
        return Markup.escape(words.summary)
    marked = Markup.escape(words.prefix)
    for index, part in enumerate(words.parts):
        text = Markup.escape(part.text)
        if part.kind == "removed":
            text = Markup("<del>%s</del>") % text
        elif part.kind == "added":
            text = Markup("<ins>%s</ins>") % text
        # A replacement reads "<del>old</del> <ins>new</ins>".
        replaced = part.kind == "added" and index and words.parts[index - 1].kind == "removed"
        marked += Markup(" ") if replaced or space_before(words.parts, index) else Markup("")
        marked += text
    return marked


def render_template(environment: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name``; raises TemplateError naming the template file and line."""
    try:
        return environment.get_template(name).render(context)
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"template {error.name!r} not found") from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            [
                Problem(
                    path=error.filename or name,
                    line=error.lineno or 0,
                    message=error.message or "syntax error",
                )
            ]
        ) from None
    except jinja2.exceptions.SecurityError as error:
        path, line = _failing_line(environment, name, error)
        raise TemplateError(
            [
                Problem(
                    path=path,
                    line=line,
                    message=f"{str(error).rstrip('.')}; templates run in Jinja2's immutable "
                    "sandbox: a list or dict cannot be changed, build it whole "
                    "(e.g. [a, b] | select | list, see README 'Security')",
                )
            ]
        ) from None
    except jinja2.TemplateError as error:
        path, line = _failing_line(environment, name, error)
        raise TemplateError([Problem(path=path, line=line, message=str(error))]) from None


def _failing_line(
    environment: jinja2.Environment, name: str, error: BaseException
) -> tuple[str, int]:
    # Jinja rewrites a render error's traceback so its frames stand for template lines (file
    # name and line of the template): the innermost one is where the template failed, which
    # may be an included or extended template rather than ``name``.
    templates = {str(Path(folder).resolve()) for folder in _search_path(environment)}
    traceback = error.__traceback__
    found: tuple[str, int] | None = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if any(str(Path(filename).resolve()).startswith(folder + "/") for folder in templates):
            found = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found or (_template_file(environment, name), 0)


def _search_path(environment: jinja2.Environment) -> list[str]:
    loader = environment.loader
    return list(loader.searchpath) if isinstance(loader, jinja2.FileSystemLoader) else []


def template_source(environment: jinja2.Environment, name: str) -> str:
    """A template file's text as written, not rendered (a script, a style sheet), the
    project's own first; raises TemplateError when it is missing or refused."""
    loader = environment.loader
    assert loader is not None
    try:
        source, _, _ = loader.get_source(environment, name)
    except jinja2.TemplateNotFound:
        raise TemplateError(f"template {name!r} not found") from None
    return source


def _template_file(environment: jinja2.Environment, name: str) -> str:
    for folder in _search_path(environment):
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return name


@functools.cache
def _markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"linkify": True, "html": False}).enable("linkify")


def markdown_tokens(text: str) -> list[Token]:
    """The CommonMark block tokens of ``text`` (inline tokens as children), for plain-text
    renderings such as the email's text part."""
    return _markdown_parser().parse(text) if text else []


def markdown_links(text: str) -> tuple[str, ...]:
    """The destinations of the links in markdown ``text`` as the pages render them, in
    order: inline, reference and autolinks and bare URLs (linkify); never what sits in a
    code span or code block."""
    found: list[str] = []
    for block in markdown_tokens(text):
        for token in block.children or ():
            if token.type == "link_open":
                href = token.attrGet("href")
                if isinstance(href, str) and href:
                    found.append(href)
    return tuple(found)


# A build renders the same descriptions many times (the road map page, each feed that carries
# a resource, each release that changes it) and rendering is pure: the latest texts are kept.
_MARKDOWN_MEMO = 8192


@functools.lru_cache(maxsize=_MARKDOWN_MEMO)
def markdown_to_html(text: str) -> Markup:
    """CommonMark → HTML, sanitized: only safe tags, and links only to http, https, mailto."""
    if not text:
        return Markup("")
    return Markup(sanitize_html(_markdown_parser().render(text)))


@functools.lru_cache(maxsize=_MARKDOWN_MEMO)
def markdown_inline_to_html(text: str) -> Markup:
    """One line of markdown (no wrapping paragraph) → sanitized HTML."""
    if not text:
        return Markup("")
    return Markup(sanitize_html(_markdown_parser().renderInline(text)))


def sanitize_html(html: str) -> str:
    """Strip everything but safe markup from ``html`` (scripts, handlers, javascript: links)."""
    return nh3.clean(html, url_schemes=_ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer")


# Sanitized HTML (nh3's output) as pieces: a tag (its attribute values always quoted, where a
# ">" may stand) or a run of text.
_TAG_OR_TEXT = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+""")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_VOID_ELEMENTS = frozenset(("br", "hr", "img", "wbr", "col", "area", "source", "track"))
# Where the ellipsis and a suffix may go: inside the block the text ends in, outside any
# inline element (a link, code, emphasis), so a suffix link never nests in another link.
_BLOCK_ELEMENTS = frozenset(
    (
        *("p", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "div"),
        *("h1", "h2", "h3", "h4", "h5", "h6"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"),
    )
)
# Left out before the ellipsis: "a list, of things…" rather than "a list, of things,…".
_TRAILING = " \t\r\n,;:.!?-\u2013\u2014([{/\u3001\u3002\uff0c\uff1a\uff1b"
ELLIPSIS = "\u2026"


def html_text(sanitized: str) -> str:
    """The text of sanitized HTML (`markdown_to_html`'s output), entities decoded."""
    return "".join(
        html.unescape(piece) for piece in _TAG_OR_TEXT.findall(sanitized) if piece[0] != "<"
    )


def shorten_html(sanitized: str, length: int, suffix: str = "") -> Markup | None:
    """Sanitized HTML cut after at most ``length`` characters of its text, at a word
    boundary, with "…" and then ``suffix`` (HTML) inside the block where the text now ends,
    every element closed, sanitized again. Never below its first whole word; in a text
    without spaces (CJK, a run of emoji) between two characters of a script written without
    spaces, never inside a character a reader sees as one (see `_word_cut`). None when its
    text is not longer than ``length``, when a cut would leave nothing out (a text of one
    word) or when the cut HTML would be no smaller than ``sanitized`` (the "…" and the suffix
    cost what the cut saves). The text is cut, never the markup: a link or emphasis cut in
    the middle keeps its start and is closed."""
    pieces = _TAG_OR_TEXT.findall(sanitized)
    text = "".join(html.unescape(piece) for piece in pieces if piece[0] != "<")
    if len(text) <= length:
        return None
    cut = _word_cut(text, length)
    if not text[cut:].strip():
        return None  # the first word is all there is
    kept: list[str] = []
    open_elements: list[str] = []
    position = 0
    for piece in pieces:
        if position >= cut:
            break
        if piece[0] != "<":
            raw = html.unescape(piece)
            if position + len(raw) <= cut:
                kept.append(piece)
                position += len(raw)
            else:
                kept.append(html.escape(raw[: cut - position], quote=False))
                position = cut
            continue
        name_match = _TAG_NAME.match(piece)
        if name_match is None:  # a comment or doctype: nh3 leaves none, and none is kept
            continue
        name = name_match.group(1).lower()
        if piece.startswith("</"):
            if name in open_elements:
                while open_elements.pop() != name:
                    pass
        elif name not in _VOID_ELEMENTS and not piece.endswith("/>"):
            open_elements.append(name)
        kept.append(piece)
    while open_elements and open_elements[-1] not in _BLOCK_ELEMENTS:
        kept.append(f"</{open_elements.pop()}>")
    kept.append(ELLIPSIS)
    if suffix:
        kept.append(" " + suffix)
    kept.extend(f"</{name}>" for name in reversed(open_elements))
    result = sanitize_html("".join(kept))
    if len(result.encode("utf-8")) >= len(sanitized.encode("utf-8")):
        return None  # a cut that saves less than its "…" (and suffix) cost
    return Markup(result)


def _word_cut(text: str, length: int) -> int:
    """Where to cut ``text`` to keep at most ``length`` characters: after the last word
    that ends within them, trailing punctuation left out; after the first word when none
    does (never inside it). A word ends before a space, and on either side of a character
    of a script written without spaces (CJK, kana, most emoji: East Asian wide or
    fullwidth), there only at a grapheme boundary (`_grapheme_boundary`). ``len(text)``
    when there is no such place: the text is one word."""
    ends = len(text)
    cut = 0
    # The last word end within the length, looking back from it.
    for index in range(min(length, ends - 1), 0, -1):
        if _word_end(text, index):
            cut = index
            break
    if not cut:  # none: the end of the first word, looking on from the length
        for index in range(max(min(length, ends - 1), 1), ends):
            if _word_end(text, index):
                cut = index
                break
        else:
            return ends
    stripped = len(text[:cut].rstrip(_TRAILING))
    if text[:stripped].strip() and _grapheme_boundary(text, stripped):
        return stripped
    return len(text[:cut].rstrip())


def _word_end(text: str, index: int) -> bool:
    """Whether a word ends between ``text[index - 1]`` and ``text[index]`` (0 < index <
    len(text)): a space follows a character that is not one, or a character of a script
    written without spaces stands on either side of a grapheme boundary."""
    before, after = text[index - 1], text[index]
    if before.isspace():
        return False
    if after.isspace():
        return True
    return (_unspaced(before) or _unspaced(after)) and _grapheme_boundary(text, index)


def _unspaced(character: str) -> bool:
    """A character of a script written without spaces between words: East Asian wide or
    fullwidth (CJK ideographs, kana, Hangul syllables, most emoji), or half a flag."""
    if character.isascii():
        return False
    return unicodedata.east_asian_width(character) in "WF" or _regional_indicator(character)


_ZWJ = "\u200d"
_SKIN_TONES = range(0x1F3FB, 0x1F400)  # emoji modifiers, Fitzpatrick 1-2 to 6
_TAGS = range(0xE0020, 0xE0080)  # the tag characters of subdivision flags (England …)
_JAMO_VOWELS_AND_FINALS = range(0x1160, 0x1200)


def _regional_indicator(character: str) -> bool:
    return 0x1F1E6 <= ord(character) <= 0x1F1FF


def _grapheme_boundary(text: str, index: int) -> bool:
    """Whether ``text`` may be cut before ``text[index]`` without splitting what a reader
    sees as one character. The standard library has no grapheme iterator (UAX #29), so the
    common cases are handled one by one: a combining mark (any category M, which includes
    the variation selectors such as U+FE0F), a skin-tone modifier or a tag character stays
    with what it follows; a zero width joiner (U+200D) joins both its neighbours; regional
    indicators go in pairs (a flag); CR LF and Hangul jamo sequences stay whole."""
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    code = ord(after)
    if after == _ZWJ or before == _ZWJ:
        return False
    if unicodedata.category(after).startswith("M") or code in _SKIN_TONES or code in _TAGS:
        return False
    if before == "\r" and after == "\n":
        return False
    if code in _JAMO_VOWELS_AND_FINALS and 0x1100 <= ord(before) < 0x1200:
        return False
    if _regional_indicator(before) and _regional_indicator(after):
        run = 0  # regional indicators before the cut: a flag is split when they are odd
        while index - run - 1 >= 0 and _regional_indicator(text[index - run - 1]):
            run += 1
        return run % 2 == 0
    return True
