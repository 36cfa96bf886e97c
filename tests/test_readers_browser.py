"""The reader-facing pages in headless Chromium (Playwright driving Debian's chromium):

- axe-core finds no WCAG 2.1 A or AA violation on the road map page, the changelog index, a
  release's web copy and an email's HTML;
- none scrolls sideways at 375 or 1280 pixels; screenshots of each land in test-artifacts/;
- the road map page's filter and search work (type a word, pick a kind, check what is
  shown), and links to the old one-page changelog land on the right archive page.

Locally these skip when Chromium, Playwright or axe-core is missing; with CI set they fail
instead (.ci/run installs Chromium and axe-core, the test extra Playwright).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from browser import ARTIFACTS
from cut_words import found, searched_texts
from release_files import write_release
from test_page import NEXT_RELEASE, make_project
from test_page_search import SITE as SEARCH_SITE
from test_page_search import searchable_page

from publisher import build, mail
from publisher.link_cache import CACHE_FILE, write_cache
from publisher.link_health import LinkResult, Verdict
from publisher.load import load_site_of
from publisher.page import render_page, render_script, roadmap_page
from publisher.project import open_project
from publisher.release_history import iter_history, load_release, release_diff
from publisher.render import template_environment

REPOSITORY = Path(__file__).resolve().parent.parent
AXE = Path(os.environ.get("AXE_CORE_JS", REPOSITORY / ".ci/tools/node_modules/axe-core/axe.min.js"))
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (375, 1280)
PAGES = ("roadmap", "roadmap-shortened", "changelog", "release", "email")
DEAD_URL = "https://example.org/practical"  # added in 2024.04: on the page and the changelog

pytestmark = pytest.mark.browser
assert NEXT_RELEASE  # the fixture below builds the project test_page builds


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing, and CI must run the browser tests")
    pytest.skip(f"{what} is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def site_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four pages: built from the changelog fixture with a fourth release and a
    subscribe form, and the latest release's email as a subscriber receives it."""
    root = make_project(
        tmp_path_factory.mktemp("readers") / "project",
        site_extra="subscribe_url: https://small.example.org/subscribe\n",
        next_release=True,
    )
    # A dead link (links.show_dead, the link cache filled here): its mark is checked too.
    site_path = root / "data" / "site.yaml"
    site_path.write_text(site_path.read_text() + "links:\n  show_dead: true\n")
    write_cache(
        root / ".publisher" / CACHE_FILE,
        {
            DEAD_URL: LinkResult(
                url=DEAD_URL,
                verdict=Verdict.GONE,
                status=404,
                checked_at=datetime(2026, 3, 3, tzinfo=UTC),
                failing_since=datetime(2026, 3, 1, tzinfo=UTC),
            )
        },
    )
    project = open_project(root)
    build.build(build.build_paths(project), use_cache=False)
    assert "dead link since" in (root / "feeds" / "index.html").read_text(encoding="utf-8")
    rendered = mail.render_release_email(
        load_site_of(project), release_diff(project), template_environment()
    )
    assert rendered is not None
    email = root / "email-2024.04.html"
    email.write_text(rendered.with_token("a-subscriber-token").html, encoding="utf-8")
    feeds = root / "feeds"
    shortened = feeds / "index-shortened.html"
    shortened.write_text(_shortened_page(project), encoding="utf-8")
    return {
        "roadmap": feeds / "index.html",
        "roadmap-shortened": shortened,
        "changelog": feeds / "changelog" / "index.html",
        "release": feeds / "releases" / "2024.04.html",
        "email": email,
    }


def _shortened_page(project: Any) -> str:
    """The road map page with its limit set just under its weight: its descriptions
    shortened, the note saying so, and (as if the release that added it showed its
    description as it is now) a "full text" link on the topic without a URL, whose
    description is made long enough for a cut to save more than the note costs."""
    latest = load_release(project, "2024.04")
    view = roadmap_page(latest.roadmap, latest.release, list(iter_history(project)), 0)
    sections = tuple(
        dataclasses.replace(
            section,
            resources=tuple(
                dataclasses.replace(
                    resource,
                    added_in="2024.04",
                    description=resource.description + " And more, at length:" + " words" * 150,
                )
                if not resource.url
                else resource
                for resource in section.resources
            ),
        )
        for section in view.sections
    )
    view = dataclasses.replace(view, sections=sections)
    site = load_site_of(project)
    full = render_page(site, view, template_environment(), limit=None)
    html = render_page(site, view, template_environment(), limit=len(full.encode()) - 40)
    assert "long description is shortened" in html  # the topic's, the one long enough
    assert "full text (release 2024.04)</a>" in html
    return html


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def _axe_violations(tab: Any) -> list[dict[str, Any]]:
    if not AXE.is_file():
        _missing(f"axe-core ({AXE})")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_A_AA
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_21_a_or_aa_violations(page: Any, site_files: dict[str, Path], name: str) -> None:
    page.goto(site_files[name].as_uri())
    assert page.evaluate("document.documentElement.lang")
    assert _axe_violations(page) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_pages_do_not_scroll_sideways(
    page: Any, site_files: dict[str, Path], name: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_files[name].as_uri())
    scroll_width = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )
    assert page.evaluate("window.innerWidth") == width
    assert scroll_width <= width, f"{name} is {scroll_width} pixels wide at {width}"
    png = ARTIFACTS / f"readers-{name}-{width}.png"
    png.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(png), full_page=True)
    assert png.stat().st_size > 1000


def _shown_titles(tab: Any) -> list[str]:
    return tab.eval_on_selector_all(
        "#roadmap ul.resources > li:not([hidden])",
        "items => items.map(item => item.firstElementChild.textContent)",
    )


def test_filter_and_search_show_what_matches(page: Any, site_files: dict[str, Path]) -> None:
    page.goto(site_files["roadmap"].as_uri())
    everything = _shown_titles(page)
    assert len(everything) == 6
    # With the script, the filter form appears; without it, everything above was shown.
    assert page.is_visible("form.filters")
    assert page.text_content("#filter-status") == "6 resources."

    page.fill("#filter-text", "jeremy")
    assert _shown_titles(page) == ["Practical Deep Learning"]
    assert page.text_content("#filter-status") == "Showing 1 of 6 resources."
    # Sections left without a match are hidden with their heading.
    assert page.is_hidden("#s-topics")
    assert page.is_visible("#s-courses")

    page.fill("#filter-text", "")
    page.select_option("#filter-kind", label="course")
    assert _shown_titles(page) == ["Stanford's CS229 w/Andrew Ng", "Fast.AI Deep Learning Course"]
    page.select_option("#filter-cost", label="free")
    assert _shown_titles(page) == ["Stanford's CS229 w/Andrew Ng"]
    page.select_option("#filter-cost", label="Any")
    page.select_option("#filter-kind", label="Any")
    page.select_option("#filter-tag", label="deep-learning")
    assert _shown_titles(page) == ["Practical Deep Learning"]
    page.select_option("#filter-tag", label="Any")
    page.select_option("#filter-level", label="beginner")
    assert _shown_titles(page) == ["Stanford's CS229 w/Andrew Ng"]

    # Several words must all match (title, description, author, tags).
    page.select_option("#filter-level", label="Any")
    page.fill("#filter-text", "layers learned")
    assert _shown_titles(page) == ["Deep Learning"]
    page.fill("#filter-text", "no such thing")
    assert _shown_titles(page) == []
    assert page.is_visible("#no-match")
    page.click("#filter-reset")
    assert _shown_titles(page) == everything
    assert page.is_hidden("#no-match")


def test_filter_and_search_work_on_a_shortened_page(page: Any, site_files: dict[str, Path]) -> None:
    page.goto(site_files["roadmap-shortened"].as_uri())
    assert page.text_content("#filter-status") == "6 resources."
    # The facts lines are whole: the menus filter as on the page in full.
    page.select_option("#filter-kind", label="course")
    assert _shown_titles(page) == ["Stanford's CS229 w/Andrew Ng", "Fast.AI Deep Learning Course"]
    page.select_option("#filter-kind", label="Any")
    page.select_option("#filter-tag", label="deep-learning")
    assert _shown_titles(page) == ["Practical Deep Learning"]
    page.select_option("#filter-tag", label="Any")
    # The search reads what is shown: the kept start of a description.
    page.fill("#filter-text", "layers")
    assert _shown_titles(page) == ["Deep Learning"]
    page.fill("#filter-text", "jeremy")
    assert _shown_titles(page) == ["Practical Deep Learning"]


def test_the_search_finds_the_words_shortened_descriptions_lost(page: Any, tmp_path: Path) -> None:
    # Forty resources (so the index's numbers take two digits past the 32nd), their
    # descriptions cut deep: the search finds the words cut off, in the resource that lost
    # them only, as it would on the page in full (what tests/cut_words.py reads).
    view = searchable_page()
    environment = template_environment()
    full = render_page(SEARCH_SITE, view, environment, limit=None)
    html = render_page(SEARCH_SITE, view, environment, limit=len(full.encode()) * 3 // 4)
    assert 'id="cut-words"' in html
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "roadmap.js").write_text(render_script(environment), encoding="utf-8")
    page.goto((tmp_path / "index.html").as_uri())
    shown_text = page.text_content("#roadmap")
    assert "own33word" not in shown_text  # cut off the page ...
    page.fill("#filter-text", "own33word")
    assert _shown_titles(page) == ["Resource 33"]  # ... and found
    page.fill("#filter-text", "OWN7WORD recurrent")
    assert _shown_titles(page) == ["Resource 7"]
    texts, whole = searched_texts(html), searched_texts(full)
    for query in ["own", "reward own39", "latent", "own0word", "pca own4", "no-such-word"]:
        page.fill("#filter-text", query)
        expected = [f"Resource {position}" for position in found(whole, query)]
        assert [f"Resource {position}" for position in found(texts, query)] == expected
        assert _shown_titles(page) == expected, query


def test_links_to_the_old_changelog_land_on_the_archive_page(
    page: Any, site_files: dict[str, Path]
) -> None:
    roadmap = site_files["roadmap"]
    page.goto(roadmap.as_uri() + "#release-2024-02")
    page.wait_for_url("**/changelog/2024.html#release-2024-02")
    assert page.is_visible("#release-2024-02")
    # A resource's anchor in an old release too.
    page.goto(roadmap.as_uri() + "#release-2024-02-topics-deep-learning")
    page.wait_for_url("**/changelog/2024.html#release-2024-02-topics-deep-learning")
    # Anchors of the road map page itself are left alone.
    page.goto(roadmap.as_uri() + "#s-reading")
    assert page.url.endswith("/index.html#s-reading")


# Values a filter reading the facts line could confuse: a tag with a space, a tag that is the
# start of another, a tag with markup characters, a time that reads like a cost, an author.
TRICKY_TAGS = """\
release:
  version: "2024.05"
  date: 2024-05-01
title: Tricky Tags
sections:
  - title: Things
    resources:
      - title: Spaced
        url: https://example.org/spaced
        kind: article
        time: free evenings
        tags: [deep learning, c++]
      - title: Short
        url: https://example.org/short
        kind: video
        cost: free
        level: beginner
        author: "Ann · Bee"
        tags: [deep]
      - title: Markup
        tags: ["</script>", "deep learning #2"]
      - title: Timed
        url: https://example.org/timed
        time: free
      - title: Levelled
        url: https://example.org/levelled
        time: beginner
        tags: [deep]
"""


def test_the_filter_reads_tricky_tags_and_facts_from_the_page(page: Any, tmp_path: Path) -> None:
    root = tmp_path / "tricky"
    (root / "data" / "releases").mkdir(parents=True)
    (root / "data" / "site.yaml").write_text(
        "title: Tricky\nbase_url: https://tricky.example.org/\n", encoding="utf-8"
    )
    write_release(root / "data" / "releases" / "2024.05.yaml", TRICKY_TAGS)
    build.build(build.build_paths(open_project(root)), use_cache=False)
    page.goto((root / "feeds" / "index.html").as_uri())
    assert _shown_titles(page) == ["Spaced", "Short", "Markup", "Timed", "Levelled"]
    for tag, titles in (
        ("deep learning", ["Spaced"]),
        ("deep", ["Short", "Levelled"]),
        ("c++", ["Spaced"]),
        ("</script>", ["Markup"]),
        ("deep learning #2", ["Markup"]),
    ):
        page.select_option("#filter-tag", label=tag)
        assert _shown_titles(page) == titles, tag
    page.select_option("#filter-tag", label="Any")
    # "free evenings" and "free" are times, not the cost "free" (Timed has a time "free" and
    # no cost); only Short costs nothing. Levelled's time "beginner" is not a level.
    page.select_option("#filter-cost", label="free")
    assert _shown_titles(page) == ["Short"]
    page.select_option("#filter-cost", label="Any")
    page.select_option("#filter-level", label="beginner")
    assert _shown_titles(page) == ["Short"]
    page.select_option("#filter-level", label="Any")
    page.select_option("#filter-kind", label="article")
    assert _shown_titles(page) == ["Spaced"]
