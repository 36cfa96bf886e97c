"""Values remembered by the identity of the objects they were made from.

A history's versions share most of their objects (the importer returns the same resource
object for unchanged content, version after version), and looking up an object's id() costs
far less than hashing or comparing it by value. The importer and the YAML writer remember
their results this way.

id() is unique among live objects only, so each entry keeps strong references to the objects
its key was made from: while the entry lives, no other object can take those ids, and a key
that matches is the same objects. At ``limit`` entries the memo is emptied (a history fills
it again from its recent versions, at less cost than any eviction bookkeeping); `clear`
empties it on purpose.

A long import keeps memory flat with `rotate`, now and then: what was not used since the
rotation before is forgotten, and what the current version uses stays (forgetting it too
would cost a whole version read from scratch per rotation). `RecentMemo` does the same for
values keyed by value (the importer's chapters).

A `RecentCache`'s result remembers the cached calls made while it was made (its needs), and
`keep_needed` keeps what the results in use were made with before a rotation: a history's
version uses the results of its unchanged chapters, not the pieces they were made of, and
without that the pieces of a chapter left alone for two rotations were forgotten, so that its
next edit parsed every piece of it again, not the one edited.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, ParamSpec, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
P = ParamSpec("P")


E = TypeVar("E")


class _TwoGenerationMemo(Generic[K, E]):
    """The entries of a memo in two generations: those used since the last `rotate` and
    those before it. Subclasses say what a full memo does in their ``put``."""

    __slots__ = ("_entries", "_older", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[K, E] = {}
        self._older: dict[K, E] = {}  # the entries before the last rotation

    def _entry(self, key: K) -> E | None:
        """The entry for ``key``, else None; one found in the older generation moves to the
        current one (it is in use, so the next rotation keeps it)."""
        known = self._entries.get(key)
        if known is None and self._older:
            known = self._older.pop(key, None)
            if known is not None:
                self._entries[key] = known
        return known

    def rotate(self) -> None:
        """Forget what was not used since the rotation before this one."""
        self._older = self._entries
        self._entries = {}

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()
        self._older.clear()

    def __len__(self) -> int:
        return len(self._entries) + len(self._older)


class RecentMemo(_TwoGenerationMemo[K, V]):
    """Values by a hashable key, forgotten when not used for a whole rotation (`rotate`,
    and at ``limit`` entries since the last one), with what each was made with (its needs:
    see `keep_needed`)."""

    __slots__ = ("_needs",)

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self._needs: dict[K, Needs] = {}

    # The value remembered for a key, else None (an older one is kept on): `_entry` itself,
    # not one call more (every cached call asks here, some 700,000 times in a history).
    get = _TwoGenerationMemo._entry

    def put(self, key: K, value: V, needs: Needs | None = None) -> V:
        """Remember ``value`` (not None) for ``key``, made with the cached results ``needs``
        (see `keep_needed`); return it."""
        if len(self._entries) >= self.limit:
            self.rotate()
        self._entries[key] = value
        if needs:
            self._needs[key] = needs
        return value

    def rotate(self) -> None:
        """Forget what was not used since the rotation before this one."""
        super().rotate()
        if self._needs:
            older = self._older
            self._needs = {key: needs for key, needs in self._needs.items() if key in older}

    def clear(self) -> None:
        """Forget every entry."""
        super().clear()
        self._needs.clear()


# The cached results one was made with, each as its memo then its key, one after the other
# in one list (no pair made per cached call: a history's version makes some 100 of them, and
# every pair was one more object kept, for the garbage collector to go over, as long as the
# result).
Needs = list[Any]
# The cached calls made while each result being made (innermost last) is made.
_MAKING: list[Needs] = []


def made_with_needs(function: Callable[P, V], *args: P.args, **kwargs: P.kwargs) -> tuple[V, Needs]:
    """``function(*args, **kwargs)`` and the `RecentCache` results it was made with (for a
    `RecentMemo.put` of it)."""
    _MAKING.append([])
    try:
        value = function(*args, **kwargs)
    finally:
        needs = _MAKING.pop()
    return value, needs


def keep_needed(memos: Iterable[RecentMemo[Any, Any]]) -> None:
    """Move into the current generation of its memo every entry that an entry of the current
    generation of ``memos`` was made with, and what those were made with, and so on (the
    entries of a memo not in ``memos`` are not looked at): before a rotation, so that it
    keeps what the results in use are made of. In a history, a version uses its unchanged
    chapters' results (cache hits), not the pieces they were made of; a rotation then kept
    the chapters and forgot their pieces, and the next edit of such a chapter made every
    piece of it again where one changed."""
    work = [
        needs
        for memo in memos
        if memo._needs
        for key, needs in memo._needs.items()
        if key in memo._entries
    ]
    while work:
        needs = iter(work.pop())
        for memo, key in zip(needs, needs, strict=True):  # (memo, key, memo, key …)
            if key in memo._entries:
                continue  # (in the current generation: its needs are in the work already)
            value = memo._older.pop(key, None)
            if value is None:
                continue  # forgotten already (at the memo's limit)
            memo._entries[key] = value
            if found := memo._needs.get(key):
                work.append(found)


class IdentityMemo(
    _TwoGenerationMemo[tuple[tuple[int, ...], Hashable], tuple[tuple[object, ...], V]]
):
    """Values by (the identities of some objects, a hashable extra part of the key)."""

    __slots__ = ()

    def get(self, objects: tuple[object, ...], extra: Hashable = None) -> V | None:
        """The value remembered for exactly these objects and ``extra``, else None."""
        key = (tuple(map(id, objects)), extra)
        # `_entry` written out: the importer and the writer ask some 150 times a version.
        known = self._entries.get(key)
        if known is None:
            # Then the older generation alone (the current one was just asked), as `_entry`.
            if not self._older:
                return None
            known = self._older.pop(key, None)
            if known is None:
                return None
            self._entries[key] = known
        return known[1]

    def put(self, objects: tuple[object, ...], extra: Hashable, value: V) -> V:
        """Remember ``value`` for these objects and ``extra`` (keeping the objects alive);
        return it. A full memo is emptied first (not rotated: see the module's docstring)."""
        if len(self._entries) >= self.limit:
            self.clear()
        self._entries[(tuple(map(id, objects)), extra)] = (objects, value)
        return value


class ObjectMemo(_TwoGenerationMemo[tuple[int, Hashable], tuple[object, V]]):
    """Values by (the identity of one object, a hashable extra part of the key): what
    `IdentityMemo` does for a single object, without a tuple of identities made and hashed
    per call (the writer asks once per resource and section of every version written)."""

    __slots__ = ()

    def get(self, item: object, extra: Hashable = None) -> V | None:
        """The value remembered for exactly this object and ``extra``, else None."""
        key = (id(item), extra)
        known = self._entries.get(key)
        if known is None:
            # Then the older generation alone (the current one was just asked), as `_entry`.
            if not self._older:
                return None
            known = self._older.pop(key, None)
            if known is None:
                return None
            self._entries[key] = known
        return known[1]

    def put(self, item: object, extra: Hashable, value: V) -> V:
        """Remember ``value`` for this object and ``extra`` (keeping the object alive);
        return it. A full memo is emptied first (as `IdentityMemo.put`)."""
        if len(self._entries) >= self.limit:
            self.clear()
        self._entries[(id(item), extra)] = (item, value)
        return value


class RecentCache(Generic[P, V]):
    """A function's results (never None) by its (hashable) arguments, in a `RecentMemo`:
    what `functools.lru_cache` does, with `rotate` (see the module's docstring)."""

    def __init__(self, function: Callable[P, V], limit: int) -> None:
        self._function = function
        self._memo: RecentMemo[Hashable, V] = RecentMemo(limit)
        functools.update_wrapper(self, function)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> V:
        key = (args, tuple(kwargs.items())) if kwargs else args
        memo = self._memo
        # The memo's current generation asked first, here: a call less per hit (a history's
        # version makes some 100 cached calls, nearly all hits).
        known = memo._entries.get(key)
        if known is None:
            # Then the older generation alone (the current one was just asked), as `_entry`.
            older = memo._older
            known = older.pop(key, None) if older else None
            if known is None:
                _MAKING.append([])
                try:
                    value = self._function(*args, **kwargs)
                finally:
                    needs = _MAKING.pop()
                known = memo.put(key, value, needs)
            else:
                memo._entries[key] = known
        if _MAKING:
            _MAKING[-1] += (memo, key)
        return known

    @property
    def memo(self) -> RecentMemo[Hashable, V]:
        """The memo holding the results (for `keep_needed`)."""
        return self._memo

    def rotate(self) -> None:
        """Forget the results not used since the rotation before this one."""
        self._memo.rotate()

    def cache_clear(self) -> None:
        """Forget every result."""
        self._memo.clear()


def recent_cache(limit: int) -> Callable[[Callable[P, V]], RecentCache[P, V]]:
    """Decorator: cache the function's results in a `RecentCache` of ``limit`` entries."""

    def decorate(function: Callable[P, V]) -> RecentCache[P, V]:
        return RecentCache(function, limit)

    return decorate
