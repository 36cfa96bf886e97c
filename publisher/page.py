"""The road map page (index.html of the output): the latest release, for readers who browse.

Pure: the latest snapshot and the diffs of the last releases become a small view model
(`RoadmapPage`) that templates/page/index.html.j2 renders. Every resource is in the HTML, so
without JavaScript the page shows everything; the filter and search (templates/page/
roadmap.js, a file next to the page, so a Content-Security-Policy without 'unsafe-inline'
allows it) read what the page shows (each resource's line of facts), so no data is sent
twice: 10,000 resources fit in 2 MB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jinja2

from publisher import links
from publisher.changelog import FeedLink
from publisher.diff import RoadmapDiff
from publisher.model import Release, Resource, Roadmap, Site
from publisher.render import render_template, template_source

PAGE_TEMPLATE = "page/index.html.j2"
SCRIPT_TEMPLATE = "page/roadmap.js"
_MAX_HEADING = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class PageResource:
    """One resource as the page shows it. ``mark`` is "new", "updated" or ""."""

    title: str
    url: str
    author: str
    author_url: str
    kind: str
    cost: str
    level: str
    time: str
    tags: tuple[str, ...]
    description: str  # markdown
    mark: str = ""
    dead_since: str = ""  # ISO date: its link is dead, failing since then (links.show_dead)

    @property
    def facts(self) -> tuple[str, ...]:
        """Kind, cost, level and time, where known."""
        return tuple(fact for fact in (self.kind, self.cost, self.level, self.time) if fact)

    @property
    def fact_kinds(self) -> str:
        """Which facts ``facts`` holds, a letter each in order (k kind, c cost, l level,
        t time): the page marks its facts line with them so the filter reads each fact by its
        kind, never by its value (a time "free" is not the cost "free")."""
        letters = zip("kclt", (self.kind, self.cost, self.level, self.time), strict=True)
        return "".join(letter for letter, fact in letters if fact)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageSection:
    """A section, flattened: ``depth`` 0 is a top-level section (an h2 on the page)."""

    title: str
    anchor: str
    depth: int
    intro: str  # markdown
    resources: tuple[PageResource, ...]

    @property
    def heading(self) -> int:
        """The heading level: h2 for top-level sections, deeper ones down to h6."""
        return min(2 + self.depth, _MAX_HEADING)


@dataclass(frozen=True, slots=True, kw_only=True)
class RoadmapPage:
    """Everything index.html shows."""

    title: str
    intro: str
    release: Release | None
    sections: tuple[PageSection, ...]
    new: int
    updated: int
    since: str  # ISO date of the oldest release whose changes are marked ("" : the latest)
    total: int

    @property
    def choices(self) -> dict[str, tuple[str, ...]]:
        """The values each filter offers, sorted: kinds, costs, levels, tags."""
        found: dict[str, set[str]] = {"kind": set(), "cost": set(), "level": set(), "tag": set()}
        for section in self.sections:
            for resource in section.resources:
                for name, value in (
                    ("kind", resource.kind),
                    ("cost", resource.cost),
                    ("level", resource.level),
                ):
                    if value:
                        found[name].add(value)
                found["tag"].update(resource.tags)
        order = {"beginner": 0, "intermediate": 1, "advanced": 2}
        return {
            name: tuple(sorted(values, key=lambda value: (order.get(value, 9), value)))
            for name, values in found.items()
        }


def marked_changes(history: Sequence[RoadmapDiff], new_days: int) -> tuple[dict[str, str], str]:
    """Identity → "new" or "updated" for what the latest release (and, with ``new_days``,
    the releases of the last N days before it) added or changed; and the ISO date of the
    oldest release counted ("" when only the latest is)."""
    releases = [item for item in history if item.new is not None]
    if not releases:
        return {}, ""
    latest = releases[-1].new
    assert latest is not None
    window = [releases[-1]]
    for item in reversed(releases[:-1]):
        assert item.new is not None
        if new_days <= 0 or (latest.date - item.new.date) >= dt.timedelta(days=new_days):
            break
        window.append(item)
    marks: dict[str, str] = {}
    for item in window:  # newest first: a later "new" wins over an earlier "updated"
        for change in item.added:
            marks[change.resource.identity] = "new"
        for change in item.announced_updates:
            marks.setdefault(change.resource.identity, "updated")
    oldest = window[-1].new
    assert oldest is not None
    since = oldest.date.isoformat() if len(window) > 1 or new_days > 0 else ""
    return marks, since


def roadmap_page(
    roadmap: Roadmap,
    release: Release | None,
    history: Sequence[RoadmapDiff],
    new_days: int,
    *,
    dead_links: Mapping[str, str] | None = None,
) -> RoadmapPage:
    """The view model of the road map page: ``roadmap`` (the latest release's) with marks on
    what the last releases changed (see `marked_changes`), and on each resource whose URL is
    in ``dead_links`` (URL -> ISO date failing since: `link_cache.dead_links`)."""
    marks, since = marked_changes(history, new_days)
    if not history or history[-1].old is None:
        # The first release adds everything: marking every resource new says nothing.
        marks = {}
    sections: list[PageSection] = []
    counts = {"new": 0, "updated": 0}
    total = 0
    for ancestors, section in roadmap.walk_sections():
        resources = tuple(
            _page_resource(resource, marks, dead_links or {}) for resource in section.resources
        )
        for resource in resources:
            if resource.mark:
                counts[resource.mark] += 1
        total += len(resources)
        sections.append(
            PageSection(
                title=section.title,
                anchor=section_anchor(tuple(part.id for part in (*ancestors, section))),
                depth=len(ancestors),
                intro=section.intro,
                resources=resources,
            )
        )
    return RoadmapPage(
        title=roadmap.title,
        intro=roadmap.intro,
        release=release,
        sections=tuple(sections),
        new=counts["new"],
        updated=counts["updated"],
        since=since,
        total=total,
    )


def section_anchor(section_ids: tuple[str, ...]) -> str:
    """The id of a section on the road map page: its id path, so nested ids stay unique."""
    return "s-" + "--".join(section_ids)


def _page_resource(
    resource: Resource, marks: dict[str, str], dead_links: Mapping[str, str]
) -> PageResource:
    author = resource.author
    return PageResource(
        title=resource.title,
        url=resource.url,
        author=author.name if author else "",
        author_url=author.url if author else "",
        kind=resource.kind,
        cost=resource.cost,
        level=resource.level,
        time=resource.time,
        tags=resource.tags,
        description=resource.description,
        mark=marks.get(resource.identity, ""),
        dead_since=dead_links.get(resource.url, "") if resource.url else "",
    )


def render_page(
    site: Site,
    page: RoadmapPage,
    environment: jinja2.Environment,
    *,
    feeds: Sequence[FeedLink] = (),
) -> str:
    """index.html: the road map page, from templates/page/index.html.j2."""
    return render_template(
        environment,
        PAGE_TEMPLATE,
        {
            "site": site,
            "page": page,
            "feeds": feeds,
            "choices": page.choices,
            "page_url": links.site_url(site, links.PAGE_FILE),
            "changelog": links.CHANGELOG_FILE,
            "script": links.SCRIPT_FILE,
            "latest_url": (
                f"{links.CHANGELOG_FILE}#{links.release_anchor(page.release.version)}"
                if page.release
                else ""
            ),
        },
    )


def render_script(environment: jinja2.Environment) -> str:
    """roadmap.js, the page's filter and search (and the redirect of old changelog links),
    as written: JavaScript is not a Jinja template (``{#`` would start a comment)."""
    return template_source(environment, SCRIPT_TEMPLATE)
