"""publisher import: a course table's links named by their column, and its lessons of two
parts (examples invented; the shapes from tests/fixtures/real/ai-for-beginners-table-history,
a table of lessons with PyTorch, Keras/TensorFlow and Lab columns, written in raw HTML, then
in markdown)."""

from __future__ import annotations

from test_importer_shapes import read

from publisher.diff import diff
from publisher.model import Roadmap, Snapshot

COURSE = "https://example.org/course/"

LESSONS = (
    "# Rivers\n\n## Lessons\n\n| No | Lesson | Keras/TensorFlow | Lab | Stars |\n"
    "|---|---|---|---|---|\n"
    "| 1 | [Rain](lessons/1/README.md) | {rain} | [Lab](lessons/1/lab.md) | "
    "[1.2k](https://example.org/rain/stars) |\n"
    "| 2 | [Snow](lessons/2/README.md) | [TensorFlow](lessons/2/tf.ipynb) | | "
    "[980](https://example.org/snow/stars) |\n"
)

HTML_LESSONS = (
    "# Rivers\n\n## Lessons\n\n<table>\n"
    "<tr><th>No</th><th>Lesson</th><th>Intro</th><th>PyTorch</th><th>Labs</th></tr>\n"
    '<tr><td>1</td><td>Rain</td><td><a href="lessons/1/README.md">Text</a></td>'
    "<td>{rain}</td>"
    '<td><a href="lessons/1/lab.md">Lab</a></td></tr>\n'
    '<tr><td>2</td><td>Snow</td><td><a href="lessons/2/README.md">Text</a></td>'
    '<td><a href="lessons/2/pt.ipynb">PyTorch</a></td><td></td></tr>\n'
    "</table>\n"
)


def _descriptions(roadmap: Roadmap) -> dict[str, str]:
    return {resource.title: resource.description for _, resource in roadmap.walk()}


def _announced(before: Roadmap, after: Roadmap) -> list[str]:
    changes = diff(Snapshot(roadmap=before), Snapshot(roadmap=after))
    return [change.resource.title for change in changes.announced_updates]


def test_links_named_by_their_column_are_kept_in_the_row_description() -> None:
    # '[Keras](…) / [TensorFlow](…)' under 'Keras/TensorFlow', '[Lab](…)' under 'Lab': each
    # link says which of the lesson's notebooks or labs it is, as '[Notebook](…)' does
    # (5cb983e); they were dropped in silence. A star count beside them ('[1.2k](…)' under
    # 'Stars') is named by no column: it changes every release and stays out.
    result = read(
        LESSONS.format(rain="[Keras](lessons/1/k.ipynb) / [TensorFlow](lessons/1/tf.ipynb)"),
        base_url=COURSE,
    )
    described = _descriptions(result.roadmap)
    assert described["Rain"].strip() == (
        f"[Keras]({COURSE}lessons/1/k.ipynb), [TensorFlow]({COURSE}lessons/1/tf.ipynb), "
        f"[Lab]({COURSE}lessons/1/lab.md)"
    )
    assert described["Snow"].strip() == f"[TensorFlow]({COURSE}lessons/2/tf.ipynb)"
    assert "stars" not in described["Rain"]


def test_a_notebook_put_online_in_its_column_is_an_update() -> None:
    before = read(LESSONS.format(rain=""), base_url=COURSE).roadmap
    after = read(LESSONS.format(rain="[TensorFlow](lessons/1/tf.ipynb)"), base_url=COURSE)
    assert _announced(before, after.roadmap) == ["Rain"]


def test_links_named_by_their_column_in_an_html_table_are_kept_too() -> None:
    # The same course written in raw HTML (read with --html-links): '<td><a …>PyTorch</a></td>'
    # under '<th>PyTorch</th>', '<a …>Lab</a>' under 'Labs'; a notebook put online announced.
    result = read(
        HTML_LESSONS.format(rain='<a href="lessons/1/pt.ipynb">PyTorch</a>'),
        base_url=COURSE,
        html_links=True,
    )
    described = _descriptions(result.roadmap)
    assert described["Rain"].strip() == (
        f"[PyTorch]({COURSE}lessons/1/pt.ipynb), [Lab]({COURSE}lessons/1/lab.md)"
    )
    assert described["Snow"].strip() == f"[PyTorch]({COURSE}lessons/2/pt.ipynb)"
    before = read(HTML_LESSONS.format(rain="PyTorch"), base_url=COURSE, html_links=True)
    assert _announced(before.roadmap, result.roadmap) == ["Rain"]


def test_the_other_links_beside_a_link_named_by_its_column_are_kept_with_it() -> None:
    # '[TensorFlow](…)<br/>[Dropout sample](…)' under 'Keras/TensorFlow': a notebook's
    # variants beside it, more of the lesson's material; one added is an update. A cell
    # of links named otherwise alone ('[Ontology](…)') stays out, as before.
    before = read(LESSONS.format(rain="[TensorFlow](lessons/1/tf.ipynb)"), base_url=COURSE)
    after = read(
        LESSONS.format(
            rain="[TensorFlow](lessons/1/tf.ipynb)<br/>[Wind Tunnel](lessons/1/wind.ipynb)"
        ),
        base_url=COURSE,
    )
    assert f"[Wind Tunnel]({COURSE}lessons/1/wind.ipynb)" in _descriptions(after.roadmap)["Rain"]
    assert _announced(before.roadmap, after.roadmap) == ["Rain"]
    alone = read(LESSONS.format(rain="[Ontology](lessons/1/onto.ipynb)"), base_url=COURSE)
    assert "onto.ipynb" not in _descriptions(alone.roadmap)["Rain"]


HTML_PARTS = (
    "# Rivers\n\n## Lessons\n\n<table>\n"
    "<tr><th>No</th><th>Lesson</th><th>Intro</th><th>PyTorch</th></tr>\n"
    "<tr><td>1</td><td>Rain<br/>Drizzle</td>"
    '<td><a href="lessons/1/README.md">Text</a><br/><a href="lessons/1/drizzle.md">Text</a>'
    '</td><td><a href="lessons/1/pt.ipynb">PyTorch</a></td></tr>\n'
    "</table>\n"
)
MARKDOWN_PARTS = (
    "# Rivers\n\n## Lessons\n\n| No | Lesson Link | PyTorch |\n|---|---|---|\n"
    "| 1 | [Rain](lessons/1/README.md) & [Drizzle](lessons/1/drizzle.md) | "
    "[PyTorch](lessons/1/pt.ipynb) |\n"
)


def test_a_lesson_of_two_parts_reads_the_same_in_html_and_in_markdown() -> None:
    # 'Rain<br/>Drizzle' beside '[Text](…)<br/>[Text](…)' (each line's text), rewritten
    # '[Rain](…) & [Drizzle](…)': the same lesson of two parts, its second part's text kept in
    # its description. The markdown's was titled 'Rain' (its second link's words and '&' in
    # its description too), the HTML's second text kept as 'Text': the rewrite was announced
    # as an edit of both.
    html = read(HTML_PARTS, base_url=COURSE, html_links=True).roadmap
    markdown = read(MARKDOWN_PARTS, base_url=COURSE).roadmap
    ((_, lesson),) = list(markdown.walk())
    assert lesson.title == "Rain & Drizzle"
    assert lesson.url == f"{COURSE}lessons/1/README.md"
    assert lesson.description.strip() == (
        f"[Drizzle]({COURSE}lessons/1/drizzle.md), [PyTorch]({COURSE}lessons/1/pt.ipynb)"
    )
    assert _descriptions(html) == {"Rain Drizzle": lesson.description}
    assert _announced(html, markdown) == []


def test_a_part_row_cell_of_two_links_keeps_the_second_in_its_description() -> None:
    # '| III | [**Wind**](…) | [Python](…) / [Rust](…) |': the part's module, at its first
    # link, the other its fact, as the modules' own row of the HTML version keeps it (a link
    # named by its column); it was lost.
    result = read(
        "# Rivers\n\n## Lessons\n\n| | Lesson | Python/Rust |\n|:-:|:-:|:-:|\n"
        "| I | [**Water**](./lessons/1/README.md) | |\n"
        "| 01 | [Rain](./lessons/1/01/README.md) | [Python](./lessons/1/01/py.ipynb) |\n"
        "| II | [**Wind**](./lessons/2/README.md) | [Python](https://learn.example.org/py)"
        " / [Rust](https://learn.example.org/rs) |\n"
        "| 02 | [Gusts](./lessons/2/02/README.md) | |\n",
        base_url=COURSE,
    )
    described = _descriptions(result.roadmap)
    assert described["Python / Rust"].strip() == "[Rust](https://learn.example.org/rs)"


def test_a_star_count_beside_a_link_named_by_its_column_is_not_kept() -> None:
    # A reviewer's rule (5cb983e, c51a2674): a figure that changes with each release, kept,
    # makes every release an update. Beside a notebook ('[TensorFlow](…) ⭐ [1.2k](…)') it is
    # no more of the lesson's material: left out, with a warning naming its line.
    result = read(
        LESSONS.format(
            rain="[TensorFlow](lessons/1/tf.ipynb) ⭐ [1.2k](https://example.org/rain/tf/stars)"
        ),
        base_url=COURSE,
    )
    assert "tf/stars" not in _descriptions(result.roadmap)["Rain"]
    assert f"[TensorFlow]({COURSE}lessons/1/tf.ipynb)" in _descriptions(result.roadmap)["Rain"]
    assert any(
        str(warning).startswith("road.md:7:") and "'1.2k'" in str(warning)
        for warning in result.warnings
    )
