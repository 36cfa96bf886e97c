"""publisher import: shapes found on held-out real lists (examples invented; shapes taken from
the lists session 19's helper sched held out in tests/fixtures/held-out-pending/ and moved
into tests/fixtures/real/: nn-dynamics-schedule, cpre308-week-slides): a course's lectures
as a schedule table, each row named only by its Topic, its link cells named only by what the
links are (`[Slides](…)`, `[Recording](…)`, `[HTML](…) / [PDF](…)`)."""

from __future__ import annotations

from test_importer_shapes import listed, messages, read

from publisher.importer import import_markdown

# A heading over a schedule: the week, the topic, then links named by what they are.
WEEKS = (
    "# Kite Flying Course\n\n"
    "Materials for the kite course.\n\n"
    "## Lectures\n\n"
    "| Week | Topic | Slides | Recording |\n"
    "| --- | --- | --- | --- |\n"
    "| 1 | Choosing a kite | [Slides](https://example.org/s1.pdf) | "
    "[Recording](https://example.org/r1) |\n"
    "| 2 | Lines and knots | [Slides](https://example.org/s2.pdf) | "
    "[Recording](https://example.org/r2) |\n"
    "| 3 | Launching in light wind | [Slides](https://example.org/s3.pdf) | - |\n"
)


def test_a_schedule_tables_rows_are_its_lectures_titled_by_their_topic() -> None:
    # The heading was read as one course at the first Slides link, the whole table its
    # description: every lecture lost.
    result = read(WEEKS)
    assert listed(result.roadmap) == [
        (("Lectures",), "Choosing a kite", "https://example.org/s1.pdf"),
        (("Lectures",), "Lines and knots", "https://example.org/s2.pdf"),
        (("Lectures",), "Launching in light wind", "https://example.org/s3.pdf"),
    ]
    # The row's other links are kept in its description, after their column's header.
    first = next(resource for _, resource in result.roadmap.walk())
    assert first.description.strip() == "Recording: [Recording](https://example.org/r1)"
    assert first.tags == ()
    # Each row read so is said, naming its line.
    said = [message for message in messages(result) if "'topic' column" in message]
    assert [message.split(": ", 1)[0] for message in said] == [
        "road.md:9",
        "road.md:10",
        "road.md:11",
    ]


def test_the_same_under_a_heading_naming_the_course() -> None:
    text = WEEKS.replace("## Lectures", "## Kite Flying 101")
    assert [title for _, title, _ in listed(read(text).roadmap)] == [
        "Choosing a kite",
        "Lines and knots",
        "Launching in light wind",
    ]
    assert {path for path, _, _ in listed(read(text).roadmap)} == {("Kite Flying 101",)}


# Dated and numbered rows; a cell of two labelled links, then a tutorial column.
DATED = (
    "# Knots, a seminar\n\n"
    "## Schedule\n\n"
    "| Date | Lecture | Topic | Slides | Tutorial |\n"
    "| --- | --- | --- | --- | --- |\n"
    "| Jan 13 | Lecture 1 | Overhand knots | [Slides](https://example.org/l1.pdf), "
    "[Readings](https://example.org/r1.pdf) | [Slides](https://example.org/t1.pdf) |\n"
    "| Jan 20 | Lecture 2 | Bends and hitches | [Slides](https://example.org/l2.pdf) | - |\n"
    "| Tu 1/27 | Lecture 3 | Splices | [Slides](https://example.org/l3.pdf) | "
    "[Colab](https://example.org/c3) |\n"
)


def test_dates_and_lecture_numbers_name_no_lecture() -> None:
    # Rows were titled 'Slides' (two links in the cell) or by their date ('Jan 20').
    assert listed(read(DATED).roadmap) == [
        (("Schedule",), "Overhand knots", "https://example.org/l1.pdf"),
        (("Schedule",), "Bends and hitches", "https://example.org/l2.pdf"),
        (("Schedule",), "Splices", "https://example.org/l3.pdf"),
    ]


# A week's later lectures leave its cell empty; a deck in two forms; weeks without a deck.
FORMS = (
    "# Rigging 308\n\n"
    "## Lecture Listings\n\n"
    "| Week | Topic | Slides |\n"
    "|:----:|:-----:|:------:|\n"
    "| 1 | Introduction | [HTML](https://example.org/1.html) / [PDF](https://example.org/1.pdf) |\n"
    "|   | Blocks and tackles | [HTML](https://example.org/2.html) / "
    "[PDF](https://example.org/2.pdf) |\n"
    "| 2 | Midterm |   |\n"
    "| 3 | Shackles | [HTML](https://example.org/3.html) / [PDF](https://example.org/3.pdf) |\n"
)


def test_a_deck_in_two_forms_is_titled_by_its_topic_at_its_first_form() -> None:
    # Each row was titled 'HTML', its topic a tag, ' / [PDF](…)' its description.
    result = read(FORMS)
    assert listed(result.roadmap) == [
        (("Lecture Listings",), "Introduction", "https://example.org/1.html"),
        (("Lecture Listings",), "Blocks and tackles", "https://example.org/2.html"),
        (("Lecture Listings",), "Shackles", "https://example.org/3.html"),
    ]
    # The week without a deck is no lecture: skipped, with a warning naming its line.
    assert any(
        message.startswith("road.md:9:") and "'Midterm'" in message for message in messages(result)
    )


def test_the_pieces_reading_and_the_whole_reading_agree() -> None:
    for text in (WEEKS, DATED, FORMS):
        whole = import_markdown(text, "road.md", pieces=False)
        assert listed(whole.roadmap) == listed(read(text).roadmap)


def test_a_topic_column_beside_a_column_naming_the_rows_stays_tags() -> None:
    # Where another column names the rows (a Name, a linked title), the Topic tags them as
    # before (issue 13's tables: a topic/category column becomes tags).
    text = (
        "# Kites\n\n## Reading\n\n"
        "| Topic | Name | Slides |\n| --- | --- | --- |\n"
        "| Knots | Knots for kites | [Slides](https://example.org/k.pdf) |\n"
        "| Lines | Line care | [Slides](https://example.org/l.pdf) |\n"
    )
    roadmap = read(text).roadmap
    assert [(r.title, r.tags) for _, r in roadmap.walk()] == [
        ("Knots for kites", ("Knots",)),
        ("Line care", ("Lines",)),
    ]
    linked = (
        "# Kites\n\n## Reading\n\n"
        "| Topic | Resource |\n| --- | --- |\n"
        "| Knots | [Knots for kites](https://example.org/k) |\n"
        "| Lines | [Line care](https://example.org/l) |\n"
    )
    assert [(r.title, r.tags) for _, r in read(linked).roadmap.walk()] == [
        ("Knots for kites", ("Knots",)),
        ("Line care", ("Lines",)),
    ]


def test_names_written_with_a_figure_still_name_the_rows() -> None:
    # `Web3`, `Python3` are names, not numbers after a word (`Lecture 1`, `Lecture 2`).
    text = (
        "# Kites\n\n## Tools\n\n"
        "| Tool | Topic | Docs |\n| --- | --- | --- |\n"
        "| Web3 | Chains | [Docs](https://example.org/w) |\n"
        "| Python3 | Scripts | [Docs](https://example.org/p) |\n"
    )
    assert [(r.title, r.tags) for _, r in read(text).roadmap.walk()] == [
        ("Web3", ("Chains",)),
        ("Python3", ("Scripts",)),
    ]


# Icon-led labels, a lab numbered as the rows are, a column saying what a lecture covers, an
# instructor; material not out yet linked to `#` (ml-course-recordings' shape).
NOT_OUT = (
    "# Kite school\n\n"
    "## Prerequisites\n\n"
    "Some wind.\n\n"
    "## Weekly Schedule\n\n"
    "| Week | Topic | Slides | Lab | Recording | Key Concepts | Instructor |\n"
    "|:---:|---|:---:|:---:|:---:|:---:|---|\n"
    "| 1 | Choosing a kite | [📊 Slides](https://example.org/s1) | "
    "[💻 Lab 01](https://example.org/l1) | [🎥 Recording](#) | Frames, sails | A. Flyer |\n"
    "| 2 | Lines and knots | [📊 Slides](#) · [Part 2](#) | [💻 Lab 02](#) | "
    "[🎥 Recording](#) | Knots | A. Flyer |\n"
)


def test_a_schedules_lectures_whose_material_is_not_out_are_skipped_with_a_warning() -> None:
    # The heading was read as one course at the first Slides link, filed under the section
    # before it ('Prerequisites'), the whole table its description.
    for pieces in (True, False):
        result = import_markdown(NOT_OUT, "road.md", pieces=pieces)
        assert listed(result.roadmap) == [
            (("Weekly Schedule",), "Choosing a kite", "https://example.org/s1")
        ]
        resource = next(resource for _, resource in result.roadmap.walk())
        assert "Frames, sails" in resource.description
        assert "Lab: [💻 Lab 01](https://example.org/l1)" in resource.description
        assert resource.author is not None
        assert resource.author.name == "A. Flyer"
        said = [message for message in messages(result) if "'Lines and knots'" in message]
        assert [message.split(": ", 1)[0] for message in said] == ["road.md:12"]


# Meetings dated with their weekday; slides linked by their form; a Reading column of
# chapters; what is handed out and due; lectures whose slides are not out; a row naming only
# a due date (compilers-schedule-dates' shape).
DUE = (
    "# Kites 160\n\n"
    "## Schedule\n\n"
    "| Date | Topic | Slides | Reading (KB 2e) | Out | Due |\n"
    "|---|---|---|---|---|---|\n"
    "| Mon 9/28 | Frames | [pdf](https://example.org/l1.pdf) | Ch. 1 | "
    "[HW1](https://example.org/hw1.pdf) | |\n"
    "| Wed 9/30 | Sails | [pdf](https://example.org/l2.pdf) | — | | |\n"
    "| Fri 10/2 | | |  | HW2 | **HW1** |\n"
    "| Mon 10/5 | Lines |  | Ch. 3 | | |\n"
    "| Wed 10/7 | **Midterm** (in class) |  | | | |\n"
)


def test_a_schedules_dates_readings_and_handouts_name_no_lecture() -> None:
    # The lectures were titled by their date ('Mon 9/28'), the topic a tag; every meeting
    # without slides, and the row naming only a due date, a resource without address.
    for pieces in (True, False):
        result = import_markdown(DUE, "road.md", pieces=pieces)
        assert listed(result.roadmap) == [
            (("Schedule",), "Frames", "https://example.org/l1.pdf"),
            (("Schedule",), "Sails", "https://example.org/l2.pdf"),
        ]
        first = next(resource for _, resource in result.roadmap.walk())
        assert "Out: [HW1](https://example.org/hw1.pdf)" in first.description
        skipped = [message for message in messages(result) if "skipped" in message]
        assert [message.split(": ", 1)[0] for message in skipped] == [
            "road.md:9",
            "road.md:10",
            "road.md:11",
        ]
