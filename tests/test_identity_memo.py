"""The identity memo the importer and the YAML writer share."""

from __future__ import annotations

import gc
import weakref

from publisher.identity_memo import (
    IdentityMemo,
    ObjectMemo,
    RecentMemo,
    keep_needed,
    made_with_needs,
    recent_cache,
)


class Thing:
    """An object compared by value, as the model's dataclasses are."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Thing) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)


def test_a_value_is_found_for_the_same_objects_only() -> None:
    memo: IdentityMemo[str] = IdentityMemo(limit=10)
    first, second = Thing(1), Thing(2)
    memo.put((first, second), "key", "text")
    assert memo.get((first, second), "key") == "text"
    assert memo.get((Thing(1), Thing(2)), "key") is None  # equal, but other objects
    assert memo.get((second, first), "key") is None
    assert memo.get((first, second), "other key") is None


def test_entries_keep_their_objects_alive_so_ids_are_not_reused() -> None:
    memo: IdentityMemo[str] = IdentityMemo(limit=10)
    thing = Thing(1)
    alive = weakref.ref(thing)
    memo.put((thing,), None, "text")
    del thing
    gc.collect()
    assert alive() is not None
    memo.clear()
    gc.collect()
    assert alive() is None
    assert len(memo) == 0


def test_the_memo_is_emptied_at_its_limit() -> None:
    memo: IdentityMemo[int] = IdentityMemo(limit=3)
    things = [Thing(number) for number in range(4)]
    for number, thing in enumerate(things[:3]):
        memo.put((thing,), None, number)
    assert len(memo) == 3
    memo.put((things[3],), None, 3)
    assert len(memo) == 1
    assert memo.get((things[0],)) is None
    assert memo.get((things[3],)) == 3


def test_rotation_keeps_what_is_used_and_forgets_the_rest() -> None:
    """After a rotation, an entry used again stays; one not used since is forgotten at the
    next rotation (memory flat in a long history, the current version's entries kept)."""
    used, unused = object(), object()
    memo: IdentityMemo[str] = IdentityMemo(limit=10)
    recent: RecentMemo[str, str] = RecentMemo(limit=10)
    memo.put((used,), None, "u")
    memo.put((unused,), None, "n")
    recent.put("used", "u")
    recent.put("unused", "n")
    memo.rotate()
    recent.rotate()
    assert memo.get((used,)) == "u"
    assert recent.get("used") == "u"
    memo.rotate()
    recent.rotate()
    assert (memo.get((used,)), memo.get((unused,))) == ("u", None)
    assert (recent.get("used"), recent.get("unused")) == ("u", None)
    assert len(memo) == len(recent) == 1


def test_a_recent_cache_calls_the_function_once_per_arguments() -> None:
    calls: list[int] = []

    @recent_cache(limit=10)
    def double(number: int) -> int:
        calls.append(number)
        return 2 * number

    assert [double(1), double(1), double(2)] == [2, 2, 4]
    double.rotate()
    double.rotate()
    assert double(1) == 2
    double.cache_clear()
    assert double(2) == 4
    assert calls == [1, 2, 1, 2]


def test_at_its_limit_an_identity_memo_empties_and_a_recent_memo_rotates() -> None:
    """The two memos share their generations but not what a full memo does: the identity
    memo forgets everything, the recent memo keeps the full generation as its older one."""
    things = [Thing(number) for number in range(3)]
    memo: IdentityMemo[int] = IdentityMemo(limit=2)
    recent: RecentMemo[int, int] = RecentMemo(limit=2)
    for number, thing in enumerate(things):
        memo.put((thing,), None, number)
        recent.put(number, number)
    assert len(memo) == 1
    assert [memo.get((thing,)) for thing in things] == [None, None, 2]
    assert len(recent) == 3
    assert [recent.get(number) for number in range(3)] == [0, 1, 2]
    recent.put(3, 3)  # the used 0, 1 and 2 are the older generation now, not forgotten
    assert len(recent) == 4


def test_an_object_memo_finds_a_value_for_the_same_object_only_and_keeps_it_alive() -> None:
    memo: ObjectMemo[str] = ObjectMemo(limit=10)
    thing = Thing(1)
    memo.put(thing, "  ", "text")
    assert memo.get(thing, "  ") == "text"
    assert memo.get(Thing(1), "  ") is None  # equal, but another object
    assert memo.get(thing, "    ") is None
    alive = weakref.ref(thing)
    del thing
    gc.collect()
    assert alive() is not None  # its id cannot be taken by another object
    memo.clear()
    gc.collect()
    assert alive() is None


def test_an_object_memo_rotates_and_empties_at_its_limit_as_the_identity_memo_does() -> None:
    memo: ObjectMemo[int] = ObjectMemo(limit=3)
    things = [Thing(number) for number in range(4)]
    for number, thing in enumerate(things[:3]):
        memo.put(thing, None, number)
    memo.rotate()
    assert memo.get(things[0]) == 0  # from the older generation, now in use again
    memo.rotate()
    assert memo.get(things[0]) == 0
    assert memo.get(things[1]) is None  # not used for a whole rotation: forgotten
    memo.put(things[1], None, 1)
    memo.put(things[2], None, 2)
    memo.put(things[3], None, 3)  # full: emptied first
    assert len(memo) == 1
    assert memo.get(things[3]) == 3


def test_a_rotation_after_keep_needed_keeps_what_the_results_in_use_were_made_of() -> None:
    """A result of a recent cache remembers the cached results it was made with; before a
    rotation `keep_needed` keeps those of the results in use (and theirs), and the rest is
    forgotten as before."""
    calls: list[str] = []

    @recent_cache(limit=100)
    def word(text: str) -> str:
        calls.append(text)
        return text.upper()

    @recent_cache(limit=100)
    def line(text: str) -> str:
        return " ".join(word(part) for part in text.split())

    @recent_cache(limit=100)
    def page(text: str) -> str:
        return "\n".join(line(part) for part in text.split("\n"))

    chapters: RecentMemo[str, str] = RecentMemo(limit=100)
    chapters.put("a b\nc", *made_with_needs(page, "a b\nc"))
    assert calls == ["a", "b", "c"]
    word("d")  # made, then never used again
    for _ in range(2):  # a version a rotation: the chapter in use, its pieces not asked for
        assert chapters.get("a b\nc") == "A B\nC"
        keep_needed([chapters, page.memo, line.memo, word.memo])
        for memo in (chapters, page.memo, line.memo, word.memo):
            memo.rotate()
    calls.clear()
    assert line("a b") == "A B"
    assert [word("a"), word("c"), word("d")] == ["A", "C", "D"]
    assert calls == ["d"]  # the pieces of the page in use kept, the other forgotten
    # Without keep_needed, the pieces of a result in use are forgotten as any other.
    for memo in (chapters, page.memo, line.memo, word.memo):
        memo.rotate()
        memo.rotate()
    calls.clear()
    word("a")
    assert calls == ["a"]
