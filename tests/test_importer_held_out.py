"""publisher import: shapes found on held-out real lists (examples invented, shapes taken from
the lists added to tests/fixtures/real/ by session 10's held-out pass)."""

from __future__ import annotations

from test_importer_shapes import listed, read

from publisher.importer import ImportResult, import_markdown


def warned(result: ImportResult) -> list[str]:
    return [str(warning).split(": ", 1)[1] for warning in result.warnings]


def test_a_bullet_naming_its_resource_in_a_sentence_is_that_resource() -> None:
    # professional-programming: "SourceMaking's [Design Patterns](…) seems …" among link
    # bullets was a note on the bullet above, its resource lost.
    result = read(
        "# L\n\n## Design\n\n"
        "* [Patterns Book](https://example.org/book): the classic.\n"
        "* Acme's [Pattern Atlas](https://example.org/atlas) seems good too.\n"
        "* Jo Bloggs (editor), [Seven Habits](https://example.org/habits) "
        "([slides](https://example.org/slides)).\n"
        "* [Refactoring Notes](https://example.org/notes)\n"
    )
    assert listed(result.roadmap) == [
        (("Design",), "Patterns Book", "https://example.org/book"),
        (("Design",), "Pattern Atlas", "https://example.org/atlas"),
        (("Design",), "Seven Habits", "https://example.org/habits"),
        (("Design",), "Refactoring Notes", "https://example.org/notes"),
    ]
    atlas = result.roadmap.sections[0].resources[1]
    assert atlas.description.startswith("Acme's [Pattern Atlas]")
    assert warned(result) == [
        'bullet "Acme\'s [Pattern Atlas](https://example.org/atlas) seems good too." names its '
        "resource in a sentence: read as 'Pattern Atlas' at its link, the sentence its "
        "description",
        "bullet 'Jo Bloggs (editor), [Seven Habits](https://example.org/habits) "
        "([slides](https://example.org/slides)).' names its resource in a sentence: read as "
        "'Seven Habits' at its link, the sentence its description",
    ]


def test_a_list_of_sentences_each_naming_a_link_is_resources() -> None:
    # "Read the [CLRS](…)", "Or [The Algorithm Design Manual](…)": what to read, as advice.
    result = read(
        "# L\n\n## Algorithms\n\n"
        "* Read the [Big Book](https://example.org/big). Its course is on "
        "[Video Site](https://example.org/course).\n"
        "* Or [The Manual](https://example.org/manual)\n"
        "* Try out some puzzles on [Puzzle Site](https://example.org/puzzles)\n"
    )
    assert listed(result.roadmap) == [
        (("Algorithms",), "Big Book", "https://example.org/big"),
        (("Algorithms",), "The Manual", "https://example.org/manual"),
        (("Algorithms",), "Puzzle Site", "https://example.org/puzzles"),
    ]
    assert len(warned(result)) == 3
    # Advice with a link among plain advice stays text, as before.
    advice = read(
        "# L\n\n## Courses must\n\n- Be open for enrollment\n- Run regularly\n"
        "- Match the standards of [CS 2013](https://example.org/cs2013)\n"
    )
    assert [resource.url for _, resource in advice.roadmap.walk()] == []


def test_a_one_link_topic_after_a_topic_with_its_own_links_is_its_sibling() -> None:
    # professional-programming's "### Diversity & inclusion" (one sentence, one link) after
    # "### Dev environment & tools" (a list of links) was filed inside the topic before it.
    result = read(
        "# L\n\n## Topics\n\n### Tools\n\n- [Jq](https://example.org/jq)\n\n"
        "### Management\n\nCheck out my [management list](https://example.org/mgmt).\n\n"
        "### Docs\n\n- [Doc Guide](https://example.org/docs)\n"
    )
    assert listed(result.roadmap) == [
        (("Topics",), "Management", "https://example.org/mgmt"),
        (("Topics", "Tools"), "Jq", "https://example.org/jq"),
        (("Topics", "Docs"), "Doc Guide", "https://example.org/docs"),
    ]


def test_a_resource_named_in_a_sentence_reads_the_same_in_pieces_and_whole() -> None:
    # Read in pieces, its line is moved to where its piece is, as the item's own is (its
    # warnings named line 1 before, and came in another order than the whole's).
    text = (
        "# Map\n\nIntro.\n\n## A\n\n- [Img](https://example.org/img)\n"
        "- ![icon][ONE] [Img](https://example.org/img)\n\n## B\n\n"
        "- [Two](https://example.org/two)\n- Acme's [Two](https://example.org/two) too.\n"
    )
    pieces = import_markdown(text, "road.md", pieces=True)
    assert pieces == import_markdown(text, "road.md", pieces=False)
    assert [warning.line for warning in pieces.warnings] == [8, 8, 13, 13]


def test_a_bold_name_before_a_link_saying_what_to_do_titles_the_resource() -> None:
    # A numbered book list: the name in bold, its author, then "[Read online](…)" on the
    # item's next line. The link says what to do, the bold words what it is.
    result = read(
        "# L\n\n## Books\n\n1. **Alpha Book** by A. Author\n   [Read online](https://example.org/a)\n"
        "2. **Beta Book** by B. Author\n   [Download the PDF](https://example.org/b)\n"
    )
    assert listed(result.roadmap) == [
        (("Books",), "Alpha Book", "https://example.org/a"),
        (("Books",), "Beta Book", "https://example.org/b"),
    ]
    # Without a bold name such a link names nothing: the item stays a note.
    pointer = read(
        "# L\n\n## Books\n\n- [Gamma Book](https://example.org/g)\n"
        "- By the same author, [read online](https://example.org/r)\n"
    )
    assert listed(pointer.roadmap) == [(("Books",), "Gamma Book", "https://example.org/g")]


def test_a_name_before_links_in_parentheses_loses_the_opening_parenthesis() -> None:
    # A talk named in words, then its links in parentheses: the "(" was the title's last
    # character ('"Simple Made Easy" by Rich Hickey (').
    result = read(
        '# L\n\n## Talks\n\n- "Simple Made Easy" by Rich Hickey ([video](https://example.org/v1),'
        " [slides](https://example.org/s1))\n"
        '- "Hammock Driven Development" by Rich Hickey ([video](https://example.org/v2))\n'
    )
    # (the author is the resource's, not part of its title: test_importer_shapes)
    assert listed(result.roadmap) == [
        (("Talks",), "Simple Made Easy", "https://example.org/v1"),
        (("Talks",), "Hammock Driven Development", "https://example.org/v2"),
    ]


def test_a_sentence_linking_the_lists_own_contributors_page_is_no_resource() -> None:
    # `- And awesome [contributors](…/graphs/contributors)` under the list's authors: the
    # list's own page of work (`_is_about_the_list`), not a resource named in a sentence; it
    # stays a note on the bullet above, as before the sentence rule (b2e5fa6).
    result = read(
        "# L\n\n## People\n\n- [Ann Author](https://example.org/ann)\n"
        "- [Bob Author](https://example.org/bob)\n"
        "- And awesome [contributors](https://github.com/acme/list/graphs/contributors)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == ["Ann Author", "Bob Author"]
    assert not any("names its resource in a sentence" in m for m in warned(result))


# --- session 11's held-out pass (hod): paper lists, game-dev and security lists --------------


def test_a_bold_short_name_before_a_quoted_paper_title_leaves_the_title_to_the_quotes() -> None:
    # Awesome-Transformer-Attention: '**ViT**: "An Image is Worth …", ICLR, 2021 (*Google*).
    # [[Paper](…)][[Code](…)]' was titled 'ViT', the method's short name, not the paper's.
    result = read(
        "# L\n\n## Backbones\n\n"
        '* **AbcNet**: "Widgets Are All You Need", ICML, 2021 (*Acme*). '
        "[[Paper](https://example.org/abc)][[PyTorch](https://example.org/abc-code)]\n"
        '* **?**: "Scaling Gadgets", arXiv, 2022. [[Paper](https://example.org/gadgets)]\n'
        # a bold title with no quotes stays the title
        "* **Sprockets at Scale.** NeurIPS 2020 [[paper]](https://example.org/sprockets)\n"
        # the bold name says more than the quotes: a title, then a quoted phrase
        '* **Gears**, "the fast one", 2020. [[Paper](https://example.org/gears)]\n'
    )
    assert listed(result.roadmap) == [
        (("Backbones",), "Widgets Are All You Need", "https://example.org/abc"),
        (("Backbones",), "Scaling Gadgets", "https://example.org/gadgets"),
        (("Backbones",), "Sprockets at Scale", "https://example.org/sprockets"),
        (("Backbones",), "Gears", "https://example.org/gears"),
    ]
    assert "**AbcNet**" in result.roadmap.sections[0].resources[0].description


def test_a_space_between_a_links_text_and_its_reference_is_old_markdowns_link() -> None:
    # awesome-gamedev: '* [sfxr-sdl] [321] - A tool … [Expat] [11] .' (Markdown.pl allowed the
    # space; CommonMark shows "[sfxr-sdl] " and a link titled "321"): the resource was
    # titled '321'.
    result = read(
        "# L\n\n## Sound\n\n"
        "* [Sfxr] [321] - A tool to make sounds. [Expat] [11] .\n"
        "* [Beast][12] - A synthesizer. [GNU GPLv2][14] or later.\n"
        # a task box, a tag before a reference named by its words, an inline link: as written
        "* [x] [Done][12]\n"
        "* [ICML 2022] [Sound Paper]\n"
        "* [WIP] [Gadget](https://example.org/gadget)\n\n"
        "[11]: https://example.org/expat\n[12]: https://example.org/beast\n"
        "[14]: https://example.org/gpl\n[321]: https://example.org/sfxr\n"
        "[sound paper]: https://example.org/paper\n"
    )
    assert [(title, url) for _, title, url in listed(result.roadmap)] == [
        ("Sfxr", "https://example.org/sfxr"),
        ("Beast", "https://example.org/beast"),
        ("Done", "https://example.org/beast"),
        ("Sound Paper", "https://example.org/paper"),
        ("Gadget", "https://example.org/gadget"),
    ]
    sfxr = result.roadmap.sections[0].resources[0]
    assert sfxr.description.strip() == (
        "A tool to make sounds. [Expat](https://example.org/expat) ."
    )
    assert warned(result)[0] == (
        "[Sfxr] [321], [Expat] [11]: old Markdown's space between a link's text and its "
        "reference, read as links"
    )
    assert len([message for message in warned(result) if "old Markdown" in message]) == 1


def test_links_written_one_a_paragraph_are_the_sections_resources() -> None:
    # OWASP's cheat-sheet index: '## A' over '[Authentication Cheat Sheet](…) ![Java](…)',
    # a blank line, the next: the heading was read as one resource at the first link, the
    # other links its description (recall 0.108 on the index's first four letters).
    result = read(
        "# Index\n\n## A\n\n"
        "[Alpha Sheet](https://example.org/alpha) ![Java](assets/java.svg)\n\n"
        "[Access Sheet](https://example.org/access)\n\n"
        "[Audit Sheet](https://example.org/audit) ![Java](assets/java.svg) "
        "![Xml](assets/xml.svg)\n\n"
        # one link line under its heading is still the heading's link (a course)
        "## Gardening Course\n\n[Gardening Course](https://example.org/garden)\n\n"
        "- Week 1: soil\n- Week 2: seeds\n\n"
        # calls to action one a paragraph are no list
        "## 2023\n\nThe papers of the year.\n\n[Follow us on Twitter](https://example.org/tw)\n\n"
        "[Join our Discord](https://example.org/dc)\n\n- [Paper](https://example.org/p)\n"
    )
    assert listed(result.roadmap) == [
        (("A",), "Alpha Sheet", "https://example.org/alpha"),
        (("A",), "Access Sheet", "https://example.org/access"),
        (("A",), "Audit Sheet", "https://example.org/audit"),
        (("A",), "Gardening Course", "https://example.org/garden"),
        (("2023",), "Paper", "https://example.org/p"),
    ]
    assert "[Join our Discord]" in result.roadmap.sections[1].intro


def test_named_links_listed_before_one_description_are_one_resource_each() -> None:
    # awesome-electronics: '- [Dr. Abraham](…), [Dr. McDermot](…), and [Dr. Valvano](…) -
    # Courses materials, professors at UT Austin': three professors' pages, two were lost.
    result = read(
        "# L\n\n## Archives\n\n"
        "- [Dr. Ames](https://example.org/ames), [Dr. Bell](https://example.org/bell), and "
        "[Dr. Cole](https://example.org/cole) - Course materials, professors at Acme U\n"
        # one thing's pages, named by where they lead
        "- [Widget](https://example.org/widget), [GitHub](https://example.org/widget-code) - A "
        "widget\n"
        # "and" alone may join one thing's two pages: no list
        "- [Gadget Guide](https://example.org/gg) and [Gadget FAQ](https://example.org/gf) - "
        "all about gadgets\n"
    )
    assert listed(result.roadmap) == [
        (("Archives",), "Dr. Ames", "https://example.org/ames"),
        (("Archives",), "Dr. Bell", "https://example.org/bell"),
        (("Archives",), "Dr. Cole", "https://example.org/cole"),
        (("Archives",), "Widget", "https://example.org/widget"),
        (("Archives",), "Gadget Guide", "https://example.org/gg"),
    ]
    ames, bell, cole = result.roadmap.sections[0].resources[:3]
    assert ames.description == bell.description == cole.description
    assert cole.description.strip() == "Course materials, professors at Acme U"
    assert warned(result) == [
        "bullet names 3 links before what it says of them ('Dr. Ames', 'Dr. Bell', "
        "'Dr. Cole'): read as one resource each"
    ]


def test_a_short_link_right_after_a_titled_link_is_another_version_of_it() -> None:
    # dnhwiki-resources-vi: '- [PHP the right way - Best practices](…), [Bản dịch](…)' (a
    # translation) was read as two resources, the translation one of its own. A word or two
    # after a long title (or a title written without spaces) is its translation, mirror or
    # edition, in any language; peers' names (one word each) stay a list.
    result = read(
        "# L\n\n## Books\n\n"
        "- [The Little Book of Widgets](https://example.org/widgets), "
        "[Traducci\u00f3n](https://example.net/widgets-es)\n"
        "- [\u6df1\u5165\u7406\u89e3\u8ba1\u7b97\u673a](https://example.org/csapp), "
        "[\u82f1\u6587\u7248](https://example.net/csapp-en) - \u7ecf\u5178\n"
        "- [ripgrep](https://example.org/rg), [fd](https://example.org/fd) - fast search tools\n"
    )
    assert listed(result.roadmap) == [
        (("Books",), "The Little Book of Widgets", "https://example.org/widgets"),
        (("Books",), "\u6df1\u5165\u7406\u89e3\u8ba1\u7b97\u673a", "https://example.org/csapp"),
        (("Books",), "ripgrep", "https://example.org/rg"),
        (("Books",), "fd", "https://example.org/fd"),
    ]
    widgets, csapp = result.roadmap.sections[0].resources[:2]
    assert widgets.description.strip() == "[Traducci\u00f3n](https://example.net/widgets-es)"
    assert csapp.description.startswith("[\u82f1\u6587\u7248](https://example.net/csapp-en)")
    assert warned(result) == [
        "link 'Traducci\u00f3n' right after 'The Little Book of Widgets' read as another version "
        "of it (a translation, a mirror, an edition): kept in its description",
        "link '\u82f1\u6587\u7248' right after '\u6df1\u5165\u7406\u89e3\u8ba1\u7b97\u673a' "
        "read as another version of it (a translation, a mirror, an edition): kept in its "
        "description",
        "bullet names 2 links before what it says of them ('ripgrep', 'fd'): read as one "
        "resource each",
    ]


def test_a_short_link_named_as_material_after_a_titled_link_is_a_page_of_the_same_work() -> None:
    # After c457f64 (a short second link is another version only with a sign it is the same
    # work), a link named as the work's material or by where it leads ('[Lectures](…)',
    # '[Notebooks](…)', on another site) had no sign: '[Notebooks](…)' became a resource
    # of its own sharing the book's description, and '[Lectures](…)' was left in the
    # description after a stray ', '. It is another page of the same work, as before.
    result = read(
        "# L\n\n## Books\n\n"
        "- [The Complete Kettle Handbook](https://kettles.example.org/book), "
        "[Lectures](https://videos.example.net/kettles) - On kettles.\n"
        "- [Boiling Water For Beginners](https://boil.example.org/), "
        "[Notebooks](https://code.example.com/boil-notebooks) - On water.\n"
    )
    assert [(r.title, r.description) for _, r in result.roadmap.walk()] == [
        (
            "The Complete Kettle Handbook",
            "[Lectures](https://videos.example.net/kettles) - On kettles.\n",
        ),
        (
            "Boiling Water For Beginners",
            "[Notebooks](https://code.example.com/boil-notebooks) - On water.\n",
        ),
    ]


def test_a_short_link_to_another_product_after_a_titled_link_is_a_resource_of_its_own() -> None:
    # '[The Rust Programming Language](…), [Rustlings](…)' and '[Westlaw / Lexis+](…) •
    # [Lexis+](…)' were folded into the first as "another version": the shape alone (a short
    # name after a long title) decided. Another product on another site, or a list mark
    # between the two, is a second resource; a link into the first's pages, one repeating its
    # words, or one naming a form (PDF, mirror, v2) stays its version.
    result = read(
        "# L\n\n## Kettles\n\n"
        "- [The Complete Kettle Handbook](https://kettles.example.org/book), "
        "[Steepwise](https://code.example.net/steepwise)\n"
        "- [Boiling Water For Beginners](https://boil.example.org/) \u2022 "
        "[Boil](https://heat.example.com/) - two guides to water\n"
        "- [A Field Guide to Teapots](https://pots.example.org/guide), "
        "[Chapters](https://pots.example.org/guide/chapters)\n"
        "- [The Teapot Makers Almanac](https://almanac.example.org/), "
        "[Almanac](https://old.example.com/almanac)\n"
        "- [Leaves And Their Uses](https://leaves.example.org/), "
        "[PDF](https://files.example.com/leaves.pdf)\n"
        "- [Leaves And Their Uses](https://leaves.example.org/2), "
        "[v2](https://files.example.com/leaves2)\n"
    )
    assert listed(result.roadmap) == [
        (("Kettles",), "The Complete Kettle Handbook", "https://kettles.example.org/book"),
        (("Kettles",), "Steepwise", "https://code.example.net/steepwise"),
        (("Kettles",), "Boiling Water For Beginners", "https://boil.example.org/"),
        (("Kettles",), "Boil", "https://heat.example.com/"),
        (("Kettles",), "A Field Guide to Teapots", "https://pots.example.org/guide"),
        (("Kettles",), "The Teapot Makers Almanac", "https://almanac.example.org/"),
        (("Kettles",), "Leaves And Their Uses", "https://leaves.example.org/"),
        (("Kettles",), "Leaves And Their Uses", "https://leaves.example.org/2"),
    ]
    boil = result.roadmap.sections[0].resources[3]
    assert boil.description.strip() == "two guides to water"
    assert [message.split(":")[0] for message in warned(result)] == [
        "bullet names 2 links before what it says of them ('The Complete Kettle Handbook', "
        "'Steepwise')",
        "bullet names 2 links before what it says of them ('Boiling Water For Beginners', 'Boil')",
        "link 'Chapters' right after 'A Field Guide to Teapots' read as another version of it "
        "(a translation, a mirror, an edition)",
        "link 'Almanac' right after 'The Teapot Makers Almanac' read as another version of it "
        "(a translation, a mirror, an edition)",
        "link 'PDF' right after 'Leaves And Their Uses' read as another version of it (a "
        "translation, a mirror, an edition)",
        "link 'v2' right after 'Leaves And Their Uses' read as another version of it (a "
        "translation, a mirror, an edition)",
    ]


def test_a_short_ascii_name_after_an_accented_title_is_a_resource_of_its_own() -> None:
    # "Written in another script" is a translation named in its language after an English
    # title (`[Bản dịch]`); a plain name after a title with accents (Portuguese, French) is
    # another product, as after an English one.
    result = read(
        "# L\n\n## Cursos\n\n"
        "- [Introdu\u00e7\u00e3o \u00e0 Programa\u00e7\u00e3o Funcional]"
        "(https://intro.example.org/), "
        "[Steepwise](https://code.example.net/steepwise)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Introdu\u00e7\u00e3o \u00e0 Programa\u00e7\u00e3o Funcional",
        "Steepwise",
    ]


def test_a_short_name_sharing_a_topic_word_with_a_title_is_a_resource_of_its_own() -> None:
    # A version repeats the work's name: all its words (`[The Teapot Makers Almanac](…),
    # [Almanac](…)`) or its first (`[Judilibre (Cour de cassation)](…), [Judilibre API](…)`).
    # A word of the title's topic shared with another book's name is no such sign.
    result = read(
        "# L\n\n## Books\n\n"
        "- [Brewing Better Tea in Python](https://brew.example.org/), "
        "[Python Koans](https://koans.example.net/)\n"
        "- [Steepwise (Tea Council of Britain)](https://council.example.org/), "
        "[Steepwise API](https://api.example.net/)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Brewing Better Tea in Python",
        "Python Koans",
        "Steepwise (Tea Council of Britain)",
    ]


def test_a_bare_address_under_a_resource_is_its_other_address() -> None:
    # jnv/lists: '* [owner/bookmarklets](https://github.com/…) - a list' over
    # '  * http://owner.example.org/bookmarklets/', the list's own site: it was read as one
    # more list, titled by its URL.
    result = read(
        "# L\n\n## Technical\n\n"
        "* [jo/bookmarklets](https://example.org/jo/bookmarklets) \u2013 bookmarklets\n"
        "  * http://jo.example.net/bookmarklets/\n"
        "* [jo/talks](https://example.org/jo/talks) \u2013 talks\n\n"
        # under a plain label, bare addresses are the resources
        "## Resources\n\n* Mirrors\n  * http://mirror.example.org/\n"
        # a named link under a resource is still read as before (its own resource)
        "\n## Tools\n\n* [Widget](https://example.org/widget) - a widget\n"
        "  * [Widget Pro](https://example.org/widget-pro) - more widget\n"
    )
    titles = [title for _, title, _ in listed(result.roadmap)]
    assert titles[:2] == ["jo/bookmarklets", "jo/talks"]
    assert "http://mirror.example.org/" in titles
    assert "Widget Pro" in titles
    bookmarklets = result.roadmap.sections[0].resources[0]
    assert "http://jo.example.net/bookmarklets/" in bookmarklets.description
    assert warned(result)[0] == (
        "bullet 'http://jo.example.net/bookmarklets/' under the resource 'jo/bookmarklets' is "
        "only an address: another address of it, kept in its description"
    )


def test_a_name_over_its_video_and_slides_or_its_parts_is_one_resource() -> None:
    # awesome-sre: '* From Sys Admin to Netflix SRE - [video](…) and [slides](…)' was a note
    # on the bullet above (lost); '* … with Paul Newson - [Part 1](…) & [Part 2](…)' was
    # titled 'Part 1'.
    result = read(
        "# L\n\n## Culture\n\n"
        "* [Keys to Widgets](https://example.org/keys)\n"
        "* From Ops to Widget Engineer - [video](https://example.org/v) and "
        "[slides](https://example.org/s)\n"
        "* Widgets with Jo Bloggs - [Part 1](https://example.org/p1) & "
        "[Part 2](https://example.org/p2)\n"
        # words after the links: a sentence, as before
        "* Read the [docs](https://example.org/docs) and the [FAQ](https://example.org/faq) "
        "first.\n"
    )
    assert listed(result.roadmap)[:3] == [
        (("Culture",), "Keys to Widgets", "https://example.org/keys"),
        (("Culture",), "From Ops to Widget Engineer", "https://example.org/v"),
        (("Culture",), "Widgets with Jo Bloggs", "https://example.org/p1"),
    ]
    assert "Read the [docs]" not in [title for _, title, _ in listed(result.roadmap)]


def test_an_empty_label_right_over_another_makes_the_labels_groups() -> None:
    # Awesome-Bioinformatics: '### Sequence Alignment', '__De Novo Alignment__' (nothing under
    # it yet), '__DNA Resequencing__' over a list: read as one label saying what the whole
    # section is, the list's group lost.
    result = read(
        "# L\n\n## Alignment\n\n__De Novo__\n\n__Resequencing__\n\n"
        "* [Aligner](https://example.org/aligner) - aligns reads\n\n"
        # one label alone over a list still says what the whole section is
        "## Calling\n\n_Tools that call variants._\n\n"
        "* [Caller](https://example.org/caller) - calls variants\n"
    )
    assert listed(result.roadmap) == [
        (("Alignment", "Resequencing"), "Aligner", "https://example.org/aligner"),
        (("Calling",), "Caller", "https://example.org/caller"),
    ]
    assert "De Novo" in result.roadmap.sections[0].intro


def test_a_list_named_like_a_licence_with_no_description_above_is_a_sections_list() -> None:
    # awesome-math: '## Youtube Series' over seven channels, the last '[MIT](…)': read as a
    # tool over its facts (MIT, a licence), the heading one resource, the channels its
    # description. A tool's facts follow its description.
    result = read(
        "# L\n\n## Video Series\n\n"
        "* [Jo Bloggs](https://example.org/v/jo)\n"
        "* [Harvard](https://example.org/v/harvard)\n"
        "* [MIT](https://example.org/v/mit)\n\n"
        "## Widget\n\nA widget for gadgets, fast and small.\n\n"
        "* [MIT](https://example.org/widget/LICENSE)\n"
    )
    assert listed(result.roadmap) == [
        (("Video Series",), "Jo Bloggs", "https://example.org/v/jo"),
        (("Video Series",), "Harvard", "https://example.org/v/harvard"),
        (("Video Series",), "MIT", "https://example.org/v/mit"),
        # (a tool over its facts, filed as such tools are: in the section above)
        (("Video Series",), "Widget", "https://example.org/widget/LICENSE"),
    ]


def test_a_lesson_table_row_is_titled_by_its_own_links_name_not_its_groups() -> None:
    # IoT-For-Beginners: '| 02 | [Getting started](./1-getting-started/README.md) | A deeper
    # dive into IoT | … | [A deeper dive into IoT](./1-getting-started/lessons/2-…) |': the
    # project column links the lessons' group; rows were titled 'Getting started', 'Farm' …
    # (the first by its concept, in title case; the others by the group).
    result = read(
        "# L\n\n## Lessons\n\n"
        "| | Project | Concept | Linked Lesson |\n|---|---|---|---|\n"
        "| 01 | [Garden](https://example.org/garden/) | Soil basics | "
        "[Soil basics](https://example.org/garden/1-soil/) |\n"
        "| 02 | [Garden](https://example.org/garden/) | Water your plants | "
        "[Water your plants](https://example.org/garden/2-water/) |\n"
        # a link named by what it leads to ('lesson'): the next column names the row
        "| 03 | [Kitchen](https://example.org/kitchen/) | Bake Bread | "
        "[lesson](https://example.org/kitchen/1-bread/) |\n\n"
        "## Tools\n\n| Name | Description | Docs |\n|---|---|---|\n"
        "| [Widget](https://example.org/widget) | A widget | [Docs](https://example.org/wdocs) |\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Soil basics",
        "Water your plants",
        "Bake Bread",
        "Widget",
    ]
    assert warned(result)[1] == (
        "row 'Water your plants': its title column links 'Garden', a group of rows (the row's "
        "own link, in its link column, names it): titled by that link"
    )


def test_a_to_do_list_and_a_legend_of_icons_are_text_not_resources() -> None:
    # awesome-design: '#### Symbols' over '- :rocket: Efficiency', '- :moneybag: Pricing' …
    # and '## Todo' over '- [ ] Description', '- [ ] Design Leaders': seven resources with no
    # link, named ':rocket: Efficiency' and 'Description'.
    result = read(
        "# L\n\n## Symbols\n\n- :rocket: Fast\n- :moneybag: Paid\n- 🍎 macOS only\n\n"
        "## Todo\n\n- [ ] Descriptions\n- [x] Leaders\n\n"
        "## Plan\n\n- [ ] [Stacks](https://example.org/stacks)\n- [x] [Queues](https://example.org/q)\n\n"
        "## Tools\n\n- Jupyter\n- VS Code\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Stacks",
        "Queues",
        "Jupyter",
        "VS Code",
    ]
    assert ":rocket: Fast" in result.roadmap.sections[0].intro
    assert "[ ] Descriptions" in result.roadmap.sections[1].intro
    assert warned(result) == [
        "a legend (each an icon and what it means, no links): kept as text, not resources",
        "a to-do list (task boxes, no links): kept as text, not resources",
    ]


def test_a_space_between_a_links_text_and_its_address_is_one_link() -> None:
    # awesome-design: '- [Lorem Ipsum] (https://hipsum.co/) - Upgrade your lorem Ipsum …'
    # (GitHub shows the brackets and links the bare URL) was a note on the bullet above.
    result = read(
        "# L\n\n## Resources\n\n- [Lorem](https://example.org/lorem)\n"
        "- [Hipster Lorem] (https://example.org/hipster) - filler text\n"
        "- [Sidebar](https://example.org/sidebar)\n"
    )
    assert listed(result.roadmap) == [
        (("Resources",), "Lorem", "https://example.org/lorem"),
        (("Resources",), "Hipster Lorem", "https://example.org/hipster"),
        (("Resources",), "Sidebar", "https://example.org/sidebar"),
    ]
    assert result.roadmap.sections[0].resources[1].description.strip() == "filler text"
    assert warned(result) == [
        "[Hipster Lorem] (https://example.org/hipster): a space between a link's text and its "
        "address (GitHub shows the brackets), read as one link"
    ]


def test_bullets_of_a_code_span_then_a_link_are_the_linked_resources() -> None:
    # awesome-pentest: '* `docker pull owasp/zap2docker-stable` - [official OWASP ZAP](…)',
    # thirteen such bullets (the command that pulls an image, then the image's page), its
    # links titled in lower case: the whole list was kept as text, in silence.
    result = read(
        "# L\n\n## Images\n\n"
        "* `docker pull acme/scanner` [official Acme scanner](https://example.org/r/scanner/)\n"
        "* `docker pull acme/proxy` - [acme-proxy](https://example.org/r/proxy/)\n"
        "* `docker pull jo/lab` - [Vulnerable Lab](https://example.org/r/lab/)\n"
    )
    assert listed(result.roadmap) == [
        (("Images",), "official Acme scanner", "https://example.org/r/scanner/"),
        (("Images",), "acme-proxy", "https://example.org/r/proxy/"),
        (("Images",), "Vulnerable Lab", "https://example.org/r/lab/"),
    ]
    proxy = result.roadmap.sections[0].resources[1]
    assert proxy.description.startswith("`docker pull acme/proxy` - [acme-proxy]")
    assert len(warned(result)) == 3
    assert all("names its resource in a sentence" in warning for warning in warned(result))
    # A code span then a sentence with a link in it stays what it was: one item of advice.
    advice = read(
        "# L\n\n## Tips\n\n* `git log` shows history, see [the book](https://example.org/b).\n"
        "* Run often.\n"
    )
    assert listed(advice.roadmap) == []


def test_links_joined_by_or_are_alternatives_each_a_resource() -> None:
    # fmhy developer-tools: '[Sentry](…) or [Darkly](…) - Error Tracking Platforms',
    # '[A](…), [B](…), [C](…) or [D](…) - …', '⭐ **[DevDocs](…)** / [GitHub](…) or
    # [ZealDocs](…) - Dev Documentation': the alternatives after the first were left in its
    # description, not listed.
    result = read(
        "# L\n\n## Tools\n\n"
        "* [Tracker](https://tracker.example.org/) or [Catcher](https://catch.example.org/)"
        " - Error tracking\n"
        "* [Alpha](https://alpha.example.org/), [Beta](https://beta.example.org/) or "
        "[Gamma](https://gamma.example.org/) - License guides\n"
        "* ⭐ **[Docs Hub](https://docs.example.org/)** / [GitHub](https://github.com/o/docs) "
        "or [Zeal Docs](https://zeal.example.org/) - Documentation\n"
        "* [Single](https://single.example.org/) - Just one\n"
    )
    assert listed(result.roadmap) == [
        (("Tools",), "Tracker", "https://tracker.example.org/"),
        (("Tools",), "Catcher", "https://catch.example.org/"),
        (("Tools",), "Alpha", "https://alpha.example.org/"),
        (("Tools",), "Beta", "https://beta.example.org/"),
        (("Tools",), "Gamma", "https://gamma.example.org/"),
        (("Tools",), "Docs Hub", "https://docs.example.org/"),
        (("Tools",), "Zeal Docs", "https://zeal.example.org/"),
        (("Tools",), "Single", "https://single.example.org/"),
    ]
    assert warned(result) == [
        "bullet names 2 links before what it says of them ('Tracker', 'Catcher'): read as one "
        "resource each",
        "bullet names 3 links before what it says of them ('Alpha', 'Beta', 'Gamma'): read as "
        "one resource each",
        "bullet names 2 links before what it says of them ('Docs Hub', 'Zeal Docs'): read as "
        "one resource each",
        "'GitHub' after 'Docs Hub' and a slash: another page of it, kept in its description",
    ]
    # One thing's two pages joined by 'or' and named by where they lead stay one resource.
    pages = read(
        "# L\n\n## Tools\n\n* [Tool](https://tool.example.org/) or [GitHub](https://github.com/"
        "o/tool) - a tool\n* [Other](https://other.example.org/) - another\n"
    )
    assert [title for _, title, _ in listed(pages.roadmap)] == ["Tool", "Other"]


def test_a_page_after_a_slash_among_alternatives_stays_with_the_link_before_it() -> None:
    # fmhy: '[DevDocs](…) / [GitHub](…) or [ZealDocs](…) - Dev Documentation': the GitHub
    # page after the slash was left out in silence when the alternatives were listed.
    result = read(
        "# L\n\n## Editors\n\n"
        "* **[Quill Pad](https://quill.example.org/)** / [Source](https://git.example.org/q)"
        " or [Inkwell](https://ink.example.org/) / [Desktop App](https://ink.example.org/dl)"
        " / [GitHub](https://github.com/o/ink) - Note editors\n"
        "* [Slate](https://slate.example.org/) / [Forum](https://forum.example.org/s), "
        "[Tablet](https://tablet.example.org/)\n"
    )
    assert listed(result.roadmap) == [
        (("Editors",), "Quill Pad", "https://quill.example.org/"),
        (("Editors",), "Inkwell", "https://ink.example.org/"),
        (("Editors",), "Slate", "https://slate.example.org/"),
        (("Editors",), "Tablet", "https://tablet.example.org/"),
    ]
    quill, inkwell, slate, tablet = result.roadmap.sections[0].resources
    assert quill.description == "Note editors / [Source](https://git.example.org/q)\n"
    assert inkwell.description == (
        "Note editors / [Desktop App](https://ink.example.org/dl) / "
        "[GitHub](https://github.com/o/ink)\n"
    )
    assert slate.description == "[Forum](https://forum.example.org/s)\n"
    assert tablet.description == ""
    assert warned(result) == [
        "bullet names 2 links before what it says of them ('Quill Pad', 'Inkwell'): read as "
        "one resource each",
        "'Source' after 'Quill Pad' and a slash: another page of it, kept in its description",
        "'Desktop App', 'GitHub' after 'Inkwell' and a slash: other pages of it, kept in its "
        "description",
        "bullet names 2 links before what it says of them ('Slate', 'Tablet'): read as one "
        "resource each",
        "'Forum' after 'Slate' and a slash: another page of it, kept in its description",
    ]


def test_pages_after_a_slash_before_a_description_are_no_part_of_its_words() -> None:
    # '[Foo Tool](…) / [Web Version](…) - A tool' was described '/ [Web Version](…) - A tool':
    # the separator and the other version's link read as the words about the tool.
    result = read(
        "# L\n\n## Players\n\n"
        "* [Tune Box](https://tunebox.example.org/) / [Mobile App](https://m.tunebox.example"
        ".org/) - A music player\n"
        "* [Reel](https://reel.example.org/) / [Repo](https://git.example.org/reel) / "
        "[Matrix](https://matrix.example.org/reel)\n"
        "* [Plain](https://plain.example.org/) - Just one\n"
    )
    assert listed(result.roadmap) == [
        (("Players",), "Tune Box", "https://tunebox.example.org/"),
        (("Players",), "Reel", "https://reel.example.org/"),
        (("Players",), "Plain", "https://plain.example.org/"),
    ]
    tune_box, reel, plain = result.roadmap.sections[0].resources
    assert tune_box.description == (
        "A music player / [Mobile App](https://m.tunebox.example.org/)\n"
    )
    assert reel.description == (
        "[Repo](https://git.example.org/reel) / [Matrix](https://matrix.example.org/reel)\n"
    )
    assert plain.description == "Just one\n"
    assert warned(result) == [
        "'Mobile App' after 'Tune Box' and a slash: another page of it, kept in its description",
        "'Repo', 'Matrix' after 'Reel' and a slash: other pages of it, kept in its description",
    ]


def test_a_name_starting_like_a_call_to_action_is_no_call() -> None:
    # fmhy: '[Sharevb IT Tools](…)' was skipped as a call to action: 'Share…' then 'IT' read
    # as 'Share it'. Calls ('Share it', 'Starring us') stay calls.
    result = read(
        "# L\n\n## Kits\n\n* [Sharevb IT Tools](https://sharevb.example.org/)\n"
        "* [Web Toolbox](https://toolbox.example.org/)\n* [Share it](https://example.org/share)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == ["Sharevb IT Tools", "Web Toolbox"]
    assert warned(result) == ["call to action 'Share it': not a resource, skipped"]


def test_a_label_over_a_list_after_the_sections_resources_names_a_group() -> None:
    # awesome-docker: under '# Where to start', ten link bullets, then '**Cheatsheets** by'
    # over four bullets titled by their authors' handles: the four were the section's own,
    # the label text in its intro.
    result = read(
        "# L\n\n## Start\n\n- [Guide](https://guide.example.org/)\n"
        "- [Tutorial](https://tutorial.example.org/)\n\n**Cheatsheets** by\n\n"
        "- [@jo](https://example.org/jo/cheats)\n- [@al](https://example.org/al/cheats) (PDF)\n\n"
        "## Later\n\n- [Book](https://book.example.org/)\n\n**Talks** from:\n\n"
        "- [Conf Talk](https://talk.example.org/)\n\n"
        "## Other\n\n- [Tool](https://tool.example.org/)\n\n_More_\n\n"
        "- [Old Tool](https://old.example.org/)\n"
    )
    assert listed(result.roadmap) == [
        (("Start",), "Guide", "https://guide.example.org/"),
        (("Start",), "Tutorial", "https://tutorial.example.org/"),
        (("Start", "Cheatsheets"), "@jo", "https://example.org/jo/cheats"),
        (("Start", "Cheatsheets"), "@al", "https://example.org/al/cheats"),
        (("Later",), "Book", "https://book.example.org/"),
        (("Later", "Talks"), "Conf Talk", "https://talk.example.org/"),
        # A label alone after them (no word left hanging) stays text, as before.
        (("Other",), "Tool", "https://tool.example.org/"),
        (("Other",), "Old Tool", "https://old.example.org/"),
    ]
    assert warned(result) == [
        "label 'Cheatsheets by' over a list after the section's own resources: read as the "
        "name of a group of the resources under it, 'Cheatsheets'",
        "label 'Talks from' over a list after the section's own resources: read as the name "
        "of a group of the resources under it, 'Talks'",
    ]
    # A label first in its section says what the whole section is, as before.
    whole = read(
        "# L\n\n## Start\n\n**Beginner guides**\n\n- [Guide](https://guide.example.org/)\n"
        "- [Tutorial](https://tutorial.example.org/)\n"
    )
    assert [section for section, _, _ in listed(whole.roadmap)] == [("Start",), ("Start",)]


def test_a_heading_asking_a_question_is_a_section_not_a_resource() -> None:
    # awesome-mcp-servers: '## What is MCP?' over '[MCP](…) is an open protocol …' was a
    # resource titled 'What is MCP?' at the protocol's site. A heading naming a thing over
    # the same paragraph still stands for it.
    body = "[Foo](https://foo.example.org/) is an open protocol that lets tools talk.\n\n"
    tutorials = "## Tutorials\n\n* [Quickstart](https://q.example.org/)\n"
    question = read(f"# L\n\n## What is Foo?\n\n{body}{tutorials}")
    assert listed(question.roadmap) == [(("Tutorials",), "Quickstart", "https://q.example.org/")]
    assert "[Foo](https://foo.example.org/)" in question.roadmap.sections[0].intro
    named = read(f"# L\n\n## Foo\n\n{body}{tutorials}")
    assert [title for _, title, _ in listed(named.roadmap)] == ["Foo", "Quickstart"]


def test_a_heading_titled_as_a_question_over_its_link_line_is_a_resource() -> None:
    # The question rule above (a section whose prose answers it) took a reading list's entries
    # whose titles are questions ("Can Programming Be …?") too: their link lines (a link alone,
    # `Link: …`) are the issue's own shape of a resource heading, and were left in intros.
    result = read(
        "# Reading\n\n## Is Typing Worth It?\n\n🔗 [Link to Paper](https://p.example.org/t.pdf)\n\n"
        "A study of static types.\n\n## Do Tests Find Bugs?\n\nLink: https://p.example.org/b\n\n"
        "A survey.\n\n## Quiet Code\n\n[Quiet Code](https://p.example.org/q)\n\nOn noise.\n"
    )
    assert listed(result.roadmap) == [
        (("Resources",), "Is Typing Worth It?", "https://p.example.org/t.pdf"),
        (("Resources",), "Do Tests Find Bugs?", "https://p.example.org/b"),
        (("Resources",), "Quiet Code", "https://p.example.org/q"),
    ]


def test_a_bullet_written_as_a_task_over_nested_links_names_their_group() -> None:
    # project-based-learning: '- Write a C compiler' over its ten parts' links ('  - [Part 1:
    # Integers, Lexing and Code Generation](…)') read as a note (a task: a verb, then words in
    # lower case): it and its ten parts were kept in the description of the bullet above.
    result = read(
        "# L\n\n## C\n\n- [Build a Shell](https://shell.example.org/)\n"
        "- Write a C compiler\n  - [Part 1: Integers](https://cc.example.org/1)\n"
        "  - [Part 2: Unary Operators](https://cc.example.org/2)\n"
        "- [Tetris](https://tetris.example.org/)\n"
    )
    assert listed(result.roadmap) == [
        (("C",), "Build a Shell", "https://shell.example.org/"),
        (("C",), "Tetris", "https://tetris.example.org/"),
        (("C", "Write a C compiler"), "Part 1: Integers", "https://cc.example.org/1"),
        (("C", "Write a C compiler"), "Part 2: Unary Operators", "https://cc.example.org/2"),
    ]
    assert warned(result) == [
        "bullet 'Write a C compiler' reads like a task, but over nested resources it names their "
        "group: read as the subsection"
    ]
    # A task announcing its steps with a colon stays a note on the bullet above.
    steps = read(
        "# L\n\n## C\n\n- [Build a Shell](https://shell.example.org/)\n"
        "- Write a parser for it:\n  - [Part 1: Integers](https://cc.example.org/1)\n"
        "  - [Part 2: Unary Operators](https://cc.example.org/2)\n"
    )
    assert ("C", "Write a parser for it") not in {path for path, _, _ in listed(steps.roadmap)}


# --- session 12 (heldB): a study plan of papers, a biology reading list --------------------------


def test_plain_bullets_under_an_entry_named_before_its_paper_link_are_its_description() -> None:
    # dl-roadmap-checklist: `- [x] **ResNet** (2015) [[paper](…)]` over `  - He et al. "Deep
    # Residual Learning …"`: the authors and title of the paper were a resource without URL,
    # one for every entry that had such a line (37 on the list).
    text = (
        "# Plan\n\n## Vision\n\n"
        "- [x] **Alpha** (2012) [[paper](https://example.org/alpha)]\n"
        '    - Smith et al. "Alpha Networks for Seeing"\n'
        "- [ ] **Beta** [[science](https://example.org/beta)]\n"
        '    - Jones et al. "Beta Layers"\n'
        "    - A note on why it matters.\n"
        "- [ ] **Gamma** (2014) [[paper](https://example.org/gamma)]\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("Vision",), "Alpha", "https://example.org/alpha"),
        (("Vision",), "Beta", "https://example.org/beta"),
        (("Vision",), "Gamma", "https://example.org/gamma"),
    ]
    alpha, beta, _gamma = result.roadmap.sections[0].resources
    assert 'Smith et al. "Alpha Networks for Seeing"' in alpha.description
    assert "A note on why it matters." in beta.description
    assert import_markdown(text, "road.md", pieces=True) == result


def test_a_task_with_no_link_among_a_plans_linked_tasks_is_no_resource() -> None:
    # dl-roadmap-checklist: `- [ ] tacotron` among `- [ ] **WaveNet** (2016) [[paper](…)]`:
    # a reading the plan has not found yet, no resource without a URL (with a warning).
    text = (
        "# Plan\n\n## Audio\n\n"
        "- [x] **Delta** (2016) [[paper](https://example.org/delta)]\n"
        "- [ ] **Epsilon** (2017) [[paper](https://example.org/epsilon)]\n"
        "- [ ] zeta\n"
        "- [ ] **Eta** (2018) [[paper](https://example.org/eta)]\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("Audio",), "Delta", "https://example.org/delta"),
        (("Audio",), "Epsilon", "https://example.org/epsilon"),
        (("Audio",), "Eta", "https://example.org/eta"),
    ]
    assert warned(result) == [
        "bullet '[ ] zeta' reads as a note, not a resource: kept in the description of 'Epsilon'"
    ]
    assert import_markdown(text, "road.md", pieces=True) == result


def test_a_title_in_title_case_before_a_bare_address_names_it() -> None:
    # dl-roadmap-checklist: `- [ ] Semantic Image Synthesis with Spatially-Adaptive
    # Normalization https://arxiv.org/abs/…`: a paper's title, its small words in lower case,
    # was a note (only six capitalised words named a bare address), and skipped.
    result = read(
        "# Plan\n\n## Models\n\n"
        "- [ ] Learning to Draw with Spatially-Aware Layers https://example.org/draw\n"
        "- [ ] **Theta** (2017) [[paper](https://example.org/theta)]\n"
        "- [ ] **Iota** (2018) [[paper](https://example.org/iota)]\n"
    )
    assert listed(result.roadmap) == [
        (("Models",), "Learning to Draw with Spatially-Aware Layers", "https://example.org/draw"),
        (("Models",), "Theta", "https://example.org/theta"),
        (("Models",), "Iota", "https://example.org/iota"),
    ]
    assert warned(result) == []


def test_citations_with_the_title_in_bold_are_resources_titled_by_it() -> None:
    # awesome-biology: `* Myers, E. W. (2002). **On the sequencing …** Proceedings of …,
    # 99(7), 4145-4146.` over `  [http://www.pnas.org/…](http://dx.doi.org/…)`: the five
    # citations of its 'Omics' section were read one way and another, then all kept as text
    # in silence.
    text = (
        "# Reading\n\n## Genomes\n\n"
        "* Doe, J. A. (2001). **On reading the small genome**. Journal of Things, 9(6),\n"
        "  12\u201315.\n  [https://journal.example.org/a](https://doi.example.org/10.1/a)\n"
        "* Roe, K., Poe, L., et al. (2012). **Processes Shaping the Genomes of 21\n"
        "  Samples.** Cell, 149(5), 979\u2013993.\n"
        "  [https://cell.example.org/b](https://doi.example.org/10.1/b)\n"
        "* Loe, Z., Moe, M. & Noe, N. **Sequencing: a tool for reading**. Nat. Rev. 10, 57\u201363"
        " (2009).\n  https://doi.example.org/10.1/c\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("Genomes",), "On reading the small genome", "https://doi.example.org/10.1/a"),
        (
            ("Genomes",),
            "Processes Shaping the Genomes of 21 Samples",
            "https://doi.example.org/10.1/b",
        ),
        (("Genomes",), "Sequencing: a tool for reading", "https://doi.example.org/10.1/c"),
    ]
    first = result.roadmap.sections[0].resources[0]
    assert first.description.startswith("Doe, J. A. (2001). **On reading the small genome**.")
    assert warned(result) == []
    assert import_markdown(text, "road.md", pieces=True) == result


def test_a_bold_word_in_a_sentence_before_an_address_is_no_citation_title() -> None:
    # The citation reading wants authors (names, initials or the year) before the bold title:
    # a bold word in a sentence names nothing.
    result = read(
        "# Tools\n\n## Editors\n\n"
        "- The **fastest** editor in 2020: https://example.org/fast\n"
        "- Vim, the editor of **everyone**, since 1991. https://example.org/vim\n"
    )
    titles = [title for _, title, _ in listed(result.roadmap)]
    assert "fastest" not in titles
    assert "everyone" not in titles


def test_an_address_written_after_a_hash_is_a_link_to_it() -> None:
    # awesome-biology: `* [Awesome Single-Cell](#https://github.com/…)`: GitHub makes it an
    # anchor in the page (a broken link); the three awesome lists linked so were read as a
    # table of contents and skipped.
    text = (
        "# Biology\n\n## Lists\n\n"
        "* [Awesome Cells](#https://example.org/awesome-cells)\n"
        "* [Awesome Genes](#https://example.org/awesome-genes)\n"
        "* [Plants](https://example.org/plants)\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("Lists",), "Awesome Cells", "https://example.org/awesome-cells"),
        (("Lists",), "Awesome Genes", "https://example.org/awesome-genes"),
        (("Lists",), "Plants", "https://example.org/plants"),
    ]
    assert warned(result) == [
        "#https://example.org/awesome-cells: an address after '#' (an anchor in the page on "
        "GitHub, leading nowhere), read as one link",
        "#https://example.org/awesome-genes: an address after '#' (an anchor in the page on "
        "GitHub, leading nowhere), read as one link",
    ]
    assert import_markdown(text, "road.md", pieces=True) == result


def test_a_word_in_parentheses_linked_after_a_labelled_link_is_another_page_of_it() -> None:
    # awesome-biology: `* **List**: [Review papers …](…) [(course)](…) [(archive)](…)`: the
    # course and the archived copy were resources titled '(course)' and '(archive)'.
    result = read(
        "# Biology\n\n## Physics of life\n\n"
        "* **List**: [Review papers on soft matter](https://example.org/papers) "
        "[(course)](https://example.org/course) [(archive)](https://archive.example.org/p)\n"
        "* [Cells by the Numbers](https://example.org/numbers)\n"
    )
    assert listed(result.roadmap) == [
        (("Physics of life",), "Review papers on soft matter", "https://example.org/papers"),
        (("Physics of life",), "Cells by the Numbers", "https://example.org/numbers"),
    ]
    papers = result.roadmap.sections[0].resources[0]
    assert "[(course)](https://example.org/course)" in papers.description
    assert warned(result) == [
        "'(course)', '(archive)' after the link 'Review papers on soft matter': another page of "
        "it (a word in parentheses), kept in its description"
    ]


def test_a_table_rows_link_named_by_its_platform_leaves_the_title_to_the_name() -> None:
    # awesome-persian-ai-fa: `| **درنا ۲ (Dorna 2)** | … | [Hugging Face](…) |`: a model's
    # hub page named by the hub, as `[GitHub](…)` is, was the row's title, seven models
    # titled 'Hugging Face'.
    result = read(
        "# Models\n\n## Open weights\n\n"
        "| Model | Size | Notes | Hub |\n| :--- | :---: | :--- | :---: |\n"
        "| **Alpha 2** | 7B | a model | [Hugging Face](https://hub.example.org/alpha) |\n"
        "| **Beta** | 8B | another | [GitLab](https://code.example.org/beta) |\n"
        "| **Gamma** | 2B | a third | [Hugging Face Space](https://hub.example.org/gamma) |\n"
        "| **Delta** | 1B | a fourth | [GitHub](https://example.org/delta) |\n"
    )
    assert listed(result.roadmap) == [
        (("Open weights",), "Alpha 2", "https://hub.example.org/alpha"),
        (("Open weights",), "Beta", "https://code.example.org/beta"),
        (("Open weights",), "Gamma", "https://hub.example.org/gamma"),
        (("Open weights",), "Delta", "https://example.org/delta"),
    ]


def test_a_heading_over_links_naming_every_later_heading_is_the_contents() -> None:
    # arabic-python-resources-ar: `## أنواع مصادر التعلم:` ("kinds of learning resources",
    # no contents word) over `* [Courses](#courses)` … naming the five `#####` headings after
    # it: the five sections were its parts, every section path one level too deep.
    text = (
        "# Learn\n\n## What you will find:\n\n"
        "* [Courses](#courses)\n* [Books](#books)\n\n"
        "##### Courses:\n\n1. [Course One](https://example.org/one)\n"
        "2. [Course Two](https://example.org/two)\n\n"
        "##### Books:\n\n1. [Book One](https://example.org/book)\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("Courses",), "Course One", "https://example.org/one"),
        (("Courses",), "Course Two", "https://example.org/two"),
        (("Books",), "Book One", "https://example.org/book"),
    ]
    assert warned(result) == [
        "section 'What you will find:' skipped: a table of contents, not resources; the "
        "sections it lists are read (--keep-section 'What you will find:' keeps it)"
    ]
    assert import_markdown(text, "road.md", pieces=True) == result


def test_a_sections_own_contents_over_its_subsections_keeps_them_its_parts() -> None:
    # Links naming only the headings of its own part (other sections after them) are that
    # section's contents: its subsections stay its parts.
    result = read(
        "# Learn\n\n## Back end\n\n* [Python](#python)\n* [Go](#go)\n\n"
        "### Python\n\n- [Py Book](https://example.org/py)\n\n"
        "### Go\n\n- [Go Book](https://example.org/go)\n\n"
        "## Front end\n\n- [JS Book](https://example.org/js)\n"
    )
    assert listed(result.roadmap) == [
        (("Back end", "Python"), "Py Book", "https://example.org/py"),
        (("Back end", "Go"), "Go Book", "https://example.org/go"),
        (("Front end",), "JS Book", "https://example.org/js"),
    ]


def test_two_named_links_with_nothing_between_them_are_two_resources() -> None:
    # arabic-python-resources-ar: `- [Academy A](…)[Mahmoud B](…)` (a comma lost): the second
    # course was left in the first's description, in silence.
    text = (
        "# Learn\n\n## OOP\n\n"
        "- [Academy Course](https://example.org/academy)[Mahmoud Lessons](https://example.org/m)\n"
        "- [Other Course](https://example.org/other)\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("OOP",), "Academy Course", "https://example.org/academy"),
        (("OOP",), "Mahmoud Lessons", "https://example.org/m"),
        (("OOP",), "Other Course", "https://example.org/other"),
    ]
    assert warned(result) == [
        "bullet names 2 links before what it says of them ('Academy Course', "
        "'Mahmoud Lessons'): read as one resource each"
    ]
    assert import_markdown(text, "road.md", pieces=True) == result


def test_front_matter_whose_lines_ran_together_is_skipped_not_a_heading() -> None:
    # arabic-python-resources-ar: `layout: post title: … published: true` between `---`
    # lines is no YAML; its closing `---` made its words a setext heading, a section whose
    # title (300 characters) made the road map fail to load back.
    result = read(
        "---\nlayout: post title: Learning Python published: true date: 2019-2-4\n"
        "tags: [python]\n---\n\n# Learn Python\n\n## Books\n\n- [A Book](https://example.org/a)\n"
    )
    assert result.roadmap.title == "Learn Python"
    assert listed(result.roadmap) == [(("Books",), "A Book", "https://example.org/a")]
    assert warned(result) == [
        "front matter (lines 1-4) that does not read as YAML: skipped, as front matter is"
    ]


def test_a_thematic_break_over_a_heading_and_prose_is_no_front_matter() -> None:
    result = read(
        "---\n# Learn\n\nSome prose: here.\n---\n\n## Books\n\n- [B](https://example.org/b)\n"
    )
    assert listed(result.roadmap)[-1] == (("Books",), "B", "https://example.org/b")
    assert not any("front matter" in message for message in warned(result))


def test_links_stacked_in_a_table_cell_are_one_resource_each() -> None:
    # system-design-primer: '| Twitter | [Timelines at scale](…)<br/>[Big and small data at
    # Twitter](…) |', '| Design Google docs | [code.google.com](…)<br/>[neil.fraser.name](…) |':
    # only each cell's first link was read, the others lost in silence; and '| | Add an
    # architecture | [Contribute](#contributing) |' was a resource without a link after an
    # HTML block (read whole; read in pieces it was no resource).
    result = read(
        "# L\n\n## Companies\n\n| Company | Reference(s) |\n|---|---|\n"
        "| Acme | [Acme at scale](https://example.org/acme)<br/>[Acme storage](https://example.org/"
        "store)<br>[Acme feeds](https://example.org/feeds) |\n"
        "| Beta | [Beta architecture](https://example.org/beta) |\n\n"
        "## Questions\n\n| Question | Reference(s) |\n|---|---|\n"
        "| Design a cache | [blog.example.org](https://blog.example.org/cache)<br/>"
        "[talks.example.org](https://talks.example.org/cache) |\n\n"
        '## Systems\n\n<p align="center">\n  <i><a href=https://example.org/talk>Source: a talk</a>'
        "</i>\n</p>\n\n| Type | System | Reference(s) |\n|---|---|---|\n"
        "| Data store | **Tabula** - a column store | [example.edu](https://example.edu/tabula) |\n"
        "| | Add a system | [Contribute](#contributing) |\n"
    )
    assert listed(result.roadmap) == [
        (("Companies",), "Acme at scale", "https://example.org/acme"),
        (("Companies",), "Acme storage", "https://example.org/store"),
        (("Companies",), "Acme feeds", "https://example.org/feeds"),
        (("Companies",), "Beta architecture", "https://example.org/beta"),
        (("Questions",), "Design a cache", "https://blog.example.org/cache"),
        (("Questions",), "Design a cache", "https://talks.example.org/cache"),
        (("Systems",), "Tabula", "https://example.edu/tabula"),
    ]
    said = warned(result)
    assert (
        "row 'Acme at scale': its cell holds 3 links one under another: read as one resource each"
        in said
    )
    assert (
        "row 'Design a cache': its cell holds 2 links one under another: read as one resource "
        "each" in said
    )
    assert not any("Add a system" in warning for warning in said)  # (a link into the document)
    # Links with words between them in a cell stay one resource, as before.
    prose = read(
        "# L\n\n## Companies\n\n| Company | Reference(s) |\n|---|---|\n"
        "| Acme | [Acme at scale](https://example.org/acme), see also<br/>[notes](https://example."
        "org/n) |\n"
    )
    assert [url for _, _, url in listed(prose.roadmap)] == ["https://example.org/acme"]


def test_several_linkless_tasks_among_linked_ones_are_a_checklists_topics() -> None:
    # One linkless task among a plan's linked ones is a note (above); several are the list's
    # own shape, topics to tick off beside its links: resources without a URL, not notes
    # filed in the description of the linked task above them.
    text = (
        "# Checklist\n\n## Basics\n\n"
        "- [x] [Version Control Handbook](https://example.org/vc)\n"
        "- [ ] Stacks\n"
        "- [ ] Queues\n"
        "- [ ] [Sorting Visualised](https://example.org/sort)\n"
        "- [x] [Graph Walks](https://example.org/graphs)\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("Basics",), "Version Control Handbook", "https://example.org/vc"),
        (("Basics",), "Stacks", ""),
        (("Basics",), "Queues", ""),
        (("Basics",), "Sorting Visualised", "https://example.org/sort"),
        (("Basics",), "Graph Walks", "https://example.org/graphs"),
    ]
    assert "Stacks" not in result.roadmap.sections[0].resources[0].description
    assert import_markdown(text, "road.md", pieces=True) == result
