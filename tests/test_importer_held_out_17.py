"""publisher import: shapes found on the two held-out lists session 17's pending pass read
(examples invented; shapes taken from tests/fixtures/held-out-pending/ and the lists moved
from there into tests/fixtures/real/: frontend-dev-bookmarks-nested,
ml-for-software-engineers-path)."""

from __future__ import annotations

from test_importer_nesting import listed as tagged
from test_importer_shapes import listed, messages, read

# A list whose structure is a tree of bullets: plain-word labels over nested lists are its
# sections, at every level; one link bullet has label groups under it, not links.
TREE = """# Garden

+ Tools
    + [Spade Works](https://example.org/spade-works)
    + Pruning
        + [Secateurs Guide](https://example.org/secateurs)
        + [Rosewood Shears](https://example.org/rosewood)
            + [Source](https://github.com/example/rosewood)
            + Care
                + [Oiling the Blade](https://example.org/oiling)
                + [Sharpening Stones](https://example.org/stones)
            + Accessories
                + [Leather Holster](https://example.org/holster)
        + [Loppers Compared](https://example.org/loppers)
+ Seeds
    + [Seed Bank](https://example.org/seed-bank)
"""


def test_a_link_bullet_over_label_groups_in_a_bullet_tree_names_a_subsection() -> None:
    # frontend-dev-bookmarks-nested: '+ [Angular](…)' over '+ [Github](…)', '+ Learning'
    # (links) and '+ Integration' (links), inside '+ Frameworks' > '+ JavaScript', labels
    # that are the list's sections. The link bullet names a group as its label siblings and
    # ancestors do: the subsection 'Angular', its link the first resource, its labels the
    # subsections under it, its copy link its description. Its groups were read as tags of
    # resources after it (34650a2's rule for a resource's own groups), all in 'JavaScript'.
    result = read(TREE)
    # (resources outside any heading but the document's title: under 'Resources')
    assert [(path[1:], title, url) for path, title, url in listed(result.roadmap)] == [
        (("Tools",), "Spade Works", "https://example.org/spade-works"),
        (("Tools", "Pruning"), "Secateurs Guide", "https://example.org/secateurs"),
        # (a section's own resources come before its subsections')
        (("Tools", "Pruning"), "Loppers Compared", "https://example.org/loppers"),
        (
            ("Tools", "Pruning", "Rosewood Shears"),
            "Rosewood Shears",
            "https://example.org/rosewood",
        ),
        (
            ("Tools", "Pruning", "Rosewood Shears", "Care"),
            "Oiling the Blade",
            "https://example.org/oiling",
        ),
        (
            ("Tools", "Pruning", "Rosewood Shears", "Care"),
            "Sharpening Stones",
            "https://example.org/stones",
        ),
        (
            ("Tools", "Pruning", "Rosewood Shears", "Accessories"),
            "Leather Holster",
            "https://example.org/holster",
        ),
        (("Seeds",), "Seed Bank", "https://example.org/seed-bank"),
    ]
    assert {path[0] for path, _, _ in listed(result.roadmap)} == {"Resources"}
    shears = next(r for _, r in result.roadmap.walk() if r.title == "Rosewood Shears")
    assert "[Source](https://github.com/example/rosewood)" in shears.description
    assert not any(tags for *_, tags in tagged(result.roadmap))
    said = messages(result)
    assert any(
        m.startswith("road.md:7: link bullet 'Rosewood Shears'") and "subsection" in m for m in said
    ), said
    assert any(m.startswith("road.md:8:") and "'[Source]" in m for m in said), said


# The same link bullet where the document's sections are headings and its own list has no
# label over links above it: its groups are its own links, tags (34650a2's rule holds).
HEADED = """# Garden

## Tools

- [Spade Works](https://example.org/spade-works)
- [Rosewood Shears](https://example.org/rosewood)
    - Care
        - [Oiling the Blade](https://example.org/oiling)
        - [Sharpening Stones](https://example.org/stones)
- [Loppers Compared](https://example.org/loppers)

## Seeds

- [Seed Bank](https://example.org/seed-bank)
"""


def test_a_link_bullet_over_label_groups_under_a_heading_keeps_them_as_tags() -> None:
    result = read(HEADED)
    assert tagged(result.roadmap) == [
        (("Tools",), "Spade Works", "https://example.org/spade-works", ()),
        (("Tools",), "Rosewood Shears", "https://example.org/rosewood", ()),
        (("Tools",), "Oiling the Blade", "https://example.org/oiling", ("Care",)),
        (("Tools",), "Sharpening Stones", "https://example.org/stones", ("Care",)),
        (("Tools",), "Loppers Compared", "https://example.org/loppers", ()),
        (("Seeds",), "Seed Bank", "https://example.org/seed-bank", ()),
    ]
    assert any(m.startswith("road.md:7: label 'Care'") for m in messages(result))


def test_a_link_bullet_in_a_bullet_tree_over_links_and_a_label_keeps_them_as_tags() -> None:
    # Inside a tree of label sections, a link bullet whose nested bullets are its own links
    # and notes beside a label ('+ [Rake](…)' over '+ Web' (a link), '+ Mobile: [Rake
    # Mobile](…)', a note): the resource's own, not a subsection (test_importer_nesting's
    # DEEP holds; only a link bullet whose nested bullets are all label groups names one).
    result = read(
        "# Garden\n\n"
        "+ Tools\n"
        "    + [Rosewood Shears](https://example.org/rosewood)\n"
        "        + Care\n"
        "            + [Oiling the Blade](https://example.org/oiling)\n"
        "        + [Shears Review](https://example.org/review)\n"
    )
    assert tagged(result.roadmap) == [
        (("Resources", "Tools"), "Rosewood Shears", "https://example.org/rosewood", ()),
        (("Resources", "Tools"), "Oiling the Blade", "https://example.org/oiling", ("Care",)),
        (("Resources", "Tools"), "Shears Review", "https://example.org/review", ()),
    ]
