"""publisher import: defects found by session 18's review of its own rules, fixed in session
19 (examples invented; each test names the shape it reads)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_git_history import Repository, run
from test_importer_shapes import listed, messages, read

from publisher.importer import readme_repositories
from publisher.load import load_snapshot

# A fork's README, written upstream: its contents link into the upstream's front page at its
# own sections (`up/awesome-kites#deltas` over its own `### Deltas`), and a thematic break
# (`---`) sets off its closing words, as many lists do.
_FORK = (
    "# Awesome kites\n\nKites I like.\n\n## Kites\n\nBy their shapes:\n\n"
    "- [Deltas](https://github.com/up/awesome-kites#deltas)\n"
    "- [Boxes](https://github.com/up/awesome-kites#boxes)\n"
    "- [Sleds](https://github.com/up/awesome-kites#sleds)\n\n"
    "### Deltas\n\n- [Delta](https://delta.example.org) - a delta kite.\n\n"
    "### Boxes\n\n- [Box](https://box.example.org) - a box kite.\n\n"
    "### Sleds\n\n- [Sled](https://sled.example.org) - a sled kite.\n\n"
    "---\n\nMade with love.\n"
)


@pytest.mark.parametrize(
    ("known", "folder", "repositories"),
    [
        pytest.param(["me/awesome-kites"], "", "me/awesome-kites up/awesome-kites", id="remote"),
        pytest.param([], "awesome-kites", "up/awesome-kites", id="by-its-folder"),
    ],
)
def test_a_thematic_break_hides_no_heading_of_the_document(
    known: list[str], folder: str, repositories: str
) -> None:
    # The sections a document has (its headings, to tell its upstream's links into them from
    # links into another list of its name) were found by a pattern whose setext heading ran
    # over many lines: from the first paragraph line to a `---` line far below, it took every
    # ATX heading between as its own words, and none was a section: the fork's upstream was
    # no longer its own, its contents read as three resources.
    assert readme_repositories(_FORK, known, folder) == repositories


def test_a_forks_contents_over_a_thematic_break_are_not_resources(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "awesome-kites")
    repo.commit("README.md", _FORK, "Start", "2024-05-01T09:00:00Z")
    repo.git("remote", "add", "origin", "git@github.com:me/awesome-kites.git")
    written = tmp_path / "roadmap.yaml"
    code, output = run("import", str(repo.root / "README.md"), "-o", str(written))
    assert code == 0, output
    assert [title for _, title, _ in listed(load_snapshot(written).roadmap)] == [
        "Delta",
        "Box",
        "Sled",
    ]


def test_an_html_record_rows_item_is_a_cell_read_as_a_resource() -> None:
    # A row of an HTML table that is one record (0a8c1070: a cell holding only its item's
    # link, a cell of words saying what it is) took as its item the first cell holding only
    # a link, whatever it led to: a topic's cell linking to its section (`#drawing`) became
    # the item, never read (a link into the document), and the tool beside it a field of it:
    # the row gave nothing, in silence. A badge after the item (its stars) was said to be
    # kept in its description, where no badge is kept. Its item is the first cell whose link
    # is read as a resource; a link into the document and a badge are left as they were read
    # before (neither a resource), with nothing said of them.
    result = read(
        "# Kites\n\n## Tools by topic\n\n<table>\n"
        '<tr><td><a href="#drawing">Drawing</a></td>'
        '<td><a href="https://pen.example.org">Pen</a></td><td>Draws kites.</td></tr>\n'
        '<tr><td><a href="https://kite.example.org">Kite</a></td>'
        '<td><a href="https://example.org/kite/stars">'
        '<img src="https://img.shields.io/github/stars/ada/kite" alt="stars"></a></td>'
        "<td>An editor for kites.</td></tr>\n"
        "</table>\n\n## Drawing\n\nPens and inks.\n",
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Tools by topic",), "Pen", "https://pen.example.org"),
        (("Tools by topic",), "Kite", "https://kite.example.org"),
    ]
    assert [r.description.strip() for r in result.roadmap.sections[0].resources] == [
        "Draws kites.",
        "An editor for kites.",
    ]
    assert messages(result) == []


def test_a_one_column_table_of_link_rows_under_an_image_is_a_list() -> None:
    # A table of one column whose head is an image was read as a figure (507c618f: the image
    # set in a table to center it, its caption below), every row a caption: a list set in a
    # table under its logo (`| ![Python](…) |` over a row per framework, each its link and
    # what it is) was read as nothing, each row said to be a caption. A figure's caption is
    # words (its credit linked in them); a row that opens with its link is a list's item,
    # read as any table's row is.
    result = read(
        "# Frameworks\n\n## Python\n\n"
        "| ![Python](https://img.example.org/python.png) |\n|---|\n"
        "| [Flask](https://flask.example.org) - a micro framework |\n"
        "| [Django](https://django.example.org) - batteries included |\n\n"
        "## Road map\n\n"
        "| ![Road map](road-map.png) |\n|:---:|\n"
        "| The road map - _Sketchnote by [@ann](https://ann.example.org)_ |\n"
    )
    assert listed(result.roadmap) == [
        (("Python",), "Flask", "https://flask.example.org"),
        (("Python",), "Django", "https://django.example.org"),
    ]
    said = messages(result)
    assert len(said) == 1
    assert said[0].startswith("road.md:14:")  # the caption's row


def test_a_line_pointing_at_the_address_below_it_names_nothing() -> None:
    # An item written a line each (81120ccf: its name on the first line, its bare URL alone
    # on the next) took any first line without a colon as the name: a line that points at
    # the address below it, as hard-wrapped prose sets a long URL on a line of its own ("The
    # slides of the talk are here", "More details at"), titled a resource by its words. As
    # the items that point at their link in a line ("More information [here](…)") and the
    # colon before the address, such a line names nothing: a note, as a colon's is.
    result = read(
        "# Kites\n\n## Talks\n\n"
        "- **Flying deltas**  \n  https://talks.example.org/deltas  \n  A talk on deltas.\n"
        "- The slides of the talk are here\n  https://slides.example.org/deltas\n"
        "- **Sled kites**\n  https://talks.example.org/sleds\n"
        "- More details at\n  https://details.example.org/sleds\n"
        "- **Implementation details**\n  https://talks.example.org/details\n"
    )
    assert listed(result.roadmap) == [
        (("Talks",), "Flying deltas", "https://talks.example.org/deltas"),
        (("Talks",), "Sled kites", "https://talks.example.org/sleds"),
        # a bold name is a title whatever its last word
        (("Talks",), "Implementation details", "https://talks.example.org/details"),
    ]
    deltas, sleds, _ = result.roadmap.sections[0].resources
    assert "https://slides.example.org/deltas" in deltas.description
    assert "https://details.example.org/sleds" in sleds.description
    said = messages(result)
    assert [message.split(":")[1] for message in said] == ["8", "12"], said


def test_a_badge_in_a_heading_is_not_its_words() -> None:
    # A title with its badge (`# Awesome kites [![Awesome](…)](…)`, as most such lists
    # write it) has the anchor of its words only (`#awesome-kites`): an image is no text of
    # its heading. Its words were read with the badge's alt text and address run into them,
    # so a fork's links back to its top (`up/awesome-kites#awesome-kites`, after each
    # section) counted as leading to a section it does not have, as many as its contents'
    # links, and its upstream was not its own.
    text = (
        "# Awesome kites [![Awesome](https://awesome.example.org/badge.svg)]"
        "(https://github.com/sindresorhus/awesome)\n\n## Kites\n\n"
        "- [Deltas](https://github.com/up/awesome-kites#deltas)\n"
        "- [Boxes](https://github.com/up/awesome-kites#boxes)\n\n"
        "### Deltas\n\n- [Delta](https://delta.example.org) - a delta kite.\n\n"
        "[Back to top](https://github.com/up/awesome-kites#awesome-kites)\n\n"
        "### Boxes\n\n- [Box](https://box.example.org) - a box kite.\n\n"
        "[Back to top](https://github.com/up/awesome-kites#awesome-kites)\n"
    )
    assert readme_repositories(text, ["me/awesome-kites"]) == "me/awesome-kites up/awesome-kites"


def test_a_record_rows_link_into_the_document_is_not_one_of_its_fields() -> None:
    # The cells holding only a link after a record's item are its fields, kept in its
    # description as links (0a8c1070): a cell linking into the document (`<a href="#editors">
    # back to top</a>`, a link to its section) went in too, a link that leads nowhere in the
    # road map. It is not one of its fields: left out, as it was before.
    result = read(
        "# Kites\n\n## Editors\n\n<table>\n"
        '<tr><td><a href="https://kite.example.org">Kite</a></td>'
        '<td>An editor for kites.</td><td><a href="#editors">back to top</a></td></tr>\n'
        "</table>\n",
        html_links=True,
    )
    (kite,) = result.roadmap.sections[0].resources
    assert kite.description.strip() == "An editor for kites."


def test_an_anchor_set_by_hand_is_a_section_of_the_document() -> None:
    # A section whose anchor its author set by hand (`<a name="cpp"></a>` over `## C++`,
    # `<h2 id="ml">`: GitHub's own anchor of `C++` is `#c`) is linked by that anchor: a
    # fork's contents link `up/awesome-kites#cpp`. Only the headings' words counted, so
    # such contents led to sections the document does not have, and its upstream was not
    # its own.
    text = (
        "# Awesome kites\n\n## Kites\n\n"
        "- [C++](https://github.com/up/awesome-kites#cpp)\n"
        "- [Machine learning](https://github.com/up/awesome-kites#ml)\n\n"
        '<a name="cpp"></a>\n### C++\n\n- [Kite++](https://kitepp.example.org) - kites in C++.\n\n'
        '<h3 id="ml">Machine learning</h3>\n\n'
        "- [Kite ML](https://kiteml.example.org) - kites that learn.\n"
    )
    assert readme_repositories(text, ["me/awesome-kites"]) == "me/awesome-kites up/awesome-kites"
