"""Properties of the diff on arbitrary valid road maps (hypothesis)."""

from __future__ import annotations

import copy
import random
from typing import Any

from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from publisher.diff import RoadmapDiff, diff
from publisher.errors import DataError
from publisher.load import build_snapshot
from publisher.model import Snapshot
from tests.strategies import roadmap_documents

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _snapshot(document: dict[str, Any]) -> Snapshot:
    return build_snapshot(document, "generated")


def _resource_lists(document: dict[str, Any]) -> list[list[dict[str, Any]]]:
    lists = []
    stack = list(document.get("sections", []))
    while stack:
        section = stack.pop()
        lists.append(section.setdefault("resources", []))
        stack.extend(section.get("sections", []))
    return lists


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[Snapshot, Snapshot]:
    """A road map and an edited copy: resources dropped, added, changed, re-URLed, moved."""
    document = draw(roadmap_documents())
    old = _snapshot(document)
    edited = copy.deepcopy(document)
    lists = _resource_lists(edited)
    assume(lists)
    rng = random.Random(draw(st.integers(0, 2**32)))
    for number, resources in enumerate(lists):
        for resource in list(resources):
            action = rng.choice(("keep", "keep", "drop", "kind", "title", "url", "move"))
            if action == "drop":
                resources.remove(resource)
            elif action == "kind":
                resource["kind"] = rng.choice(("book", "video", "paper"))
            elif action == "title":
                resource["title"] = resource["title"] + " (2nd edition)"
            elif action == "url":
                resource["url"] = f"https://new.example.net/{number}/{rng.randrange(10**9)}"
            elif action == "move":
                resources.remove(resource)
                rng.choice(lists).append(resource)
        if rng.random() < 0.3:
            resources.append({"title": f"New {number}", "url": f"https://added.example/{number}"})
    try:
        new = _snapshot(edited)
    except DataError:
        reject()  # an edit made two identities collide: not a valid road map
    return old, new


pairs = st.one_of(
    edited_pairs(),
    st.tuples(roadmap_documents().map(_snapshot), roadmap_documents().map(_snapshot)),
)


def _identities(snapshot: Snapshot) -> set[str]:
    return {resource.identity for _, resource in snapshot.roadmap.walk()}


@SETTINGS
@given(roadmap_documents().map(_snapshot))
def test_a_snapshot_diffed_with_itself_is_empty(snapshot: Snapshot) -> None:
    assert diff(snapshot, snapshot).is_empty


@SETTINGS
@given(roadmap_documents(), st.randoms(use_true_random=False))
def test_permuting_resources_within_sections_is_no_change(
    document: dict[str, Any], rng: random.Random
) -> None:
    permuted = copy.deepcopy(document)
    for resources in _resource_lists(permuted):
        rng.shuffle(resources)
    assert diff(_snapshot(document), _snapshot(permuted)).is_empty


@SETTINGS
@given(pairs)
def test_applying_the_reported_changes_to_old_identities_gives_the_new(
    pair: tuple[Snapshot, Snapshot],
) -> None:
    old, new = pair
    changes = diff(old, new)
    identities = _identities(old) - {change.resource.identity for change in changes.removed}
    renamed = [*changes.updated, *changes.moved]
    identities -= {change.old_identity for change in renamed}
    identities |= {change.resource.identity for change in renamed}
    identities |= {change.resource.identity for change in changes.added}
    assert identities == _identities(new)


def _updates(changes: RoadmapDiff, *, mirrored: bool) -> dict[tuple[str, str], Any]:
    result = {}
    for change in changes.updated:
        key = (change.old_identity, change.resource.identity)
        fields = [(field.field, field.old, field.new) for field in change.changes]
        if mirrored:
            key = key[::-1]
            fields = [(name, after, before) for name, before, after in fields]
        result[key] = (fields, change.cosmetic)
    return result


def _moves(changes: RoadmapDiff, *, mirrored: bool) -> dict[tuple[str, str], Any]:
    result = {}
    for move in changes.moved:
        key = (move.old_identity, move.resource.identity)
        sections = (move.from_section_ids, move.to_section_ids)
        result[key[::-1] if mirrored else key] = sections[::-1] if mirrored else sections
    return result


@SETTINGS
@given(pairs)
def test_diff_a_b_mirrors_diff_b_a(pair: tuple[Snapshot, Snapshot]) -> None:
    old, new = pair
    forward, backward = diff(old, new), diff(new, old)
    assert {c.resource.identity for c in forward.added} == {
        c.resource.identity for c in backward.removed
    }
    assert {c.resource.identity for c in forward.removed} == {
        c.resource.identity for c in backward.added
    }
    assert _updates(forward, mirrored=False) == _updates(backward, mirrored=True)
    assert _moves(forward, mirrored=False) == _moves(backward, mirrored=True)
    assert {s.id for s in forward.sections_added} == {s.id for s in backward.sections_removed}
    assert {(s.id, s.old_title, s.title) for s in forward.sections_renamed} == {
        (s.id, s.title, s.old_title) for s in backward.sections_renamed
    }


@SETTINGS
@given(edited_pairs())
def test_every_reported_update_really_differs(pair: tuple[Snapshot, Snapshot]) -> None:
    old, new = pair
    for change in diff(old, new).updated:
        assert change.old_resource is not None
        assert change.old_resource != change.resource
        assert all(field.old != field.new for field in change.changes)
