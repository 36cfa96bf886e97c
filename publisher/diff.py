"""What changed between two snapshots, resource by resource: a pure function.

The types below are the contract other stages (feeds, changelog, email) build on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from publisher.model import Release, Resource, Roadmap, Snapshot

# A section path: titles from the top-level section down, e.g. ("Learn From Others", "Newsletters").
SectionPath = tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldChange:
    """One changed field of an updated resource, values as JSON-compatible data."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceChange:
    """An added, removed or updated resource.

    ``resource`` is the new version (the old one for removals); ``section`` and
    ``section_ids`` locate it in that snapshot. ``cosmetic`` marks an update whose only
    change is a URL that normalizes to the same URL: it stays out of feeds, changelog, emails.
    """

    resource: Resource
    section: SectionPath
    section_ids: tuple[str, ...]
    changes: tuple[FieldChange, ...] = ()
    cosmetic: bool = False
    old_resource: Resource | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceMove:
    """A resource whose section path changed."""

    resource: Resource
    from_section: SectionPath
    to_section: SectionPath
    from_section_ids: tuple[str, ...]
    to_section_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionChange:
    """An added, removed or renamed section (renamed: same id, new title)."""

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

    @property
    def announced_updates(self) -> tuple[ResourceChange, ...]:
        """The updates readers hear about: every update but the cosmetic ones."""
        return tuple(change for change in self.updated if not change.cosmetic)


def diff(old: Snapshot, new: Snapshot) -> RoadmapDiff:
    """The changes from ``old`` to ``new``."""
    raise NotImplementedError("diff is being built (issue 4)")


EMPTY_ROADMAP = Snapshot(roadmap=Roadmap(title=""))


def release_history(releases: Iterable[Snapshot]) -> Iterator[RoadmapDiff]:
    """Each release's diff against the one before, oldest first.

    The first release is diffed against an empty road map: every resource in it is new.
    ``releases`` must be in release order (as `load.load_releases` returns them).
    """
    previous = EMPTY_ROADMAP
    for snapshot in releases:
        yield diff(previous, snapshot)
        previous = snapshot
