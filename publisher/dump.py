"""The only place that turns a model into YAML: block style, keys in the design's order,
markdown fields as ``|`` literal blocks, versions quoted. `load` reads back exactly what this
writes (tests check the round trip).

Written by hand rather than through PyYAML's emitter: it is many times faster, and each
resource's text is cached, so the thousands of nearly equal snapshots of a git history cost
little more than one.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re

from publisher import release_digest
from publisher.identity_memo import ObjectMemo
from publisher.model import Author, Release, Resource, Roadmap, Section, Snapshot, slugify

_INDENT = "  "
# Characters YAML refuses to read unescaped (PyYAML's Reader: all but tab, line breaks,
# \x20-\x7e, \x85, \xa0-\ud7ff, \ue000-\ufffd and \U00010000 on). Listed as the few
# characters they are: the negated class of those allowed took 7 ms to compile (Python's re
# fills a 65,536-entry map one character at a time), a twentieth of import-history's start-up.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
_PLAIN_START_FORBIDDEN = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_FORBIDDEN = frozenset(",[]{}")

# PyYAML's implicit resolvers (yaml/resolver.py, class Resolver: YAML 1.1 as `load` reads
# it), copied: a plain scalar one of them matches is read as a bool, number, date, null …, so
# it is quoted. Copied rather than asked of PyYAML so that writing YAML does not import it
# (import-history never reads YAML: PyYAML's import is a tenth of its start-up);
# tests/test_dump.py checks that these agree with PyYAML's own on every kind of scalar. As in
# PyYAML, a pattern is tried only on text starting with one of its characters.
_IMPLICIT_TYPES: tuple[tuple[str, str, int], ...] = (
    (
        "yYnNtTfFoO",  # bool
        r"""^(?:yes|Yes|YES|no|No|NO
        |true|True|TRUE|false|False|FALSE
        |on|On|ON|off|Off|OFF)$""",
        re.X,
    ),
    (
        "-+0123456789.",  # float
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    (
        "-+0123456789",  # int
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+
        |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
        re.X,
    ),
    ("<", r"^(?:<<)$", 0),  # merge
    (
        "~nN",  # null (and the empty string, which is never plain here)
        r"""^(?: ~
        |null|Null|NULL
        | )$""",
        re.X,
    ),
    (
        "0123456789",  # timestamp
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
         (?:[Tt]|[ \t]+)[0-9][0-9]?
         :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
         (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        re.X,
    ),
    ("=", r"^(?:=)$", 0),  # value
    ("!&*", r"^(?:!|&|\*)$", 0),  # yaml (never plain: those characters are quoted first)
)


_IMPLICIT_FIRST = frozenset("".join(characters for characters, _, _ in _IMPLICIT_TYPES))


@functools.cache
def _implicit_patterns(first: str) -> tuple[re.Pattern[str], ...]:
    """The implicit resolvers' patterns tried on text that starts with ``first`` (compiled
    when first needed)."""
    return tuple(
        re.compile(pattern, flags)
        for characters, pattern, flags in _IMPLICIT_TYPES
        if first in characters
    )


def reads_as_string(text: str) -> bool:
    """Whether ``text`` (not empty), written as a plain scalar, is read back as a string and
    not as a bool, number, date, null … (what PyYAML's `Resolver` decides)."""
    first = text[0]
    if first not in _IMPLICIT_FIRST:
        return True
    return not any(pattern.match(text) for pattern in _implicit_patterns(first))


@functools.lru_cache(maxsize=65536)
def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a one-line YAML scalar: plain when that reads back as the same string,
    else double-quoted."""
    if _is_plain(text, flow=flow):
        return text
    return _quoted(text)


def _is_plain(text: str, *, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_START_FORBIDDEN:
        return False
    if "\n" in text or "\r" in text or "\t" in text or _NOT_PRINTABLE.search(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\x85" in text:
        return False
    if "\u2028" in text or "\u2029" in text or "\ufeff" in text:
        return False
    if flow and any(character in _FLOW_FORBIDDEN for character in text):
        return False
    # A plain scalar that YAML would read as a number, bool, null, date …: quote it.
    return reads_as_string(text)


def _quoted(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    # JSON leaves a few characters raw that a YAML reader refuses or folds.
    return _NOT_PRINTABLE.sub(
        lambda match: f"\\u{ord(match.group()):04x}",
        quoted.replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P"),
    ).replace("\ufeff", "\\ufeff")


def block_text(text: str, indent: str) -> str:
    """A markdown field: a ``|`` literal block indented by ``indent`` (quoted when YAML's
    literal blocks cannot hold it)."""
    if (
        "\r" in text
        or _NOT_PRINTABLE.search(text)
        or any(character in text for character in "\x85\u2028\u2029\ufeff")
        or not text.strip()
    ):
        return " " + _quoted(text)
    body = text[:-1] if text.endswith("\n") else text
    if text.endswith("\n\n"):
        chomp = "+"
        body = text[:-1]
    elif text.endswith("\n"):
        chomp = ""
    else:
        chomp = "-"
    lines = body.split("\n")
    first = next((line for line in lines if line.strip()), "")
    # Content that starts with spaces needs its indentation said (relative to the key's).
    indicator = str(len(_INDENT)) if first.startswith(" ") else ""
    rendered = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f" |{indicator}{chomp}\n{rendered}"


def _author(author: Author, indent: str) -> str:
    if not author.url and not author.email:
        return f"{indent}author: {scalar(author.name)}\n"
    lines = [f"{indent}author:\n", f"{indent}{_INDENT}name: {scalar(author.name)}\n"]
    if author.url:
        lines.append(f"{indent}{_INDENT}url: {scalar(author.url)}\n")
    if author.email:
        lines.append(f"{indent}{_INDENT}email: {scalar(author.email)}\n")
    return "".join(lines)


def _strings(key: str, values: tuple[str, ...], indent: str) -> str:
    if all(_is_plain(value, flow=True) for value in values):
        return f"{indent}{key}: [{', '.join(values)}]\n"
    items = "".join(f"{indent}{_INDENT}- {scalar(value)}\n" for value in values)
    return f"{indent}{key}:\n{items}"


# Text per resource object, tuple of resources and section (see `publisher.identity_memo`):
# a history's snapshots share most of these objects (see importer).
_RESOURCE_TEXT: ObjectMemo[str] = ObjectMemo(limit=200_000)
_RESOURCES_TEXT: ObjectMemo[str] = ObjectMemo(limit=20_000)
_SECTION_TEXT: ObjectMemo[str] = ObjectMemo(limit=20_000)
# The UTF-8 of a top-level section (see `dump_snapshot_bytes`).
_SECTION_BYTES: ObjectMemo[bytes] = ObjectMemo(limit=20_000)
_MEMOS = (_RESOURCE_TEXT, _RESOURCES_TEXT, _SECTION_TEXT, _SECTION_BYTES)


def _resource(resource: Resource, indent: str) -> str:
    """One resource as a block-sequence item (``- title: …``) at ``indent``."""
    known = _RESOURCE_TEXT.get(resource, indent)
    if known is not None:
        return known
    return _RESOURCE_TEXT.put(resource, indent, _resource_text(resource, indent))


def _resources(resources: tuple[Resource, ...], indent: str) -> str:
    """A section's resources (cached by the tuple: the importer reuses unchanged ones)."""
    known = _RESOURCES_TEXT.get(resources, indent)
    if known is not None:
        return known
    text = "".join(_resource(resource, indent) for resource in resources)
    return _RESOURCES_TEXT.put(resources, indent, text)


def _resource_text(resource: Resource, indent: str) -> str:
    inner = indent + _INDENT
    out = [f"{indent}- title: {scalar(resource.title)}\n"]
    if resource.url:
        out.append(f"{inner}url: {scalar(resource.url)}\n")
    if resource.id:
        out.append(f"{inner}id: {scalar(resource.id)}\n")
    if resource.kind:
        out.append(f"{inner}kind: {resource.kind}\n")
    if resource.author is not None:
        out.append(_author(resource.author, inner))
    if resource.description:
        out.append(f"{inner}description:{block_text(resource.description, inner + _INDENT)}\n")
    if resource.tags:
        out.append(_strings("tags", resource.tags, inner))
    if resource.cost:
        out.append(f"{inner}cost: {resource.cost}\n")
    if resource.time:
        out.append(f"{inner}time: {scalar(resource.time)}\n")
    if resource.level:
        out.append(f"{inner}level: {resource.level}\n")
    if resource.prerequisites:
        out.append(_strings("prerequisites", resource.prerequisites, inner))
    return "".join(out)


def _section(section: Section, indent: str, out: list[str]) -> None:
    known = _SECTION_TEXT.get(section, indent)
    if known is not None:
        out.append(known)
        return
    text: list[str] = []
    _section_text(section, indent, text)
    out.append(_SECTION_TEXT.put(section, indent, "".join(text)))


def _section_bytes(section: Section) -> bytes:
    """A top-level section's text as UTF-8 (cached by the section object)."""
    known = _SECTION_BYTES.get(section)
    if known is not None:
        return known
    text: list[str] = []
    _section_text(section, _INDENT, text)
    return _SECTION_BYTES.put(section, None, "".join(text).encode("utf-8"))


def _section_text(section: Section, indent: str, out: list[str]) -> None:
    inner = indent + _INDENT
    out.append(f"{indent}- title: {scalar(section.title)}\n")
    if section.id != slugify(section.title):
        out.append(f"{inner}id: {scalar(section.id)}\n")
    if section.intro:
        out.append(f"{inner}intro:{block_text(section.intro, inner + _INDENT)}\n")
    if section.resources:
        out.append(f"{inner}resources:\n")
        out.append(_resources(section.resources, inner + _INDENT))
    if section.sections:
        out.append(f"{inner}sections:\n")
        for child in section.sections:
            _section(child, inner + _INDENT, out)


def _release(release: Release) -> str:
    out = [
        "release:\n",
        f'{_INDENT}version: "{release.version}"\n',
        f"{_INDENT}date: {release.date.isoformat()}\n",
    ]
    if release.title:
        out.append(f"{_INDENT}title: {scalar(release.title)}\n")
    if release.notes:
        out.append(f"{_INDENT}notes:{block_text(release.notes, _INDENT * 2)}\n")
    if release.source_commit or release.source_commits:
        out.append(f"{_INDENT}source:\n")
        if release.source_commit:
            out.append(f"{_INDENT * 2}commit: {scalar(release.source_commit)}\n")
        if release.source_commits:
            out.append(f"{_INDENT * 2}commits:\n")
        for commit in release.source_commits:
            moment = commit.date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            out.append(f"{_INDENT * 3}- hash: {scalar(commit.hash)}\n")
            out.append(f'{_INDENT * 4}date: "{moment}"\n')
            if commit.subject:
                out.append(f"{_INDENT * 4}subject: {scalar(commit.subject)}\n")
    return "".join(out)


def clear_caches() -> None:
    """Forget the text cached per resource and section."""
    for memo in _MEMOS:
        memo.clear()
    scalar.cache_clear()


def rotate_caches() -> None:
    """Forget the text cached per resource and section that was not used since the call
    before (see `publisher.git_history`: a long history rotates now and then, so that memory
    stays flat while the text of the version being written stays)."""
    for memo in _MEMOS:
        memo.rotate()
    scalar.cache_clear()


def dump_roadmap(roadmap: Roadmap, release: Release | None = None) -> str:
    """A road map (and, for a snapshot, its release block) as YAML text."""
    out = [_head(roadmap, release)]
    for section in roadmap.sections:
        _section(section, _INDENT, out)
    return "".join(out)


def _head(roadmap: Roadmap, release: Release | None) -> str:
    """What comes before the sections: the release block, the title, the intro."""
    out = [_release(release)] if release is not None else []
    out.append(f"title: {scalar(roadmap.title)}\n")
    if roadmap.intro:
        out.append(f"intro:{block_text(roadmap.intro, _INDENT)}\n")
    if roadmap.sections:
        out.append("sections:\n")
    return "".join(out)


def dump_snapshot(snapshot: Snapshot) -> str:
    """A snapshot as YAML text, ready for `output.write_files`; a release records the digest
    of its content (`release_digest.with_digest`), as `publisher release` writes it."""
    return dump_snapshot_bytes(snapshot).decode("utf-8")


def dump_snapshot_bytes(snapshot: Snapshot) -> bytes:
    """`dump_snapshot` as UTF-8, made from the UTF-8 of each top-level section (cached): a
    history writes thousands of nearly equal snapshots, and encoding each whole (or decoding
    it) would cost more than the rest of writing it."""
    roadmap = snapshot.roadmap
    head = _head(roadmap, snapshot.release).encode("utf-8")
    sections = [_section_bytes(section) for section in roadmap.sections]
    if snapshot.release is None:
        return b"".join([head, *sections])
    # The head holds the release block and the title line after it; each section's lines
    # are indented under "sections:", so none is a digest line.
    return release_digest.with_digest_parts(head, sections)
