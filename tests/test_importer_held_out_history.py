"""publisher import and diff: shapes found on held-out real histories (examples invented,
shapes taken from the histories added to tests/fixtures/real/ by session 12's held-out pass)."""

from __future__ import annotations

from test_importer_held_out import warned
from test_importer_shapes import listed, read

from publisher.diff import diff
from publisher.load import build_snapshot
from publisher.model import Snapshot


def test_a_placeholder_bullet_is_no_resource() -> None:
    # rust-nav-zh-history: `- TODO` and `- ...` where entries were still to come were read as
    # resources titled 'TODO' and '...', and then "added" to the feed when written.
    result = read(
        "# L\n\n## Basics\n\n"
        "- [Tour of Things](https://example.org/tour)\n"
        "- ...\n\n"
        "## Advanced\n\n"
        "- TODO\n\n"
        "## Extras\n\n"
        "- [Handbook](https://example.org/handbook)\n\n"
        "  A description of the handbook.\n\n"
        "- \u2026\n"
        "- TBD\n"
    )
    assert listed(result.roadmap) == [
        (("Basics",), "Tour of Things", "https://example.org/tour"),
        (("Extras",), "Handbook", "https://example.org/handbook"),
    ]
    handbook = result.roadmap.sections[-1].resources[0]
    assert handbook.description == "A description of the handbook.\n"
    assert warned(result) == [
        "bullet '...' is a placeholder (no link, an entry still to come): skipped",
        "bullet 'TODO' is a placeholder (no link, an entry still to come): skipped",
        "bullet '\u2026' is a placeholder (no link, an entry still to come): skipped",
        "bullet 'TBD' is a placeholder (no link, an entry still to come): skipped",
    ]
    # A plain bullet of words stays what it was: a linkless resource.
    plain = read("# L\n\n## Books\n\n- [A](https://example.org/a)\n- Todo Lists in Practice\n")
    assert [title for _, title, _ in listed(plain.roadmap)] == ["A", "Todo Lists in Practice"]


def _snapshot(titles_and_urls: list[tuple[str, str]], version: str) -> Snapshot:
    return build_snapshot(
        {
            "title": "Road map",
            "release": {"version": version, "date": "2024-01-01"},
            "sections": [
                {
                    "title": "Concepts",
                    "resources": [{"title": title, "url": url} for title, url in titles_and_urls],
                }
            ],
        },
        f"{version}.yaml",
    )


def test_an_entry_relinked_with_its_title_reworded_is_one_update() -> None:
    # system-design-history: a list moved its links to its author's site and reworded some
    # titles at once ('Checksum' → 'Checksums', 'Horizontal vs Vertical Scaling' → 'Vertical
    # vs Horizontal Scaling'): each was "added" anew, its edit missed.
    old = _snapshot(
        [
            ("Checksum", "https://a.example.org/checksum"),
            ("Horizontal vs Vertical Scaling", "https://a.example.org/scaling"),
            ("Batch Processing vs Stream Processing", "https://a.example.org/batch"),
            ("Proxy Server", "https://a.example.org/proxy"),
        ],
        "1",
    )
    new = _snapshot(
        [
            ("Checksums", "https://b.example.org/checksums"),
            ("Vertical vs Horizontal Scaling", "https://b.example.org/scaling"),
            ("Batch vs Stream Processing", "https://b.example.org/batch"),
            ("Proxy vs Reverse Proxy", "https://b.example.org/proxy"),
        ],
        "2",
    )
    for changes in (diff(old, new), diff(new, old)):
        assert [item.resource.title for item in changes.added] in (
            ["Proxy vs Reverse Proxy"],
            ["Proxy Server"],
        )
        assert len(changes.removed) == 1
        assert len(changes.updated) == 3
        assert all(not item.cosmetic for item in changes.updated)
    # Two removed entries of those words: which one the new entry is is not said; not paired.
    ambiguous = _snapshot(
        [("Data Tools", "https://a.example.org/d1"), ("Tools: Data", "https://a.example.org/d2")],
        "1",
    )
    relinked = _snapshot([("Data Tool", "https://b.example.org/d")], "2")
    assert len(diff(ambiguous, relinked).updated) == 0
    assert len(diff(relinked, ambiguous).updated) == 0


def test_a_language_column_is_the_rows_tag() -> None:
    # github-ranking-history: the Language column of a ranking's table was dropped, so a
    # project whose language changed (CSS → JavaScript) made no update.
    result = read(
        "# L\n\n## Most Stars\n\n"
        "| Ranking | Project Name | Stars | Language | Description |\n"
        "| ------- | ------------ | ----- | -------- | ----------- |\n"
        "| 1 | [kit](https://example.org/kit) | 1200 | CSS | A styling kit. |\n"
        "| 2 | [notes](https://example.org/notes) | 900 | None | Notes on things. |\n"
    )
    assert listed(result.roadmap) == [
        (("Most Stars",), "kit", "https://example.org/kit"),
        (("Most Stars",), "notes", "https://example.org/notes"),
    ]
    kit, notes = result.roadmap.sections[0].resources
    assert (kit.tags, kit.description) == (("CSS",), "A styling kit.\n")
    assert notes.tags == ()  # 'None': no language, no tag
    # In a table of no links, a Language column may be what names its rows: read as before.
    kinds = read(
        "# L\n\n## Kinds\n\n| kind | languages | for |\n| --- | --- | --- |\n"
        "| `py` | Python | scripts and glue code |\n| `rs` | Rust | systems code |\n"
    )
    assert [title for _, title, _ in listed(kinds.roadmap)] == ["Python", "Rust"]
    # Nor does a Language column become tags where no other column names the rows (the link
    # column's texts only say where they lead): the language is the row's name, as before.
    docs = read(
        "# L\n\n## Docs\n\n| Language | Link |\n| --- | --- |\n"
        "| Python | [Docs](https://example.org/py) |\n| Rust | [Docs](https://example.org/rs) |\n"
    )
    assert listed(docs.roadmap) == [
        (("Docs",), "Python", "https://example.org/py"),
        (("Docs",), "Rust", "https://example.org/rs"),
    ]


def test_translations_listed_under_a_work_are_its_description() -> None:
    # rust-nav-zh-history: `其他已有的还在积极更新的优秀译文:` (other translations still kept up)
    # over a nested link bullet under the book's entry: each translation was "added" as a
    # resource of its own, where the version before wrote it in the book's description.
    result = read(
        "# L\n\n## Books\n\n"
        "- [The Guide](https://example.org/guide) The guide to the language.\n\n"
        "  Other translations:\n\n"
        "  - [guide-xx](https://xx.example.org/guide)\n"
        "- [The Manual](https://example.org/manual)\n\n"
        "  其他译文:\n\n"
        "  - [manual-zh](https://zh.example.org/manual)\n"
        "- [Tools](https://example.org/tools)\n\n"
        "  Related:\n\n"
        "  - [Tool A](https://example.org/a)\n"
    )
    assert listed(result.roadmap) == [
        (("Books",), "The Guide", "https://example.org/guide"),
        (("Books",), "The Manual", "https://example.org/manual"),
        (("Books",), "Tools", "https://example.org/tools"),
        (("Books",), "Tool A", "https://example.org/a"),
    ]
    guide, manual, _, _ = result.roadmap.sections[0].resources
    assert "[guide-xx](https://xx.example.org/guide)" in guide.description
    assert "[manual-zh](https://zh.example.org/manual)" in manual.description
    assert [message for message in warned(result) if "translations" in message] == [
        "bullet 'guide-xx' under 'The Guide', after words announcing its translations or "
        "mirrors: another version of it, kept in its description",
        "bullet 'manual-zh' under 'The Manual', after words announcing its translations or "
        "mirrors: another version of it, kept in its description",
    ]


def test_a_paragraph_of_status_badges_under_an_entry_is_no_part_of_it() -> None:
    # rust-nav-zh-history: 'Last updated' and 'Status' badges put under every entry became
    # its description (or were added to it): five entries announced as updated.
    badge = "![Last updated](https://img.shields.io/badge/dynamic/json?url=x&label=Updated)"
    result = read(
        "# L\n\n## Tools\n\n"
        f"- [Tour](https://example.org/tour)\n\n  {badge}\n\n"
        f"- [Cheats](https://example.org/cheats)\n\n  {badge} {badge}\n\n  A cheat sheet.\n\n"
        "- [Shots](https://example.org/shots)\n\n  ![screen](https://example.org/s.png)\n"
    )
    tour, cheats, shots = result.roadmap.sections[0].resources
    assert (tour.description, cheats.description) == ("", "A cheat sheet.\n")
    assert shots.description == "![screen](https://example.org/s.png)\n"  # content, kept


def test_a_heading_over_an_italic_note_and_a_lone_link_is_that_links_resource() -> None:
    # rust-nav-zh-history: `### TWiR` over an italic note that starts with the newsletter's
    # link, then the list's own link alone: the heading was read at the note's link (issue 13:
    # a heading over a description and one lone link paragraph is that link's resource). And
    # a section holding only `TODO` took the resource heading after it as its own.
    result = read(
        "# L\n\n## Guides\n\n### Docs\n\nTODO\n\n### Weekly\n\n"
        "_[The Weekly](https://weekly.example.org/) is a newsletter on the language._\n\n"
        "[Weekly in Chinese](https://zh.example.org/weekly)\n\n"
        "### More\n\n- [A](https://example.org/a)\n"
    )
    assert listed(result.roadmap) == [
        (("Guides",), "Weekly", "https://zh.example.org/weekly"),
        (("Guides", "More"), "A", "https://example.org/a"),
    ]
    # Not in italics, a paragraph that starts with its link and goes on in words is the
    # heading's line, as before: the heading is the newsletter.
    plain = read(
        "# L\n\n## Guides\n\n### Weekly\n\n"
        "[The Weekly](https://weekly.example.org/) is a newsletter on the language.\n\n"
        "[Weekly in Chinese](https://zh.example.org/weekly)\n"
    )
    assert listed(plain.roadmap) == [(("Guides",), "Weekly", "https://weekly.example.org/")]


def test_a_heading_dated_by_a_year_before_its_link_is_that_links_resource() -> None:
    # gobooks-history: books written '### 2018 - [Learning Go](…) *Free*' were sections (a
    # mark after the link), the books under them filed inside; those without a mark were
    # titled '2018 - Get Programming with Go', so that dropping the year from the heading
    # later, with a new link, made the book "new" and its edit was lost.
    result = read(
        "# Reading\n\n## Beginners\n\n"
        "### 2019 - [Parsing by Example](https://example.org/parsing) *Free*\n\n"
        "A short book on parsers.\n\n"
        "### 2021 - [Compilers in Practice](https://example.org/compilers)\n\n"
        "What a compiler does, chapter by chapter.\n\n"
        "### 2022 - Spanish - [Gramáticas](https://example.org/gramaticas) (PDF)\n\n"
        "The first book in Spanish on grammars.\n"
    )
    assert listed(result.roadmap) == [
        (("Beginners",), "Parsing by Example", "https://example.org/parsing"),
        (("Beginners",), "Compilers in Practice", "https://example.org/compilers"),
        (("Beginners",), "Gramáticas", "https://example.org/gramaticas"),
    ]
    assert result.roadmap.sections[0].resources[0].description == "A short book on parsers.\n"
    assert warned(result) == [
        "heading '2019 - Parsing by Example Free' read as the resource 'Parsing by Example': "
        "'2019 - … Free' around its link (a year, a mark) is no part of its name",
        "heading '2021 - Compilers in Practice' read as the resource 'Compilers in Practice': "
        "'2021 - …' around its link (a year, a mark) is no part of its name",
        "heading '2022 - Spanish - Gramáticas (PDF)' read as the resource 'Gramáticas': "
        "'2022 - Spanish - … (PDF)' around its link (a year, a mark) is no part of its name",
    ]
    # A lesson's label stays its title, and words after a dated link make a section.
    lesson = read("# C\n\n## Plan\n\n### Day01 - [Basics](https://example.org/d1)\n\nIntro.\n")
    assert listed(lesson.roadmap) == [(("Plan",), "Day01 - Basics", "https://example.org/d1")]
    talk = read(
        "# C\n\n## Talks\n\n### 2020 - [Keynote](https://example.org/k) and what came of it\n\n"
        "- [Slides](https://example.org/s) - the slides\n- [Notes](https://example.org/n) - notes\n"
    )
    assert [section for section, _, _ in listed(talk.roadmap)] == [
        ("Talks", "2020 - Keynote and what came of it"),
        ("Talks", "2020 - Keynote and what came of it"),
    ]


def test_a_link_heading_without_its_space_among_link_headings_is_one_of_them() -> None:
    # gobooks-history: '###[Go 101](…)' among '### [Book](…)' headings (no space after the
    # hashes, its link right after them) stayed a paragraph in the description of the book
    # above, so the book was "removed", then "added" when the space came back. A label before
    # the link ('####Day86 - [Title](…)') was read as a heading already.
    result = read(
        "# Shelf\n\n## Books\n\n"
        "### [Tree Walking](https://example.org/trees)\n\nOn walking trees.\n\n-----\n\n"
        "###[Graph Colouring](https://example.org/graphs)\n\nOn colouring graphs.\n\n-----\n\n"
        "### [Heaps](https://example.org/heaps)\n\nOn heaps.\n"
    )
    assert listed(result.roadmap) == [
        (("Books",), "Tree Walking", "https://example.org/trees"),
        (("Books",), "Graph Colouring", "https://example.org/graphs"),
        (("Books",), "Heaps", "https://example.org/heaps"),
    ]
    assert warned(result) == [
        "'###' without a space after it (GitHub shows it as text) read as a level-3 heading, "
        "as the headings around it are"
    ]
    # Under headings of another level it stays as written (GitHub shows the hashes).
    other = read(
        "# Shelf\n\n## Books\n\n- [Heaps](https://example.org/heaps) - on heaps\n\n"
        "###[Graphs](https://example.org/graphs)\n"
    )
    assert next(title for _, title, _ in listed(other.roadmap)) == "Heaps"
    assert not any("without a space" in message for message in warned(other))


def test_a_link_with_a_mistyped_scheme_is_the_address_its_author_meant() -> None:
    # gobooks-history: a book's new edition linked to 'hhttps://amzn.to/…' (a doubled
    # letter) was kept without its link, so its old edition was "removed" and the new one
    # "added" with no address; awesome-remote-job's 'https//devtooljobs.com/' (no colon) is
    # the same slip.
    result = read(
        "# Tools\n\n## Shops\n\n"
        "### [Parsing, 2nd Edition](hhttps://shop.example.org/parsing)\n\nThe new edition.\n\n"
        "## Boards\n\n"
        "- [Job Board](https//jobs.example.org/) - jobs\n"
        "- [Old Board](http:/old.example.org/list) - older jobs\n"
        "- [Notes](notes/board.md) - a file beside the list\n"
    )
    assert [url for _, _, url in listed(result.roadmap)] == [
        "https://shop.example.org/parsing",
        "https://jobs.example.org/",
        "http://old.example.org/list",
        "",
    ]
    assert [message for message in warned(result) if "mistyped" in message] == [
        "link 'hhttps://shop.example.org/parsing': a mistyped scheme, read as "
        "'https://shop.example.org/parsing'",
        "link 'https//jobs.example.org/': a mistyped scheme, read as 'https://jobs.example.org/'",
        "link 'http:/old.example.org/list': a mistyped scheme, read as "
        "'http://old.example.org/list'",
    ]


def test_an_entry_relinked_with_words_added_to_its_title_is_one_update() -> None:
    # gobooks-history: 'Learning Go: An Idiomatic Approach to Real-World Go Programming' at one
    # shop became '…, 2nd Edition' at another: the book "removed" and its new edition "added".
    old = _snapshot(
        [
            ("Parsing Techniques: A Practical Guide", "https://a.example.org/parsing"),
            ("Caching", "https://a.example.org/caching"),
            ("Graph Theory Basics", "https://a.example.org/graphs"),
            ("React Native", "https://a.example.org/rn"),
            ("Machine Learning", "https://a.example.org/ml"),
        ],
        "1",
    )
    new = _snapshot(
        [
            ("Parsing Techniques: A Practical Guide, 2nd Edition", "https://b.example.org/p2"),
            ("Caching 101", "https://b.example.org/caching"),
            ("Caching Strategies", "https://b.example.org/strategies"),
            ("Graph Theory Basics Revisited", "https://b.example.org/g1"),
            ("Graph Theory Basics Illustrated", "https://b.example.org/g2"),
            ("React Native Elements", "https://b.example.org/rne"),
            ("Machine Learning Mastery", "https://b.example.org/mlm"),
        ],
        "2",
    )
    changes = diff(old, new)
    assert [(item.old_resource.title, item.resource.title) for item in changes.updated] == [
        (
            "Parsing Techniques: A Practical Guide",
            "Parsing Techniques: A Practical Guide, 2nd Edition",
        )
    ]
    # A one-word title ("Caching") names too little to pair; two added titles holding the
    # same words cannot say which one the entry became; added words that number nothing
    # make another work ("React Native Elements", "Machine Learning Mastery").
    assert [item.resource.title for item in changes.added] == [
        "Caching 101",
        "Caching Strategies",
        "Graph Theory Basics Revisited",
        "Graph Theory Basics Illustrated",
        "React Native Elements",
        "Machine Learning Mastery",
    ]
    assert [item.resource.title for item in changes.removed] == [
        "Caching",
        "Graph Theory Basics",
        "React Native",
        "Machine Learning",
    ]
    back = diff(new, old)
    assert [(item.old_resource.title, item.resource.title) for item in back.updated] == [
        (
            "Parsing Techniques: A Practical Guide, 2nd Edition",
            "Parsing Techniques: A Practical Guide",
        )
    ]


def test_a_subject_over_its_numbered_links_is_one_resource_per_link() -> None:
    # awesome-falsehood-history: 'Falsehoods About Gender: [#1](…) & [#2](…) - …' was one
    # resource titled '#1' whose description held the whole line; the second article was lost.
    result = read(
        "# L\n\n## Parsing\n\n"
        "- [Lexers](https://example.org/lexers) - on lexers.\n"
        "- Parsing in Depth: [#1](https://example.org/p1) & [#2](https://example.org/p2) - A "
        "series on parsers.\n"
        "- Error Recovery: [Part 1](https://example.org/e1), [Part 2](https://example.org/e2), "
        "[Part 3](https://example.org/e3)\n"
        "- [Grammars](https://example.org/grammars) - on grammars.\n"
    )
    assert listed(result.roadmap) == [
        (("Parsing",), "Lexers", "https://example.org/lexers"),
        (("Parsing",), "Parsing in Depth #1", "https://example.org/p1"),
        (("Parsing",), "Parsing in Depth #2", "https://example.org/p2"),
        (("Parsing",), "Error Recovery Part 1", "https://example.org/e1"),
        (("Parsing",), "Error Recovery Part 2", "https://example.org/e2"),
        (("Parsing",), "Error Recovery Part 3", "https://example.org/e3"),
        (("Parsing",), "Grammars", "https://example.org/grammars"),
    ]
    resources = result.roadmap.sections[0].resources
    assert [resource.description for resource in resources[1:3]] == ["A series on parsers.\n"] * 2
    assert warned(result) == [
        "bullet 'Parsing in Depth' over 2 numbered links: read as one resource each "
        "('Parsing in Depth #1', 'Parsing in Depth #2')",
        "bullet 'Error Recovery' over 3 numbered links: read as one resource each "
        "('Error Recovery Part 1', 'Error Recovery Part 2', 'Error Recovery Part 3')",
    ]
    # Links with names of their own after a label are read as before.
    named = read(
        "# L\n\n## Talks\n\n- [Lexers](https://example.org/lexers) - on lexers.\n"
        "- Parsing talk: [Slides](https://example.org/s) & [Video](https://example.org/v)\n"
    )
    assert not any("numbered links" in message for message in warned(named))


def test_a_quotation_before_an_items_source_link_is_no_ask_of_the_author() -> None:
    # awesome-falsehood-history: '- “I'm going to a commune in Vermont …” - the note left by
    # an engineer … Source: [The Soul of a New Machine](…).' was read as the list author's
    # own words ('I'm going'), a call to action, and filed in the description of the entry
    # above (a false update of it, the book lost).
    result = read(
        "# L\n\n## Time\n\n"
        "- [Leap Seconds](https://example.org/leap) - on leap seconds.\n"
        "- “I'll never trust a clock again.” - Said by an operator after a bad night. "
        "Source: [Night Shift Stories](https://example.org/night).\n"
        "- [Time Zones](https://example.org/zones) - on time zones.\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Leap Seconds",
        "Night Shift Stories",
        "Time Zones",
    ]
    assert result.roadmap.sections[0].resources[0].description == "on leap seconds.\n"
    # The author's own words outside quotes still ask, as before.
    asking = read(
        "# L\n\n## Time\n\n- [Leap Seconds](https://example.org/leap) - on leap seconds.\n"
        "- I wrote more about it here: [My Post](https://example.org/mine).\n"
    )
    assert [title for _, title, _ in listed(asking.roadmap)] == ["Leap Seconds"]


def test_the_full_stop_after_a_lead_ins_link_is_no_paragraph_of_its_description() -> None:
    # awesome-falsehood-history: '… Source: [The Soul of a New Machine](…).' kept its final
    # '.' as a paragraph of its own under the lead-in ('… Source\n\n.\n').
    result = read(
        "# L\n\n## Time\n\n"
        "- [Leap Seconds](https://example.org/leap) - on leap seconds.\n"
        "- “No clock is right twice.” - An operator's saying. Source: "
        "[Night Shift Stories](https://example.org/night).\n"
    )
    book = result.roadmap.sections[0].resources[1]
    assert book.title == "Night Shift Stories"
    assert book.description == "“No clock is right twice.” - An operator's saying. Source\n"


def test_what_a_tables_title_cell_says_after_its_link_is_kept() -> None:
    # competitive-programming-history: '| ★★★ | [E-Maxx (Russian)](…), [(English)](…) | A
    # tutorial website … |': with a Description column, the title cell's words after its link
    # were lost without a word (the English version's link, 'by Author', '[Part 2](…)'), so
    # the English version moving to another address changed nothing the import read.
    result = read(
        "# L\n\n## Tutorials\n\n"
        "| ☆ | Name | Description |\n| --- | --- | --- |\n"
        "| ★★☆ | [Graphs (French)](https://example.org/fr), [(English)](https://example.org/en) "
        "| Graph algorithms, step by step. |\n"
        "| ★☆☆ | [Heaps in Depth](https://example.org/heaps), by Ada Quill (aq) "
        "| A notebook on heaps. |\n"
        "| ★☆☆ | [Tries](https://example.org/tries), by [Ben Ode](https://example.org/ben) "
        "| On tries. |\n"
        "| ★★★ | [Sorting: Part 1](https://example.org/s1), [Part 2](https://example.org/s2) "
        "| A series on sorting. |\n"
        "| ★★☆ | [Hashing](https://example.org/hash)&#8202;★ | On hashing. |\n"
    )
    graphs, heaps, tries, sorting, hashing = result.roadmap.sections[0].resources
    assert [resource.title for resource in result.roadmap.sections[0].resources] == [
        "Graphs (French)",
        "Heaps in Depth",
        "Tries",
        "Sorting: Part 1",
        "Hashing",
    ]
    assert graphs.description == (
        "Graph algorithms, step by step.\n\n[(English)](https://example.org/en)\n"
    )
    assert heaps.author is not None
    assert (heaps.author.name, heaps.author.url) == ("Ada Quill (aq)", "")
    assert heaps.description == "A notebook on heaps.\n"
    assert tries.author is not None
    assert (tries.author.name, tries.author.url) == ("Ben Ode", "https://example.org/ben")
    assert sorting.description == "A series on sorting.\n\n[Part 2](https://example.org/s2)\n"
    # A mark beside the name says nothing of the resource: dropped, as before.
    assert hashing.description == "On hashing.\n"
    assert warned(result) == [
        "row 'Graphs (French)': '[(English)](https://example.org/en)' after its link in the "
        "title column kept in its description",
        "row 'Sorting: Part 1': '[Part 2](https://example.org/s2)' after its link in the title "
        "column kept in its description",
    ]


def test_a_bullet_wholly_in_parentheses_holds_the_place_of_entries() -> None:
    # goquality-ko-history: a Queue of shared links under one heading per day, the newest day
    # holding '- (여기에 추가해주세요.)' ('add here') and an empty bullet: the aside was read as a
    # resource without a link, 'moved' from day to day as the days went by.
    result = read(
        "# L\n\n# Inbox\n\n"
        "#### 3 March\n- (add your link here.)\n-\n\n"
        "#### 2 March\n- [Parsers](https://example.org/parsers)\n"
        "- (more to come)\n\n"
        "## Topics\n\n- Parsing (with examples)\n- Lexing\n"
    )
    assert listed(result.roadmap) == [
        (("Inbox", "2 March"), "Parsers", "https://example.org/parsers"),
        (("Inbox", "Topics"), "Parsing (with examples)", ""),
        (("Inbox", "Topics"), "Lexing", ""),
    ]
    assert warned(result) == [
        "bullet '(add your link here.)' is an aside in parentheses where entries go (no "
        "link): skipped",
        "empty bullet: skipped",
        "bullet '(more to come)' is an aside in parentheses where entries go (no link): skipped",
    ]


def test_a_list_of_links_into_sections_of_one_repositorys_pages_is_its_contents() -> None:
    # goquality-ko-history: a README that became the index of a list kept in one file per
    # category: '### 5. 기타' over '- [Git](https://github.com/o/r/tree/master/5.%20%EA%B8%B0%ED%83%80#git)'
    # … each link to a section of the category's page, named as that section. The index's
    # links were read as resources (37 of them, precision 0.116).
    page = "https://github.com/ann/reading/tree/master/2.%20Languages"
    result = read(
        "# Reading\n\n## Index\n\n### 2. Languages\n"
        f"- [Rust & Cargo]({page}#rust--cargo)\n"
        f"  - [Macros]({page}#macros)\n"
        f"- [Go]({page}#go)\n"
        f"- [Zig tips]({page}#zig)\n\n"
        "## Friends\n\n"
        "- [Graph Notes](https://github.com/bo/notes/blob/main/graphs.md#intro)\n"
        "- [Heap Notes](https://github.com/bo/notes/blob/main/heaps.md#intro)\n"
        "- [Sorting Notes](https://github.com/bo/notes/blob/main/sorting.md#intro)\n"
    )
    # Links into another repository's sections under names of their own stay resources.
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Graph Notes",
        "Heap Notes",
        "Sorting Notes",
    ]
    assert warned(result) == [
        "list of 4 links into sections of ann/reading's pages, each named as its section: a "
        "table of contents of those pages, not resources"
    ]
    # Two such links are too few to say so.
    pair = read(f"# R\n\n## Index\n\n- [Go]({page}#go)\n- [Macros]({page}#macros)\n")
    assert [title for _, title, _ in listed(pair.roadmap)] == ["Go", "Macros"]


def test_a_relative_link_into_a_folder_named_like_a_scheme_stays_relative() -> None:
    # A list of examples kept beside the README in folders named 'http/' or 'https/'
    # ('[Simple server](http/server.go)') links files, not mistyped web addresses: a scheme
    # mistyped keeps its colon or its two slashes ('https//…', 'http:/…'), a folder neither.
    result = read(
        "# Examples\n\n## Networking\n\n"
        "- [Simple Server](http/server.go) - a server in ten lines\n"
        "- [TLS Server](https/main.go) - the same over TLS\n"
        "- [Old Board](http:/old.example.org/list) - older jobs\n",
        base_url="https://example.org/repo/",
    )
    assert [url for _, _, url in listed(result.roadmap)] == [
        "https://example.org/repo/http/server.go",
        "https://example.org/repo/https/main.go",
        "http://old.example.org/list",
    ]
    assert not any("server.go" in message for message in warned(result) if "mistyped" in message)


def test_titles_holding_each_others_words_in_another_order_are_two_entries() -> None:
    # The pairing of a relinked entry whose title gained words (a736bde) compared the titles'
    # sets of words, so a book gone and another come whose title holds its words in another
    # order ('Python for Data Analysis' → 'Data Analysis for Python Developers') were one
    # entry retitled. Words added to a title keep its own in their order.
    old = _snapshot(
        [
            ("Python for Data Analysis", "https://a.example.org/pda"),
            ("Deep Learning with Python", "https://a.example.org/dlp"),
        ],
        "1",
    )
    new = _snapshot(
        [
            ("Data Analysis for Python Developers", "https://b.example.org/dapd"),
            ("Deep Learning with Python, Second Edition", "https://b.example.org/dlp2"),
        ],
        "2",
    )
    for changes in (diff(old, new), diff(new, old)):
        assert [
            sorted((item.old_resource.title, item.resource.title)) for item in changes.updated
        ] == [["Deep Learning with Python", "Deep Learning with Python, Second Edition"]]
        assert len(changes.added) == len(changes.removed) == 1
