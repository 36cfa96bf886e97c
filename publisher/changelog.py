"""The changelog: release history → CHANGELOG.md and the changelog page (index.html).

Pure: the diffs are turned into a small view model (`ReleaseEntry` …) that both templates
read, so the markdown and the page always say the same thing. Anchors and URLs come from
`publisher.links`, the ones the feeds and emails link to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import jinja2

from publisher import links
from publisher.diff import (
    ChangeWords,
    ResourceChange,
    ResourceMove,
    RoadmapDiff,
    SectionChange,
    describe_change,
)
from publisher.diff_report import escape_markdown
from publisher.model import Resource, Site
from publisher.render import render_template

CHANGELOG_TEMPLATE = "changelog/CHANGELOG.md.j2"
PAGE_TEMPLATE = "page/index.html.j2"


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeEntry:
    """One resource in a release's Added, Updated, Moved or Removed group.

    ``link`` is where its title points: its own URL, else its anchor on the changelog page.
    ``anchor`` is its id on the page (empty when an earlier group of the release holds it).
    """

    title: str
    url: str
    link: str
    anchor: str
    section: tuple[str, ...]
    kind: str = ""
    author: str = ""
    cost: str = ""
    from_section: tuple[str, ...] = ()
    changes: tuple[ChangeWords, ...] = ()

    @property
    def facts(self) -> tuple[str, ...]:
        """Kind, author and cost, where known: ``("course", "by Andrew Ng", "free")``."""
        author = f"by {self.author}" if self.author else ""
        return tuple(fact for fact in (self.kind, author, self.cost) if fact)


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeGroup:
    """The entries of one kind of change: ``name`` is Added, Updated, Moved or Removed."""

    name: str
    entries: tuple[ChangeEntry, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionNote:
    """An added, removed or renamed section."""

    change: str  # "added", "removed", "renamed"
    title: str
    old_title: str
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseEntry:
    """One release as the changelog shows it."""

    version: str
    date: str  # ISO 8601, as keepachangelog.com asks
    title: str
    notes: str  # markdown
    anchor: str
    url: str  # absolute URL of the release on the changelog page
    web_copy: str  # the release email's web copy, relative to the output folder
    web_copy_url: str
    groups: tuple[ChangeGroup, ...]
    sections: tuple[SectionNote, ...]
    added: int
    updated: int
    moved: int
    removed: int

    @property
    def empty(self) -> bool:
        """Whether the release changed nothing readers hear about."""
        return not (self.groups or self.sections)

    @property
    def summary(self) -> str:
        """The counts in words, zeros left out: ``"1 added, 51 updated"``."""
        counts = (
            (self.added, "added"),
            (self.updated, "updated"),
            (self.moved, "moved"),
            (self.removed, "removed"),
        )
        words = [f"{count} {name}" for count, name in counts if count]
        if not words and self.sections:
            plural = "s" if len(self.sections) != 1 else ""
            words.append(f"{len(self.sections)} section change{plural}")
        return ", ".join(words) or "no changes"


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedLink:
    """A feed the page advertises: autodiscovery in <head>, a subscribe link in the body."""

    path: str  # relative to the output folder
    media_type: str
    title: str
    label: str  # short link text: "Atom", "RSS", "JSON Feed"
    topic: str = ""  # what it carries: "resources" or "releases"


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedGroup:
    """Feeds of one section or tag, listed under the main subscribe links."""

    name: str
    feeds: tuple[FeedLink, ...]


def release_entries(site: Site, history: Iterable[RoadmapDiff]) -> tuple[ReleaseEntry, ...]:
    """The view model of every release in ``history`` (oldest first in), newest first out."""
    entries = [_release_entry(site, change) for change in history if change.new is not None]
    return tuple(reversed(entries))


def _release_entry(site: Site, change: RoadmapDiff) -> ReleaseEntry:
    release = change.new
    assert release is not None
    anchors = _Anchors(release.version)
    updates = change.announced_updates
    groups = (
        ChangeGroup(
            name="Added",
            entries=tuple(_resource_entry(site, anchors, item) for item in change.added),
        ),
        ChangeGroup(
            name="Updated",
            entries=tuple(_resource_entry(site, anchors, item) for item in updates),
        ),
        ChangeGroup(
            name="Moved",
            entries=tuple(_move_entry(site, anchors, item) for item in change.moved),
        ),
        ChangeGroup(
            name="Removed",
            entries=tuple(_resource_entry(site, anchors, item) for item in change.removed),
        ),
    )
    anchor = links.release_anchor(release.version)
    web_copy = links.release_page_path(release.version)
    return ReleaseEntry(
        version=release.version,
        date=release.date.isoformat(),
        title=release.title,
        notes=release.notes.strip(),
        anchor=anchor,
        url=links.site_url(site, f"{links.PAGE_FILE}#{anchor}"),
        web_copy=web_copy,
        web_copy_url=links.site_url(site, web_copy),
        groups=tuple(group for group in groups if group.entries),
        sections=_section_notes(change),
        added=len(change.added),
        updated=len(updates),
        moved=len(change.moved),
        removed=len(change.removed),
    )


class _Anchors:
    """Hands out each resource anchor of a release once: a moved resource that also changed
    is listed twice, and an id must be unique on the page."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.taken: set[str] = set()

    def claim(self, identity: str) -> str:
        """The resource's anchor for the page, or "" when an earlier entry holds it."""
        anchor = links.resource_anchor(self.version, identity)
        if anchor in self.taken:
            return ""
        self.taken.add(anchor)
        return anchor


def _resource_entry(site: Site, anchors: _Anchors, change: ResourceChange) -> ChangeEntry:
    return _entry(
        site,
        anchors,
        change.resource,
        change.section,
        changes=tuple(describe_change(field) for field in change.announced_changes),
    )


def _move_entry(site: Site, anchors: _Anchors, move: ResourceMove) -> ChangeEntry:
    return _entry(site, anchors, move.resource, move.to_section, from_section=move.from_section)


def _entry(
    site: Site,
    anchors: _Anchors,
    resource: Resource,
    section: tuple[str, ...],
    *,
    from_section: tuple[str, ...] = (),
    changes: tuple[ChangeWords, ...] = (),
) -> ChangeEntry:
    anchor = anchors.claim(resource.identity)
    return ChangeEntry(
        title=resource.title,
        url=resource.url,
        link=resource.url or links.resource_page_url(site, anchors.version, resource.identity),
        anchor=anchor,
        section=section,
        from_section=from_section,
        changes=changes,
        kind=resource.kind,
        author=resource.author.name if resource.author else "",
        cost=resource.cost,
    )


def _section_notes(change: RoadmapDiff) -> tuple[SectionNote, ...]:
    if change.old is None:
        # The first release adds every section: listing them all says nothing new.
        return ()

    def note(kind: str, section: SectionChange) -> SectionNote:
        return SectionNote(
            change=kind, title=section.title, old_title=section.old_title, path=section.path
        )

    return (
        *(note("added", section) for section in change.sections_added),
        *(note("renamed", section) for section in change.sections_renamed),
        *(note("removed", section) for section in change.sections_removed),
    )


# --- markdown ---------------------------------------------------------------------------

_DESTINATION_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}


def link_destination(url: str) -> str:
    """A URL safe inside a markdown link's parentheses."""
    return "".join(_DESTINATION_UNSAFE.get(character, character) for character in url)


def render_changelog(
    site: Site, releases: Sequence[ReleaseEntry], environment: jinja2.Environment
) -> str:
    """CHANGELOG.md, newest release first, from templates/changelog/CHANGELOG.md.j2."""
    return render_template(
        environment,
        CHANGELOG_TEMPLATE,
        {
            "site": site,
            "releases": releases,
            "page_url": links.site_url(site, links.PAGE_FILE),
            "md": escape_markdown,
            "destination": link_destination,
        },
    )


# --- the page ---------------------------------------------------------------------------

# The feeds a reader subscribes to, in the order the page lists them: path → (type, label, what).
MAIN_FEEDS = (
    ("atom.xml", "application/atom+xml", "Atom", "resources"),
    ("rss.xml", "application/rss+xml", "RSS", "resources"),
    ("feed.json", "application/feed+json", "JSON Feed", "resources"),
    ("releases/atom.xml", "application/atom+xml", "Atom", "releases"),
    ("releases/rss.xml", "application/rss+xml", "RSS", "releases"),
    ("releases/feed.json", "application/feed+json", "JSON Feed", "releases"),
)
_TOPICS = {"resources": "new and updated resources", "releases": "releases"}
_MEDIA_TYPES = {
    "atom.xml": ("application/atom+xml", "Atom"),
    "rss.xml": ("application/rss+xml", "RSS"),
    "feed.json": ("application/feed+json", "JSON Feed"),
}


def feed_links(site: Site, feed_paths: Iterable[str]) -> tuple[FeedLink, ...]:
    """The main feeds among ``feed_paths`` (the files the feeds stage produced)."""
    produced = set(feed_paths)
    return tuple(
        FeedLink(
            path=path,
            media_type=media_type,
            title=f"{site.title}: {_TOPICS[topic]} ({label})",
            label=label,
            topic=topic,
        )
        for path, media_type, label, topic in MAIN_FEEDS
        if path in produced
    )


def topic_feed_groups(
    feed_paths: Iterable[str], section_titles: dict[str, str], folder: str
) -> tuple[FeedGroup, ...]:
    """The per-section (``folder="sections"``) or per-tag (``"tags"``) feeds among
    ``feed_paths``, named by ``section_titles`` (id → title) where known."""
    by_name: dict[str, list[FeedLink]] = {}
    for path in sorted(feed_paths):
        parts = path.split("/")
        if len(parts) != 3 or parts[0] != folder or parts[2] not in _MEDIA_TYPES:
            continue
        media_type, label = _MEDIA_TYPES[parts[2]]
        name = section_titles.get(parts[1], parts[1])
        by_name.setdefault(name, []).append(
            FeedLink(path=path, media_type=media_type, title=f"{name} ({label})", label=label)
        )
    order = {label: index for index, (_, label) in enumerate(_MEDIA_TYPES.values())}
    return tuple(
        FeedGroup(name=name, feeds=tuple(sorted(feeds, key=lambda feed: order[feed.label])))
        for name, feeds in by_name.items()
    )


def render_page(
    site: Site,
    releases: Sequence[ReleaseEntry],
    environment: jinja2.Environment,
    *,
    feeds: Sequence[FeedLink] = (),
    section_feeds: Sequence[FeedGroup] = (),
    tag_feeds: Sequence[FeedGroup] = (),
    web_copies: bool = True,
) -> str:
    """The changelog page (index.html) from templates/page/index.html.j2.

    ``feeds`` become autodiscovery and subscribe links; ``web_copies`` says whether each
    release links to its email's web copy (build publishes them next to the page).
    """
    return render_template(
        environment,
        PAGE_TEMPLATE,
        {
            "site": site,
            "releases": releases,
            "latest": releases[0] if releases else None,
            "feeds": feeds,
            "section_feeds": section_feeds,
            "tag_feeds": tag_feeds,
            "web_copies": web_copies,
            "page_url": links.site_url(site, links.PAGE_FILE),
        },
    )
