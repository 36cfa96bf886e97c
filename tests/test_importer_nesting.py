"""publisher import: lists nested three and four levels deep (examples invented, shapes taken
from real lists): which level is a section, which a resource, which a note on a resource."""

from __future__ import annotations

from publisher.importer import ImportResult, import_markdown
from publisher.model import Roadmap


def read(text: str) -> ImportResult:
    return import_markdown(text, "road.md")


def listed(roadmap: Roadmap) -> list[tuple[tuple[str, ...], str, str, tuple[str, ...]]]:
    """(section path, title, url, tags) of every resource."""
    return [
        (tuple(section.title for section in path), resource.title, resource.url, resource.tags)
        for path, resource in roadmap.walk()
    ]


def messages(result: ImportResult) -> list[str]:
    return [str(warning) for warning in result.warnings]


DEEP = """# Tools

## Languages

- Python
  - Web
    - [Spade](https://example.org/spade) - A web framework.
      - Note: batteries included.
      - [Spade docs](https://example.org/spade-docs)
    - [Rake](https://example.org/rake) - A small one.
      - Web
        - [Rake playground](https://example.org/rake-play)
      - Mobile: [Rake Mobile](https://example.org/rake-mobile)
      - Source: [GitHub](https://example.org/rake-src)
  - Data
    - [Hoe](https://example.org/hoe) - Tables.
      - Fast.
"""


def test_a_resources_nested_bullets_are_its_notes_and_sub_resources_not_sections() -> None:
    # Category > subcategory > resource > its own bullets. Under a resource, a bullet without
    # a link beside linked ones is a note on it (its description), a label over links groups
    # the resource's own links (resources after it, tagged by the label, not a subsection), a
    # label and a named link elsewhere is a resource after it (tagged), a label and a link
    # named by where it leads (`Source: [GitHub](…)`) says more of it (its description). Each
    # gets a warning; a resource's plain bullets alone are its description, as before.
    result = read(DEEP)
    assert listed(result.roadmap) == [
        (("Languages", "Python", "Web"), "Spade", "https://example.org/spade", ()),
        (("Languages", "Python", "Web"), "Spade docs", "https://example.org/spade-docs", ()),
        (("Languages", "Python", "Web"), "Rake", "https://example.org/rake", ()),
        (
            ("Languages", "Python", "Web"),
            "Rake playground",
            "https://example.org/rake-play",
            ("Web",),
        ),
        (
            ("Languages", "Python", "Web"),
            "Rake Mobile",
            "https://example.org/rake-mobile",
            ("Mobile",),
        ),
        (("Languages", "Python", "Data"), "Hoe", "https://example.org/hoe", ()),
    ]
    spade = next(r for _, r in result.roadmap.walk() if r.title == "Spade")
    assert "- Note: batteries included." in spade.description
    hoe = next(r for _, r in result.roadmap.walk() if r.title == "Hoe")
    assert "Fast." in hoe.description
    said = messages(result)
    assert any(m.startswith("road.md:8: bullet 'Note: batteries included.'") for m in said), said
    assert any(m.startswith("road.md:11: label 'Web' under the resource 'Rake'") for m in said)
    assert any(m.startswith("road.md:13: bullet 'Mobile: Rake Mobile'") for m in said), said
    assert any(m.startswith("road.md:14:") and "names no resource" in m for m in said), said
    rake = next(r for _, r in result.roadmap.walk() if r.title == "Rake")
    assert "Source: [GitHub](https://example.org/rake-src)" in rake.description
