"""publisher import: defects found by session 16's review, fixed in session 17 (examples
invented; each test names the shape it reads)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_diff import edited, snapshot
from test_git_history import Repository, run
from test_importer_shapes import listed, messages, read

from publisher.diff import diff
from publisher.importer import readme_repositories
from publisher.load import load_snapshot


def _credits(text: str) -> dict[str, tuple[str, str, str]]:
    """(author, time, description) of each resource, by title."""
    return {
        resource.title: (
            resource.author.name if resource.author else "",
            resource.time,
            resource.description,
        )
        for _, resource in read(text).roadmap.walk()
    }


def test_a_credit_in_a_script_without_capitals_is_a_name_not_any_run_of_letters() -> None:
    # After a mark joining a credit to its link (a full-width comma, `by 某作者`), a run of
    # letters of a script without capitals was a name at any length from 2 to 8: `by
    # 机器学习入门教程` ('an introductory machine-learning tutorial') became the author. A name
    # in such a script is short (a Chinese or Korean one of 2 to 4, a Japanese one written
    # with kana a little longer or in two parts, a transliterated one in parts joined by a
    # middle dot); a full-width colon and the Chinese dash join a credit as the ASCII ones
    # do, and a full-width comma ends the name.
    assert _credits(
        "# 书\n\n## 书单\n\n"
        "- [沙丘](https://sand.example.org)\uff0cby 某作者\n"
        "- [海湾](https://bay.example.org)\uff0cby 机器学习入门教程\n"
        "- [海鸥](https://gull.example.org) - by 深度学习的数学基础\n"
        "- [海带](https://kelp.example.org)\uff1aby 张三\n"
        "- [礁石](https://reef.example.org)\uff0cby 张三\uff0c一本好书\n"
        "- [潮汐](https://tide.example.org)\uff0cby 约翰\u00b7史密斯\n"
        "- [浜辺](https://beach.example.org)\uff0cby 山田たろう\n"
        "- [砂浜](https://sands.example.org)\u2014\u2014by 山田 太郎\n"
        "- [바다](https://sea.example.org), by 홍길동\n"
    ) == {
        "沙丘": ("某作者", "", ""),
        "海湾": ("", "", "by 机器学习入门教程\n"),
        "海鸥": ("", "", "by 深度学习的数学基础\n"),
        "海带": ("张三", "", ""),
        "礁石": ("张三", "", "一本好书\n"),
        "潮汐": ("约翰\u00b7史密斯", "", ""),
        "浜辺": ("山田たろう", "", ""),
        "砂浜": ("山田 太郎", "", ""),
        "바다": ("홍길동", "", ""),
    }


def test_a_credit_before_a_note_in_parentheses_or_after_a_duration_is_the_author() -> None:
    # `- By Ada Brook (Note: …)`: the credit's name was cut at the colon inside the note, so
    # no name and no author; `[00:51:27] by **Ivo Tern**`: a talk's duration in brackets
    # between the link and the credit hid the credit. The note in parentheses is the
    # description, the duration the resource's time; words that only start with "by" stay.
    assert _credits(
        "# Talks\n\n## Go\n\n"
        "- [Grammar](https://grammar.example.org) - By Ada Brook (Note: she also writes a "
        "longer guide, a work in progress).\n"
        "- [Kelp](https://kelp.example.org) by Ivo Tern (2nd edition)\n"
        "- [Tides](https://tides.example.org) [00:51:27] by **Ivo Tern**\n"
        "- [Gulls](https://gulls.example.org) [01:04:35] by **Ada Brook** (for beginners)\n"
        "- [Terns](https://terns.example.org) (34:10) by Ada Brook\n"
        "- [Cove](https://cove.example.org) - by far (really) the best guide\n"
        "- [Reef](https://reef.example.org) [00:12:00] - a short reef talk\n"
    ) == {
        "Grammar": (
            "Ada Brook",
            "",
            "(Note: she also writes a longer guide, a work in progress).\n",
        ),
        "Kelp": ("Ivo Tern", "", "2nd edition\n"),
        "Tides": ("Ivo Tern", "00:51:27", ""),
        "Gulls": ("Ada Brook", "01:04:35", "for beginners\n"),
        "Terns": ("Ada Brook", "34:10", ""),
        "Cove": ("", "", "by far (really) the best guide\n"),
        "Reef": ("", "", "[00:12:00] - a short reef talk\n"),
    }


def test_an_icon_linked_into_the_legend_before_the_items_link_is_a_mark() -> None:
    # `- [🤖](#icons) [Aegis](…) - what it is`: an in-page link whose text is only an icon,
    # before the item's link, points at the document's legend (what the icon means); it was
    # read as a sentence naming its resource (a warning each, the whole line the
    # description). It is a mark, as the icon written bare is (`- 🤖 [Aegis](…)`), with a
    # warning; a link into the document named by words stays as it was.
    result = read(
        "# Shore\n\nIcons: \U0001f916 an Android app, \U0001f40d a Python tool.\n\n"
        "## Tools\n\n"
        "- [\U0001f916](#icons) [Aegis](https://aegis.example.org) - a shield\n"
        "- [\U0001f40d](#icons) [\U0001f4da](#icons) [Boa](https://boa.example.org) - a snake\n"
        "- [Cobra](https://cobra.example.org) - a cobra\n"
        "- \U0001f4da [Dune](https://dune.example.org) - a book\n"
    )
    assert [
        (resource.title, resource.url, resource.kind, resource.description)
        for _, resource in result.roadmap.walk()
    ] == [
        ("Aegis", "https://aegis.example.org", "", "a shield\n"),
        ("Boa", "https://boa.example.org", "book", "a snake\n"),
        ("Cobra", "https://cobra.example.org", "", "a cobra\n"),
        ("Dune", "https://dune.example.org", "book", "a book\n"),
    ]
    assert messages(result) == [
        "road.md:7: '[\U0001f916](#icons)' before the item's link read as a mark of the "
        "document's legend (an icon linked to where it is explained), not words about the link",
        "road.md:8: '[\U0001f40d](#icons) [\U0001f4da](#icons)' before the item's link read as "
        "a mark of the document's legend (an icon linked to where it is explained), not words "
        "about the link",
    ]
    worded = read(
        "# Shore\n\n## Tools\n\n"
        "- [Android](#android) [Aegis](https://aegis.example.org) - a shield\n"
        "- [Cobra](https://cobra.example.org) - a cobra\n"
    )
    assert next(resource.description for _, resource in worded.roadmap.walk()) == (
        "[Android](#android) [Aegis](https://aegis.example.org) - a shield\n"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("TBD", "[TBD](https://example.org/fast-ai-notes)"),
        ("Coming soon.", "[Coming soon.](https://example.org/fast-ai-notes)"),
        ("*Work in progress*", "*[Work in progress](https://example.org/fast-ai-notes)*"),
        ("N/A", '<a href="https://example.org/fast-ai-notes">N/A</a>'),
    ],
)
def test_a_link_put_on_a_placeholder_description_is_news(old: str, new: str) -> None:
    # A link put on words that stay is markup (`[Jedi](…)` → `Jedi`: the same description),
    # but words that only say the thing is not there yet ('TBD', 'Coming soon') with a link
    # put on them say it is there now: a subscriber hears of it (and of the link taken off).
    before, after = edited(s0_r1_description=old), edited(s0_r1_description=new)
    for first, second in ((before, after), (after, before)):
        [update] = diff(snapshot(first), snapshot(second)).updated
        assert update.cosmetic is False
        assert [change.field for change in update.announced_changes] == ["description"]


# A README whose own contents are absolute links into its repository's front page sections
# (`github.com/kelp/shore-list/blob/main/README.md#tools`): the contents where that
# repository is known to be its own, another list's sections (resources) where it is not.
_OWN_CONTENTS = (
    "# Shore\n\n## At a glance\n\n"
    "- [Tools](https://github.com/kelp/shore-list/blob/main/README.md#tools)\n"
    "- [Data](https://github.com/kelp/shore-list/blob/main/README.md#data)\n"
    "- [Talks](https://github.com/kelp/shore-list#talks)\n\n"
    "## Tools\n\n- [Gull](https://gull.example.org) - a counter of gulls\n\n"
    "## Data\n\n- [Tide](https://tide.example.org) - tide tables\n\n"
    "## Talks\n\n- [Kelp talk](https://talk.example.org) - on kelp\n\n"
    "## Elsewhere\n\n"
    "- [Testing](https://github.com/ada/awesome-sand#testing)\n"
    "- [Web](https://github.com/ada/awesome-sand#web)\n"
    "- [Dunes](https://github.com/ada/awesome-sand#dunes)\n"
)
_OWN_RESOURCES = ["Gull", "Tide", "Kelp talk", "Testing", "Web", "Dunes"]
_READ_AS_ANOTHERS = ["Tools", "Data", "Talks", *_OWN_RESOURCES]


def _titles(path: Path) -> list[str]:
    return [title for _, title, _ in listed(load_snapshot(path).roadmap)]


@pytest.mark.parametrize(
    ("remote", "titles"),
    [
        pytest.param("https://github.com/kelp/shore-list.git", _OWN_RESOURCES, id="its-own"),
        pytest.param("git@github.com:me/shore-list.git", _OWN_RESOURCES, id="a-fork-of-it"),
        pytest.param("git@github.com:me/tide-notes.git", _READ_AS_ANOTHERS, id="another"),
    ],
)
def test_the_readmes_repository_is_learned_from_its_remote_and_its_links(
    tmp_path: Path, remote: str, titles: list[str]
) -> None:
    # A fork's clone: its remote 'origin' is the fork (me/shore-list), and its README, written
    # upstream, links into the upstream repository (kelp/shore-list): the same repository
    # under another owner, its own pages. Known only by the remote, the contents were read as
    # another list's sections. `import` of a README in a work tree learns the repository as
    # `import-history` does (it knew none without a GitHub --base-url), and a base URL
    # elsewhere than GitHub falls back to the remote in both.
    repo = Repository(tmp_path / "shore-list")
    repo.commit("README.md", _OWN_CONTENTS, "Start", "2024-05-01T09:00:00Z")
    repo.git("remote", "add", "origin", remote)
    for base in ([], ["--base-url", "https://shore.example.org/list/"]):
        out = tmp_path / f"out{len(base)}"
        code, output = run(
            "import-history", str(repo.root), "--file", "README.md", "--out", str(out), *base
        )
        assert code == 0, output
        (release,) = sorted(out.glob("*.yaml"))
        assert _titles(release) == titles
        written = tmp_path / f"roadmap{len(base)}.yaml"
        code, output = run("import", str(repo.root / "README.md"), "-o", str(written), *base)
        assert code == 0, output
        assert _titles(written) == titles


def test_outside_a_work_tree_the_readmes_repository_is_the_one_named_as_its_folder(
    tmp_path: Path,
) -> None:
    # No remote, no GitHub base URL: the repository the README links into that is named as
    # the folder holding it (a clone's folder is named as its repository) is its own.
    for folder, titles in (("shore-list", _OWN_RESOURCES), ("notes", _READ_AS_ANOTHERS)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "README.md").write_text(_OWN_CONTENTS, encoding="utf-8")
        written = tmp_path / f"{folder}.yaml"
        code, output = run("import", str(tmp_path / folder / "README.md"), "-o", str(written))
        assert code == 0, output
        assert _titles(written) == titles


@pytest.mark.parametrize(
    ("known", "folder", "repositories"),
    [
        pytest.param(["me/shore-list"], "", "kelp/shore-list me/shore-list", id="a-fork"),
        pytest.param(["kelp/shore-list"], "", "kelp/shore-list", id="its-own"),
        pytest.param(["me/tide-notes"], "", "me/tide-notes", id="another-name"),
        pytest.param([], "shore-list", "kelp/shore-list", id="by-its-folder"),
        # (its links into ada/awesome-sand lead to sections it does not have: another list's)
        pytest.param([], "awesome-sand", "", id="by-its-folder-another"),
        pytest.param([], "notes", "", id="none"),
    ],
)
def test_the_readmes_own_repositories_by_what_its_links_say(
    known: list[str], folder: str, repositories: str
) -> None:
    assert readme_repositories(_OWN_CONTENTS, known, folder) == repositories
    # A README that names its known repository was written there: another of that name
    # its links lead into is another list, not its upstream.
    named = _OWN_CONTENTS + "\n[Fork me](https://github.com/me/shore-list)\n"
    assert readme_repositories(named, ["me/shore-list"]) == "me/shore-list"
