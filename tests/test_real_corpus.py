"""The importer on real READMEs nobody here wrote (tests/fixtures/real/), against truth files
written by reading the markdown (see real_corpus.py and each list's SOURCE.yaml)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from real_corpus import (
    CORPUS,
    TruthResource,
    Version,
    imported,
    read_truth,
    roadmap_resources,
    score,
    scored,
    versions,
)

from publisher.importer import import_markdown
from publisher.model import normalize_url

VERSIONS = versions()
# The goals of issue 13, per list and version.
PRECISION = RECALL = 0.97
SECTION_ACCURACY = 0.95


def test_the_corpus_holds_at_least_eight_lists() -> None:
    lists = {version.name.split("/")[0] for version in VERSIONS}
    assert len(lists) >= 8
    assert sum(len(read_truth(version.truth)) for version in VERSIONS) > 400


@pytest.mark.parametrize("version", VERSIONS, ids=[version.name for version in VERSIONS])
def test_every_truth_url_is_in_its_markdown(version: Version) -> None:
    """A typo in a truth file would make the test below measure nothing."""
    # A bracket escaped in a link's destination (`…/Chinese_\(Simplified\)`) is the bracket,
    # an entity (`&amp;` between a URL's parameters) the character it stands for.
    text = html.unescape(re.sub(r"\\([()])", r"\1", version.markdown.read_text(encoding="utf-8")))
    written = {
        # A URL may hold balanced parentheses (`…/S2352-3409(23)01017-X/fulltext`).
        normalize_url(url.rstrip(".,;:"))
        for url in re.findall(r"""https?://(?:[^\s()"'<>\]]|\([^\s()]*\))+""", text)
    }
    # A link's destination as written, whole: it may hold what ends a URL in prose or HTML
    # (an apostrophe: `…/most-'substring'-problems/`).
    written |= {
        normalize_url(url)
        for url in re.findall(r"\]\((https?://(?:[^\s()]|\([^\s()]*\))+)\)", text)
    }
    # A link's destination written without its scheme (`[Ansible](www.ansible.com)`,
    # `[What is Life](whatislife.stanford.edu/…pdf)`: a host, then a path).
    written |= {
        normalize_url(f"http://{url}")
        for url in re.findall(r"\]\((www\.[^\s()]+|[\w-]+(?:\.[\w-]+)+/[^\s()]*)\)", text)
    }
    for resource in read_truth(version.truth):
        if resource.url and not resource.url.startswith(version.base_url or "\0"):
            assert normalize_url(resource.url) in written, resource


@pytest.mark.parametrize("version", VERSIONS, ids=[version.name for version in VERSIONS])
def test_import_finds_what_a_careful_reader_lists(version: Version) -> None:
    result = scored(version)
    report = (
        f"missing {list(result.missing)}\nextra {list(result.extra)}\n"
        f"misplaced {list(result.misplaced)}"
    )
    assert result.precision >= PRECISION, report
    assert result.recall >= RECALL, report
    assert result.section_accuracy >= SECTION_ACCURACY, report


def test_score_counts_misses_extras_and_misplaced_resources() -> None:
    version = next(v for v in VERSIONS if v.name.startswith("reading-list/"))
    truth = read_truth(version.truth)
    roadmap = imported(version)
    assert score(roadmap, truth).precision == 1.0
    moved = [
        type(entry)(section=("Elsewhere",), title=entry.title, url=entry.url) for entry in truth
    ]
    assert score(roadmap, moved).section_accuracy == 0.0
    assert score(roadmap, truth[: len(truth) // 2]).precision == pytest.approx(
        (len(truth) // 2) / len(truth), abs=0.02
    )
    assert score(roadmap, [*truth, truth[0]]).recall < 1.0
    assert score(roadmap, truth).title_accuracy == 1.0
    renamed = [
        type(entry)(section=entry.section, title=f"{entry.title} extra words", url=entry.url)
        for entry in truth
    ]
    assert score(roadmap, renamed).title_accuracy == 0.0
    linked = sum(1 for entry in truth if entry.url)
    assert score(roadmap, renamed).matched == linked  # those with a URL still match by it


def test_a_group_outside_any_heading_is_in_place_under_the_importers_own_section() -> None:
    # The importer files resources outside any heading under a section of its own
    # ('Resources'), and a label's group among them under it ('Resources > Space'): a reader
    # sees no heading over them, the group a section of its own ('Space').
    roadmap = import_markdown(
        "# Channels\n\n* [Alpha](https://example.org/a)\n* Space :\n"
        "  * [Beta](https://example.org/b)\n",
        "road.md",
    ).roadmap
    truth = [
        TruthResource(section=(), title="Alpha", url="https://example.org/a"),
        TruthResource(section=("Space",), title="Beta", url="https://example.org/b"),
    ]
    assert score(roadmap, truth).section_accuracy == 1.0
    elsewhere = [truth[0], TruthResource(section=("Time",), title="Beta", url=truth[1].url)]
    assert score(roadmap, elsewhere).section_accuracy == 0.5
    # Under a heading of the author's named so, the section is theirs: a resource filed under
    # it is misplaced where the truth has it elsewhere.
    assert score(roadmap, truth, orphans=False).section_accuracy == 0.0


def test_a_version_whose_markdown_has_a_resources_heading_gets_no_orphan_allowance(
    tmp_path: Path,
) -> None:
    # A truth that lists a resource outside any heading matches the importer's own
    # 'Resources' section, but not an author's heading of that name holding it.
    markdown = tmp_path / "v.md"
    truth = tmp_path / "v.truth.yaml"
    truth.write_text("resources:\n- {s: '', t: Alpha, u: 'https://example.org/a'}\n")
    for heading, accuracy in (("", 1.0), ("## Resources\n\n", 0.0), ("Resources\n---\n\n", 0.0)):
        markdown.write_text(f"# L\n\n{heading}- [Alpha](https://example.org/a)\n")
        version = Version(name="l/v", markdown=markdown, truth=truth, base_url="", commit="0" * 40)
        assert scored(version).section_accuracy == accuracy, heading


def test_resources_of_one_page_pair_with_the_truth_by_title() -> None:
    # Two links into one page (the fragment is not the identity's) pair by title, whichever
    # order the truth lists them in.
    roadmap = import_markdown(
        "# M\n\n## S\n\n- [Alpha](https://example.org/doc#a)\n"
        "- [Beta](https://example.org/doc#b)\n",
        "M.md",
    ).roadmap
    truth = [
        TruthResource(section=("S",), title="Beta", url="https://example.org/doc#b"),
        TruthResource(section=("S",), title="Alpha", url="https://example.org/doc#a"),
    ]
    assert score(roadmap, truth).title_accuracy == 1.0


def test_sources_name_a_commit_for_every_version() -> None:
    for source in CORPUS.glob("*/SOURCE.yaml"):
        meta = yaml.safe_load(source.read_text(encoding="utf-8"))
        assert meta["repo"].count("/") == 1
        for name, details in meta["versions"].items():
            # A commit, or the id of the copy the search index stores when it lists no commit.
            assert re.fullmatch(r"[0-9a-f]{40}", details.get("commit", "")) or re.fullmatch(
                r"[0-9]+", details.get("stored_id", "")
            ), (source, name)
            assert (source.parent / f"{name}.md").is_file()
            assert (source.parent / f"{name}.truth.yaml").is_file()


def test_continuation_rows_of_a_real_catalog_inherit_the_category_above() -> None:
    """lgcorzo/minio writes each category once, on the first row of its group."""
    version = next(v for v in VERSIONS if v.name.startswith("minio-ecosystem/"))
    tags = [resource.tags for _, resource in imported(version).walk()]
    counts = {tag: tags.count((tag,)) for tag in dict.fromkeys(tag for (tag,) in tags)}
    assert counts == {
        "Core Storage & Server": 4,
        "SDKs & APIs": 5,
        "Hardware & SIMD Acceleration": 5,
        "Networking & Routing": 3,
        "Data Formats & Helpers": 7,
        "Testing & Tooling": 3,
    }


def test_star_counts_of_a_real_weekly_digest_are_no_part_of_titles() -> None:
    """trackawesomelist writes each repository's stars into its link text (`[QSV (⭐2.6k)](…)`):
    a count refreshed every week must not make every entry an update."""
    version = next(v for v in VERSIONS if v.name.startswith("trackawesomelist-week/"))
    titles = {resource.url: resource.title for resource in roadmap_resources(imported(version))}
    truth = read_truth(version.truth)
    assert sum("\u2b50" in title for title in titles.values()) == 0
    assert [titles[resource.url] for resource in truth] == [resource.title for resource in truth]


def test_a_real_table_of_bold_names_over_bare_urls_is_titled_by_the_names() -> None:
    """sck-at-ucy/kbeta-transformer2d writes each row's resource cell as `**Name**<br>URL`: the
    name is the title, not the name run into the URL."""
    version = next(v for v in VERSIONS if v.name.startswith("kbeta-transformer2d/"))
    titles = {resource.url: resource.title for resource in roadmap_resources(imported(version))}
    truth = read_truth(version.truth)
    assert [titles.get(resource.url) for resource in truth] == [r.title for r in truth]


def test_a_real_talk_written_title_by_author_keeps_its_author_out_of_the_title() -> None:
    """JuliaFolds/Transducers.jl links Rich Hickey's talk as `["Transducers" by Rich Hickey -
    YouTube](…)`: the title is the quoted one, Rich Hickey its author."""
    version = next(v for v in VERSIONS if v.name.startswith("transducers-jl-links/"))
    talk = next(resource for _, resource in imported(version).walk())
    assert (talk.title, talk.author.name if talk.author else "") == ("Transducers", "Rich Hickey")
    assert talk.title == read_truth(version.truth)[0].title


def test_a_real_guide_s_html_lists_are_each_warned_about_without_html_links() -> None:
    """bobby-lin/study-bug-bounty writes its resources as HTML lists (`<li><a href>`, bare
    URLs, book titles): without --html-links none is read, and every list says so, the two of
    bare URLs only too (they were skipped in silence)."""
    version = next(v for v in VERSIONS if v.name.startswith("bug-bounty-html-lists/"))
    text = version.markdown.read_text(encoding="utf-8")
    result = import_markdown(text, str(version.markdown))
    assert roadmap_resources(result.roadmap) == []
    unread = [str(w) for w in result.warnings if "--html-links reads them" in str(w)]
    assert len(unread) == 6
    # Between them, the warnings count every item a reader lists: links, URLs and names.
    counted = sum(
        int(number)
        for warning in unread
        for number in re.findall(r"(\d+) (?:links?|names?)\b", warning.split(": ", 1)[1])
    )
    assert counted == len(read_truth(version.truth))
