"""Loading data files: the bundled data, and every kind of bad input through the real CLI."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from release_files import edit_release, write_release

from publisher.cli import main
from publisher.errors import DataError
from publisher.links import url_problem
from publisher.load import (
    ResourceMemo,
    build_snapshot,
    load_releases,
    load_site_of,
    load_working_copy,
)
from publisher.project import open_project
from publisher.yaml_reader import parse_yaml_bytes

WORKING = "data/roadmap.yaml"

ROADMAP = """\
title: Road map
sections:
  - title: Courses
    resources:
      - title: CS229
        url: https://example.org/cs229
        kind: course
        tags: [ml]
      - title: Fast AI
        url: https://fast.ai/
"""


def validate(project: Path) -> Result:
    """``publisher --project PROJECT validate``, checked to end cleanly (no traceback)."""
    result = CliRunner().invoke(main, ["--project", str(project), "validate"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def errors_of(project: Path) -> list[str]:
    """The error lines `validate` prints for PROJECT, which must fail with exit code 1."""
    result = validate(project)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines, "no message"
    assert all(line.startswith("error: ") for line in lines), lines
    return [line.removeprefix("error: ") for line in lines]


def write(project: Path, relative: str, text: str | bytes) -> Path:
    path = project / relative
    if isinstance(text, str):
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


# --- the bundled data -------------------------------------------------------------------


def test_bundled_releases_load_in_order(repository: Path) -> None:
    releases = load_releases(open_project(repository))
    assert [snapshot.release.version for snapshot in releases if snapshot.release] == [
        "2024.01",
        "2024.02",
    ]
    assert [sum(1 for _ in snapshot.roadmap.walk()) for snapshot in releases] == [51, 51]
    first = releases[0].release
    assert first is not None
    assert first.date == date(2024, 1, 1)
    assert first.title == "January 2024"


def test_bundled_site_and_working_copy_load(repository: Path) -> None:
    project = open_project(repository)
    site = load_site_of(project)
    assert site.base_url.startswith("https://")
    assert "{token}" in site.email.unsubscribe_url
    working = load_working_copy(project)
    assert working.release is None
    assert working.path == WORKING


def test_validate_passes_on_the_bundled_project(repository: Path) -> None:
    result = validate(repository)
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: site.yaml, roadmap.yaml and 2 releases are valid\n"


def test_identities_follow_the_design(project: Path) -> None:
    write(
        project,
        WORKING,
        """\
        title: Road map
        sections:
          - title: Tools and Libraries
            resources:
              - {title: PyTorch}
              - {title: Keras, url: "http://Keras.io/?utm_source=x#top", id: keras}
              - {title: JAX, url: "http://jax.readthedocs.io/en/latest/"}
        """,
    )
    roadmap = load_working_copy(open_project(project)).roadmap
    assert [resource.identity for _, resource in roadmap.walk()] == [
        "tools-and-libraries/pytorch",
        "keras",
        "https://jax.readthedocs.io/en/latest",
    ]


# --- bad input: one clear message each, exit 1, no traceback ----------------------------


def test_yaml_syntax_error_names_line_and_column(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("tags: [ml]", "tags: [ml"))
    [message] = errors_of(project)
    # The parser notices at the next line, where the flow sequence should have ended.
    assert message == (
        f"{WORKING}:9:14: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 8, column 15)"
    )


def test_yaml_syntax_error_in_a_release_file(project: Path) -> None:
    path = project / "data/releases/2024.01.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[11] = "\t" + lines[11]
    write_release(path, "".join(lines))  # re-frozen: the parser's message is what is tested
    [message] = errors_of(project)
    assert message.startswith("data/releases/2024.01.yaml:12:1: ")
    assert "tab character" in message


def test_unknown_key_gets_a_suggestion(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("kind: course", "knd: course"))
    assert errors_of(project) == [
        f"{WORKING}: sections[0].resources[0].knd: unknown key (did you mean 'kind'?)"
    ]


def test_unknown_top_level_key(project: Path) -> None:
    write(project, WORKING, ROADMAP + "autor: me\n")
    assert errors_of(project) == [f"{WORKING}: autor: unknown key"]


def test_wrong_type(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("tags: [ml]", "tags: ml"))
    assert errors_of(project) == [
        f"{WORKING}: sections[0].resources[0].tags: must be a list, not text"
    ]


def test_number_where_text_is_expected_gets_a_quoting_hint(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("kind: course", "kind: course\n        time: 1:30"))
    assert errors_of(project) == [
        f"{WORKING}: sections[0].resources[0].time: must be text, not a number "
        '(put it in quotes: "1:30")'
    ]


def test_missing_title(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("      - title: Fast AI\n        url:", "      - url:"))
    assert errors_of(project) == [f"{WORKING}: sections[0].resources[1].title: is required"]


def test_empty_title(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("title: Road map", "title: '  '"))
    assert errors_of(project) == [f"{WORKING}: title: must not be empty"]


def test_duplicate_identity_names_both_places(project: Path) -> None:
    # Same resource once more, written differently: the normalized URLs are equal.
    write(project, WORKING, ROADMAP + "      - {title: Fast.ai again, url: 'http://FAST.AI'}\n")
    assert errors_of(project) == [
        f"{WORKING}: sections[0].resources[2]: duplicate identity 'https://fast.ai' "
        "(also sections[0].resources[1]); give one of them an id"
    ]


def test_duplicate_identity_across_sections(project: Path) -> None:
    write(
        project,
        WORKING,
        ROADMAP
        + "  - title: Again\n    resources:\n      - {title: CS 229, id: x, url: 'https://a.org'}\n"
        + "      - {title: Other, id: x}\n",
    )
    assert errors_of(project) == [
        f"{WORKING}: sections[1].resources[1]: duplicate identity 'x' "
        "(also sections[1].resources[0]); give one of them an id"
    ]


def test_sections_and_resources_titled_in_other_scripts_have_their_own_ids() -> None:
    # Their slugs used to be "untitled" alike: duplicate section id, duplicate identity.
    snapshot = build_snapshot(
        {
            "title": "路线图",
            "sections": [
                {"title": "书籍", "resources": [{"title": "机器学习"}, {"title": "深度学习"}]},
                {"title": "课程", "resources": []},
                {"title": "Курсы", "resources": [{"title": "Глубокое обучение"}]},
            ],
        },
        WORKING,
    )
    assert [section.id for section in snapshot.roadmap.sections] == ["书籍", "课程", "курсы"]
    assert [resource.identity for _, resource in snapshot.roadmap.walk()] == [
        "书籍/机器学习",
        "书籍/深度学习",
        "курсы/глубокое-обучение",
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "'javascript:' is not an allowed scheme (use http, https, mailto)"),
        ("JavaScript:alert(1)", "'JavaScript:' is not an allowed scheme (use http, https, mailto)"),
        ("data:text/html,hi", "'data:' is not an allowed scheme (use http, https, mailto)"),
        (
            "example.org/a",
            "'example.org/a' is not an absolute URL (it needs a scheme such as https:)",
        ),
        ("https:example.org", "'https:example.org' has no host (write https://host/…)"),
        ("https:///example.org", "'https:///example.org' has no host"),
        (
            "https://example.org:80a/",
            "'https://example.org:80a/' has an invalid port",
        ),
        ("https://exa mple.org", "'https://exa mple.org' contains white space"),
        ("https://[::1/", "'https://[::1/' is not a valid URL (check its host)"),
        ("mailto:", "'mailto:' has no e-mail address"),
    ],
)
def test_bad_url(project: Path, url: str, message: str) -> None:
    write(project, WORKING, ROADMAP.replace("https://fast.ai/", f'"{url}"'))
    assert errors_of(project) == [f"{WORKING}: sections[0].resources[1].url: {message}"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://example.org/a?b=c#d",
        "https://Example.org:8443/a",
        "https://user@example.org/",
        "https://[::1]:8080/",
        "mailto:someone@example.org",
    ],
)
def test_good_urls_pass(url: str) -> None:
    assert url_problem(url) == ""


def test_merge_conflict_markers_are_each_reported(project: Path) -> None:
    conflicted = ROADMAP.replace(
        "      - title: Fast AI\n",
        "<<<<<<< HEAD\n      - title: Fast AI\n=======\n      - title: Fast.AI\n>>>>>>> other\n",
    )
    write(project, WORKING, conflicted)
    assert errors_of(project) == [
        f"{WORKING}:9:1: merge-conflict marker '<<<<<<<'",
        f"{WORKING}:11:1: merge-conflict marker '======='",
        f"{WORKING}:13:1: merge-conflict marker '>>>>>>>'",
    ]


def test_merge_conflict_markers_diff3_and_crlf(project: Path) -> None:
    conflicted = (
        "title: Road map\r\n<<<<<<<\r\nintro: a\r\n||||||| base\r\nintro: b\r\n"
        "=======\r\nintro: c\r\n>>>>>>>\r\n"
    )
    write(project, WORKING, conflicted.encode())
    assert [message.split(": ", 1)[0] for message in errors_of(project)] == [
        f"{WORKING}:2:1",
        f"{WORKING}:4:1",
        f"{WORKING}:6:1",
        f"{WORKING}:8:1",
    ]


def test_conflict_like_text_is_not_a_conflict() -> None:
    # "=======" outside a conflict is a markdown underline; markers inside a line are text.
    document = parse_yaml_bytes(
        b"intro: |\n  Title\n  =======\nnote: see <<<<<<< and >>>>>>> here\n", "x.yaml"
    )
    assert document == {"intro": "Title\n=======\n", "note": "see <<<<<<< and >>>>>>> here"}


def test_anchors_and_aliases_are_refused(project: Path) -> None:
    write(
        project,
        WORKING,
        ROADMAP.replace("tags: [ml]", "tags: &common [ml]")
        + "      - {title: Again, id: again, tags: *common}\n",
    )
    assert errors_of(project) == [
        f"{WORKING}:8:15: anchors and aliases are not allowed (&common)",
        f"{WORKING}:11:41: anchors and aliases are not allowed (*common)",
    ]


def test_an_anchor_alone_is_refused() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml_bytes(b"title: &t Road map\n", "x.yaml")
    assert str(caught.value) == "x.yaml:1:8: anchors and aliases are not allowed (&t)"


def test_alias_bomb_is_refused_before_it_expands() -> None:
    # The "billion laughs": each level holds nine aliases of the level before.
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in range(12):
        name, previous = chr(98 + level), chr(97 + level)
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    bomb = "\n".join(levels).encode()
    with pytest.raises(DataError) as caught:
        parse_yaml_bytes(bomb, "bomb.yaml")
    assert caught.value.problems[0].line == 1
    assert len(caught.value.problems) == 1 + 12 * 10


@pytest.mark.parametrize(
    "text",
    [
        "note: R&D, Q & A, https://example.org/?a=1&b=2, &amp\n",
        'note: "&quoted"\n',
        "note: |\n  text with &entity; inside\n",
    ],
    ids=["ampersands", "quoted", "block"],
)
def test_ampersands_in_text_are_not_anchors(text: str) -> None:
    document = parse_yaml_bytes(text.encode(), "x.yaml")
    assert isinstance(document["note"], str)
    assert "&" in document["note"]


def test_not_utf8_names_line_and_column(project: Path) -> None:
    data = ROADMAP.replace("Fast AI", "Fast A\xef").encode("latin-1")
    write(project, WORKING, data)
    assert errors_of(project) == [
        f"{WORKING}:9:22: not valid UTF-8 (byte 0xef); save the file as UTF-8"
    ]


@pytest.mark.parametrize("content", [b"", b"\n  \n", b"# only a comment\n"])
def test_empty_file(project: Path, content: bytes) -> None:
    write(project, WORKING, content)
    [message] = errors_of(project)
    assert message.startswith(f"{WORKING}: file is empty")


def test_missing_data_folder(tmp_path: Path) -> None:
    [message] = errors_of(tmp_path)
    assert message.startswith(f"{tmp_path}: no data/ folder here")
    assert "publisher init" in message


def test_missing_site_file(project: Path) -> None:
    (project / "data/site.yaml").unlink()
    assert errors_of(project) == ["data/site.yaml: no such file"]


def test_duplicate_yaml_keys_are_each_reported(project: Path) -> None:
    write(
        project,
        WORKING,
        ROADMAP.replace("kind: course", "kind: course\n        kind: book")
        + "title: Road map again\n",
    )
    assert errors_of(project) == [
        f"{WORKING}:8:9: duplicate key 'kind'",
        f"{WORKING}:12:1: duplicate key 'title'",
    ]


def test_impossible_date_names_its_position(project: Path) -> None:
    path = project / "data/releases/2024.01.yaml"
    edit_release(path, "date: 2024-01-01", "date: 2024-02-30")
    [message] = errors_of(project)
    assert message == (
        "data/releases/2024.01.yaml:3:9: '2024-02-30' is not a valid date: "
        "day is out of range for month"
    )


def test_tags_other_than_plain_yaml_are_refused() -> None:
    with pytest.raises(DataError) as caught:
        parse_yaml_bytes(b"a: !!python/object:os.system {}\nb: !!set {x}\nc: !!binary aGk=\n", "t")
    assert [problem.line for problem in caught.value.problems] == [1, 2, 3]
    assert all("is not allowed" in problem.message for problem in caught.value.problems)


def test_release_version_must_match_file_name(project: Path) -> None:
    path = project / "data/releases/2024.01.yaml"
    edit_release(path, 'version: "2024.01"', 'version: "2024.1"')
    assert errors_of(project) == [
        "data/releases/2024.01.yaml: release.version: '2024.1' does not match the file name "
        "'2024.01.yaml'"
    ]


def test_unquoted_version_gets_the_quoting_hint(project: Path) -> None:
    path = project / "data/releases/2024.01.yaml"
    edit_release(path, 'version: "2024.01"', "version: 2024.01")
    assert errors_of(project) == [
        "data/releases/2024.01.yaml: release.version: must be text, not a number: "
        'write version: "2024.01"'
    ]


def test_unquoted_version_with_trailing_zero_keeps_it_in_the_hint() -> None:
    text = b"release: {version: 2024.10, date: 2024-10-01}\ntitle: T\n"
    with pytest.raises(DataError) as caught:
        build_snapshot(parse_yaml_bytes(text, "x.yaml"), "x.yaml")
    assert 'write version: "2024.10"' in str(caught.value)


def test_two_problems_in_one_file_are_both_reported(project: Path) -> None:
    broken = ROADMAP.replace("kind: course", "kind: lecture").replace(
        "https://fast.ai/", "javascript:void(0)"
    )
    write(project, WORKING, broken)
    assert errors_of(project) == [
        f"{WORKING}: sections[0].resources[0].kind: 'lecture' is not one of article, book, "
        "course, newsletter, other, paper, person, tool, topic, video",
        f"{WORKING}: sections[0].resources[1].url: 'javascript:' is not an allowed scheme "
        "(use http, https, mailto)",
    ]


def test_problems_in_two_files_are_both_reported(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("kind: course", "kind: lecture"))
    site = project / "data/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    messages = errors_of(project)
    assert "data/site.yaml: colour: unknown key" in messages
    assert any(
        message.startswith(f"{WORKING}: sections[0].resources[0].kind:") for message in messages
    )
    assert len(messages) == 2


def test_site_unknown_key(project: Path) -> None:
    site = project / "data/site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("base_url:", "baseurl:"), encoding="utf-8"
    )
    assert errors_of(project) == [
        "data/site.yaml: baseurl: unknown key (did you mean 'base_url'?)",
        "data/site.yaml: base_url: is required",
    ]


def test_unsubscribe_url_needs_a_token(project: Path) -> None:
    site = project / "data/site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("?token={token}", ""), encoding="utf-8"
    )
    assert errors_of(project) == ["data/site.yaml: email.unsubscribe_url: must contain {token}"]


def test_working_copy_must_not_have_a_release_block(project: Path) -> None:
    write(project, WORKING, 'release: {version: "1", date: 2024-01-01}\n' + ROADMAP)
    [message] = errors_of(project)
    assert message.startswith(f"{WORKING}: release: the working copy has no release block")


def test_prerequisites_must_name_existing_ids(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("tags: [ml]", "prerequisites: [python]"))
    assert errors_of(project) == [
        f"{WORKING}: sections[0].resources[0].prerequisites[0]: no resource has the id 'python'"
    ]


def test_title_on_two_lines_is_refused(project: Path) -> None:
    write(project, WORKING, ROADMAP.replace("title: CS229", 'title: "CS229\\nBcc: x@y"'))
    assert errors_of(project) == [
        f"{WORKING}: sections[0].resources[0].title: must be a single line"
    ]


def test_two_release_files_with_one_version(project: Path) -> None:
    releases = project / "data/releases"
    (releases / "2024.01.yml").write_bytes((releases / "2024.01.yaml").read_bytes())
    assert errors_of(project) == [
        "data/releases/2024.01.yml: release.version: release '2024.01' is also in "
        "data/releases/2024.01.yaml"
    ]


@pytest.mark.parametrize("bad_id", ["../etc", "a;b", "two words", ".hidden", "a/b"])
def test_ids_must_be_safe_in_paths_and_lists(project: Path, bad_id: str) -> None:
    write(
        project,
        WORKING,
        ROADMAP.replace(
            "  - title: Courses\n", f"  - title: Courses\n    id: '{bad_id}'\n"
        ).replace("title: CS229", f"title: CS229\n        id: '{bad_id}'"),
    )
    assert errors_of(project) == [
        f"{WORKING}: sections[0].id: may not start with '.' nor hold white space or any of "
        "/ \\ ; # ? ,",
        f"{WORKING}: sections[0].resources[0].id: may not start with '.' nor hold white space "
        "or any of / \\ ; # ? ,",
    ]


def _snapshot_document(resources: list[object], section: str = "Tools") -> dict[str, object]:
    return {"title": "Road map", "sections": [{"title": section, "resources": resources}]}


def test_resource_memo_gives_what_a_fresh_load_gives() -> None:
    """Resources repeated from the snapshot before come from the memo; every one equals
    what loading the document alone makes (a moved resource has another identity)."""
    first = [
        {
            "title": "Plain",
            "tags": ["a", "b"],
            "author": {"name": "Ann", "url": "https://a.example"},
        },
        {"title": "Linked", "url": "https://example.org/x?utm_source=y", "kind": "tool"},
    ]
    second_docs = [
        _snapshot_document(first),
        _snapshot_document(first, section="Moved"),
        _snapshot_document([{**first[0], "tags": ["a"]}, first[1]]),
    ]
    for second in second_docs:
        memo = ResourceMemo()
        build_snapshot(_snapshot_document(first), "one.yaml", memo=memo)
        remembered = build_snapshot(second, "two.yaml", memo=memo)
        assert remembered == build_snapshot(second, "two.yaml")


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"title": "Plain", "tags": {}}, "must be a list"),  # [] before: an equal tuple
        ({"title": "Plain", "tags": [1]}, "non-empty single line"),
        ({"title": True}, "must be text"),
    ],
)
def test_resource_memo_never_passes_a_different_document(
    changed: dict[str, object], message: str
) -> None:
    memo = ResourceMemo()
    build_snapshot(
        _snapshot_document([{"title": "Plain", "tags": []}, {"title": "1"}]), "one.yaml", memo=memo
    )
    with pytest.raises(DataError) as error:
        build_snapshot(_snapshot_document([changed]), "two.yaml", memo=memo)
    assert message in str(error.value)


def test_resource_memo_still_checks_identities_and_prerequisites() -> None:
    resources = [{"title": "A", "id": "a"}, {"title": "B", "prerequisites": ["a"]}]
    memo = ResourceMemo()
    build_snapshot(_snapshot_document(resources), "one.yaml", memo=memo)
    with pytest.raises(DataError) as error:
        build_snapshot(_snapshot_document([*resources, resources[0]]), "two.yaml", memo=memo)
    assert "duplicate identity 'a'" in str(error.value)
    with pytest.raises(DataError) as error:
        build_snapshot(_snapshot_document(resources[1:]), "three.yaml", memo=memo)
    assert "no resource has the id 'a'" in str(error.value)
