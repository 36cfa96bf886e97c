"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
the lists session 14's heldC added to tests/fixtures/real/)."""

from __future__ import annotations

from test_importer_shapes import listed, read


def test_a_bold_title_over_lines_then_its_links_in_brackets_is_one_resource() -> None:
    # diffusion-models-breaks: each entry one paragraph held by backslash breaks, its bold
    # title, its authors, its venue and links in brackets, its date; read as its heading's
    # intro (or, alone under a heading, as a resource titled by the heading) before.
    result = read(
        "# Reading\n\n## Posts\n\n"
        "**How tides are modelled** \\\n*Ada Brook* \\\n"
        "[[Website-Part 1](https://example.org/tides-1)] "
        "[[Website-Part 2](https://example.org/tides-2)] \\\n"
        "3 May 2021\n\n"
        "**Sand and surf** \\\n*Cy Dune, Eve Reef* \\\n"
        "Coastal Letters 2020. [[Paper](https://example.org/sand)] "
        "[[Code](https://example.org/sand-code)] \\\n"
        "9 Jun 2020\n\n"
        "## Notes\n\n"
        # A bold label over prose with a link in it, a label ending with a colon, a citation's
        # number in brackets: text, as before.
        "**Note** \\\nSee the [docs](https://example.org/docs) for more.\n\n"
        "**Sources:** \\\nThe atlas [[Paper](https://example.org/atlas)]\n\n"
        "**Errata** \\\nFixed in [[1](https://example.org/fix)]\n"
    )
    assert listed(result.roadmap) == [
        (("Posts",), "How tides are modelled", "https://example.org/tides-1"),
        (("Posts",), "Sand and surf", "https://example.org/sand"),
    ]
    sand = result.roadmap.sections[0].resources[1]
    assert "*Cy Dune, Eve Reef*" in sand.description
    assert "[[Code](https://example.org/sand-code)]" in sand.description
    assert "**Note**" in (result.roadmap.sections[1].intro or "")


def test_html_list_items_that_are_only_a_url_or_a_name_are_resources() -> None:
    # bug-bounty-html-lists: '<li>https://…</li>' and '<li>A Book Title</li>' beside
    # '<li><a href="…">Name</a></li>' items were lost, even with --html-links, and a block of
    # bare URLs only was skipped without a warning.
    text = (
        "# Tide guide\n\n## Reading\n\n### Books\n<ul>\n  <li>Waves and Beaches</li>\n"
        '  <li><a href="https://example.org/atlas">Coastal Atlas</a></li>\n'
        "  <li>Shore Processes: A Field Guide</li>\n</ul>\n\n"
        "### Forums\n<ul>\n  <li>https://example.org/forum/tides</li>\n"
        "  <li>http://example.org/surf-chat</li>\n</ul>\n\n"
        # A list without a link or URL (what a tool does): its text, as before.
        "### Features\n<ul>\n  <li>Fast</li>\n  <li>Small</li>\n</ul>\n"
    )
    result = read(text, html_links=True)
    assert listed(result.roadmap) == [
        (("Reading", "Books"), "Waves and Beaches", ""),
        (("Reading", "Books"), "Coastal Atlas", "https://example.org/atlas"),
        (("Reading", "Books"), "Shore Processes: A Field Guide", ""),
        (
            ("Reading", "Forums"),
            "https://example.org/forum/tides",
            "https://example.org/forum/tides",
        ),
        (("Reading", "Forums"), "http://example.org/surf-chat", "http://example.org/surf-chat"),
    ]
    plain = read(text)
    assert listed(plain.roadmap) == []
    assert [str(warning) for warning in plain.warnings] == [
        "road.md:6: raw HTML block with 1 link and 2 names: not read as resources (design: "
        "raw HTML is not a resource); --html-links reads them",
        "road.md:13: raw HTML block with 2 links: not read as resources (design: raw HTML is "
        "not a resource); --html-links reads them",
    ]


def test_a_bold_paper_title_over_the_bullets_of_its_pages_is_one_resource() -> None:
    # cvpr2021-papers-zh: each paper a bold line over bullets of labelled bare URLs
    # ('- Paper: https://…', '- Code: None'); each bullet was a resource titled 'Paper',
    # 'Code', 'Homepage' or 'Code: None', some bold lines sections over them.
    result = read(
        "# Papers\n\n# Tides\n\n"
        "**Learning Tides from Buoys**\n\n"
        "- Homepage: https://example.org/buoys-home\n"
        "- Paper(Oral): https://example.org/buoys-paper\n\n"
        "- Code: None\n\n"
        "**Surf Zone Flows**\n\n- Paper: https://example.org/surf\n- https://example.org/surf-code\n\n"
        "**Quiet Shores**\n\n- Paper: None\n- Code: None\n\n"
        # A bold line over links that say what they are: resources of their own, as before.
        "**Tools**\n\n- [Tidal](https://example.org/tidal) - predicts tides\n"
        "- [Swell](https://example.org/swell) - reads buoys\n"
    )
    assert listed(result.roadmap) == [
        (("Tides",), "Learning Tides from Buoys", "https://example.org/buoys-paper"),
        (("Tides",), "Surf Zone Flows", "https://example.org/surf"),
        (("Tides",), "Quiet Shores", ""),
        (("Tides",), "Tidal", "https://example.org/tidal"),
        (("Tides",), "Swell", "https://example.org/swell"),
    ]
    buoys = result.roadmap.sections[0].resources[0]
    assert "- Homepage: https://example.org/buoys-home" in buoys.description
    assert [str(warning) for warning in result.warnings] == [
        "road.md:5: 3 papers written as a bold title over the bullets of its pages ('Paper: …', "
        "'Code: …'): each one resource, at the page labelled as the paper (else its first), the "
        "bullets its description"
    ]


def test_a_name_and_a_colon_before_links_that_only_say_where_they_lead_is_the_title() -> None:
    # legged-robots-details: 'Benjamin Katz, blog: [[Link1](…)] [[Link2](…)]', 'MJbots blog:
    # [[Link](…)]', '… Adi Mehrotra: [[Link: PDF](…)]': the colon made each name a lead-in,
    # so no item read as a resource and the whole list was kept as text.
    result = read(
        "# L\n\n## Dynamometers\n\n"
        "1. Kit Harbor, blog: [[Link1](https://example.org/kit-1)] [[Link2](https://example.org/kit-2)]\n"
        "2. Dune notes: [[Link](https://example.org/dune)]\n"
        "3. Field guide, Ana Sol: [[Link: PDF](https://example.org/guide.pdf)]\n"
        "4. Thesis, Ode Lin: [[Thesis-Link](https://example.org/thesis)]\n"
        # A lead-in's colon before a named link: the link names it, as before.
        "5. Source: Forum Post: [Sizing a small motor](https://example.org/sizing)\n"
    )
    assert listed(result.roadmap) == [
        (("Dynamometers",), "Kit Harbor, blog", "https://example.org/kit-1"),
        (("Dynamometers",), "Dune notes", "https://example.org/dune"),
        (("Dynamometers",), "Field guide, Ana Sol", "https://example.org/guide.pdf"),
        (("Dynamometers",), "Thesis, Ode Lin", "https://example.org/thesis"),
        (("Dynamometers",), "Sizing a small motor", "https://example.org/sizing"),
    ]


def test_how_to_collaborate_in_portuguese_and_spanish_is_a_meta_section() -> None:
    # guiadevbrasil-pt: '## 🚨 Colabore' (Portuguese for "collaborate") over how to open pull
    # requests read as three resources without URL.
    result = read(
        "# Guia\n\n## Cursos\n\n- [Aula Um](https://example.org/um) - cursos gratuitos\n\n"
        "## 🚨 Colabore\n\n- Abra Pull Requests\n- Discuta ideias em Issues\n\n"
        "## Cómo colaborar\n\n- Abre un issue\n- Comparte la lista\n"
    )
    assert listed(result.roadmap) == [(("Cursos",), "Aula Um", "https://example.org/um")]
    assert [str(warning).split(": ", 1)[1] for warning in result.warnings] == [
        "section '🚨 Colabore' skipped: a meta section, about the list "
        "(--keep-section '🚨 Colabore' keeps it)",
        "section 'Cómo colaborar' skipped: a meta section, about the list "
        "(--keep-section 'Cómo colaborar' keeps it)",
    ]


def test_paragraphs_each_a_bold_link_then_what_it_is_on_one_line_are_resources() -> None:
    # legged-robots-details ('**[Paper Copilot](…)**: A centralized tool …'): paragraphs
    # written as link bullets without their bullet. Two under a heading: the first was read
    # as the heading's link line, the second left in its intro.
    result = read(
        "# L\n\n## Tools\n\n"
        "**[Tide Table](https://example.org/tide)**: predicts the tides.\n\n"
        "**[Swell Log](https://example.org/swell)** - records buoy data.\n\n"
        "[**Reef Map**](https://example.org/reef): charts reefs.\n\n"
        # A bold link in a sentence among them: text, as before.
        "**[Shore Kit](https://example.org/kit)** is what we use every day.\n"
    )
    assert listed(result.roadmap) == [
        (("Tools",), "Tide Table", "https://example.org/tide"),
        (("Tools",), "Swell Log", "https://example.org/swell"),
        (("Tools",), "Reef Map", "https://example.org/reef"),
    ]
    assert [resource.description.strip() for resource in result.roadmap.sections[0].resources] == [
        "predicts the tides.",
        "records buoy data.",
        "charts reefs.",
    ]


def test_a_lone_card_beside_lists_folded_under_named_summaries_is_the_sections_resource() -> None:
    # legged-robots-details: '**[Paper Copilot](…)**: …' after two '<details><summary>'
    # blocks, each a subsection of the heading: the folded lists counted as a list beside the
    # card, which was then read as the heading's link line and left in its intro.
    result = read(
        "# L\n\n## Paper lists\n\n"
        "<details><summary><b>Tides</b></summary>\n\n"
        "1. **Tides 2025:** [[Github](https://example.org/tides-2025)]\n</details>\n\n"
        "<details><summary><b>Waves</b></summary>\n\n"
        "1. **Waves 2024:** [[Github](https://example.org/waves-2024)]\n</details>\n\n"
        "**[Paper Index](https://example.org/index)**: every paper list in one place.\n"
    )
    assert listed(result.roadmap) == [
        (("Paper lists",), "Paper Index", "https://example.org/index"),
        (("Paper lists", "Tides"), "Tides 2025", "https://example.org/tides-2025"),
        (("Paper lists", "Waves"), "Waves 2024", "https://example.org/waves-2024"),
    ]
