"""Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of new and updated resources, and of releases.

A pure function of the site settings, the release history and the templates:
`render_feeds` returns every feed document as bytes keyed by its path under the output
folder. RSS and Atom are built with feedgen; JSON Feed 1.1 by hand (feedgen has none).
Timestamps come from release dates, never from the clock, so a rebuild changes no byte.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import nh3
from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator

from publisher.cache import Fingerprint, value_key
from publisher.diff import (
    ChangeWords,
    ResourceChange,
    RoadmapDiff,
    describe_change,
    section_text,
)
from publisher.errors import DataError, Problem
from publisher.links import (
    release_page_path,
    resource_page_url,
    section_feed_folder,
    site_url,
    tag_authority,
)
from publisher.model import Author, Release, Site, slugify
from publisher.render import render_template

GENERATOR = "roadmap-publisher"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
JSON_FEED_TYPE = "application/feed+json"
ENTRY_TEMPLATE = "feed/entry.html.j2"
RELEASE_TEMPLATE = "feed/release.html.j2"
STYLESHEET_TEMPLATE = "feed/style.xsl.j2"
STYLESHEET_FILE = "feed.xsl"

# Characters XML 1.0 forbids (lxml raises on them) and C1 controls validators flag.
_NOT_XML_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]"
)
# RFC 4151: taggingEntity = authorityName "," date; authorityName here is a DNS name.
_DNS_NAME = re.compile(
    r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
)
# RFC 4151: specific = *( pchar / "/" / "?" );
# pchar = unreserved / pct-encoded / sub-delims / ":" / "@".
_TAG_SPECIFIC_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?"
)
_PERCENT_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One feed entry, ready for every format: texts are clean, content is sanitized HTML."""

    id: str
    title: str
    link: str
    timestamp: dt.datetime
    authors: tuple[Author, ...]
    categories: tuple[str, ...]
    content_html: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedDocument:
    """One feed (in one or more formats) under ``folder`` ("" for the top level)."""

    folder: str
    title: str
    subtitle: str
    entries: tuple[Entry, ...]
    updated: dt.datetime
    formats: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Announcement:
    """An added or updated resource of one release, with its place in the feeds' order."""

    release: Release
    kind: str  # "added" or "updated"
    change: ResourceChange
    timestamp: dt.datetime


# Renders a feed document's files on a miss (``make``), or returns them from a cache under
# ``key``: what `render_feeds` is given to skip the section and tag feeds a release left alone.
FeedMemo = Callable[[str, Callable[[], dict[str, bytes]]], dict[str, bytes]]


def render_feeds(
    site: Site,
    history: Sequence[RoadmapDiff],
    environment: jinja2.Environment,
    *,
    memo: FeedMemo | None = None,
) -> dict[str, bytes]:
    """Every feed document as bytes, keyed by its path relative to the output folder.

    ``history`` is each release's diff oldest first (as `release_history.iter_history`
    yields it). Without any release there is nothing to announce and the result is empty.
    ``memo`` (optional) caches the section and tag feeds under a key of everything they show,
    so a new release re-renders only those it touches. Raises TemplateError when a feed
    template is broken, DataError when base_url cannot make tag: ids.
    """
    releases = [item for item in history if item.new is not None]
    if not releases:
        return {}
    authority = _tag_authority(site)
    limit = site.feeds.entries
    entries = _EntryMaker(site, environment, authority)
    newest_first = list(reversed(releases))

    # A browser opening a feed shows it as a page through this XSLT; readers ignore it.
    stylesheet = render_template(
        environment, STYLESHEET_TEMPLATE, {"site": site, "site_url": site_url(site)}
    )
    files: dict[str, bytes] = {STYLESHEET_FILE: stylesheet.encode("utf-8")}
    main = _newest(_announcements(newest_first), limit)
    files.update(
        _render(
            site,
            FeedDocument(
                folder="",
                title=_clean(site.title),
                subtitle=_clean(site.description or f"New and updated resources of {site.title}"),
                entries=tuple(entries.resource(item) for item in main),
                updated=_updated(main, newest_first),
                formats=("atom", "rss", "json"),
            ),
        )
    )
    files.update(_render(site, _releases_feed(site, newest_first, limit, entries)))
    for key, make in (
        *_section_feeds(site, newest_first, limit, entries),
        *_tag_feeds(site, newest_first, limit, entries),
    ):

        def render(make: Callable[[], FeedDocument] = make) -> dict[str, bytes]:
            return _render(site, make())

        files.update(render() if memo is None else memo(key, render))
    return files


def cut_release_problem(
    site: Site, history: Sequence[RoadmapDiff], *, name: str = "data/site.yaml"
) -> str:
    """What `build` and `feeds` warn about when the newest release alone announces more
    resources than a feed holds (``feeds.entries``, read from ``name``): a reader who polls
    after each release never sees the rest of it. "" when it fits, and for a first release
    (no feed before it to poll; the page lists it whole)."""
    releases = [item for item in history if item.new is not None]
    if not releases or releases[-1].old is None:
        return ""
    newest = releases[-1]
    count = len(_changes_of(newest))
    limit = site.feeds.entries
    if count <= limit:
        return ""
    return (
        f"{name}: feeds.entries: the newest release {_release(newest).version} announces "
        f"{count} new or updated resources, more than the {limit} a feed holds: readers who "
        f"poll miss {count - limit} of them (set feeds.entries to {count} or more)"
    )


def _document_key(
    folder: str, title: str, subtitle: str, item_keys: Sequence[str], formats: Sequence[str]
) -> str:
    """A key of everything a section or tag feed shows but the site and templates: its
    header and its entries' keys (`_EntryMaker.key`)."""
    digest = Fingerprint()
    digest.add("folder", folder.encode())
    digest.add("title", title.encode())
    digest.add("subtitle", subtitle.encode())
    for name in formats:
        digest.add("format", name.encode())
    for key in item_keys:
        digest.add("entry", key.encode())
    return digest.hexdigest()


# --- what goes into which feed -----------------------------------------------------------


def _changes_of(item: RoadmapDiff) -> list[tuple[str, ResourceChange]]:
    """The announced changes of one release in its order: additions, then updates."""
    return [("added", change) for change in item.added] + [
        ("updated", change) for change in item.announced_updates
    ]


def _release_offsets(newest_first: Sequence[RoadmapDiff]) -> dict[str, int]:
    """Seconds already used on a release's date by earlier releases of the same date.

    Releases of one day (import-history's 2024.03.05 and 2024.03.05.2) then keep distinct
    timestamps, and the later release stays later.
    """
    offsets: dict[str, int] = {}
    used: dict[dt.date, int] = {}
    for item in reversed(newest_first):
        release = _release(item)
        offsets[release.version] = used.get(release.date, 0)
        used[release.date] = used.get(release.date, 0) + len(_changes_of(item))
    return offsets


def _announcements(newest_first: Sequence[RoadmapDiff]) -> Iterator[_Announcement]:
    """Every added or updated resource, newest release first, then in the release's order.

    The timestamp is the release date at 00:00 UTC plus seconds counting down through the
    release's order: distinct per entry, and a reader sorting by date keeps our order.
    """
    offsets = _release_offsets(newest_first)
    for item in newest_first:
        release = _release(item)
        changes = _changes_of(item)
        start = _midnight(release.date) + dt.timedelta(seconds=offsets[release.version])
        last = len(changes) - 1
        for index, (kind, change) in enumerate(changes):
            yield _Announcement(
                release=release,
                kind=kind,
                change=change,
                timestamp=start + dt.timedelta(seconds=last - index),
            )


def _newest(announcements: Iterator[_Announcement], limit: int) -> list[_Announcement]:
    """The first ``limit`` announcements, without walking further (history may be long)."""
    newest = []
    for announcement in announcements:
        newest.append(announcement)
        if len(newest) >= limit:
            break
    return newest


def _updated(items: Sequence[_Announcement], newest_first: Sequence[RoadmapDiff]) -> dt.datetime:
    """A feed's updated time: its newest entry's, else the newest release's date."""
    if items:
        return items[0].timestamp
    return _midnight(_release(newest_first[0]).date)


def _section_feeds(
    site: Site, newest_first: Sequence[RoadmapDiff], limit: int, entries: _EntryMaker
) -> Iterator[tuple[str, Callable[[], FeedDocument]]]:
    """One feed per section that has resources, nested sections included, as its key (see
    `_document_key`) and a function making it.

    A section's feed holds its own resources and those of its subsections.
    """
    buckets: dict[str, list[_Announcement]] = {}
    paths: dict[str, tuple[str, ...]] = {}
    for announcement in _announcements(newest_first):
        change = announcement.change
        for depth, section_id in enumerate(change.section_ids):
            bucket = buckets.setdefault(section_id, [])
            if section_id not in paths:
                # The newest release that touches a section names it.
                paths[section_id] = change.section[: depth + 1]
            if len(bucket) < limit:
                bucket.append(announcement)
    for section_id in sorted(buckets):
        path = paths[section_id]
        items = buckets[section_id]
        title = path[-1] if path else section_id
        document = FeedDocument(
            folder=section_feed_folder(section_id),
            title=_clean(f"{site.title}: {title}"),
            subtitle=_clean(f"New and updated resources in {section_text(path) or title}"),
            entries=(),
            updated=items[0].timestamp,
            formats=("atom", "rss"),
        )
        yield _pending(document, items, entries)


def _tag_feeds(
    site: Site, newest_first: Sequence[RoadmapDiff], limit: int, entries: _EntryMaker
) -> Iterator[tuple[str, Callable[[], FeedDocument]]]:
    """One Atom feed per tag (tags that slugify alike share one feed), as for
    `_section_feeds`."""
    buckets: dict[str, list[_Announcement]] = {}
    names: dict[str, str] = {}
    for announcement in _announcements(newest_first):
        for tag in dict.fromkeys(slugify(tag) for tag in announcement.change.resource.tags):
            bucket = buckets.setdefault(tag, [])
            if len(bucket) < limit:
                bucket.append(announcement)
        for tag in announcement.change.resource.tags:
            names.setdefault(slugify(tag), tag)
    for slug in sorted(buckets):
        items = buckets[slug]
        document = FeedDocument(
            folder=f"tags/{slug}/",
            title=_clean(f"{site.title}: {names[slug]}"),
            subtitle=_clean(f"New and updated resources tagged {names[slug]}"),
            entries=(),
            updated=items[0].timestamp,
            formats=("atom",),
        )
        yield _pending(document, items, entries, tag=names[slug])


def _pending(
    document: FeedDocument,
    items: Sequence[_Announcement],
    entries: _EntryMaker,
    *,
    tag: str | None = None,
) -> tuple[str, Callable[[], FeedDocument]]:
    """``document``'s key, and a function giving it with its entries (rendered only then);
    ``tag``: the document is that tag's feed, whose entries name only that tag."""
    key = _document_key(
        document.folder,
        document.title,
        document.subtitle,
        [entries.key(item) for item in items],
        document.formats,
    )
    return key, lambda: dataclasses.replace(
        document,
        entries=tuple(
            entries.resource(item) if tag is None else entries.tagged(item, tag) for item in items
        ),
    )


def _releases_feed(
    site: Site, newest_first: Sequence[RoadmapDiff], limit: int, entries: _EntryMaker
) -> FeedDocument:
    """One entry per release, its changelog as content."""
    per_date: dict[dt.date, int] = {}
    timestamps: dict[str, dt.datetime] = {}
    for item in reversed(newest_first):
        release = _release(item)
        seconds = per_date.get(release.date, 0)
        per_date[release.date] = seconds + 1
        timestamps[release.version] = _midnight(release.date) + dt.timedelta(seconds=seconds)
    shown = newest_first[:limit]
    return FeedDocument(
        folder="releases/",
        title=_clean(f"{site.title}: releases"),
        subtitle=_clean(f"Every release of {site.title}, with what changed"),
        entries=tuple(entries.release(item, timestamps[_release(item).version]) for item in shown),
        updated=timestamps[_release(newest_first[0]).version],
        formats=("atom", "rss", "json"),
    )


# --- entries -------------------------------------------------------------------------------


class _EntryMaker:
    """Builds each entry once (the same one shows in many feeds), content through templates."""

    def __init__(self, site: Site, environment: jinja2.Environment, authority: str) -> None:
        self.site = site
        self.environment = environment
        self.authority = authority
        self.cache: dict[tuple[str, str, str, bool], Entry] = {}
        self.keys: dict[tuple[str, str, str], str] = {}

    def key(self, announcement: _Announcement) -> str:
        """A key of everything an announcement's entries show: release, kind, time and the
        change itself (hashed once, however many feeds show it)."""
        release = announcement.release
        name = (release.version, announcement.kind, announcement.change.resource.identity)
        known = self.keys.get(name)
        if known is None:
            header = f"{release.version}\0{release.date}\0{announcement.kind}\0"
            header += f"{announcement.timestamp}\0"
            known = self.keys[name] = hashlib.sha256(
                (header + value_key(announcement.change)).encode()
            ).hexdigest()
        return known

    def tagged(self, announcement: _Announcement, tag: str) -> Entry:
        """The entry of one added or updated resource in the feed of one of its tags.

        As `resource`, but it names only its top-level section and that tag, and tells of
        a change of the tag list by counts: a resource's n tags put it into n tag feeds, and
        the whole list in each of them would make the work grow with n squared. The whole
        list is in the main and section feeds' entry and on the road map page.
        """
        entry = self.resource(announcement, tag_feed=True)
        names = dict.fromkeys((*announcement.change.section[:1], tag))
        categories = tuple(_clean(name) for name in names if _clean(name).strip())
        return dataclasses.replace(entry, categories=categories)

    def resource(self, announcement: _Announcement, *, tag_feed: bool = False) -> Entry:
        """The entry of one added or updated resource (``tag_feed``: without its tag list,
        see `tagged`)."""
        release, change = announcement.release, announcement.change
        resource = change.resource
        key = (release.version, announcement.kind, resource.identity, tag_feed)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        link = self.resource_link(release, change)
        title = resource.title if announcement.kind == "added" else f"Updated: {resource.title}"
        changes = _describe_changes(change)
        if tag_feed:
            resource = dataclasses.replace(resource, tags=())
            changes = [_counted(words) if words.field == "tags" else words for words in changes]
        content = render_template(
            self.environment,
            ENTRY_TEMPLATE,
            {
                "site": self.site,
                "release": release,
                "kind": announcement.kind,
                "resource": resource,
                "section": change.section,
                "changes": changes,
            },
        )
        entry = Entry(
            id=tag_uri(
                self.authority,
                release.date.year,
                f"{release.version}/{announcement.kind}/{resource.identity}",
            ),
            title=_clean(title),
            link=link,
            timestamp=announcement.timestamp,
            authors=(_clean_author(resource.author),) if resource.author else (),
            categories=tuple(
                _clean(name)
                for name in dict.fromkeys((*change.section[:1], *resource.tags))
                if _clean(name).strip()
            ),
            content_html=_feed_html(content),
        )
        self.cache[key] = entry
        return entry

    def release(self, item: RoadmapDiff, timestamp: dt.datetime) -> Entry:
        """The entry of one release: its changelog as HTML."""
        release = _release(item)
        title = f"{release.version}: {release.title}" if release.title else release.version
        content = render_template(
            self.environment,
            RELEASE_TEMPLATE,
            {
                "site": self.site,
                "release": release,
                "added": item.added,
                "updated": [
                    (change, _describe_changes(change)) for change in item.announced_updates
                ],
                "removed": item.removed,
                "moved": item.moved,
                "sections_added": item.sections_added,
                "sections_removed": item.sections_removed,
                "sections_renamed": item.sections_renamed,
                "resource_link": lambda change: self.resource_link(release, change),
            },
        )
        return Entry(
            id=tag_uri(self.authority, release.date.year, f"{release.version}/release"),
            title=_clean(f"Release {title}"),
            link=site_url(self.site, release_page_path(release.version)),
            timestamp=timestamp,
            authors=(),
            categories=(),
            content_html=_feed_html(content),
        )

    def resource_link(self, release: Release, change: ResourceChange) -> str:
        """Where a resource of a release links to: its URL, else its anchor on the page."""
        return change.resource.url or resource_page_url(
            self.site, release, change.resource.identity
        )


def _describe_changes(change: ResourceChange) -> list[ChangeWords]:
    """What readers hear changed, in the words every output uses (cleaned for XML)."""
    return [_clean_words(describe_change(field)) for field in change.announced_changes]


def _counted(words: ChangeWords) -> ChangeWords:
    """A list field's change told by counts ("tags: 3 added, 1 removed"), not item by item."""
    parts = [f"{len(words.added)} added"] if words.added else []
    parts += [f"{len(words.removed)} removed"] if words.removed else []
    return dataclasses.replace(
        words,
        old="",
        new="",
        summary=f"{words.label}: " + (", ".join(parts) or "reordered"),
        added=(),
        removed=(),
        prefix="",
        parts=(),
    )


def _clean_words(words: ChangeWords) -> ChangeWords:
    return dataclasses.replace(
        words,
        old=_clean(words.old),
        new=_clean(words.new),
        summary=_clean(words.summary),
        added=tuple(map(_clean, words.added)),
        removed=tuple(map(_clean, words.removed)),
        prefix=_clean(words.prefix),
        parts=tuple(dataclasses.replace(part, text=_clean(part.text)) for part in words.parts),
    )


def _strip_relative_links(tag: str, attribute: str, value: str) -> str | None:
    """nh3 attribute filter: a link or image relative to the road map's own document means
    nothing in a feed reader (validators warn about them), so it goes."""
    if attribute in ("href", "src") and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        return None
    return value


def _feed_html(html: str) -> str:
    """Template output as feed content: sanitized again, relative links dropped, clean text."""
    cleaned = nh3.clean(_clean(html), attribute_filter=_strip_relative_links)
    return cleaned.strip()


# --- identifiers and text -------------------------------------------------------------------


def tag_uri(authority: str, year: int, specific: str) -> str:
    """An RFC 4151 tag URI; characters a tag's specific part does not allow are %-encoded."""
    return f"tag:{authority},{year:04d}:{_encode_specific(specific)}"


def _encode_specific(text: str) -> str:
    encoded = []
    position = 0
    while position < len(text):
        character = text[position]
        if character in _TAG_SPECIFIC_SAFE:
            encoded.append(character)
        elif character == "%" and _PERCENT_ENCODED.match(text, position):
            # Keep existing %XX escapes of URLs as they are: re-encoding would double them.
            encoded.append(text[position : position + 3].upper())
            position += 3
            continue
        else:
            encoded.extend(f"%{byte:02X}" for byte in character.encode("utf-8"))
        position += 1
    return "".join(encoded)


def _tag_authority(site: Site) -> str:
    """The authority of entry ids: base_url's host as an ASCII DNS name."""
    host = tag_authority(site)
    with contextlib.suppress(UnicodeError):  # left as is: the check below explains
        host = host.encode("idna").decode("ascii")
    if not _DNS_NAME.fullmatch(host):
        raise DataError(
            [
                Problem(
                    path="data/site.yaml",
                    key="base_url",
                    message=f"the host {host!r} is not a DNS name, so feed entries cannot get "
                    "tag: ids (RFC 4151); use a host name",
                )
            ]
        )
    return host


def _clean(text: str) -> str:
    """Text without the characters XML cannot carry (lxml refuses them)."""
    return _NOT_XML_TEXT.sub("", text)


def _clean_author(author: Author) -> Author:
    return Author(name=_clean(author.name), url=author.url, email=_clean(author.email))


def _release(item: RoadmapDiff) -> Release:
    assert item.new is not None  # render_feeds keeps only diffs of releases
    return item.new


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat()


# --- formats --------------------------------------------------------------------------------


def _render(site: Site, document: FeedDocument) -> dict[str, bytes]:
    """The files of one feed document, one per format it is published in."""
    renderers: dict[str, tuple[str, Callable[[Site, FeedDocument, str], bytes]]] = {
        "atom": ("atom.xml", _atom),
        "rss": ("rss.xml", _rss),
        "json": ("feed.json", _json_feed),
    }
    files = {}
    for name in document.formats:
        file_name, renderer = renderers[name]
        path = document.folder + file_name
        files[path] = renderer(site, document, path)
    return files


def _with_stylesheet(path: str, document: bytes) -> bytes:
    """An XML feed with the xml-stylesheet instruction after its declaration: a processing
    instruction, which the schemas and validators of Atom and RSS leave alone. The style
    sheet is referenced relative to the feed at ``path``: it then works from a copy on disk
    or on another host too (browsers load XSLT only from the document's own origin), and a
    feed reader that ignores it loses nothing."""
    declaration, newline, rest = document.partition(b"\n")
    assert declaration.startswith(b"<?xml "), "feedgen always writes a declaration"
    href = "../" * path.count("/") + STYLESHEET_FILE
    instruction = f'<?xml-stylesheet type="text/xsl" href="{href}"?>'
    return declaration + newline + instruction.encode("utf-8") + newline + rest


class _RssHubExtension(BaseExtension):  # type: ignore[misc]
    """feedgen writes only the self atom:link into RSS; WebSub also needs rel=hub there."""

    hub = ""

    def extend_rss(self, feed: Any) -> Any:
        channel = feed[0]
        link = channel.makeelement(
            "{http://www.w3.org/2005/Atom}link", {"href": self.hub, "rel": "hub"}
        )
        channel.append(link)
        return feed


def _generator(site: Site, document: FeedDocument, path: str, self_type: str) -> FeedGenerator:
    """A FeedGenerator with every channel field set explicitly (feedgen defaults to now())."""
    generator = FeedGenerator()
    self_url = site_url(site, path)
    generator.id(self_url)
    generator.title(document.title)
    generator.subtitle(document.subtitle)
    generator.description(document.subtitle)
    author = site.author or Author(name=site.title)
    generator.author(_person(_clean_author(author)))
    # The RSS channel link is the last link added: the site must come after self.
    generator.link(href=self_url, rel="self", type=self_type)
    if site.hub:
        generator.link(href=site.hub, rel="hub")
    generator.link(href=site_url(site), rel="alternate", type="text/html")
    generator.language(site.language)
    generator.generator(GENERATOR)
    generator.updated(document.updated)
    generator.lastBuildDate(document.updated)
    generator.pubDate(document.updated)
    if site.feeds.icon:
        generator.icon(site.feeds.icon)
    if site.feeds.logo:
        generator.logo(site.feeds.logo)
    return generator


def _person(author: Author) -> dict[str, str]:
    person = {"name": author.name}
    if author.email:
        person["email"] = author.email
    if author.url:
        person["uri"] = author.url
    return person


def _feedgen_entry(entry: Entry, *, rss: bool) -> FeedEntry:
    item = FeedEntry()
    item.id(entry.id)
    item.title(entry.title)
    item.link(href=entry.link, rel="alternate")
    item.updated(entry.timestamp)
    item.published(entry.timestamp)
    # Atom content must be type="html" (escaped), never CDATA; RSS gets it as description.
    item.content(entry.content_html, type="html")
    for category in entry.categories:
        item.category(term=category)
    if entry.authors:
        item.author([_person(author) for author in entry.authors])
        if rss:
            # RSS <author> must be an e-mail address: names go to dc:creator.
            item.load_extension("dc", atom=False, rss=True)
            item.dc.dc_creator([author.name for author in entry.authors])
    return item


def _atom(site: Site, document: FeedDocument, path: str) -> bytes:
    generator = _generator(site, document, path, ATOM_TYPE)
    for entry in document.entries:
        generator.add_entry(_feedgen_entry(entry, rss=False), order="append")
    return _with_stylesheet(path, bytes(generator.atom_str(pretty=True, encoding="UTF-8")))


def _rss(site: Site, document: FeedDocument, path: str) -> bytes:
    generator = _generator(site, document, path, RSS_TYPE)
    # Feed readers read RSS <description> as HTML: escaped once more, the channel text stays
    # text (as Atom's type="text" subtitle and JSON Feed's description are), never markup.
    generator.description(html.escape(document.subtitle, quote=False))
    generator.load_extension("dc", atom=False, rss=True)
    if site.hub:
        generator.register_extension("websub", _RssHubExtension, None, atom=False, rss=True)
        generator.websub.hub = site.hub
    if site.feeds.icon:
        # RSS images are small (at most 144 pixels wide): the square icon fits, a logo may not.
        generator.image(url=site.feeds.icon, title=document.title, link=site_url(site))
    for entry in document.entries:
        generator.add_entry(_feedgen_entry(entry, rss=True), order="append")
    return _with_stylesheet(path, bytes(generator.rss_str(pretty=True, encoding="UTF-8")))


def _json_feed(site: Site, document: FeedDocument, path: str) -> bytes:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), keys in the spec's order."""
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": document.title,
        "home_page_url": site_url(site),
        "feed_url": site_url(site, path),
        "description": document.subtitle,
    }
    if site.feeds.icon:
        # JSON Feed's icon and favicon are both square; Atom's logo (2:1) is neither.
        feed["icon"] = site.feeds.icon
        feed["favicon"] = site.feeds.icon
    feed["authors"] = [_json_author(_clean_author(site.author or Author(name=site.title)))]
    feed["language"] = site.language
    if site.hub:
        feed["hubs"] = [{"type": "WebSub", "url": site.hub}]
    feed["items"] = [_json_item(entry) for entry in document.entries]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_item(entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.id,
        "url": entry.link,
        "title": entry.title,
        "content_html": entry.content_html,
        "date_published": _rfc3339(entry.timestamp),
        "date_modified": _rfc3339(entry.timestamp),
    }
    if entry.authors:
        item["authors"] = [_json_author(author) for author in entry.authors]
    if entry.categories:
        item["tags"] = list(entry.categories)
    return item


def _json_author(author: Author) -> dict[str, str]:
    person = {"name": author.name}
    if author.url:
        person["url"] = author.url
    return person


def stale_feed_files(folder: Path, produced: Iterable[str]) -> list[Path]:
    """Feed files under ``folder``'s sections/ and tags/ that ``produced`` no longer has
    (a section or tag that went away), sorted; only names this module writes count."""
    keep = {folder / path for path in produced}
    stale: list[Path] = []
    for area in ("sections", "tags"):
        root = folder / area
        if not root.is_dir():
            continue
        for name in ("atom.xml", "rss.xml", "feed.json"):
            stale.extend(path for path in root.glob(f"*/{name}") if path not in keep)
    return sorted(stale)
