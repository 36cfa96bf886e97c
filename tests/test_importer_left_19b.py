"""publisher import: session 19's review (left9) of the importer rules landed this session,
each read against other real lists' common shapes its trigger could catch by accident
(examples invented)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read


def test_a_schedule_row_with_its_topic_empty_continues_the_lecture_above() -> None:
    # 5c2b99e/a3d1e079: a schedule's row is titled by its Topic; a row with no Topic was
    # skipped as a due date, where its Topic cell is left empty as a continuation row's first
    # cell is (design.md: it takes the topic above): its material was lost.
    table = (
        "## Tutorials\n\n| Topic | Video | Notes |\n| --- | --- | --- |\n"
        "| Sleds | [YouTube](https://example.org/v1) | [PDF](https://example.org/n1) |\n"
        "|  | [YouTube](https://example.org/v1b) | |\n"
        "| Deltas | [YouTube](https://example.org/v2) | [PDF](https://example.org/n2) |\n"
        "|  | [Bilibili](https://example.org/v2b) | |\n"
    )
    result = read(f"# Kites\n\n{table}")
    assert [(title, url) for _, title, url in listed(result.roadmap)] == [
        ("Sleds", "https://example.org/v1"),
        ("Sleds", "https://example.org/v1b"),
        ("Deltas", "https://example.org/v2"),
        ("Deltas", "https://example.org/v2b"),
    ]
    assert (
        "road.md:8: row of a schedule with its Topic empty, linking material: the lecture "
        "above continued, titled by it ('Sleds')"
    ) in messages(result)
    # Its table's first row has no lecture above it (the list item before the table is none).
    first = table.replace(
        "| Sleds | [YouTube](https://example.org/v1) |", "|  | [YouTube](https://example.org/v1) |"
    )
    syllabus = "- [Syllabus](https://example.org/s) - the plan.\n\n"
    result = read("# Kites\n\n" + first.replace("\n\n", "\n\n" + syllabus, 1))
    assert [title for _, title, _ in listed(result.roadmap)] == ["Syllabus", "Deltas", "Deltas"]
    assert (
        "road.md:9: row of a schedule with its Topic empty and no lecture above it: naming "
        "none, skipped"
    ) in messages(result)
    # A row with no Topic linking only what is due that day is no lecture, as before.
    due = (
        "| Week | Topic | Slides | Due |\n| --- | --- | --- | --- |\n"
        "| 1 | Sleds | [Slides](https://example.org/s1) | |\n"
        "| 2 | | | [HW1](https://example.org/hw1) |\n"
    )
    result = read(f"# Kites\n\n## Schedule\n\n{due}")
    assert [title for _, title, _ in listed(result.roadmap)] == ["Sleds"]
    assert any("naming no lecture" in message for message in messages(result))


def test_a_table_of_the_authors_accounts_under_the_title_stays_in_its_intro() -> None:
    # 2168e8b: a table of records under the title (three named columns, three linked rows)
    # is the list's own; a table of where to follow its author, a row per network at an
    # account on it, has that shape too, and was read as three resources.
    accounts = (
        "| Platform | Link | Followers |\n| --- | --- | --- |\n"
        "| Twitter | [@kites](https://twitter.com/kites) | 10k |\n"
        "| YouTube | [Kites channel](https://youtube.com/c/kites) | 5k |\n"
        "| Discord | [Join](https://discord.gg/kites) | 2k |\n"
    )
    sections = "## Tools\n\n- [Sled](https://example.org/sled) - a sled.\n"
    result = read(f"# Kites\n\n{accounts}\n{sections}")
    assert [url for _, _, url in listed(result.roadmap)] == ["https://example.org/sled"]
    assert "https://discord.gg/kites" in result.roadmap.intro
    assert messages(result)[0].startswith("road.md:5: 3 links before the document's first")
    # Platforms listed at their home pages are records, as before.
    platforms = (
        "| Platform | Link | Price |\n| --- | --- | --- |\n"
        "| Coursera | [coursera.org](https://www.coursera.org) | paid |\n"
        "| Udemy | [udemy.com](https://www.udemy.com/) | paid |\n"
        "| Khan Academy | [Visit](https://khanacademy.org) | free |\n"
    )
    result = read(f"# Kites\n\n{platforms}\n{sections}")
    assert [path for path, _, _ in listed(result.roadmap)] == [("Resources",)] * 3 + [("Tools",)]


def test_a_link_cells_live_figures_are_not_kept_in_its_description() -> None:
    # 982ab19: a link cell's links after the row's own are kept in its description; a star
    # count, a version or a date linked there changes as the project goes, so every history
    # made an update of each (the unnamed columns' links, 5cb983e, leave counts out already).
    table = (
        "## Tools\n\n| Name | Link | Description |\n| --- | --- | --- |\n"
        "| Sled | [Site](https://example.org/sled) [v2.3.1](https://example.org/sled/v2.3.1)"
        " [Paper](https://example.org/sled.pdf) | A sled. |\n"
        "| Box | [Site](https://example.org/box) ⭐ [1.2k](https://example.org/box/stargazers)"
        " | A box. |\n"
        "| Reel | [Site](https://example.org/reel) <br> Updated [2024-05-01]"
        "(https://example.org/reel/commits) | A reel. |\n"
    )
    result = read(f"# Kites\n\n{table}")
    assert [resource.description for _, resource in result.roadmap.walk()] == [
        "A sled.\n\n[Paper](https://example.org/sled.pdf)\n",
        "A box.\n",
        "A reel.\n",
    ]
    assert (
        "road.md:8: link cell's '1.2k': only a figure that changes as the project goes (a star "
        "count, a version, a date), not kept in the row's description"
    ) in messages(result)
    # A release of the project: its description the same.
    later = read(f"# Kites\n\n{table.replace('v2.3.1', 'v2.4.0').replace('1.2k', '1.3k')}").roadmap
    assert [resource.description for _, resource in later.walk()] == [
        resource.description for _, resource in result.roadmap.walk()
    ]


def test_a_header_saying_which_languages_a_row_takes_is_a_language_column() -> None:
    # 7eb0da4: a language before another word names the column's things ('Language Model'),
    # no tag; 'Language Support' over 'Python, Go' lost the rows' languages, in silence.
    table = (
        "## Libraries\n\n| Project | {} | Description |\n| --- | --- | --- |\n"
        "| [Sled](https://example.org/sled) | Python, Go | A sled. |\n"
        "| [Delta](https://example.org/delta) | Rust | A delta. |\n"
    )
    for header in ("Language Support", "Languages Supported", "Languages Used"):
        result = read(f"# Kites\n\n{table.format(header)}")
        assert [resource.tags for _, resource in result.roadmap.walk()] == [
            ("Python", "Go"),
            ("Rust",),
        ], header
    # A language model's table: its names title the rows, as 7eb0da4 reads them.
    models = (
        "## Models\n\n| Language Model | Size | Weights |\n| --- | --- | --- |\n"
        "| KiteLM | 7B | [HF](https://hf.example/kitelm) |\n"
        "| WindLM | 13B | [HF](https://hf.example/windlm) |\n"
    )
    assert [title for _, title, _ in listed(read(f"# Kites\n\n{models}").roadmap)] == [
        "KiteLM",
        "WindLM",
    ]


def test_a_table_whose_links_all_lead_to_the_top_named_otherwise_is_no_list() -> None:
    # fb7fb46: a table whose links all lead to '#' was read for its rows (a schedule's
    # material not out yet, '[📊 Slides](#)'); a nav bar of '#' links and a table of plans
    # to come linked to '#' became resources without address, where they lead nowhere.
    nav = "## Navigation\n\n| Tools | Books | Videos |\n| --- | --- | --- |\n"
    nav += "| [Tools](#) | [Books](#) | [Videos](#) |\n\n"
    plans = "## Plans\n\n| Name | Description |\n| --- | --- |\n"
    plans += "| [Sled plan](#) | coming soon |\n| [Delta plan](#) | coming soon |\n\n"
    tools = "## Tools\n\n- [Sled](https://example.org/sled) - a sled.\n"
    result = read(f"# Kites\n\n{nav}{plans}{tools}")
    assert listed(result.roadmap) == [(("Tools",), "Sled", "https://example.org/sled")]


def test_a_row_at_its_own_page_is_not_at_the_model_it_uses() -> None:
    # d13ff45: a row naming its thing in plain text is at the link of a column headed by what
    # it is (Checkpoints, Weights, Model, Dataset); in a table of apps a Model column says
    # which model each uses, and the row's own page, linked first ('[Site](…)'), was left for
    # the model's ('KiteChat' at GPT-4's page).
    table = (
        "## Chat apps\n\n| App | Description | Site | Model |\n| --- | --- | --- | --- |\n"
        "| KiteChat | Chat about kites. | [Site](https://kitechat.example) | "
        "[GPT-4](https://openai.example/gpt-4) |\n"
        "| WindBot | Wind forecasts. | [Homepage](https://windbot.example) | "
        "[Llama 3](https://meta.example/llama3) |\n"
    )
    result = read(f"# Apps\n\n{table}")
    assert [(title, url) for _, title, url in listed(result.roadmap)] == [
        ("KiteChat", "https://kitechat.example"),
        ("WindBot", "https://windbot.example"),
    ]
    assert [resource.description for _, resource in result.roadmap.walk()] == [
        "Chat about kites.\n\n[GPT-4](https://openai.example/gpt-4)\n",
        "Wind forecasts.\n\n[Llama 3](https://meta.example/llama3)\n",
    ]
    assert messages(result)[0] == (
        "road.md:7: row 'KiteChat': at its own page (its first link), not at its link in "
        "column 4 (what it uses, kept in its description)"
    )
    # A data set's paper first, then the data set: at the data set, as d13ff45 reads it.
    data = (
        "## Data\n\n| Name | Paper | Dataset |\n| --- | --- | --- |\n"
        "| Kelp-1k | [A paper on kelp](https://example.org/p) | [kelp-1k](https://hf.example/k) |\n"
    )
    assert [url for _, _, url in listed(read(f"# Data\n\n{data}").roadmap)] == [
        "https://hf.example/k"
    ]
