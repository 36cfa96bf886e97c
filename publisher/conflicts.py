"""Merge-conflict markers left by git, found the same way in every text input (data files
refuse them, the markdown importer skips them with a warning)."""

from __future__ import annotations

import re

# A merge-conflict marker line as git writes it: seven marker characters, then a space and a
# label or the end of the line. "=======" alone is also a setext underline in markdown, so it
# counts only inside a conflict (after a "<<<<<<<" line).
_CONFLICT_LINE = re.compile(r"^(<{7}|>{7}|\|{7})(?:[ \t].*)?\r?$|^(={7})\r?$", re.MULTILINE)


# The markers that start a conflict line: a text without any has no conflict (a fast test).
CONFLICT_STARTS = ("<<<<<<<", ">>>>>>>", "|||||||")


def conflict_markers(text: str) -> list[tuple[int, str]]:
    """Each merge-conflict marker line of ``text`` as (line number from 1, marker)."""
    if not any(marker in text for marker in CONFLICT_STARTS):
        return []  # the common case, without a regex pass
    markers = []
    inside_conflict = False
    for match in _CONFLICT_LINE.finditer(text):
        marker = match[1] or match[2]
        if marker == "=======" and not inside_conflict:
            continue
        inside_conflict = marker != ">>>>>>>"
        markers.append((text.count("\n", 0, match.start()) + 1, marker))
    return markers
