"""publisher import: shapes found on session 18's held-out histories (heldI; examples invented,
shapes taken from the lists added to tests/fixtures/real/ and tests/fixtures/held-out-pending/:
awesome-aitools-tables-history, ai-for-beginners-table-history,
ds-for-beginners-curricula-history)."""

from __future__ import annotations

from test_importer_held_out import warned
from test_importer_shapes import listed, read

BASE = "https://example.org/course/"


def test_a_course_table_s_links_named_by_the_part_of_a_lesson_they_lead_to() -> None:
    # ai-for-beginners-table-history: `| No | Lesson | Intro | PyTorch | Lab |` over `| 3 |
    # Perceptron | [Text](…) | [Notebook](…) | [Lab](…) |`. The lesson's link is named by what
    # it leads to (its text to read), not by the lesson: each lesson was titled 'Text' (or by
    # its notebook's framework, 'PyTorch', where the Text link said nothing), its name made a
    # tag; rewritten as a markdown table with the lesson's name as its link, every lesson was
    # announced updated.
    result = read(
        "# Course\n\n## Content\n\n"
        "| No | Lesson | Intro | PyTorch | Lab |\n"
        "|----|--------|-------|---------|-----|\n"
        "| 1 | Water and Stones | [Text](lessons/1/README.md) | [Notebook](lessons/1/nb.ipynb) "
        "| [Lab](lessons/1/lab.md) |\n"
        "| 2 | Banks and Bends | [Text](lessons/2/README.md) | [PyTorch](lessons/2/pt.ipynb) | |\n"
        "| 3 | Sand Bars | [Text](lessons/3/README.md) | | [Lab](lessons/3/lab.md) |\n",
        base_url=BASE,
    )
    assert listed(result.roadmap) == [
        (("Content",), "Water and Stones", f"{BASE}lessons/1/README.md"),
        (("Content",), "Banks and Bends", f"{BASE}lessons/2/README.md"),
        (("Content",), "Sand Bars", f"{BASE}lessons/3/README.md"),
    ]
    assert all(not resource.tags for _, resource in result.roadmap.walk())
    # A row whose first link is named by what it is still takes that name (`| Python |
    # [Automate the Boring Stuff](…) |`, the first cell its topic), as before.
    named = read(
        "# L\n\n## Books\n\n| Language | Material |\n|---|---|\n"
        "| Python | [Automate the Boring Stuff](https://example.org/atbs) |\n"
    )
    assert listed(named.roadmap) == [
        (("Books",), "Automate the Boring Stuff", "https://example.org/atbs")
    ]


def test_an_image_set_in_a_table_of_one_cell_is_a_figure_not_a_resource() -> None:
    # ds-for-beginners-curricula-history: `|![Sketchnote …](./sketchnotes/00-Roadmap.png)|`,
    # `|:---:|`, `| The road map - _Sketchnote by [@nitya](https://twitter.com/…)_ |` above the
    # lessons: an image centred in a one-cell table over its caption. Its caption was read as
    # a resource at the illustrator's page.
    result = read(
        "# Rivers\n\n## Lessons\n\n"
        "|![ Map by [(@mapper)](https://example.org/mapper) ](./maps/00-Roadmap.png)|\n"
        "|:---:|\n"
        "| Rivers For Beginners: Road map - _Map by [@ann](https://example.org/ann)_ |\n\n"
        "| Lesson Number | Lesson | Linked Lesson |\n| :-: | :-: | :-: |\n"
        "| 01 | Water | [Water and stones](1-water/README.md) |\n",
        base_url=BASE,
    )
    assert listed(result.roadmap) == [(("Lessons",), "Water", f"{BASE}1-water/README.md")]
    assert warned(result) == [
        "a table of one column whose head is an image (a figure) read as its caption: no resource"
    ]
