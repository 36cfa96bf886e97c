"""The road map page keeps within its weight limit (page.PAGE_LIMIT, 2 MB) whatever the road
map holds: past it the longest descriptions are shortened at a word boundary with "…" (never inside
their first word), a note at the top says so, titles, links and facts stay whole; a page within
it is not touched; a page that only its titles, links and facts keep over the limit is left
whole, and the build warns.
The 10,000-resource pages are in test_size_limits.py; these are small pages with the limit
set low, so the cut can be read exactly."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import html5lib
import lxml.html
import pytest
from click.testing import CliRunner
from release_files import write_release

from publisher import page
from publisher.cli import main
from publisher.diff import ResourceChange, RoadmapDiff
from publisher.model import Release, Resource, Roadmap, Section, Site
from publisher.render import template_environment

SITE = Site(title="A Small Road Map", base_url="https://small.example.org/")
RELEASE = Release(version="2024.05", date=dt.date(2024, 5, 1))
LONG = (
    "A **very long** description, with [a link in it](https://example.org/inner) and words "
    "that go on: " + " ".join(f"word{index}" for index in range(300)) + "."
)
TOPIC_TEXT = "A topic without a link, explained at length: " + "more " * 80 + "and the end."


def _resource(index: int, **fields: object) -> Resource:
    values: dict[str, object] = {
        "title": f"Resource {index}",
        "identity": f"https://example.org/r/{index}",
        "url": f"https://example.org/r/{index}",
        "kind": "course",
        "cost": "free",
        "level": "beginner",
        "tags": ("ml",),
        "description": f"Short text {index}, kept whole.",
    }
    values.update(fields)
    return Resource(**values)  # type: ignore[arg-type]


def _roadmap() -> tuple[Roadmap, tuple[RoadmapDiff, ...]]:
    """Forty short descriptions, a long one, and a topic without a URL whose long description
    the latest release added (so that release's page shows it in full)."""
    resources = tuple(_resource(index) for index in range(40))
    long = _resource(40, description=LONG)
    topic = Resource(title="A Topic", identity="topics/a-topic", description=TOPIC_TEXT)
    roadmap = Roadmap(
        title="A Small Road Map",
        sections=(
            Section(title="Courses", id="courses", resources=(*resources[:20], long)),
            Section(title="Topics", id="topics", resources=(topic, *resources[20:])),
        ),
    )
    history = (
        RoadmapDiff(
            old=None,
            new=RELEASE,
            added=(ResourceChange(resource=topic, section=("Topics",), section_ids=("topics",)),),
        ),
    )
    return roadmap, history


def _render(limit: int | None, *, history: bool = True) -> str:
    roadmap, diffs = _roadmap()
    view = page.roadmap_page(roadmap, RELEASE, diffs if history else (), 0)
    return page.render_page(SITE, view, template_environment(), limit=limit)


def _items(html: str) -> dict[str, lxml.html.HtmlElement]:
    document = lxml.html.fromstring(html)
    return {item[0].text_content(): item for item in document.xpath('//ul[@class="resources"]/li')}


def _facts(item: lxml.html.HtmlElement) -> list[bytes]:
    return [lxml.html.tostring(small) for small in item.xpath("small")]


@pytest.fixture(scope="module")
def full() -> str:
    return _render(None)


def test_a_page_within_its_limit_is_rendered_as_it_is(full: str) -> None:
    size = len(full.encode("utf-8"))
    assert _render(size) == full  # exactly at the limit: untouched
    assert _render(page.PAGE_LIMIT) == full
    assert "shortened" not in full


def test_past_its_limit_the_longest_descriptions_are_shortened_and_marked(full: str) -> None:
    limit = len(full.encode("utf-8")) - 1_500
    html = _render(limit)
    assert len(html.encode("utf-8")) <= limit
    # Longest first: the two long descriptions are cut, the forty short ones are whole.
    note = re.search(
        rf"To keep this page within {limit:,} bytes, (\d+) long descriptions are", html
    )
    assert note is not None
    assert note.group(1) == "2"
    whole, items = _items(full), _items(html)
    assert list(items) == list(whole)
    for title, item in items.items():
        # Titles, links and the facts line never change.
        assert item[0].get("href") == whole[title][0].get("href")
        assert _facts(item) == _facts(whole[title])
        if title.startswith("Resource ") and title != "Resource 40":
            assert item.text_content() == whole[title].text_content()
    cut = items["Resource 40"]
    text = cut.text_content().strip()
    assert text.endswith("\u2026")
    assert whole["Resource 40"].text_content().startswith(text.removesuffix("\u2026"))
    assert 100 < len(text) < len(whole["Resource 40"].text_content()) - 1_000
    # The markup inside the kept text survives, closed: the bold words and the inner link.
    assert cut.xpath("p/strong")[0].text == "very long"
    assert cut.xpath("p/a")[0].get("href") == "https://example.org/inner"


def test_a_shortened_description_without_a_url_links_its_full_text(full: str) -> None:
    html = _render(len(full.encode("utf-8")) - 1_500)
    topic = _items(html)["A Topic"]
    assert topic.text_content().strip().endswith("\u2026 full text (release 2024.05)")
    link = topic.xpath("p/a")[-1]
    assert link.get("href") == "releases/2024.05.html"
    # Without a release that shows the description as it is, there is no such link.
    bare = _items(_render(len(_render(None, history=False).encode()) - 1_500, history=False))
    assert bare["A Topic"].text_content().strip().endswith("\u2026")
    assert not bare["A Topic"].xpath("p/a")


def test_a_shortened_page_is_valid_html_and_the_same_every_time(full: str, tmp_path: Path) -> None:
    limit = len(full.encode("utf-8")) - 2_500  # deep cuts: every description loses words
    html = _render(limit)
    assert len(html.encode("utf-8")) <= limit
    assert _render(limit) == html
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(html.encode("utf-8"))  # any HTML5 parse error raises
    note = re.search(r"(\d+) long descriptions are shortened", html)
    assert note is not None
    assert int(note.group(1)) == sum(
        item.text_content() != _items(full)[title].text_content()
        for title, item in _items(html).items()
    )
    assert int(note.group(1)) > 40


def test_a_limit_below_titles_and_facts_alone_leaves_the_page_whole(full: str) -> None:
    # Descriptions are all the page may cut, down to their first word: when even that cannot
    # bring it within the limit, they are left whole (no wrecking them for nothing) and the
    # page stays over, which page_weight_problem says.
    html = _render(1_000)
    assert html == full
    assert "shortened" not in html
    problem = page.page_weight_problem(len(html.encode("utf-8")), limit=1_000)
    assert problem.startswith(f"index.html weighs {len(html.encode('utf-8')):,} bytes")
    assert "over its limit of 1,000 bytes" in problem
    assert page.page_weight_problem(1_000, limit=1_000) == ""


def test_no_description_is_cut_into_its_first_word(full: str) -> None:
    limit = len(full.encode("utf-8")) - 2_500  # deep cuts: every description loses words
    html = _render(limit)
    assert len(html.encode("utf-8")) <= limit
    whole = _items(full)
    for title, item in _items(html).items():
        text = item.xpath("p")[0].text_content().strip()
        first = whole[title].xpath("p")[0].text_content().split()[0].rstrip(",.:")
        assert text.startswith(first), (text, first)


def _reviewer_roadmap(count: int, description: str) -> Roadmap:
    """The reviewer's road map: ordinary resources (48-character titles, 50-character URLs,
    tags) whose descriptions are one short word each."""
    resources = tuple(
        Resource(
            title=f"Resource {index:05d} Practical Deep Learning for Coders",
            identity=f"https://example.org/r/{index}",
            url=f"https://www.example.org/courses/deep-learning/{index:05d}",
            kind="course",
            cost="free",
            level="beginner",
            tags=("deep-learning", "python", "ml"),
            description=description,
        )
        for index in range(count)
    )
    return Roadmap(title="Big", sections=(Section(title="All", id="all", resources=resources),))


@pytest.mark.parametrize("description", ["Short.", "Recommended."])
def test_one_word_descriptions_are_never_cut_and_the_page_is_left_whole(description: str) -> None:
    # The reviewer's case, small: every description became "<p>S…</p>", the note claimed
    # them all shortened, and the page was still over.
    view = page.roadmap_page(_reviewer_roadmap(100, description), RELEASE, (), 0)
    environment = template_environment()
    full = page.render_page(SITE, view, environment, limit=None)
    limit = len(full.encode("utf-8")) * 9 // 10
    html = page.render_page(SITE, view, environment, limit=limit)
    assert html == full
    assert f"<p>{description}</p>" in html
    assert "\u2026" not in html
    assert "shortened" not in html
    assert page.page_weight_problem(len(html.encode("utf-8")), limit=limit)


def _write_a_heavy_release(root: Path) -> None:
    """A newest release with 2.1 MB of section intro, which no limit shortens."""
    release = root / "data" / "releases" / "2024.04.yaml"
    write_release(
        release,
        'release:\n  version: "2024.04"\n  date: 2024-04-01\n'
        "title: A Heavy Road Map\nsections:\n  - title: All\n    id: all\n"
        + "    intro: |\n"
        + ("      " + "word " * 20 + "\n") * 21_000
        + "    resources:\n      - title: One\n        url: https://example.org/one\n"
        "        description: A description of a few words that a cut would shorten.\n",
    )


def _weight_warning(html: bytes) -> str:
    return (
        f"warning: feeds/index.html weighs {len(html):,} bytes, over its limit of 2,000,000 bytes"
    )


def test_the_build_warns_when_the_page_stays_over_2_mb(root: Path) -> None:
    # The page is published whole, over its limit, and the build says so on stderr (the
    # descriptions are left whole).
    _write_a_heavy_release(root)
    result = CliRunner().invoke(main, ["--project", str(root), "build"])
    assert result.exit_code == 0, result.output
    html = (root / "feeds" / "index.html").read_bytes()
    assert len(html) > page.PAGE_LIMIT
    assert b"<p>A description of a few words that a cut would shorten.</p>" in html
    warning = _weight_warning(html)
    assert warning in result.stderr
    assert warning not in result.stdout
    # An up-to-date build warns again: the page is still over.
    again = CliRunner().invoke(main, ["--project", str(root), "build"])
    assert "up to date" in again.stdout
    assert warning in again.stderr


def test_build_check_warns_as_the_build_does(root: Path) -> None:
    # --check prints the build's warning, with the size the build would write, whether the
    # outputs are stale (rendered), up to date (the fast path, from the page on disk) or the
    # page itself was edited by hand (rendered again: its size on disk is not the build's).
    _write_a_heavy_release(root)

    def check(*options: str) -> Any:
        return CliRunner().invoke(main, ["--project", str(root), "build", "--check", *options])

    stale = check()
    assert stale.exit_code == 1
    assert CliRunner().invoke(main, ["--project", str(root), "build"]).exit_code == 0
    page_file = root / "feeds" / "index.html"
    html = page_file.read_bytes()
    warning = _weight_warning(html)
    assert warning in stale.stderr
    for options in [(), ("--no-cache",)]:
        fresh = check(*options)
        assert fresh.exit_code == 0, fresh.output
        assert "ok: all" in fresh.stdout
        assert warning in fresh.stderr
        assert warning not in fresh.stdout
    page_file.write_bytes(html[:1_000])
    edited = check()
    assert edited.exit_code == 1
    assert warning in edited.stderr
    assert "weighs 1,000 bytes" not in edited.stderr
    quiet = CliRunner().invoke(main, ["--project", str(root), "-q", "build", "--check"])
    assert "warning" not in quiet.stderr
