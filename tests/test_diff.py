"""The diff core: every kind of change, on snapshots built by the real loader."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from publisher.diff import (
    FieldChange,
    RoadmapDiff,
    consecutive_diffs,
    describe_change,
    diff,
    diff_to_json,
    keep_section_ids,
)
from publisher.diff_report import format_markdown, format_text
from publisher.dump import dump_roadmap
from publisher.load import build_snapshot, load_releases
from publisher.model import Snapshot
from publisher.project import open_project


def snapshot(document: dict[str, Any], version: str = "") -> Snapshot:
    """A snapshot validated by the loader (so identities are computed as in real data)."""
    document = copy.deepcopy(document)
    if version:
        document["release"] = {"version": version, "date": "2024-01-01"}
    return build_snapshot(document, f"{version or 'working'}.yaml")


BASE: dict[str, Any] = {
    "title": "Road map",
    "sections": [
        {
            "title": "Courses",
            "resources": [
                {"title": "CS229", "url": "https://example.org/cs229", "kind": "course"},
                {"title": "Fast AI", "url": "https://fast.ai/", "description": "Top-down.\n"},
                {"title": "Linear algebra", "tags": ["math", "basics"]},
            ],
            "sections": [
                {
                    "title": "Deep learning",
                    "resources": [{"title": "D2L", "url": "https://d2l.ai"}],
                }
            ],
        },
        {
            "title": "People",
            "id": "people",
            "resources": [{"title": "Karpathy", "url": "https://karpathy.ai"}],
        },
    ],
}


def edited(**paths: Any) -> dict[str, Any]:
    """BASE with values replaced: ``edited(s0_r1_url="…")`` sets sections[0].resources[1].url."""
    document = copy.deepcopy(BASE)
    for path, value in paths.items():
        section, resource, field = path.split("_", 2)
        document["sections"][int(section[1:])]["resources"][int(resource[1:])][field] = value
    return document


def only(changes: RoadmapDiff, kind: str) -> None:
    """Assert that ``changes`` holds exactly one non-empty list: ``kind``."""
    lists = {
        "added": changes.added,
        "removed": changes.removed,
        "updated": changes.updated,
        "moved": changes.moved,
        "sections_added": changes.sections_added,
        "sections_removed": changes.sections_removed,
        "sections_renamed": changes.sections_renamed,
    }
    assert {name for name, items in lists.items() if items} == {kind}


def test_identical_snapshots_have_no_changes() -> None:
    changes = diff(snapshot(BASE, "1"), snapshot(BASE, "2"))
    assert changes.is_empty
    assert diff_to_json(changes)["summary"] == {"added": 0, "removed": 0, "updated": 0, "moved": 0}


def test_added_and_removed_resources() -> None:
    document = copy.deepcopy(BASE)
    document["sections"][1]["resources"].append({"title": "LeCun", "url": "https://yann.lecun.com"})
    changes = diff(snapshot(BASE), snapshot(document))
    only(changes, "added")
    [added] = changes.added
    assert (added.resource.title, added.section, added.section_ids) == (
        "LeCun",
        ("People",),
        ("people",),
    )
    reverse = diff(snapshot(document), snapshot(BASE))
    only(reverse, "removed")
    assert reverse.removed[0].resource.identity == "https://yann.lecun.com"


@pytest.mark.parametrize(
    ("field", "old", "new", "reported_old", "reported_new"),
    [
        ("title", "CS229", "Stanford CS229", "CS229", "Stanford CS229"),
        ("kind", "course", "video", "course", "video"),
        ("author", None, "Andrew Ng", None, {"name": "Andrew Ng"}),
        ("description", None, "Hard.", None, "Hard."),
        ("tags", None, ["ml"], (), ("ml",)),
        ("cost", None, "free", None, "free"),
        ("time", "10 hours", "12 hours", "10 hours", "12 hours"),
        ("level", None, "advanced", None, "advanced"),
        ("prerequisites", None, ["https://fast.ai"], (), ("https://fast.ai",)),
    ],
)
def test_each_field_change_is_an_update(
    field: str, old: Any, new: Any, reported_old: Any, reported_new: Any
) -> None:
    before = edited(**{f"s0_r0_{field}": old}) if old is not None else BASE
    changes = diff(snapshot(before), snapshot(edited(**{f"s0_r0_{field}": new})))
    only(changes, "updated")
    [update] = changes.updated
    assert [(change.field, change.old, change.new) for change in update.changes] == [
        (field, reported_old, reported_new)
    ]
    assert not update.cosmetic
    assert update.resource.identity == "https://example.org/cs229"
    assert changes.announced_updates == (update,)


def test_url_change_with_same_title_is_one_update() -> None:
    changes = diff(snapshot(BASE), snapshot(edited(s0_r0_url="https://cs229.stanford.edu")))
    only(changes, "updated")
    [update] = changes.updated
    assert [(c.field, c.old, c.new) for c in update.changes] == [
        ("url", "https://example.org/cs229", "https://cs229.stanford.edu")
    ]
    assert update.old_identity == "https://example.org/cs229"
    assert update.resource.identity == "https://cs229.stanford.edu"
    assert not update.cosmetic


def test_titles_in_another_script_are_not_one_resource_whose_url_changed() -> None:
    # Their slugs used to be "untitled" alike: a new resource was taken for an old one's URL
    # change and never announced.
    def chinese(title: str, url: str) -> dict[str, Any]:
        return {
            "title": "R",
            "sections": [{"title": "课程", "resources": [{"title": title, "url": url}]}],
        }

    changes = diff(
        snapshot(chinese("机器学习", "https://a.example.org/ml"), "1"),
        snapshot(chinese("深度学习", "https://b.example.org/dl"), "2"),
    )
    assert [change.resource.title for change in changes.added] == ["深度学习"]
    assert [change.resource.title for change in changes.removed] == ["机器学习"]
    assert not changes.updated
    # The same title at a new URL is still one update.
    changes = diff(
        snapshot(chinese("机器学习", "https://a.example.org/ml"), "1"),
        snapshot(chinese("机器学习", "https://b.example.org/ml"), "2"),
    )
    only(changes, "updated")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/cs229",
        "https://example.org/cs229/",
        "https://example.org/cs229?utm_source=newsletter",
        "https://EXAMPLE.org/cs229#top",
        # Through a click counter: readers land on the same page.
        "https://hellogithub.com/periodical/statistics/click/?target=https://example.org/cs229",
    ],
)
def test_url_that_normalizes_the_same_is_cosmetic(url: str) -> None:
    changes = diff(snapshot(BASE), snapshot(edited(s0_r0_url=url)))
    only(changes, "updated")
    [update] = changes.updated
    assert update.cosmetic
    assert changes.announced_updates == ()
    assert diff_to_json(changes)["updated"][0]["cosmetic"] is True
    assert diff_to_json(changes)["updated"][0]["url"] == url


@pytest.mark.parametrize(
    ("old", "new", "cosmetic"),
    [
        # Forms of one address that show the same page (generative-ai-for-beginners 2024:
        # a lesson's folder → its README.md, with a tracking parameter).
        ("https://example.org/cs229", "https://www.example.org/cs229/", True),
        ("https://example.org/cs229/", "https://example.org/cs229/index.html", True),
        ("https://github.com/o/lessons", "https://github.com/o/lessons.git", True),
        (
            "https://github.com/o/lessons/blob/main/10-low-code/",
            "https://github.com/o/lessons/blob/main/10-low-code/README.md?WT.mc_id=x-1",
            True,
        ),
        (
            "https://github.com/o/lessons/tree/main/01",
            "https://github.com/o/lessons/blob/main/01",
            True,
        ),
        # Another page: a folder renamed, another file, another host, a page beside the index.
        (
            "https://github.com/o/lessons/blob/main/1-setup/",
            "https://github.com/o/lessons/blob/main/01-setup/README.md",
            False,
        ),
        (
            "https://github.com/o/lessons/blob/main/01/README.md",
            "https://github.com/o/lessons/blob/main/01/NOTES.md",
            False,
        ),
        ("https://example.org/cs229", "https://www2.example.org/cs229", False),
        ("https://example.org/cs229/index.html", "https://example.org/cs229/about.html", False),
        ("https://example.org/o/lessons.git", "https://example.org/o/lessons", False),
    ],
)
def test_url_forms_showing_the_same_page_are_cosmetic(old: str, new: str, cosmetic: bool) -> None:
    for first, second in ((old, new), (new, old)):
        changes = diff(snapshot(edited(s0_r0_url=first)), snapshot(edited(s0_r0_url=second)))
        only(changes, "updated")
        [update] = changes.updated
        assert update.cosmetic is cosmetic
        assert len(changes.announced_updates) == (0 if cosmetic else 1)


@pytest.mark.parametrize(
    "url",
    [
        # A page that names the URL in its query is another page: a real update.
        "https://www.google.com/search?q=https://example.org/cs229",
        # A click counter leading elsewhere.
        "https://hellogithub.com/periodical/statistics/click/?target=https://example.org/cs230",
    ],
)
def test_url_through_another_page_is_a_real_update(url: str) -> None:
    changes = diff(snapshot(BASE), snapshot(edited(s0_r0_url=url)))
    only(changes, "updated")
    [update] = changes.updated
    assert not update.cosmetic
    assert len(changes.announced_updates) == 1
    assert diff_to_json(changes)["updated"][0]["changes"]["url"]["new"] == url


def test_app_store_links_rewritten_the_same_pages_are_cosmetic() -> None:
    # The real shape (awesome-mac-history): an App Store link as the resource's URL and as a
    # badge after its description, rewritten with another display parameter and host.
    badge = "A notes app. [![App Store](https://example.org/badge.svg)]({})"
    before = edited(
        s0_r0_url="https://itunes.apple.com/app/notes/id1?mt=12",
        s0_r0_description=badge.format("https://itunes.apple.com/app/id1?mt=12"),
    )
    after = edited(
        s0_r0_url="https://apps.apple.com/app/notes/id1?platform=mac",
        s0_r0_description=badge.format("https://apps.apple.com/app/id1?platform=mac"),
    )
    changes = diff(snapshot(before), snapshot(after))
    only(changes, "updated")
    assert changes.updated[0].cosmetic
    assert changes.announced_updates == ()
    # Another app's page is news.
    relinked = edited(
        s0_r0_url="https://apps.apple.com/app/notes/id1?platform=mac",
        s0_r0_description=badge.format("https://apps.apple.com/app/id2?platform=mac"),
    )
    changes = diff(snapshot(before), snapshot(relinked))
    assert [change.field for change in changes.announced_updates[0].announced_changes] == [
        "description"
    ]


def test_a_click_counter_dropped_with_a_new_title_is_one_update() -> None:
    # Identity stays on the URL as written, so the counter's URL and its target are two
    # identities; the diff pairs them by the page a reader lands on (`landing_url`), the URL
    # change cosmetic, the title change news.
    counted = (
        "https://hellogithub.com/periodical/statistics/click/?target=https://example.org/cs229"
    )
    old = snapshot(edited(s0_r0_url=counted, s0_r0_title="cs229 repo"), "1")
    new = snapshot(edited(s0_r0_title="Stanford CS229"), "2")
    for changes, url in ((diff(old, new), "https://example.org/cs229"), (diff(new, old), counted)):
        only(changes, "updated")
        [update] = changes.updated
        assert not update.cosmetic
        assert {change.field: change.cosmetic for change in update.changes} == {
            "url": True,
            "title": False,
        }
        assert diff_to_json(changes)["updated"][0]["url"] == url


@pytest.mark.parametrize(
    "url",
    [
        # Pages naming CS229 in their query on hosts that are no click counter: other pages.
        "https://www.webpagetest.org/?url=https://example.org/cs229",
        "https://example.org/out?url=https://example.org/cs229",
    ],
)
def test_a_url_named_by_another_page_is_not_paired_by_it(url: str) -> None:
    old = snapshot(edited(s0_r0_url=url, s0_r0_title="Speed test"), "1")
    new = snapshot(edited(s0_r0_title="Stanford CS229"), "2")
    changes = diff(old, new)
    assert len(changes.added) == len(changes.removed) == 1
    assert not changes.updated


@pytest.mark.parametrize("title", ["cs229", "CS 229", "CS-229", " CS229!", "Cs229."])
def test_title_that_differs_in_case_spacing_or_punctuation_is_cosmetic(title: str) -> None:
    changes = diff(snapshot(BASE), snapshot(edited(s0_r0_title=title)))
    only(changes, "updated")
    [update] = changes.updated
    assert update.cosmetic
    assert changes.announced_updates == ()
    assert diff_to_json(changes)["updated"][0]["changes"]["title"]["new"] == title.strip()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("C++ Primer", "C# Primer"),
        ("C++ Primer", "C Primer"),
        ("$5 Course", "5 Course"),
        ("€5 Course", "$5 Course"),
        ("a<b", "a>b"),
        ("x = y", "x ~ y"),
        # A number that is part of the name is not a list number.
        ("1984 Revisited", "Revisited"),
        ("Python 3.11", "Python 311"),
        # A mark that is part of a number or a version: a decimal point, a sign, a percent or
        # per mille sign, a time's colon, a fraction's slash (issue 13: hidden news before).
        ("1.5 hours", "15 hours"),
        ("1.5 hours", "1-5 hours"),
        # Spacing around a mark joins numbers only where spaces are its own: a space between
        # digits, or after a sentence's full stop or comma, still separates them.
        ("Chapters 1 2", "Chapters 12"),
        ("Python 3. 5 tips", "Python 3.5 tips"),
        ("Chapters 1, 2", "Chapters 1,2"),
        ("50% off", "50 off"),
        ("100% Free", "100 Free"),
        ("5\u2030 fee", "5 fee"),
        ("-5 degrees", "5 degrees"),
        ("Offset (-5)", "Offset (5)"),
        ("\u22125 degrees", "5 degrees"),
        ("v2.0", "v20"),
        ("v2.0", "v2"),
        ("Starts 3:00", "Starts 300"),
        ("Starts 3:00", "Starts 3.00"),
        ("1/2 day", "12 day"),
        ("1/2 day", "1.2 day"),
        ("1,5 hours", "15 hours"),
        ("1,000 pages", "1.000 pages"),
        (".5 day", "5 day"),
        ("C++", "C"),
        ("$10", "10"),
        # Emoji, other symbols and combining marks are not punctuation.
        ("\U0001f6a7 Course", "Course"),
        ("Free \u2705", "Free \u274c"),
        ("\u0e02\u0e48\u0e32\u0e27", "\u0e02\u0e32\u0e27"),  # Thai: a tone mark (Mn)
        ("\u0915\u093e\u092e", "\u0915\u092e"),  # Hindi: a vowel sign (Mc)
    ],
)
def test_title_change_of_a_symbol_or_a_number_is_announced(old: str, new: str) -> None:
    changes = diff(snapshot(edited(s0_r0_title=old)), snapshot(edited(s0_r0_title=new)))
    only(changes, "updated")
    [update] = changes.updated
    assert not update.cosmetic
    assert changes.announced_updates == (update,)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("C++ Primer", "c++ primer"),
        ("C++ Primer", "C++  Primer."),
        ("Node.js Guide", "NodeJS guide"),
        ("Learn C#: Basics", "learn c# - basics"),
        ("\U0001f4da Deep Learning", "\U0001f4da Deep-Learning"),
        # An emoji with or without its variation selector is the same emoji.
        ("\u26a0\ufe0f Deprecated", "\u26a0 deprecated"),
        # Every punctuation mark (Unicode categories P*) is cosmetic, # % & @ included.
        ("AT&T Labs", "ATT Labs"),
        ("F# for Fun", "F for Fun"),
        # Punctuation next to a number that is not part of it: a full stop, a list's comma,
        # a hyphen joining a name and a number; a dash in a range is a dash, however drawn.
        ("KittenTTS.", "kittentts"),
        ("Python 3.", "python 3"),
        ("Chapters 1, 2", "chapters 1 2"),
        ("GPT-4 Guide", "GPT4 guide"),
        ("1-2 hours", "1\u20132 hours"),
        ("50 % off", "50% off"),
        # Spaces around a mark joining two numbers are spacing ("10 - 20", en dash unspaced).
        ("Rust 10 - 20", "Rust 10\u201320"),
        ("Rated 4.5 / 5", "rated 4.5/5"),
        ("Ages 10 -20", "ages 10-20"),
        ("\u22125 degrees", "-5 degrees"),
        # A thousands separator (a comma before a group of three digits) is how a number is
        # written, not what it says.
        ("1,000 Exercises", "1000 exercises"),
        ("1,234,567 words", "1234567 words"),
        ("@karpathy talks", "karpathy talks"),
        ("Q&A: \u00abDeep\u00bb", "QA Deep"),
        # A list number dropped or changed (llm-course's Quantization rows, 2024).
        ("1. Introduction to Quantization", "Introduction to Quantization"),
        ("2) GPTQ", "3) GPTQ"),
    ],
)
@pytest.mark.parametrize("url", ["https://example.org/cs229", None])
def test_title_change_of_punctuation_only_is_cosmetic(old: str, new: str, url: str | None) -> None:
    # With or without a URL (then the title is the identity: one folding pairs and decides).
    before, after = edited(s0_r0_title=old), edited(s0_r0_title=new)
    if url is None:
        del before["sections"][0]["resources"][0]["url"]
        del after["sections"][0]["resources"][0]["url"]
    changes = diff(snapshot(before), snapshot(after))
    only(changes, "updated")
    assert changes.updated[0].cosmetic
    assert changes.announced_updates == ()


@pytest.mark.parametrize(
    ("old", "new", "cosmetic"),
    [
        ("Keras Audio Preprocessors", "Keras Audio Preprocessors.", True),
        ("A tool for Python", "A Tool for Python!", True),
        ("Made by same authors.", "Made by the same authors.", False),
        ("Takes 10 - 20 hours.", "Takes 10\u201320 hours.", True),
        ("Rated 4.5 / 5", "Rated 4.5/5", True),
        ("Takes 1 2 hours.", "Takes 12 hours.", False),
        ("Covers C++.", "Covers C#.", False),
        ("See [docs](https://a.example.org).", "See [docs](https://b.example.org).", False),
        ("See [docs](http://a.example.org/x/).", "See [docs](https://a.example.org/x).", True),
        # Markdown markers and hyphenation: the same words (awesome-python's real edits).
        ("A **fast** tool.", "A fast tool.", True),
        ("The autocomplete library.", "The auto-complete library.", True),
        # A link put on, or taken off, words that stay: the description reads the same
        # (awesome-python's SublimeJEDI and jedi-vim in 2017, saws in 2018). A link that now
        # leads elsewhere, or one whose URL readers see as text, is news.
        (
            "Plugin for the library [Jedi](https://github.com/davidhalter/jedi).",
            "Plugin for the library Jedi.",
            True,
        ),
        ("Wraps [pycodestyle](https://a.example.org).", "Wraps pycodestyle.", True),
        ("A Supercharged AWS CLI.", "A Supercharged [aws-cli](https://a.example.org).", True),
        (
            "Lecture notes and slides.",
            "Lecture notes and [slides](https://a.example/s.pdf).",
            True,
        ),
        (
            "See [notes](https://a.example/n) and [slides](https://a.example/s).",
            "See [notes](https://a.example/n) and slides.",
            True,
        ),
        (
            "See [notes](https://a.example/n) and slides.",
            "See notes and [slides](https://a.example/s).",
            False,
        ),
        ("The next PyPI.", "The next PyPI. <https://pypi.example.org/>", False),
        # One sentence cut by a generator at another length (best-of-ml-python's Tesseract
        # and keras-ocr): the shorter ends with an ellipsis and the longer begins with it.
        (
            "An optical character recognition (OCR) tool..",
            "An optical character recognition (OCR)..",
            True,
        ),
        ("A version of the text detector..", "A version of the text detector and..", True),
        ("A version of the text detector\u2026", "A version of the text detector and more.", True),
        # Other words, or a text cut short without a mark: a real edit.
        (
            "Awesome multilingual OCR toolkits based..",
            "Turn any PDF into structured data for your..",
            False,
        ),
        ("A version of the text detector", "A version of the text detector and more.", False),
        (
            "A version of the [text](https://a.example) detector..",
            "A version of the text detector and..",
            False,
        ),
        ("The next PyPI.", "The next PyPI. https://pypi.example.org/", False),
        # A link target however written is compared as a URL (normalize_url), never as words.
        ("Code: https://github.com/foo/bar-baz", "Code: https://github.com/foo-bar/baz", False),
        ("Code: http://github.com/foo/bar/", "code: https://github.com/foo/bar", True),
        (
            "Watch: https://youtu.be/watch?v=dQw4w9WgXcQ",
            "Watch: https://youtu.be/watch?v=DQw4w9WgXcq",
            False,
        ),
        (
            "[[PDF]](https://x.org/papers/attention-v1.pdf)",
            "[[PDF]](https://x.org/papers/attention/v1.pdf)",
            False,
        ),
        ("[[PDF]](https://x.org/a.pdf)", "[[pdf]](http://x.org/a.pdf)", True),
        ("See <https://a.example/x-y>.", "See <https://a.example/xy>.", False),
        ("See ![arch](https://x.org/a.png)", "See ![arch](https://x.org/b.png)", False),
        (
            "See [docs][1].\n\n[1]: https://a.example/v1-2",
            "See [docs][1].\n\n[1]: https://a.example/v12",
            False,
        ),
        ("See [docs][1].\n\n[1]: https://a.example/v1", "See [docs](https://a.example/v1).", True),
        # Emoji, other symbols and combining marks are words; only punctuation is cosmetic.
        ("Free: \u2705", "Free: \u274c", False),
        ("Maintained", "\u26a0\ufe0f Maintained", False),
        ("Costs ~~$10~~ $5", "Costs $10 $5", False),
        ("\u0e02\u0e48\u0e32\u0e27", "\u0e02\u0e32\u0e27", False),
        ("\u0915\u093e\u092e", "\u0915\u092e", False),
        # Code is compared as written, punctuation included.
        ("Use `a / b`.", "Use `a * b`.", False),
        ("Run `!x`.", "Run `x`.", False),
        ("Run `x`.", "run `x`", True),
        # Words put in code style as written are markup (awesome-python's uvloop, 2018); code
        # whose text the other version does not hold as written stays code.
        ("Runs an asyncio loop on libuv.", "Runs an `asyncio` loop on `libuv`.", True),
        ("Returns `True`.", "Returns true.", False),
        ("Run `pip install a`.", "Run pip install b.", False),
        # Words added or removed (an article, a trailing link with its text), a link that now
        # leads elsewhere, a number split: real edits.
        ("Module for tokens.", "A module for tokens.", False),
        ("Fast parser. [Docs](https://d.example.org)", "Fast parser.", False),
        ("By [A](https://a.example.org).", "By A [and B](https://b.example.org).", False),
        ("Takes 1-2 weeks.", "Takes 12 weeks.", False),
        ("Python 3.11 only.", "Python 311 only.", False),
        ("Save 50% today.", "Save 50 today.", False),
        ("Costs 1,000 coins.", "Costs 1000 coins", True),
        # Markdown markers inside a number are markup: readers see the same number.
        ("Takes 1.**5** hours.", "Takes 1.5 hours.", True),
        ("Takes 1.**5** hours.", "Takes 15 hours.", False),
        ("Save **50**%.", "Save 50%.", True),
    ],
)
def test_description_change_of_punctuation_or_case_only_is_cosmetic(
    old: str, new: str, cosmetic: bool
) -> None:
    before = edited(s0_r0_description=old)
    changes = diff(snapshot(before), snapshot(edited(s0_r0_description=new)))
    only(changes, "updated")
    assert changes.updated[0].cosmetic is cosmetic
    assert len(changes.announced_updates) == (0 if cosmetic else 1)


@pytest.mark.parametrize(
    ("old", "new", "cosmetic"),
    [
        # An inline HTML link's target counts as a markdown link's does (issue 13).
        (
            'See <a href="https://a.example.org/x">docs</a>.',
            'See <a href="https://a.example.org/y">docs</a>.',
            False,
        ),
        ('See <a href="/docs/a">docs</a>.', 'See <a href="/docs/b">docs</a>.', False),
        ('See <a href="https://a.example.org/x">docs</a>.', "See docs.", False),
        (
            'See <a href="https://a.example.org/x">docs</a>.',
            "See [docs](https://b.example.org)",
            False,
        ),
        (
            'See <a href="https://a.example.org/x">docs</a>.',
            "See [docs](https://a.example.org/x).",
            True,
        ),
        (
            'See <a href="http://a.example.org/x/">docs</a>',
            "see [Docs](https://a.example.org/x)",
            True,
        ),
        (
            "See <a href='https://a.example.org/x' target=\"_blank\">docs</a>.",
            'See <A HREF="https://a.example.org/x">docs</A>.',
            True,
        ),
        (
            '<a href="https://a.example.org/?x=1&amp;y=2">docs</a>',
            "[docs](https://a.example.org/?x=1&y=2)",
            True,
        ),
        ("<a href=https://a.example.org/x>docs</a>", "[docs](https://a.example.org/x)", True),
        (
            '<a href="https://a.example.org/x" title="The docs">docs</a>',
            '<a href="https://a.example.org/x" title="Old docs">docs</a>',
            True,
        ),
        # An HTML block keeps its words and links.
        (
            "<p>\nSee <a href='https://a.example.org/x'>docs</a>\n</p>",
            "<p>\nSee <a href='https://a.example.org/y'>docs</a>\n</p>",
            False,
        ),
        ("<div>\nFast parser\n</div>", "<div>\nSlow parser\n</div>", False),
        ("<div>\nFast parser\n</div>", "<div>\nfast parser.\n</div>", True),
    ],
)
def test_description_html_links_count_as_links(old: str, new: str, cosmetic: bool) -> None:
    for first, second in ((old, new), (new, old)):
        before = edited(s0_r0_description=first)
        changes = diff(snapshot(before), snapshot(edited(s0_r0_description=second)))
        only(changes, "updated")
        assert changes.updated[0].cosmetic is cosmetic


@pytest.mark.parametrize(
    ("old", "new", "cosmetic"),
    [
        ("A [tool](https://a.example.org).", "A [Tool](http://a.example.org/)", True),
        ("A [tool](https://a.example.org).", "A tool.", True),  # a link off (or on) its words
        ("A [tool](https://a.example.org).", "A [tool](https://b.example.org).", False),
        ("A tool.", None, False),  # a description removed is a real edit
        (None, "A tool.", False),
    ],
)
def test_description_link_markup_only_is_cosmetic_both_ways(
    old: str | None, new: str | None, cosmetic: bool
) -> None:
    before = edited(s0_r0_description=old) if old is not None else BASE
    after = edited(s0_r0_description=new) if new is not None else BASE
    for first, second in ((before, after), (after, before)):
        [update] = diff(snapshot(first), snapshot(second)).updated
        assert update.cosmetic is cosmetic


@pytest.mark.parametrize(
    ("field", "old", "new", "cosmetic"),
    [
        ("time", "10 hours", "10 Hours.", True),
        ("time", "10 hours", "10  hours", True),
        ("time", "1-2 hours", "12 hours", False),
        ("time", "10 hours", "12 hours", False),
        ("time", "1\u00bd hours", "1 hours", False),
        ("time", "10\u00b2 hours", "102 hours", False),
        ("time", "1.5 hours", "15 hours", False),
        ("time", "50%", "50", False),
        ("time", "-5", "5", False),
        ("time", "1,000 pages", "1000 pages", True),
        ("time", "1.5 hours.", "1.5 Hours", True),
        ("time", None, "10 hours", False),
        ("author", "Andrew Ng", "andrew ng", True),
        ("author", "Andrew Ng", "Andrew Y. Ng", False),
        (
            "author",
            {"name": "Ng", "url": "http://ng.org/"},
            {"name": "Ng", "url": "https://ng.org"},
            True,
        ),
        (
            "author",
            {"name": "Ng", "url": "https://ng.org"},
            {"name": "Ng", "url": "https://ng.com"},
            False,
        ),
        ("author", None, "Andrew Ng", False),
    ],
)
def test_other_free_text_fields_follow_the_same_cosmetic_rule(
    field: str, old: Any, new: Any, cosmetic: bool
) -> None:
    before = edited(**{f"s0_r0_{field}": old}) if old is not None else BASE
    changes = diff(snapshot(before), snapshot(edited(**{f"s0_r0_{field}": new})))
    only(changes, "updated")
    [update] = changes.updated
    assert update.cosmetic is cosmetic
    assert [change.cosmetic for change in update.changes] == [cosmetic]
    assert len(changes.announced_updates) == (0 if cosmetic else 1)


def test_with_a_real_change_only_the_real_change_is_shown() -> None:
    # awesome-python, 2017 → 2025: "Pylint" → "pylint", a new link, "A Fully" → "A fully".
    before = edited(s0_r0_title="Pylint", s0_r0_description="A Fully customizable analyzer.")
    after = edited(
        s0_r0_title="pylint",
        s0_r0_url="https://github.com/pylint-dev/pylint",
        s0_r0_description="A fully customizable analyzer.",
    )
    changes = diff(snapshot(before), snapshot(after))
    [update] = changes.announced_updates
    assert not update.cosmetic
    assert [(c.field, c.cosmetic) for c in update.changes] == [
        ("title", True),
        ("url", False),
        ("description", True),
    ]
    assert [c.field for c in update.announced_changes] == ["url"]
    assert diff_to_json(changes)["updated"][0]["changes"] == {
        "title": {"old": "Pylint", "new": "pylint", "cosmetic": True},
        "url": {"old": "https://example.org/cs229", "new": "https://github.com/pylint-dev/pylint"},
        "description": {
            "old": "A Fully customizable analyzer.",
            "new": "A fully customizable analyzer.",
            "cosmetic": True,
        },
    }
    # What every output shows (feeds, changelog, email and the markdown report use
    # announced_changes): the link, not the case edits.
    markdown = format_markdown(changes)
    assert "link: https://example.org/cs229 → https://github.com/pylint-dev/pylint" in markdown
    assert "title:" not in markdown
    assert "description:" not in markdown
    # The maintainer's text report shows both, the cosmetic ones marked.
    text = format_text(changes)
    assert "    title: Pylint → pylint  (cosmetic)" in text
    assert "(cosmetic)" not in next(line for line in text.splitlines() if "link:" in line)


def test_cosmetic_title_with_a_real_change_is_announced() -> None:
    for document in (edited(s0_r0_title="cs229", s0_r0_kind="video"), edited(s0_r0_title="CS230")):
        changes = diff(snapshot(BASE), snapshot(document))
        assert not changes.updated[0].cosmetic
        assert len(changes.announced_updates) == 1


def test_cosmetic_url_with_a_real_change_is_announced() -> None:
    document = edited(s0_r0_url="http://example.org/cs229", s0_r0_kind="video")
    changes = diff(snapshot(BASE), snapshot(document))
    assert not changes.updated[0].cosmetic
    assert len(changes.announced_updates) == 1


def test_title_change_at_the_same_url_is_an_update() -> None:
    changes = diff(snapshot(BASE), snapshot(edited(s0_r1_title="fast.ai course")))
    only(changes, "updated")
    assert changes.updated[0].changes[0].field == "title"


def test_whitespace_in_markdown_and_order_of_tags_are_not_changes() -> None:
    document = edited(s0_r1_description="  Top-down.\n\n", s0_r2_tags=["basics", "math"])
    assert diff(snapshot(BASE), snapshot(document)).is_empty


def test_reordering_within_a_section_is_not_a_change() -> None:
    document = copy.deepcopy(BASE)
    document["sections"][0]["resources"].reverse()
    assert diff(snapshot(BASE), snapshot(document)).is_empty


def test_description_reports_the_new_value_as_written() -> None:
    changes = diff(snapshot(BASE), snapshot(edited(s0_r1_description="Top-down,\n  practical.\n")))
    assert changes.updated[0].changes[0].new == "Top-down,\n  practical.\n"


def test_moved_resource_with_url() -> None:
    document = copy.deepcopy(BASE)
    karpathy = document["sections"][1]["resources"].pop()
    document["sections"][0]["sections"][0]["resources"].append(karpathy)
    changes = diff(snapshot(BASE), snapshot(document))
    only(changes, "moved")
    [move] = changes.moved
    assert (move.from_section, move.to_section) == (("People",), ("Courses", "Deep learning"))
    assert move.from_section_ids == ("people",)
    assert move.to_section_ids == ("courses", "deep-learning")


def test_moved_resource_without_url_is_a_move_not_removal_and_addition() -> None:
    document = copy.deepcopy(BASE)
    topic = document["sections"][0]["resources"].pop(2)
    document["sections"][1]["resources"].insert(0, topic)
    changes = diff(snapshot(BASE), snapshot(document))
    only(changes, "moved")
    [move] = changes.moved
    assert move.old_identity == "courses/linear-algebra"
    assert move.resource.identity == "people/linear-algebra"


def test_moved_and_changed_resource_is_in_both_lists() -> None:
    document = copy.deepcopy(BASE)
    karpathy = document["sections"][1]["resources"].pop()
    karpathy["kind"] = "person"
    document["sections"][0]["resources"].append(karpathy)
    changes = diff(snapshot(BASE), snapshot(document))
    assert [u.resource.title for u in changes.updated] == ["Karpathy"]
    assert [m.resource.title for m in changes.moved] == ["Karpathy"]


def test_same_title_pairing_prefers_the_same_section() -> None:
    # Two resources titled "Notes", one per section, both change URL: each pairs in place.
    document = copy.deepcopy(BASE)
    document["sections"][0]["resources"].append({"title": "Notes", "url": "https://a.org/1"})
    document["sections"][1]["resources"].append({"title": "Notes", "url": "https://b.org/1"})
    after = copy.deepcopy(document)
    after["sections"][0]["resources"][-1]["url"] = "https://a.org/2"
    after["sections"][1]["resources"][-1]["url"] = "https://b.org/2"
    # Reordered sections: the pairing must follow sections, not document order.
    after["sections"].reverse()
    changes = diff(snapshot(document), snapshot(after))
    assert not changes.moved
    pairs = {(u.old_identity, u.resource.identity) for u in changes.updated}
    assert pairs == {("https://a.org/1", "https://a.org/2"), ("https://b.org/1", "https://b.org/2")}


def test_renamed_and_relinked_resource_with_the_same_description_is_one_update() -> None:
    # A project that moved and was renamed (python-modernize at one address, then modernize at
    # another): same section, same description of several words, one update of title and URL.
    def courses(title: str, url: str, description: str) -> dict[str, Any]:
        resource = {"title": title, "url": url, "description": description}
        return {"title": "R", "sections": [{"title": "Tools", "resources": [resource]}]}

    text = "Modernizes code for an eventual migration to the new version."
    changes = diff(
        snapshot(courses("old-name", "https://a.example.org/old-name", text), "1"),
        snapshot(courses("new-name", "https://b.example.org/new-name", text), "2"),
    )
    assert not changes.added
    assert not changes.removed
    [update] = changes.updated
    assert [c.field for c in update.changes] == ["title", "url"]
    # A short description ("A client.") names no resource: two different ones stay two.
    short = diff(
        snapshot(courses("old-name", "https://a.example.org/old-name", "A client."), "1"),
        snapshot(courses("new-name", "https://b.example.org/new-name", "A client."), "2"),
    )
    assert len(short.added) == len(short.removed) == 1
    # Nor does the same description in another section.
    moved = courses("new-name", "https://b.example.org/new-name", text)
    moved["sections"][0]["title"] = "Other"
    apart = diff(
        snapshot(courses("old-name", "https://a.example.org/old-name", text), "1"),
        snapshot(moved, "2"),
    )
    assert len(apart.added) == len(apart.removed) == 1


def test_sections_added_removed_and_renamed() -> None:
    document = copy.deepcopy(BASE)
    document["sections"][1]["title"] = "People to follow"  # explicit id "people": a rename
    document["sections"][0]["sections"] = []  # removes "Deep learning" and D2L
    document["sections"].append({"title": "Papers"})
    changes = diff(snapshot(BASE), snapshot(document))
    assert [(s.id, s.old_title, s.title) for s in changes.sections_renamed] == [
        ("people", "People", "People to follow")
    ]
    assert [(s.id, s.path) for s in changes.sections_removed] == [
        ("deep-learning", ("Courses", "Deep learning"))
    ]
    assert [s.id for s in changes.sections_added] == ["papers"]
    assert [r.resource.title for r in changes.removed] == ["D2L"]
    # Resources of a renamed section did not move.
    assert not changes.moved


def test_order_follows_the_new_snapshot_and_removals_the_old() -> None:
    document = copy.deepcopy(BASE)
    document["sections"][1]["resources"].insert(0, {"title": "B", "url": "https://b.org"})
    document["sections"][0]["resources"].insert(0, {"title": "A", "url": "https://a.org"})
    changes = diff(snapshot(BASE), snapshot(document))
    assert [c.resource.title for c in changes.added] == ["A", "B"]
    reverse = diff(snapshot(document), snapshot(BASE))
    assert [c.resource.title for c in reverse.removed] == ["A", "B"]


def test_json_shape() -> None:
    document = copy.deepcopy(BASE)
    document["sections"][0]["resources"][2]["cost"] = "free"
    document["sections"][1]["resources"].append({"title": "Ng", "url": "https://andrewng.org"})
    changes = diff(snapshot(BASE, "2024.01"), snapshot(document, "2024.02"))
    data = json.loads(json.dumps(diff_to_json(changes)))
    assert data["old"] == {"version": "2024.01", "date": "2024-01-01"}
    assert data["summary"] == {"added": 1, "removed": 0, "updated": 1, "moved": 0}
    assert data["added"] == [
        {
            "id": "https://andrewng.org",
            "title": "Ng",
            "url": "https://andrewng.org",
            "section": ["People"],
        }
    ]
    assert data["updated"] == [
        {
            "id": "courses/linear-algebra",
            "title": "Linear algebra",
            "url": None,
            "section": ["Courses"],
            "changes": {"cost": {"old": None, "new": "free"}},
            "cosmetic": False,
        }
    ]
    assert data["sections"] == {"added": [], "removed": [], "renamed": []}


def test_json_of_a_working_copy_names_its_file() -> None:
    data = diff_to_json(diff(snapshot(BASE, "1"), snapshot(BASE)))
    assert data["new"] == {"version": None, "date": None, "path": "working.yaml"}


def test_bundled_releases_differ_in_kind_cost_and_author(repository: Any) -> None:
    first, second = load_releases(open_project(repository))
    changes = diff(first, second)
    assert changes.added == changes.removed == changes.moved == ()
    assert len(changes.updated) == len(list(second.roadmap.walk())) == 51
    fields = {change.field for update in changes.updated for change in update.changes}
    assert fields == {"kind", "cost", "author"}
    cs229 = next(u for u in changes.updated if "CS229" in u.resource.title)
    assert {c.field: c.new for c in cs229.changes}["author"] == {"name": "Andrew Ng"}


def test_consecutive_diffs_start_from_an_empty_road_map(repository: Any) -> None:
    releases = load_releases(open_project(repository))
    first, second = consecutive_diffs(releases)
    assert len(first.added) == 51
    assert first.old is None
    assert first.new == releases[0].release
    assert second.old == releases[0].release


def test_giving_a_resource_an_id_is_a_cosmetic_update() -> None:
    changes = diff(snapshot(BASE), snapshot(edited(s0_r0_id="cs229")))
    only(changes, "updated")
    [update] = changes.updated
    assert [(c.field, c.old, c.new) for c in update.changes] == [("id", None, "cs229")]
    assert update.cosmetic
    assert (update.old_identity, update.resource.identity) == ("https://example.org/cs229", "cs229")


def test_key_order_in_yaml_is_not_a_change() -> None:
    document = copy.deepcopy(BASE)
    for section in document["sections"]:
        section["resources"] = [dict(reversed(item.items())) for item in section["resources"]]
    reordered = {key: document[key] for key in reversed(document)}
    assert list(reordered["sections"][0]["resources"][0]) == ["kind", "url", "title"]
    assert diff(snapshot(BASE), snapshot(reordered)).is_empty


LONG = (
    "You will need a base knowledge of Python. Model training, data preprocessing, and most "
    "machine learning libraries use Python. The best starter course for Python (and "
    "programming in general): https://cs50.harvard.edu/python/2022/."
)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (FieldChange(field="cost", old="free", new="paid"), "cost: free → paid"),
        (FieldChange(field="kind", old=None, new="course"), "kind set to course"),
        (FieldChange(field="level", old="beginner", new=None), "level removed (was beginner)"),
        (FieldChange(field="title", old="Old", new="New"), "title: Old → New"),
        (FieldChange(field="url", old="https://a", new="https://b"), "link: https://a → https://b"),
        (FieldChange(field="description", old="a", new="b"), "description rewritten: b"),
        (FieldChange(field="description", old=None, new="b"), "description added: b"),
        (FieldChange(field="description", old="b", new=None), "description removed"),
        (
            FieldChange(field="time", old="1 hour", new="word " * 40),
            "time rewritten: " + "word " * 30 + "\u2026",
        ),
        (
            FieldChange(
                field="title", old="Deep Learning Course", new="Deep Learning Specialization"
            ),
            "title: Deep Learning [Course → Specialization]",
        ),
        (FieldChange(field="time", old="10 hours", new="12 hours"), "time: [10 → 12] hours"),
        (
            FieldChange(field="title", old="Andrew Ng", new="Andrew Y. Ng"),
            "title: Andrew [+ Y.] Ng",
        ),
        (FieldChange(field="title", old="The Old Book", new="Old Book"), "title: [- The] Old Book"),
        (
            # Punctuation apart from words: an insertion before a comma, not a replaced word.
            FieldChange(
                field="description",
                old="Practical deep learning, top down.",
                new="Practical deep learning for coders, top down.",
            ),
            "description: Practical deep learning [+ for coders], top down.",
        ),
        (
            FieldChange(field="description", old=LONG, new=LONG + " Now with exercises."),
            "description: \u2026 https://cs50.harvard.edu/python/2022/. [+ Now with exercises.]",
        ),
        (
            # A long text: a few words around the edit, the rest left out.
            FieldChange(field="description", old=LONG, new=LONG.replace("base", "basic")),
            "description: You will need a [base → basic] knowledge of Python. Model training, "
            "data \u2026",
        ),
        (
            FieldChange(field="description", old=LONG, new=LONG.replace("most ", "nearly all ")),
            "description: \u2026 Python. Model training, data preprocessing, and "
            "[most → nearly all] machine learning libraries use Python. The best \u2026",
        ),
        (
            FieldChange(field="author", old=None, new={"name": "Ng", "url": "https://x.org"}),
            "author set to Ng",
        ),
        (
            FieldChange(
                field="author",
                old={"name": "Ng", "url": "https://x.org"},
                new={"name": "Ng", "url": "https://y.org"},
            ),
            "author: Ng <https://x.org> → Ng <https://y.org>",
        ),
        (FieldChange(field="tags", old=("a", "b"), new=("b", "c")), "tags: added c; removed a"),
        (FieldChange(field="tags", old=("a",), new=None), "tags: removed a"),
    ],
)
def test_describe_change_is_the_wording_of_every_output(change: FieldChange, expected: str) -> None:
    assert describe_change(change).summary == expected


def test_a_chinese_description_counts_its_words_for_pairing() -> None:
    # Chinese writes no spaces between words: "PyPA 提供的 PyPI 镜像工具。" is six words,
    # enough to pair a renamed and relinked entry; "中文分词" (two words) pairs nothing.
    def tools(title: str, url: str, description: str) -> dict[str, Any]:
        resource = {"title": title, "url": url, "description": description}
        return {"title": "R", "sections": [{"title": "包仓库", "resources": [resource]}]}

    text = "PyPA 提供的 PyPI 镜像工具。"
    changes = diff(
        snapshot(tools("Warehouse", "https://a.example.org/mirror", text), "1"),
        snapshot(tools("bandersnatch", "https://b.example.org/bandersnatch", text), "2"),
    )
    assert not changes.added
    assert not changes.removed
    assert [c.field for c in changes.updated[0].changes] == ["title", "url"]
    short = diff(
        snapshot(tools("jieba", "https://a.example.org/jieba", "中文分词"), "1"),
        snapshot(tools("pkuseg", "https://b.example.org/pkuseg", "中文分词"), "2"),
    )
    assert len(short.added) == len(short.removed) == 1


def test_a_link_inside_a_description_keeps_two_resources_apart() -> None:
    # Descriptions pair with the links that END them set aside (a project named by a link
    # after the words, then renamed to it); a link inside the words says what they are about:
    # tweepy removed and Mastodon.py added are two changes, not one update of all three fields
    # (the pairing with every link set aside reported them as tweepy renamed).
    def clients(title: str, url: str, description: str) -> dict[str, Any]:
        resource = {"title": title, "url": url, "description": description}
        return {"title": "R", "sections": [{"title": "Clients", "resources": [resource]}]}

    changes = diff(
        snapshot(
            clients(
                "tweepy",
                "https://example.org/tweepy",
                "A Python wrapper for the [Twitter](https://twitter.example.org) API.\n",
            ),
            "1",
        ),
        snapshot(
            clients(
                "Mastodon.py",
                "https://example.org/mastodon",
                "A Python wrapper for the [Mastodon](https://mastodon.example.org) API.\n",
            ),
            "2",
        ),
    )
    assert [change.resource.title for change in changes.removed] == ["tweepy"]
    assert [change.resource.title for change in changes.added] == ["Mastodon.py"]
    assert not changes.updated
    # Links after the words (an official site, a bare URL) are set aside: one update.
    trailing = diff(
        snapshot(
            clients(
                "Warehouse",
                "https://a.example.org/mirror",
                "A mirror tool for the package index, by PyPA. "
                "[Home](https://a.example.org/) <https://b.example.org/bandersnatch>\n",
            ),
            "1",
        ),
        snapshot(
            clients(
                "bandersnatch",
                "https://b.example.org/bandersnatch",
                "A mirror tool for the package index, by PyPA.\n",
            ),
            "2",
        ),
    )
    assert not trailing.added
    assert not trailing.removed
    assert [change.resource.title for change in trailing.updated] == ["bandersnatch"]


def _papers(*rows: tuple[str, str, str]) -> dict[str, Any]:
    """A table of papers as imported: each row's keywords cell its tags."""
    return {
        "title": "Papers",
        "sections": [
            {
                "title": "Milestones",
                "resources": [
                    {"title": title, "url": url, "tags": [keyword]} for keyword, title, url in rows
                ],
            }
        ],
    }


def test_a_row_named_by_its_own_keywords_recited_is_one_update() -> None:
    # `| 2021 | Widgets | [Widgets: a study](…) |` → `| 2021 | Widgets | [Widgets at scale](…) |`:
    # the same row, its paper re-cited (new title and link): an update, both ways.
    kept = ("Gears", "Gears in practice", "https://example.org/gears")
    old = snapshot(_papers(kept, ("Widgets", "Widgets: a study", "https://example.org/w1")), "1")
    new = snapshot(_papers(kept, ("Widgets", "Widgets at scale", "https://example.org/w2")), "2")
    for changes in (diff(old, new), diff(new, old)):
        only(changes, "updated")
        [update] = changes.updated
        assert {change.field for change in update.changes} == {"title", "url"}


def test_resources_of_a_shared_topic_are_never_paired_by_it() -> None:
    # Two rows tagged Python: a topic, not a row's name; one replaced is gone and new.
    python = ("Python", "Fluent Python", "https://example.org/fluent")
    old = snapshot(_papers(python, ("Python", "Think Python", "https://example.org/think")), "1")
    new = snapshot(_papers(python, ("Python", "Python Tricks", "https://example.org/tricks")), "2")
    changes = diff(old, new)
    assert [item.resource.title for item in changes.added] == ["Python Tricks"]
    assert [item.resource.title for item in changes.removed] == ["Think Python"]
    assert not changes.updated


def _sections(*sections: tuple[str, list[str]]) -> dict[str, Any]:
    """A road map of sections titled as given (ids: their titles' slugs, as imported), each
    with resources at example.org/NAME."""
    return {
        "title": "Road map",
        "sections": [
            {
                "title": title,
                "resources": [
                    {"title": name, "url": f"https://example.org/{name.lower()}"} for name in names
                ],
            }
            for title, names in sections
        ],
    }


def test_a_section_renamed_with_its_id_is_a_rename_not_moves() -> None:
    # `## Course about LLM` → `## Courses about LLM`: the slug id changes with the title; its
    # courses stay where they were (one added, one dropped meanwhile): no move, no section
    # added or removed. Both ways.
    old = snapshot(_sections(("Papers", ["P1"]), ("Course about LLM", ["C1", "C2", "C3"])), "1")
    new = snapshot(_sections(("Papers", ["P1"]), ("Courses about LLM", ["C1", "C2", "C4"])), "2")
    for changes, before, after in (
        (diff(old, new), "Course about LLM", "Courses about LLM"),
        (diff(new, old), "Courses about LLM", "Course about LLM"),
    ):
        assert not changes.moved
        assert not changes.sections_added
        assert not changes.sections_removed
        assert [(s.old_title, s.title, s.id) for s in changes.sections_renamed] == [
            (before, after, after.lower().replace(" ", "-"))
        ]
        assert len(changes.added) == len(changes.removed) == 1
    assert diff_to_json(diff(old, new))["sections"]["renamed"] == [
        {
            "id": "courses-about-llm",
            "title": "Courses about LLM",
            "path": ["Courses about LLM"],
            "old_title": "Course about LLM",
        }
    ]


def test_resources_moved_to_another_section_or_split_stay_moves() -> None:
    # Two resources moved into a section that already existed: moves. A section split in two
    # new ones: removed, two added, its resources moved (no one rename says it).
    old = snapshot(_sections(("Books", ["B1", "B2"]), ("Videos", ["V1", "V2"])), "1")
    new = snapshot(_sections(("Books", ["B1", "B2", "V1", "V2"])), "2")
    changes = diff(old, new)
    assert [(m.resource.title, m.from_section, m.to_section) for m in changes.moved] == [
        ("V1", ("Videos",), ("Books",)),
        ("V2", ("Videos",), ("Books",)),
    ]
    assert [s.title for s in changes.sections_removed] == ["Videos"]
    assert not changes.sections_renamed
    split = snapshot(_sections(("Books", ["B1", "B2"]), ("Talks", ["V1"]), ("Clips", ["V2"])), "3")
    changes = diff(old, split)
    assert len(changes.moved) == 2
    assert [s.title for s in changes.sections_added] == ["Talks", "Clips"]
    assert [s.title for s in changes.sections_removed] == ["Videos"]
    assert not changes.sections_renamed


def test_a_renamed_parent_moves_none_of_its_subsections_resources() -> None:
    # `## Tools` → `## Tooling` over `### Editors`: the subsection's path changes with its
    # parent's id, its resources stay.
    def tools(title: str) -> dict[str, Any]:
        return {
            "title": "Road map",
            "sections": [
                {
                    "title": title,
                    "sections": [
                        {
                            "title": "Editors",
                            "resources": [
                                {"title": "Vim", "url": "https://example.org/vim"},
                                {"title": "Emacs", "url": "https://example.org/emacs"},
                            ],
                        }
                    ],
                }
            ],
        }

    changes = diff(snapshot(tools("Tools"), "1"), snapshot(tools("Tooling"), "2"))
    assert not changes.moved
    assert not changes.sections_added
    assert not changes.sections_removed
    assert [(s.old_title, s.title) for s in changes.sections_renamed] == [("Tools", "Tooling")]


def test_one_resource_under_a_new_heading_is_a_move() -> None:
    # `## Newsletters` (The Batch) → `## Reading` (The Batch): as much a move to a new section
    # as a rename; it stays a move (a rename takes two resources along at least).
    old = snapshot(_sections(("Books", ["B1"]), ("Newsletters", ["Batch"])), "1")
    new = snapshot(_sections(("Books", ["B1"]), ("Reading", ["Batch"])), "2")
    changes = diff(old, new)
    assert [(m.from_section, m.to_section) for m in changes.moved] == [
        (("Newsletters",), ("Reading",))
    ]
    assert not changes.sections_renamed


def test_a_title_two_new_resources_share_pairs_no_removed_one_across_sections() -> None:
    # A course "Natural Language Processing" (Videos) leaves; a blog and a book of that same
    # title arrive in other sections: which of them it became, the title cannot say, so one
    # left and two are new, both ways. With one such arrival, the moved course is one update.
    def lists(*entries: tuple[str, str, str]) -> dict[str, Any]:
        sections: dict[str, list[dict[str, str]]] = {}
        for section, title, url in entries:
            sections.setdefault(section, []).append({"title": title, "url": url})
        return {
            "title": "R",
            "sections": [
                {"title": name, "resources": resources} for name, resources in sections.items()
            ],
        }

    kept = ("Videos", "Intro", "https://example.org/intro")
    course = ("Videos", "Natural Language Processing", "https://example.org/course")
    blog = ("Blogs", "Natural Language Processing", "https://example.org/blog")
    book = ("Books", "Natural Language Processing", "https://example.org/book")
    old = snapshot(lists(kept, course), "1")
    new = snapshot(lists(kept, blog, book), "2")
    for changes, gone, arrived in (
        (diff(old, new), ["course"], ["blog", "book"]),
        (diff(new, old), ["blog", "book"], ["course"]),
    ):
        assert not changes.updated
        assert [c.resource.url.rsplit("/", 1)[1] for c in changes.removed] == gone
        assert [c.resource.url.rsplit("/", 1)[1] for c in changes.added] == arrived
    [update] = diff(old, snapshot(lists(kept, blog), "2")).updated
    assert update.old_identity == "https://example.org/course"


def _with_note(document: dict[str, Any], section: int, title: str) -> dict[str, Any]:
    """``document`` with a resource without URL (identity: section ids + title slug) added."""
    document["sections"][section]["resources"].append({"title": title})
    return document


def _section_ids(roadmap: Any) -> list[tuple[str, str]]:
    return [(section.title, section.id) for _, section in roadmap.walk_sections()]


def _reloaded(roadmap: Any) -> Any:
    # As a release file holds it: identities made again by the loader.
    return build_snapshot(yaml_document(dump_roadmap(roadmap)), "kept.yaml").roadmap


def yaml_document(text: str) -> dict[str, Any]:
    import yaml

    document = yaml.safe_load(text)
    assert isinstance(document, dict)
    return document


def test_a_renamed_section_keeps_its_id_in_the_next_import() -> None:
    # An imported section's id is its title's slug: `## Course about LLM` → `## Courses about
    # LLM` gave it a new id, and its feed (sections/<id>/) and the subscribers who chose it
    # lost it. Kept: the id of the last release, for the section and for the identity of a
    # resource without URL under it; the diff then says renamed, with the same id.
    old = snapshot(
        _with_note(
            _sections(("Papers", ["P1"]), ("Course about LLM", ["C1", "C2", "C3"])), 1, "Notes"
        ),
        "1",
    )
    new = snapshot(
        _with_note(
            _sections(("Papers", ["P1"]), ("Courses about LLM", ["C1", "C2", "C4"])), 1, "Notes"
        ),
        "2",
    )
    assert _section_ids(new.roadmap)[1] == ("Courses about LLM", "courses-about-llm")
    kept = keep_section_ids(old.roadmap, new.roadmap)
    assert _section_ids(kept) == [("Papers", "papers"), ("Courses about LLM", "course-about-llm")]
    notes = [resource for _, resource in kept.walk() if resource.title == "Notes"]
    assert [resource.identity for resource in notes] == ["course-about-llm/notes"]
    assert _reloaded(kept) == kept  # the identities the loader makes from the release file
    changes = diff(old, Snapshot(roadmap=kept))
    assert [(s.old_title, s.title, s.id) for s in changes.sections_renamed] == [
        ("Course about LLM", "Courses about LLM", "course-about-llm")
    ]
    assert (changes.moved, changes.sections_added, changes.sections_removed) == ((), (), ())
    assert [c.resource.title for c in changes.added] == ["C4"]
    assert [c.resource.title for c in changes.removed] == ["C3"]
    assert not changes.updated  # "Notes" is the same resource, not removed and added

    # The next version, imported again under the slug of the new title, keeps the kept id by
    # the section's place, whatever its resources (one of them left is no rename evidence).
    newer = snapshot(_sections(("Papers", ["P1"]), ("Courses about LLM", ["C4", "C5"])), "3")
    assert _section_ids(keep_section_ids(kept, newer.roadmap)) == _section_ids(kept)


def test_section_ids_stay_as_imported_without_a_rename() -> None:
    # Nothing renamed: the very road map. One resource under a new heading is a move, not a
    # rename: the new section has its own id.
    old = snapshot(_sections(("Books", ["B1"]), ("Newsletters", ["Batch"])), "1")
    same = snapshot(_sections(("Books", ["B1", "B2"]), ("Newsletters", ["Batch"])), "2")
    assert keep_section_ids(old.roadmap, same.roadmap) is same.roadmap
    moved = snapshot(_sections(("Books", ["B1"]), ("Reading", ["Batch"])), "2")
    assert keep_section_ids(old.roadmap, moved.roadmap) is moved.roadmap
    split = snapshot(_sections(("Books", ["B1", "B2"]), ("Talks", ["V1"]), ("Clips", ["V2"])))
    before = snapshot(_sections(("Books", ["B1", "B2"]), ("Videos", ["V1", "V2"])), "1")
    assert keep_section_ids(before.roadmap, split.roadmap) is split.roadmap


def test_a_kept_id_is_never_taken_from_a_section_that_has_it() -> None:
    # "Books" was renamed "Reading" (its id, books, kept); now a new "Books" section comes:
    # the id is its own (its slug), and "Reading" takes the slug of its title. Ids stay unique.
    books = _sections(("Reading", ["B1", "B2"]))
    books["sections"][0]["id"] = "books"
    old = snapshot(books, "1")
    new = snapshot(_sections(("Reading", ["B1", "B2"]), ("Books", ["N1", "N2"])), "2")
    kept = keep_section_ids(old.roadmap, new.roadmap)
    assert _section_ids(kept) == [("Reading", "reading"), ("Books", "books")]
    # Without the new "Books", "Reading" keeps books.
    alone = snapshot(_sections(("Reading", ["B1", "B2", "B3"])), "2")
    assert _section_ids(keep_section_ids(old.roadmap, alone.roadmap)) == [("Reading", "books")]
    # An id that differs in case only is the same id (one feed folder on a disk that ignores
    # case): "Reading" was kept as "Books", and now a section "Books" has books. Not taken.
    books["sections"][0]["id"] = "Books"
    cased = snapshot(books, "1")
    kept = keep_section_ids(cased.roadmap, new.roadmap)
    assert _section_ids(kept) == [("Reading", "reading"), ("Books", "books")]
    assert _section_ids(keep_section_ids(cased.roadmap, alone.roadmap)) == [("Reading", "Books")]
