"""The changelog: CHANGELOG.md and the changelog pages of a small fixture project (golden
files), the pages as HTML5, their links and anchors, and escaping of resource text."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element

import feedparser
import html5lib
import pytest
from click.testing import CliRunner
from release_files import write_release

from publisher import build, links
from publisher.cli import main
from publisher.markdown_escape import markdown_destination, markdown_line
from publisher.project import open_project

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "changelog-project"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once (CHANGELOG.md, feeds/ with the page)."""
    root = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(FIXTURE, root)
    build.build(build.build_paths(open_project(root)), use_cache=False)
    return root


def parse_page(path: Path) -> Element:
    """The page parsed by html5lib in strict mode: any HTML5 parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())  # type: ignore[no-any-return]


def text_of(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_changelog_matches_golden_file(
    built: Path, golden: Callable[[str, str | bytes], None]
) -> None:
    golden("changelog/CHANGELOG.md", (built / "CHANGELOG.md").read_text(encoding="utf-8"))


def test_pages_match_golden_files(built: Path, golden: Callable[[str, str | bytes], None]) -> None:
    for name in ("index.html", "2024.html", "releases.js"):
        text = (built / "feeds" / "changelog" / name).read_text(encoding="utf-8")
        golden(f"changelog/{name}", text)


def test_changelog_lists_newest_release_first_with_keepachangelog_headings(built: Path) -> None:
    text = (built / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## [2024.03] - 2024-03-01 — March 2024",
        r"## [2024.02] - 2024-02-19 — February \<2024\> & more",
        "## [2024.01] - 2024-01-04 — January 2024",
    ]
    release = text.split("## [2024.02]")[1].split("## [2024.01]")[0]
    groups = [line for line in release.splitlines() if line.startswith("### ")]
    assert groups == ["### Added", "### Updated", "### Moved", "### Removed", "### Sections"]
    # A URL that only changed cosmetically (http → https, a trailing slash) and a title that
    # changed only in case and punctuation are not news.
    assert "Fast.AI" not in release
    assert "fast.ai" not in release
    # An edited text: the new text, the edit marked word by word.
    assert (
        "in Topics to Understand: description: \\[Stacked layers → Layers\\] of \\[+ learned\\] "
        "representations." in release
    )
    assert "cost: free → paid" in release
    # Each release links to its year's archive page, where it stays for good.
    archive = "https://small.example.org/roadmap/changelog/2024.html"
    assert f"[2024.02]: {archive}#release-2024-02" in text


def test_every_resource_in_the_changelog_is_linked(built: Path) -> None:
    text = (built / "CHANGELOG.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(items) == 10
    assert all("](http" in line for line in items), items
    # Resources without a URL link to their anchor on the archive page, as the feeds do.
    anchor = links.resource_anchor("2024.01", "topics/old-tool")
    assert f"[Old Tool](https://small.example.org/roadmap/changelog/2024.html#{anchor})" in text


def test_page_is_html5_without_parse_errors(built: Path) -> None:
    document = parse_page(built / "feeds" / "changelog" / "index.html")
    assert document.get("lang") == "en"
    assert document.find(".//main") is not None
    assert document.find(".//table/thead") is not None
    # No scripts, no external style sheets or fonts: everything the page needs is inline.
    assert document.findall(".//script") == []
    assert [link.get("rel") for link in document.iter("link")] == ["canonical"] + ["alternate"] * 6
    style = text_of(document.find(".//style"))  # type: ignore[arg-type]
    assert "prefers-color-scheme: dark" in style
    assert "@import" not in style
    assert "url(" not in style


@pytest.mark.parametrize("name", ["index.html", "2024.html"])
def test_page_has_a_table_row_and_an_anchor_per_release(built: Path, name: str) -> None:
    document = parse_page(built / "feeds" / "changelog" / name)
    rows = document.findall(".//table/tbody/tr")
    cells = [[text_of(cell) for cell in row] for row in rows]
    assert cells == [
        ["2024.03", "2024-03-01", "March 2024", "no changes"],
        [
            "2024.02",
            "2024-02-19",
            "February <2024> & more",
            "1 added, 2 updated, 1 moved, 1 removed",
        ],
        ["2024.01", "2024-01-04", "January 2024", "5 added"],
    ]
    assert all(
        row[0].find("a").get("href") == "#" + links.release_anchor(row_cells[0])
        for row, row_cells in zip(rows, cells, strict=True)
    )  # type: ignore[union-attr]
    ids = [element.get("id") for element in document.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), "ids on the page must be unique"
    for version in ("2024.01", "2024.02", "2024.03"):
        assert links.release_anchor(version) in ids
    # Every in-page link lands on an element.
    fragments = [
        anchor.get("href", "")[1:]
        for anchor in document.iter("a")
        if anchor.get("href", "").startswith("#")
    ]
    assert fragments
    assert set(fragments) <= set(ids)


def test_autodiscovery_and_local_links_point_at_files_that_exist(built: Path) -> None:
    feeds = built / "feeds" / "changelog"
    document = parse_page(feeds / "index.html")
    alternates = [link for link in document.iter("link") if link.get("rel") == "alternate"]
    types = {link.get("href"): link.get("type") for link in alternates}
    assert types == {
        "../atom.xml": "application/atom+xml",
        "../rss.xml": "application/rss+xml",
        "../feed.json": "application/feed+json",
        "../releases/atom.xml": "application/atom+xml",
        "../releases/rss.xml": "application/rss+xml",
        "../releases/feed.json": "application/feed+json",
    }
    assert all(link.get("title") for link in alternates)
    local = [
        anchor.get("href", "")
        for anchor in document.iter("a")
        if not anchor.get("href", "").startswith(("#", "http:", "https:", "mailto:"))
    ]
    assert "../releases/2024.02.html" in local
    assert "../index.html" in local  # the road map
    assert any(href.startswith("../sections/") for href in local)
    for href in [*types, *local]:
        assert (feeds / href).is_file(), href


def test_feed_links_to_the_page_land_on_its_anchors(built: Path) -> None:
    feeds = built / "feeds"
    ids = {element.get("id") for element in parse_page(feeds / "changelog/2024.html").iter()}
    page_url = links.site_url(open_project_site(built), links.archive_path(2024))
    targets = [
        entry.link
        for entry in feedparser.parse((feeds / "atom.xml").read_bytes()).entries
        if entry.link.startswith(page_url + "#")
    ]
    assert targets, "the fixture has resources without URL, linked to the page"
    for target in targets:
        assert target.split("#", 1)[1] in ids, target


def open_project_site(root: Path) -> object:
    from publisher.load import load_site_of

    return load_site_of(open_project(root))


def test_resource_text_is_escaped_and_notes_sanitized(built: Path) -> None:
    source = (built / "feeds" / "changelog" / "index.html").read_text(encoding="utf-8")
    document = parse_page(built / "feeds" / "changelog" / "index.html")
    assert "&lt;b&gt;title&lt;/b&gt; &amp; [brackets]" in source
    assert document.findall(".//b") == []
    # Raw HTML in notes reaches the page as text, never as markup.
    assert document.findall(".//script") == []
    assert "&lt;script&gt;alert(" in source
    notes_links = [a.get("href") for a in document.iter("a") if text_of(a) == "the announcement"]
    assert notes_links == ["https://example.org/cs229"]


def test_a_moved_and_updated_resource_keeps_one_anchor(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    releases = root / "data" / "releases"
    text = (releases / "2024.03.yaml").read_text(encoding="utf-8")
    batch = (
        "      - title: The Batch\n"
        "        url: https://www.deeplearning.ai/the-batch/\n"
        "        kind: newsletter\n"
    )
    # The Batch moves back to Courses and becomes an article: listed as Updated and Moved.
    text = text.replace("  - title: Reading\n    resources:\n" + batch, "")
    text = text.replace(
        "  - title: Topics to Understand",
        batch.replace("newsletter", "article") + "  - title: Topics to Understand",
    )
    text = text.replace('version: "2024.03"', 'version: "2024.04"').replace("03-01", "04-01")
    write_release(releases / "2024.04.yaml", text)
    paths = build.build_paths(open_project(root))
    build.build(paths, use_cache=False)
    document = parse_page(paths.output_dir / "changelog" / "index.html")
    ids = [element.get("id") for element in document.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    anchor = links.resource_anchor("2024.04", "https://www.deeplearning.ai/the-batch")
    assert anchor in ids
    release = document.find(f".//article[@id='{links.release_anchor('2024.04')}']")
    assert release is not None
    groups = {text_of(section.find("h3")): text_of(section) for section in release.iter("section")}  # type: ignore[arg-type]
    assert "The Batch" in groups["Updated"]
    assert "from Reading to Courses" in groups["Moved"]


def test_markdown_escaping_shows_text_as_itself() -> None:
    from markdown_it import MarkdownIt

    title = "Tricky <b>x</b> & [a](b) *c* _d_ `e` | f &amp;"
    rendered = MarkdownIt("commonmark").renderInline(markdown_line(title))
    assert rendered == ("Tricky &lt;b&gt;x&lt;/b&gt; &amp; [a](b) *c* _d_ `e` | f &amp;amp;")
    for url in ("https://en.wikipedia.org/wiki/A_(b) c", "https://x.org/a_(b)<c>"):
        link = MarkdownIt("commonmark").parseInline(f"[x]({markdown_destination(url)})")
        opened = next(token for token in link[0].children or [] if token.type == "link_open")
        # The URL as written, once the parser's own percent-encoding is undone.
        assert unquote(str(opened.attrGet("href"))) == url


def test_changelog_command_prints_or_writes_changelog(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    runner = CliRunner()
    printed = runner.invoke(main, ["--project", str(root), "changelog", "-o", "-"])
    assert printed.exit_code == 0, printed.output
    assert printed.output == build.changelog_of(open_project(root))
    written = runner.invoke(main, ["--project", str(root), "changelog"])
    assert written.exit_code == 0, written.output
    assert (root / "CHANGELOG.md").read_text(encoding="utf-8") == printed.output
    again = runner.invoke(main, ["--project", str(root), "changelog"])
    assert "unchanged" in again.output
