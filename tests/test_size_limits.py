"""Size limits on a generated history of 2,000 releases and 10,000 resources (see
big_history.py): the changelog index does not grow with the history, archive pages and
CHANGELOG.md stay bounded, the road map page holds 10,000 real resources within 2 MB (raw,
not compressed) untouched and adds little markup to any resource's own text, 10,000 generated
ones with longer texts within 2 MB by shortening their descriptions, and a big release's
email stays under 100 KB of HTML with its text part cut the same way."""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
import pytest
from big_history import (
    BIG_RELEASE,
    RESOURCES,
    SECTIONS,
    BigHistory,
    make_big_history,
    real_mix_roadmap,
)
from cut_words import searched_texts

from publisher import build, changelog, links, mail, page
from publisher.model import EmailSettings, Roadmap, Site
from publisher.page import search_words
from publisher.render import template_environment

SITE = Site(
    title="A Generated Road Map",
    base_url="https://big.example.org/",
    email=EmailSettings(
        from_address="Big <news@big.example.org>",
        unsubscribe_url="https://big.example.org/unsubscribe?token={token}",
    ),
)
KB = 1000
MB = 1000 * KB


@pytest.fixture(scope="session")
def big() -> BigHistory:
    return make_big_history()


@pytest.fixture(scope="session")
def pages(big: BigHistory) -> dict[str, bytes]:
    """The changelog pages and CHANGELOG.md of the whole history (nothing cached)."""
    renderer = build.WebCopies(None, "")
    environment = template_environment()
    releases = list(big.history)
    keys = [""] * len(releases)
    outputs = build.render_changelog_pages(SITE, releases, keys, renderer, environment)
    outputs["CHANGELOG.md"] = build.render_changelog_markdown(
        SITE, releases, keys, renderer, environment
    ).encode("utf-8")
    return outputs


def test_the_changelog_index_does_not_grow_with_the_history(
    big: BigHistory, pages: dict[str, bytes]
) -> None:
    index = pages[links.CHANGELOG_FILE]
    # The same page for the last 20 releases alone: only the list of years may differ.
    recent = build.render_changelog_pages(
        SITE,
        list(big.history[-changelog.INDEX_RELEASES :]),
        [""] * changelog.INDEX_RELEASES,
        build.WebCopies(None, ""),
        template_environment(),
    )[links.CHANGELOG_FILE]
    assert len(index) <= len(recent) + 2 * KB
    assert len(index) < 250 * KB  # 20 releases, the big one among them
    assert index.count(b'<article class="release"') == changelog.INDEX_RELEASES


def test_archive_pages_hold_every_release_of_their_year_within_bounds(
    big: BigHistory, pages: dict[str, bytes]
) -> None:
    archives = {
        name: data for name, data in pages.items() if re.fullmatch(r"changelog/\d{4}\.html", name)
    }
    assert sorted(archives) == [f"changelog/{year}.html" for year in range(2021, 2027)]
    articles = sum(data.count(b'<article class="release"') for data in archives.values())
    assert articles == len(big.history)
    # A year of daily releases, the first one adding 10,000 resources and the big one 2,100
    # changes: every group lists at most GROUP_LIMIT entries, then links the release's email.
    assert max(map(len, archives.values())) < 1 * MB
    first = archives["changelog/2021.html"].decode("utf-8")
    assert f"And {RESOURCES - changelog.GROUP_LIMIT} more: see" in first


def test_changelog_md_keeps_the_latest_releases_and_stays_small(pages: dict[str, bytes]) -> None:
    text = pages["CHANGELOG.md"].decode("utf-8")
    releases = [line for line in text.splitlines() if line.startswith("## [")]
    assert len(releases) == 100
    assert releases[0].startswith("## [r2000] - 2026-06-23")
    older = text.split("## Older releases\n\n")[1].split("\n\n")[0].splitlines()
    assert [line.split("]")[0] for line in older] == [
        f"- [{year}" for year in range(2026, 2020, -1)
    ]
    assert len(pages["CHANGELOG.md"]) < 200 * KB


def _own_text(roadmap: Roadmap) -> int:
    """What the page must show of each resource, in bytes: title, URL, description (as
    written), kind, cost, level, time, author and tags."""
    return sum(
        len(
            "".join(
                (
                    resource.title,
                    resource.url,
                    resource.description,
                    resource.kind,
                    resource.cost,
                    resource.level,
                    resource.time,
                    resource.author.name if resource.author else "",
                    "".join(resource.tags),
                )
            ).encode("utf-8")
        )
        for _, section in roadmap.walk_sections()
        for resource in section.resources
    )


def _resources_shown(html: bytes) -> int:
    """The items of the sections' resource lists, as an HTML parser reads the page."""
    return len(lxml.html.fromstring(html).xpath('//ul[@class="resources"]/li'))


def test_the_road_map_page_holds_10000_real_resources_within_2_mb() -> None:
    roadmap = real_mix_roadmap()
    view = page.roadmap_page(roadmap, None, (), 0)
    html = page.render_page(SITE, view, template_environment()).encode("utf-8")
    assert _resources_shown(html) == RESOURCES
    # The raw bytes, not gzipped: about 1.8 MB, about 1.4 MB of which is the resources' own
    # text (it moves a little with the corpus, tests/fixtures/real/, the resources come from).
    assert len(html) <= 2 * MB, len(html)
    assert _own_text(roadmap) > 1.3 * MB  # the real texts: not a road map of empty resources
    # Within the limit, nothing is shortened: the page is the one rendered without a limit.
    assert b"long descriptions are shortened" not in html
    assert html == page.render_page(SITE, view, template_environment(), limit=None).encode()


@pytest.fixture(scope="session")
def big_pages(big: BigHistory) -> tuple[bytes, bytes]:
    """The generated road map's page without a limit, and as published (at most 2 MB)."""
    view = page.roadmap_page(big.latest.roadmap, big.latest.release, big.history, 0)
    environment = template_environment()
    return (
        page.render_page(SITE, view, environment, limit=None).encode("utf-8"),
        page.render_page(SITE, view, environment).encode("utf-8"),
    )


def test_the_page_adds_little_markup_to_what_it_must_show(
    big: BigHistory, big_pages: tuple[bytes, bytes]
) -> None:
    # The generated road map writes more per resource (about 200 bytes) and sets every field:
    # what the page adds to it (tags, separators, filter data) stays near 69 bytes a resource
    # (58 before the facts line named its facts, data-f=kclt, so the filter reads each fact by
    # its kind instead of guessing from its value). Measured in full, without the limit.
    html = big_pages[0]
    assert _resources_shown(html) == RESOURCES
    # Nothing is sent twice: no data block for the script, which reads the facts lines.
    assert html.count(b"<script") == 1
    overhead = (len(html) - _own_text(big.latest.roadmap)) / RESOURCES
    assert overhead < 70, overhead


def test_the_generated_road_map_page_keeps_within_2_mb_by_shortening_descriptions(
    big: BigHistory, big_pages: tuple[bytes, bytes]
) -> None:
    # 10,000 resources of 200 bytes of text each: 2.6 MB in full, so the longest descriptions
    # are shortened; every resource is still shown with its title, link and facts.
    full, html = big_pages
    assert len(full) > 2 * MB
    assert len(html) <= 2 * MB, len(html)
    resources = [
        resource
        for _, section in big.latest.roadmap.walk_sections()
        for resource in section.resources
    ]
    items = lxml.html.fromstring(html).xpath('//ul[@class="resources"]/li')
    whole = lxml.html.fromstring(full).xpath('//ul[@class="resources"]/li')
    assert len(items) == len(resources) == RESOURCES
    shortened = 0
    for resource, item, full_item in zip(resources, items, whole, strict=True):
        assert item[0].text_content() == resource.title
        assert item[0].get("href") == resource.url
        facts = [lxml.html.tostring(small) for small in item.xpath("small")]
        assert facts == [lxml.html.tostring(small) for small in full_item.xpath("small")]
        assert bool(item.xpath("p")) == bool(resource.description)
        text, full_text = item.text_content().strip(), full_item.text_content().strip()
        if text != full_text:
            shortened += 1
            assert text.endswith("\u2026")
            assert full_text.startswith(text.removesuffix("\u2026"))
    note = re.search(rb"To keep this page within 2 MB, (\d+) long descriptions are shortened", html)
    assert note is not None
    assert int(note.group(1)) == shortened
    assert shortened > RESOURCES / 2  # the generated texts are long: most lose words
    # The filter reads the facts lines, unchanged; still nothing sent twice.
    assert html.count(b"<script") == 1
    # The search finds every word of every description (the generated ones are plain text):
    # those cut off come from the index the page carries, within its 2 MB.
    assert html.count(b'<template id="cut-words">') == 1
    texts = searched_texts(html.decode("utf-8"))
    for resource, text in zip(resources, texts, strict=True):
        assert all(word in text for word in search_words(resource.description)), resource


@pytest.fixture(scope="session")
def big_email(big: BigHistory) -> mail.RenderedEmail:
    item = big.history[BIG_RELEASE - 1]
    rendered = mail.render_release_email(SITE, item, template_environment())
    assert rendered is not None
    return rendered


def test_a_big_release_email_stays_under_100_kb(
    big: BigHistory, big_email: mail.RenderedEmail
) -> None:
    html = big_email.with_token("t" * 40).html
    assert len(html.encode("utf-8")) <= mail.HTML_LIMIT
    assert "https://big.example.org/unsubscribe?token=" + "t" * 40 in html
    # Each section lists its first entries, then how many more the web copy has.
    mores = [int(count) for count in re.findall(r"And (\d+) more: see", html)]
    assert mores
    shown = html.count('class="badge badge-')
    item = big.history[BIG_RELEASE - 1]
    everything = len(item.added) + len(item.announced_updates) + len(item.removed)
    everything += sum(
        1
        for move in item.moved
        if move.resource.identity
        not in {change.resource.identity for change in item.announced_updates}
    )
    # Sections that do not fit at all are counted at the end.
    rest = re.findall(r"And (\d+) more in (\d+) other sections?: see", html)
    left = sum(int(changes) for changes, _ in rest)
    assert shown + sum(mores) + left == everything
    # Forty sections: each keeps its heading and its first entries (a section's markup is
    # light enough that none is reduced to a count).
    assert rest == []
    assert html.count("<h2") == SECTIONS
    assert len(mores) == SECTIONS
    assert shown >= 2 * SECTIONS
    # The text part is cut the same way: the same counts, in the same order.
    text_mores = [
        int(count) for count in re.findall(r"And (\d+) more: see the web copy", big_email.text)
    ]
    assert text_mores == mores
    assert re.findall(r"And (\d+) more in (\d+) other sections?: see", big_email.text) == rest
    assert big_email.text.count("\n* ") - len(text_mores) == shown
    # The web copy is complete.
    web = mail.web_copy(SITE, item, template_environment()).decode("utf-8")
    assert "more: see" not in web
    assert web.count('class="badge badge-') == everything


def test_big_release_email_matches_golden_files(
    big_email: mail.RenderedEmail, golden: Callable[[str, str | bytes], None]
) -> None:
    golden("email/big-release.html", big_email.html)
    golden("email/big-release.txt", big_email.text)


def test_small_emails_are_not_cut(big: BigHistory) -> None:
    item = big.history[5]
    rendered = mail.render_release_email(SITE, item, template_environment())
    assert rendered is not None
    assert "more: see" not in rendered.html
    assert "more: see" not in rendered.text
