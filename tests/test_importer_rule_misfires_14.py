"""publisher import: lines of other kinds of lists that session 14's new reading rules, each
tuned on one held-out list, misread (examples invented; each names the rule it tightens)."""

from __future__ import annotations

from test_importer_shapes import listed, read


def test_words_before_a_bare_link_naming_a_blog_or_docs_are_no_title() -> None:
    # 7d63f06 read a link text of up to three words ending with a where-word ('Blog', 'Docs',
    # 'Site') as a label saying where its link leads, for any link: the words before it
    # became the title. Set in brackets of its own (`[[Blog-Link](…)]`) it is a label; bare,
    # `[Acme Engineering Blog](…)` names the resource itself.
    result = read(
        "# R\n\n## Blogs\n\n"
        "- Weekly reading - [Acme Engineering Blog](https://example.org/acme-blog)\n"
        "- Tides explained - [Ocean Docs](https://example.org/ocean-docs)\n"
        "- Daily news - [Harbor Site](https://example.org/harbor)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Acme Engineering Blog",
        "Ocean Docs",
        "Harbor Site",
    ]


def test_a_bold_label_over_a_line_that_holds_its_links_in_brackets_stays_text() -> None:
    # aadbda4 read a bold line over lines whose every link is set in brackets as an entry
    # titled by the bold line: a paper's title over its authors, then its venue and pages.
    # A bold label whose links are right under it, with no line about it before them (a
    # role over a person and their pages, a note over a sentence), is no such entry.
    result = read(
        "# Tool\n\n## About\n\n"
        "**Maintainer** \\\nRo Vale [[GitHub](https://example.org/ro)] "
        "[[Mastodon](https://example.org/@ro)]\n\n"
        "**Heads-up** \\\nThe old API goes away in May [[details](https://example.org/api)]\n\n"
        "## Papers\n\n"
        "**Counting Gulls at Dawn** \\\n*Ivo Tern* \\\n"
        "Shore Letters 2019. [[Paper](https://example.org/gulls)] \\\n"
    )
    assert listed(result.roadmap) == [
        (("Papers",), "Counting Gulls at Dawn", "https://example.org/gulls")
    ]
    assert "**Maintainer**" in (result.roadmap.sections[0].intro or "")


def test_a_badge_or_a_star_count_beside_a_table_title_is_no_part_of_the_description() -> None:
    # 9c53ece keeps what a title cell says after its link in the description, with a warning:
    # a linked status badge or a star count beside the name says nothing of the resource,
    # and kept it made every bump of the figure an update.
    result = read(
        "# T\n\n## Tools\n\n| Name | Description |\n|---|---|\n"
        "| [Quill](https://example.org/quill) "
        "[![npm](https://img.shields.io/npm/v/quill.svg)](https://example.org/npm/quill) "
        "| A note editor |\n"
        "| [Ferry](https://example.org/ferry) \u2b50 12k | A file mover |\n"
        "| [Kiln](https://example.org/kiln), [mirror](https://example.org/kiln-mirror) "
        "| A build tool |\n"
    )
    quill, ferry, kiln = result.roadmap.sections[0].resources
    assert (quill.description, ferry.description) == ("A note editor\n", "A file mover\n")
    # What says something (a second link) is still kept, with its warning.
    assert "[mirror](https://example.org/kiln-mirror)" in kiln.description
    assert [str(warning) for warning in result.warnings] == [
        "road.md:9: row 'Kiln': '[mirror](https://example.org/kiln-mirror)' after its link in "
        "the title column kept in its description"
    ]


def test_a_work_and_its_authors_linked_then_a_year_are_one_resource() -> None:
    # beeef62 lets a short note in parentheses follow an item's links ('[A](…), [B](…)
    # (paid)'), each link then a resource. A year alone there is a citation's: the work's
    # title, then its authors, no list of two things.
    result = read(
        "# P\n\n## Papers\n\n"
        "- [Counting Gulls at Dawn](https://example.org/gulls), "
        "[Ivo Tern et al.](https://example.org/tern) (2019)\n"
        "- [Kiln](https://example.org/kiln), [Forge](https://example.org/forge) (paid)\n"
    )
    assert listed(result.roadmap) == [
        (("Papers",), "Counting Gulls at Dawn", "https://example.org/gulls"),
        (("Papers",), "Kiln", "https://example.org/kiln"),
        (("Papers",), "Forge", "https://example.org/forge"),
    ]


def test_cards_on_one_line_set_apart_by_dots_are_a_resource_each() -> None:
    # ca66a40 reads a paragraph that is a link in bold, a dash or a colon, then what it is,
    # as one card: on a line of several such cards set apart by middle dots, the first took
    # the others, links and all, into its description without a word.
    result = read(
        "# L\n\n## Build tools\n\n"
        "**[Kiln](https://example.org/kiln)** \u2014 bakes builds \u00b7 "
        "**[Forge](https://example.org/forge)** \u2014 ships them \u00b7 "
        "**[Anvil](https://example.org/anvil)** \u2014 tests them\n\n"
        "## Hosts\n\n**[Quay](https://example.org/quay)**: hosts images \u00b7 and more\n"
    )
    assert [
        (title, url, resource.description)
        for (_, title, url), (_, resource) in zip(
            listed(result.roadmap), result.roadmap.walk(), strict=True
        )
    ] == [
        ("Kiln", "https://example.org/kiln", "bakes builds\n"),
        ("Forge", "https://example.org/forge", "ships them\n"),
        ("Anvil", "https://example.org/anvil", "tests them\n"),
        # One card whose words go on after a dot: one resource, as before.
        ("Quay", "https://example.org/quay", "hosts images · and more\n"),
    ]


def test_an_entry_titled_after_its_issue_number_keeps_the_issue_as_its_url() -> None:
    # 6541117 titles '- [#1234](…/issues/1234) The long thread …' by its words, the number
    # kept in the description, and dropped the URL: a list of notable discussions then had
    # resources without any address, though the issue is where each one is.
    result = read(
        "# Internals\n\n## Notable threads\n\n"
        "- [#412](https://github.com/acme/kiln/issues/412) Why the cache went away\n"
        "- [PR #77](https://github.com/acme/kiln/pull/77) The new scheduler, reviewed\n"
    )
    assert listed(result.roadmap) == [
        (
            ("Notable threads",),
            "Why the cache went away",
            "https://github.com/acme/kiln/issues/412",
        ),
        (
            ("Notable threads",),
            "The new scheduler, reviewed",
            "https://github.com/acme/kiln/pull/77",
        ),
    ]


def test_a_bold_label_naming_the_kind_of_its_bullets_is_no_paper_title() -> None:
    # ffe7a2a read a bold line over bullets each a page's label and its bare address
    # ('- Paper: https://…', '- Project: https://…') as a paper titled by the bold line. A bold
    # line that only names the kind of what follows ('**Links**', '**Resources:**') is a
    # label over its bullets, read as before ffe7a2a: no resource titled 'Links'.
    label = read(
        "# Harbours\n\n## Reading\n\n**Links**\n\n"
        "- Paper: https://example.org/harbour-silt.pdf\n"
        "- Project: https://example.org/harbour-silt\n\n"
        "**Code & Materials:**\n\n"
        "- Paper: https://example.org/dredging.pdf\n- Code: None\n"
    )
    # Two labels: a group each, their bullets read as any labelled page's (as before ffe7a2a).
    assert listed(label.roadmap) == [
        (("Reading", "Links"), "Paper", "https://example.org/harbour-silt.pdf"),
        (("Reading", "Links"), "Project", "https://example.org/harbour-silt"),
        (("Reading", "Code & Materials"), "Paper", "https://example.org/dredging.pdf"),
        (("Reading", "Code & Materials"), "Code: None", ""),
    ]
    assert not any("bold title" in str(warning) for warning in label.warnings)
    # A paper's own title over the same bullets is one resource, as ffe7a2a made it.
    paper = read(
        "# Harbours\n\n## Reading\n\n**Silt in Tidal Harbours**\n\n"
        "- Paper: https://example.org/harbour-silt.pdf\n"
        "- Project: https://example.org/harbour-silt\n"
    )
    assert listed(paper.roadmap) == [
        (("Reading",), "Silt in Tidal Harbours", "https://example.org/harbour-silt.pdf")
    ]


def test_links_into_sections_of_a_repositorys_front_page_are_no_table_of_contents() -> None:
    # 3ce1cfc read a list of three or more bare links into sections of one GitHub
    # repository's pages, named as those sections, as the README's own table of contents,
    # kept as text. Links into another list's front page ('github.com/o/awesome-x#testing')
    # are how a list points at that list's sections: resources, as before 3ce1cfc.
    front = "https://github.com/kelp/awesome-tides"
    result = read(
        "# Lists\n\n## Oceans\n\n"
        f"- [Tide Tables]({front}#tide-tables)\n"
        f"- [Buoys]({front}/blob/main/README.md#buoys)\n"
        f"- [Currents]({front}#currents)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == ["Tide Tables", "Buoys", "Currents"]
    assert not any("table of contents" in str(warning) for warning in result.warnings)
    # Into sections of the repository's other pages (a list kept in one file per category,
    # its README their index), the list is still read as their contents.
    pages = "https://github.com/kelp/awesome-tides/tree/main/2.%20Seas"
    index = read(
        "# Lists\n\n## Index\n\n"
        f"- [Tide Tables]({pages}#tide-tables)\n- [Buoys]({pages}#buoys)\n"
        f"- [Currents]({pages}#currents)\n"
    )
    assert listed(index.roadmap) == []
    assert any("table of contents" in str(warning) for warning in index.warnings)


def test_a_lower_case_label_before_an_address_on_another_site_is_its_own_resource() -> None:
    # de5a4f2 folded a lower-case label before a bare URL among link bullets into the entry
    # above as a note ('- see the docs https://…' under its editor). Such a bullet at another
    # site ('- vim cheat sheet https://…' under an editor's page) names a resource of its own;
    # at the entry's site (its docs on a subdomain, its repository's wiki) it is a note.
    result = read(
        "# L\n\n## Editors\n\n"
        "- [Kestrel](https://kestrel.example.org/) - an editor\n"
        "- vim cheat sheet https://cheats.example.net/vim\n"
        "- [Heron](https://heron.example.org/) - another editor\n"
        "- see the manual https://docs.heron.example.org/manual\n"
        "- [Plover](https://github.com/plover-ed/plover) - a third\n"
        "- its wiki https://github.com/plover-ed/plover/wiki\n"
        "- [Tern](https://tern.example.org/) - a fourth\n"
    )
    assert listed(result.roadmap) == [
        (("Editors",), "Kestrel", "https://kestrel.example.org/"),
        (("Editors",), "vim cheat sheet", "https://cheats.example.net/vim"),
        (("Editors",), "Heron", "https://heron.example.org/"),
        (("Editors",), "Plover", "https://github.com/plover-ed/plover"),
        (("Editors",), "Tern", "https://tern.example.org/"),
    ]
    _, _, heron, plover, _ = result.roadmap.sections[0].resources
    assert "https://docs.heron.example.org/manual" in heron.description
    assert "https://github.com/plover-ed/plover/wiki" in plover.description
