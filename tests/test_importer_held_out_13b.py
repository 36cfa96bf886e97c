"""publisher import: shapes found on held-out real lists in other languages and on other
subjects (examples invented; shapes taken from the lists session 13's heldB added to
tests/fixtures/real/)."""

from __future__ import annotations

from test_importer_shapes import listed, read

from publisher.importer import ImportResult


def warned(result: ImportResult) -> list[str]:
    return [str(warning).split(": ", 1)[1] for warning in result.warnings]


def authors(result: ImportResult) -> list[str]:
    return [
        resource.author.name if resource.author else "" for _, resource in result.roadmap.walk()
    ]


def test_a_link_text_crediting_its_authors_plainly_is_a_title_and_its_authors() -> None:
    # books2read-zh-tw ('[心流… by Mihaly Csikszentmihalyi](…) / 1%', '[…自傳》by …](…)')
    # and awesome-biology ('[The Selfish Gene by *Richard Dawkins*](…)'): the titles kept
    # their authors.
    result = read(
        "# L\n\n## 書單\n\n"
        "1. [海邊的貓\uff1a一個故事 by 林小明, Anna B. Lee](https://example.org/cat) / 12%\n"
        "1. [山與海之歌》by 王大同、陳美](https://example.org/song) / 3%\n"
        "1. [Tides of Reason by *Mara Quist* and *Ode Lin*](https://example.org/tides)\n"
        "1. [Field Notes by *Pell* et al](https://example.org/notes)\n"
        "1. [Counting Fish by The Dozen](https://example.org/fish)\n"
        "1. [入門 by Example](https://example.org/example)\n"
    )
    assert listed(result.roadmap) == [
        (("書單",), "海邊的貓\uff1a一個故事", "https://example.org/cat"),
        (("書單",), "山與海之歌", "https://example.org/song"),
        (("書單",), "Tides of Reason", "https://example.org/tides"),
        (("書單",), "Field Notes", "https://example.org/notes"),
        # (plain words after "by" in an English title may be the title's own)
        (("書單",), "Counting Fish by The Dozen", "https://example.org/fish"),
        # (one word after "by", even in a title without spaces, may be the title's own)
        (("書單",), "入門 by Example", "https://example.org/example"),
    ]
    assert authors(result) == [
        "林小明, Anna B. Lee",
        "王大同, 陳美",
        "Mara Quist and Ode Lin",
        "Pell et al",
        "",
        "",
    ]
    assert warned(result)[:2] == [
        "link text '海邊的貓\uff1a一個故事 by 林小明, Anna B. Lee' read as a work's title and its "
        "authors: '海邊的貓\uff1a一個故事' by '林小明, Anna B. Lee'",
        "link text '山與海之歌》by 王大同、陳美' read as a work's title and its authors: "
        "'山與海之歌' by '王大同, 陳美'",
    ]
    assert len(warned(result)) == 4


def test_a_word_in_emphasis_after_by_credits_no_one_unless_it_is_a_name() -> None:
    # '[The Selfish Gene by *Richard Dawkins*](…)' credits its author; a lower-case word in
    # emphasis after 'by' is the title's own, stressed ('[Learning by *doing*](…)'), and was
    # read as the title 'Learning' by the author 'doing'.
    result = read(
        "# L\n\n## Books\n\n"
        "- [Learning by *doing*](https://example.org/doing) - a method\n"
        "- [Tides of Reason by *Mara Quist*](https://example.org/tides) - essays\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Learning by doing",
        "Tides of Reason",
    ]
    assert authors(result) == ["", "Mara Quist"]


def test_table_rows_a_blank_line_cut_off_are_rows_of_the_table_above() -> None:
    # awesome-russian-language-tables: rows deleted by leaving blank lines, after the
    # delimiter row and after row 4; the 17 rows below the gaps were lost with no warning.
    result = read(
        "# L\n\n## Letters\n\n"
        "| # | Resource | Level |\n|:---:|----------|:-----:|\n\n"
        "| 2 | [Glyph Primer](https://example.org/glyph) | A1 |\n"
        "| 3 | [Sound Atlas](https://example.org/sound) | A1 |\n\n"
        "## Words\n\n"
        "| # | Resource | Level |\n|---|---|---|\n"
        "| 1 | [Word Deck](https://example.org/deck) | A2 |\n\n\n"
        "| 4 | [Root Index](https://example.org/roots) | B1 |\n\n"
        "| Name | Link |\n|---|---|\n| Other Table | [Other](https://example.org/other) |\n\n"
        "| three | cells | here | and four |\n"
    )
    assert listed(result.roadmap) == [
        (("Letters",), "Glyph Primer", "https://example.org/glyph"),
        (("Letters",), "Sound Atlas", "https://example.org/sound"),
        (("Words",), "Word Deck", "https://example.org/deck"),
        (("Words",), "Root Index", "https://example.org/roots"),
        (("Words",), "Other Table", "https://example.org/other"),
    ]
    assert [(w.line, w.message.split(":")[0]) for w in result.warnings] == [
        (
            8,
            "table rows after a blank line (lines 8-9) read as rows of the table above (its "
            "header on line 5)",
        ),
        (
            18,
            "table rows after a blank line (line 18) read as rows of the table above "
            "(its header on line 13)",
        ),
    ]


def test_a_table_row_with_no_link_titled_by_no_name_is_no_resource() -> None:
    # awesome-russian-language-tables ('| **864+** | **31** | **700+** |' under 'Total
    # Resources | … | Free Resources') and awesome-japanese-learning (a legend '| :baby: |
    # beginner |'): a count and 13 marks became resources without URL.
    result = read(
        "# L\n\n## Stats\n\n| Total Resources | Free Resources |\n|---|---|\n"
        "| **120+** | **~95%** |\n\n"
        "## Marks\n\n| Resource | Meaning |\n|---|---|\n| :seedling: | beginner |\n"
        "| 🌳 | advanced |\n\n"
        "## Novels\n\n| Title | Author |\n|---|---|\n| 1984 | G. Orwell |\n"
        "| [Dune](https://example.org/dune) | F. Herbert |\n"
    )
    assert listed(result.roadmap) == [
        (("Novels",), "1984", ""),
        (("Novels",), "Dune", "https://example.org/dune"),
    ]
    assert [warning.line for warning in result.warnings] == [7, 13, 14]
    assert all("no link and its title no name" in warning.message for warning in result.warnings)


def test_emoji_shortcodes_in_a_label_over_links_are_no_part_of_its_name() -> None:
    # awesome-japanese-learning: '- Amazon :moneybag:' over the links of a textbook's
    # volumes was the subsection 'Amazon :moneybag' (its closing colon taken for a lead-in's).
    result = read(
        "# L\n\n## Texts\n\n- [Home](https://example.org/home)\n- Store :moneybag:\n"
        "  - [Volume 1](https://example.org/v1)\n- Apps :iphone: :computer:\n"
        "  - [Drill](https://example.org/drill)\n- Mirrors:\n  - [Copy](https://example.org/c)\n"
    )
    assert listed(result.roadmap) == [
        (("Texts",), "Home", "https://example.org/home"),
        (("Texts", "Store"), "Volume 1", "https://example.org/v1"),
        (("Texts", "Apps"), "Drill", "https://example.org/drill"),
        (("Texts", "Mirrors"), "Copy", "https://example.org/c"),
    ]


def test_links_in_bold_or_after_a_bar_are_one_resource_each() -> None:
    # awesome-economics-flags ('**[LaTeX](…)** / **[Overleaf](…)** - text') and
    # awesome-japanese-learning ('[Genki 1 Textbook](…) | [Genki 1 Workbook](…)'): the second
    # link was kept in the first's description.
    result = read(
        "# L\n\n## Tools\n\n"
        "* **[Quill](https://example.org/quill)** / **[Inkpot](https://example.org/ink)** - "
        "Two editors for papers.\n"
        "* [Atlas 1 Reader](https://example.org/r1) | [Atlas 1 Exercises](https://example.org/e1)\n"
        "* [Lumen](https://example.org/lumen) | [GitHub](https://example.org/src) - A viewer.\n"
    )
    assert listed(result.roadmap) == [
        (("Tools",), "Quill", "https://example.org/quill"),
        (("Tools",), "Inkpot", "https://example.org/ink"),
        (("Tools",), "Atlas 1 Reader", "https://example.org/r1"),
        (("Tools",), "Atlas 1 Exercises", "https://example.org/e1"),
        # (a page named by where it leads, after a bar as after a slash: the tool's own)
        (("Tools",), "Lumen", "https://example.org/lumen"),
    ]
    assert [warning.line for warning in result.warnings] == [5, 6, 7]
    assert result.warnings[2].message == (
        "'GitHub' after 'Lumen' and a bar: another page of it, kept in its description"
    )


def test_a_name_in_title_case_of_another_language_before_a_bare_url_is_its_title() -> None:
    # open-learning-paths-de ('- Philosophie für Neulinge - https://…', '- Logik und
    # Argumentation https://…'): a title's small words in German were taken for prose, and
    # the bullet for a note (skipped, or filed in the description of the bullet above).
    result = read(
        "# L\n\n## Kurse\n\n- Einstieg Videos - https://example.org/a\n"
        "- Ethik für Anfänger - https://example.org/b\n"
        "- Logik und Sprache https://example.org/c\n"
        "- Cours de la Méthode https://example.org/d\n"
    )
    assert listed(result.roadmap) == [
        (("Kurse",), "Einstieg Videos", "https://example.org/a"),
        (("Kurse",), "Ethik für Anfänger", "https://example.org/b"),
        (("Kurse",), "Logik und Sprache", "https://example.org/c"),
        (("Kurse",), "Cours de la Méthode", "https://example.org/d"),
    ]


def test_a_short_label_in_lower_case_before_a_bare_url_is_its_title() -> None:
    # open-learning-paths-de ('- free Book Introduction https://…', '- modern books from
    # philosophers http://…'): read as notes, filed in the description of the bullet above.
    result = read(
        "# L\n\n## Reading\n\n- Paper https://example.org/paper\n"
        "- open Textbook Intro https://example.org/book\n"
        "- classic texts from logicians http://example.org/texts\n"
        "- more examples at https://example.org/more\n"
    )
    assert listed(result.roadmap) == [
        (("Reading",), "Paper", "https://example.org/paper"),
        (("Reading",), "open Textbook Intro", "https://example.org/book"),
        (("Reading",), "classic texts from logicians", "http://example.org/texts"),
    ]
    # (words leading on to the address are no name: a note, as before)
    assert "https://example.org/more" in result.roadmap.sections[0].resources[2].description


def test_a_lower_case_label_before_a_bare_url_among_link_bullets_is_a_note() -> None:
    # Among bullets written as links ('- [Acme](…) - an editor'), a lower-case label before a
    # bare address says more of the bullet above ('- see the docs https://…', '- mirror for
    # china https://…'): a note in its description, with a warning, as before e4f834f read
    # every such label as a title (here two resources, 'see the docs' and 'mirror for
    # china', without a word). The label names its bullet where the list is written so.
    result = read(
        "# L\n\n## Editors\n\n"
        "- [Acme](https://acme.example.org/) - an editor\n"
        "- see the docs https://acme.example.org/docs\n"
        "- [Zed](https://zed.example.org/) - another editor\n"
        "- mirror for china https://zed.example.cn/\n"
    )
    assert listed(result.roadmap) == [
        (("Editors",), "Acme", "https://acme.example.org/"),
        (("Editors",), "Zed", "https://zed.example.org/"),
    ]
    acme, zed = result.roadmap.sections[0].resources
    assert "https://acme.example.org/docs" in acme.description
    assert "https://zed.example.cn/" in zed.description
    assert [warning.line for warning in result.warnings] == [6, 8]


def test_a_label_with_a_colon_set_off_by_a_space_over_links_is_their_group() -> None:
    # youtube-podcasts-fr ('* Série sur le nucléaire :' under a channel, over its videos):
    # French sets a colon off by a space, and the colon counted as a fifth word made the
    # label a sentence, so its seven links were kept as text with no warning.
    result = read(
        "# L\n\n## Chaînes\n\n* [Canal](https://example.org/canal)\n"
        "  * Série sur la mer :\n    * [Épisode 1](https://example.org/e1)\n"
        "    * [Épisode 2](https://example.org/e2)\n"
        "* Idées sur le temps :\n  * [Horloge](https://example.org/horloge)\n"
    )
    assert listed(result.roadmap) == [
        (("Chaînes",), "Canal", "https://example.org/canal"),
        (("Chaînes",), "Épisode 1", "https://example.org/e1"),
        (("Chaînes",), "Épisode 2", "https://example.org/e2"),
        (("Chaînes", "Idées sur le temps"), "Horloge", "https://example.org/horloge"),
    ]
    assert [warning.line for warning in result.warnings] == [6]


def test_a_heading_citing_a_work_is_that_work() -> None:
    # bibliografia-comentada-es ('### 1. Downey, A. B. (2024). *[Think Python …](…)* (3rd ed.).
    # O'Reilly Media' over '- **Descripción:** …'): each citation heading was a section of
    # its own, no resource, with no warning: nothing of the list was found.
    result = read(
        "# Bibliografía\n\n## Libros\n\n"
        "### 1. Roca, M. L., & Pinto, A. (2019). *[Mares del Sur](https://example.org/mares)*"
        " (2.ª ed.). Ediciones Faro\n\n- **Descripción:** Un libro sobre el mar.\n\n"
        "### 2. Lund, K. (n.d.). *Cartas del Norte*. Editorial Nieve\n\n"
        "- **Relevancia:** Un clásico.\n\n"
        "### 3. Museo Naval. (2020). *[Atlas](https://example.org/atlas)*\n\n"
        "### Otros libros\n\n- [Guía](https://example.org/guia)\n"
    )
    assert listed(result.roadmap) == [
        (("Libros",), "Mares del Sur", "https://example.org/mares"),
        (("Libros",), "Cartas del Norte", ""),
        (("Libros",), "Atlas", "https://example.org/atlas"),
        (("Libros", "Otros libros"), "Guía", "https://example.org/guia"),
    ]
    first = result.roadmap.sections[0].resources[0]
    assert "Roca, M. L., & Pinto, A. (2019)" in first.description
    assert "Un libro sobre el mar." in first.description
    assert [warning.line for warning in result.warnings] == [5, 9, 13]


def test_a_heading_naming_a_kind_in_the_plural_over_a_link_line_is_its_category() -> None:
    # awesome-japanese-learning ('### Other textbooks' over '[Google Drive A](…) | [B](…) -
    # contains …'): 'textbook' named a kind, 'textbooks' did not, so the heading was read as a
    # course titled 'Other textbooks' at the first link, filed in the section above.
    result = read(
        "# L\n\n## Reading\n\n### Other textbooks\n\n"
        "[Shelf One](https://example.org/one) - many textbooks in one folder.\n\n"
        "### Podcasts\n\n[Deep Dive](https://example.org/dive)\n"
    )
    assert listed(result.roadmap) == [
        (("Reading", "Other textbooks"), "Shelf One", "https://example.org/one"),
        (("Reading", "Podcasts"), "Deep Dive", "https://example.org/dive"),
    ]


def test_a_heading_citing_a_work_over_a_list_of_links_keeps_its_words() -> None:
    # A citation heading over links to other things (a paper over its implementations) is a
    # section, as any heading over a list of links is: titled by the heading's words, not
    # by the cited title alone (its authors and year were dropped without a word).
    result = read(
        "# Papers\n\n## Proteins\n\n"
        "### Lind, K., & Ortiz, P. (2019). *Folding Proteins Fast*\n\n"
        "- [Fold in Torch](https://example.org/torch) - a port\n"
        "- [Fold in JAX](https://example.org/jax) - another\n"
    )
    assert listed(result.roadmap) == [
        (
            ("Proteins", "Lind, K., & Ortiz, P. (2019). Folding Proteins Fast"),
            "Fold in Torch",
            "https://example.org/torch",
        ),
        (
            ("Proteins", "Lind, K., & Ortiz, P. (2019). Folding Proteins Fast"),
            "Fold in JAX",
            "https://example.org/jax",
        ),
    ]


def test_words_and_a_year_before_words_in_italics_cite_nothing_without_authors() -> None:
    # A bibliography's authors end with a period ('Roca, M. L.', 'Museo Naval.') or are
    # written surname first ('Lind, K.'): a release or a week dated in parentheses before an
    # emphasized name ('### Release 2 (2024). *Breaking changes*') is a heading like any
    # other, here a section over its plain bullets.
    result = read(
        "# Log\n\n## Releases\n\n"
        "### Release 2 (2024). *Breaking changes*\n\n"
        "- Dropped the old parser\n- A faster cache\n\n"
        "### Release 1 (2023). *First steps*\n\n"
        "- A parser\n- A cache\n"
    )
    assert listed(result.roadmap) == [
        (("Releases", "Release 2 (2024). Breaking changes"), "Dropped the old parser", ""),
        (("Releases", "Release 2 (2024). Breaking changes"), "A faster cache", ""),
        (("Releases", "Release 1 (2023). First steps"), "A parser", ""),
        (("Releases", "Release 1 (2023). First steps"), "A cache", ""),
    ]
    assert not any("cites a work" in message for message in warned(result))
