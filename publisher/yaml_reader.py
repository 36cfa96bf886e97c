"""The hardened YAML reader: bytes of a data file → plain Python values (dicts, lists, text,
numbers, dates), refusing what a data file has no use for (aliases, tags, duplicate keys,
merge-conflict markers, bytes that are not UTF-8). Checking those values against the data
format is `publisher.load`'s job.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from publisher.conflicts import conflict_markers
from publisher.errors import DataError, NotFoundError, Problem

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Where an anchor can start: "&" at the start of a line or after white space or a YAML
# indicator, followed by an anchor name. Matches are rare in real data (text like "R&D" or
# "?a=1&b=2" does not match); only files that match pay for the exact check. Aliases need an
# anchor (PyYAML refuses an undefined alias), so refusing anchors refuses aliases too.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:?\ufeff])&[^\s\[\]{},]", re.MULTILINE)

MAX_FILE_BYTES = 16 * 2**20  # a road map of ~50,000 resources; 200 MB took 2.4 GB to parse
MAX_LINE_BYTES = 100_000
_LONG_LINE = re.compile(rb"[^\n]{%d}" % (MAX_LINE_BYTES + 1))
_TAG = "tag:yaml.org,2002:"
_STR_TAG = _TAG + "str"
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"
# Implicit scalar types kept from YAML 1.1 (dates become datetime.date, numbers int/float, so
# that a wrongly typed field gets a precise message). Sets, ordered maps, binary, Python
# objects and custom tags are refused.
_SCALAR_TAGS = frozenset(_TAG + name for name in ("null", "bool", "int", "float", "timestamp"))
_IMPLICIT_RESOLVERS: dict[str | None, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(resolvers) for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


class _StrictLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """The C parser where present, with a constructor of our own: plain dicts, lists and
    scalars, refusing aliases (no alias bombs), duplicate keys and unknown tags.

    The constructor is also the fast part: PyYAML's generic one spends several Python calls
    per node; this one spends about one per collection and none per plain text value.
    """

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        # PyYAML's own resolve with the same rules, minus its per-call list building and
        # path-resolver checks: it runs once per node, from the C composer.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in _IMPLICIT_RESOLVERS.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers

    def ascend_resolver(self) -> None:
        pass

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        builder = _DocumentBuilder(self)
        document = builder.construct(node)
        if builder.problems:
            raise _ConstructionProblems(builder.problems)
        return document


class _WrittenInt(int):
    """An int that remembers how it was written (``1:30`` is 90 in YAML 1.1)."""

    written: str


class _WrittenFloat(float):
    """A float that remembers how it was written (``2024.10`` is 2024.1)."""

    written: str


class _ConstructionProblems(Exception):
    """Problems found while constructing one document: (message, mark) pairs."""

    def __init__(self, problems: list[tuple[str, Any]]) -> None:
        super().__init__(problems)
        self.problems = problems


class _DocumentBuilder:
    """Turns a composed node graph into plain Python values, collecting every problem."""

    def __init__(self, loader: _StrictLoader) -> None:
        self.loader = loader
        self.seen: set[int] = set()  # ids of collection nodes: an alias repeats a node
        self.problems: list[tuple[str, Any]] = []

    def construct(self, node: yaml.Node) -> Any:
        cls = node.__class__
        if cls is yaml.ScalarNode:
            return self.scalar(node)  # type: ignore[arg-type]
        if id(node) in self.seen:
            # Backstop for the anchor pre-check: a repeated node is an alias.
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases are not allowed", node.start_mark
            )
        self.seen.add(id(node))
        construct = self.construct
        if cls is yaml.MappingNode:
            if node.tag != _MAP_TAG:
                return self.refuse_tag(node)
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = (
                    key_node.value
                    if key_node.tag == _STR_TAG and key_node.__class__ is yaml.ScalarNode
                    else self.key(key_node)
                )
                value = (
                    value_node.value
                    if value_node.tag == _STR_TAG and value_node.__class__ is yaml.ScalarNode
                    else construct(value_node)
                )
                if key in mapping:
                    self.problems.append((f"duplicate key {key!r}", key_node.start_mark))
                    continue
                mapping[key] = value
            return mapping
        if node.tag != _SEQ_TAG:
            return self.refuse_tag(node)
        return [
            item.value
            if item.tag == _STR_TAG and item.__class__ is yaml.ScalarNode
            else construct(item)
            for item in node.value
        ]

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR_TAG or tag == _TAG + "value":  # "=" alone is just text
            return node.value
        if tag not in _SCALAR_TAGS:
            return self.refuse_tag(node)
        try:
            value = self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, TypeError, OverflowError) as error:
            # e.g. "date: 2024-02-30": PyYAML lets datetime's ValueError escape.
            kind = {"timestamp": "date"}.get(tag.removeprefix(_TAG), tag.removeprefix(_TAG))
            self.problems.append(
                (f"{node.value!r} is not a valid {kind}: {error}", node.start_mark)
            )
            return node.value
        if value.__class__ is int or value.__class__ is float:
            # Keep the number as written, for hints: "version: 2024.10" reads as 2024.1.
            value = (_WrittenInt if value.__class__ is int else _WrittenFloat)(value)
            value.written = node.value
        return value

    def key(self, node: yaml.Node) -> Any:
        if node.tag == _TAG + "merge":
            self.problems.append(("merge keys ('<<') are not allowed", node.start_mark))
            return node.start_mark  # unique: the entry is dropped later as unknown
        if node.__class__ is not yaml.ScalarNode:
            self.problems.append(("a mapping key must be text", node.start_mark))
            return node.start_mark
        return self.scalar(node)

    def refuse_tag(self, node: yaml.Node) -> None:
        self.problems.append((f"the tag {node.tag!r} is not allowed", node.start_mark))
        return None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _conflict_problems(label: str, text: str) -> list[Problem]:
    return [
        Problem(path=label, line=line, column=1, message=f"merge-conflict marker {marker!r}")
        for line, marker in conflict_markers(text)
    ]


def _anchor_problems(label: str, text: str) -> list[Problem]:
    """Every anchor and alias in ``text``, found by the parser (exact, unlike the pre-check)."""
    problems = []
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None and event.start_mark is not None:
                sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
                problems.append(
                    Problem(
                        path=label,
                        line=event.start_mark.line + 1,
                        column=event.start_mark.column + 1,
                        message=f"anchors and aliases are not allowed ({sign}{anchor})",
                    )
                )
    except yaml.YAMLError:
        pass  # a syntax error: reported by the real load below, with its position
    return problems


def _size_problem(label: str, size: int) -> Problem:
    return Problem(
        path=label,
        message=f"file is {size / 2**20:.1f} MB; data files are limited to "
        f"{MAX_FILE_BYTES // 2**20} MB (split the road map, or keep fewer releases' worth "
        "of text in one file)",
    )


def parse_yaml_bytes(data: bytes, label: str) -> Any:
    """Parse YAML text read from ``label``; raises DataError with line and column.

    Absurd inputs are refused before parsing (parsing a 200 MB file takes gigabytes): files
    over MAX_FILE_BYTES and lines over MAX_LINE_BYTES.
    """
    if len(data) > MAX_FILE_BYTES:
        raise DataError([_size_problem(label, len(data))])
    long_line = _LONG_LINE.search(data)
    if long_line:
        line, _ = _position(data, long_line.start())
        raise DataError(
            [
                Problem(
                    path=label,
                    line=line,
                    column=1,
                    message=f"line longer than {MAX_LINE_BYTES:,} bytes: refused (write long "
                    "text as a block over several lines)",
                )
            ]
        )
    if not data.strip():
        raise DataError([Problem(path=label, message="file is empty")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise DataError(
            [
                Problem(
                    path=label,
                    line=line,
                    column=column,
                    message=f"not valid UTF-8 (byte 0x{data[error.start]:02x}); "
                    "save the file as UTF-8",
                )
            ]
        ) from None
    conflicts = _conflict_problems(label, text)
    if conflicts:
        raise DataError(conflicts)
    if "&" in text and _MAYBE_ANCHOR.search(text):
        anchors = _anchor_problems(label, text)
        if anchors:
            raise DataError(anchors)
    try:
        document = yaml.load(text, Loader=_StrictLoader)
    except _ConstructionProblems as error:
        raise DataError(
            [
                Problem(path=label, line=mark.line + 1, column=mark.column + 1, message=message)
                for message, mark in error.problems
            ]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or ""
        context_mark = error.context_mark
        if error.problem and error.context and context_mark and context_mark is not mark:
            # "did not find expected ']' (while parsing a flow sequence at line 8, column 15)":
            # the problem is where the parser noticed, the context where the cause often is.
            message += (
                f" ({error.context} at line {context_mark.line + 1}, "
                f"column {context_mark.column + 1})"
            )
        elif error.problem and error.context:
            message = f"{error.context}: {error.problem}"
        raise DataError(
            [
                Problem(
                    path=label,
                    line=mark.line + 1 if mark else 0,
                    column=mark.column + 1 if mark else 0,
                    message=message or str(error),
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(path=label, message=f"not valid YAML: {error}")]) from None
    except RecursionError:
        raise DataError([Problem(path=label, message="nested too deeply")]) from None
    if document is None:
        raise DataError([Problem(path=label, message="file is empty (only comments)")])
    return document


def read_bytes(path: Path, label: str | None = None) -> bytes:
    """The bytes of one input file (e.g. the working copy, frozen as written by `release`);
    raises NotFoundError or DataError naming ``label``."""
    label = label if label is not None else str(path)
    try:
        with path.open("rb") as stream:
            # Never more than the limit (and one byte to tell): a 200 MB file is not read.
            data = stream.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise DataError([_size_problem(label, os.fstat(stream.fileno()).st_size)])
            return data
    except FileNotFoundError:
        raise NotFoundError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise NotFoundError(f"{label}: is a folder, not a file") from None
    except OSError as error:
        raise DataError([Problem(path=label, message=f"cannot read: {error.strerror}")]) from None


def read_yaml(path: Path, label: str | None = None) -> Any:
    """Read and parse one YAML file; raises NotFoundError or DataError naming ``label``."""
    label = label if label is not None else str(path)
    return parse_yaml_bytes(read_bytes(path, label), label)
