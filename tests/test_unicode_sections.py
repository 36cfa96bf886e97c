"""Sections whose ids are in other scripts (`model.slugify` keeps their letters: ``机器学习``,
``ресурсы``), end to end: the subscribe and preferences forms of `publisher serve` in
Chromium, the store, `subscribers export` and `import`, `send` (each subscriber gets the
sections they follow, the List-Id stays ASCII) and the section feeds' folders; on SQLite and
on a real PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import yaml
from click.testing import CliRunner, Result
from smtp_server import SmtpServer, free_port

from publisher.cli import main
from publisher.delivery import open_store
from publisher.model import slugify
from tests.test_serve import KEY, Service, client_address, start_server

REPOSITORY = Path(__file__).resolve().parent.parent
CHINESE, RUSSIAN, ARABIC = "机器学习", "Свой путь", "مصادر التعلم"
IDS = {CHINESE: "机器学习", RUSSIAN: "свой-путь", ARABIC: "مصادر-التعلم"}
# The Russian id as some systems write it: "й" decomposed (и + combining breve, NFD).
RUSSIAN_NFD = unicodedata.normalize("NFD", IDS[RUSSIAN])


def _release(version: str, date: str, extra: bool) -> dict[str, object]:
    def resource(section: str, number: int) -> dict[str, str]:
        return {"title": f"{section} {number}", "url": f"https://example.org/{number}"}

    return {
        "release": {"version": version, "date": date},
        "title": "机器学习路线图",
        "sections": [
            {
                "title": CHINESE,
                "resources": [resource(CHINESE, 1), *([resource(CHINESE, 2)] if extra else [])],
            },
            {
                "title": RUSSIAN,
                "resources": [resource(RUSSIAN, 3), *([resource(RUSSIAN, 4)] if extra else [])],
            },
            {"title": ARABIC, "resources": [resource(ARABIC, 5)]},
        ],
    }


def make_project(root: Path, port: int) -> Path:
    """A project of two releases whose sections have ids in Chinese, Russian and Arabic; its
    site title is in Chinese too (the List-Id label is then Punycode)."""
    project = root / "project"
    (project / "data" / "releases").mkdir(parents=True)
    site = yaml.safe_load((REPOSITORY / "data" / "site.yaml").read_text(encoding="utf-8"))
    site["title"] = "机器学习路线图"
    del site["email"]["list_id"]
    del site["email"]["unsubscribe_url"]  # follows from subscribe_url
    site["subscribe_url"] = f"http://127.0.0.1:{port}/subscribe"
    data = project / "data"
    (data / "site.yaml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    for version, date, extra in (("1", "2024-01-01", False), ("2", "2024-02-01", True)):
        text = yaml.safe_dump(_release(version, date, extra), allow_unicode=True, sort_keys=False)
        (data / "releases" / f"{version}.yaml").write_text(text, encoding="utf-8")
    latest = _release("2", "2024-02-01", True)
    del latest["release"]
    (data / "roadmap.yaml").write_text(yaml.safe_dump(latest, allow_unicode=True), "utf-8")
    return project


def test_the_project_has_the_section_ids_the_tests_expect() -> None:
    assert {title: slugify(title) for title in IDS} == IDS


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes PUBLISHER_DATABASE_URL of a fresh store: "" (SQLite under each project's state
    folder) or a new database in the session's PostgreSQL cluster."""
    if request.param == "sqlite":
        return lambda: ""
    cluster = request.getfixturevalue("postgres_cluster")
    return lambda: str(cluster.create_database())


def run(project: Path, database_url: str, *arguments: str, **env: str) -> Result:
    environment = {"PUBLISHER_DATABASE_URL": database_url, **env}
    return CliRunner().invoke(main, ["--project", str(project), *arguments], env=environment)


def _sections_of(project: Path, database_url: str, address: str) -> tuple[str, ...]:
    with open_store(project / ".publisher", database_url, now="t") as store:
        record = store.subscriber(address)
    assert record is not None
    return record.sections


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.mark.browser
def test_subscribe_and_preferences_forms_with_sections_in_other_scripts(
    tmp_path: Path, new_database: Callable[[], str], smtp: SmtpServer, chromium: object
) -> None:
    database = new_database()
    port = free_port()
    project = make_project(tmp_path, port)
    env = {"PUBLISHER_SMTP_URL": smtp.url(), "PUBLISHER_SECRET_KEY": KEY}
    process = start_server(project, {**env, "PUBLISHER_DATABASE_URL": database}, port)
    address = "unicode@example.net"
    context = chromium.new_context(  # type: ignore[attr-defined]
        extra_http_headers={"X-Forwarded-For": client_address()}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/subscribe")
        boxes = page.locator("input[name=sections]")
        assert [boxes.nth(n).get_attribute("value") for n in range(boxes.count())] == list(
            IDS.values()
        )
        for title in IDS:
            assert page.get_by_label(title).count() == 1
        page.fill("#email", address)
        page.get_by_label(CHINESE).check()
        page.get_by_label(ARABIC).check()
        page.click("button[type=submit]")
        assert page.locator("h1").inner_text() == "Check your inbox"
        assert _sections_of(project, database, address) == tuple(
            sorted((IDS[CHINESE], IDS[ARABIC]))
        )

        service = Service(
            url=f"http://127.0.0.1:{port}/", database_url=database, project=project, smtp=smtp
        )
        page.goto(service.confirm_link(address))
        assert page.locator("h1").inner_text() == "Subscribed"
        page.get_by_role("link", name="Choose sections").click()
        assert page.get_by_label(CHINESE).is_checked()
        assert page.get_by_label(ARABIC).is_checked()
        assert not page.get_by_label(RUSSIAN).is_checked()
        page.get_by_label(ARABIC).uncheck()
        page.get_by_label(RUSSIAN).check()
        page.click("button[value=save]")
        assert "Saved." in page.locator(".notice").inner_text()
        assert page.get_by_label(RUSSIAN).is_checked()
        assert _sections_of(project, database, address) == tuple(
            sorted((IDS[CHINESE], IDS[RUSSIAN]))
        )
    finally:
        context.close()
        process.terminate()
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()


def test_a_form_posted_with_sections_in_other_scripts_stores_them_as_written(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    # What a browser without JavaScript posts: UTF-8, percent-encoded; one id decomposed.
    port = free_port()
    project = make_project(tmp_path, port)
    env = {"PUBLISHER_SMTP_URL": smtp.url(), "PUBLISHER_SECRET_KEY": KEY}
    process = start_server(project, {**env, "PUBLISHER_DATABASE_URL": ""}, port)
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"X-Forwarded-For": client_address()}
        ) as client:
            form = client.get("/subscribe")
            for section_id in IDS.values():
                assert f'value="{section_id}"' in form.text
            csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
            assert csrf
            body = (
                f"csrf={csrf.group(1)}&email=posted%40example.net"
                "&sections=%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0"  # 机器学习
                "&sections=" + quote(RUSSIAN_NFD)
            )
            posted = client.post(
                "/subscribe",
                content=body,
                headers={"content-type": "application/x-www-form-urlencoded"},
            )
            assert posted.status_code == 200, posted.text
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()
    assert _sections_of(project, "", "posted@example.net") == ("свой-путь", "机器学习")


def _parts(message: EmailMessage) -> tuple[str, str]:
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None
    assert html is not None
    return text.get_content(), html.get_content()


def test_sections_in_other_scripts_survive_export_import_and_send(
    tmp_path: Path, new_database: Callable[[], str], smtp: SmtpServer
) -> None:
    database = new_database()
    project = make_project(tmp_path, free_port())
    chinese_and_russian = f"{IDS[CHINESE]};{IDS[RUSSIAN]}"
    for arguments in (
        ("zh@example.org", "--confirmed", "--sections", IDS[CHINESE]),
        ("ru@example.org", "--confirmed", "--name", "Ира", "--sections", chinese_and_russian),
        ("ar@example.org", "--confirmed", "--sections", IDS[ARABIC]),
        ("all@example.org", "--confirmed"),
    ):
        added = run(project, database, "subscribers", "add", *arguments)
        assert added.exit_code == 0, added.output
    listed = run(project, database, "subscribers", "list")
    assert f"zh@example.org  confirmed  {IDS[CHINESE]}  cli" in listed.output

    exported = run(project, database, "subscribers", "export")
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    assert {row["email"]: row["sections"] for row in rows} == {
        "all@example.org": "",
        "ar@example.org": IDS[ARABIC],
        "ru@example.org": "свой-путь;机器学习",
        "zh@example.org": IDS[CHINESE],
    }
    # The file a maintainer saves (UTF-8, a spreadsheet may add a BOM) imports into another
    # store as it was.
    export_file = tmp_path / "subscribers.csv"
    export_file.write_bytes(b"\xef\xbb\xbf" + exported.output.encode("utf-8"))
    other = tmp_path / "other"
    shutil.copytree(project / "data", other / "data")
    other_database = new_database()
    imported = run(other, other_database, "subscribers", "import", str(export_file), "--confirmed")
    assert imported.exit_code == 0, imported.output
    assert "imported 4 (confirmed)" in imported.output
    assert run(other, other_database, "subscribers", "export").output == exported.output
    assert _sections_of(other, other_database, "ru@example.org") == ("свой-путь", "机器学习")

    env = {"PUBLISHER_SMTP_URL": smtp.url(), "PUBLISHER_SECRET_KEY": KEY}
    sent = run(other, other_database, "send", "--yes", **env)
    assert sent.exit_code == 0, sent.output
    # The Arabic section had no change in release 2: its subscriber gets nothing.
    assert sorted(smtp.mailbox.copies()) == ["all@example.org", "ru@example.org", "zh@example.org"]
    received = {item.recipient: item for item in smtp.mailbox.received}
    for recipient, shown, hidden in (
        ("zh@example.org", [CHINESE], [RUSSIAN]),
        ("ru@example.org", [CHINESE, RUSSIAN], []),
        ("all@example.org", [CHINESE, RUSSIAN], []),
    ):
        message = received[recipient].message
        # On the wire every header is ASCII: the title an RFC 2047 word, the id in Punycode.
        head = received[recipient].data.split(b"\r\n\r\n", 1)[0]
        assert head.isascii()
        raw_list_id = re.search(rb"\r\nList-Id: ([^\r]*)", head)
        assert raw_list_id is not None
        assert raw_list_id.group(1).startswith(b"=?utf-8?")
        assert str(message["List-Id"]) == (
            '"机器学习路线图" <xn--vjqq9q5map9lsyrjj7auhw.roadmap.example.org>'
        )
        text, html = _parts(message)
        for title in shown:
            assert f"{title} 2" in text or f"{title} 4" in text
            assert f">{title}</h2>" in html
        for title in hidden:
            assert f">{title}</h2>" not in html
            assert title not in text


def test_section_ids_typed_in_decomposed_form_name_the_same_sections(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    # A CSV saved by another program, a shell that passes text decomposed: "й" as "и" and a
    # combining breve is the same id ("свой-путь") everywhere a maintainer types one.
    assert IDS[RUSSIAN] != RUSSIAN_NFD
    project = make_project(tmp_path, free_port())
    added = run(project, "", "subscribers", "add", "a@example.org", "--sections", RUSSIAN_NFD)
    assert added.exit_code == 0, added.output
    assert _sections_of(project, "", "a@example.org") == (IDS[RUSSIAN],)
    csv_file = tmp_path / "list.csv"
    csv_file.write_text(f"email,name,sections\nb@example.org,,{RUSSIAN_NFD}\n", encoding="utf-8")
    imported = run(project, "", "subscribers", "import", str(csv_file))
    assert imported.exit_code == 0, imported.output
    assert _sections_of(project, "", "b@example.org") == (IDS[RUSSIAN],)
    folder = tmp_path / "preview"
    preview = run(
        project, "", "email", "--sections", RUSSIAN_NFD, "--format", "text", "-o", str(folder)
    )
    assert preview.exit_code == 0, preview.output
    text = (folder / "2.txt").read_text(encoding="utf-8")
    assert f"{RUSSIAN} 4" in text
    assert f"{CHINESE} 2" not in text
    # An id that names no section is still refused, by name.
    refused = run(project, "", "subscribers", "add", "c@example.org", "--sections", "своя")
    assert refused.exit_code == 1
    assert "unknown section id 'своя'" in refused.output
