"""publisher import: a table row's link cell holding several links (examples invented; the
shape from awesome-aitools-tables-history, ml-papers-of-the-week and
ds-for-beginners-curricula-history in tests/fixtures/real/)."""

from __future__ import annotations

from pieces_history import assert_each_version_reads_as_the_whole
from test_importer_shapes import listed, read

from publisher.diff import diff
from publisher.model import Snapshot

TOOLS = (
    "# Tools\n\n## Assistants\n\n| Name | Description | Links | Fees |\n|---|---|---|---|\n"
    "| Kite | A kite designer. | {kite} | Free |\n"
    "| Reef | Knots explained. | [Site](https://reef.example.org/) | Free |\n"
)


def test_the_other_links_of_a_row_link_cell_are_kept_in_its_description() -> None:
    # '1. [URL](…)<br>2. [API](…)', '[Paper](…), [Tweet](…)': the row is at its first link,
    # the others (its API, its tweet) were dropped in silence.
    result = read(
        TOOLS.format(
            kite="1. [URL](https://kite.example.org/)<br>2. [API](https://api.example.org/)"
        )
    )
    assert listed(result.roadmap) == [
        (("Assistants",), "Kite", "https://kite.example.org/"),
        (("Assistants",), "Reef", "https://reef.example.org/"),
    ]
    kite, reef = result.roadmap.sections[0].resources
    assert kite.description.startswith("A kite designer.")
    assert "[API](https://api.example.org/)" in kite.description
    assert reef.description.strip() == "Knots explained."


def test_a_link_added_to_a_row_link_cell_is_an_update() -> None:
    # awesome-aitools-tables-history: '2. [API](…)' added after '1. [URL](…)' in a Links cell
    # is an edit a reader sees; it made no feed entry.
    before = read(TOOLS.format(kite="[URL](https://kite.example.org/)")).roadmap
    after = read(
        TOOLS.format(
            kite="1. [URL](https://kite.example.org/)<br>2. [API](https://api.example.org/)"
        )
    ).roadmap
    changes = diff(Snapshot(roadmap=before), Snapshot(roadmap=after))
    assert [change.resource.title for change in changes.announced_updates] == ["Kite"]


def test_links_stacked_alone_in_a_cell_stay_resources_of_their_own() -> None:
    # `[A](…)<br/>[B](…)`, links only, one a line: each its own resource (`_stacked_links`),
    # not a link in the first one's description.
    result = read(
        TOOLS.format(
            kite="[Kite](https://kite.example.org/)<br>[Kite Pro](https://pro.example.org/)"
        )
    )
    titles = [title for _, title, _ in listed(result.roadmap)]
    assert "https://pro.example.org/" in [url for _, _, url in listed(result.roadmap)]
    kite = result.roadmap.sections[0].resources[0]
    assert "pro.example.org" not in kite.description
    assert titles[0] == "Kite"


LESSONS = (
    "# Course\n\n## Lessons\n\n| Lesson | Watch | Stars |\n|---|---|---|\n"
    "| [Kites](https://example.org/kites) | {video} | [1.2k](https://example.org/kites/stars) |\n"
    "| [Knots](https://example.org/knots) | [Video](https://video.example.org/knots) | "
    "[980](https://example.org/knots/stars) |\n"
)


def test_links_named_by_what_they_are_in_a_column_of_no_field_are_kept() -> None:
    # ai-agents-for-beginners' '[Video](…)' column, paper-reading-zh's 视频 column of
    # '[YouTube](…)': what a reader finds beside each lesson, dropped in silence. Links named
    # otherwise in such a column (a star count, a number) say no more than before: not kept.
    result = read(LESSONS.format(video="[Video](https://video.example.org/kites)"))
    kites, knots = result.roadmap.sections[0].resources
    assert "[Video](https://video.example.org/kites)" in kites.description
    assert "[Video](https://video.example.org/knots)" in knots.description
    assert "stars" not in kites.description


def test_a_video_put_online_in_its_column_is_an_update() -> None:
    # paper-reading-zh-history: a reading's video put online, an edit changes.yaml marked
    # `unread` (its column was not kept).
    before = read(LESSONS.format(video="")).roadmap
    after = read(LESSONS.format(video="[Video](https://video.example.org/kites)")).roadmap
    changes = diff(Snapshot(roadmap=before), Snapshot(roadmap=after))
    assert [change.resource.title for change in changes.announced_updates] == ["Kites"]


def test_a_fence_in_an_item_then_one_at_column_0_reads_in_pieces_as_the_whole() -> None:
    # Found by CI's derandomized property test: '  ```' opens a fence in the list item, and
    # '```' at column 0 ends the item (and its fence) and opens another fence that runs to the
    # end, '## A' inside it. The cut before '## A' took it for a heading: read in pieces, the
    # document had a section A and its item in the intro; read whole, neither.
    assert_each_version_reads_as_the_whole(
        ["# Map\n\n<p>top</p>\n\n- [a](https://example.org/a) - one\n  ```\n```\n## A\n"]
    )
