"""The only reader of data files: YAML → validated model, every problem reported at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from publisher import addresses
from publisher.errors import DataError, NotFoundError, Problem
from publisher.model import (
    COSTS,
    KINDS,
    LEVELS,
    RESOURCE_FIELDS,
    URL_SCHEMES,
    Author,
    ChangelogSettings,
    EmailSettings,
    FeedSettings,
    PageSettings,
    Release,
    Resource,
    Roadmap,
    Section,
    Site,
    Snapshot,
    SourceCommit,
    resource_identity,
    slugify,
)

DATA_DIR = "data"
SITE_FILE = "site.yaml"
WORKING_FILE = "roadmap.yaml"
RELEASES_DIR = "releases"

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

RESOURCE_KEYS = frozenset(RESOURCE_FIELDS)
SECTION_KEYS = frozenset({"title", "id", "intro", "resources", "sections"})
ROADMAP_KEYS = frozenset({"title", "intro", "sections"})
SNAPSHOT_KEYS = ROADMAP_KEYS | {"release"}
RELEASE_KEYS = frozenset({"version", "date", "title", "notes", "source"})
SOURCE_KEYS = frozenset({"commit", "commits"})
SOURCE_COMMIT_KEYS = frozenset({"hash", "date", "subject"})
AUTHOR_KEYS = frozenset({"name", "url", "email"})
SITE_KEYS = frozenset(
    {
        "title",
        "description",
        "base_url",
        "language",
        "author",
        "email",
        "feeds",
        "hub",
        "subscribe_url",
        "page",
        "changelog",
    }
)
SITE_EMAIL_KEYS = frozenset({"from", "reply_to", "list_id", "unsubscribe_url"})
SITE_FEEDS_KEYS = frozenset({"entries", "icon", "logo"})
SITE_PAGE_KEYS = frozenset({"new_days"})
SITE_CHANGELOG_KEYS = frozenset({"keep"})

VERSION_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# A merge-conflict marker line as git writes it: seven marker characters, then a space and a
# label or the end of the line. "=======" alone is also a setext underline in markdown, so it
# counts only inside a conflict (after a "<<<<<<<" line).
_CONFLICT_LINE = re.compile(rb"^(<{7}|>{7}|\|{7})(?:[ \t].*)?\r?$|^(={7})\r?$", re.MULTILINE)
# Ids become path segments, anchors and tag URIs: no white space, separators or leading dot.
_SAFE_ID = re.compile(r"[^\s/\\;#?,.][^\s/\\;#?,]*")
_ID_RULE = "may not start with '.' nor hold white space or any of / \\ ; # ? ,"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_WHITE_SPACE = re.compile(r"\s")
# The common shape of a link, accepted without further checks (a lower-case host, no port).
_SIMPLE_URL = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][!-~]*)?\Z")
_UNKNOWN_KEYS_SHOWN = 10  # unknown keys listed per mapping; the rest are counted
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Where an anchor can start: "&" at the start of a line or after white space or a YAML
# indicator, followed by an anchor name. Matches are rare in real data (text like "R&D" or
# "?a=1&b=2" does not match); only files that match pay for the exact check. Aliases need an
# anchor (PyYAML refuses an undefined alias), so refusing anchors refuses aliases too.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:?\ufeff])&[^\s\[\]{},]", re.MULTILINE)

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


def _conflict_problems(label: str, data: bytes) -> list[Problem]:
    problems = []
    inside_conflict = False
    for match in _CONFLICT_LINE.finditer(data):
        marker = (match[1] or match[2]).decode("ascii")
        if marker == "=======" and not inside_conflict:
            continue
        inside_conflict = marker != ">>>>>>>"
        line, _ = _position(data, match.start())
        problems.append(
            Problem(path=label, line=line, column=1, message=f"merge-conflict marker {marker!r}")
        )
    return problems


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


def parse_yaml_bytes(data: bytes, label: str) -> Any:
    """Parse YAML text read from ``label``; raises DataError with line and column."""
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
    if b"<<<<<<<" in data or b">>>>>>>" in data or b"|||||||" in data:
        conflicts = _conflict_problems(label, data)
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
        return path.read_bytes()
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


class _Checker:
    """Collects content problems of one file under key paths like ``sections[2].url``."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(path=self.label, key=key, message=message))

    def mapping(self, value: Any, key: str, allowed: frozenset[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(key, f"must be a mapping, not {_type_name(value)}")
            return None
        unknown = sorted(value.keys() - allowed, key=str)
        # A file that is not ours (a secret symlinked in, a wrong file) must not be echoed
        # line by line into a CI log: short excerpts, and only the first few.
        for name in unknown[:_UNKNOWN_KEYS_SHOWN]:
            hint = _suggest(str(name), allowed)
            self.problem(
                _join(key, excerpt(str(name))),
                "unknown key" + (f" (did you mean {hint!r}?)" if hint else ""),
            )
        if len(unknown) > _UNKNOWN_KEYS_SHOWN:
            self.problem(key, f"{len(unknown) - _UNKNOWN_KEYS_SHOWN} more unknown keys")
        return value

    def text(self, mapping: dict[str, Any], name: str, key: str, *, required: bool = False) -> str:
        value = mapping.get(name)
        if value is None:
            if required:
                self.problem(_join(key, name), "is required")
            return ""
        if not isinstance(value, str):
            self.problem(
                _join(key, name), f"must be text, not {_type_name(value)}" + _quote_hint(value)
            )
            return ""
        if _CONTROL_CHARACTERS.search(value):
            self.problem(_join(key, name), "contains control characters")
            return ""
        if required and not value.strip():
            self.problem(_join(key, name), "must not be empty")
        return value

    def line(self, mapping: dict[str, Any], name: str, key: str, *, required: bool = False) -> str:
        """Text that must stay on one line (titles, names: they reach headers and feeds)."""
        value = self.text(mapping, name, key, required=required)
        if "\n" in value or "\r" in value:
            self.problem(_join(key, name), "must be a single line")
            return ""
        return value.strip()

    def choice(self, mapping: dict[str, Any], name: str, key: str, choices: frozenset[str]) -> str:
        value = self.line(mapping, name, key)
        if value and value not in choices:
            self.problem(_join(key, name), f"{value!r} is not one of {', '.join(sorted(choices))}")
            return ""
        return value

    def url(
        self,
        mapping: dict[str, Any],
        name: str,
        key: str,
        *,
        required: bool = False,
        schemes: frozenset[str] = URL_SCHEMES,
    ) -> str:
        value = self.line(mapping, name, key, required=required)
        if value:
            message = url_problem(value, schemes)
            if message:
                self.problem(_join(key, name), message)
                return ""
        return value

    def strings(self, mapping: dict[str, Any], name: str, key: str) -> tuple[str, ...]:
        value = mapping.get(name)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(_join(key, name), f"must be a list, not {_type_name(value)}")
            return ()
        result = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip() or "\n" in item:
                self.problem(
                    f"{_join(key, name)}[{index}]", "must be a non-empty single line of text"
                )
            else:
                result.append(item.strip())
        return tuple(result)

    def author(self, mapping: dict[str, Any], key: str) -> Author | None:
        value = mapping.get("author")
        if value is None:
            return None
        if isinstance(value, str):
            if value.strip() and "\n" not in value:
                return Author(name=value.strip())
            self.problem(_join(key, "author"), "must be a single line of text")
            return None
        fields = self.mapping(value, _join(key, "author"), AUTHOR_KEYS)
        if fields is None:
            return None
        author_key = _join(key, "author")
        return Author(
            name=self.line(fields, "name", author_key, required=True),
            url=self.url(fields, "url", author_key),
            email=self.line(fields, "email", author_key),
        )


def url_problem(url: str, schemes: frozenset[str] = URL_SCHEMES) -> str:
    """Why ``url`` is not acceptable as a link, or "" when it is."""
    if _SIMPLE_URL.match(url) and url[: url.index(":")] in schemes:
        return ""
    scheme, colon, rest = url.partition(":")
    if not colon or not _SCHEME.fullmatch(scheme):
        return f"{url!r} is not an absolute URL (it needs a scheme such as https:)"
    if scheme.lower() not in schemes:
        return f"'{scheme}:' is not an allowed scheme (use {', '.join(sorted(schemes))})"
    if _WHITE_SPACE.search(url):
        return f"{url!r} contains white space"
    if scheme.lower() == "mailto":
        return "" if "@" in rest else f"{url!r} has no e-mail address"
    if not rest.startswith("//"):
        return f"{url!r} has no host (write {scheme}://host/…)"
    try:
        parts = urlsplit(url)
    except ValueError:  # unbalanced [ ] or a host that folds into / ? # @ :
        return f"{url!r} is not a valid URL (check its host)"
    try:
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return f"{url!r} has an invalid port"
    if not parts.hostname:
        return f"{url!r} has no host"
    return ""


def excerpt(text: str, limit: int = 24) -> str:
    """At most ``limit`` characters of ``text`` for a message, control characters escaped:
    enough to find it in the file, too little to leak a file that is not ours."""
    shown = "".join(
        character if character.isprintable() else repr(character)[1:-1]
        for character in text[:limit]
    )
    return shown + ("…" if len(text) > limit else "")


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    # bool before int: True is an int too.
    for kind, name in _TYPE_NAMES:
        if isinstance(value, kind):
            return name
    return type(value).__name__


_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (dict, "a mapping"),
    (list, "a list"),
    (str, "text"),
    (bool, "true/false"),
    (int, "a number"),
    (float, "a number"),
    (date, "a date"),
)


def _written(value: Any) -> str:
    """How a scalar value was written in the file (as near as we know)."""
    written = getattr(value, "written", None)
    if isinstance(written, str):
        return written
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value)


def _quote_hint(value: Any) -> str:
    if isinstance(value, bool):  # "yes", "on", "true" …: the written form is lost
        return " (put it in quotes)"
    if isinstance(value, int | float | date):
        return f' (put it in quotes: "{_written(value)}")'
    return ""


def _suggest(name: str, allowed: frozenset[str]) -> str:
    import difflib

    matches = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def _check_release(checker: _Checker, value: Any) -> Release | None:
    fields = checker.mapping(value, "release", RELEASE_KEYS)
    if fields is None:
        return None
    version = fields.get("version")
    if isinstance(version, int | float) and not isinstance(version, bool):
        checker.problem(
            "release.version", f'must be text, not a number: write version: "{_written(version)}"'
        )
        version = ""
    else:
        version = checker.line(fields, "version", "release", required=True)
        if version and not VERSION_PATTERN.fullmatch(version):
            checker.problem(
                "release.version", f"{version!r} may hold only letters, digits, '.', '-' and '_'"
            )
    release_date = fields.get("date")
    if isinstance(release_date, str):
        try:
            release_date = date.fromisoformat(release_date)
        except ValueError:
            checker.problem("release.date", f"{release_date!r} is not a date (YYYY-MM-DD)")
            release_date = None
    elif release_date is None:
        checker.problem("release.date", "is required")
    elif not isinstance(release_date, date) or hasattr(release_date, "hour"):
        checker.problem(
            "release.date", f"must be a date (YYYY-MM-DD), not {_type_name(release_date)}"
        )
        release_date = None
    commit = ""
    commits: tuple[SourceCommit, ...] = ()
    if fields.get("source") is not None:
        source = checker.mapping(fields["source"], "release.source", SOURCE_KEYS)
        if source is not None:
            commit = checker.line(source, "commit", "release.source")
            commits = _source_commits(checker, source.get("commits"))
    title = checker.line(fields, "title", "release")
    notes = checker.text(fields, "notes", "release")
    if not version or release_date is None:
        return None
    return Release(
        version=version,
        date=release_date,
        title=title,
        notes=notes,
        source_commit=commit,
        source_commits=commits,
    )


def _source_commits(checker: _Checker, value: Any) -> tuple[SourceCommit, ...]:
    """``release.source.commits``: a list of {hash, date, subject} (import-history writes it)."""
    if value is None:
        return ()
    key = "release.source.commits"
    if not isinstance(value, list):
        checker.problem(key, f"must be a list, not {_type_name(value)}")
        return ()
    commits = []
    for index, item in enumerate(value):
        item_key = f"{key}[{index}]"
        fields = checker.mapping(item, item_key, SOURCE_COMMIT_KEYS)
        if fields is None:
            continue
        commit_hash = checker.line(fields, "hash", item_key, required=True)
        subject = checker.line(fields, "subject", item_key)
        moment = fields.get("date")
        if isinstance(moment, str):
            try:
                moment = datetime.fromisoformat(moment)
            except ValueError:
                checker.problem(f"{item_key}.date", f"{moment!r} is not a date and time (ISO 8601)")
                continue
        if not isinstance(moment, datetime):
            checker.problem(
                f"{item_key}.date",
                "is required"
                if moment is None
                else f"must be a date and time, not {_type_name(moment)}",
            )
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)  # YAML timestamps without a zone are UTC
        if commit_hash:
            commits.append(SourceCommit(hash=commit_hash, date=moment, subject=subject))
    return tuple(commits)


class _RoadmapBuilder:
    """Turns the parsed YAML of one snapshot into the model, checking every field."""

    def __init__(self, checker: _Checker) -> None:
        self.checker = checker
        self.identities: dict[str, str] = {}  # identity -> key path of its first holder
        self.section_ids: dict[str, str] = {}
        self.prerequisites: list[tuple[str, str]] = []  # (key path, id)

    def sections(self, value: Any, key: str, parent_ids: tuple[str, ...]) -> tuple[Section, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.checker.problem(key, f"must be a list, not {_type_name(value)}")
            return ()
        return tuple(
            section
            for index, item in enumerate(value)
            if (section := self.section(item, f"{key}[{index}]", parent_ids)) is not None
        )

    def section(self, value: Any, key: str, parent_ids: tuple[str, ...]) -> Section | None:
        checker = self.checker
        fields = checker.mapping(value, key, SECTION_KEYS)
        if fields is None:
            return None
        title = checker.line(fields, "title", key, required=True)
        section_id = checker.line(fields, "id", key)
        if section_id and not _SAFE_ID.fullmatch(section_id):
            # Section ids name folders (feeds/sections/<id>/) and are ';'-separated in
            # subscriber lists.
            checker.problem(_join(key, "id"), _ID_RULE)
        section_id = section_id or slugify(title)
        if section_id in self.section_ids:
            checker.problem(
                _join(key, "id"),
                f"duplicate section id {section_id!r} (also {self.section_ids[section_id]})",
            )
        else:
            self.section_ids[section_id] = key
        ids = (*parent_ids, section_id)
        resources_value = fields.get("resources")
        resources: list[Resource] = []
        if resources_value is not None:
            if not isinstance(resources_value, list):
                checker.problem(
                    _join(key, "resources"), f"must be a list, not {_type_name(resources_value)}"
                )
            else:
                for index, item in enumerate(resources_value):
                    resource = self.resource(item, f"{key}.resources[{index}]", ids)
                    if resource is not None:
                        resources.append(resource)
        return Section(
            title=title,
            id=section_id,
            intro=checker.text(fields, "intro", key),
            resources=tuple(resources),
            sections=self.sections(fields.get("sections"), _join(key, "sections"), ids),
        )

    def resource(self, value: Any, key: str, section_ids: tuple[str, ...]) -> Resource | None:
        checker = self.checker
        fields = checker.mapping(value, key, RESOURCE_KEYS)
        if fields is None:
            return None
        before = len(checker.problems)
        title = checker.line(fields, "title", key, required=True)
        url = checker.url(fields, "url", key)
        explicit_id = checker.line(fields, "id", key)
        if explicit_id and not _SAFE_ID.fullmatch(explicit_id):
            checker.problem(_join(key, "id"), _ID_RULE)  # ids end up in anchors and tag URIs
        prerequisites = checker.strings(fields, "prerequisites", key)
        resource = Resource(
            title=title,
            identity=resource_identity(
                explicit_id=explicit_id, url=url, title=title, section_ids=section_ids
            ),
            url=url,
            id=explicit_id,
            kind=checker.choice(fields, "kind", key, KINDS),
            author=checker.author(fields, key),
            description=checker.text(fields, "description", key),
            tags=checker.strings(fields, "tags", key),
            cost=checker.choice(fields, "cost", key, COSTS),
            time=checker.line(fields, "time", key),
            level=checker.choice(fields, "level", key, LEVELS),
            prerequisites=prerequisites,
        )
        if len(checker.problems) != before or not title:
            return None
        first = self.identities.get(resource.identity)
        if first is not None:
            checker.problem(
                key,
                f"duplicate identity {resource.identity!r} (also {first}); give one of them an id",
            )
            return None
        self.identities[resource.identity] = key
        self.prerequisites.extend(
            (f"{key}.prerequisites[{index}]", prerequisite)
            for index, prerequisite in enumerate(prerequisites)
        )
        return resource

    def check_prerequisites(self) -> None:
        for key, prerequisite in self.prerequisites:
            if prerequisite not in self.identities:
                self.checker.problem(key, f"no resource has the id {prerequisite!r}")


def build_snapshot(document: Any, label: str, *, release: bool | None = None) -> Snapshot:
    """Validate parsed YAML as a snapshot. ``release``: True requires a ``release:`` block,
    False forbids it, None accepts either. Raises DataError listing every problem."""
    checker = _Checker(label)
    fields = checker.mapping(document, "", SNAPSHOT_KEYS)
    if fields is None:
        raise DataError(checker.problems)
    release_info = None
    if "release" in fields:
        if release is False:
            checker.problem(
                "release",
                "the working copy has no release block (it is added by 'publisher release')",
            )
        else:
            release_info = _check_release(checker, fields["release"])
    elif release:
        checker.problem("release", "is required in a release file")
    builder = _RoadmapBuilder(checker)
    roadmap = Roadmap(
        title=checker.line(fields, "title", "", required=True),
        intro=checker.text(fields, "intro", ""),
        sections=builder.sections(fields.get("sections"), "sections", ()),
    )
    builder.check_prerequisites()
    if checker.problems:
        raise DataError(checker.problems)
    return Snapshot(roadmap=roadmap, release=release_info, path=label)


def _check_email_headers(checker: _Checker, email: EmailSettings) -> None:
    """The email settings that reach headers must be writable there as they are meant:
    mailboxes with an ASCII local part and a valid (IDNA) domain, a List-Id dot-atom, an
    unsubscribe URL without header delimiters (``>,<https://evil…`` would add a URL)."""
    for name, value in (("from", email.from_address), ("reply_to", email.reply_to)):
        problem = addresses.mailbox_problem(value) if value else ""
        if problem:
            checker.problem(f"email.{name}", problem)
    if email.list_id and (problem := addresses.list_id_problem(email.list_id)):
        checker.problem("email.list_id", problem)
    if email.unsubscribe_url:
        problem = addresses.header_url_problem(email.unsubscribe_url.replace("{token}", "token"))
        if problem:
            checker.problem("email.unsubscribe_url", problem)


def load_snapshot(path: Path, *, label: str | None = None, release: bool | None = None) -> Snapshot:
    """Read one road-map file (a release or a working copy); raises DataError or NotFoundError."""
    label = label if label is not None else str(path)
    return build_snapshot(read_yaml(path, label), label, release=release)


def build_site(document: Any, label: str) -> Site:
    """Validate parsed YAML as site settings; raises DataError listing every problem."""
    checker = _Checker(label)
    fields = checker.mapping(document, "", SITE_KEYS)
    if fields is None:
        raise DataError(checker.problems)
    email = EmailSettings()
    if fields.get("email") is not None:
        mail = checker.mapping(fields["email"], "email", SITE_EMAIL_KEYS)
        if mail is not None:
            unsubscribe = checker.url(
                mail, "unsubscribe_url", "email", schemes=frozenset({"http", "https"})
            )
            if unsubscribe and "{token}" not in unsubscribe:
                checker.problem("email.unsubscribe_url", "must contain {token}")
            email = EmailSettings(
                from_address=checker.line(mail, "from", "email"),
                reply_to=checker.line(mail, "reply_to", "email"),
                list_id=checker.line(mail, "list_id", "email"),
                unsubscribe_url=unsubscribe,
            )
            _check_email_headers(checker, email)
    feeds = FeedSettings()
    if fields.get("feeds") is not None:
        feed_fields = checker.mapping(fields["feeds"], "feeds", SITE_FEEDS_KEYS)
        if feed_fields is not None:
            entries = feed_fields.get("entries", 50)
            if not isinstance(entries, int) or isinstance(entries, bool) or entries < 1:
                checker.problem("feeds.entries", "must be a whole number of at least 1")
                entries = 50
            entries = int(entries)  # a plain int, not the parser's remembering subclass
            feeds = FeedSettings(
                entries=entries,
                icon=checker.url(
                    feed_fields, "icon", "feeds", schemes=frozenset({"http", "https"})
                ),
                logo=checker.url(
                    feed_fields, "logo", "feeds", schemes=frozenset({"http", "https"})
                ),
            )
    page = PageSettings()
    if fields.get("page") is not None:
        page_fields = checker.mapping(fields["page"], "page", SITE_PAGE_KEYS)
        if page_fields is not None:
            page = PageSettings(new_days=_whole_number(checker, page_fields, "new_days", "page", 0))
    changelog = ChangelogSettings()
    if fields.get("changelog") is not None:
        changelog_fields = checker.mapping(fields["changelog"], "changelog", SITE_CHANGELOG_KEYS)
        if changelog_fields is not None:
            changelog = ChangelogSettings(
                keep=_whole_number(checker, changelog_fields, "keep", "changelog", 100, minimum=1)
            )
    site = Site(
        title=checker.line(fields, "title", "", required=True),
        base_url=checker.url(
            fields, "base_url", "", required=True, schemes=frozenset({"http", "https"})
        ),
        description=checker.line(fields, "description", ""),
        language=checker.line(fields, "language", "") or "en",
        author=checker.author(fields, ""),
        email=email,
        feeds=feeds,
        hub=checker.url(fields, "hub", "", schemes=frozenset({"http", "https"})),
        subscribe_url=checker.url(
            fields, "subscribe_url", "", schemes=frozenset({"http", "https"})
        ),
        page=page,
        changelog=changelog,
    )
    if site.base_url and (problem := addresses.host_problem(site.base_url)):
        checker.problem("base_url", problem)
    if checker.problems:
        raise DataError(checker.problems)
    return site


def _whole_number(
    checker: _Checker,
    mapping: dict[str, Any],
    name: str,
    key: str,
    default: int,
    *,
    minimum: int = 0,
) -> int:
    """A whole number setting of at least ``minimum``; a problem (and the default) otherwise."""
    value = mapping.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        checker.problem(_join(key, name), f"must be a whole number of at least {minimum}")
        return default
    return int(value)  # a plain int, not the parser's remembering subclass


def load_site(path: Path, *, label: str | None = None) -> Site:
    """Read data/site.yaml; raises DataError or NotFoundError."""
    label = label if label is not None else str(path)
    return build_site(read_yaml(path, label), label)


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """Where a project's files are. Loading is separate, so commands read only what they need."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / DATA_DIR

    @property
    def site_path(self) -> Path:
        return self.data_dir / SITE_FILE

    @property
    def working_path(self) -> Path:
        return self.data_dir / WORKING_FILE

    @property
    def releases_dir(self) -> Path:
        return self.data_dir / RELEASES_DIR

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def state_dir(self) -> Path:
        return self.root / ".publisher"

    def label(self, path: Path) -> str:
        """How a file is named in messages: relative to the project when inside it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def open_project(root: Path) -> Project:
    """The project in ``root``; raises NotFoundError when it has no data/ folder."""
    project = Project(root=root)
    if not project.data_dir.is_dir():
        raise NotFoundError(
            f"{root}: no {DATA_DIR}/ folder here (start one with 'publisher init DIR', "
            "or point --project at an existing project)"
        )
    return project


def find_project_root(start: Path) -> Path | None:
    """The nearest folder, ``start`` or above it, holding data/site.yaml (as git finds its
    repository), relative to ``start`` ("." or "..", "../.." …); None when there is none."""
    here = start.resolve()
    for depth, folder in enumerate((here, *here.parents)):
        if (folder / DATA_DIR / SITE_FILE).is_file():
            return Path(*([".."] * depth)) if depth else Path()
    return None


def release_files(project: Project) -> list[Path]:
    """The release files of a project, in no particular order."""
    if not project.releases_dir.is_dir():
        return []
    return [
        path
        for path in project.releases_dir.iterdir()
        if path.suffix in (".yaml", ".yml") and path.is_file()
    ]


def read_project_file(project: Project, path: Path) -> bytes:
    """The bytes of one data file of ``project``. Raises DataError, without reading it, when
    the file is a symbolic link to a file outside the project: data files come from pull
    requests, and a link to a secret (``ln -s /etc/shadow data/releases/3.yaml``) must not
    be read, let alone echoed in error messages."""
    label = project.label(path)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            target = None
        if target is not None and not target.is_relative_to(project.root.resolve()):
            raise DataError(
                [
                    Problem(
                        path=label,
                        message="is a symbolic link to a file outside the project: refused "
                        "(data files must live in the project)",
                    )
                ]
            )
    return read_bytes(path, label)


def load_site_of(project: Project) -> Site:
    """The project's site settings."""
    label = project.label(project.site_path)
    return build_site(parse_yaml_bytes(read_project_file(project, project.site_path), label), label)


def load_working_copy(project: Project) -> Snapshot:
    """The project's data/roadmap.yaml."""
    label = project.label(project.working_path)
    document = parse_yaml_bytes(read_project_file(project, project.working_path), label)
    return build_snapshot(document, label, release=False)


def load_release_file(project: Project, path: Path) -> Snapshot:
    """One release file, checked against its file name."""
    label = project.label(path)
    document = parse_yaml_bytes(read_project_file(project, path), label)
    snapshot = build_snapshot(document, label, release=True)
    assert snapshot.release is not None
    if snapshot.release.version != path.stem:
        raise DataError(
            [
                Problem(
                    path=label,
                    key="release.version",
                    message=f"{snapshot.release.version!r} does not match the file name "
                    f"{path.name!r}",
                )
            ]
        )
    return snapshot


def load_releases(
    project: Project, *, progress: Callable[[Iterator[Path]], Iterator[Path]] | None = None
) -> tuple[Snapshot, ...]:
    """Every release, oldest first; raises DataError listing the problems of all files."""
    paths = sorted(release_files(project))
    problems: list[Problem] = []
    snapshots: list[Snapshot] = []
    for path in progress(iter(paths)) if progress else paths:
        try:
            snapshots.append(load_release_file(project, path))
        except DataError as error:
            problems.extend(error.problems)
    first_file: dict[str, str] = {}
    for snapshot in snapshots:
        assert snapshot.release is not None
        version = snapshot.release.version
        if version in first_file:
            problems.append(
                Problem(
                    path=snapshot.path,
                    key="release.version",
                    message=f"release {version!r} is also in {first_file[version]}",
                )
            )
        first_file.setdefault(version, snapshot.path)
    if problems:
        raise DataError(problems)
    return tuple(sorted(snapshots, key=lambda snapshot: snapshot.release.sort_key))  # type: ignore[union-attr]


def validate_project(project: Project) -> list[Problem]:
    """Every problem in every data file of the project (empty when all is well)."""
    problems: list[Problem] = []
    loaders: list[Callable[[], object]] = [
        lambda: load_site_of(project),
        lambda: load_releases(project),
    ]
    if project.working_path.exists():
        loaders.append(lambda: load_working_copy(project))
    for loader in loaders:
        try:
            loader()
        except (DataError, NotFoundError) as error:
            problems.extend(error.problems)
    return problems
