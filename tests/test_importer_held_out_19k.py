"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
the lists session 19's helper heldK held out: tests/fixtures/held-out-pending/
podcasts-bold-feeds)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read

# Shows named in bold, each with its feed and its page in brackets after the name
# (podcasts-bold-feeds: '- **Name** ([xml](feed), [url](site))'); a name with a colon in it,
# one written in lower case, one show with its feed only.
BOLD_NAMES_FEED_AND_PAGE = (
    "# Shows\n\n"
    "## Knots\n\n"
    "- **Rope Talk** ([xml](https://feeds.example.org/rope), [url](https://rope.example.org/))\n"
    "- **The Splice: A Show About Joins** ([xml](https://feeds.example.org/splice), "
    "[url](https://splice.example.org/))\n"
    "- **loopcast.fm** ([xml](https://loopcast.example.org/rss), "
    "[url](https://loopcast.example.org/))\n"
    "- **Hitch Hour** ([xml](https://feeds.example.org/hitch))\n"
)


def test_a_list_of_bold_names_with_their_feed_and_page_is_each_show_at_its_page() -> None:
    # The list was kept as text whole: a name with a colon in its bold ('The Splice: …') read
    # as a label before a link, a name in lower case as no work's name; where read, each show
    # was at its feed, the first link.
    result = read(BOLD_NAMES_FEED_AND_PAGE)
    assert listed(result.roadmap) == [
        (("Knots",), "Rope Talk", "https://rope.example.org/"),
        (("Knots",), "The Splice: A Show About Joins", "https://splice.example.org/"),
        (("Knots",), "loopcast.fm", "https://loopcast.example.org/"),
        (("Knots",), "Hitch Hour", "https://feeds.example.org/hitch"),
    ]
    said = messages(result)
    assert any("road.md:5:" in message and "its feed" in message for message in said)
    assert not any("road.md:8:" in message and "its feed" in message for message in said)


def test_a_feed_link_after_a_name_in_bold_is_its_address_when_it_has_no_other() -> None:
    result = read(
        "# Shows\n\n## Knots\n\n"
        "- **Hitch Hour** ([rss](https://feeds.example.org/hitch))\n"
        "- **Bend Time** ([feed](https://feeds.example.org/bend))\n"
    )
    assert [url for _, _, url in listed(result.roadmap)] == [
        "https://feeds.example.org/hitch",
        "https://feeds.example.org/bend",
    ]


def test_a_name_before_its_forms_in_brackets_stays_at_the_first_form() -> None:
    # Forms that are not feeds ('([v1](…) [v2](…))'): the first, as before.
    result = read(
        "# Guides\n\n## Style\n\n"
        "- Rope Design ([version one](https://example.org/v1) [version two](https://example.org/v2))\n"
        "- Knot Design ([version one](https://example.org/k1) [version two](https://example.org/k2))\n"
    )
    assert [url for _, _, url in listed(result.roadmap)] == [
        "https://example.org/v1",
        "https://example.org/k1",
    ]


def test_a_label_in_bold_before_a_link_stays_a_note() -> None:
    # '**Note:** see [the guide](…)': a colon in a bold label is still a label.
    result = read(
        "# Guides\n\n## Style\n\n"
        "- [Rope Guide](https://example.org/rope) - Ropes.\n"
        "- **Note:** see [the knot guide](https://example.org/knots)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == ["Rope Guide"]


# A heading that is a link, nothing under it, among sections of its level that list links
# (lecture-checkboxes-ja: '## [IT 企業研修まとめ](…)' after '## データ構造とアルゴリズム').
LINKED_HEADING_AMONG_SECTIONS = (
    "# Kites\n\n"
    "## Knots\n\n"
    "- [Bowline](https://example.org/bowline)\n"
    "- [Hitch](https://example.org/hitch)\n\n"
    "## [Rope Guide](https://example.org/rope)\n\n"
    "## Splices\n\n"
    "- [Eye splice](https://example.org/eye)\n"
)


def test_a_linked_heading_after_a_section_listing_links_is_its_sibling() -> None:
    # It was filed as a third resource of 'Knots', the section before it, as nested sections
    # already read it ('### [Rope Guide](…)' after a '###' that lists links).
    result = read(LINKED_HEADING_AMONG_SECTIONS)
    assert listed(result.roadmap) == [
        (("Knots",), "Bowline", "https://example.org/bowline"),
        (("Knots",), "Hitch", "https://example.org/hitch"),
        (("Resources",), "Rope Guide", "https://example.org/rope"),
        (("Splices",), "Eye splice", "https://example.org/eye"),
    ]


def test_linked_headings_under_a_section_with_no_list_stay_its_resources() -> None:
    # '## Courses' over a sentence, then the courses as '##' links: the section's, as before.
    result = read(
        "# Kites\n\n## Courses\n\nThe courses we like.\n\n"
        "## [Knot School](https://example.org/school)\n\nTies.\n\n"
        "## [Rope Camp](https://example.org/camp)\n\nSplices.\n"
    )
    assert [(path, title) for path, title, _ in listed(result.roadmap)] == [
        (("Courses",), "Knot School"),
        (("Courses",), "Rope Camp"),
    ]
