"""The identity memo the importer and the YAML writer share."""

from __future__ import annotations

import gc
import weakref

from publisher.identity_memo import IdentityMemo


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
