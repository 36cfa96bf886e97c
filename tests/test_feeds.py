"""Feeds: every output parsed by feedparser, Atom against the RFC 4287 RELAX NG schema,
JSON Feed against a JSON Schema of 1.1, and the W3C feed validator's rules checked by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import functools
import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import feedparser
import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree
from rnc2rng import parser as rnc_parser
from rnc2rng import serializer as rnc_serializer

from publisher.cli import main
from publisher.diff import FieldChange, ResourceChange, RoadmapDiff, consecutive_diffs, diff
from publisher.feeds import cut_release_problem, render_feeds, tag_uri
from publisher.links import release_page_path, resource_anchor, site_url
from publisher.load import build_snapshot, load_releases, load_site_of
from publisher.model import (
    Author,
    FeedSettings,
    Release,
    Resource,
    Roadmap,
    Section,
    Site,
    Snapshot,
    resource_identity,
)
from publisher.project import open_project
from publisher.render import template_environment

BENCH = Path(__file__).resolve().parent.parent / "bench"
GENERATED_SIZE = ("--releases=30", "--resources=80", "--seed=3")
SCHEMAS = Path(__file__).resolve().parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
)
# RFC 4151: "tag:" authorityName "," date ":" specific, specific = *(pchar / "/" / "?").
TAG_URI = re.compile(
    r"tag:[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?,\d{4}(-\d{2}(-\d{2})?)?:"
    r"([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*"
)


# --- validators --------------------------------------------------------------------------


@functools.cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287 Appendix B (compact syntax) converted to the XML syntax lxml reads."""
    grammar = rnc_serializer.XMLSerializer().toxml(
        rnc_parser.parse((SCHEMAS / "atom.rnc").read_text())
    )
    # rnc2rng declares the empty "local" namespace prefix, which XML namespaces forbid;
    # nothing refers to the prefix (local:* becomes <nsName ns=""/>).
    grammar = grammar.replace(' xmlns:local=""', "", 1)
    return etree.RelaxNG(etree.fromstring(grammar.encode("utf-8")))


@functools.cache
def json_feed_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_feeds(site: Site, files: dict[str, bytes]) -> dict[str, list[str]]:
    """Validate every feed file; return each file's entry ids in order."""
    ids: dict[str, list[str]] = {}
    for path, data in sorted(files.items()):
        if path == "feed.xsl":
            continue
        url = site_url(site, path)
        if path.endswith("feed.json"):
            # feedparser 6.0 (the newest release) has no JSON Feed parser: the schema checks it.
            ids[path] = check_json_feed(path, data, url)
            assert len(ids[path]) == len(set(ids[path])), f"{path}: duplicate ids"
            continue
        parsed = feedparser.parse(data)
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        if path.endswith("atom.xml"):
            ids[path] = check_atom(path, data, url)
        else:
            assert path.endswith("rss.xml"), path
            ids[path] = check_rss(path, data, url)
        assert len(ids[path]) == len(set(ids[path])), f"{path}: duplicate ids"
        assert len(parsed.entries) == len(ids[path])
    return ids


def check_atom(path: str, data: bytes, url: str) -> list[str]:
    root = etree.fromstring(data)
    schema = atom_schema()
    assert schema.validate(root), f"{path}: {schema.error_log}"
    updated = root.findtext(f"{ATOM}updated")
    assert updated
    assert RFC3339.fullmatch(updated)
    selves = root.findall(f"{ATOM}link[@rel='self']")
    assert [(link.get("href"), link.get("type")) for link in selves] == [
        (url, "application/atom+xml")
    ]
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert root.findtext(f"{ATOM}generator") == "roadmap-publisher"
    ids, stamps = [], []
    for entry in root.iterfind(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id") or ""
        assert TAG_URI.fullmatch(entry_id), entry_id
        assert (entry.findtext(f"{ATOM}title") or "").strip()
        stamp = entry.findtext(f"{ATOM}updated") or ""
        assert RFC3339.fullmatch(stamp)
        assert entry.findtext(f"{ATOM}published") == stamp
        assert stamp <= updated, f"{path}: an entry is newer than its feed"
        links = [link for link in entry.iterfind(f"{ATOM}link") if link.get("rel", "alternate")]
        assert links
        assert all(link.get("href", "").count(":") >= 1 for link in links)
        content = entry.find(f"{ATOM}content")
        assert content is not None
        assert content.get("type") == "html"
        ids.append(entry_id)
        stamps.append(stamp)
    # Distinct and newest first: validators warn on equal timestamps.
    assert stamps == sorted(set(stamps), reverse=True), f"{path}: timestamps"
    return ids


def check_rss(path: str, data: bytes, url: str) -> list[str]:
    root = etree.fromstring(data)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), f"{path}: channel {name}"
    assert channel.findtext("link") != url  # the channel links to the site, not to itself
    selves = channel.findall(f"{ATOM}link[@rel='self']")
    assert [(link.get("href"), link.get("type")) for link in selves] == [
        (url, "application/rss+xml")
    ]
    for name in ("lastBuildDate", "pubDate"):
        assert RFC822.fullmatch(channel.findtext(name) or ""), f"{path}: {name}"
    ids, stamps = [], []
    for item in channel.iterfind("item"):
        guid = item.find("guid")
        assert guid is not None
        assert guid.get("isPermaLink") == "false"
        assert TAG_URI.fullmatch(guid.text or "")
        assert (item.findtext("title") or "").strip()
        assert item.findtext("link")
        assert item.findtext("description")
        published = item.findtext("pubDate") or ""
        assert RFC822.fullmatch(published), published
        for author in item.iterfind("author"):
            assert "@" in (author.text or ""), "RSS <author> must be an e-mail address"
        ids.append(guid.text or "")
        stamps.append(email.utils.parsedate_to_datetime(published))
    assert stamps == sorted(set(stamps), reverse=True), f"{path}: timestamps"
    return ids


def check_json_feed(path: str, data: bytes, url: str) -> list[str]:
    feed = json.loads(data)
    errors = [error.message for error in json_feed_validator().iter_errors(feed)]
    assert not errors, f"{path}: {errors}"
    assert feed["feed_url"] == url
    for item in feed["items"]:
        assert TAG_URI.fullmatch(item["id"])
        assert dt.datetime.fromisoformat(item["date_published"]).tzinfo is not None
    return [item["id"] for item in feed["items"]]


# --- fixtures built by hand ------------------------------------------------------------------


def make_site(entries: int = 50, **settings: object) -> Site:
    return Site(
        title="Test Road Map",
        base_url="https://feeds.example.org/roadmap/",
        description="Resources for testing.",
        author=Author(name="Curator", url="https://feeds.example.org/"),
        feeds=FeedSettings(entries=entries),
        **settings,  # type: ignore[arg-type]
    )


def resource(title: str, *, url: str = "", section_ids: Sequence[str] = ("s",), **fields: object):
    identity = resource_identity(
        explicit_id=str(fields.get("id", "")), url=url, title=title, section_ids=tuple(section_ids)
    )
    return Resource(title=title, url=url, identity=identity, **fields)  # type: ignore[arg-type]


def added(item: Resource, section: Sequence[str] = ("Section",), ids: Sequence[str] = ("s",)):
    return ResourceChange(resource=item, section=tuple(section), section_ids=tuple(ids))


def release_diff(
    version: str,
    day: dt.date,
    new: Sequence[ResourceChange] = (),
    updated: Sequence[ResourceChange] = (),
) -> RoadmapDiff:
    return RoadmapDiff(
        old=None,
        new=Release(version=version, date=day),
        added=tuple(new),
        updated=tuple(updated),
    )


@pytest.fixture
def environment():
    return template_environment(None)


# --- the bundled data --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> tuple[Site, list[RoadmapDiff]]:
    project = open_project(Path(__file__).resolve().parent.parent)
    return load_site_of(project), list(consecutive_diffs(load_releases(project)))


def test_bundled_feeds_are_valid(bundled, environment) -> None:
    site, history = bundled
    files = render_feeds(site, history, environment)
    assert {"atom.xml", "rss.xml", "feed.json"} <= files.keys()
    assert {"releases/atom.xml", "releases/rss.xml", "releases/feed.json"} <= files.keys()
    assert "sections/newsletters/atom.xml" in files  # a nested section has its own feed
    ids = check_feeds(site, files)
    assert ids["atom.xml"] == ids["rss.xml"] == ids["feed.json"]


def test_bundled_entries(bundled, environment) -> None:
    site, history = bundled
    files = render_feeds(site, history, environment)
    feed = feedparser.parse(files["atom.xml"])
    latest = history[-1]
    # 2024.02 updates every resource (kind, cost): its 51 updates come first, whole (the
    # bundled site holds 100 entries a feed), then 2024.01's additions.
    assert len(feed.entries) == site.feeds.entries == 100
    assert [entry.title.startswith("Updated: ") for entry in feed.entries] == [True] * 51 + [
        False
    ] * 49
    assert cut_release_problem(site, history) == ""
    first = latest.announced_updates[0]
    assert feed.entries[0].title == f"Updated: {first.resource.title}"
    assert feed.entries[0].id == (
        f"tag:roadmap.example.org,2024:2024.02/updated/{first.resource.identity}"
    )
    assert feed.entries[0].link == first.resource.url
    assert feed.entries[0].published_parsed[:6] == (2024, 2, 1, 0, 0, 50)
    assert "<li>kind set to course</li>" in feed.entries[0].content[0].value
    assert feed.entries[0].tags[0].term == first.section[0]
    releases = feedparser.parse(files["releases/atom.xml"])
    assert [entry.link for entry in releases.entries] == [
        site_url(site, release_page_path("2024.02")),
        site_url(site, release_page_path("2024.01")),
    ]
    assert "Stanford" in releases.entries[1].content[0].value  # 2024.01 added everything
    # The first release's entries, in its order, in a section feed.
    section = feedparser.parse(files["sections/newsletters/atom.xml"])
    newsletters = [
        change.resource.title
        for change in history[0].added
        if change.section_ids[-1] == "newsletters"
    ]
    assert [entry.title for entry in section.entries if "Updated" not in entry.title] == (
        newsletters
    )


# --- a long generated history --------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Site, list[RoadmapDiff]]:
    folder = tmp_path_factory.mktemp("history")
    # The benchmarks' generator, run as the command it is (tests do not import bench/).
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), str(folder), *GENERATED_SIZE],
        check=True,
        capture_output=True,
    )
    project = open_project(folder)
    site = dataclasses.replace(load_site_of(project), feeds=FeedSettings(entries=20))
    return site, list(consecutive_diffs(load_releases(project)))


def test_generated_history_feeds_are_valid(generated, environment) -> None:
    site, history = generated
    files = render_feeds(site, history, environment)
    ids = check_feeds(site, files)
    assert any(path.startswith("tags/") for path in files)
    assert all(len(found) <= 20 for found in ids.values())
    # Entries across all releases: newest release first, counting down the release's order.
    feed = json.loads(files["feed.json"])
    expected = [
        (item.new.version, change.resource.identity)  # type: ignore[union-attr]
        for item in reversed(history)
        for change in (*item.added, *item.announced_updates)
    ][:20]
    assert [
        (entry["id"].split(":", 2)[2].split("/")[0], entry["id"].split("/", 2)[2])
        for entry in feed["items"]
    ] == [(version, identity.replace(" ", "%20")) for version, identity in expected]


def test_ids_and_dates_do_not_change_when_a_release_is_added(generated, environment) -> None:
    site, history = generated
    before = render_feeds(site, history[:-1], environment)
    after = render_feeds(site, history, environment)

    def entries(files: dict[str, bytes]) -> dict[str, tuple[str, str]]:
        return {
            item["id"]: (item["date_published"], item["title"])
            for path in ("feed.json", "releases/feed.json")
            for item in json.loads(files[path])["items"]
        }

    old, new = entries(before), entries(after)
    kept = old.keys() & new.keys()
    assert len(kept) > 10
    assert all(old[key] == new[key] for key in kept)
    assert new.keys() - old.keys()  # the new release shows up


def test_two_builds_give_identical_bytes(generated) -> None:
    site, history = generated
    first = render_feeds(site, history, template_environment(None))
    template_environment.cache_clear()
    second = render_feeds(site, list(history), template_environment(None))
    assert first == second


# --- hand-made histories -------------------------------------------------------------------------


def test_hostile_title_survives_escaped_and_intact(environment) -> None:
    title = """<script>alert("x")</script> & "quoted" 'single' 🤖 café"""
    item = resource(
        title + "\x01",
        url="https://example.org/a?x=1&y=2",
        description='Look <script>alert(1)</script> [here](javascript:alert(1)) & "there"',
        author=Author(name='Ada "<b>" Lovelace & co'),
    )
    site = make_site()
    files = render_feeds(
        site, [release_diff("1.0", dt.date(2024, 3, 1), [added(item)])], environment
    )
    check_feeds(site, files)
    for path in ("atom.xml", "rss.xml"):
        assert b"<script>" not in files[path]
        parsed = feedparser.parse(files[path])
        assert parsed.entries[0].title == title
        assert parsed.entries[0].link == "https://example.org/a?x=1&y=2"
    assert json.loads(files["feed.json"])["items"][0]["title"] == title
    content = json.loads(files["feed.json"])["items"][0]["content_html"]
    # Markup in markdown is text: shown escaped, never a tag or a javascript: link.
    assert "<script" not in content
    assert "&lt;script&gt;" in content
    assert 'href="javascript:' not in content
    assert '&amp; "there"' in content
    atom = etree.fromstring(files["atom.xml"])
    assert atom.findtext(f"{ATOM}entry/{ATOM}author/{ATOM}name") == 'Ada "<b>" Lovelace & co'
    rss = etree.fromstring(files["rss.xml"])
    creator = rss.findtext("channel/item/{http://purl.org/dc/elements/1.1/}creator")
    assert creator == 'Ada "<b>" Lovelace & co'


def test_timestamps_count_down_within_a_release_and_a_day(environment) -> None:
    day = dt.date(2024, 5, 6)
    first = [
        added(resource(f"First {index}", url=f"https://a.example/{index}")) for index in range(3)
    ]
    second = [
        added(resource(f"Second {index}", url=f"https://b.example/{index}")) for index in range(2)
    ]
    history = [release_diff("2024.05.06", day, first), release_diff("2024.05.06.2", day, second)]
    site = make_site()
    files = render_feeds(site, history, environment)
    check_feeds(site, files)
    items = json.loads(files["feed.json"])["items"]
    assert [item["title"] for item in items] == [
        "Second 0", "Second 1", "First 0", "First 1", "First 2"
    ]  # fmt: skip
    assert [item["date_published"][-15:] for item in items] == [
        "T00:00:04+00:00",
        "T00:00:03+00:00",
        "T00:00:02+00:00",
        "T00:00:01+00:00",
        "T00:00:00+00:00",
    ]
    releases = json.loads(files["releases/feed.json"])["items"]
    assert [item["date_published"] for item in releases] == [
        "2024-05-06T00:00:01+00:00",
        "2024-05-06T00:00:00+00:00",
    ]
    atom = etree.fromstring(files["atom.xml"])
    assert atom.findtext(f"{ATOM}updated") == "2024-05-06T00:00:04+00:00"


def test_updates_say_so_and_cosmetic_updates_stay_out(environment) -> None:
    day = dt.date(2024, 6, 1)
    real = ResourceChange(
        resource=resource("Course", url="https://example.org/c", cost="paid", tags=("ml",)),
        section=("Section",),
        section_ids=("s",),
        changes=(
            FieldChange(field="cost", old="free", new="paid"),
            FieldChange(field="tags", old=["python"], new=["ml"]),
            FieldChange(field="id", old=None, new="course"),
        ),
    )
    cosmetic = ResourceChange(
        resource=resource("Other", url="https://example.org/o/"),
        section=("Section",),
        section_ids=("s",),
        changes=(
            FieldChange(field="url", old="http://example.org/o", new="https://example.org/o/"),
        ),
        cosmetic=True,
    )
    site = make_site()
    files = render_feeds(site, [release_diff("2", day, updated=[real, cosmetic])], environment)
    check_feeds(site, files)
    items = json.loads(files["feed.json"])["items"]
    assert [item["title"] for item in items] == ["Updated: Course"]
    assert items[0]["id"] == "tag:feeds.example.org,2024:2/updated/https://example.org/c"
    content = items[0]["content_html"]
    assert "free → paid" in content
    assert "added ml" in content
    assert "removed python" in content
    assert "Id" not in content  # an explicit id is never announced
    assert items[0]["tags"] == ["Section", "ml"]


def test_an_edited_text_is_marked_word_by_word_and_a_retitled_case_stays_out(environment) -> None:
    def snapshot(kitten: str, description: str, release: Release | None = None) -> Snapshot:
        resources = (
            resource(kitten, url="https://example.org/k"),
            resource("Course", url="https://example.org/c", description=description),
        )
        section = Section(title="Section", id="s", resources=resources)
        return Snapshot(roadmap=Roadmap(title="R", sections=(section,)), release=release)

    old = snapshot("KittenTTS", "Deep learning from the start. " * 3 + "A course, top down.")
    new = snapshot(
        "kittentts",
        "Deep learning from the start. " * 3 + "A practical course for coders, top down.",
        Release(version="2", date=dt.date(2024, 6, 1)),
    )
    site = make_site()
    files = render_feeds(site, [diff(old, new)], environment)
    check_feeds(site, files)
    items = json.loads(files["feed.json"])["items"]
    # A title that changed only in case is not news; the edited description is.
    assert [item["title"] for item in items] == ["Updated: Course"]
    assert (
        "<li>description: \u2026 start. Deep learning from the start. A <ins>practical</ins> "
        "course <ins>for coders</ins>, top down.</li>"
    ) in items[0]["content_html"]
    atom = feedparser.parse(files["atom.xml"])
    assert "<ins>practical</ins>" in atom.entries[0].content[0].value


def test_resource_without_url_links_to_its_anchor_on_the_changelog_page(environment) -> None:
    item = resource("A Topic With Spaces", section_ids=("topics",))
    site = make_site()
    files = render_feeds(
        site, [release_diff("7", dt.date(2023, 1, 2), [added(item, ids=("topics",))])], environment
    )
    check_feeds(site, files)
    entry = json.loads(files["feed.json"])["items"][0]
    anchor = resource_anchor("7", item.identity)
    assert entry["url"] == site_url(site, f"changelog/2023.html#{anchor}")
    assert entry["id"] == "tag:feeds.example.org,2023:7/added/topics/a-topic-with-spaces"


@pytest.mark.parametrize(
    ("specific", "expected"),
    [
        ("1/added/my id", "1/added/my%20id"),
        ("1/added/https://example.org/a?b=c&d=e", "1/added/https://example.org/a?b=c&d=e"),
        ("1/added/https://example.org/caf%C3%A9", "1/added/https://example.org/caf%C3%A9"),
        ("1/added/100%", "1/added/100%25"),
        ("1/added/café#x", "1/added/caf%C3%A9%23x"),
        ('1/added/[a]{b}|\\^`"<>', "1/added/%5Ba%5D%7Bb%7D%7C%5C%5E%60%22%3C%3E"),
    ],
)
def test_tag_uris_are_valid_rfc_4151(specific: str, expected: str) -> None:
    uri = tag_uri("example.org", 2024, specific)
    assert uri == f"tag:example.org,2024:{expected}"
    assert TAG_URI.fullmatch(uri)


def test_entries_limit_and_section_and_tag_feeds(environment) -> None:
    day = dt.date(2024, 1, 1)
    changes = [
        added(
            resource(f"R{index}", url=f"https://example.org/{index}", tags=("Deep Learning", "ml")),
            section=("Top", "Child") if index % 2 else ("Top",),
            ids=("top", "child") if index % 2 else ("top",),
        )
        for index in range(7)
    ]
    site = make_site(entries=3)
    files = render_feeds(site, [release_diff("1", day, changes)], environment)
    check_feeds(site, files)
    assert sorted(files) == [
        "atom.xml",
        "feed.json",
        "feed.xsl",
        "releases/atom.xml",
        "releases/feed.json",
        "releases/rss.xml",
        "rss.xml",
        "sections/child/atom.xml",
        "sections/child/rss.xml",
        "sections/top/atom.xml",
        "sections/top/rss.xml",
        "tags/deep-learning/atom.xml",
        "tags/ml/atom.xml",
    ]
    titles = {
        path: [entry.title for entry in feedparser.parse(data).entries]
        for path, data in files.items()
    }
    assert titles["atom.xml"] == ["R0", "R1", "R2"]
    assert titles["sections/top/atom.xml"] == ["R0", "R1", "R2"]  # children included
    assert titles["sections/child/atom.xml"] == ["R1", "R3", "R5"]
    assert titles["tags/deep-learning/atom.xml"] == ["R0", "R1", "R2"]
    assert feedparser.parse(files["sections/child/atom.xml"]).feed.title == "Test Road Map: Child"


def test_a_newest_release_longer_than_a_feed_is_named_in_a_warning(environment) -> None:
    # A feed holds the newest feeds.entries announcements: a release announcing more loses
    # the rest for readers who poll after each release (awesome-python's imported steps have
    # 103 and 59). Said with the key to raise; a first release (nothing polled before it) and
    # an older long release (its readers polled it then) are not.
    def changes(count: int, first: int = 0) -> list[ResourceChange]:
        return [
            added(resource(f"R{index}", url=f"https://example.org/{index}"))
            for index in range(first, first + count)
        ]

    first = release_diff("1", dt.date(2024, 1, 1), changes(7))
    second = dataclasses.replace(
        release_diff("2", dt.date(2024, 1, 2), changes(3, 7), changes(2)), old=first.new
    )
    site = make_site(entries=4)
    assert cut_release_problem(site, [first]) == ""
    assert cut_release_problem(site, [first, second], name="data/site.yaml") == (
        "data/site.yaml: feeds.entries: the newest release 2 announces 5 new or updated "
        "resources, more than the 4 a feed holds: readers who poll miss 1 of them (set "
        "feeds.entries to 5 or more)"
    )
    titles = [
        entry.title
        for entry in feedparser.parse(
            render_feeds(site, [first, second], environment)["atom.xml"]
        ).entries
    ]
    assert len(titles) == 4  # what the warning says: one of the five is not in the feed
    assert cut_release_problem(make_site(entries=5), [first, second]) == ""
    third = dataclasses.replace(
        release_diff("3", dt.date(2024, 1, 3), changes(1, 10)), old=second.new
    )
    assert cut_release_problem(site, [first, second, third]) == ""


def test_a_road_map_in_chinese_has_a_feed_per_section_and_per_tag(environment) -> None:
    # Section ids and tags keep their letters (they were all "untitled", one merged feed);
    # their folders are UTF-8 on disk and %-encoded in URLs and tag: ids.
    def release(version: str, resources: list[dict[str, object]]) -> Snapshot:
        document = {
            "release": {"version": version, "date": f"2024-01-0{version}"},
            "title": "机器学习路线图",
            "sections": [
                {"title": "书籍", "resources": resources},
                {"title": "课程", "resources": [{"title": "深度学习", "tags": ["神经网络"]}]},
            ],
        }
        return build_snapshot(document, f"{version}.yaml")

    old = release("1", [])
    new = release("2", [{"title": "机器学习", "url": "https://a.example.org/ml", "tags": ["入门"]}])
    site = make_site()
    files = render_feeds(site, list(consecutive_diffs([old, new])), environment)
    ids = check_feeds(site, files)
    assert {path for path in files if path.startswith(("sections/", "tags/"))} == {
        "sections/书籍/atom.xml",
        "sections/书籍/rss.xml",
        "sections/课程/atom.xml",
        "sections/课程/rss.xml",
        "tags/入门/atom.xml",
        "tags/神经网络/atom.xml",
    }
    self_link = etree.fromstring(files["sections/书籍/atom.xml"]).find(f"{ATOM}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("href") == (
        "https://feeds.example.org/roadmap/sections/%E4%B9%A6%E7%B1%8D/atom.xml"
    )
    assert ids["sections/课程/atom.xml"] == [
        "tag:feeds.example.org,2024:1/added/%E8%AF%BE%E7%A8%8B/%E6%B7%B1%E5%BA%A6%E5%AD%A6%E4%B9%A0"
    ]
    entry = json.loads(files["feed.json"])["items"][-1]
    assert entry["url"].isascii()  # the resource without URL links to its changelog anchor


def test_channel_hub_icon_logo_and_self_links(environment) -> None:
    site = dataclasses.replace(
        make_site(hub="https://hub.example.org/"),
        feeds=FeedSettings(
            icon="https://feeds.example.org/icon.png", logo="https://feeds.example.org/logo.png"
        ),
    )
    item = added(resource("R", url="https://example.org/r"))
    files = render_feeds(site, [release_diff("1", dt.date(2024, 1, 1), [item])], environment)
    check_feeds(site, files)
    atom = etree.fromstring(files["atom.xml"])
    assert atom.find(f"{ATOM}link[@rel='hub']").get("href") == "https://hub.example.org/"
    assert atom.findtext(f"{ATOM}icon") == "https://feeds.example.org/icon.png"
    assert atom.findtext(f"{ATOM}logo") == "https://feeds.example.org/logo.png"
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    rss = etree.fromstring(files["rss.xml"])
    assert rss.find(f"channel/{ATOM}link[@rel='hub']").get("href") == "https://hub.example.org/"
    assert rss.findtext("channel/link") == "https://feeds.example.org/roadmap/"
    assert rss.findtext("channel/language") == "en"
    assert rss.findtext("channel/image/url") == "https://feeds.example.org/icon.png"
    feed = json.loads(files["feed.json"])
    assert feed["hubs"] == [{"type": "WebSub", "url": "https://hub.example.org/"}]
    assert feed["home_page_url"] == "https://feeds.example.org/roadmap/"


def test_stylesheet_shows_a_feed_as_a_page(environment) -> None:
    site = make_site()
    changes = [added(resource("A <b>bold</b> & title", url="https://example.org/a", tags=("ml",)))]
    files = render_feeds(site, [release_diff("1", dt.date(2024, 1, 1), changes)], environment)
    check_feeds(site, files)  # the processing instruction keeps every feed valid
    transform = etree.XSLT(etree.fromstring(files["feed.xsl"]))
    for path in ("atom.xml", "rss.xml", "sections/s/atom.xml", "tags/ml/atom.xml"):
        document = etree.fromstring(files[path])
        instruction = document.getprevious()
        assert isinstance(instruction, etree._XSLTProcessingInstruction)
        # Relative, so a copy on disk or on another host finds it (XSLT is same-origin only).
        assert instruction.get("href") == "../" * path.count("/") + "feed.xsl"
        page = etree.tostring(transform(document.getroottree()), encoding="unicode")
        assert "<h1>Test Road Map" in page
        assert '<a href="https://example.org/a">A &lt;b&gt;bold&lt;/b&gt; &amp; title</a>' in page
        assert "2024-01-01" in page or "01 Jan 2024" in page


def test_no_release_no_feeds(environment) -> None:
    assert render_feeds(make_site(), [], environment) == {}


def test_validators_reject_broken_feeds(environment) -> None:
    """The checks above can fail: a feed without ids is refused by both schemas."""
    site = make_site()
    files = render_feeds(
        site, [release_diff("1", dt.date(2024, 1, 1), [added(resource("R"))])], environment
    )
    atom = etree.fromstring(files["atom.xml"])
    entry_id = atom.find(f"{ATOM}entry/{ATOM}id")
    entry_id.getparent().remove(entry_id)
    assert not atom_schema().validate(atom)
    feed = json.loads(files["feed.json"])
    del feed["items"][0]["id"]
    feed["unknown"] = True
    assert len(list(json_feed_validator().iter_errors(feed))) == 2


# --- the command ---------------------------------------------------------------------------------


def test_feeds_command_writes_removes_and_is_idempotent(project: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    stale = output / "sections" / "gone" / "atom.xml"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    runner = CliRunner()
    result = runner.invoke(main, ["--project", str(project), "feeds", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "removed" in result.output
    assert not stale.exists()
    assert (output / "atom.xml").is_file()
    assert (output / "releases" / "feed.json").is_file()
    written = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    site = load_site_of(open_project(project))
    check_feeds(site, {str(path.relative_to(output)): data for path, data in written.items()})
    again = runner.invoke(main, ["--project", str(project), "feeds", "-o", str(output)])
    assert again.exit_code == 0
    assert "0 written" in again.output
    assert {path: path.read_bytes() for path in output.rglob("*") if path.is_file()} == written


def test_feeds_command_default_folder_and_bad_site(project: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["--project", str(project), "feeds"])
    assert result.exit_code == 0, result.output
    assert (project / "feeds" / "rss.xml").is_file()
    site_file = project / "data" / "site.yaml"
    site_file.write_text(
        site_file.read_text().replace("feeds:\n  entries: 100", "feeds:\n  entris: 5")
    )
    result = runner.invoke(main, ["--project", str(project), "feeds"])
    assert result.exit_code == 1
    assert "data/site.yaml: feeds.entris: unknown key" in result.output
    assert "Traceback" not in result.output


# --- per-tag work is linear in the number of tags ------------------------------------------


def tag_feeds(tags: int, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], int]:
    """Every feed, and the size of the values hashed into feed cache keys, for one release that
    adds a resource with ``tags`` tags and updates one whose ``tags`` tags all changed.

    Built as data, not loaded: the loader's limit on tags per resource is not what is measured.
    """
    import datetime as dt

    from publisher import feeds
    from publisher.diff import FieldChange, ResourceChange, RoadmapDiff
    from publisher.model import Author, Release, Resource, Site
    from publisher.render import template_environment

    hashed = 0
    original = feeds.value_key

    def counting_value_key(value: object) -> str:
        nonlocal hashed
        hashed += len(repr(value))  # what is serialized and hashed grows with the value
        return original(value)

    monkeypatch.setattr(feeds, "value_key", counting_value_key)
    new_tags = tuple(f"n{number:04d}" for number in range(tags))
    old_tags = tuple(f"o{number:04d}" for number in range(tags))
    fresh = Resource(title="Fresh", identity="fresh", url="https://f.example.org/", tags=new_tags)
    before = Resource(title="Kept", identity="kept", url="https://k.example.org/", tags=old_tags)
    after = Resource(title="Kept", identity="kept", url="https://k.example.org/", tags=new_tags)
    history = [
        RoadmapDiff(
            old=None,
            new=Release(version="1", date=dt.date(2024, 1, 1)),
            added=(ResourceChange(resource=fresh, section=("S",), section_ids=("s",)),),
            updated=(
                ResourceChange(
                    resource=after,
                    old_resource=before,
                    section=("S",),
                    section_ids=("s",),
                    changes=(FieldChange(field="tags", old=list(old_tags), new=list(new_tags)),),
                ),
            ),
        )
    ]
    site = Site(
        title="T",
        base_url="https://feeds.example.org/",
        author=Author(name="Curator"),
    )
    files = feeds.render_feeds(
        site, history, template_environment(None), memo=lambda key, make: make()
    )
    assert len([path for path in files if path.startswith("tags/")]) == tags
    return files, hashed


def tag_feed_work(tags: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Bytes of every feed, and the size of the values hashed into their cache keys."""
    files, hashed = tag_feeds(tags, monkeypatch)
    return sum(map(len, files.values())), hashed


def test_per_tag_work_is_linear_in_the_number_of_tags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each tag feed used to carry the resource's whole tag list (as categories, in its text
    and in its cache key): n tags cost n feeds of n tags each. The growth from 200 to 400
    tags must be that from 100 to 200, twice: what a straight line does."""
    work = {tags: tag_feed_work(tags, monkeypatch) for tags in (100, 200, 400)}
    for measure, name in ((0, "bytes written"), (1, "values hashed")):
        first = work[200][measure] - work[100][measure]
        second = work[400][measure] - work[200][measure]
        assert second <= 2.2 * first, f"{name} grow faster than the tags: {work}"


def test_a_tag_feed_names_its_tag_and_the_main_feed_the_whole_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import feedparser

    captured, _ = tag_feeds(3, monkeypatch)
    main = feedparser.parse(captured["atom.xml"])
    tagged = feedparser.parse(captured["tags/n0001/atom.xml"])
    assert [entry.title for entry in tagged.entries] == ["Fresh", "Updated: Kept"]
    for entry in tagged.entries:
        assert [tag.term for tag in entry.tags] == ["S", "n0001"]
        assert "n0002" not in entry.summary
    assert "tags: 3 added, 3 removed" in tagged.entries[1].summary
    for entry in main.entries:
        assert [tag.term for tag in entry.tags] == ["S", "n0000", "n0001", "n0002"]
    assert "tagged n0000, n0001, n0002" in main.entries[0].summary
    assert "o0002" in main.entries[1].summary


def test_a_feed_documents_key_frames_each_part() -> None:
    from publisher.feeds import _document_key

    key = _document_key("sections/s", "T", "Sub", ["k1"], ["atom"])
    assert key == _document_key("sections/s", "T", "Sub", ["k1"], ["atom"])
    # A format and an entry key are told apart, as are text moved between title and subtitle.
    assert key != _document_key("sections/s", "T", "Sub", [], ["atom", "k1"])
    assert key != _document_key("sections/s", "T\0Sub", "", ["k1"], ["atom"])
    assert key != _document_key("sections/s", "T", "Sub", ["k1"], ["rss"])
