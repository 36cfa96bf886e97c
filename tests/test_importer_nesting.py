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


TREE = """# Garden tools

- Trowel

- Spade [[src](https://example.org/spade)] [[docs](https://example.org/spade-docs)]

  - Short spade [[src](https://example.org/short)]: a fork for small beds

- Hand tools

  - Rakes
    - Leaf rake
      - Wide leaf rake [[src](https://example.org/wide)]
    - Bow rake [[src](https://example.org/bow)]
  - Hoes
    - Hoe Two: its blade is discussed in
      [issue #7](https://example.org/hoe/issues/7)
    - Dutch hoe
    - Draw hoe

- Fork [docs [1.0][f1], [2.0][f2]]

  - Small fork [[src](https://example.org/small-fork)]

[f1]: https://example.org/fork/1
[f2]: https://example.org/fork/2
"""


def test_a_family_tree_of_named_entries_is_one_list_not_sections() -> None:
    # A list of implementations and their forks, nested up to four levels: each entry named
    # by its words, its links after it in brackets (`[[src](…)]`, `[docs [1.0][f1], …]`),
    # plain names among them. Where resources over resources nested under them are the
    # list's pattern (two at least), a plain bullet over nested ones is one more entry
    # without a link, not a subsection, at every depth; among plain names, `Name: words
    # [link](…)` is that name at its link. (One resource over its extensions beside a label
    # over tools leaves the label a subsection: test_importer_shapes.)
    result = read(TREE)
    assert [(path, title, url) for path, title, url, _ in listed(result.roadmap)] == [
        (("Resources",), "Trowel", ""),
        (("Resources",), "Spade", "https://example.org/spade"),
        (("Resources",), "Short spade", "https://example.org/short"),
        (("Resources",), "Hand tools", ""),
        (("Resources",), "Rakes", ""),
        (("Resources",), "Leaf rake", ""),
        (("Resources",), "Wide leaf rake", "https://example.org/wide"),
        (("Resources",), "Bow rake", "https://example.org/bow"),
        (("Resources",), "Hoes", ""),
        (("Resources",), "Hoe Two", "https://example.org/hoe/issues/7"),
        (("Resources",), "Dutch hoe", ""),
        (("Resources",), "Draw hoe", ""),
        (("Resources",), "Fork", "https://example.org/fork/1"),
        (("Resources",), "Small fork", "https://example.org/small-fork"),
    ]
    short = next(r for _, r in result.roadmap.walk() if r.title == "Short spade")
    assert short.description.strip() == "a fork for small beds"
    said = messages(result)
    for line, name in ((9, "Hand tools"), (11, "Rakes"), (12, "Leaf rake"), (15, "Hoes")):
        assert any(m.startswith(f"road.md:{line}: bullet {name!r} over nested") for m in said)
    assert any(m.startswith("road.md:16:") and "'Hoe Two' at its link" in m for m in said)


def test_a_label_over_links_beside_resources_with_their_extensions_is_a_subsection() -> None:
    # Two frameworks, each over its extensions, then a label over more frameworks: two levels,
    # no family tree (nothing nested deeper than a resource's own links). The label is a
    # subsection of its links, as it was before the family-tree reading; it was one more
    # resource titled 'Async' without a link, a feed entry of nothing.
    result = read(
        "# Web\n\n## Frameworks\n\n"
        "- [Django](https://example.org/django) - web framework.\n"
        "  - [Django REST](https://example.org/rest) - APIs.\n"
        "- [Flask](https://example.org/flask) - micro.\n"
        "  - [Flask-Login](https://example.org/login) - login.\n"
        "- Async\n"
        "  - [Sanic](https://example.org/sanic) - fast.\n"
        "  - [Quart](https://example.org/quart) - asyncio Flask.\n"
    )
    assert [(path, title, url) for path, title, url, _ in listed(result.roadmap)] == [
        (("Frameworks",), "Django", "https://example.org/django"),
        (("Frameworks",), "Django REST", "https://example.org/rest"),
        (("Frameworks",), "Flask", "https://example.org/flask"),
        (("Frameworks",), "Flask-Login", "https://example.org/login"),
        (("Frameworks", "Async"), "Sanic", "https://example.org/sanic"),
        (("Frameworks", "Async"), "Quart", "https://example.org/quart"),
    ]
    assert not any("over nested bullets" in message for message in messages(result))


def test_a_link_labelled_as_the_resources_own_page_stays_in_its_description() -> None:
    # `Docs:`, `Paper:`, `Demo:` say what the link is of the resource above (its docs, its
    # paper), whatever the link's own text: more of that resource, in its description, as
    # before 34650a2 and as `Source: [GitHub](…)` is. A label that is a category of its own
    # (`Rust:`, a binding in another language) still names a resource after it, tagged.
    result = read(
        "# Tools\n\n## Web\n\n"
        "- [Spade](https://example.org/spade) - A web framework.\n"
        "  - Docs: [Spade documentation](https://example.org/spade-docs)\n"
        "  - Paper: [Digging at scale](https://example.org/spade-paper)\n"
        "- [Rake](https://example.org/rake) - A small one.\n"
        "  - Rust: [rake-rs: Rust bindings to Rake](https://example.org/rake-rs)\n"
        "- [Hoe](https://example.org/hoe) - Tables.\n"
    )
    assert listed(result.roadmap) == [
        (("Web",), "Spade", "https://example.org/spade", ()),
        (("Web",), "Rake", "https://example.org/rake", ()),
        (("Web",), "rake-rs: Rust bindings to Rake", "https://example.org/rake-rs", ("Rust",)),
        (("Web",), "Hoe", "https://example.org/hoe", ()),
    ]
    spade = next(r for _, r in result.roadmap.walk() if r.title == "Spade")
    assert "- Docs: [Spade documentation](https://example.org/spade-docs)" in spade.description
    assert "- Paper: [Digging at scale](https://example.org/spade-paper)" in spade.description
    said = messages(result)
    assert not any("Spade" in m for m in said), said
    assert any(m.startswith("road.md:9: bullet 'Rust: rake-rs") for m in said), said
