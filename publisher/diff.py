"""What changed between two snapshots, resource by resource: a pure function.

The types below are the contract other stages (feeds, changelog, email) build on.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import html
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from markdown_it import MarkdownIt

from publisher.identity_memo import ObjectMemo
from publisher.links import section_feed_folder
from publisher.model import (
    PLACEHOLDER_TEXT,
    RESOURCE_FIELDS,
    Author,
    Release,
    Resource,
    Roadmap,
    Section,
    Snapshot,
    landing_url,
    normalize_url,
    resource_identity,
)

# A section path: titles from the top-level section down, e.g. ("Learn From Others", "Newsletters").
SectionPath = tuple[str, ...]
# Between section titles wherever a path is shown as text: a single right-pointing angle quote.
SECTION_SEPARATOR = " \u203a "


def section_text(path: SectionPath) -> str:
    """A section path as text: ``Learn From Others \u203a Newsletters``."""
    return SECTION_SEPARATOR.join(path)


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldChange:
    """One changed field of an updated resource, values as JSON-compatible data."""

    field: str
    old: Any
    new: Any
    # A change readers would not notice (case, spacing or punctuation of a text, a URL that
    # normalizes the same, an explicit id): left out of what feeds, changelog and email show.
    cosmetic: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceChange:
    """An added, removed or updated resource.

    ``resource`` is the new version (the old one for removals); ``section`` and
    ``section_ids`` locate it in that snapshot. ``cosmetic`` marks an update whose only
    changes readers would not notice (a URL that normalizes to the same URL, a title,
    description, time or author that differs in case, spacing, punctuation or markdown markup
    only, an explicit id): it stays out of feeds, changelog, emails. In an update with a real
    change, its cosmetic field changes are marked (`FieldChange.cosmetic`) and left out of
    `announced_changes`.
    """

    resource: Resource
    section: SectionPath
    section_ids: tuple[str, ...]
    changes: tuple[FieldChange, ...] = ()
    cosmetic: bool = False
    old_resource: Resource | None = None

    @property
    def old_identity(self) -> str:
        """The identity in the old snapshot (differs when the URL or id changed)."""
        return (self.old_resource or self.resource).identity

    @property
    def announced_changes(self) -> tuple[FieldChange, ...]:
        """The field changes readers hear about: the real ones. A cosmetic field change
        (``Pylint`` → ``pylint`` next to a new URL) and an explicit id (bookkeeping) are left
        out: only the real change is shown."""
        return tuple(
            change
            for change in self.changes
            if not change.cosmetic and change.field not in UNANNOUNCED_FIELDS
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceMove:
    """A resource whose section path changed (``old_resource``: as it was before, when known)."""

    resource: Resource
    from_section: SectionPath
    to_section: SectionPath
    from_section_ids: tuple[str, ...]
    to_section_ids: tuple[str, ...]
    old_resource: Resource | None = None

    @property
    def old_identity(self) -> str:
        """The identity in the old snapshot (a URL-less resource's includes its section)."""
        return (self.old_resource or self.resource).identity


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionChange:
    """An added, removed or renamed section (renamed: a new title, its id the same or, where
    the id changed with the title, the new one: `_renamed_sections`)."""

    id: str
    title: str
    path: SectionPath
    old_title: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RoadmapDiff:
    """Everything that changed from ``old`` to ``new``; order follows the new snapshot
    (removals: the old one)."""

    old: Release | None
    new: Release | None
    added: tuple[ResourceChange, ...] = ()
    removed: tuple[ResourceChange, ...] = ()
    updated: tuple[ResourceChange, ...] = ()
    moved: tuple[ResourceMove, ...] = ()
    sections_added: tuple[SectionChange, ...] = ()
    sections_removed: tuple[SectionChange, ...] = ()
    sections_renamed: tuple[SectionChange, ...] = ()
    # The files compared (labels as the loader names them), for a working copy's header.
    old_path: str = ""
    new_path: str = ""
    # Section id paths in document order (the new snapshot's, then sections only in the old
    # one): the order in which reports group changes by section.
    section_order: tuple[tuple[str, ...], ...] = ()

    @property
    def announced_updates(self) -> tuple[ResourceChange, ...]:
        """The updates readers hear about: every update but the cosmetic ones."""
        return tuple(change for change in self.updated if not change.cosmetic)

    @property
    def is_empty(self) -> bool:
        """Whether nothing changed at all (cosmetic updates count as changes here)."""
        return not (
            self.added
            or self.removed
            or self.updated
            or self.moved
            or self.sections_added
            or self.sections_removed
            or self.sections_renamed
        )


def diff(old: Snapshot, new: Snapshot) -> RoadmapDiff:
    """The changes from ``old`` to ``new``: resources added, removed, updated and moved, and
    sections added, removed and renamed. Pure; ``diff(a, a)`` is empty."""
    old_sections = _section_places(old.roadmap)
    new_sections = _section_places(new.roadmap)
    pairs, added, removed = _paired_entries(
        _resource_entries(old.roadmap, old_sections), _resource_entries(new.roadmap, new_sections)
    )
    renamed = _renamed_sections(old_sections, new_sections, pairs)
    updated: list[ResourceChange] = []
    moved: list[ResourceMove] = []
    for (old_resource, old_place), (new_resource, new_place) in pairs:
        if old_resource != new_resource:
            changes, cosmetic = field_changes(old_resource, new_resource)
            if changes:
                updated.append(
                    ResourceChange(
                        resource=new_resource,
                        section=new_place.titles,
                        section_ids=new_place.ids,
                        changes=changes,
                        cosmetic=cosmetic,
                        old_resource=old_resource,
                    )
                )
        if old_place.ids != new_place.ids and (
            not renamed or tuple(renamed.get(key, key) for key in old_place.ids) != new_place.ids
        ):
            moved.append(
                ResourceMove(
                    resource=new_resource,
                    from_section=old_place.titles,
                    to_section=new_place.titles,
                    from_section_ids=old_place.ids,
                    to_section_ids=new_place.ids,
                    old_resource=old_resource,
                )
            )

    renamed_to = {new_id: old_id for old_id, new_id in renamed.items()}
    return RoadmapDiff(
        old=old.release,
        new=new.release,
        added=tuple(_change(entry) for entry in added),
        removed=tuple(_change(entry) for entry in removed),
        updated=tuple(updated),
        moved=tuple(moved),
        sections_added=tuple(
            SectionChange(id=section_id, title=place.titles[-1], path=place.titles)
            for section_id, place in new_sections.items()
            if section_id not in old_sections and section_id not in renamed_to
        ),
        sections_removed=tuple(
            SectionChange(id=section_id, title=place.titles[-1], path=place.titles)
            for section_id, place in old_sections.items()
            if section_id not in new_sections and section_id not in renamed
        ),
        sections_renamed=tuple(
            SectionChange(
                id=section_id,
                title=place.titles[-1],
                path=place.titles,
                old_title=old_sections[renamed_to.get(section_id, section_id)].titles[-1],
            )
            for section_id, place in new_sections.items()
            if (section_id in old_sections or section_id in renamed_to)
            and old_sections[renamed_to.get(section_id, section_id)].titles[-1] != place.titles[-1]
        ),
        old_path=old.path,
        new_path=new.path,
        section_order=(
            *(place.ids for place in new_sections.values()),
            *(place.ids for key, place in old_sections.items() if key not in new_sections),
        ),
    )


def _paired_entries(
    old_entries: list[_Entry], new_entries: list[_Entry]
) -> tuple[list[tuple[_Entry, _Entry]], list[_Entry], list[_Entry]]:
    """(pairs of an old and a new entry of one resource that changed or moved, in the new
    order; added entries; removed entries): the listings of a URL listed more than once by
    their sections (`_paired_listings`), the others by identity, else by `_pair_by_title`."""
    pairs, taken_old, taken_new = _paired_listings(old_entries, new_entries)
    old_get = {entry[0].identity: entry for entry in old_entries if id(entry) not in taken_old}.get
    unmatched_new: list[_Entry] = []
    matched_old: set[str] = set()
    for entry in new_entries:
        if id(entry) in taken_new:
            continue
        resource, place = entry
        previous = old_get(resource.identity)
        if previous is None:
            unmatched_new.append(entry)
            continue
        matched_old.add(resource.identity)
        # Most resources are untouched: one comparison of the frozen dataclasses settles it.
        if previous[1].ids == place.ids and (previous[0] is resource or previous[0] == resource):
            continue
        pairs.append((previous, entry))
    unmatched_old = [
        entry
        for entry in old_entries
        if entry[0].identity not in matched_old and id(entry) not in taken_old
    ]
    renamed_pairs, added, removed = _pair_by_title(
        # Counted once, and only when a removed and an added resource are left to pair.
        unmatched_old,
        unmatched_new,
        functools.cache(lambda: _named_rows(old_entries, new_entries)),
    )
    if renamed_pairs or taken_new:
        # Keep the new snapshot's order across the kinds of pairs.
        position = {id(entry[0]): index for index, entry in enumerate(new_entries)}
        pairs.extend(renamed_pairs)
        pairs.sort(key=lambda pair: position[id(pair[1][0])])
    return pairs, added, removed


def _paired_listings(
    old_entries: list[_Entry], new_entries: list[_Entry]
) -> tuple[list[tuple[_Entry, _Entry]], set[int], set[int]]:
    """The listings of a URL that one of the snapshots lists more than once (a paper under two
    headings), paired by the section they are in: (the pairs that changed or moved, the ids of
    the old and of the new entries paired). The importer gives a URL's later listings ids of
    their own, so a listing added under an earlier heading would take the identity of the one
    the old snapshot had: that one announced as moved and updated, itself "added". Paired here
    first by identity in the same section, then by the same section in the order listed; the
    listings left are paired as any other entry (by identity, then by title)."""
    old_urls = _listed_urls(old_entries)
    new_urls = _listed_urls(new_entries)
    pairs: list[tuple[_Entry, _Entry]] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    # Only the URLs listed more than once are sorted: every diff comes here, most with none.
    again = {
        url for urls in (old_urls, new_urls) for url, listed in urls.items() if len(listed) > 1
    }
    for url in sorted(again):
        olds, news = old_urls.get(url, []), new_urls.get(url, [])
        for same_identity in (True, False):
            for new in news:
                if id(new) in taken_new:
                    continue
                old = next(
                    (
                        entry
                        for entry in olds
                        if id(entry) not in taken_old
                        and entry[1].ids == new[1].ids
                        and (not same_identity or entry[0].identity == new[0].identity)
                    ),
                    None,
                )
                if old is None:
                    continue
                taken_old.add(id(old))
                taken_new.add(id(new))
                if old[0] is not new[0] and old[0] != new[0]:
                    pairs.append((old, new))
    return pairs, taken_old, taken_new


def _listed_urls(entries: list[_Entry]) -> dict[str, list[_Entry]]:
    # The entries with a URL by their normalized URL, in the order listed. An entry's identity
    # is that URL unless it has an id (the importer's for a URL listed again, or one written
    # by hand).
    listed: dict[str, list[_Entry]] = {}
    for entry in entries:
        resource = entry[0]
        if resource.url:
            url = normalize_url(resource.url) if resource.id else resource.identity
            listed.setdefault(url, []).append(entry)
    return listed


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a section sits: the titles and ids from the top-level section down to it."""

    titles: SectionPath
    ids: tuple[str, ...]


_Entry = tuple[Resource, _Place]


def _renamed_sections(
    old_sections: dict[str, _Place],
    new_sections: dict[str, _Place],
    pairs: list[tuple[_Entry, _Entry]],
) -> dict[str, str]:
    """Sections renamed with their id (old id → new id): a section only the old snapshot has
    and one only the new has, under the same parent, where every kept resource of the one
    (its subsections' too) is in the other and every resource of the other that is not new
    comes from the one, two resources at least (`## Course about LLM` → `## Courses about LLM`,
    an imported road map's ids being its titles' slugs). Their resources did not move: the
    section was renamed. Empty when no such pair (a section split, merged or emptied, or one
    resource under a new heading, is no rename)."""
    gone = old_sections.keys() - new_sections.keys()
    came = new_sections.keys() - old_sections.keys()
    if not gone or not came:
        return {}
    # For each resource that changed section path: the ids of the path that changed.
    onto: dict[str, set[str]] = {}
    into: dict[str, set[str]] = {}
    carried: Counter[str] = Counter()
    for (_, old_place), (_, new_place) in pairs:
        before, after = old_place.ids, new_place.ids
        if before == after:
            continue
        for depth in range(max(len(before), len(after))):
            old_id = before[depth] if depth < len(before) else ""
            new_id = after[depth] if depth < len(after) else ""
            if old_id != new_id:
                onto.setdefault(old_id, set()).add(new_id)
                into.setdefault(new_id, set()).add(old_id)
                carried[old_id] += 1
    renamed = {
        old_id: next(iter(targets))
        for old_id, targets in onto.items()
        if old_id in gone
        and carried[old_id] >= _RENAME_EVIDENCE
        and len(targets) == 1
        and next(iter(targets)) in came
        and into[next(iter(targets))] == {old_id}
    }
    # Under the same parent (itself kept, or renamed too): a section moved elsewhere is not
    # a rename.
    return {
        old_id: new_id
        for old_id, new_id in renamed.items()
        if tuple(renamed.get(key, key) for key in old_sections[old_id].ids[:-1])
        == new_sections[new_id].ids[:-1]
    }


# Resources a section must take along to be renamed: one resource under a new heading is as
# much a move to a new section (`Newsletters` → `Reading`, holding The Batch) as a rename.
_RENAME_EVIDENCE = 2


# The road map `keep_section_ids` last returned unchanged, and its sections' places: in a
# history the next version's call has it as ``previous``, and walking it again was half the
# call's cost. Held here (one entry), so that an object found here is that road map.
_LAST_PLACES: list[tuple[Roadmap, dict[str, _Place]]] = []


def keep_section_ids(
    previous: Roadmap, current: Roadmap, explicit: frozenset[str] = frozenset()
) -> Roadmap:
    """``current`` with each of its sections under the id it had in ``previous``: a section
    at the same place (the same titles from the top-level section down, one such section in
    each) keeps its id, and so does one the diff reads as renamed (`_renamed_sections`: its
    resources all came from the one section gone). The ids an import makes are its titles'
    slugs, so without this a renamed heading (`## Course about LLM` → `## Courses about LLM`)
    would give its section a new id, and its feed's address (``sections/<id>/``) and the
    subscribers who chose it by id would lose it silently. A resource without URL, whose
    identity holds its section ids, takes the kept ones. An id another section of
    ``current`` has (a new section of the old title) is never taken: that section keeps it.
    ``explicit``: ids of ``current`` written in its markdown, not made from a title
    (`ImportResult.explicit_section_ids`: a heading's anchor, a curator's choice, changed on
    purpose perhaps): those stay as written. ``current`` itself when nothing changes."""
    old_places = (
        _LAST_PLACES[0][1]
        if _LAST_PLACES and _LAST_PLACES[0][0] is previous
        else _section_places(previous, shared=True)
    )
    new_places = _section_places(current, shared=True)
    _LAST_PLACES.clear()
    # Only sections whose id came or went can take another: in a history, after one rename,
    # a few per version (the common case, no section came: none).
    came = [
        section_id
        for section_id in new_places
        if section_id not in old_places and section_id not in explicit
    ]
    gone = old_places.keys() - new_places.keys() if came else ()
    if not gone:
        _LAST_PLACES.append((current, new_places))
        return current
    gone_titles = Counter(old_places[section_id].titles for section_id in gone)
    old_by_titles = {
        old_places[section_id].titles: section_id
        for section_id in gone
        if gone_titles[old_places[section_id].titles] == 1
    }
    came_titles = Counter(new_places[section_id].titles for section_id in came)
    kept = {
        section_id: old_by_titles[new_places[section_id].titles]
        for section_id in came
        if came_titles[new_places[section_id].titles] == 1
        and new_places[section_id].titles in old_by_titles
    }
    if len(kept) < min(len(came), len(gone)):
        placed = _with_section_ids(current, kept)
        placed_places = _section_places(placed, shared=True)
        pairs, _, _ = _paired_entries(
            _resource_entries(previous, old_places), _resource_entries(placed, placed_places)
        )
        # A renamed section's id in `placed` is its id in `current`: one `kept` names is in
        # `previous` too, so it is never the new side of a rename.
        renamed = _renamed_sections(old_places, placed_places, pairs)
        kept.update(
            (new_id, old_id) for old_id, new_id in renamed.items() if new_id not in explicit
        )
    # An id is taken once: a kept id that another section has as its own (a new section
    # under the old title, or an id that differs in case only) is left to it, and the
    # section that asked keeps the id it came with; which may clash in turn, hence the loop
    # (each round keeps fewer ids).
    taken = frozenset(map(_section_key, new_places)) if kept else frozenset()
    while kept:
        held = Counter(_section_key(old_id) for old_id in kept.values())
        # Ids are unique in `current` (by `_section_key`): those it keeps are the ones held.
        free = {_section_key(section_id) for section_id in kept}
        clashing = {
            section_id
            for section_id, old_id in kept.items()
            if held[_section_key(old_id)] > 1
            or (_section_key(old_id) in taken and _section_key(old_id) not in free)
        }
        if not clashing:
            break
        kept = {key: value for key, value in kept.items() if key not in clashing}
    if not kept:
        _LAST_PLACES.append((current, new_places))
        return current
    return _with_section_ids(current, kept)


# The places of a section's subtree, by the section and its parent's place: a history's
# versions share most of their sections (the importer returns the same objects for unchanged
# ones), so `keep_section_ids` walks only the ones that changed. Only for such road maps
# (``shared``): releases loaded from files share no section, and an entry keeps its section
# alive (a cold build of 300 generated releases peaked 16% higher, for no time saved).
_SUBTREE_PLACES: ObjectMemo[dict[str, _Place]] = ObjectMemo(limit=20_000)


def _section_places(roadmap: Roadmap, *, shared: bool = False) -> dict[str, _Place]:
    # Each section's place (titles and ids from the top), by its id: ids are unique within a
    # snapshot (the loader checks). ``shared``: a subtree is walked once while it lives in
    # its place (`_SUBTREE_PLACES`).
    places: dict[str, _Place] = {}
    for section in roadmap.sections:
        places.update(_subtree_places(section, None, shared))
    return places


def _subtree_places(section: Section, parent: _Place | None, shared: bool) -> dict[str, _Place]:
    extra = None if parent is None else (parent.titles, parent.ids)
    known = _SUBTREE_PLACES.get(section, extra) if shared else None
    if known is not None:
        return known
    place = (
        _Place(titles=(section.title,), ids=(section.id,))
        if parent is None
        else _Place(titles=(*parent.titles, section.title), ids=(*parent.ids, section.id))
    )
    places = {section.id: place}
    for child in section.sections:
        places.update(_subtree_places(child, place, shared))
    return _SUBTREE_PLACES.put(section, extra, places) if shared else places


@functools.lru_cache(maxsize=16_384)
def _section_key(section_id: str) -> str:
    # What makes two section ids one: the folder their feeds publish in, case folded (as
    # `load` compares them).
    return section_feed_folder(section_id).casefold()


# Top-level sections as `_with_section_ids` placed them, by the section and the ids it gave.
_PLACED_SECTIONS: ObjectMemo[Section] = ObjectMemo(limit=1_024)


def _with_section_ids(roadmap: Roadmap, ids: dict[str, str]) -> Roadmap:
    """``roadmap`` with the sections ``ids`` names under their new ids (id → new id), and
    the identity of each resource without URL or id below them made from its new section
    ids (`resource_identity`). Sections and resources nothing changed in are the same
    objects."""

    def placed(section: Section, parent_ids: tuple[str, ...], moved: bool) -> Section:
        section_id = ids.get(section.id, section.id)
        path = (*parent_ids, section_id)
        moved = moved or section_id != section.id
        resources = section.resources
        if moved:
            resources = tuple(
                dataclasses.replace(
                    resource,
                    identity=resource_identity(
                        explicit_id="", url="", title=resource.title, section_ids=path
                    ),
                )
                if not (resource.id or resource.url)
                else resource
                for resource in section.resources
            )
            if all(map(operator.is_, resources, section.resources)):
                resources = section.resources
        children = tuple(placed(child, path, moved) for child in section.sections)
        if (
            section_id == section.id
            and resources is section.resources
            and all(map(operator.is_, children, section.sections))
        ):
            return section
        return dataclasses.replace(section, id=section_id, resources=resources, sections=children)

    # The same object for a top-level section placed the same way again (a history's next
    # version): its YAML text is written once, and comparing it takes no walk.
    key = tuple(sorted(ids.items()))
    sections = tuple(
        _PLACED_SECTIONS.get(section, key)
        or _PLACED_SECTIONS.put(section, key, placed(section, (), False))
        for section in roadmap.sections
    )
    if all(map(operator.is_, sections, roadmap.sections)):
        return roadmap
    return dataclasses.replace(roadmap, sections=sections)


def _resource_entries(roadmap: Roadmap, places: dict[str, _Place]) -> list[_Entry]:
    # One _Place per section, shared by its resources: no per-resource tuple building.
    entries: list[_Entry] = []
    for _, section in roadmap.walk_sections():
        place = places[section.id]
        entries.extend((resource, place) for resource in section.resources)
    return entries


def _pair_by_title(
    removed: list[_Entry],
    added: list[_Entry],
    named_rows: Callable[[], frozenset[tuple[tuple[str, ...], tuple[str, ...]]]] = frozenset,
) -> tuple[list[tuple[_Entry, _Entry]], list[_Entry], list[_Entry]]:
    """Pair removed and added resources with the same normalized title: one resource whose
    identity changed (a new URL or id, or a URL-less resource that moved). Then, in the same
    section, ones with the same description of several words: one resource renamed and
    relinked at once (a project that moved and was renamed, its entry otherwise unchanged).
    Then ones whose URLs lead to the same page (`landing_url`: a click counter dropped or
    put on, the link renamed at once). Last, in the same section, ones with the same tags
    that no other resource of that section carries in either snapshot (``named_rows``, called
    only when something is left to pair): a table row named by its keywords cell (`| WebGPT |
    [title](…) |`) whose paper was re-cited, a new title and link in the same row.

    Same-section pairs first, then across sections, each in document order: the pairing is
    the same whichever snapshot is called old, so diff(a, b) and diff(b, a) mirror.
    """
    if not removed or not added:
        return [], added, removed
    pairs: list[tuple[_Entry, _Entry]] = []
    paired: set[int] = set()
    # (key, only when it names one resource on each side): across sections a title shared by
    # several removed or added resources ("Natural Language Processing": a course gone, a
    # blog and a book of that title new elsewhere) cannot say which became which.
    keys: list[tuple[Callable[[_Entry], object], bool]] = [
        (lambda entry: (_pairing_title(entry[0].title), entry[1].ids), False),
        (lambda entry: _pairing_title(entry[0].title), True),
        (_pairing_title_words, True),
        (_pairing_description, False),
        (_pairing_description_unlinked, False),
        (_pairing_landing_url, False),
        (lambda entry: _named_row(entry, named_rows), False),
    ]
    for key, unique in keys:
        if len(paired) == 2 * min(len(removed), len(added)):
            break  # nothing left on one side
        waiting: dict[object, list[_Entry]] = {}
        for entry in removed:
            if id(entry) not in paired and key(entry) is not None:
                waiting.setdefault(key(entry), []).append(entry)
        arriving = (
            Counter(key(entry) for entry in added if id(entry) not in paired) if unique else None
        )
        for entry in added:
            if id(entry) in paired or key(entry) is None:
                continue
            candidates = waiting.get(key(entry))
            if (
                candidates
                and arriving is not None
                and (len(candidates) > 1 or arriving[key(entry)] > 1)
            ):
                continue
            if candidates:
                partner = candidates.pop(0)
                paired.update((id(partner), id(entry)))
                pairs.append((partner, entry))
    if len(paired) < 2 * min(len(removed), len(added)):
        pairs.extend(_pair_by_title_extension(removed, added, paired))
    return (
        pairs,
        [entry for entry in added if id(entry) not in paired],
        [entry for entry in removed if id(entry) not in paired],
    )


# At most this many words added to a title (or dropped from it) for a relinked entry to be
# that entry still (`_pair_by_title_extension`); the shorter title at least this many words.
_EXTENSION_WORDS = 2
_EXTENDED_TITLE_WORDS = 2
# Words that make a title a new edition of the work it extends (casefolded), and the endings
# of a CJK title's run of characters that say so ("第二版", "개정판").
_EDITION_WORDS = frozenset(
    ("edition", "ed", "revised", "édition", "edición", "edição", "edizione", "auflage", "издание")
)
_EDITION_ENDINGS = ("版", "판")


def _pair_by_title_extension(
    removed: list[_Entry], added: list[_Entry], paired: set[int]
) -> list[tuple[_Entry, _Entry]]:
    """Pairs of a removed and an added resource of one section, not yet paired, where one
    title is the other with at most two words added, all its words kept in their order, one
    added word marking an edition ("Learning Go: An Idiomatic Approach" → "…, 2nd Edition", a
    book's new edition at its new link): one entry relinked and retitled at once. Only where
    each names the other alone (two added titles holding "Caching Strategies"' words cannot
    say which one it became), and the shorter title has two words at least ("React" gone and
    "React Native" new are two projects).
    Updates ``paired``. Symmetric: the same pairs whichever snapshot is called old."""

    def words(entry: _Entry) -> tuple[str, ...]:
        return tuple(re.findall(r"\w+", _LIST_NUMBER.sub("", entry[0].title).casefold()))

    def related(one: tuple[str, ...], two: tuple[str, ...]) -> bool:
        shorter, longer = sorted((one, two), key=len)
        if not (
            len(shorter) >= _EXTENDED_TITLE_WORDS
            and 0 < len(longer) - len(shorter) <= _EXTENSION_WORDS
        ):
            return False
        # The shorter title's words in their order ("Data Analysis for Python Developers"
        # holds those of "Python for Data Analysis", another book's title); what is left of
        # the longer one are the added words.
        added = list(longer)
        start = 0
        for word in shorter:
            if word not in added[start:]:
                return False
            start = added.index(word, start)
            del added[start]
        # The added words must mark a new edition or version of the work: a figure ("2nd",
        # "2024", "v3", "第2版") or an edition's word ("Second Edition", "Revised"). Other
        # words make another work of the same subject ("React Native" → "React Native
        # Elements", "Machine Learning" → "… Mastery").
        return any(
            word in _EDITION_WORDS
            or word.endswith(_EDITION_ENDINGS)
            or any(character.isdigit() for character in word)
            for word in added
        )

    left = [entry for entry in removed if id(entry) not in paired]
    arriving = [entry for entry in added if id(entry) not in paired]
    left_words = [words(entry) for entry in left]
    arriving_words = [words(entry) for entry in arriving]
    candidates = {
        index: [
            other
            for other, entry in enumerate(left)
            if entry[1].ids == new[1].ids and related(left_words[other], arriving_words[index])
        ]
        for index, new in enumerate(arriving)
    }
    chosen = Counter(other for found in candidates.values() for other in found)
    pairs: list[tuple[_Entry, _Entry]] = []
    for index, found in candidates.items():
        if len(found) == 1 and chosen[found[0]] == 1:
            partner, entry = left[found[0]], arriving[index]
            paired.update((id(partner), id(entry)))
            pairs.append((partner, entry))
    return pairs


def _named_rows(
    old_entries: list[_Entry], new_entries: list[_Entry]
) -> frozenset[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(section ids, tags) that name one resource of that section in each snapshot: a row's
    own keywords, not a topic shared by several rows (those never pair)."""
    counts = [
        Counter((place.ids, resource.tags) for resource, place in entries if resource.tags)
        for entries in (old_entries, new_entries)
    ]
    return frozenset(row for row, count in counts[0].items() if count == 1 == counts[1][row])


def _named_row(
    entry: _Entry, named_rows: Callable[[], frozenset[tuple[tuple[str, ...], tuple[str, ...]]]]
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    # The row a resource's tags name in its section (`_named_rows`), else None.
    row = (entry[1].ids, entry[0].tags)
    return row if entry[0].tags and row in named_rows() else None


def _pairing_description(entry: _Entry) -> tuple[str, tuple[str, ...]] | None:
    # A description says which resource this is only when it says something: a few words or
    # none ("Python client.", "") are shared by unrelated resources, so they never pair.
    resource, place = entry
    words = _meaningful_characters(" ".join(_words(resource.description)))
    if _word_count(resource.description) < _DESCRIPTION_PAIRING_WORDS:
        return None
    return words, place.ids


# Characters of scripts written without spaces between words (Han, kana, Hangul syllables
# joined, as Chinese and Japanese write them): "PyPA 提供的 PyPI 镜像工具" is six words, not four.
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _word_count(text: str) -> int:
    # Words of a text: spaced ones as written; a run of Chinese or Japanese characters counts
    # a word for every two characters (their words are one to three characters long).
    count = 0
    for token in text.split():
        unspaced = len(_UNSPACED_SCRIPT.findall(token))
        count += max(1, (unspaced + 1) // 2) if unspaced else 1
    return count


def _pairing_description_unlinked(entry: _Entry) -> tuple[str, tuple[str, ...]] | None:
    # The same description once the links that end it are set aside: an entry renamed to the
    # project a link after its description named, that link now its own (`Warehouse: PyPA
    # 提供的 PyPI 镜像工具。[官网](…) [bandersnatch](…)` → `bandersnatch: PyPA 提供的 PyPI
    # 镜像工具。[官网](…)`). After
    # the description as written, so the pairs that key makes are never changed by this one.
    resource, place = entry
    unlinked = _without_trailing_links(resource.description)
    if _word_count(unlinked) < _DESCRIPTION_PAIRING_WORDS:
        return None
    return _meaningful_characters(" ".join(_words(unlinked))), place.ids


# A markdown link, its text and target (`[bandersnatch](https://…)`), or an autolink. No
# bracket inside either part: a run of `[` or of `[a](` is scanned once, not once per bracket.
_MARKDOWN_LINK = re.compile(r"!?\[[^\[\]]*\]\([^()\[\]\s]*\)|<[a-z][a-z0-9+.-]*://[^<>\s]*>")
# What stands between links set after a description: spaces, commas, slashes.
_LINK_SEPARATORS = " \t\n,\uff0c\u3001/|\u00b7;\uff1b"


def _without_trailing_links(description: str) -> str:
    # A description without the links that end it (`… 镜像工具。[官网](…) [bandersnatch](…)`,
    # `…\n\n<https://…>`): links set after the words. A link inside the words names what the
    # words are about (`A wrapper for the [Twitter](…) API.` is not `… [Mastodon](…) API.`).
    end = len(description)
    while end and description[end - 1] in _LINK_SEPARATORS:
        end -= 1
    for match in reversed(list(_MARKDOWN_LINK.finditer(description, 0, end))):
        if match.end() != end:
            break
        end = match.start()
        while end and description[end - 1] in _LINK_SEPARATORS:
            end -= 1
    return description[:end]


def _pairing_landing_url(entry: _Entry) -> str | None:
    # The page a reader lands on: a list that drops a click counter (or starts using one),
    # renaming the link at the same time, still lists one resource. Last, after the title
    # and description keys, so pairs those make are never changed by it.
    url = entry[0].url
    return landing_url(url) if url else None


# Words a description needs before it can pair a renamed and relinked resource.
_DESCRIPTION_PAIRING_WORDS = 5


def _pairing_title_words(entry: _Entry) -> frozenset[str] | None:
    # The words of a title, whatever their order and however often, a plural as its singular:
    # "Checksum" and "Checksums", "Horizontal vs Vertical Scaling" and "Vertical vs Horizontal
    # Scaling", "Batch Processing vs Stream Processing" and "Batch vs Stream Processing" name
    # one subject, an entry relinked and reworded at once (a list moving its links to its own
    # site). Only where the words name one removed and one added resource, after the title
    # keys, so the pairs they make are never changed by it.
    words = re.findall(r"\w+", _LIST_NUMBER.sub("", entry[0].title).casefold())
    return frozenset(_singular(word) for word in words) or None


def _singular(word: str) -> str:
    # A word without a plural's ending ("indexes" → "index", "databases" → "databas" as
    # "database" → "databas"): a key, not a word to show.
    if len(word) < 4 or not word.isalpha():
        return word
    return word.removesuffix("s").removesuffix("e")


def _pairing_title(title: str) -> str:
    # The title as the cosmetic rule reads it (`title_key`), so a pair is never a pair whose
    # title change is then called real, nor a cosmetic edit reported as removed + added;
    # a title of punctuation only pairs as written.
    return title_key(title) or title.strip()


def _change(entry: _Entry) -> ResourceChange:
    resource, place = entry
    return ResourceChange(resource=resource, section=place.titles, section_ids=place.ids)


def author_value(author: Author | None) -> dict[str, str] | None:
    """An author as JSON-compatible data: its non-empty fields, or None."""
    if author is None:
        return None
    fields = (("name", author.name), ("url", author.url), ("email", author.email))
    return {name: value for name, value in fields if value}


def _field_value(value: Any) -> Any:
    # JSON-compatible: absent text and authors are None; tags and prerequisites stay tuples.
    if isinstance(value, Author) or value is None:
        return author_value(value)
    return value if value != "" else None


def _same_words(old: str, new: str) -> bool:
    # Markdown re-wrapped or re-indented reads the same: whitespace runs do not count, nor do
    # bullet markers (a syllabus line "..." made "- ..." says nothing new).
    return _words(old) == _words(new)


def _words(text: str) -> list[str]:
    return [word for word in text.split() if not _BULLET_MARKER.fullmatch(word)]


_BULLET_MARKER = re.compile(r"[-*+]|\d{1,3}[.)]")
# A list number in front of a title ("1. ", "2) "): where the item sits, not what it is called.
_LIST_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")


def _same_members(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    # Reordering tags or prerequisites does not change what a resource is.
    return sorted(old) == sorted(new)


# The fields an update reports, in this order; ``id`` is reported but never announced.
COMPARED_FIELDS = RESOURCE_FIELDS
# Fields an update may report that readers never hear about: an explicit id is bookkeeping.
UNANNOUNCED_FIELDS = frozenset({"id"})
_EQUIVALENT: dict[str, Callable[[Any, Any], bool]] = {
    "description": _same_words,
    "tags": _same_members,
    "prerequisites": _same_members,
}


# design.md makes only case, whitespace and punctuation cosmetic: every other character
# counts. Letters, marks (a Thai tone mark, a Hindi vowel sign: "ข่าว" is not "ขาว"), numbers
# and symbols (S*: "C++" is not "C#", "$5" not "5", "✅" not "❌") are kept; punctuation
# (categories P*: . , : ; - _ ' " ! ? # & @ brackets: "AT&T" = "ATT") and spacing are not,
# except where a mark is part of a number (`_number_mark`).
# A variation selector only picks how an emoji is drawn ("⚠️" = "⚠"); a soft hyphen or a
# zero-width space is invisible.
_IGNORED_CHARACTERS = frozenset("\ufe0e\ufe0f\u00ad\u200b")
# Compatibility forms NFKC would fold into other characters: "10²" is not "102".
_KEPT_COMPATIBILITY_FORMS = ("<super>", "<sub>")
# Marks written after a number that change what it says ("50%" is not "50"): percent, per
# mille, per ten thousand, prime and double prime.
_NUMBER_SUFFIXES = frozenset("%\u2030\u2031\u2032\u2033")
# A sign or a leading decimal point before a number: "-5" is not "5", ".5" not "5". A minus
# sign (U+2212) and the dashes (Pd) read as the hyphen-minus.
_NUMBER_PREFIXES = frozenset("-.")
_MINUS = "\u2212"


def _meaningful_characters(text: str) -> str:
    # What a text says once case, spacing and punctuation are set aside
    # ("CS 229" = "cs229", "Node.js" = "NodeJS", but "C++" != "C#"). A mark that is part of a
    # number is kept (`_number_mark`: "1.5" is not "15", "50%" not "50", "-5" not "5"), and
    # between two digits a space still separates numbers ("1 2" is not "12").
    folded = _compatibility_folded(text).casefold()
    if not _IGNORED_CHARACTERS.isdisjoint(folded):
        folded = "".join(character for character in folded if character not in _IGNORED_CHARACTERS)
    kept: list[str] = []
    gap = False
    for index, character in enumerate(folded):
        if character.isspace():
            gap = True
            continue
        if (
            character == _MINUS or unicodedata.category(character).startswith("P")
        ) and _between_digits(folded, index):
            # "10 - 20" reads as "10-20" drawn with an en dash, "4.5 / 5" as "4.5/5": spaces
            # around a mark joining two numbers are spacing, not a number's own gap.
            gap = False
        if character == _MINUS:
            character = "-"
        elif unicodedata.category(character).startswith("P"):
            mark = _number_mark(folded, index)
            if mark is None:
                gap = True
                continue
            if not mark:
                continue  # a thousands separator: "1,000" = "1000"
            character = mark
        if gap and kept and kept[-1].isdigit() and (character.isdigit() or character == "-"):
            kept.append(" ")
        kept.append(character)
        gap = False
    return "".join(kept)


def _number_mark(text: str, index: int) -> str | None:
    """The punctuation mark ``text[index]`` as part of a number: itself (a dash as ``-``), ""
    for a thousands separator, or None when it is not part of a number (then it is cosmetic).

    Part of a number: any mark between two digits ("1.5", "3:00", "1/2", "2.0", "1-2"; spaces
    around it aside, "10 - 20" = "10-20", but for a full stop or comma: `_between_digits`; a
    comma before exactly three digits is a thousands separator, "1,000" = "1000", while
    "1,5" is a decimal comma); a sign or a leading point before a digit where no letter or
    digit precedes ("-5", "(-5)", ".5"; but "GPT-4" = "GPT4"); a percent, per mille or prime
    sign after a digit, spaces allowed between ("50%", "50 %", "5‰"). A full stop or a comma
    after a number ("Python 3.", "1, 2") is the sentence's, not the number's.
    """
    character = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    dash = unicodedata.category(character) == "Pd"
    if _between_digits(text, index):
        if character == "," and _thousands_group(text, index + 1):
            return ""
        return "-" if dash else character
    if after.isdigit() and not before.isalnum() and (dash or character in _NUMBER_PREFIXES):
        return "-" if dash else character
    if character in _NUMBER_SUFFIXES and text[:index].rstrip()[-1:].isdigit():
        return character
    return None


# Marks that end a clause after a number ("Python 3. 5 more", "Chapters 1, 2"): between two
# digits only when written without spaces ("1.5", "1,000").
_CLAUSE_MARKS = frozenset(".,;")


def _between_digits(text: str, index: int) -> bool:
    """Whether the mark ``text[index]`` joins two digits: written between them ("1.5",
    "10-20"), or, but for a full stop, comma or semicolon, with spaces on either side
    ("10 - 20", "4.5 / 5", "10 -20": how the same range or ratio is spaced)."""
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return True
    if text[index] in _CLAUSE_MARKS or not (before.isspace() or after.isspace()):
        return before.isdigit() and after.isdigit()
    left = index - 1
    while left >= 0 and text[left].isspace():
        left -= 1
    right = index + 1
    while right < len(text) and text[right].isspace():
        right += 1
    return left >= 0 and right < len(text) and text[left].isdigit() and text[right].isdigit()


def _thousands_group(text: str, start: int) -> bool:
    # Exactly three digits from ``start``, then no further digit.
    group = text[start : start + 4]
    return len(group) >= 3 and group[:3].isdigit() and not group[3:].isdigit()


def _compatibility_folded(text: str) -> str:
    # NFKC (a full-width letter is its ASCII letter, a ligature its letters), but a
    # superscript or subscript keeps its place: it changes what a number says.
    if text.isascii():
        return text
    if not any(
        unicodedata.decomposition(character).startswith(_KEPT_COMPATIBILITY_FORMS)
        for character in text
    ):
        return unicodedata.normalize("NFKC", text)
    return unicodedata.normalize(
        "NFC",
        "".join(
            character
            if unicodedata.decomposition(character).startswith(_KEPT_COMPATIBILITY_FORMS)
            else unicodedata.normalize("NFKC", character)
            for character in text
        ),
    )


def title_key(title: str) -> str:
    """A title as the diff compares it, for pairing and for the cosmetic rule alike: its
    meaningful characters (`_meaningful_characters`) without a list number in front
    ("1. Introduction" = "Introduction": the row's place, not its name).

    Case, spacing and punctuation are set aside, except punctuation that is part of a number
    ("1.5" is not "15", "50%" not "50", "-5" not "5", "v2.0" not "v20", "3:00" not "300",
    "1/2" not "12"). Thousands separators are how a number is written: "1,000" = "1000"
    (a comma before exactly three digits; "1,5" is not "15")."""
    return _meaningful_characters(_LIST_NUMBER.sub("", title))


# A bare URL in text (what the pages' linkify may not take: a URL in link text, in an escaped
# or odd context): compared as a link target, never as words.
_URL_IN_TEXT = re.compile(r"(?:https?|mailto):[^\s<>()\[\]\"']+", re.IGNORECASE)
# A code span or block is compared as written, punctuation included: `a / b` is not `a * b`.
_CODE = "\x00"


# An HTML link's tag (`<a href="…" …>`, any attribute order and quoting) and its closing tag:
# markup around the link's words, like a markdown link's brackets; its href is a link target.
_HTML_LINK_TAG = re.compile(r"<a(?=[\s>/])[^>]*>|</a\s*>", re.IGNORECASE)
_HTML_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


@functools.cache
def _markdown_parser() -> MarkdownIt:
    # Configured like the pages' renderer (render.py): what readers see as a link is a link.
    # Raw HTML is parsed as such (not as text) so that an `<a href>` tag stays whole:
    # linkify would otherwise cut it at the URL in its attribute.
    return MarkdownIt("commonmark", {"linkify": True, "html": True}).enable("linkify")


def _folded_text(
    text: str, plain: Callable[[str], bool] = lambda code: False
) -> tuple[tuple[str, ...], frozenset[str]]:
    """A markdown text as readers read it: its visible words as `_meaningful_characters` sees
    them, code spans and blocks as written (in order), and the normalized targets of every
    link, however written: inline, reference (every definition), autolink, linkified or bare
    URL, image source, HTML `<a href>`. A linked URL shown as the link's text counts as its
    target only; an HTML link's tags are markup, like a markdown link's brackets. An inline
    code span ``plain`` accepts is read as words."""
    targets: set[str] = set()
    pieces: list[str] = []
    words: list[str] = []

    def add_text(visible: str) -> None:
        for match in _URL_IN_TEXT.finditer(visible):
            targets.add(normalize_url(match.group(0)))
        words.append(_URL_IN_TEXT.sub(" ", visible))

    def add_html(raw: str) -> None:
        # Raw HTML as text, but an `<a>` tag gives its href as a target and no words.
        position = 0
        for tag in _HTML_LINK_TAG.finditer(raw):
            add_text(raw[position : tag.start()])
            href = _HTML_HREF.search(tag.group(0))
            if href is not None:
                targets.add(
                    normalize_url(html.unescape(next(v for v in href.groups() if v is not None)))
                )
            words.append(" ")
            position = tag.end()
        add_text(raw[position:])

    def add_code(code: str) -> None:
        pieces.append(_meaningful_characters("".join(words)))
        words.clear()
        pieces.append(_CODE + code.strip())

    environment: dict[str, Any] = {}
    for block in _markdown_parser().parse(text, environment):
        if block.type in ("fence", "code_block"):
            add_code(block.content)
        elif block.type == "html_block":
            add_html(block.content)
        words.append(" ")
        skipping = False  # inside an autolink or a linkified URL: its text is its target
        for token in block.children or ():
            if token.type == "link_open":
                href = token.attrGet("href")
                targets.add(normalize_url(str(href or "")))
                skipping = token.markup in ("autolink", "linkify")
            elif token.type == "link_close":
                skipping = False
            elif skipping:
                continue
            elif token.type == "image":
                targets.add(normalize_url(str(token.attrGet("src") or "")))
                add_text(token.content)
            elif token.type == "code_inline":
                if plain(token.content):
                    add_text(token.content)
                else:
                    add_code(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                words.append(" ")
            elif token.type == "text":
                add_text(token.content)
            elif token.type == "html_inline":
                add_html(token.content)
    for reference in environment.get("references", {}).values():
        targets.add(normalize_url(str(reference.get("href", ""))))
    pieces.append(_meaningful_characters("".join(words)))
    return tuple(piece for piece in pieces if piece), frozenset(targets)


def _same_reading(before: str, after: str) -> bool:
    # Free text that reads the same: the same link targets (each compared as a URL, after
    # normalize_url), and the same other words once case, spacing and punctuation are set
    # aside. A link leading elsewhere is news; one put on or taken off words that stay is
    # markup (`_links_put_on_or_off`). Code is compared as written.
    if not (before and after):
        return False  # a text set or removed is news
    folded_before, folded_after = _folded_text(before), _folded_text(after)
    if folded_before == folded_after:
        return True
    if folded_before[0] == folded_after[0] and _links_put_on_or_off(
        before, after, folded_before[1], folded_after[1]
    ):
        return True
    if folded_before[1] == folded_after[1] and _cut_at_another_length(
        before, after, folded_before[0], folded_after[0]
    ):
        return True
    # Words put in code style, or taken out of it, as written (asyncio → `asyncio`) are
    # markup only; a code span whose text the other version does not hold as words stays code.
    if _folded_text(before, _written_in(_prose(after))) == _folded_text(
        after, _written_in(_prose(before))
    ):
        return True
    simpler = _without_placeholders(before, after)
    return simpler is not None and _same_reading(*simpler)


# A date to the month, then its day (`2023/02/09`, `2023-02`): the month is group 1. Written
# with a slash or a hyphen, one for both: dots make a version (`Unity 2022.3` → `2022.3.10`,
# a release named by its year and month), whose third number is news.
_DATE_IN_TEXT = re.compile(
    r"(?<![\d/.-])((?:19|20)\d\d([-/])(?:0?[1-9]|1[0-2]))(?:\2(?:0?[1-9]|[12]\d|3[01]))?"
    r"(?![\d/.-]?\d)"
)
# A link to nothing, in brackets of its own or not (`[[code]()]`, `[demo]()`).
_EMPTY_LINK = re.compile(r"\[\[[^\[\]\n]*\]\(\s*\)\]|\[[^\[\]\n]*\]\(\s*\)")


def _without_placeholders(before: str, after: str) -> tuple[str, str] | None:
    """Two texts without what says nothing new between them, or None when nothing of that
    was found: dates where one text gives a date to the day and the other the same date to
    the month, at the same place (`[2023/02]` → `[2023/02/09]`, a paper list dating its papers
    more precisely: the same date, as a date column written more precisely is the same row),
    written to the month in both; links to nothing (`[[code]()]`), dropped from both: a
    placeholder, no page a reader can follow."""
    dates_before = list(_DATE_IN_TEXT.finditer(before))
    dates_after = list(_DATE_IN_TEXT.finditer(after))
    simpler = False
    pairs = list(zip(dates_before, dates_after, strict=False))
    if (
        len(dates_before) == len(dates_after)
        and any(one.group(0) != two.group(0) for one, two in pairs)
        and all(
            one.group(0) == two.group(0)
            or (one.group(1) == two.group(1) and one.group(1) in (one.group(0), two.group(0)))
            for one, two in pairs
        )
    ):
        before, after = _DATE_IN_TEXT.sub(r"\1", before), _DATE_IN_TEXT.sub(r"\1", after)
        simpler = True
    if _EMPTY_LINK.search(before) or _EMPTY_LINK.search(after):
        before, after = _EMPTY_LINK.sub("", before), _EMPTY_LINK.sub("", after)
        simpler = True
    return (before, after) if simpler else None


def _links_put_on_or_off(
    before: str, after: str, targets_before: frozenset[str], targets_after: frozenset[str]
) -> bool:
    """Whether two texts whose words are the same differ only by links put on or taken off
    some of those words ("the library [Jedi](…)" → "the library Jedi"): readers read the
    same description. A link that now leads elsewhere (a target gone and another come) is
    news, and so is a URL shown as text (`<https://…>`, a bare URL), which readers see, and
    a link put on or taken off words that only say the thing is not there yet ('TBD',
    'Coming soon': `PLACEHOLDER_TEXT`): linked, they say it is there now."""
    if not (targets_before <= targets_after or targets_after <= targets_before):
        return False
    if PLACEHOLDER_TEXT.match(_prose(before)) or PLACEHOLDER_TEXT.match(_prose(after)):
        return False
    return (targets_before ^ targets_after).isdisjoint(_shown_urls(before) | _shown_urls(after))


# A text cut short by whoever wrote it: it ends with an ellipsis ("…", "..", "...").
_CUT_SHORT = re.compile(r"(?:\u2026|\.\.)\s*$")


def _cut_at_another_length(
    before: str, after: str, words_before: tuple[str, ...], words_after: tuple[str, ...]
) -> bool:
    """Whether one text is the other cut shorter: it ends with an ellipsis and all it says
    is how the other begins ("… recognition (OCR) tool.." → "… recognition (OCR).."), as a
    generator cuts one sentence at a length that depends on the marks beside it. Nothing is
    said that the other does not say: the same description."""
    if len(words_before) != 1 or len(words_after) != 1:
        return False  # code in either: compared as written
    (shown_before,), (shown_after,) = words_before, words_after
    shorter, longer, text = (
        (shown_before, shown_after, before)
        if len(shown_before) <= len(shown_after)
        else (shown_after, shown_before, after)
    )
    return bool(shorter) and longer.startswith(shorter) and bool(_CUT_SHORT.search(text))


def _shown_urls(text: str) -> frozenset[str]:
    # The normalized URLs a markdown text shows as text: autolinks, linkified and bare URLs.
    shown: set[str] = set()
    for block in _markdown_parser().parse(text, {}):
        for token in block.children or ():
            if token.type == "link_open" and token.markup in ("autolink", "linkify"):
                shown.add(normalize_url(str(token.attrGet("href") or "")))
            elif token.type in ("text", "html_inline"):
                shown.update(normalize_url(url) for url in _URL_IN_TEXT.findall(token.content))
        if block.type == "html_block":
            shown.update(normalize_url(url) for url in _URL_IN_TEXT.findall(block.content))
    return frozenset(shown)


def _prose(text: str) -> str:
    # A markdown text's visible words outside code, as written (links' words included).
    return " ".join(
        token.content
        for block in _markdown_parser().parse(text, {})
        for token in block.children or ()
        if token.type == "text"
    )


def _written_in(prose: str) -> Callable[[str], bool]:
    # Whether a code span's text is in the prose as written: the same case, whole words.
    def written(code: str) -> bool:
        code = code.strip()
        return bool(code) and re.search(rf"(?<!\w){re.escape(code)}(?!\w)", prose) is not None

    return written


def _same_author(before: Author | None, after: Author | None) -> bool:
    # The same person, written differently: the name in another case or punctuation, a URL
    # that normalizes the same, an email in another case.
    if before is None or after is None:
        return False
    return (
        _meaningful_characters(before.name) == _meaningful_characters(after.name)
        and normalize_url(before.url) == normalize_url(after.url)
        and before.email.casefold() == after.email.casefold()
    )


def _is_cosmetic(name: str, before: Any, after: Any) -> bool:
    """Whether one field's change is one readers would not notice."""
    if name == "id":
        return True  # bookkeeping readers never see
    if name == "url":
        # The same page, or a known click counter leading to it (`landing_url`): readers
        # land where they did.
        return bool(before and after) and landing_url(before) == landing_url(after)
    if name == "title":
        # Case, spacing or punctuation only ("KittenTTS" → "kittentts"), or a list number
        # dropped or changed ("1. Introduction" → "Introduction": the row's place, not its
        # name). Symbols ("C++" → "C#", "✅" → "❌"), marks and punctuation that is part of a
        # number ("1.5" → "15", "50%" → "50") are a real change; other punctuation
        # ("AT&T" → "ATT") is not. The same key pairs URL-less resources (`_pair_by_title`).
        return title_key(before) == title_key(after)
    if name in ("description", "time"):
        # The same rule for the other free-text fields: a full stop added, a word's case, a
        # link in it that normalizes to the same URL (http → https).
        return _same_reading(before, after)
    if name == "author":
        return _same_author(before, after)
    return False


def field_changes(old: Resource, new: Resource) -> tuple[tuple[FieldChange, ...], bool]:
    """The fields that changed from ``old`` to ``new`` (JSON-compatible values, the new one as
    written), each marked cosmetic or not, and whether all of them are cosmetic: a URL that
    normalizes to the same URL; a title, description, time or author that differs only in
    case, spacing, punctuation or markdown markup; an explicit id."""
    changes: list[FieldChange] = []
    for name in COMPARED_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        equivalent = _EQUIVALENT.get(name)
        if equivalent is not None and equivalent(before, after):
            continue
        changes.append(
            FieldChange(
                field=name,
                old=_field_value(before),
                new=_field_value(after),
                cosmetic=_is_cosmetic(name, before, after),
            )
        )
    return tuple(changes), bool(changes) and all(change.cosmetic for change in changes)


@dataclass(frozen=True, slots=True)
class TextPart:
    """A piece of a changed text: ``same`` (kept), ``removed``, ``added``, or ``gap`` (words
    left out around the edit, shown as an ellipsis)."""

    kind: Literal["same", "removed", "added", "gap"]
    text: str
    spaced: bool = True  # whether a space separates it from the part before


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeWords:
    """One changed field in plain words, the same in every output (each only escapes them).

    ``summary`` is the whole sentence as text (``"cost: free → paid"``, ``"tags: added x;
    removed y"``, ``"description: … a [base → basic] knowledge …"``); ``old``/``new`` are the
    values as display text ("" when absent) and ``added``/``removed`` the items of a list
    field, for outputs that wrap them (a feed links URLs). For a text field edited in place,
    ``parts`` is the new text with the edit marked, word by word, for outputs that can show
    it (HTML: ``<del>``/``<ins>``); ``prefix`` is what precedes it in ``summary``.
    """

    field: str
    label: str
    old: str
    new: str
    summary: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    prefix: str = ""
    parts: tuple[TextPart, ...] = ()


# A value longer than this (or spanning lines) is shortened around its edit: a rewritten text
# would drown the list readers scan. URLs are always quoted whole (readers follow them).
_QUOTE_LIMIT = 80
# Words (and punctuation marks) kept on each side of an edit in a long text, and at most in
# one removed or added run.
_CONTEXT_WORDS = 8
_RUN_WORDS = 20
# A new text shown without an old one (a description added, or rewritten past recognition).
_PREVIEW_WORDS = 30
_FIELD_LABELS = {"url": "link"}
ELLIPSIS = "…"


def display_value(value: Any, *, detailed: bool = False) -> str:
    """A field value as the diff reports it (JSON-like data) as one line of plain text; an
    author is its name, or with ``detailed`` its name and URL (or email)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        name = str(value.get("name") or "")
        extra = str(value.get("url") or value.get("email") or "")
        if detailed and name and extra:
            return f"{name} <{extra}>"
        return name or extra
    if isinstance(value, list | tuple):
        return ", ".join(display_value(item) for item in value)
    return " ".join(str(value).split())


def describe_change(change: FieldChange) -> ChangeWords:
    """What changed in one field, in the words every output uses: lists as items added and
    removed; a URL as ``old → new``; other text as the new text with the edit marked word by
    word (``a [base → basic] knowledge``, ``[+ added]``, ``[- removed]``), shortened around
    the edit when long; a value set or removed as such."""
    label = _FIELD_LABELS.get(change.field, change.field.replace("_", " "))
    old, new = display_value(change.old), display_value(change.new)
    detailed = old == new and bool(old)
    if detailed:
        # Same name, another URL (an author): the detail is what changed.
        old = display_value(change.old, detailed=True)
        new = display_value(change.new, detailed=True)
    words = ChangeWords(field=change.field, label=label, old=old, new=new, summary="")
    if isinstance(change.old, list | tuple) or isinstance(change.new, list | tuple):
        before = [display_value(item) for item in change.old or ()]
        after = [display_value(item) for item in change.new or ()]
        # Sets for the lookups: a list of n tags costs n, not n squared.
        before_set, after_set = set(before), set(after)
        added = tuple(item for item in after if item not in before_set)
        removed = tuple(item for item in before if item not in after_set)
        parts = [f"added {', '.join(added)}"] if added else []
        parts += [f"removed {', '.join(removed)}"] if removed else []
        summary = f"{label}: " + ("; ".join(parts) or "reordered")
        return dataclasses.replace(words, summary=summary, added=added, removed=removed)
    long = change.field == "description" or any(
        _too_long(value) for value in (change.old, change.new)
    )
    if not old and not new:
        return dataclasses.replace(words, summary=f"{label} changed")
    if not new:
        removed_text = "" if long else f" (was {old})"
        return dataclasses.replace(words, summary=f"{label} removed{removed_text}")
    if not old:
        if change.field == "url" or not long:
            return dataclasses.replace(words, summary=f"{label} set to {new}")
        return _with_parts(words, f"{label} added: ", (TextPart("same", _preview(new)),))
    if change.field == "url" or detailed:
        return dataclasses.replace(words, summary=f"{label}: {old} → {new}")
    text_parts = word_edit(old, new, shorten=long)
    if text_parts is None:
        # Nothing in common: the whole value changed.
        if not long:
            return dataclasses.replace(words, summary=f"{label}: {old} → {new}")
        return _with_parts(words, f"{label} rewritten: ", (TextPart("same", _preview(new)),))
    return _with_parts(words, f"{label}: ", text_parts)


def _with_parts(words: ChangeWords, prefix: str, parts: tuple[TextPart, ...]) -> ChangeWords:
    return dataclasses.replace(
        words, prefix=prefix, parts=parts, summary=prefix + parts_as_text(parts)
    )


def _preview(text: str) -> str:
    words = text.split()
    if len(words) <= _PREVIEW_WORDS:
        return text
    return " ".join(words[:_PREVIEW_WORDS]) + " " + ELLIPSIS


# Words, and punctuation apart from them, each with the space before it: "learning," and
# "learning for coders," differ by an insertion, not by a replaced word.
_TOKEN = re.compile(r"\s*(?:[\w'\u2019]+|[^\w\s]+)")


def word_edit(old: str, new: str, *, shorten: bool = False) -> tuple[TextPart, ...] | None:
    """The new text with its edit from ``old`` marked word by word (None when the two share
    too little for a marked edit to read well). With ``shorten``, only a few words around
    each edit are kept, the rest given as gaps."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(
        None,
        [token.strip() for token in old_tokens],
        [token.strip() for token in new_tokens],
        autojunk=False,
    )
    kept = sum(block.size for block in matcher.get_matching_blocks())
    if not kept or (shorten and kept * 3 < len(new_tokens)):
        return None
    parts: list[TextPart] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, old_start, old_end, new_start, new_end) in enumerate(opcodes):
        if tag == "equal":
            same = new_tokens[new_start:new_end]
            if shorten:
                parts.extend(_around_edits(same, first=index == 0, last=index == len(opcodes) - 1))
            else:
                parts.append(_part("same", same))
            continue
        if tag in ("replace", "delete"):
            parts.append(_part("removed", old_tokens[old_start:old_end], shorten=shorten))
        if tag in ("replace", "insert"):
            parts.append(_part("added", new_tokens[new_start:new_end], shorten=shorten))
    return tuple(parts)


def _part(
    kind: Literal["same", "removed", "added"], tokens: list[str], *, shorten: bool = False
) -> TextPart:
    spaced = tokens[0][:1].isspace()
    if shorten and len(tokens) > _RUN_WORDS:
        tokens = [*tokens[:_RUN_WORDS], " " + ELLIPSIS]
    return TextPart(kind, "".join(tokens).strip(), spaced)


def _around_edits(tokens: list[str], *, first: bool, last: bool) -> list[TextPart]:
    """Unchanged words of a long text: only those next to an edit, a gap for the others."""
    head = [] if first else tokens[:_CONTEXT_WORDS]
    start = len(tokens) - _CONTEXT_WORDS
    # Start at a word, not inside one (a URL is many tokens): a few more tokens at most.
    while 0 < start > len(tokens) - 2 * _CONTEXT_WORDS and not tokens[start][:1].isspace():
        start -= 1
    tail = [] if last else tokens[max(start, 0) :]
    if len(head) + len(tail) >= len(tokens):
        return [_part("same", tokens)]
    parts = [_part("same", head)] if head else []
    parts.append(TextPart("gap", ELLIPSIS))
    if tail:
        parts.append(_part("same", tail))
    return parts


def parts_as_text(parts: tuple[TextPart, ...]) -> str:
    """Marked parts as plain text: ``[old → new]`` for a replacement, ``[+ new]`` and
    ``[- old]`` for words added or removed, ``…`` for words left out."""
    out: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        if part.kind == "removed" and following is not None and following.kind == "added":
            text = f"[{part.text} → {following.text}]"
            index += 1
        elif part.kind == "removed":
            text = f"[- {part.text}]"
        elif part.kind == "added":
            text = f"[+ {part.text}]"
        else:
            text = part.text
        out.append((" " if out and space_before(parts, index) else "") + text)
        index += 1
    return "".join(out)


def space_before(parts: tuple[TextPart, ...], index: int) -> bool:
    """Whether a space goes between ``parts[index]`` and the part before it: as in the text,
    after a gap, and between two words that an edit made neighbours."""
    if index == 0:
        return False
    part, previous = parts[index], parts[index - 1]
    if part.spaced or "gap" in (part.kind, previous.kind):
        return True
    return previous.text[-1:].isalnum() and part.text[:1].isalnum()


def _too_long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > _QUOTE_LIMIT or "\n" in value.strip())


def _release_json(release: Release | None, path: str) -> dict[str, Any]:
    if release is None:
        # A working copy (or another file without a release block): name the file instead.
        return {"version": None, "date": None, "path": path}
    return {"version": release.version, "date": release.date.isoformat()}


def _resource_json(resource: Resource, section: SectionPath) -> dict[str, Any]:
    return {
        "id": resource.identity,
        "title": resource.title,
        "url": resource.url or None,
        "section": list(section),
    }


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def diff_to_json(changes: RoadmapDiff) -> dict[str, Any]:
    """The diff as the design's JSON document (``json.dumps`` it as is)."""
    updated = []
    for change in changes.updated:
        entry = _resource_json(change.resource, change.section)
        if change.old_identity != change.resource.identity:
            entry["old_id"] = change.old_identity
        entry["changes"] = {
            field.field: {
                "old": _json_value(field.old),
                "new": _json_value(field.new),
                # Marked where an update mixes cosmetic and real changes (a wholly
                # cosmetic update says so once, below).
                **({"cosmetic": True} if field.cosmetic and not change.cosmetic else {}),
            }
            for field in change.changes
        }
        entry["cosmetic"] = change.cosmetic
        updated.append(entry)
    moved = []
    for move in changes.moved:
        entry = _resource_json(move.resource, move.to_section)
        del entry["section"]
        if move.old_identity != move.resource.identity:
            entry["old_id"] = move.old_identity
        entry["from"] = list(move.from_section)
        entry["to"] = list(move.to_section)
        moved.append(entry)
    return {
        "old": _release_json(changes.old, changes.old_path),
        "new": _release_json(changes.new, changes.new_path),
        "summary": {
            "added": len(changes.added),
            "removed": len(changes.removed),
            "updated": len(changes.updated),
            "moved": len(changes.moved),
        },
        "added": [_resource_json(change.resource, change.section) for change in changes.added],
        "removed": [_resource_json(change.resource, change.section) for change in changes.removed],
        "updated": updated,
        "moved": moved,
        "sections": {
            "added": [_section_json(section) for section in changes.sections_added],
            "removed": [_section_json(section) for section in changes.sections_removed],
            "renamed": [
                {**_section_json(section), "old_title": section.old_title}
                for section in changes.sections_renamed
            ],
        },
    }


def _section_json(section: SectionChange) -> dict[str, Any]:
    return {"id": section.id, "title": section.title, "path": list(section.path)}


EMPTY_ROADMAP = Snapshot(roadmap=Roadmap(title=""))


def consecutive_diffs(releases: Iterable[Snapshot]) -> Iterator[RoadmapDiff]:
    """Each release's diff against the one before, oldest first, from releases in memory
    (in release order, as `load.load_releases` returns them). The first release is diffed
    against an empty road map: every resource in it is new.

    Publishing streams the history from files instead (`release_history.iter_history`);
    this is the plain definition the tests and benchmarks compare it with.
    """
    previous = EMPTY_ROADMAP
    for snapshot in releases:
        yield diff(previous, snapshot)
        previous = snapshot
