"""A diff as text for the terminal and as a markdown changelog fragment (strings, no printing)."""

from __future__ import annotations

from collections.abc import Callable

from publisher.diff import RoadmapDiff, SectionPath, describe_change, section_text
from publisher.markdown_escape import markdown_destination, markdown_line
from publisher.model import Release, Resource

# style(text, role) → text: the CLI passes one that colours by role on a terminal.
# Roles: "heading", "added", "removed", "updated", "moved", "cosmetic", "detail".
Style = Callable[[str, str], str]


def _plain(text: str, role: str) -> str:
    return text


def _side(release: Release | None, path: str) -> str:
    if release is None:
        return path or "(empty)"
    return f"{release.version} ({release.date.isoformat()})"


def summary_line(changes: RoadmapDiff) -> str:
    """``2024.01 (…) → 2024.02 (…): 1 added, 0 removed, 3 updated (1 cosmetic), 0 moved``."""
    cosmetic = len(changes.updated) - len(changes.announced_updates)
    updated = f"{len(changes.updated)} updated" + (f" ({cosmetic} cosmetic)" if cosmetic else "")
    counts = [f"{len(changes.added)} added", f"{len(changes.removed)} removed", updated]
    counts.append(f"{len(changes.moved)} moved")
    sections = len(changes.sections_added) + len(changes.sections_removed)
    sections += len(changes.sections_renamed)
    if sections:
        counts.append(f"{sections} section change{'s' if sections != 1 else ''}")
    return (
        f"{_side(changes.old, changes.old_path)} → {_side(changes.new, changes.new_path)}: "
        + ", ".join(counts)
    )


def _label(resource: Resource) -> str:
    return f"{resource.title} <{resource.url}>" if resource.url else resource.title


def format_text(changes: RoadmapDiff, style: Style = _plain) -> str:
    """The diff for a terminal: ``+`` added, ``-`` removed, ``~`` updated (one line per
    changed field), ``>`` moved; cosmetic updates in the "cosmetic" (dim) role."""
    lines = [style(summary_line(changes), "heading")]
    if changes.sections_added or changes.sections_removed or changes.sections_renamed:
        lines.append("")
        lines += [
            style(f"+ section {section_text(s.path)}", "added") for s in changes.sections_added
        ]
        lines += [
            style(f"- section {section_text(s.path)}", "removed") for s in changes.sections_removed
        ]
        lines += [
            style(f"~ section {s.old_title!r} renamed {s.title!r} (id {s.id})", "updated")
            for s in changes.sections_renamed
        ]
    if changes.added or changes.removed or changes.updated or changes.moved:
        lines.append("")
    for change in changes.added:
        lines.append(
            style(f"+ {_label(change.resource)}  [{section_text(change.section)}]", "added")
        )
    for change in changes.removed:
        lines.append(
            style(f"- {_label(change.resource)}  [{section_text(change.section)}]", "removed")
        )
    for change in changes.updated:
        role = "cosmetic" if change.cosmetic else "updated"
        note = "  (cosmetic)" if change.cosmetic else ""
        lines.append(
            style(f"~ {_label(change.resource)}  [{section_text(change.section)}]{note}", role)
        )
        # In an update with a real change, a cosmetic field change is dimmed and says so:
        # maintainers see it, readers of feeds, changelog and email do not.
        lines += [
            style(
                f"    {describe_change(field).summary}"
                + ("  (cosmetic)" if field.cosmetic and not change.cosmetic else ""),
                "cosmetic" if change.cosmetic or field.cosmetic else "detail",
            )
            for field in change.changes
        ]
    for move in changes.moved:
        lines.append(
            style(
                f"> {_label(move.resource)}  [{section_text(move.from_section)}] → "
                f"[{section_text(move.to_section)}]",
                "moved",
            )
        )
    return "\n".join(lines) + "\n"


def _markdown_link(resource: Resource) -> str:
    title = markdown_line(resource.title)
    return f"[{title}]({markdown_destination(resource.url)})" if resource.url else title


def format_markdown(changes: RoadmapDiff) -> str:
    """A changelog fragment: a heading for the new side, then the changes grouped by
    section in the new snapshot's order. Cosmetic updates are left out (readers never
    hear about them)."""
    new = changes.new
    if new is not None:
        heading = f"## {markdown_line(new.version)}"
        if new.title:
            heading += f" — {markdown_line(new.title)}"
        heading += f" ({new.date.isoformat()})"
    else:
        heading = f"## {markdown_line(changes.new_path or 'Unreleased')}"
    blocks = [heading]
    if new is not None and new.notes.strip():
        blocks.append(new.notes.strip())
    section_lines = [
        f"- Section added: {markdown_line(section_text(s.path))}" for s in changes.sections_added
    ]
    section_lines += [
        f"- Section renamed: {markdown_line(s.old_title)} → {markdown_line(s.title)}"
        for s in changes.sections_renamed
    ]
    section_lines += [
        f"- Section removed: {markdown_line(section_text(s.path))}"
        for s in changes.sections_removed
    ]
    if section_lines:
        blocks.append("### Sections\n\n" + "\n".join(section_lines))
    # Grouped by section id path (titles may repeat), shown by titles, in document order.
    groups: dict[tuple[str, ...], list[str]] = {ids: [] for ids in changes.section_order}
    titles: dict[tuple[str, ...], SectionPath] = {}

    def entry(ids: tuple[str, ...], section: SectionPath, line: str) -> None:
        groups.setdefault(ids, []).append(line)
        titles.setdefault(ids, section)

    for change in changes.added:
        entry(change.section_ids, change.section, f"- **Added** {_markdown_link(change.resource)}")
    for change in changes.announced_updates:
        # An explicit id is bookkeeping, not news: the changelog never mentions it.
        details = "; ".join(
            markdown_line(describe_change(field).summary) for field in change.announced_changes
        )
        entry(
            change.section_ids,
            change.section,
            f"- **Updated** {_markdown_link(change.resource)}: {details}",
        )
    for move in changes.moved:
        entry(
            move.to_section_ids,
            move.to_section,
            f"- **Moved** {_markdown_link(move.resource)} from "
            f"{markdown_line(section_text(move.from_section))}",
        )
    for change in changes.removed:
        entry(
            change.section_ids, change.section, f"- **Removed** {_markdown_link(change.resource)}"
        )
    blocks += [
        f"### {markdown_line(section_text(titles[ids]))}\n\n" + "\n".join(lines)
        for ids, lines in groups.items()
        if lines
    ]
    if len(blocks) == 1 + bool(new is not None and new.notes.strip()):
        blocks.append("No changes.")
    return "\n\n".join(blocks) + "\n"
