"""A new maintainer's path, as README.md tells it: `publisher init`, a real list's git history
imported with `import-history` (or its README with `import`), `build`, what a reader then
opens, and the newsletter: `serve`, `send`, unsubscribing and bounces. Each step is a command a
maintainer runs, on a real list (tests/fixtures/real/awesome-python-history) in a real git
repository; every finding of walking this path by hand is held here."""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import socket
import subprocess
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.delivery import open_store
from publisher.delivery.tokens import manage_token

REAL = Path(__file__).resolve().parent / "fixtures" / "real" / "awesome-python-history"
KEY = "eIiawR-UuQvQA3PRw3J5uLuYHvpfvE6LqSCiEWr1SbE"
VERSIONS = (("1-2017", "2021-01-15"), ("2-2019", "2022-02-15"), ("3-2020", "2023-03-15"))


def git(root: Path, *arguments: str, date: str = "2021-01-01T10:00:00Z") -> None:
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(
        ["git", "-c", "user.name=Curator", "-c", "user.email=curator@example.org", *arguments],
        cwd=root,
        env=environment,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def list_history(tmp_path: Path) -> Path:
    """A git repository of a real list's README at three of its versions."""
    root = tmp_path / "awesome-python"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for name, day in VERSIONS:
        (root / "README.md").write_bytes((REAL / f"{name}.md").read_bytes())
        git(root, "add", "README.md", date=f"{day}T10:00:00Z")
        git(root, "commit", "-q", "-m", f"Update README ({name})", date=f"{day}T10:00:00Z")
    return root


def run(project: Path, *arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(project), *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def news(tmp_path: Path, list_history: Path) -> Path:
    """`publisher init`, then the list's history imported into it."""
    project = tmp_path / "news"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    code, out, err = run(project, "import-history", str(list_history), "--file", "README.md")
    assert code == 0, err
    assert out.startswith("imported 3 releases from 3 commits of README.md"), err
    return project


def test_import_history_makes_the_init_sample_the_latest_release(
    tmp_path: Path, list_history: Path
) -> None:
    # The working copy used to stay the sample of `init`: `diff 2023.03.15` then showed
    # 71 resources removed, and `publisher import README.md` refused it as "edits not
    # released yet".
    project = tmp_path / "news"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    code, out, err = run(project, "import-history", str(list_history), "--file", "README.md")
    assert code == 0, err
    assert out.endswith(
        "; data/roadmap.yaml, the sample 'publisher init' wrote, is now the road map of "
        "2023.03.15, and data/site.yaml titles the site 'Awesome Python'\n"
    )
    # The site was titled after the folder ("News"): the list's own title reads better in
    # feeds, subjects and the page.
    assert "\ntitle: Awesome Python\n" in (project / "data" / "site.yaml").read_text("utf-8")
    code, out, err = run(project, "diff", "2023.03.15")
    assert (code, err) == (0, "")
    assert out.startswith("2023.03.15 (2023-03-15) → data/roadmap.yaml: 0 added, 0 removed")
    # Edits of the working copy are never replaced: a second import says nothing of it.
    working = project / "data" / "roadmap.yaml"
    working.write_text(working.read_text("utf-8").replace("Awesome Python", "Mine"), "utf-8")
    code, out, err = run(
        project, "import-history", str(list_history), "--file", "README.md", "--force"
    )
    assert code == 0, err
    assert out.endswith("0 warnings)\n")
    assert working.read_text("utf-8").startswith("title: Mine\n")


def test_import_over_the_init_sample_needs_no_force(tmp_path: Path, list_history: Path) -> None:
    project = tmp_path / "news"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    out_dir = tmp_path / "releases"
    code, _, err = run(
        project, "import-history", str(list_history), "--file", "README.md", "--out", str(out_dir)
    )
    assert code == 0, err
    for path in out_dir.iterdir():
        path.rename(project / "data" / "releases" / path.name)
    # The sample is no one's edits: importing the README over it loses nothing.
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("title: News", "title: Our News"), "utf-8")
    code, out, err = run(project, "import", str(list_history / "README.md"))
    assert code == 0, err
    assert "/news/data/roadmap.yaml: 17 sections, 71 resources" in out
    # A title the maintainer wrote is theirs: the import leaves site.yaml alone.
    assert "site.yaml" not in out
    assert "\ntitle: Our News\n" in site.read_text("utf-8")


def test_a_new_project_is_titled_after_its_folder_then_after_the_imported_list(
    tmp_path: Path, list_history: Path
) -> None:
    # Every new project was "My Road Map": feeds, subjects and the page said so until the
    # maintainer found the line in site.yaml.
    project = tmp_path / "awesome-py_notes"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    site = project / "data" / "site.yaml"
    text = site.read_text("utf-8")
    assert "\ntitle: Awesome Py Notes\n" in text
    assert '\n  from: "Awesome Py Notes <roadmap@example.org>"' in text
    assert (project / "data" / "roadmap.yaml").read_text("utf-8").split("\n")[1] == (
        "title: Awesome Py Notes"
    )
    assert run(project, "validate")[0] == 0
    code, out, err = run(project, "import", str(list_history / "README.md"))
    assert code == 0, err
    assert out.endswith("; data/site.yaml: the site is now titled 'Awesome Python'\n")
    assert "\ntitle: Awesome Python\n" in site.read_text("utf-8")
    assert '\n  from: "Awesome Python <roadmap@example.org>"' in site.read_text("utf-8")
    assert run(project, "validate")[0] == 0


@pytest.mark.parametrize(
    ("folder", "title"),
    [
        ("news", "News"),
        ("NLP-notes", "NLP Notes"),
        ("ml_road.map", "Ml Road Map"),
        ("---", "My Road Map"),
        ('Ann: "notes" #1', 'Ann: "notes" #1'),
    ],
)
def test_folder_titles_read_back_from_the_files_init_writes(
    tmp_path: Path, folder: str, title: str
) -> None:
    from publisher.load import load_site
    from publisher.scaffold import folder_title, is_init_roadmap, roadmap_yaml, site_yaml

    assert folder_title(folder) == title
    # Titles YAML would read otherwise (a colon, a quote, a hash) are quoted.
    (tmp_path / "site.yaml").write_text(site_yaml(title), "utf-8")
    assert load_site(tmp_path / "site.yaml").title == title
    assert is_init_roadmap(roadmap_yaml(title).encode())
    assert not is_init_roadmap(roadmap_yaml(title).replace("Where to begin", "Go").encode())


def test_a_project_made_by_import_history_builds_and_checks(news: Path) -> None:
    # The build used to fail with a traceback (a commit's time could not be cached).
    code, out, err = run(news, "build")
    assert code == 0, err
    assert out.startswith("built ")
    code, out, err = run(news, "build", "--check")
    assert code == 0, err
    assert out.startswith("ok: all ")
    feed = feedparser.parse((news / "feeds" / "atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert "TheAlgorithms" in titles  # added in the 2020 version
    releases = json.loads((news / "feeds" / "releases" / "feed.json").read_text("utf-8"))
    assert [item["title"] for item in releases["items"]] == [
        "Release 2023.03.15: 15 March 2023",
        "Release 2022.02.15: 15 February 2022",
        "Release 2021.01.15: 15 January 2021",
    ]


def test_the_emails_unsubscribe_links_follow_subscribe_url_in_a_new_project(news: Path) -> None:
    # `init` wrote an explicit email.unsubscribe_url (example.org), which wins over
    # subscribe_url: a maintainer who set subscribe_url as README says sent every email with
    # an unsubscribe link that did not lead to `publisher serve`.
    site = news / "data" / "site.yaml"
    text = site.read_text("utf-8")
    assert "# subscribe_url: https://news.example.org/subscribe\n" in text
    site.write_text(
        text.replace(
            "# subscribe_url: https://news.example.org/subscribe",
            "subscribe_url: http://127.0.0.1:8765/subscribe",
        ),
        "utf-8",
    )
    code, _, err = run(
        news, "email", "-o", str(news / "preview"), "--format", "eml", "--to", "ann@example.org"
    )
    assert code == 0, err
    message = email.message_from_bytes(
        (news / "preview" / "2023.03.15.eml").read_bytes(), policy=email.policy.default
    )
    assert str(message["List-Unsubscribe"]).startswith("<http://127.0.0.1:8765/unsubscribe?token=")


def test_the_email_preview_warns_of_a_placeholder_token_only_when_the_link_holds_one(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PUBLISHER_SECRET_KEY", raising=False)
    preview = news / "preview"
    # A new project: no unsubscribe_url, no subscribe_url: a mailto: link, no token in it.
    code, out, err = run(news, "email", "-o", str(preview), "--format", "eml")
    assert code == 0, err
    message = email.message_from_bytes(
        (preview / "2023.03.15.eml").read_bytes(), policy=email.policy.default
    )
    assert str(message["List-Unsubscribe"]).startswith("<mailto:")
    assert "placeholder token" not in out + err
    # With subscribe_url the link leads to serve with a token: the warning says it is a
    # placeholder.
    site = news / "data" / "site.yaml"
    site.write_text(
        site.read_text("utf-8").replace(
            "# subscribe_url: https://news.example.org/subscribe",
            "subscribe_url: https://news.example.org/subscribe",
        ),
        "utf-8",
    )
    code, out, err = run(news, "email", "-o", str(preview), "--format", "eml")
    assert code == 0, err
    assert "the unsubscribe link holds a placeholder token (preview-token)" in out + err


def test_a_dry_run_of_a_csv_list_records_nothing_and_says_who_it_would_skip(news: Path) -> None:
    # A list's addresses are recorded in the store when it is sent (so that their
    # unsubscribe links work on `publisher serve`); a dry run only reads the store.
    site = news / "data" / "site.yaml"
    site.write_text(
        site.read_text("utf-8") + "subscribe_url: http://127.0.0.1:8765/subscribe\n", "utf-8"
    )
    csv = news / "subscribers.csv"
    csv.write_text("email,name,sections\nann@example.org,Ann,\nbob@example.org,Bob,\n", "utf-8")
    code, out, err = run(news, "send", "--subscribers", str(csv), "--dry-run")
    assert code == 0
    # A new project sent from init's example addresses, which no provider delivers.
    assert err == (
        "warning: data/site.yaml: base_url, email.from, email.reply_to and email.list_id "
        "still hold the example value 'publisher init' wrote (the emails' links lead to "
        "example.org; the emails go out from example.org, which mail providers refuse, and "
        "bounces are lost; replies, and unsubscribe requests by email, go to example.org; the "
        "List-Id header names example.org, a domain that is not yours): set your own\n"
    )
    assert "would send to ann@example.org" in out
    # Setting the sender alone (what the README asked for) left replies going to example.org.
    site.write_text(
        site.read_text("utf-8")
        .replace("https://example.org/roadmap/", "https://news.example.net/")
        .replace("roadmap@example.org>", "news@example.net>"),
        "utf-8",
    )
    code, out, err = run(news, "send", "--subscribers", str(csv), "--dry-run")
    assert (code, err) == (
        0,
        "warning: data/site.yaml: email.reply_to and email.list_id still hold the example "
        "value 'publisher init' wrote (replies, and unsubscribe requests by email, go to "
        "example.org; the List-Id header names example.org, a domain that is not yours): "
        "set your own\n",
    )
    site.write_text(
        site.read_text("utf-8")
        .replace("reply_to: roadmap@example.org", "reply_to: news@example.net")
        .replace("list_id: roadmap.example.org", "list_id: news.example.net"),
        "utf-8",
    )
    assert not (news / ".publisher" / "publisher.sqlite").exists()
    assert run(news, "subscribers", "add", "bob@example.org", "--confirmed")[0] == 0
    assert run(news, "subscribers", "remove", "bob@example.org")[0] == 0
    code, out, err = run(news, "send", "--subscribers", str(csv), "--dry-run")
    assert (code, err) == (0, "")
    assert "subscribers.csv: would skip 1 address(es) that unsubscribed (1)\n" in out
    assert "would send to bob@example.org" not in out
    with open_store(news / ".publisher", "", now="t") as store:
        assert store.subscriber("ann@example.org") is None


def test_send_names_the_store_it_read_when_no_one_is_subscribed_there(news: Path) -> None:
    # Subscribers came through a serve on PostgreSQL, this shell lacks PUBLISHER_DATABASE_URL:
    # send printed "0 to send" and nothing about which store it had read.
    site = news / "data" / "site.yaml"
    site.write_text(
        site.read_text("utf-8")
        .replace("https://example.org/roadmap/", "https://news.example.net/")
        .replace("roadmap@example.org", "news@example.net")
        .replace("roadmap.example.org", "news.example.net"),
        "utf-8",
    )
    code, out, err = run(news, "send", "--dry-run")
    assert (code, err) == (
        0,
        "warning: no confirmed subscriber in the store (.publisher/publisher.sqlite, the "
        "default: PUBLISHER_DATABASE_URL is not set): nobody gets this release. People "
        "subscribe through 'publisher serve' (or 'publisher subscribers add/import') on the "
        "same store; a CSV list is sent with --subscribers FILE\n",
    )
    assert "0 to send" in out
    assert run(news, "subscribers", "add", "ann@example.org")[0] == 0  # pending: still no one
    assert "warning: no confirmed subscriber in the store" in run(news, "send", "--dry-run")[2]
    assert run(news, "subscribers", "add", "ann@example.org", "--confirmed")[0] == 0
    code, out, err = run(news, "send", "--dry-run")
    assert (code, err) == (0, "")
    assert "would send to ann@example.org" in out


def test_send_warns_when_the_unsubscribe_link_is_plain_http(news: Path) -> None:
    # Without https the emails carry no List-Unsubscribe-Post (RFC 8058): silently, before.
    site = news / "data" / "site.yaml"
    text = (
        site.read_text("utf-8")
        .replace("https://example.org/roadmap/", "https://news.example.net/")
        .replace("roadmap@example.org", "news@example.net")
        .replace("roadmap.example.org", "news.example.net")
    )
    csv = news / "subscribers.csv"
    csv.write_text("email,name,sections\nann@example.org,Ann,\n", "utf-8")
    for subscribe_url, warned in (
        ("http://news.example.net/subscribe", True),
        ("https://news.example.net/subscribe", False),
        ("http://127.0.0.1:8000/subscribe", False),  # a trial on this machine
    ):
        site.write_text(text + f"subscribe_url: {subscribe_url}\n", "utf-8")
        code, out, err = run(news, "send", "--subscribers", str(csv), "--dry-run")
        assert (code, "would send to ann@example.org" in out) == (0, True), err
        expected = (
            "warning: data/site.yaml: subscribe_url is plain http: the emails' unsubscribe "
            "link is not https, so they carry no one-click List-Unsubscribe-Post (RFC 8058), "
            "which large mailbox providers ask of bulk senders: serve it over https (a "
            "reverse proxy that terminates TLS, see README)\n"
        )
        assert err == (expected if warned else ""), subscribe_url
        preview = news / "preview"
        code, _, _ = run(news, "email", "-o", str(preview), "--format", "eml")
        assert code == 0
        (eml,) = preview.glob("*.eml")
        assert ("List-Unsubscribe-Post:" in eml.read_text("utf-8")) == subscribe_url.startswith(
            "https:"
        )


def test_serve_warns_while_its_confirmation_emails_carry_inits_addresses(news: Path) -> None:
    # Confirmation emails carry From and Reply-To: serve named only an untouched sender.
    import sys

    site = news / "data" / "site.yaml"
    site.write_text(
        site.read_text("utf-8").replace("roadmap@example.org>", "news@example.net>"), "utf-8"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "publisher", "--project", str(news), "serve", "--port", "0"],
        env={
            **os.environ,
            "PUBLISHER_SECRET_KEY": KEY,
            "PUBLISHER_SMTP_URL": "smtp://127.0.0.1:25",
            "PUBLISHER_DATABASE_URL": "",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        warning = process.stderr.readline()
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert warning == (
        "warning: data/site.yaml: email.reply_to still holds the example value 'publisher "
        "init' wrote (replies, and unsubscribe requests by email, go to example.org): set "
        "your own\n"
    )


def test_serve_on_a_port_in_use_is_one_clear_error(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # uvicorn logged "ERROR: [Errno 98] …" after "serving …" was printed, and exited 3.
    monkeypatch.setenv("PUBLISHER_SECRET_KEY", KEY)
    monkeypatch.setenv("PUBLISHER_SMTP_URL", "smtp://127.0.0.1:9")
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code, out, err = run(news, "serve", "--port", str(port))
    assert (code, out) == (1, "")
    assert err == f"error: 127.0.0.1:{port}: cannot listen: Address already in use\n"


def test_the_email_preview_of_a_store_subscriber_has_the_token_send_gives(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The preview keyed the address (a CSV row's token), which `publisher serve` refuses:
    # "This link does not work". It now has the subscriber's own token, as `send` does.
    monkeypatch.setenv("PUBLISHER_SECRET_KEY", KEY)
    site = news / "data" / "site.yaml"
    site.write_text(
        site.read_text("utf-8") + "subscribe_url: http://127.0.0.1:8765/subscribe\n", "utf-8"
    )
    assert run(news, "subscribers", "add", "ann@example.org", "--confirmed")[0] == 0
    code, _, err = run(
        news, "email", "-o", str(news / "preview"), "--format", "eml", "--to", "ann@example.org"
    )
    assert code == 0, err
    with open_store(news / ".publisher", "", now="t") as store:
        record = store.subscriber("ann@example.org")
    assert record is not None
    token = manage_token(KEY.encode(), record.public_id)
    message = email.message_from_bytes(
        (news / "preview" / "2023.03.15.eml").read_bytes(), policy=email.policy.default
    )
    assert f"unsubscribe?token={token}>" in str(message["List-Unsubscribe"])


def test_adding_a_pending_subscriber_says_what_pending_means(news: Path) -> None:
    # The --confirmed help promised "no confirmation email" as if one were sent without it;
    # none is, and a pending subscriber is never sent to.
    code, out, err = run(news, "subscribers", "add", "erin@example.org")
    assert (code, err) == (0, "")
    assert out == (
        "added erin@example.org (pending: never sent to, and no confirmation email is sent; "
        "they confirm by subscribing on the form of 'publisher serve')\n"
    )


DSN = """From: MAILER-DAEMON@mx.example.net
To: roadmap@example.org
Subject: Undelivered Mail Returned to Sender
Date: Mon, 19 Feb 2024 10:00:00 +0000
Message-ID: <bounce-1@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {recipient}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown

--B--
"""


def test_the_whole_newsletter_from_a_clean_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    # README's path, with the tool alone, on SQLite and on PostgreSQL: init, import a README,
    # release, build, serve with subscribe and confirm (a real SMTP server), the preferences
    # page, a second release, send, a one-click unsubscribe, a CSV list whose reader
    # unsubscribes too, bounces and a spam complaint.
    import httpx
    from smtp_server import SmtpServer, free_port
    from test_serve import start_server

    with SmtpServer() as smtp:
        smtp.mailbox.refuse_permanently = {"gone@example.net"}
        env = {
            "PUBLISHER_SMTP_URL": smtp.url(),
            "PUBLISHER_SECRET_KEY": KEY,
            "PUBLISHER_DATABASE_URL": database_url,
        }
        monkeypatch.chdir(tmp_path)
        assert CliRunner().invoke(main, ["init", "awesome-news"]).exit_code == 0
        project = tmp_path / "awesome-news"
        readme = tmp_path / "README.md"

        def publisher(*arguments: str) -> str:
            result = CliRunner().invoke(main, ["--project", str(project), *arguments], env=env)
            assert result.exit_code == 0, result.output
            return result.stdout

        readme.write_bytes((REAL / "2-2019.md").read_bytes())
        assert "the site is now titled 'Awesome Python'" in publisher("import", str(readme))
        publisher("release", "2024.01", "--date", "2024-01-15")
        publisher("build")
        port = free_port()
        site = project / "data" / "site.yaml"
        site.write_text(
            site.read_text("utf-8")
            .replace(
                "# subscribe_url: https://news.example.org/subscribe",
                f"subscribe_url: http://127.0.0.1:{port}/subscribe",
            )
            .replace("base_url: https://example.org/roadmap/", "base_url: https://news.test/")
            .replace("<roadmap@example.org>", "<news@news.test>")
            .replace("reply_to: roadmap@example.org", "reply_to: news@news.test")
            .replace("list_id: roadmap.example.org", "list_id: news.test"),
            "utf-8",
        )
        service = start_server(project, env, port)
        try:
            base = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=base) as browser:
                form = browser.get("/subscribe")
                assert "Subscribe to Awesome Python" in form.text
                csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
                assert csrf
                asked = browser.post(
                    "/subscribe", data={"csrf": csrf[1], "email": "reader@example.net"}
                )
                assert "Check your inbox" in asked.text
            confirmation = wait_for(smtp, "reader@example.net", 1)[0]
            assert confirmation["Subject"] == "Confirm your subscription to Awesome Python"
            link = re.search(r"(http://\S+/confirm\?token=\S+)", body_text(confirmation))
            assert link
            confirmed = httpx.get(link[1])
            assert "Your subscription is confirmed." in confirmed.text
            # The page links the preferences: follow only one section from now on.
            choose = re.search(r'href="(/preferences\?token=[^"]+)"', confirmed.text)
            assert choose
            with httpx.Client(base_url=base) as browser:
                page = browser.get(choose[1].replace("&amp;", "&"))
                csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
                assert csrf
                saved = browser.post(
                    choose[1].replace("&amp;", "&"),
                    data={"csrf": csrf[1], "action": "save", "sections": "audio"},
                )
                assert (saved.status_code, "Saved." in saved.text) == (200, True)
            assert publisher("subscribers", "list").startswith(
                "reader@example.net  confirmed  audio  form "
            )

            readme.write_bytes((REAL / "3-2020.md").read_bytes())
            publisher("import", str(readme))
            publisher("release", "2024.02", "--date", "2024-02-15")
            publisher("build")
            assert publisher("build", "--check").startswith("ok: ")
            sent = CliRunner().invoke(main, ["--project", str(project), "send", "--yes"], env=env)
            assert (sent.exit_code, sent.stderr) == (0, "")  # no example values left
            # (SQLite: "sent 1, skipped 0 (already sent), …"; PostgreSQL, by worker: "…: sent 1, …")
            assert re.search(r"\bsent 1, (skipped 0 \(already sent\), )?failed 0", sent.stdout)
            news = wait_for(smtp, "reader@example.net", 2)[1]
            assert news["Subject"].startswith("Awesome Python 2024.02: ")
            # Only the section they chose on the preferences page.
            text = body_text(news).replace("\r\n", "\n")
            assert re.search(r"^Audio\b", text, re.MULTILINE), text
            assert "Algorithms and Design Patterns" not in text
            one_click = unsubscribe_url(news)
            assert httpx.post(one_click, data={"List-Unsubscribe": "One-Click"}).status_code == 200

            # A list of the maintainer's: the reader who left is skipped, an address the
            # server refuses is bounced, the other gets a link that works on serve.
            subscribers = project / "subscribers.csv"
            subscribers.write_text(
                "email,name,sections\nann@example.net,Ann,\ngone@example.net,,\n"
                "reader@example.net,,\n",
                "utf-8",
            )
            result = CliRunner().invoke(
                main,
                ["--project", str(project), "send", "--subscribers", str(subscribers), "--yes"],
                env=env,
            )
            assert result.exit_code == 1  # gone@ was refused
            assert "subscribers.csv: skipped 1 address(es) that unsubscribed (1)" in result.stdout
            assert re.search(r"\bsent 1, (skipped 0 \(already sent\), )?failed 1", result.stdout)
            to_ann = wait_for(smtp, "ann@example.net", 1)[0]
            page = httpx.get(unsubscribe_url(to_ann))
            assert (page.status_code, "Do you want to stop getting these emails?" in page.text) == (
                200,
                True,
            )
        finally:
            service.terminate()
            service.wait(timeout=30)
            if service.stderr is not None:
                service.stderr.close()

        # Ann's mailbox is closed: the bounce comes back to the From address.
        bounce = tmp_path / "bounce.eml"
        bounce.write_text(DSN.format(recipient="ann@example.net"), "utf-8")
        assert "marked bounced: ann@example.net (5.1.1)" in publisher("bounces", str(bounce))
        # The reader who unsubscribed marks an older email as spam all the same: never again.
        complaint = tmp_path / "complaint.eml"
        complaint.write_bytes(feedback_report(news))
        assert (
            "marked complained: reader@example.net (spam complaint, Mailbox-Feedback/2.0; "
            "was unsubscribed)"
        ) in publisher("bounces", str(complaint))
        assert publisher("subscribers", "list").endswith(
            "3 subscriber(s): 2 bounced, 1 complained\n"
        )
        dry = publisher("send", "--subscribers", str(subscribers), "--dry-run")
        assert "would skip 3 address(es) that bounced (2), complained (1)" in dry
        assert "release 2024.02: no one to send to\n" in dry  # it said "0 subjects by sections"
        assert "0 to send" in dry
        assert smtp.mailbox.copies() == {"reader@example.net": 2, "ann@example.net": 1}


def feedback_report(original: email.message.EmailMessage) -> bytes:
    """An ARF report (RFC 5965) of ``original``, its recipient redacted, as providers send."""
    from email.message import Message
    from email.mime.message import MIMEMessage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    reported = email.message_from_bytes(original.as_bytes(), policy=email.policy.default)
    reported.replace_header("To", "redacted@example.com")
    fields = Message()
    fields["Feedback-Type"] = "abuse"
    fields["User-Agent"] = "Mailbox-Feedback/2.0"
    fields["Version"] = "1"
    report = MIMEMultipart("report", report_type="feedback-report")
    report["From"] = "feedback@mail.example.net"
    report["Subject"] = "Email Feedback Report"
    report.attach(MIMEText("An email abuse report.\n"))
    report.attach(MIMEMessage(fields, "feedback-report"))
    report.attach(MIMEMessage(reported))
    return report.as_bytes()


def wait_for(smtp: object, address: str, count: int) -> list[email.message.EmailMessage]:
    """The messages ``address`` received, waiting (up to 120 s) until there are ``count``
    (30 s was once too short on a loaded machine)."""
    import time

    deadline = time.monotonic() + 120
    while True:
        with smtp.mailbox.lock:  # type: ignore[attr-defined]
            found = [
                item.message
                for item in smtp.mailbox.received  # type: ignore[attr-defined]
                if item.recipient == address
            ]
        if len(found) >= count or time.monotonic() > deadline:
            assert len(found) >= count, f"{address}: {len(found)} of {count} messages"
            return found
        time.sleep(0.05)


def body_text(message: email.message.EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def unsubscribe_url(message: email.message.EmailMessage) -> str:
    found = re.search(r"<(http[^>]+)>", str(message["List-Unsubscribe"]))
    assert found, message["List-Unsubscribe"]
    return found[1]
