"""publisher import: shapes found on session 19's work on the held-out histories (heldI;
examples invented, shapes taken from tests/fixtures/held-out-pending/:
ai-for-beginners-table-history, ds-for-beginners-curricula-history)."""

from __future__ import annotations

from test_importer_shapes import listed, read

BADGE = "https://img.shields.io/badge/"


def test_linked_buttons_naming_things_one_a_line_are_resources() -> None:
    # ds-for-beginners-curricula-history (version 3): a team's other courses written as
    # buttons, one a line under a heading of their series: `[![AZD for Beginners](https://
    # img.shields.io/badge/AZD%20for%20Beginners-0078D4?style=for-the-badge)](https://…)`,
    # a badge drawing the course's name (one text, a colour), its alt text that name, its link
    # the course. They were read as a row of status badges: all lost.
    result = read(
        "# Rivers\n\n## Other Courses\n\nOur team makes other courses:\n\n"
        "### Water Series\n"
        f"[![Rain for Beginners]({BADGE}Rain%20for%20Beginners-0078D4?style=for-the-badge)]"
        "(https://example.org/rain?ref=team)\n"
        f"[![Snow (.NET)]({BADGE}Snow%20(.NET)-9333EA?style=for-the-badge)]"
        "(https://example.org/snow)\n"
        f"[![Ice for C#/Go]({BADGE}Ice%20for%20C%23/Go-FBBF24)](https://example.org/ice)\n\n"
        "---\n\n"
        "### Stone Series\n"
        f"[![Rock_Climbing 101]({BADGE}Rock__Climbing_101-22C55E)](https://example.org/rock)\n"
        f"[![Sand Art]({BADGE}-Sand%20Art-84CC16)](https://example.org/sand)\n"
    )
    assert listed(result.roadmap) == [
        (
            ("Other Courses", "Water Series"),
            "Rain for Beginners",
            "https://example.org/rain?ref=team",
        ),
        (("Other Courses", "Water Series"), "Snow (.NET)", "https://example.org/snow"),
        (("Other Courses", "Water Series"), "Ice for C#/Go", "https://example.org/ice"),
        (("Other Courses", "Stone Series"), "Rock_Climbing 101", "https://example.org/rock"),
        (("Other Courses", "Stone Series"), "Sand Art", "https://example.org/sand"),
    ]


def test_status_badges_one_a_line_stay_badges() -> None:
    # A badge saying something of the project (a label and its value: 'PRs | welcome',
    # 'License | MIT'), one of another service, a button among them ('Buy me a coffee' over
    # an npm version), or buttons naming this README's translations: no resources, as before.
    result = read(
        "# Rivers\n\n## About\n\n"
        f"[![PRs Welcome]({BADGE}PRs-welcome-brightgreen.svg)](http://makeapullrequest.com)\n"
        f"[![License: MIT]({BADGE}License-MIT-yellow.svg)](https://opensource.org/licenses/MIT)\n"
        "\n## Support\n\n"
        f"[![Buy me a coffee]({BADGE}Buy_Me_a_Coffee-ffdd00)](https://example.org/sponsor)\n"
        "[![npm](https://img.shields.io/npm/v/rivers.svg)](https://npmjs.org/package/rivers)\n"
        "\n## Read it in\n\n"
        f"[![Hindi]({BADGE}-Hindi-orange)](translations/README.hi.md)\n"
        f"[![French]({BADGE}-French-purple)](translations/README.fr.md)\n"
        "\n## Tools\n\n- [Boat](https://example.org/boat) - floats.\n"
    )
    assert listed(result.roadmap) == [(("Tools",), "Boat", "https://example.org/boat")]


COURSE = "https://example.org/course/"


def test_a_table_row_of_a_part_number_and_a_bold_name_heads_the_rows_below() -> None:
    # ai-for-beginners-table-history: a course's lessons table whose parts are rows of their
    # own, '| IV | [**Computer Vision**](…) | [PyTorch](…) / [TensorFlow](…) | [Explore …](…)
    # |' over the part's lessons '| 06 | [Intro to Computer Vision](…) | … |'. A reader sees
    # the parts as headings of the lessons under them; each part was read as a resource among
    # the lessons (at the part's page, or without a link), every lesson filed under the table's
    # section. Now a section each, named by the bold name, holding the rows below it and the
    # links of its own row (titled by their cell's words); the part's own link is its page.
    result = read(
        "# Rivers\n\n## Lessons\n\n"
        "| | Lesson | Notebooks | Lab |\n|:-:|:-:|:-:|---|\n"
        "| 0 | [Setup](./lessons/0/setup.md) | [Tools](./lessons/0/tools.md) | |\n"
        "| I | [**Water**](./lessons/1-water/README.md) | | |\n"
        "| 01 | [Rain and Clouds](./lessons/1-water/01/README.md) "
        "| [Notebook](./lessons/1-water/01/nb.ipynb) | [Lab](./lessons/1-water/01/lab.md) |\n"
        "| 02 | [Ice](./lessons/1-water/02/README.md) | - | - |\n"
        "| II | **Stone** |\n"
        "| 03 | [Sand](./lessons/2-stone/03/README.md) | | |\n"
        "| III | [**Wind**](./lessons/3-wind/README.md) | [Python](https://learn.example.org/py)"
        " / [Rust](https://learn.example.org/rs) | [Wind on the Cloud](https://learn.example.org/"
        "cloud) |\n"
        "| 04 | [Gusts](./lessons/3-wind/04/README.md) | | |\n",
        base_url=COURSE,
    )
    assert listed(result.roadmap) == [
        (("Lessons",), "Setup", f"{COURSE}lessons/0/setup.md"),
        (("Lessons", "Water"), "Rain and Clouds", f"{COURSE}lessons/1-water/01/README.md"),
        (("Lessons", "Water"), "Ice", f"{COURSE}lessons/1-water/02/README.md"),
        (("Lessons", "Stone"), "Sand", f"{COURSE}lessons/2-stone/03/README.md"),
        (("Lessons", "Wind"), "Python / Rust", "https://learn.example.org/py"),
        (("Lessons", "Wind"), "Wind on the Cloud", "https://learn.example.org/cloud"),
        (("Lessons", "Wind"), "Gusts", f"{COURSE}lessons/3-wind/04/README.md"),
    ]
    assert [str(warning).split(": ", 1)[0] for warning in result.warnings] == [
        "road.md:8",
        "road.md:11",
        "road.md:13",
    ]
    assert "read as the heading of the rows below it" in str(result.warnings[0])


def test_a_part_row_of_an_html_table_heads_the_rows_below() -> None:
    # The same course's table in raw HTML (read with --html-links): '<td>IV</td><td colspan=
    # "4"><b>Computer Vision</b></td>', the part's name bold over a cell spanning the row, or
    # a bold link and a learning path beside it; a part without a number ('Extras').
    result = read(
        "# Rivers\n\n## Lessons\n\n<table>\n"
        "<tr><th>No</th><th>Lesson</th><th>Intro</th><th>Lab</th></tr>\n"
        '<tr><td>I</td><td colspan="2"><b>Water</b></td><td></td></tr>\n'
        '<tr><td>1</td><td>Rain and Clouds</td><td><a href="lessons/1/README.md">Text</a></td>'
        '<td><a href="lessons/1/lab.md">Lab</a></td></tr>\n'
        '<tr><td>II</td><td><b><a href="lessons/2/README.md">Stone</a></b></td>'
        '<td colspan="2"><a href="https://learn.example.org/stone">Explore Stone</a></td></tr>\n'
        '<tr><td>2</td><td>Sand</td><td><a href="lessons/2/sand.md">Text</a></td><td></td></tr>\n'
        '<tr><td></td><td colspan="2"><b>Extras</b></td><td></td></tr>\n'
        '<tr><td>X1</td><td>Pebbles</td><td><a href="lessons/x/README.md">Text</a></td>'
        "<td></td></tr>\n</table>\n",
        base_url=COURSE,
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Lessons", "Water"), "Rain and Clouds", f"{COURSE}lessons/1/README.md"),
        (("Lessons", "Stone"), "Explore Stone", "https://learn.example.org/stone"),
        (("Lessons", "Stone"), "Sand", f"{COURSE}lessons/2/sand.md"),
        (("Lessons", "Extras"), "Pebbles", f"{COURSE}lessons/x/README.md"),
    ]


def test_a_table_whose_every_row_names_its_item_in_bold_keeps_its_rows() -> None:
    # Rows numbered in Roman numerals, each a bold name: items of the table, no parts (no row
    # of another kind for them to head).
    result = read(
        "# Kites\n\n## Models\n\n| No | Model | Notes |\n|---|---|---|\n"
        "| I | [**Delta**](https://example.org/delta) | A kite. |\n"
        "| II | [**Box**](https://example.org/box) | Another kite. |\n"
    )
    assert listed(result.roadmap) == [
        (("Models",), "Delta", "https://example.org/delta"),
        (("Models",), "Box", "https://example.org/box"),
    ]


def test_a_first_level_1_heading_naming_a_chapter_is_a_section_not_the_title() -> None:
    # ai-for-beginners-table-history: its lessons under '# Content' (the README's own title
    # above it, out of the excerpt). A heading that names a chapter of any document (Content,
    # Introduction, Overview) says nothing of what the list is: it titled the road map, its
    # lessons filed under the importer's own section for resources outside any. Now it is a
    # section, as the same words are in a first heading of another level
    # (`_title_otherwise`), and the road map is titled otherwise (its file's name, warned).
    result = read(
        "# Content\n\n"
        "- [Kite](https://example.org/kite) - flies.\n"
        "- [Boat](https://example.org/boat) - floats.\n\n"
        "## More\n\n- [Sled](https://example.org/sled) - slides.\n"
    )
    assert result.roadmap.title == "road"
    assert listed(result.roadmap) == [
        (("Content",), "Kite", "https://example.org/kite"),
        (("Content",), "Boat", "https://example.org/boat"),
        (("Content", "More"), "Sled", "https://example.org/sled"),
    ]
    assert "no title found" in str(result.warnings[0])
    # A title of any other words stays the title.
    titled = read("# Kites\n\n- [Kite](https://example.org/kite) - flies.\n")
    assert titled.roadmap.title == "Kites"


def test_a_link_left_open_in_an_html_table_cell_ends_with_the_cell() -> None:
    # ai-for-beginners-table-history: lesson 14's '<td><a href="…/README.md">Text</td>' (no
    # '</a>'): a browser ends the link with its cell, and the reader sees 'Text' linked. The
    # link was not read: the lesson went to its notebook's link in the next cell.
    result = read(
        "# Rivers\n\n## Lessons\n\n<table>\n"
        "<tr><th>No</th><th>Lesson</th><th>Intro</th><th>Notebook</th></tr>\n"
        '<tr><td>1</td><td>Rain</td><td><a href="lessons/1/README.md">Text</a></td>'
        '<td><a href="lessons/1/nb.ipynb">Notebook</a></td></tr>\n'
        '<tr><td>2</td><td>Snow</td><td><a href="lessons/2/README.md">Text</td>'
        '<td><a href="lessons/2/nb.ipynb">Notebook</a></td></tr>\n'
        "</table>\n",
        base_url=COURSE,
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Lessons",), "Rain", f"{COURSE}lessons/1/README.md"),
        (("Lessons",), "Snow", f"{COURSE}lessons/2/README.md"),
    ]
    assert [str(warning) for warning in result.warnings] == [
        "road.md:8: an <a href> left open in its cell (no '</a>'): ended with the cell, as a "
        "browser reads it"
    ]


def test_a_link_card_right_under_a_table_of_resources_is_one_more_of_them() -> None:
    # ai-for-beginners-table-history: '**[Mindmap of the Course](…)**' alone on its line
    # under the lessons' table, then paragraphs about the lessons. A link card alone is its
    # heading's link line (a course heading's) or a paragraph; under a table of resources the
    # heading is a section by its table, and the card was kept in its intro, lost. Now one more
    # resource of the section.
    result = read(
        "# Rivers\n\n## Lessons\n\n"
        "| Lesson | Text |\n|---|---|\n"
        "| Rain | [Rain and clouds](https://example.org/rain) |\n"
        "| Snow | [Snow and ice](https://example.org/snow) |\n\n"
        "**[Atlas of the Course](https://example.org/atlas)**\n\n"
        "Each lesson has a text and a notebook.\n"
    )
    assert listed(result.roadmap) == [
        (("Lessons",), "Rain and clouds", "https://example.org/rain"),
        (("Lessons",), "Snow and ice", "https://example.org/snow"),
        (("Lessons",), "Atlas of the Course", "https://example.org/atlas"),
    ]
    # Alone under its heading, with no list above it, it stays the heading's link line.
    alone = read(
        "# Rivers\n\n## Atlas\n\n**[Atlas of the Course](https://example.org/atlas)**\n\n"
        "Maps of every river.\n"
    )
    assert listed(alone.roadmap) == [(("Resources",), "Atlas", "https://example.org/atlas")]


def test_an_html_table_row_saying_unlinked_what_other_rows_link_is_a_resource_to_come() -> None:
    # ai-for-beginners-table-history (version 1): lesson 20, not yet written, '<td>Text</td>
    # <td>PyTorch</td>' where the other lessons link those words: a lesson the reader sees,
    # its links still to come. A row of an HTML table without a link was no resource (a table
    # of figures): it was lost. Now a resource without URL, warned as a row with an empty
    # href is.
    result = read(
        "# Rivers\n\n## Lessons\n\n<table>\n"
        "<tr><th>No</th><th>Lesson</th><th>Intro</th><th>Notebook</th></tr>\n"
        '<tr><td>1</td><td>Rain</td><td><a href="lessons/1/README.md">Text</a></td>'
        '<td><a href="lessons/1/nb.ipynb">Notebook</a></td></tr>\n'
        "<tr><td>2</td><td>Snow</td><td>Text</td><td>Notebook</td></tr>\n"
        "<tr><td>3</td><td>Hail</td><td>92</td><td>7</td></tr>\n"
        '<tr><td>4</td><td>Fog</td><td><a href="lessons/4/README.md">Text</a></td><td></td></tr>\n'
        '<tr><td>5</td><td>Dew</td><td><a href="lessons/5/README.md">Text</a></td>'
        '<td><a href="lessons/5/nb.ipynb">Notebook</a></td></tr>\n'
        "</table>\n",
        base_url=COURSE,
        html_links=True,
    )
    assert listed(result.roadmap) == [
        (("Lessons",), "Rain", f"{COURSE}lessons/1/README.md"),
        (("Lessons",), "Snow", ""),
        (("Lessons",), "Fog", f"{COURSE}lessons/4/README.md"),
        (("Lessons",), "Dew", f"{COURSE}lessons/5/README.md"),
    ]
    assert [str(warning) for warning in result.warnings] == [
        "road.md:8: row 'Snow': its link is still to come (its cells say 'Text' unlinked, "
        "where other rows link them): a resource without URL"
    ]


def test_an_html_table_cell_left_open_ends_at_the_next_cell() -> None:
    # ai-for-beginners-table-history: '<td><a href="…/README.md">Text</a>' then, with no
    # '</td>', '<td colspan="2"><a href="…/Perceptron.ipynb">Notebook</a></td>': a browser
    # ends the cell at the next one. Both links were read as one cell, the lesson titled
    # 'Text' (its name made a tag) with its notebook in its description.
    result = read(
        "# Rivers\n\n## Lessons\n\n<table>\n"
        "<tr><th>No</th><th>Lesson</th><th>Intro</th><th>Notebook</th><th>Lab</th></tr>\n"
        '<tr><td>1</td><td>Rain</td><td><a href="lessons/1/README.md">Text</a>\n'
        '  <td><a href="lessons/1/nb.ipynb">Notebook</a></td>'
        '<td><a href="lessons/1/lab.md">Lab</a></td></tr>\n'
        '<tr><td>2</td><td>Snow</td><td><a href="lessons/2/README.md">Text</a></td>'
        '<td><a href="lessons/2/nb.ipynb">Notebook</a></td><td></td></tr>\n'
        "</table>\n",
        base_url=COURSE,
        html_links=True,
    )
    assert [
        (resource.title, resource.url, resource.tags) for _, resource in result.roadmap.walk()
    ] == [
        ("Rain", f"{COURSE}lessons/1/README.md", ()),
        ("Snow", f"{COURSE}lessons/2/README.md", ()),
    ]
    assert [str(warning) for warning in result.warnings] == [
        "road.md:7: a table cell left open (no '</td>'): ended at the next cell, as a browser "
        "reads it"
    ]


def test_a_cell_of_several_links_each_named_by_what_it_is_leaves_the_row_its_name() -> None:
    # ai-for-beginners-table-history: a lesson of two texts, '<td>Frameworks<br/>Overfitting
    # </td><td><a href="…">Text</a><br/><a href="…">Text</a></td>': its links each say only
    # what part of the lesson they are, as one '[Text](…)' does (507c618). The lesson was
    # titled 'Text', its name made a tag.
    result = read(
        "# Rivers\n\n## Lessons\n\n<table>\n"
        "<tr><th>No</th><th>Lesson</th><th>Intro</th><th>PyTorch</th></tr>\n"
        '<tr><td>1</td><td>Rain</td><td><a href="lessons/1/README.md">Text</a></td>'
        '<td><a href="lessons/1/nb.ipynb">PyTorch</a></td></tr>\n'
        "<tr><td>2</td><td>Snow<br/>Ice</td>"
        '<td><a href="lessons/2/snow.md">Text</a><br/><a href="lessons/2/ice.md">Text</a></td>'
        '<td><a href="lessons/2/nb.ipynb">PyTorch</a></td></tr>\n'
        "</table>\n",
        base_url=COURSE,
        html_links=True,
    )
    assert [
        (resource.title, resource.url, resource.tags) for _, resource in result.roadmap.walk()
    ] == [
        ("Rain", f"{COURSE}lessons/1/README.md", ()),
        ("Snow Ice", f"{COURSE}lessons/2/snow.md", ()),
    ]


def test_a_link_named_by_its_column_leaves_the_row_its_name() -> None:
    # ai-for-beginners-table-history: '| Lesson | … | PyTorch |' over a row whose first link
    # is '[PyTorch](…)' in that column: the link says which column it is, not what the row
    # is; the row was titled 'PyTorch', its name made a tag.
    result = read(
        "# Rivers\n\n## Lessons\n\n| No | Lesson | Text | PyTorch |\n|---|---|---|---|\n"
        "| 1 | Rain | [Text](lessons/1/README.md) | [PyTorch](lessons/1/nb.ipynb) |\n"
        "| 2 | Rain on the cloud | | [PyTorch](https://learn.example.org/rain) |\n",
        base_url=COURSE,
    )
    assert [
        (resource.title, resource.url, resource.tags) for _, resource in result.roadmap.walk()
    ] == [
        ("Rain", f"{COURSE}lessons/1/README.md", ()),
        ("Rain on the cloud", "https://learn.example.org/rain", ()),
    ]


def test_an_html_cell_spanning_columns_puts_the_cells_after_it_under_their_headers() -> None:
    # ai-for-beginners-table-history: '<td></td><td colspan="2">Microsoft Learn Module on
    # Computer Vision</td><td><a …>PyTorch</a></td><td><a …>TensorFlow</a></td>': a browser
    # shows the PyTorch link under 'PyTorch'; read as written, cell by cell, it stood under
    # 'Intro' (the lessons' text links) and named the row 'PyTorch'.
    result = read(
        "# Rivers\n\n## Lessons\n\n<table>\n"
        "<tr><th>No</th><th>Lesson</th><th>Intro</th><th>PyTorch</th><th>TensorFlow</th></tr>\n"
        '<tr><td>1</td><td>Rain</td><td><a href="lessons/1/README.md">Text</a></td>'
        '<td><a href="lessons/1/pt.ipynb">PyTorch</a></td>'
        '<td><a href="lessons/1/tf.ipynb">TensorFlow</a></td></tr>\n'
        '<tr><td></td><td colspan="2">River Module</td>'
        '<td><a href="https://learn.example.org/pt">PyTorch</a></td>'
        '<td><a href="https://learn.example.org/tf">TensorFlow</a></td></tr>\n'
        "</table>\n",
        base_url=COURSE,
        html_links=True,
    )
    assert [(resource.title, resource.url) for _, resource in result.roadmap.walk()] == [
        ("Rain", f"{COURSE}lessons/1/README.md"),
        ("River Module", "https://learn.example.org/pt"),
    ]
