"""The only reader of data files: parsed YAML (`publisher.yaml_reader`) checked against the
data format and turned into the model, every problem of a run reported at once."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Hashable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from publisher import addresses, links, release_digest
from publisher.errors import DataError, NotFoundError, Problem
from publisher.links import url_problem
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
    LinkSettings,
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
from publisher.project import Project, release_files
from publisher.yaml_reader import parse_yaml_bytes, read_bytes, read_yaml

RESOURCE_KEYS = frozenset(RESOURCE_FIELDS)
SECTION_KEYS = frozenset({"title", "id", "intro", "resources", "sections"})
ROADMAP_KEYS = frozenset({"title", "intro", "sections"})
SNAPSHOT_KEYS = ROADMAP_KEYS | {"release"}
RELEASE_KEYS = frozenset({"version", "date", "title", "notes", "source", "digest"})
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
        "links",
    }
)
SITE_EMAIL_KEYS = frozenset({"from", "reply_to", "list_id", "unsubscribe_url"})
SITE_FEEDS_KEYS = frozenset({"entries", "icon", "logo"})
SITE_PAGE_KEYS = frozenset({"new_days"})
SITE_CHANGELOG_KEYS = frozenset({"keep"})
SITE_LINKS_KEYS = frozenset({"exclude", "show_dead"})

# At most 64 characters: a version names a file (data/releases/VERSION.yaml, and web copies).
VERSION_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Ids become path segments, anchors and tag URIs: no white space, separators or leading dot.
_SAFE_ID = re.compile(r"[^\s/\\;#?,.][^\s/\\;#?,]*")
_ID_RULE = "may not start with '.' nor hold white space or any of / \\ ; # ? ,"
MAX_TAGS = 50  # tags per resource: each one is a feed that carries the resource
# Characters of a tag, and of a section's feed folder name: both name folders of feeds/, and
# a file name past 255 bytes fails the build after validate passed it.
MAX_NAME_LENGTH = 100
MAX_SECTION_DEPTH = 32  # far below the recursion limit of diff, readme and templates
_UNKNOWN_KEYS_SHOWN = 10  # unknown keys listed per mapping; the rest are counted
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
                "release.version",
                f"{excerpt(version)!r} may hold only letters, digits, '.', '-' and '_' "
                "(at most 64 characters)",
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


class ResourceMemo:
    """The resources of the snapshot loaded last, by the parsed YAML they were built from,
    for the next snapshot of a history (`load_release_file`'s ``memo``).

    Consecutive releases repeat almost every resource word for word, and checking a
    resource's fields costs more than parsing them: a resource whose parsed fields (plain
    text, lists of text, an author mapping of text; nothing else is remembered) and section
    path equal those of one in the snapshot before is that same, already checked, object.
    Only the checks of one resource alone are skipped: duplicate identities and
    prerequisites are checked across every snapshot as always. Entries live for one
    snapshot more, so memory stays that of two snapshots.
    """

    __slots__ = ("current", "previous")

    def __init__(self) -> None:
        self.previous: dict[Hashable, Resource] = {}
        self.current: dict[Hashable, Resource] = {}

    def next_snapshot(self) -> None:
        """Start a snapshot: the one before becomes what is looked up."""
        if self.current:
            self.previous, self.current = self.current, {}


def _memo_key(value: Any, section_ids: tuple[str, ...]) -> Hashable | None:
    """What a resource is built from, hashable; None when its parsed YAML holds anything
    but text, lists of text and a mapping of text (exact types: ``True == 1`` must not make
    two different documents one key)."""
    if value.__class__ is not dict:
        return None
    parts: list[tuple[str, int, object]] = []
    for name, item in value.items():
        if name.__class__ is not str:
            return None
        kind = item.__class__
        if kind is str:
            parts.append((name, 0, item))
        elif kind is list:
            for element in item:
                if element.__class__ is not str:
                    return None
            parts.append((name, 1, tuple(item)))
        elif kind is dict:
            for field, text in item.items():
                if field.__class__ is not str or text.__class__ is not str:
                    return None
            parts.append((name, 2, tuple(item.items())))
        else:
            return None
    return (section_ids, tuple(parts))


class _RoadmapBuilder:
    """Turns the parsed YAML of one snapshot into the model, checking every field."""

    def __init__(self, checker: _Checker, memo: ResourceMemo | None = None) -> None:
        self.checker = checker
        self.memo = memo
        self.identities: dict[str, str] = {}  # identity -> key path of its first holder
        self.section_ids: dict[str, str] = {}
        self.section_folders: dict[str, tuple[str, str]] = {}  # folder -> (id, key path)
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
        # Problems of the id name what it came from: the id, or the title it is the slug of.
        id_key = _join(key, "id" if section_id else "title")
        section_id = section_id or slugify(title)
        if len(parent_ids) >= MAX_SECTION_DEPTH:
            checker.problem(
                key,
                f"sections nested more than {MAX_SECTION_DEPTH} deep: refused (every later "
                "stage walks sections recursively)",
            )
            return None
        if section_id in self.section_ids:
            checker.problem(
                _join(key, "id"),
                f"duplicate section id {section_id!r} (also {self.section_ids[section_id]})",
            )
        else:
            self.section_ids[section_id] = key
            self.check_feed_folder(section_id, id_key)
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

    def tags(self, fields: dict[str, Any], key: str) -> tuple[str, ...]:
        """A resource's tags, at most MAX_TAGS (each tag makes a feed the resource is in)."""
        tags = self.checker.strings(fields, "tags", key)
        for index, tag in enumerate(tags):
            if max(len(tag), len(slugify(tag))) > MAX_NAME_LENGTH:
                self.checker.problem(
                    f"{_join(key, 'tags')}[{index}]",
                    f"{len(tag)} characters ({tag[:24]!r}…): a tag names the folder of its "
                    f"feed, at most {MAX_NAME_LENGTH}",
                )
        if len(tags) > MAX_TAGS:
            self.checker.problem(
                _join(key, "tags"), f"{len(tags)} tags: a resource may have at most {MAX_TAGS}"
            )
            return tags[:MAX_TAGS]
        return tags

    def check_feed_folder(self, section_id: str, key: str) -> None:
        """Two ids whose feeds would land in one folder (``a..b`` and ``a-b``, ``données``
        and ``donnees``, or ids differing in case, on a case-insensitive disk) would merge
        their feeds and lose entries: refused, both named."""
        folder = links.section_feed_folder(section_id)
        name = folder.removeprefix("sections/").removesuffix("/")
        if len(name) > MAX_NAME_LENGTH:
            self.checker.problem(
                key,
                f"its feed folder name would be {len(name)} characters ({name[:24]!r}…), at "
                f"most {MAX_NAME_LENGTH}: give the section a shorter id",
            )
            return
        other = self.section_folders.setdefault(folder.casefold(), (section_id, key))
        if other[0] != section_id:
            self.checker.problem(
                key,
                f"section ids {other[0]!r} and {section_id!r} would both publish their feeds in "
                f"{folder} (also {other[1]}): give one of them another id",
            )

    def resource(self, value: Any, key: str, section_ids: tuple[str, ...]) -> Resource | None:
        memo = self.memo
        memo_key = _memo_key(value, section_ids) if memo is not None else None
        known = memo.previous.get(memo_key) if memo is not None and memo_key is not None else None
        resource = known if known is not None else self.checked_resource(value, key, section_ids)
        if resource is None:
            return None
        if memo is not None and memo_key is not None:
            memo.current[memo_key] = resource
        checker = self.checker
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
            for index, prerequisite in enumerate(resource.prerequisites)
        )
        return resource

    def checked_resource(
        self, value: Any, key: str, section_ids: tuple[str, ...]
    ) -> Resource | None:
        """The resource ``value`` describes, every field checked; None when one is wrong."""
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
            tags=self.tags(fields, key),
            cost=checker.choice(fields, "cost", key, COSTS),
            time=checker.line(fields, "time", key),
            level=checker.choice(fields, "level", key, LEVELS),
            prerequisites=prerequisites,
        )
        if len(checker.problems) != before or not title:
            return None
        return resource

    def check_prerequisites(self) -> None:
        for key, prerequisite in self.prerequisites:
            if prerequisite not in self.identities:
                self.checker.problem(key, f"no resource has the id {prerequisite!r}")


def build_snapshot(
    document: Any, label: str, *, release: bool | None = None, memo: ResourceMemo | None = None
) -> Snapshot:
    """Validate parsed YAML as a snapshot. ``release``: True requires a ``release:`` block,
    False forbids it, None accepts either; ``memo``: see `ResourceMemo`. Raises DataError
    listing every problem."""
    if memo is not None:
        memo.next_snapshot()
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
    builder = _RoadmapBuilder(checker, memo)
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
    link_settings = LinkSettings()
    if fields.get("links") is not None:
        link_fields = checker.mapping(fields["links"], "links", SITE_LINKS_KEYS)
        if link_fields is not None:
            show_dead = link_fields.get("show_dead", False)
            if not isinstance(show_dead, bool):
                checker.problem("links.show_dead", "must be true or false")
                show_dead = False
            link_settings = LinkSettings(
                exclude=checker.strings(link_fields, "exclude", "links"), show_dead=show_dead
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
        links=link_settings,
    )
    if site.base_url and (problem := addresses.host_problem(site.base_url)):
        checker.problem("base_url", problem)
    if checker.problems:
        raise DataError(checker.problems)
    if site.subscribe_url and not site.email.unsubscribe_url:
        # `publisher serve` answers next to its subscribe page: the emails' links follow.
        unsubscribe = site.subscribe_url.rsplit("/", 1)[0] + "/unsubscribe?token={token}"
        site = dataclasses.replace(
            site, email=dataclasses.replace(site.email, unsubscribe_url=unsubscribe)
        )
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


def require_sender(project: Project, site: Site, purpose: str) -> None:
    """Refuse, for something that sends email (``purpose``: "send email"), site settings
    without a sender: DataError naming site.yaml's ``email.from``."""
    if not site.email.from_address:
        raise DataError(
            [
                Problem(
                    path=project.label(project.site_path),
                    key="email.from",
                    message=f"is needed to {purpose}",
                )
            ]
        )


def load_working_copy(project: Project) -> Snapshot:
    """The project's data/roadmap.yaml."""
    label = project.label(project.working_path)
    document = parse_yaml_bytes(read_project_file(project, project.working_path), label)
    return build_snapshot(document, label, release=False)


def load_release_file(
    project: Project, path: Path, *, memo: ResourceMemo | None = None
) -> Snapshot:
    """One release file, checked against its file name and the digest it records (``memo``:
    the history's `ResourceMemo`, when releases are read in a row). A file
    that does not match its digest is refused; its other problems (a syntax error) are
    reported with that one, to say what the damage is. A file that records no digest (written
    by hand in the documented format, or frozen before releases carried one) is read as it
    is: the data format does not require one, and `release VERSION --refreeze` adds it."""
    label = project.label(path)
    data = read_project_file(project, path)
    problem = release_digest.digest_problem(data)
    message = ""
    if problem == release_digest.MISMATCH:
        message = (
            "the file no longer matches the digest recorded when it was released (cut short, "
            f"or edited by hand?): restore it from version control (git checkout -- {label}), "
            f"or, to keep the change on purpose, run 'publisher release {path.stem} --refreeze'"
        )
    digest = [Problem(path=label, key="release.digest", message=message)] if message else []
    try:
        snapshot = build_snapshot(parse_yaml_bytes(data, label), label, release=True, memo=memo)
    except DataError as error:
        raise DataError([*digest, *error.problems]) from None
    if digest:
        raise DataError(digest)
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
