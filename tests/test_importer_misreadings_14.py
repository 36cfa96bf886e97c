"""publisher import: misreadings session 13 found in real lists and left (examples invented,
shapes taken from real lists; each test fails before its fix)."""

from __future__ import annotations

from publisher.importer import ImportResult, import_markdown, import_markdown_bytes
from publisher.load import build_snapshot
from publisher.model import Roadmap
from publisher.readme import render_readme


def read(text: str, **options: object) -> ImportResult:
    return import_markdown(text, "road.md", **options)  # type: ignore[arg-type]


def section_titles(roadmap: Roadmap) -> list[str]:
    return [section.title for _, section in roadmap.walk_sections()]


# --- a section title's closing colon --------------------------------------------------------


def test_a_headings_closing_colon_is_no_part_of_its_sections_title() -> None:
    result = read(
        "# Reading\n\n"
        "## Novels:\n\n- [The Long Road](https://example.org/road) - a trip\n\n"
        "### Short ones :\n\n- [Twelve Stories](https://example.org/twelve)\n\n"
        "## \u5c0f\u8aac\uff1a\n\n- [\u9577\u3044\u9053](https://example.org/michi)\n\n"
        "## Notes: part 2\n\n- [Margins](https://example.org/margins)\n"
    )
    assert section_titles(result.roadmap) == [
        "Novels",
        "Short ones",
        "\u5c0f\u8aac",
        "Notes: part 2",  # (a colon inside the title is its own)
    ]
    assert [section.id for _, section in result.roadmap.walk_sections()][:2] == [
        "novels",
        "short-ones",
    ]


def test_a_colon_heading_still_announces_the_plain_bullets_under_it() -> None:
    # `Each lesson includes:` over plain bullets: what each lesson has, no resources (the colon
    # is read before the title loses it).
    result = read(
        "# Course\n\n## Lessons\n\n- [Lesson 1](https://example.org/1)\n\n"
        "## Each lesson includes:\n\n- a video\n- a quiz\n- an assignment\n"
    )
    sections = {section.title: section for _, section in result.roadmap.walk_sections()}
    assert "Each lesson includes" in sections
    assert sections["Each lesson includes"].resources == ()
    assert "a quiz" in sections["Each lesson includes"].intro


def test_a_title_ending_with_a_shortcode_written_as_text_keeps_it() -> None:
    result = read("# R\n\n## Tips \\:bulb:\n\n- [Bulbs](https://example.org/bulbs)\n")
    assert section_titles(result.roadmap) == ["Tips :bulb:"]


def test_a_section_titled_with_a_closing_colon_reads_back_from_publisher_readme() -> None:
    roadmap = build_snapshot(
        {
            "title": "R",
            "sections": [
                {
                    "title": "Books:",
                    "resources": [{"title": "A", "url": "https://example.org/a"}],
                },
                {"title": "Talks", "resources": [{"title": "B", "url": "https://example.org/b"}]},
            ],
        },
        "roadmap.yaml",
    ).roadmap
    again = read(render_readme(roadmap)).roadmap
    assert section_titles(again) == ["Books:", "Talks"]


# --- relative links in intros ----------------------------------------------------------------

BASE = "https://github.com/owner/notes/blob/main/"


def test_relative_links_in_intros_resolve_against_the_base_url_as_resources_do() -> None:
    result = read(
        "# Notes\n\nStart with [the guide](docs/guide.md) and [the FAQ](<faq.md#why>).\n\n"
        "## Tools\n\nSee [setup](/setup/README.md), [a site](https://example.org/site), "
        "[this page's top](#notes), the ref [glossary] and `[code](kept.md)`.\n\n"
        '<a href="more.md">More</a>\n\n'
        "- [Hammer](tools/hammer.md)\n\n[glossary]: words.md\n",
        base_url=BASE,
    )
    roadmap = result.roadmap
    assert "[the guide](https://github.com/owner/notes/blob/main/docs/guide.md)" in roadmap.intro
    assert "[the FAQ](<https://github.com/owner/notes/blob/main/faq.md#why>)" in roadmap.intro
    tools = roadmap.sections[0]
    assert tools.resources[0].url == "https://github.com/owner/notes/blob/main/tools/hammer.md"
    assert "[setup](https://github.com/owner/notes/blob/main/setup/README.md)" in tools.intro
    assert "[a site](https://example.org/site)" in tools.intro
    assert "[this page's top](#notes)" in tools.intro
    assert "`[code](kept.md)`" in tools.intro  # (code, no link)
    assert 'href="https://github.com/owner/notes/blob/main/more.md"' in tools.intro


def test_relative_links_in_descriptions_resolve_against_the_base_url_too() -> None:
    result = read(
        "# Notes\n\n## Editors\n\n"
        "- [Quill](https://example.org/quill) - a pen. Its plugins: [list](plugins.md#quill).\n",
        base_url=BASE,
    )
    (resource,) = result.roadmap.sections[0].resources
    assert resource.description == (
        "a pen. Its plugins: [list](https://github.com/owner/notes/blob/main/plugins.md#quill).\n"
    )


def test_relative_links_in_intros_stay_as_written_without_a_base_url() -> None:
    result = read(
        "# Notes\n\nStart with [the guide](docs/guide.md).\n\n## A\n\n- [B](https://example.org/b)\n"
    )
    assert "[the guide](docs/guide.md)" in result.roadmap.intro


# --- a heading holding a link among its words ------------------------------------------------


def test_a_link_among_a_section_headings_words_is_kept_in_its_intro_and_said() -> None:
    result = read(
        "# Reading\n\n## Our [top 40 novels](https://example.org/top40):\n\n"
        "- [The Long Road](https://example.org/road) - a trip\n"
        "- [Twelve Stories](https://example.org/twelve) - short ones\n\n"
        "## Plain\n\n- [Margins](https://example.org/margins)\n"
    )
    novels, plain = result.roadmap.sections
    assert novels.title == "Our top 40 novels"
    assert novels.intro == "Our [top 40 novels](https://example.org/top40)\n"
    assert [resource.url for resource in novels.resources] == [
        "https://example.org/road",
        "https://example.org/twelve",
    ]
    assert plain.intro == ""
    assert [str(warning) for warning in result.warnings] == [
        "road.md:3: heading 'Our top 40 novels:': its links are no part of its section's "
        "title; the heading as written is kept in the section's intro"
    ]


# --- a note in parentheses after a tool's other pages ----------------------------------------


def test_a_note_in_parentheses_after_a_tools_other_pages_leaves_them_its_pages() -> None:
    result = read(
        "# Tools\n\n## Editors\n\n"
        "- [Quill](https://quill.example.org/) / [GitHub](https://github.com/o/quill) (MIT)\n"
        "- [Nib](https://nib.example.org/) / [GitHub](https://github.com/o/nib) (free) - Pens\n"
        "- [Ink](https://ink.example.org/), [Dip](https://dip.example.org/) (paid) - Inks\n"
    )
    assert [(r.title, r.url, r.description) for _, r in result.roadmap.walk()] == [
        ("Quill", "https://quill.example.org/", "MIT / [GitHub](https://github.com/o/quill)\n"),
        (
            "Nib",
            "https://nib.example.org/",
            "(free) - Pens / [GitHub](https://github.com/o/nib)\n",
        ),
        ("Ink", "https://ink.example.org/", "(paid) - Inks\n"),
        ("Dip", "https://dip.example.org/", "(paid) - Inks\n"),
    ]
    said = [str(warning) for warning in result.warnings]
    assert said[0] == (
        "road.md:5: 'GitHub' after 'Quill' and a slash: another page of it, kept in its description"
    )
    assert len(said) == 3


def test_words_going_on_in_parentheses_after_a_tools_links_stay_its_description() -> None:
    result = read(
        "# Tools\n\n## Editors\n\n- [Quill](https://quill.example.org/) / "
        "[GitHub](https://github.com/o/quill) (written when the old one broke, and kept since)\n"
    )
    ((_, quill),) = list(result.roadmap.walk())
    assert quill.description.startswith("/ [GitHub](https://github.com/o/quill) (written")


# --- alternatives after ' or ', each with pages of its own -----------------------------------


def test_alternatives_after_or_with_their_own_pages_are_each_a_resource() -> None:
    result = read(
        "# Tools\n\n## Editors\n\n"
        "- [Patchwork](https://patchwork.example.org/) / [Web Version](https://web.patchwork"
        ".example.org/) / [GitHub](https://github.com/o/patchwork) or [SewIt.io](https://sewit"
        ".io/) - Quilt editors\n"
        "- [Acme Quick Text Tools](https://acme.example.net/) / "
        "[GitHub](https://github.com/a/tt) or [Text Tools](https://tt.example.org/) / "
        "[GitHub](https://github.com/b/tt) - Helpers\n"
        # A translation after a title stays its version; an address its mirror.
        "- [The Quilting Guide Book](https://guide.example.org/), [Deutsch](https://guide"
        ".example.org/de) - a guide\n"
        "- [Loom](https://loom.example.org/), [loom.example.net](https://loom.example.net/) "
        "- a mirror\n"
    )
    assert [(r.title, r.url, r.description) for _, r in result.roadmap.walk()] == [
        (
            "Patchwork",
            "https://patchwork.example.org/",
            "Quilt editors / [Web Version](https://web.patchwork.example.org/) / "
            "[GitHub](https://github.com/o/patchwork)\n",
        ),
        ("SewIt.io", "https://sewit.io/", "Quilt editors\n"),
        (
            "Acme Quick Text Tools",
            "https://acme.example.net/",
            "Helpers / [GitHub](https://github.com/a/tt)\n",
        ),
        ("Text Tools", "https://tt.example.org/", "Helpers / [GitHub](https://github.com/b/tt)\n"),
        (
            "The Quilting Guide Book",
            "https://guide.example.org/",
            "[Deutsch](https://guide.example.org/de) - a guide\n",
        ),
        (
            "Loom",
            "https://loom.example.org/",
            # no comma left before the mirror: a description never opens with the mark that
            # joined it to its link (a10b278)
            "[loom.example.net](https://loom.example.net/) - a mirror\n",
        ),
    ]
    said = [str(warning) for warning in result.warnings]
    assert said[:2] == [
        "road.md:5: bullet names 2 links before what it says of them ('Patchwork', "
        "'SewIt.io'): read as one resource each",
        "road.md:5: 'Web Version', 'GitHub' after 'Patchwork' and a slash: other pages of it, "
        "kept in its description",
    ]
    assert (
        "road.md:6: bullet names 2 links before what it says of them ('Acme Quick Text Tools', "
        "'Text Tools'): read as one resource each" in said
    )


# --- a changelog's entries led by their issue or pull request --------------------------------


def test_an_entry_led_by_the_number_of_its_pull_request_is_titled_by_its_words() -> None:
    result = read(
        "# Changelog\n\n## 3.2.0\n\n"
        "- [#88](https://github.com/kite/app/pull/88) Added a night sky theme\n"
        "- [#91](https://github.com/kite/app/issues/91): Fixed the `tail` export\n"
        "- [GH-95](https://github.com/kite/app/pull/95) - Support wind maps\n\n"
        "## Plugins\n\n"
        "- [#3 Strings](https://example.org/strings) - a plugin\n"
        "- [#4](https://example.org/plugins/5) - the fifth, numbered four\n"
        "- [#6](https://github.com/kite/app/pull/6) Moved to [Reels](https://example.org/reels)\n"
    )
    assert [(r.title, r.url, r.description) for _, r in result.roadmap.walk()][:5] == [
        (
            "Added a night sky theme",
            "https://github.com/kite/app/pull/88",
            "[\\#88](https://github.com/kite/app/pull/88)\n",
        ),
        (
            "Fixed the tail export",
            "https://github.com/kite/app/issues/91",
            "[\\#91](https://github.com/kite/app/issues/91)\n",
        ),
        (
            "Support wind maps",
            "https://github.com/kite/app/pull/95",
            "[GH-95](https://github.com/kite/app/pull/95)\n",
        ),
        ("#3 Strings", "https://example.org/strings", "a plugin\n"),
        ("#4", "https://example.org/plugins/5", "the fifth, numbered four\n"),
    ]
    said = [str(warning) for warning in result.warnings]
    assert said[0] == (
        "road.md:5: link '#88' only numbers an issue or pull request: the reference of the "
        "entry 'Added a night sky theme' after it, kept in its description, not its title"
    )
    assert not any("#6" in message or "#4" in message for message in said)


# --- a README an earlier `publisher readme` wrote -------------------------------------------


def _earlier_readme(markdown: str) -> str:
    """What `publisher readme` wrote before its anchors were marked `data-publisher`."""
    return markdown.replace(" data-publisher></a>", "></a>")


def test_a_readme_written_by_an_earlier_publisher_readme_reads_as_that_commands() -> None:
    roadmap = build_snapshot(
        {
            "title": "Kites",
            "sections": [
                {
                    "title": "Contributing",  # a meta title: a hand-written one is skipped
                    "resources": [{"title": "Guide", "url": "https://example.org/guide"}],
                },
                {
                    "title": "Flying",
                    "resources": [
                        {"title": "Winds", "url": "https://example.org/winds", "kind": "article"}
                    ],
                },
            ],
        },
        "roadmap.yaml",
    ).roadmap
    old = _earlier_readme(render_readme(roadmap))
    assert '## Contributing <a id="contributing"></a>' in old
    result = read(old)
    assert result.roadmap == roadmap
    # (as `import-history` reads it, from bytes)
    assert import_markdown_bytes(old.encode(), "road.md").roadmap == roadmap
    assert [str(warning) for warning in result.warnings] == [
        'road.md:3: 1 heading anchor(s) such as <a id="contributing"></a>, with the other '
        "marks of an earlier `publisher readme`: read as that command's (its sections kept as "
        'written), as its current form `<a id="…" data-publisher></a>` is'
    ]


def test_an_anchor_of_that_form_without_the_commands_other_marks_is_an_authors() -> None:
    # `## Contributing <a id="help"></a>` in a README written by hand: a meta section, skipped.
    result = read(
        '# Kites\n\n## Contributing <a id="help"></a>\n\nSend a pull request.\n\n'
        "## Flying\n\n- [Winds](https://example.org/winds)\n"
    )
    assert [section.title for section in result.roadmap.sections] == ["Flying"]
    assert [str(warning) for warning in result.warnings] == [
        "road.md:3: section 'Contributing' skipped: a meta section, about the list "
        "(--keep-section 'Contributing' keeps it)"
    ]


def test_a_link_among_a_course_headings_words_is_kept_in_its_description_and_said() -> None:
    result = read(
        "# Courses\n\n## Kite Flying by [Jane Doe](https://jane.example.org/)\n\n"
        "\U0001f517 [Link to Course](https://course.example.org/kites)\n\nA course on kites.\n\n"
        "## Sailing\n\n\U0001f517 [Link to Course](https://course.example.org/sail)\n\n"
        "A course on sails.\n"
    )
    kites, sailing = (resource for _, resource in result.roadmap.walk())
    assert (kites.title, kites.url) == (
        "Kite Flying by Jane Doe",
        "https://course.example.org/kites",
    )
    assert kites.description.startswith(
        "Kite Flying by [Jane Doe](https://jane.example.org/)\n\n\U0001f517 [Link to Course]"
    )
    assert not sailing.description.startswith("Sailing")
    assert [str(warning) for warning in result.warnings] == [
        "road.md:3: heading 'Kite Flying by Jane Doe': its links are no part of its resource's "
        "title or URL; the heading as written is kept first in its description"
    ]
