"""The changelog: release history → CHANGELOG.md and the changelog pages.

Pure: the diffs are turned into a small view model (`ReleaseEntry` …) that both templates
read, so the markdown and the pages always say the same thing. Anchors and URLs come from
`publisher.links`, the ones the feeds and emails link to.

Neither grows with the history: changelog/index.html shows the latest releases and links one
archive page per year (changelog/2024.html), where each release stays for good; CHANGELOG.md
keeps the latest ``changelog.keep`` releases and a line per older year. Each release is
rendered alone (`render_release_html`, `render_release_markdown`) so a build can cache it,
and a group of changes lists at most `GROUP_LIMIT` entries, then links the release's page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import jinja2
from markupsafe import Markup

from publisher import links
from publisher.diff import (
    ChangeWords,
    ResourceChange,
    ResourceMove,
    RoadmapDiff,
    SectionChange,
    describe_change,
)
from publisher.markdown_escape import markdown_destination, markdown_line
from publisher.model import Release, Resource, Site
from publisher.render import render_template

CHANGELOG_TEMPLATE = "changelog/CHANGELOG.md.j2"
PAGE_TEMPLATE = "changelog/page.html.j2"
RELEASE_HTML_TEMPLATE = "changelog/release.html.j2"
RELEASE_MARKDOWN_TEMPLATE = "changelog/release.md.j2"
INDEX_RELEASES = 20  # releases on changelog/index.html
GROUP_LIMIT = 50  # entries of one group of a release on the pages and in CHANGELOG.md


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
    dead_since: str = ""  # ISO date: its link is dead, failing since then (links.show_dead)

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
    year: int
    title: str
    notes: str  # markdown
    anchor: str
    url: str  # absolute URL of the release on its year's archive page
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
        return _summary(self.added, self.updated, self.moved, self.removed, len(self.sections))


def _summary(added: int, updated: int, moved: int, removed: int, sections: int) -> str:
    counts = ((added, "added"), (updated, "updated"), (moved, "moved"), (removed, "removed"))
    words = [f"{count} {name}" for count, name in counts if count]
    if not words and sections:
        words.append(f"{sections} section change{'s' if sections != 1 else ''}")
    return ", ".join(words) or "no changes"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseRow:
    """A release as a line of a table of releases: cheap to make for every release."""

    version: str
    date: str
    year: int
    title: str
    anchor: str
    summary: str


def release_row(change: RoadmapDiff) -> ReleaseRow:
    """The table row of the release ``change.new`` (which must be set)."""
    release = change.new
    assert release is not None
    sections = 0
    if change.old is not None:
        sections = (
            len(change.sections_added) + len(change.sections_renamed) + len(change.sections_removed)
        )
    updated = sum(1 for item in change.updated if not item.cosmetic)
    return ReleaseRow(
        version=release.version,
        date=release.date.isoformat(),
        year=release.date.year,
        title=release.title,
        anchor=links.release_anchor(release.version),
        summary=_summary(
            len(change.added), updated, len(change.moved), len(change.removed), sections
        ),
    )


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
    entries = [release_entry(site, change) for change in history if change.new is not None]
    return tuple(reversed(entries))


def release_entry(
    site: Site, change: RoadmapDiff, *, dead_links: Mapping[str, str] | None = None
) -> ReleaseEntry:
    """The view model of the release ``change.new`` (which must be set); entries whose URL
    is in ``dead_links`` (URL -> ISO date failing since: `link_cache.dead_links`) say so."""
    release = change.new
    assert release is not None
    anchors = _Anchors(release)
    updates = change.announced_updates
    groups: tuple[ChangeGroup, ...] = (
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
    if dead_links:
        groups = tuple(_mark_dead(group, dead_links) for group in groups)
    anchor = links.release_anchor(release.version)
    web_copy = links.release_page_path(release.version)
    return ReleaseEntry(
        version=release.version,
        date=release.date.isoformat(),
        year=release.date.year,
        title=release.title,
        notes=release.notes.strip(),
        anchor=anchor,
        url=links.release_url(site, release),
        web_copy=web_copy,
        web_copy_url=links.site_url(site, web_copy),
        groups=tuple(group for group in groups if group.entries),
        sections=_section_notes(change),
        added=len(change.added),
        updated=len(updates),
        moved=len(change.moved),
        removed=len(change.removed),
    )


def _mark_dead(group: ChangeGroup, dead_links: Mapping[str, str]) -> ChangeGroup:
    entries = tuple(
        replace(entry, dead_since=dead_links[entry.url]) if entry.url in dead_links else entry
        for entry in group.entries
    )
    return replace(group, entries=entries)


def release_urls(change: RoadmapDiff) -> frozenset[str]:
    """The resource URLs the changelog entry of ``change`` links to (to key its dead marks)."""
    resources = (
        *(item.resource for item in change.added),
        *(item.resource for item in change.announced_updates),
        *(item.resource for item in change.moved),
        *(item.resource for item in change.removed),
    )
    return frozenset(resource.url for resource in resources if resource.url)


class _Anchors:
    """Hands out each resource anchor of a release once: a moved resource that also changed
    is listed twice, and an id must be unique on the page."""

    def __init__(self, release: Release) -> None:
        self.release = release
        self.taken: set[str] = set()

    def claim(self, identity: str) -> str:
        """The resource's anchor for the page, or "" when an earlier entry holds it."""
        anchor = links.resource_anchor(self.release.version, identity)
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
        link=resource.url or links.resource_page_url(site, anchors.release, resource.identity),
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


def render_release_markdown(
    site: Site, release: ReleaseEntry, environment: jinja2.Environment
) -> str:
    """One release of CHANGELOG.md, its heading first, from changelog/release.md.j2."""
    return render_template(
        environment,
        RELEASE_MARKDOWN_TEMPLATE,
        {
            "site": site,
            "release": release,
            "limit": GROUP_LIMIT,
            "md": markdown_line,
            "destination": markdown_destination,
        },
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class YearLine:
    """A year of releases older than those CHANGELOG.md keeps, or an archive page."""

    year: int
    releases: int
    path: str  # the archive page, relative to the output folder
    url: str


def year_lines(site: Site, rows: Iterable[ReleaseRow]) -> tuple[YearLine, ...]:
    """One line per year of ``rows``, newest year first, with its count of releases."""
    counts: dict[int, int] = {}
    for row in rows:
        counts[row.year] = counts.get(row.year, 0) + 1
    return tuple(
        YearLine(
            year=year,
            releases=counts[year],
            path=links.archive_path(year),
            url=links.site_url(site, links.archive_path(year)),
        )
        for year in sorted(counts, reverse=True)
    )


def render_changelog(
    site: Site,
    kept: Sequence[tuple[ReleaseRow, str]],
    environment: jinja2.Environment,
    *,
    older: Sequence[YearLine] = (),
) -> str:
    """CHANGELOG.md, newest release first, from templates/changelog/CHANGELOG.md.j2.

    ``kept``: the releases shown in full, each as its row and the text
    `render_release_markdown` made; ``older``: a line per year for the releases before them."""
    return render_template(
        environment,
        CHANGELOG_TEMPLATE,
        {
            "site": site,
            "releases": [text for _, text in kept],
            "references": [
                (row.version, links.site_url(site, f"{links.archive_path(row.year)}#{row.anchor}"))
                for row, _ in kept
            ],
            "older": older,
            "page_url": links.site_url(site, links.CHANGELOG_FILE),
            "md": markdown_line,
            "destination": markdown_destination,
        },
    )


def changelog_text(
    site: Site, history: Iterable[RoadmapDiff], environment: jinja2.Environment
) -> str:
    """CHANGELOG.md of ``history`` (oldest first), every release rendered (no cache)."""
    rows: list[ReleaseRow] = []
    items: list[RoadmapDiff] = []
    for item in history:
        if item.new is not None:
            rows.append(release_row(item))
            items.append(item)
    keep = site.changelog.keep
    kept = [
        (row, render_release_markdown(site, release_entry(site, item), environment))
        for row, item in zip(reversed(rows[-keep:]), reversed(items[-keep:]), strict=True)
    ]
    older = year_lines(site, rows[: max(len(rows) - keep, 0)])
    return render_changelog(site, kept, environment, older=older)


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


def render_release_html(
    site: Site, release: ReleaseEntry, environment: jinja2.Environment, *, web_copies: bool = True
) -> str:
    """One release as an article of the changelog pages, from changelog/release.html.j2.
    Its links are relative to the changelog/ folder, where every changelog page lives."""
    return render_template(
        environment,
        RELEASE_HTML_TEMPLATE,
        {"site": site, "release": release, "limit": GROUP_LIMIT, "web_copies": web_copies},
    )


def render_page(
    site: Site,
    rows: Sequence[ReleaseRow],
    articles: Sequence[str],
    environment: jinja2.Environment,
    *,
    years: Sequence[YearLine] = (),
    year: int | None = None,
    feeds: Sequence[FeedLink] = (),
    section_feeds: Sequence[FeedGroup] = (),
    tag_feeds: Sequence[FeedGroup] = (),
    total: int = 0,
) -> str:
    """A changelog page from templates/changelog/page.html.j2: the index (``year`` None:
    the latest releases) or one year's archive. ``rows`` and ``articles`` (made by
    `render_release_html`) are its releases, newest first; ``years`` every archive page;
    ``feeds`` become autodiscovery and subscribe links; ``total``: releases in all."""
    path = links.CHANGELOG_FILE if year is None else links.archive_path(year)
    return render_template(
        environment,
        PAGE_TEMPLATE,
        {
            "site": site,
            "rows": rows,
            "articles": [Markup(article) for article in articles],
            "years": years,
            "year": year,
            "total": total or len(rows),
            "feeds": feeds,
            "section_feeds": section_feeds,
            "tag_feeds": tag_feeds,
            "page_url": links.site_url(site, path),
        },
    )


def release_years_script(rows: Iterable[ReleaseRow]) -> str:
    """changelog/releases.js: release anchor → year, for the road map page to send links
    of the old one-page changelog (index.html#release-…) to the right archive page."""
    years = {row.anchor: row.year for row in rows}
    text = json.dumps(years, separators=(",", ":"), sort_keys=True)
    return f"window.roadmapReleaseYears = {text};\n"
