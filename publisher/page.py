"""The road map page (index.html of the output): the latest release, for readers who browse.

Pure: the latest snapshot and the diffs of the last releases become a small view model
(`RoadmapPage`) that templates/page/index.html.j2 renders. Every resource is in the HTML, so
without JavaScript the page shows everything; the filter and search (templates/page/
roadmap.js, a file next to the page, so a Content-Security-Policy without 'unsafe-inline'
allows it) read what the page shows (each resource's line of facts), so no data is sent
twice: 10,000 resources of real road maps fit in 2 MB.

Past `PAGE_LIMIT` bytes, `render_page` shortens the longest descriptions (every one longer
than a length it finds, cut after a whole word with "…", never inside the first word) and
says so at the top of the page. Descriptions are all it shortens: titles, links and facts
are never cut, so a road map whose titles, links and facts alone pass the limit cannot be
brought within it; its page is left whole (descriptions too) and stays over the limit, which
`page_weight_problem` puts in words for the build to warn about. A page within the limit is
rendered once and never changed.

The search still finds the words a cut took off: the page carries them once, in a compact
index (`cut_words_index`, in a <template> the script reads), and that index is weighed with
the page, so descriptions are cut deeper to make room for it. Only where even that cannot keep
the page within the limit are descriptions cut without it (the search then reads what is
shown only).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from publisher import links
from publisher.changelog import FeedLink
from publisher.diff import RoadmapDiff
from publisher.model import Release, Resource, Roadmap, Site
from publisher.render import (
    ELLIPSIS,
    html_text,
    markdown_to_html,
    render_template,
    shorten_html,
    template_source,
)

PAGE_TEMPLATE = "page/index.html.j2"
SCRIPT_TEMPLATE = "page/roadmap.js"
_MAX_HEADING = 6
# The most the page may weigh, in bytes of HTML (raw, not compressed): issue 18's "10,000
# resources at a page weight of at most 2 MB", whatever their text.
PAGE_LIMIT = 2_000_000
# Bytes kept free for what a shortened page adds besides the descriptions: the note that
# says so. A render that still overshoots is done again with the overshoot taken off.
_NOTE_ROOM = 500
_RENDERS = 3
_ESTIMATES = 4  # passes over the descriptions that check an estimated length, at most


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
    # A resource without a URL: the release whose page (the web copy of its email) shows
    # its description as it is now, in full, when the history has one ("" : none).
    added_in: str = ""
    # Set by `render_page` past PAGE_LIMIT only: the description as HTML, maybe shortened.
    description_html: str = ""

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
    shortened: int = 0  # descriptions shortened to keep the page within PAGE_LIMIT
    # The words the shortened descriptions lost, for the search: `cut_words_index` (HTML).
    cut_words: str = ""

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
    added = _added_descriptions(roadmap, history)
    for ancestors, section in roadmap.walk_sections():
        resources = tuple(
            _page_resource(resource, marks, dead_links or {}, added)
            for resource in section.resources
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


def _added_descriptions(
    roadmap: Roadmap, history: Sequence[RoadmapDiff]
) -> dict[str, tuple[str, str]]:
    """Identity → (version, description) of the release that last added each resource
    without a URL that has a description: its release page shows the description in full,
    the way to it from a shortened one (a resource with a URL has its own link)."""
    wanted = {
        resource.identity
        for _, section in roadmap.walk_sections()
        for resource in section.resources
        if not resource.url and resource.description
    }
    added: dict[str, tuple[str, str]] = {}
    if not wanted:
        return added
    for item in history:
        if item.new is None:
            continue
        for change in item.added:
            if change.resource.identity in wanted:
                added[change.resource.identity] = (item.new.version, change.resource.description)
    return added


def _page_resource(
    resource: Resource,
    marks: dict[str, str],
    dead_links: Mapping[str, str],
    added: Mapping[str, tuple[str, str]],
) -> PageResource:
    author = resource.author
    version, description = added.get(resource.identity, ("", ""))
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
        # Only when that release's page shows the description as it is now.
        added_in=version if description == resource.description else "",
    )


def render_page(
    site: Site,
    page: RoadmapPage,
    environment: jinja2.Environment,
    *,
    feeds: Sequence[FeedLink] = (),
    limit: int | None = PAGE_LIMIT,
) -> str:
    """index.html: the road map page, from templates/page/index.html.j2, within ``limit``
    bytes of UTF-8 when shortening descriptions can bring it there (None: no limit). Past
    the limit, the longest descriptions are shortened (see `_within_limit`); a page within
    it is rendered once, as it is. A page that shortening every description as far as it
    goes would still leave over the limit is returned whole, over it: see
    `page_weight_problem`."""
    context: dict[str, Any] = {
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
        "limit": _weight(limit or 0),
    }
    rendered = render_template(environment, PAGE_TEMPLATE, context)
    if limit is None:
        return rendered
    size = len(rendered.encode("utf-8"))
    if size <= limit:
        return rendered
    return _within_limit(environment, context, page, rendered, limit)


def _within_limit(
    environment: jinja2.Environment,
    context: dict[str, Any],
    page: RoadmapPage,
    rendered: str,
    limit: int,
) -> str:
    """The page rendered again with every description longer than some length shortened,
    that length the longest that brings the page within ``limit`` (``rendered``: the page
    with every description in full). Linear: each description is rendered once more (the
    template then uses that HTML), the length is found from their sizes, not by rendering
    the page again; the page is rendered again once (more only when the note outweighs the
    room kept for it). The index of the words cut off (`cut_words_index`) is weighed with
    the descriptions, and left out only when no length brings the page within ``limit``
    with it. ``rendered`` itself, whole, when even every description cut to its first word
    would not bring the page within ``limit``: cutting them all would lose their text for
    nothing."""
    size = len(rendered.encode("utf-8"))
    # With the index of the cut words, else (when it leaves no room) without it.
    for indexed in (True, False):
        descriptions = _Descriptions(page, indexed=indexed)
        if not descriptions.items or size - descriptions.cut(0)[1] > limit:
            continue  # nothing the page may shorten, or not enough
        target = limit - _NOTE_ROOM
        for _ in range(_RENDERS):
            length, cuts = descriptions.fit(size - target)
            shortened = descriptions.apply(page, length, cuts)
            cut = render_template(environment, PAGE_TEMPLATE, {**context, "page": shortened})
            weight = len(cut.encode("utf-8"))
            if weight <= limit:
                return cut
            if length == 0:
                break
            target -= weight - limit
    return rendered


def page_weight_problem(size: int, *, name: str = links.PAGE_FILE, limit: int = PAGE_LIMIT) -> str:
    """What a build warns about when the road map page it wrote weighs ``size`` bytes: ""
    within ``limit``; else that ``name`` is over it. `render_page` is over the limit only when
    shortening descriptions could not bring it within (titles, links and facts alone pass
    it), so the descriptions are whole."""
    if size <= limit:
        return ""
    return (
        f"{name} weighs {size:,} bytes, over its limit of {limit:,} bytes: its titles, links "
        "and facts alone pass it, so its descriptions are left whole (only descriptions are "
        "shortened)"
    )


# The digits of the numbers in `cut_words_index`: a number is its base-32 digits, the last
# one from the first alphabet and any before it from the second, so numbers follow each other
# without a separator and most take one character.
_LAST_DIGITS = "0123456789abcdefghijklmnopqrstuv"
_LEADING_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_-"


def _index_number(value: int) -> str:
    digits = [_LAST_DIGITS[value % 32]]
    value //= 32
    while value:
        digits.append(_LEADING_DIGITS[value % 32])
        value //= 32
    return "".join(reversed(digits))


_INDEX_NUMBERS = tuple(_index_number(value) for value in range(32 * 32))


def cut_words_index(words: Mapping[str, Sequence[int]]) -> Markup:
    """The index the page's search reads the cut words from (escaped for HTML): a line per
    word, sorted, "word numbers", the numbers those of the resources (0 for the page's first,
    in page order, ascending) that lost the word, each written as its distance from the one
    before it less one (from -1 for the first), in `_LAST_DIGITS`/`_LEADING_DIGITS`."""
    lines = []
    for word in sorted(words):
        numbers = []
        previous = -1
        for position in words[word]:
            value = position - previous - 1
            previous = position
            numbers.append(
                _INDEX_NUMBERS[value] if value < len(_INDEX_NUMBERS) else _index_number(value)
            )
        lines.append(f"{escape(word)} {''.join(numbers)}")
    return Markup("\n".join(lines))


def search_words(text: str) -> list[str]:
    """The distinct words of ``text`` as the page's search reads them: lower-cased, split
    at white space, in order (its query words are found inside them)."""
    return list(dict.fromkeys(text.lower().split()))


class _Descriptions:
    """The page's descriptions as HTML, each distinct one rendered once, with their sizes:
    what `_within_limit` weighs to find how far to shorten them. ``indexed``: the index of
    the words the cuts take off (`cut_words_index`) is weighed with them."""

    def __init__(self, page: RoadmapPage, *, indexed: bool = True) -> None:
        self.html: dict[str, Markup] = {}
        self.indexed = indexed
        # (description, suffix) → [HTML bytes, text length, resources]: the suffix, a link to
        # the full text, goes on a shortened description of a resource without a URL.
        self.items: dict[tuple[str, str], list[int]] = {}
        # (description, suffix) → where its resources stand on the page (0 for the first).
        self.positions: dict[tuple[str, str], list[int]] = {}
        self.words: dict[str, list[str]] = {}  # description → `search_words` of its text
        position = -1
        for section in page.sections:
            for resource in section.resources:
                position += 1
                if not resource.description:
                    continue
                full = self.html.get(resource.description)
                if full is None:
                    # As the template renders it: `r.description | markdown | trim`.
                    full = Markup(markdown_to_html(resource.description).strip())
                    self.html[resource.description] = full
                key = (resource.description, _full_text_link(resource))
                item = self.items.get(key)
                if item is None:
                    self.items[key] = [len(full.encode("utf-8")), len(html_text(full)), 1]
                    self.positions[key] = [position]
                else:
                    item[2] += 1
                    self.positions[key].append(position)
        self.resources = position + 1

    def fit(self, excess: int) -> tuple[int, dict[tuple[str, str], Markup]]:
        """The longest text length such that cutting every description longer than it
        saves at least ``excess`` bytes (0 when nothing does), and the cut descriptions.
        The length is first estimated from the sizes (a cut keeps its share of the markup),
        then checked on the real cuts, and lowered while they fall short: a few passes over
        the descriptions, at most a bisection's."""
        high = max((item[1] for item in self.items.values()), default=0)
        wanted = excess
        for _ in range(_ESTIMATES):
            length = self._estimate(wanted, high)
            cuts, saved = self.cut(length)
            if saved >= excess or length == 0:
                return length, cuts
            # The estimate fell short by this much: ask for that much more, at a shorter length.
            wanted += excess - saved
            high = length - 1
        # The estimates keep falling short: bisect on the real cuts.
        low = 0
        while low < high:
            middle = (low + high + 1) // 2
            if self.cut(middle)[1] >= excess:
                low = middle
            else:
                high = middle - 1
        return low, self.cut(low)[0]

    def cut(self, length: int) -> tuple[dict[tuple[str, str], Markup], int]:
        """Every description longer than ``length`` cut (never below its first word, and
        only where the cut saves bytes: `shorten_html`), and the bytes that saves (less
        what the index of the cut words weighs, when ``indexed``)."""
        cuts: dict[tuple[str, str], Markup] = {}
        saved = 0
        for key, (size, text_length, count) in self.items.items():
            if text_length <= length:
                continue
            cut = shorten_html(self.html[key[0]], length, key[1])
            if cut is not None:
                cuts[key] = cut
                saved += (size - len(cut.encode("utf-8"))) * count
        if self.indexed:
            saved -= self._index_weight(self._lost_words(cuts))
        return cuts, saved

    def _index_weight(self, words: Mapping[str, Sequence[int]]) -> int:
        """About what `cut_words_index` of ``words`` weighs, without writing it: a number
        takes the digits of the mean distance between the resources that lost its word."""
        weight = 0
        for word, positions in words.items():
            mean = self.resources / len(positions)
            digits = 1 if mean < 32 else 2 if mean < 32 * 32 else 3
            weight += len(escape(word).encode("utf-8")) + 2 + len(positions) * digits
        return weight

    def index(self, cuts: Mapping[tuple[str, str], Markup]) -> Markup:
        """`cut_words_index` of the words ``cuts`` take off their descriptions."""
        words = self._lost_words(cuts)
        for positions in words.values():
            positions.sort()
        return cut_words_index(words)

    def _lost_words(self, cuts: Mapping[tuple[str, str], Markup]) -> dict[str, list[int]]:
        """Word → the positions of the resources whose description ``cuts`` took it off:
        the words of a description's text that its shortened text does not hold (the
        search, which finds a query word inside a word, finds those as before)."""
        words: dict[str, list[int]] = {}
        for key, cut in cuts.items():
            description = key[0]
            all_words = self.words.get(description)
            if all_words is None:
                all_words = self.words[description] = search_words(
                    html_text(self.html[description])
                )
            shown = html_text(cut).lower()
            for word in all_words:
                if word not in shown:
                    words.setdefault(word, []).extend(self.positions[key])
        return words

    def _estimate(self, wanted: int, high: int) -> int:
        """The longest length up to ``high`` whose cuts save about ``wanted`` bytes."""
        low = 0
        while low < high:
            middle = (low + high + 1) // 2
            if self._saved(middle) >= wanted:
                low = middle
            else:
                high = middle - 1
        return low

    def _saved(self, length: int) -> float:
        saved = 0.0
        for (_, suffix), (size, text_length, count) in self.items.items():
            if text_length > length:
                # What is left: the share of the HTML the kept text is, an ellipsis and the link.
                left = size * length / text_length + len(ELLIPSIS.encode()) + len(suffix) + 1
                saved += (size - left) * count
        return saved

    def apply(
        self, page: RoadmapPage, length: int, cuts: Mapping[tuple[str, str], Markup]
    ) -> RoadmapPage:
        """``page`` with each description's HTML set, the cut ones from ``cuts``."""
        shortened = 0
        sections = []
        for section in page.sections:
            resources = []
            for resource in section.resources:
                if resource.description:
                    cut = cuts.get((resource.description, _full_text_link(resource)))
                    shortened += cut is not None
                    description = cut if cut is not None else self.html[resource.description]
                    resource = dataclasses.replace(resource, description_html=description)
                resources.append(resource)
            sections.append(dataclasses.replace(section, resources=tuple(resources)))
        return dataclasses.replace(
            page,
            sections=tuple(sections),
            shortened=shortened,
            cut_words=self.index(cuts) if self.indexed else Markup(""),
        )


def _full_text_link(resource: PageResource) -> str:
    """The link a shortened description ends with: to the release page that shows it in
    full, for a resource without a URL of its own ("" otherwise: its title is the link)."""
    if resource.url or not resource.added_in:
        return ""
    path = html.escape(links.release_page_path(resource.added_in))
    return f'<a href="{path}">full text (release {html.escape(resource.added_in)})</a>'


def _weight(size: int) -> str:
    """A page weight in words: "2 MB", "1.5 MB", "800 KB", "10,962 bytes"."""
    if size % 1_000:
        return f"{size:,} bytes"
    if size >= 1_000_000:
        return f"{size / 1_000_000:g} MB"
    return f"{size / 1_000:g} KB"


def render_script(environment: jinja2.Environment) -> str:
    """roadmap.js, the page's filter and search (and the redirect of old changelog links),
    as written: JavaScript is not a Jinja template (``{#`` would start a comment)."""
    return template_source(environment, SCRIPT_TEMPLATE)
