"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
open-llms-link-columns, held out in tests/fixtures/held-out-pending/ and moved from there into
tests/fixtures/real/, session 19: comparison tables, a row per thing, several columns of
links)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read

# A comparison table: a row per kite, its columns named, links in several of them.
KITES = (
    "| Kite | Year | Plans | Review | Span (m) |\n"
    "| --- | --- | --- | --- | --- |\n"
    "| Sled | 2019 | [sled](https://example.org/sled) | [Sleds](https://example.org/a1) | 1 |\n"
    "| Delta | 2020 | [delta](https://example.org/delta) | [Deltas](https://example.org/a2) | 2 |\n"
    "| Box | 2021 | [box](https://example.org/box) | [Boxes](https://example.org/a3) | 1 |\n"
)


def test_a_table_of_records_under_the_title_is_the_lists_own() -> None:
    # open-llms: the list's first table (a row per model) stands right under the document's
    # title, sections after it. Lists of links there are the author's own (support me, its
    # contents), kept in the intro: so were the table's 28 rows, in silence but for that.
    result = read(
        f"# Kites\n\nKites you can build.\n\n{KITES}\n## Reels\n\n"
        + KITES.replace("example.org/", "example.org/r-")
    )
    found = listed(result.roadmap)
    assert [url for _, _, url in found[:3]] == [
        "https://example.org/sled",
        "https://example.org/delta",
        "https://example.org/box",
    ]
    assert {path for path, _, _ in found[:3]} == {("Resources",)}
    assert {path for path, _, _ in found[3:]} == {("Reels",)}
    assert "Kites you can build." in result.roadmap.intro
    assert "sled" not in result.roadmap.intro
    assert messages(result)[0].startswith("road.md:7: 3 rows of a table before the document's")


def test_a_table_of_records_before_any_heading_is_the_lists_own_too() -> None:
    # The same table with no title above it, sections after it.
    result = read(f"{KITES}\n## Reels\n\n- [Reel](https://example.org/reel) - a reel\n")
    assert [(path, url) for path, _, url in listed(result.roadmap)] == [
        (("Resources",), "https://example.org/sled"),
        (("Resources",), "https://example.org/delta"),
        (("Resources",), "https://example.org/box"),
        (("Reels",), "https://example.org/reel"),
    ]


def test_the_authors_links_under_the_title_stay_in_its_intro() -> None:
    # A small table of the author's links (two columns, one row) and a list of them beside a
    # table of records: the author's own, kept in the intro as before.
    for own in (
        "| Chat | Blog |\n| --- | --- |\n| [Chat](https://example.org/chat) | "
        "[Blog](https://example.org/blog) |\n",
        f"- [Chat](https://example.org/chat)\n- [Blog](https://example.org/blog)\n\n{KITES}",
    ):
        result = read(
            f"# Kites\n\n{own}\n## Reels\n\n- [Reel](https://example.org/reel) - a reel\n"
        )
        assert [url for _, _, url in listed(result.roadmap)] == ["https://example.org/reel"]
        assert "https://example.org/chat" in result.roadmap.intro
        assert "before the document's first section: kept in its intro" in messages(result)[0]


def test_a_row_named_in_plain_text_is_at_its_link_in_a_column_headed_by_what_it_is() -> None:
    # open-llms: dataset tables (`| Name | Release Date | Paper/Blog | Dataset | … |`), the
    # name plain text, then the paper's link, then the data set's: each row was read at its
    # paper, the first link of the row; a reader takes the data set's link as its address.
    result = read(
        "# Kelp\n\n## Data sets\n\n"
        "| Name | Year | Paper/Blog | Dataset | Size |\n| --- | --- | --- | --- | --- |\n"
        "| Kelp-1k | 2021 | [A census of kelp forests](https://example.org/paper) | "
        "[kelp-1k](https://example.org/data/kelp-1k) | 1k |\n"
        "| Reefs | 2022 | [Reefs seen from above](https://example.org/blog) | "
        "[reefs](https://example.org/data/reefs) | 3k |\n\n"
        "## Models\n\n"
        "| Model | Weights | Paper |\n| --- | --- | --- |\n"
        "| Kelpnet | [kelpnet-7b](https://example.org/w/kelpnet) | "
        "[Kelpnet: seeing kelp](https://example.org/p/kelpnet) |\n"
    )
    assert listed(result.roadmap) == [
        (("Data sets",), "Kelp-1k", "https://example.org/data/kelp-1k"),
        (("Data sets",), "Reefs", "https://example.org/data/reefs"),
        (("Models",), "Kelpnet", "https://example.org/w/kelpnet"),
    ]
    assert [message.split(": ", 1)[0] for message in messages(result)] == [
        "road.md:7",
        "road.md:8",
    ]
    assert "column 4" in messages(result)[0]


def test_a_row_whose_name_is_a_link_stays_at_its_name() -> None:
    # Names that are links themselves say where the row is: a Dataset column is a fact of it
    # (the data a paper used); so does a Link column.
    result = read(
        "# Kelp\n\n## Papers\n\n"
        "| Paper | Dataset |\n| --- | --- |\n"
        "| [A census of kelp](https://example.org/paper) | [kelp-1k](https://example.org/d) |\n\n"
        "## Data sets\n\n"
        "| Name | Link | Dataset |\n| --- | --- | --- |\n"
        "| Reefs | [Reefs](https://example.org/reefs) | [reefs](https://example.org/d/reefs) |\n"
    )
    assert listed(result.roadmap) == [
        (("Papers",), "A census of kelp", "https://example.org/paper"),
        (("Data sets",), "Reefs", "https://example.org/reefs"),
    ]
    assert messages(result) == []


def test_a_language_model_column_names_the_rows() -> None:
    # open-llms: `| Language Model | Release Date | Checkpoints | Paper/Blog | … |`, the name
    # plain text: 'Language Model' was read as a Language column (tags), so the rows were
    # titled by their first checkpoint's link text ('santacoder', 'T5 & Flan-T5'), the model's
    # name a tag. A language names a column's contents as its last word only.
    result = read(
        "# Kelp\n\n## Models\n\n"
        "| Language Model | Release Date | Checkpoints | Paper/Blog |\n"
        "| --- | --- | --- | --- |\n"
        "| KelpLM | 2023/05 | [kelplm-3b](https://example.org/w/3b), "
        "[kelplm-7b](https://example.org/w/7b) | [KelpLM](https://example.org/p/kelplm) |\n\n"
        "## Tools\n\n"
        "| Tool | Programming Language |\n| --- | --- |\n"
        "| [Kelpy](https://example.org/kelpy) | Python |\n"
    )
    assert listed(result.roadmap) == [
        (("Models",), "KelpLM", "https://example.org/w/3b"),
        (("Tools",), "Kelpy", "https://example.org/kelpy"),
    ]
    model, tool = (section.resources[0] for section in result.roadmap.sections)
    assert model.tags == ()
    # Its other checkpoints are kept in its description.
    assert model.description.strip() == "[kelplm-7b](https://example.org/w/7b)"
    assert tool.tags == ("Python",)


def test_a_row_after_a_blank_line_goes_on_a_table_whose_rows_leave_their_end_open() -> None:
    # open-llms: a row parted from its table by a blank line (`| Zephyr | … | |`), in a table
    # where some rows leave their last cell open (no closing pipe). Rows after such a gap
    # with the table's cells are read as its rows (with a warning), but the table was taken
    # to end at its first open row, and the row after the gap was kept as a paragraph.
    result = read(
        "# Kelp\n\n## Models\n\n"
        "| Model | Year | Weights | Demo |\n| --- | --- | --- | --- |\n"
        "| KelpLM | 2023 | [kelplm](https://example.org/w/kelplm) | [Try](https://example.org/t)\n"
        "| ReefLM | 2023 | [reeflm](https://example.org/w/reeflm) | |\n"
        "\n"
        "| TideLM | 2024 | [tidelm](https://example.org/w/tidelm) | |\n"
        "## Data\n\n- [Kelp-1k](https://example.org/kelp-1k) - kelp photographs\n"
    )
    assert listed(result.roadmap) == [
        (("Models",), "KelpLM", "https://example.org/w/kelplm"),
        (("Models",), "ReefLM", "https://example.org/w/reeflm"),
        (("Models",), "TideLM", "https://example.org/w/tidelm"),
        (("Data",), "Kelp-1k", "https://example.org/kelp-1k"),
    ]
    assert messages(result)[0].startswith("road.md:10: table rows after a blank line (line 10)")


def test_a_link_written_as_another_links_destination_leads_where_that_link_does() -> None:
    # open-llms: `[Inference Code for CodeLlama models]([https://ai.meta.com/…](https://github.
    # com/facebookresearch/codellama))`, a link pasted where the address goes: CommonMark
    # reads the whole `[…](…)` as the destination, a relative path (a file of that name on
    # GitHub), left out with a warning, the row kept without an address.
    result = read(
        "# Kelp\n\n## Tools\n\n"
        "- [Kelp tools]([https://old.example.org/kelp](https://example.org/kelp)) - tools\n"
        "- [Reef tools](https://example.org/reef) - more tools\n\n"
        "## Models\n\n"
        "| Model | Weights |\n| --- | --- |\n"
        "| KelpLM | [kelplm]([https://old.example.org/w](https://example.org/w/kelplm)) |\n"
    )
    assert listed(result.roadmap) == [
        (("Tools",), "Kelp tools", "https://example.org/kelp"),
        (("Tools",), "Reef tools", "https://example.org/reef"),
        (("Models",), "KelpLM", "https://example.org/w/kelplm"),
    ]
    assert [message.split(": ", 1)[0] for message in messages(result)] == [
        "road.md:5",
        "road.md:12",
    ]
    assert "a destination written as a link itself" in messages(result)[0]


def test_a_length_that_measures_another_thing_is_no_time() -> None:
    # open-llms: `| … | Context Length | … |` over `[2048](…)`, `84k (ALiBi)`: a model's
    # context, in tokens, read as the time the resource takes ('Length' names a time column,
    # and the compound header its first word naming a field). A compound header names the
    # time where its cells are durations (`| Total Length |` over `6 weeks`), a time word
    # alone whatever they say.
    result = read(
        "# Kelp\n\n## Models\n\n"
        "| Model | Weights | Context Length |\n| --- | --- | --- |\n"
        "| KelpLM | [kelplm](https://example.org/w/kelplm) | [2048](https://example.org/c) |\n\n"
        "## Courses\n\n"
        "| Course | Total Length |\n| --- | --- |\n"
        "| [Kelp 101](https://example.org/kelp-101) | 6 weeks |\n\n"
        "## Talks\n\n"
        "| Talk | Length |\n| --- | --- |\n"
        "| [Kelp at scale](https://example.org/talk) | 45 |\n"
    )
    model, course, talk = (section.resources[0] for section in result.roadmap.sections)
    assert (model.title, model.time) == ("KelpLM", "")
    assert (course.title, course.time) == ("Kelp 101", "6 weeks")
    assert (talk.title, talk.time) == ("Kelp at scale", "45")
