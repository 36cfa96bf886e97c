"""The road map page (index.html), the paginated changelog and the site.yaml settings they
read: golden files, marks of what changed, the subscribe form, what works without
JavaScript, the archive pages and the years of CHANGELOG.md."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from click.testing import CliRunner
from release_files import write_release

from publisher import build, changelog, links
from publisher.cli import main
from publisher.project import open_project

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "changelog-project"

# A fourth release of the fixture: one resource added, one updated (cost), one unchanged.
NEXT_RELEASE = """\
release:
  version: "2024.04"
  date: 2024-04-02
  title: April 2024
title: A Small Road Map
sections:
  - title: Courses
    resources:
      - title: Stanford's CS229 w/Andrew Ng
        id: cs229
        url: https://www.youtube.com/playlist?list=PLoROMvodv4rMiGQp3WXShtMGgzqpfVfbU
        kind: course
        author: Andrew Ng
        cost: free
        level: beginner
        time: 60 hours
        tags: [stanford, ml]
      - title: Fast.AI Deep Learning Course
        url: https://course.fast.ai/
        kind: course
      - title: Tricky <b>title</b> & [brackets] *stars* _under_
        url: https://en.wikipedia.org/wiki/Transformer_(deep_learning_architecture)
        kind: article
        description: |
          A long description that the changelog does not quote.
      - title: Practical Deep Learning
        url: https://example.org/practical
        kind: video
        author: {name: Jeremy Howard, url: https://example.org/jeremy}
        level: intermediate
        tags: [deep-learning]
  - title: Topics to Understand
    id: topics
    resources:
      - title: Deep Learning
        description: Layers of learned representations.
  - title: Reading
    resources:
      - title: The Batch
        url: https://www.deeplearning.ai/the-batch/
        kind: newsletter
"""


def parse_page(path: Path) -> Element:
    """The page parsed by html5lib in strict mode: any HTML5 parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())  # type: ignore[no-any-return]


def text_of(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def make_project(root: Path, *, site_extra: str = "", next_release: bool = False) -> Path:
    """The changelog fixture in ``root``, with lines added to its site.yaml and, when
    ``next_release``, a fourth release; built without cache."""
    shutil.copytree(FIXTURE, root)
    if site_extra:
        site = root / "data" / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8") + site_extra, encoding="utf-8")
    if next_release:
        write_release(root / "data" / "releases" / "2024.04.yaml", NEXT_RELEASE)
    build.build(build.build_paths(open_project(root)), use_cache=False)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with a fourth release and a subscribe URL, built once."""
    return make_project(
        tmp_path_factory.mktemp("page") / "project",
        site_extra="subscribe_url: https://small.example.org/subscribe\n",
        next_release=True,
    )


def resources_of(document: Element) -> dict[str, Element]:
    """Title → the resource's list item (the items of the sections' resource lists)."""
    return {
        text_of(item.find("*")): item  # type: ignore[arg-type]
        for listing in document.iter("ul")
        if listing.get("class") == "resources"
        for item in listing.findall("li")
    }


def test_page_matches_golden_file(built: Path, golden: Callable[[str, str | bytes], None]) -> None:
    golden("page/index.html", (built / "feeds" / "index.html").read_text(encoding="utf-8"))
    golden("page/roadmap.js", (built / "feeds" / "roadmap.js").read_text(encoding="utf-8"))


def test_page_shows_every_field_of_every_resource(built: Path) -> None:
    document = parse_page(built / "feeds" / "index.html")
    resources = resources_of(document)
    assert len(resources) == 7 - 1  # the fixture's six resources (the Old Tool was removed)
    cs229 = text_of(resources["Stanford's CS229 w/Andrew Ng"])
    assert "course · free · beginner · 60 hours · by Andrew Ng" in cs229
    assert "#stanford #ml" in cs229
    practical = resources["Practical Deep Learning"]
    assert [a.get("href") for a in practical.iter("a")] == [
        "https://example.org/practical",
        "https://example.org/jeremy",
    ]
    assert "video · intermediate · by Jeremy Howard" in text_of(practical)
    # Descriptions are markdown, sanitized; titles are escaped, never markup.
    assert text_of(resources["Deep Learning"].find("p")) == "Layers of learned representations."  # type: ignore[arg-type]
    assert document.findall(".//b") == []
    # Sections: a navigation list, and a heading with an anchor for each.
    toc = [a.get("href") for a in document.iterfind(".//nav[@aria-label='Sections']//a")]
    assert toc == ["#s-courses", "#s-topics", "#s-reading"]
    ids = [element.get("id") for element in document.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    assert {href[1:] for href in toc} <= set(ids)


def test_what_the_latest_release_changed_is_marked(built: Path) -> None:
    resources = resources_of(parse_page(built / "feeds" / "index.html"))
    marks = {
        title: [span.text for span in item.iter("span") if "mark" in (span.get("class") or "")]
        for title, item in resources.items()
    }
    assert marks["Practical Deep Learning"] == ["new"]
    assert marks["Stanford's CS229 w/Andrew Ng"] == ["updated"]
    assert marks["The Batch"] == []
    summary = text_of(parse_page(built / "feeds" / "index.html").find(".//p[@class='meta']"))  # type: ignore[arg-type]
    assert "Latest release: 2024.04 on 2024-04-02: 1 new, 1 updated." in summary


def test_new_days_marks_the_releases_of_the_last_days(tmp_path: Path) -> None:
    # 2024.03 (March 1) changed nothing; 2024.02 (February 19) added the tricky article and
    # updated CS229. With 45 days before April 2, both 2024.04 and 2024.02 count.
    root = make_project(tmp_path / "p", site_extra="page: {new_days: 45}\n", next_release=True)
    document = parse_page(root / "feeds" / "index.html")
    marks = {
        title: [span.text for span in item.iter("span") if "mark" in (span.get("class") or "")]
        for title, item in resources_of(document).items()
    }
    assert marks["Tricky <b>title</b> & [brackets] *stars* _under_"] == ["new"]
    assert marks["Practical Deep Learning"] == ["new"]
    assert marks["Stanford's CS229 w/Andrew Ng"] == ["updated"]
    assert marks["The Batch"] == []
    summary = text_of(document.find(".//p[@class='meta']"))  # type: ignore[arg-type]
    assert "2 new, 2 updated since 2024-02-19." in summary


def test_everything_is_shown_without_javascript(built: Path) -> None:
    document = parse_page(built / "feeds" / "index.html")
    # The filter needs the script: it is hidden until the script shows it.
    filters = document.find(".//form[@class='filters']")
    assert filters is not None
    assert filters.get("hidden") is not None
    assert all(item.get("hidden") is None for item in document.iter("li"))
    # One script: the page's own file (no inline code: CSP script-src 'self'), and no data
    # block: the filter reads the facts line each resource shows, so nothing is sent twice.
    scripts = document.findall(".//script")
    assert [(script.get("src"), script.get("type")) for script in scripts] == [("roadmap.js", None)]
    assert (built / "feeds" / "roadmap.js").is_file()
    menus = {
        select.get("data-filter"): [option.text for option in select.iter("option")]
        for select in filters.iter("select")
    }
    assert menus == {
        "kind": ["Any", "article", "course", "newsletter", "video"],
        "cost": ["Any", "free"],
        "level": ["Any", "beginner", "intermediate"],
        "tag": ["Any", "deep-learning", "ml", "stanford"],
    }
    # The facts line the filter reads: kind · cost · level · time · by author · #tags.
    cs229 = resources_of(document)["Stanford's CS229 w/Andrew Ng"].find("small")
    assert cs229 is not None
    assert text_of(cs229) == "course · free · beginner · 60 hours · by Andrew Ng · #stanford #ml"


def test_the_no_javascript_reader_of_an_old_changelog_link_gets_a_plain_link(built: Path) -> None:
    # index.html was the changelog: its #release-… links are sent on by roadmap.js, and a
    # reader without JavaScript is told where releases went, with a plain link.
    document = parse_page(built / "feeds" / "index.html")
    notes = document.findall(".//noscript")
    assert len(notes) == 1
    assert "old one-page changelog" in text_of(notes[0])
    assert [a.get("href") for a in notes[0].iter("a")] == ["changelog/index.html"]


def test_feed_autodiscovery_and_subscribe_form(built: Path, tmp_path: Path) -> None:
    document = parse_page(built / "feeds" / "index.html")
    alternates = {
        link.get("href"): link.get("type")
        for link in document.iter("link")
        if link.get("rel") == "alternate"
    }
    assert alternates["atom.xml"] == "application/atom+xml"
    assert alternates["releases/feed.json"] == "application/feed+json"
    for href in alternates:
        assert (built / "feeds" / href).is_file()
    form = document.find(".//form[@class='subscribe-form']")
    assert form is not None
    assert form.get("action") == "https://small.example.org/subscribe"
    assert form.get("method") == "post"
    email = form.find(".//input[@type='email']")
    assert email is not None
    assert email.get("name") == "email"
    label = form.find(".//label")
    assert label is not None
    assert label.get("for") == email.get("id")
    # Without subscribe_url, no form.
    plain = make_project(tmp_path / "plain")
    assert (
        parse_page(plain / "feeds" / "index.html").find(".//form[@class='subscribe-form']") is None
    )


def test_local_links_of_the_page_point_at_files_that_exist(built: Path) -> None:
    feeds = built / "feeds"
    document = parse_page(feeds / "index.html")
    local = {
        anchor.get("href", "").split("#")[0]
        for anchor in document.iter("a")
        if not anchor.get("href", "").startswith(("#", "http:", "https:", "mailto:"))
    }
    assert "changelog/index.html" in local
    for href in local:
        assert (feeds / href).is_file(), href


# --- the changelog, paginated -----------------------------------------------------------


def many_releases(root: Path, count: int, *, site_extra: str = "") -> Path:
    """The fixture with ``count`` releases over three years (each a copy of 2024.03 with one
    resource more), built without cache."""
    shutil.copytree(FIXTURE, root)
    releases = root / "data" / "releases"
    base = (releases / "2024.03.yaml").read_text(encoding="utf-8")
    for path in releases.glob("*.yaml"):
        path.unlink()
    extra = ""
    for number in range(count):
        year = 2022 + number * 3 // count
        date = dt.date(year, 1, 1) + dt.timedelta(days=number)
        version = f"{year}.{number:03d}"
        extra += f"      - title: Resource {number}\n        url: https://example.org/{number}\n"
        text = base.replace('version: "2024.03"', f'version: "{version}"')
        text = text.replace("date: 2024-03-01", f"date: {date.isoformat()}")
        text = text.replace(
            "  - title: Reading\n    resources:\n", "  - title: Reading\n    resources:\n" + extra
        )
        write_release(releases / f"{version}.yaml", text)
    if site_extra:
        site = root / "data" / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8") + site_extra, encoding="utf-8")
    build.build(build.build_paths(open_project(root)), use_cache=False)
    return root


@pytest.fixture(scope="module")
def long_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return many_releases(
        tmp_path_factory.mktemp("long") / "project", 45, site_extra="changelog: {keep: 7}\n"
    )


def test_changelog_index_shows_the_latest_releases_and_links_every_year(long_history: Path) -> None:
    folder = long_history / "feeds" / "changelog"
    document = parse_page(folder / "index.html")
    rows = [text_of(row.find("th")) for row in document.iterfind(".//table/tbody/tr")]  # type: ignore[arg-type]
    assert len(rows) == changelog.INDEX_RELEASES
    assert rows[0] == "2024.044"
    assert rows[-1] == "2023.025"
    articles = [article.get("id") for article in document.iter("article")]
    assert articles == [links.release_anchor(version) for version in rows]
    archives = [a.get("href") for a in document.iterfind(".//ul[@class='archives']//a")]
    assert archives == ["2024.html", "2023.html", "2022.html"]
    for year, first, last in (
        (2024, "2024.044", "2024.030"),
        (2023, "2023.029", "2023.015"),
        (2022, "2022.014", "2022.000"),
    ):
        page = parse_page(folder / f"{year}.html")
        versions = [text_of(row.find("th")) for row in page.iterfind(".//table/tbody/tr")]  # type: ignore[arg-type]
        assert (versions[0], versions[-1], len(versions)) == (first, last, 15)
        ids = {element.get("id") for element in page.iter()}
        assert all(links.release_anchor(version) in ids for version in versions)
        current = [
            a.get("href") for a in page.iterfind(".//ul[@class='archives']//a[@aria-current]")
        ]
        assert current == [f"{year}.html"]


def test_old_release_links_are_mapped_to_their_year(long_history: Path) -> None:
    script = (long_history / "feeds" / "changelog" / "releases.js").read_text(encoding="utf-8")
    years = json.loads(re.fullmatch(r"window\.roadmapReleaseYears = (.*);\n", script)[1])  # type: ignore[index]
    assert len(years) == 45
    assert years[links.release_anchor("2022.003")] == 2022
    assert years[links.release_anchor("2024.044")] == 2024


def test_changelog_md_keeps_the_latest_releases_and_a_line_per_older_year(
    long_history: Path,
) -> None:
    text = (long_history / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:7] == [line for line in headings if line.startswith("## [")]
    assert len(headings) == 7 + 1
    assert headings[0].startswith("## [2024.044] - ")
    assert headings[6].startswith("## [2024.038] - ")
    assert headings[7] == "## Older releases"
    older = text.split("## Older releases\n\n")[1].split("\n\n")[0].splitlines()
    assert older == [
        "- [2024](https://small.example.org/roadmap/changelog/2024.html): 8 releases",
        "- [2023](https://small.example.org/roadmap/changelog/2023.html): 15 releases",
        "- [2022](https://small.example.org/roadmap/changelog/2022.html): 15 releases",
    ]


def test_a_big_release_lists_the_first_entries_of_a_group_then_links_its_email(
    tmp_path: Path,
) -> None:
    root = many_releases(tmp_path / "p", 1)
    release = next((root / "data" / "releases").glob("*.yaml"))
    lines = "".join(
        f"      - title: Extra {number}\n        url: https://example.org/extra/{number}\n"
        for number in range(changelog.GROUP_LIMIT + 12)
    )
    text = release.read_text(encoding="utf-8").replace(
        "  - title: Reading\n    resources:\n", "  - title: Reading\n    resources:\n" + lines
    )
    write_release(release, text)
    build.build(build.build_paths(open_project(root)), use_cache=False)
    page = parse_page(root / "feeds" / "changelog" / "index.html")
    added = page.find(".//section[@aria-labelledby='release-2022-000--added']/ul")
    assert added is not None
    items = list(added)
    assert len(items) == changelog.GROUP_LIMIT + 1
    assert (
        text_of(items[-1])
        == f"And {5 + 1 + 12} more: see this release\N{RIGHT SINGLE QUOTATION MARK}s email."
    )
    assert items[-1].find("a").get("href") == "../releases/2022.000.html"  # type: ignore[union-attr]
    markdown = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"- And {5 + 1 + 12} more: see [this release's email](" in markdown


def test_resources_without_a_url_past_the_limit_keep_their_anchor(tmp_path: Path) -> None:
    # A resource without a URL links to its anchor on the archive page (from feeds, emails
    # and CHANGELOG.md): past the group's limit, the page still holds that anchor.
    root = many_releases(tmp_path / "p", 1)
    release = next((root / "data" / "releases").glob("*.yaml"))
    lines = "".join(
        f"      - title: Plain {number}\n" for number in range(changelog.GROUP_LIMIT + 12)
    )
    text = release.read_text(encoding="utf-8").replace(
        "  - title: Reading\n    resources:\n", "  - title: Reading\n    resources:\n" + lines
    )
    write_release(release, text)
    build.build(build.build_paths(open_project(root)), use_cache=False)
    feeds = root / "feeds"
    # Every link of the release's web copy (which lists everything) to an archive anchor.
    web_copy = (feeds / "releases" / "2022.000.html").read_text(encoding="utf-8")
    archive = "https://small.example.org/roadmap/changelog/2022.html#"
    wanted = set(re.findall(re.escape(archive) + r'([^"]+)"', web_copy))
    assert len(wanted) >= changelog.GROUP_LIMIT + 12
    for name in ("changelog/2022.html", "changelog/index.html"):
        document = parse_page(feeds / name)
        ids = {element.get("id") for element in document.iter() if element.get("id")}
        assert wanted <= ids, sorted(wanted - ids)[:3]
    page = parse_page(feeds / "changelog" / "2022.html")
    more = [item for item in page.iter("li") if item.get("class") == "more"]
    assert len(more) == 1
    assert text_of(more[0]).endswith(
        "Without a link of their own: "
        + ", ".join(f"Plain {number}" for number in range(46, changelog.GROUP_LIMIT + 12))
        + "."
    )


# --- site.yaml ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("page: {new_days: -1}\n", "page.new_days: must be a whole number of at least 0"),
        ("page: {new_days: soon}\n", "page.new_days: must be a whole number of at least 0"),
        ("page: {fresh_days: 3}\n", "page.fresh_days"),
        ("changelog: {keep: 0}\n", "changelog.keep: must be a whole number of at least 1"),
        ("subscribe_url: javascript:alert(1)\n", "subscribe_url"),
    ],
)
def test_bad_page_and_changelog_settings_are_reported(
    tmp_path: Path, extra: str, message: str
) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    site = root / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "build"])
    assert result.exit_code == 1, result.output
    assert "data/site.yaml" in result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (root / "feeds").exists()
