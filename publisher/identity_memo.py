"""Values remembered by the identity of the objects they were made from.

A history's versions share most of their objects (the importer returns the same resource
object for unchanged content, version after version), and looking up an object's id() costs
far less than hashing or comparing it by value. The importer and the YAML writer remember
their results this way.

id() is unique among live objects only, so each entry keeps strong references to the objects
its key was made from: while the entry lives, no other object can take those ids, and a key
that matches is the same objects. At ``limit`` entries the memo is emptied (a history fills
it again from its recent versions, at less cost than any eviction bookkeeping); `clear`
empties it on purpose (a long import does, now and then, to keep memory flat).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    """Values by (the identities of some objects, a hashable extra part of the key)."""

    __slots__ = ("_entries", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[tuple[tuple[int, ...], Hashable], tuple[tuple[object, ...], V]] = {}

    def get(self, objects: tuple[object, ...], extra: Hashable = None) -> V | None:
        """The value remembered for exactly these objects and ``extra``, else None."""
        known = self._entries.get((tuple(map(id, objects)), extra))
        return None if known is None else known[1]

    def put(self, objects: tuple[object, ...], extra: Hashable, value: V) -> V:
        """Remember ``value`` for these objects and ``extra`` (keeping the objects alive);
        return it."""
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[(tuple(map(id, objects)), extra)] = (objects, value)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
