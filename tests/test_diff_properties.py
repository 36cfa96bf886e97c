"""Properties of the diff on arbitrary valid road maps (hypothesis)."""

from __future__ import annotations

import copy
import random
from typing import Any

from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from publisher.diff import RoadmapDiff, diff, field_changes
from publisher.errors import DataError
from publisher.load import build_snapshot
from publisher.model import Resource, Snapshot
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


# Numbers as road maps write them, each with what it says: the kind of number and its
# digits. Two written numbers say the same only when these are equal ("1,000" = "1000").
_digits = st.integers(0, 99_999)
written_numbers = st.one_of(
    _digits.map(lambda n: (str(n), ("integer", n))),
    _digits.map(lambda n: (f"{n:,}", ("integer", n))),  # thousands separators
    st.tuples(_digits, st.integers(0, 99)).map(lambda p: (f"{p[0]}.{p[1]}", ("point", *p))),
    st.tuples(_digits, st.integers(0, 99)).map(lambda p: (f"{p[0]},{p[1]}", ("comma", *p))),
    _digits.map(lambda n: (f"{n}%", ("percent", n))),
    _digits.map(lambda n: (f"{n} %", ("percent", n))),
    _digits.map(lambda n: (f"{n}\u2030", ("per mille", n))),
    _digits.map(lambda n: (f"-{n}", ("negative", n))),
    _digits.map(lambda n: (f"\u2212{n}", ("negative", n))),
    _digits.map(lambda n: (f"+{n}", ("positive", n))),
    st.tuples(_digits, st.integers(0, 9)).map(lambda p: (f"v{p[0]}.{p[1]}", ("version", *p))),
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(
        lambda p: (f"{p[0]}:{p[1]:02}", ("time", *p))
    ),
    st.tuples(_digits, st.integers(1, 99)).map(lambda p: (f"{p[0]}/{p[1]}", ("ratio", *p))),
    st.tuples(_digits, st.integers(0, 99)).map(lambda p: (f"{p[0]}-{p[1]}", ("range", *p))),
    st.tuples(_digits, st.integers(0, 99)).map(lambda p: (f"{p[0]}\u2013{p[1]}", ("range", *p))),
    st.tuples(_digits, st.integers(0, 99)).map(lambda p: (f"{p[0]} {p[1]}", ("two", *p))),
)
# Edits of case, spacing and sentence punctuation around a title with a number in it.
_cosmetic_edits = st.sampled_from(
    (
        lambda title: title,
        str.upper,
        lambda title: f"  {title}  ",
        lambda title: title.replace(" ", "  "),
        lambda title: f"{title}.",
        lambda title: f"{title}!",
        lambda title: f"\u00ab{title}\u00bb",
    )
)


def _title_change_is_cosmetic(old: str, new: str) -> bool:
    base = Resource(title=old, url="https://example.org/r", identity="example.org/r")
    [change] = field_changes(base, Resource(title=new, url=base.url, identity=base.identity))[0]
    return change.cosmetic


@settings(max_examples=300, deadline=None)
@given(written_numbers, written_numbers, _cosmetic_edits, _cosmetic_edits)
def test_a_title_change_is_cosmetic_only_when_its_number_says_the_same(
    first: tuple[str, tuple[Any, ...]],
    second: tuple[str, tuple[Any, ...]],
    edit_old: Any,
    edit_new: Any,
) -> None:
    (old_number, old_value), (new_number, new_value) = first, second
    old, new = edit_old(f"Takes {old_number} hours"), edit_new(f"takes {new_number} hours")
    assume(old != new)
    assert _title_change_is_cosmetic(old, new) is (old_value == new_value)
    assert _title_change_is_cosmetic(new, old) is (old_value == new_value)
