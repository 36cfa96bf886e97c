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


# A study plan's books, each with links nested under it: its code, its other pages, a review
# of it, slides under a label naming them; one real resource nested beside its material.
BOOKS = """# Knots

## Practical books

- [ ] [The Knot Book](https://example.org/knot-book)
    - [GitHub repository](https://github.com/example/knots)
    - [Companion website](https://knots.example.edu/book)
- [ ] [Ropes at Sea](https://example.org/ropes)
    - Course material
        - [Slides for Parts 1-3 (pdf)](https://example.edu/ropes/slides-1-3.pdf)
        - [Slides for Parts 4-6 (pdf)](https://example.edu/ropes/slides-4-6.pdf)
- [ ] [Splicing: A Field Guide](https://example.org/splicing)
    - [Splicing A Field Guide review](https://blog.example.net/2019/review)
    - [GitHub repository](https://github.com/example/splice)
- [ ] [Whipping Rope](https://example.org/whipping)
    - [Online exercises](https://example.edu/whipping-exercises)
- [ ] [Hitches](https://example.org/hitches)
    - [Errata](https://example.org/hitches/errata)
    - [Hitches in the Wild](https://example.org/wild)
"""


def test_links_naming_a_books_material_in_words_of_their_own_are_its_description() -> None:
    # ml-for-software-engineers-path: under a book, links that name what it comes with in
    # words of their own ('[Resource repository](…)', '[Online tutorials](…)', '[Title
    # review](…)', '[Slides for Chapters 1-5 (zip)](…)' under a 'Teaching material' label)
    # were read as resources beside the books. Each names a kind of material of the resource
    # above it (its words naming kinds of material only, or its title and such words), nothing
    # said of it: kept in its description with a warning; a link with a name of its own
    # ('[Hitches in the Wild](…)') stays a resource.
    result = read(BOOKS)
    assert listed(result.roadmap) == [
        (("Practical books",), "The Knot Book", "https://example.org/knot-book"),
        (("Practical books",), "Ropes at Sea", "https://example.org/ropes"),
        (("Practical books",), "Splicing: A Field Guide", "https://example.org/splicing"),
        (("Practical books",), "Whipping Rope", "https://example.org/whipping"),
        (("Practical books",), "Hitches", "https://example.org/hitches"),
        (("Practical books",), "Hitches in the Wild", "https://example.org/wild"),
    ]
    by_title = {resource.title: resource for _, resource in result.roadmap.walk()}
    assert "[Companion website](https://knots.example.edu/book)" in (
        by_title["The Knot Book"].description
    )
    assert "slides-4-6.pdf" in by_title["Ropes at Sea"].description
    assert "blog.example.net/2019/review" in by_title["Splicing: A Field Guide"].description
    assert "whipping-exercises" in by_title["Whipping Rope"].description
    assert "[Errata](https://example.org/hitches/errata)" in by_title["Hitches"].description
    said = messages(result)
    for line, words in (
        (7, "Companion website"),
        (9, "Course material"),
        (13, "Splicing A Field Guide review"),
        (16, "Online exercises"),
        (18, "Errata"),
    ):
        assert any(m.startswith(f"road.md:{line}:") and words in m for m in said), (line, said)


def test_links_under_a_resource_with_names_of_their_own_stay_resources() -> None:
    # The material reading takes no nested link named by words of its own: an article
    # about the resource ('[Atomic Knots: Some Thoughts](…)', its title and more words), a
    # part named by its label and a title ('[Part 1: Hemp](…)'), nor a label over such
    # links (its links are the resource's own group: tags, 34650a2); nor a link into another
    # repository on a code host, a project of its own whatever its words (a list of lists:
    # '[Knot Theory](…)' over '[Online tutorials](github.com/other/…)', its sub-list).
    result = read(
        "# Knots\n\n## Reading\n\n"
        "- [Atomic Knots](https://example.org/atomic)\n"
        "    - [Atomic Knots: Some Thoughts and One Example](https://example.net/thoughts)\n"
        "    - [Online Knot Tying Tutorial for Sailors](https://example.net/sailors)\n"
        "- [Rope Making](https://example.org/rope-making)\n"
        "    - Further reading\n"
        "        - [Part 1: Hemp](https://example.net/hemp)\n"
        "        - [Part 2: Sisal](https://example.net/sisal)\n"
        "- [Knot Theory](https://github.com/example/awesome-knot-theory)\n"
        "    - [Online tutorials](https://github.com/other/knot-tutorials)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Atomic Knots",
        "Atomic Knots: Some Thoughts and One Example",
        "Online Knot Tying Tutorial for Sailors",
        "Rope Making",
        "Part 1: Hemp",
        "Part 2: Sisal",
        "Knot Theory",
        "Online tutorials",
    ]


SERIES = """# Study plan

## Knots overview
- [ ] [Knots 101](https://example.org/101)

## [Rope Stories](https://ropes.example.net/2020/01/rope-stories.html)
- [ ] [Part 1: Hemp and Sisal](https://ropes.example.net/2020/01/part-1.html)
- [ ] [Part 2: Nylon](https://ropes.example.net/2020/02/part-2.html)

## Shops

#### [Rope Shops](https://shops.example.org/category/3)

* [Harbour Ropes](https://shops.example.org/harbour?category=3)
* [Mill Street Cordage](https://shops.example.org/mill-street?category=3)
"""


def test_a_heading_that_is_a_link_over_a_series_parts_lists_the_series_page() -> None:
    # ml-for-software-engineers-path: '## [Inky Machine Learning](…)' over '- [ ] [Part 1:
    # What is Machine Learning ?](…)', '- [ ] [Part 2: …](…)': the heading names a work, the
    # series, its parts listed under it. Its page is a resource (issue 13, item 4: a heading
    # that is a link itself), the section's first, its parts after it; it was kept in the
    # section's intro only. A heading that is a link over other named things (a category's
    # page over its entries, awesome-free-mit) stays a section whose link is its intro.
    result = read(SERIES)
    assert listed(result.roadmap) == [
        (("Knots overview",), "Knots 101", "https://example.org/101"),
        (
            ("Rope Stories",),
            "Rope Stories",
            "https://ropes.example.net/2020/01/rope-stories.html",
        ),
        (
            ("Rope Stories",),
            "Part 1: Hemp and Sisal",
            "https://ropes.example.net/2020/01/part-1.html",
        ),
        (("Rope Stories",), "Part 2: Nylon", "https://ropes.example.net/2020/02/part-2.html"),
        (
            ("Shops", "Rope Shops"),
            "Harbour Ropes",
            "https://shops.example.org/harbour?category=3",
        ),
        (
            ("Shops", "Rope Shops"),
            "Mill Street Cordage",
            "https://shops.example.org/mill-street?category=3",
        ),
    ]
    stories = result.roadmap.sections[1]
    assert "rope-stories.html" not in stories.intro
    shops = result.roadmap.sections[2].sections[0]
    assert "[Rope Shops](https://shops.example.org/category/3)" in shops.intro
    said = messages(result)
    assert any(m.startswith("road.md:6: heading link 'Rope Stories'") for m in said), said
    assert any(m.startswith("road.md:12: heading link 'Rope Shops'") for m in said), said
