"""`publisher send` and `publisher deliveries` end to end: the bundled project, a subscriber
CSV, a real aiosmtpd server, and for the crash test a real `publisher send` process killed
with SIGKILL halfway."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from smtp_server import SmtpServer, free_port

from publisher import mail
from publisher.cli import main
from publisher.load import load_site_of
from publisher.project import open_project
from publisher.release_history import release_diff
from publisher.render import template_environment
from publisher.subscribers import unsubscribe_token

KEY = "unsubscribe-key-for-tests-Qm9zLXRoZS1rZXktb2YtdGVzdHMtaXMtbG9uZw"
SECTIONS = ("", "technical-resources", "getting-started;learn-from-others")


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as running:
        yield running


def write_subscribers(project: Path, count: int, *, sections: bool = True) -> Path:
    """Write ``count`` subscribers (reader000@example.net …) to the project's subscribers.csv,
    each with one of SECTIONS in turn, or all with every section; return its path."""
    path = project / "subscribers.csv"
    rows = ["email,name,sections"]
    rows += [
        f"reader{number:03d}@example.net,Reader {number},"
        + (SECTIONS[number % len(SECTIONS)] if sections else "")
        for number in range(count)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def send_command(project: Path, subscribers: Path) -> list[str]:
    """The `publisher send --yes` command line that sends ``project``'s newest release to
    ``subscribers`` in a process of its own."""
    command = [sys.executable, "-m", "publisher", "--project", str(project), "send", "--yes"]
    return [*command, "--subscribers", str(subscribers)]


def environment_for(server: SmtpServer, **extra: str) -> dict[str, str]:
    return {"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_UNSUBSCRIBE_KEY": KEY, **extra}


def publisher(project: Path, *arguments: str, env: dict[str, str], **options: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *arguments], env=env, **options)


def expected_email(project: Path, sections: str) -> mail.RenderedEmail | None:
    """The email of the latest release for a selection, rendered independently of send."""
    opened = open_project(project)
    return mail.render_release_email(
        load_site_of(opened),
        release_diff(opened),
        template_environment(opened.templates_dir),
        sections=mail.parse_sections(sections),
    )


def text_part(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert isinstance(part, EmailMessage)
    return str(part.get_content())


def test_send_delivers_each_subscriber_their_sections_once(
    project: Path, server: SmtpServer
) -> None:
    subscribers = write_subscribers(project, 30)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = publisher(
        project, "send", "--subscribers", str(subscribers), "--yes", env=environment_for(server)
    )
    finished = dt.datetime.now(dt.UTC)
    assert result.exit_code == 0, result.output

    copies = server.mailbox.copies()
    by_selection = {sections: expected_email(project, sections) for sections in SECTIONS}
    expected = {
        f"reader{number:03d}@example.net"
        for number in range(30)
        if by_selection[SECTIONS[number % len(SECTIONS)]] is not None
    }
    assert copies == dict.fromkeys(expected, 1)
    site = load_site_of(open_project(project))
    for item in server.mailbox.received:
        number = int(item.recipient[6:9])
        sections = SECTIONS[number % len(SECTIONS)]
        rendered = by_selection[sections]
        assert rendered is not None
        message = item.message
        token = unsubscribe_token(KEY.encode(), item.recipient)
        assert message["Message-ID"] == mail.message_id(site, "2024.02", item.recipient)
        assert message["To"] == f"Reader {number} <{item.recipient}>"
        assert message["Subject"] == rendered.subject
        assert token in message["List-Unsubscribe"]
        assert text_part(message).replace("\r\n", "\n") == rendered.with_token(token).text
        # Dated when it was sent, not on the release date: it sorts as new in the inbox.
        assert started <= parsedate_to_datetime(message["Date"]) <= finished
    assert f"sent {len(expected)}, skipped 0" in result.output

    again = publisher(
        project, "send", "--subscribers", str(subscribers), "--yes", env=environment_for(server)
    )
    assert again.exit_code == 0, again.output
    assert f"sent 0, skipped {len(expected)}" in again.output
    assert server.mailbox.copies() == dict.fromkeys(expected, 1)

    table = publisher(project, "deliveries", env={})
    assert table.exit_code == 0
    assert table.output.splitlines()[1].split() == [
        "2024.02",
        "0",
        "0",
        str(len(expected)),
        "0",
        "0",
    ]


def test_the_password_appears_nowhere(
    project: Path, server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    password = "Tr0ub4dor-and-3-horse-staples"
    server.mailbox.login = ("mailer", password)
    server.mailbox.refuse_permanently = {"reader001@example.net"}
    subscribers = write_subscribers(project, 6)
    env = environment_for(
        server, PUBLISHER_SMTP_URL=server.url("mailer"), PUBLISHER_SMTP_PASSWORD=password
    )
    outputs = []
    for arguments in (["send", "--yes"], ["send", "--dry-run"], ["send", "--yes"]):
        result = publisher(project, "-v", *arguments, "--subscribers", str(subscribers), env=env)
        outputs.append(result.output)
    wrong = publisher(
        project,
        "send",
        "--yes",
        "--subscribers",
        str(subscribers),
        "--ledger",
        str(project / ".publisher" / "other.sqlite"),
        env={**env, "PUBLISHER_SMTP_PASSWORD": "x" + password},
        catch_exceptions=False,
    )
    outputs.append(wrong.output)
    outputs.append(publisher(project, "-v", "deliveries", env=env).output)

    assert len(server.mailbox.received) == 5  # the login worked
    assert "refused the login of 'mailer'" in wrong.output
    for output in [*outputs, caplog.text]:
        assert password not in output
    # Every state file: the ledger and, since send reads releases through it, the cache.
    for path in (project / ".publisher").rglob("*"):
        if path.is_file():
            assert password.encode() not in path.read_bytes(), path
    for item in server.mailbox.received:
        assert password.encode() not in item.data


def test_a_malformed_subscriber_file_sends_nothing(project: Path, server: SmtpServer) -> None:
    subscribers = project / "subscribers.csv"
    subscribers.write_text(
        "email,name,sections\n"
        "ann@example.org,Ann,\n"
        "not-an-address,Bob,\n"
        "carl@example,Carl,technical-resources\n"
        "ANN@example.org,Ann again,\n"
        "dora@example.org,Dora,no-such-section\n"
        'eve@example.org,"Eve\nBcc: everyone@example.org",\n',
        encoding="utf-8",
    )
    result = publisher(
        project, "send", "--subscribers", str(subscribers), "--yes", env=environment_for(server)
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: subscribers.csv:3: 'not-an-address' is not an email address (expected name@domain)",
        "error: subscribers.csv:4: 'carl@example' is not an email address (bad domain 'example')",
        "error: subscribers.csv:5: 'ANN@example.org' is already listed on line 2",
        "error: subscribers.csv:6: unknown section id 'no-such-section'",
        "error: subscribers.csv:8: the name contains a line break or control character",
    ]
    assert server.mailbox.connections == 0
    assert not (project / ".publisher").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "subscribers.csv:1: the file is empty"),
        (b"address,name\nann@example.org,Ann\n", "subscribers.csv:1: the header must be"),
        (b"email,name,sections\nj\xf6rg@example.org,J,\n", "subscribers.csv:2: not UTF-8 text"),
        (b"email,name,sections\na@example.org,A,,extra\n", "subscribers.csv:2: 4 columns"),
    ],
)
def test_subscriber_file_shapes(project: Path, content: bytes, message: str) -> None:
    (project / "subscribers.csv").write_bytes(content)
    result = publisher(
        project, "send", "--dry-run", "--subscribers", str(project / "subscribers.csv"), env={}
    )
    assert result.exit_code == 1
    assert f"error: {message}" in result.output


def test_dry_run_connects_to_nothing_and_writes_nothing(project: Path, server: SmtpServer) -> None:
    subscribers = write_subscribers(project, 4)
    result = publisher(
        project, "send", "--dry-run", "--subscribers", str(subscribers), env=environment_for(server)
    )
    assert result.exit_code == 0, result.output
    assert "would send to reader000@example.net  (sections: all;" in result.output
    assert "would send to reader001@example.net  (sections: technical-resources;" in result.output
    assert f"Server: 127.0.0.1:{server.port} (no TLS)" in result.output
    assert server.mailbox.connections == 0
    assert not (project / ".publisher").exists()


def test_without_yes_it_asks_and_no_means_nothing_is_sent(
    project: Path, server: SmtpServer
) -> None:
    subscribers = write_subscribers(project, 3)
    result = publisher(
        project,
        "send",
        "--subscribers",
        str(subscribers),
        env=environment_for(server),
        input="n\n",
    )
    assert result.exit_code == 1
    assert "to 3 subscriber(s) via 127.0.0.1" in result.output
    assert server.mailbox.received == []


def test_refusals_are_reported_and_exit_1(project: Path, server: SmtpServer) -> None:
    server.mailbox.refuse_permanently = {"reader002@example.net"}
    subscribers = write_subscribers(project, 4)
    result = publisher(
        project, "send", "--yes", "--subscribers", str(subscribers), env=environment_for(server)
    )
    assert result.exit_code == 1
    assert "sent 3, skipped 0 (already sent), failed 1, deferred 0" in result.output
    assert "error: reader002@example.net: refused: 550 5.1.1 No such user here" in result.output


def test_sending_needs_the_smtp_url_and_the_unsubscribe_key(project: Path) -> None:
    subscribers = write_subscribers(project, 2)
    no_url = publisher(project, "send", "--yes", "--subscribers", str(subscribers), env={})
    assert no_url.exit_code == 1
    assert "PUBLISHER_SMTP_URL is not set" in no_url.output
    no_key = publisher(
        project,
        "send",
        "--yes",
        "--subscribers",
        str(subscribers),
        env={"PUBLISHER_SMTP_URL": "smtp://localhost:2525"},
    )
    assert no_key.exit_code == 1
    assert "PUBLISHER_SECRET_KEY is not set" in no_key.output


def test_a_send_killed_halfway_is_finished_by_a_rerun(project: Path, server: SmtpServer) -> None:
    count = 60
    subscribers = write_subscribers(project, count, sections=False)
    server.mailbox.delay = 0.03  # slow enough to be killed in the middle
    command = send_command(project, subscribers)
    env = {**os.environ, **environment_for(server)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while len(server.mailbox.received) < count // 2:
            assert process.poll() is None, "the send finished before it could be killed"
            assert time.monotonic() < deadline, "the server received too little"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    first_run = len(server.mailbox.received)
    assert first_run < count

    ledger = sqlite3.connect(project / ".publisher" / "publisher.sqlite")
    try:
        states = dict(ledger.execute("SELECT state, count(*) FROM deliveries GROUP BY state"))
    finally:
        ledger.close()
    assert states.get("sending", 0) <= 1

    server.mailbox.delay = 0.0
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr

    copies = server.mailbox.copies()
    assert set(copies) == {f"reader{number:03d}@example.net" for number in range(count)}
    duplicates = [address for address, number in copies.items() if number > 1]
    assert len(duplicates) <= 1
    for address in duplicates:
        assert copies[address] == 2
        ids = {
            item.message["Message-ID"]
            for item in server.mailbox.received
            if item.recipient == address
        }
        assert len(ids) == 1


def test_send_over_four_connections_with_a_domain_rate(project: Path, server: SmtpServer) -> None:
    subscribers = write_subscribers(project, 40, sections=False)
    server.mailbox.delay = 0.02
    result = publisher(
        project,
        "send",
        "--yes",
        "--subscribers",
        str(subscribers),
        "--connections",
        "4",
        "--domain-rate",
        "example.net=500",
        env=environment_for(server),
    )
    assert result.exit_code == 0, result.output
    assert "sent 40, skipped 0" in result.output
    assert server.mailbox.copies() == {f"reader{number:03d}@example.net": 1 for number in range(40)}
    assert server.mailbox.connections == 4


def test_an_unreachable_server_fails_at_once_with_host_port_and_reason(project: Path) -> None:
    subscribers = write_subscribers(project, 3)
    port = free_port()
    result = publisher(
        project,
        "send",
        "--yes",
        "--subscribers",
        str(subscribers),
        env={"PUBLISHER_SMTP_URL": f"smtp://127.0.0.1:{port}", "PUBLISHER_UNSUBSCRIBE_KEY": KEY},
    )
    assert result.exit_code == 1
    assert f"error: cannot connect to 127.0.0.1:{port}: Connection refused" in result.output
    assert "Traceback" not in result.output


def test_a_silent_server_with_a_url_timeout_stops_at_the_deadline(
    project: Path, server: SmtpServer
) -> None:
    subscribers = write_subscribers(project, 6)
    server.mailbox.delay = 30.0  # never answers the data in time
    env = environment_for(server, PUBLISHER_SMTP_URL=server.url() + "?timeout=0.2")
    result = publisher(
        project, "send", "--yes", "--subscribers", str(subscribers), "--deadline", "1s", env=env
    )
    assert result.exit_code == 1
    assert "sent 0, " in result.output
    assert "error: the deadline (1 s) was reached" in result.output
    ledger = sqlite3.connect(project / ".publisher" / "publisher.sqlite")
    try:
        states = dict(ledger.execute("SELECT state, count(*) FROM deliveries GROUP BY state"))
    finally:
        ledger.close()
    assert set(states) == {"deferred"}


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (("--deadline", "soon"), "'soon' is not a duration"),
        (("--deadline", "0"), "'0' is not a duration"),
        (("--deadline", ""), "'' is not a duration"),  # an IndexError traceback before
        (("--deadline", "1d"), "'1d' is not a duration"),
        (("--connections", "0"), "--connections"),
        (("--domain-rate", "gmail.com"), "expected DOMAIN=MESSAGES_PER_SECOND"),
    ],
)
def test_bad_sending_options(project: Path, option: tuple[str, str], message: str) -> None:
    subscribers = write_subscribers(project, 2)
    result = publisher(
        project, "send", "--dry-run", "--subscribers", str(subscribers), *option, env={}
    )
    assert result.exit_code in (1, 2)
    assert message in result.output


def test_the_eml_preview_is_the_message_send_puts_on_the_wire(
    project: Path, server: SmtpServer, tmp_path: Path
) -> None:
    subscribers = project / "subscribers.csv"
    subscribers.write_text("email,name,sections\nann@example.net,Ann Lee,\n", encoding="utf-8")
    environment = environment_for(server)
    sent = publisher(project, "send", "--subscribers", str(subscribers), "--yes", env=environment)
    assert sent.exit_code == 0, sent.output
    (received,) = server.mailbox.received
    preview = publisher(
        project,
        "email",
        "--format",
        "eml",
        "--to",
        "Ann Lee <ann@example.net>",
        "-o",
        str(tmp_path),
        env=environment,
    )
    assert preview.exit_code == 0, preview.output
    (eml,) = tmp_path.glob("*.eml")
    previewed = eml.read_bytes()
    # Byte for byte, but the Date: the time of sending on the wire, the release date in the
    # preview (made at another time).
    date = re.compile(rb"^Date: [^\r\n]*\r\n", re.MULTILINE)
    (wire_date,) = date.findall(received.data)
    (preview_date,) = date.findall(previewed)
    assert preview_date == b"Date: Thu, 01 Feb 2024 00:00:00 +0000\r\n"
    assert wire_date != preview_date
    assert received.data.replace(wire_date, preview_date) == previewed


@pytest.mark.parametrize(
    ("command", "purpose"),
    [(("send", "--dry-run"), "send email"), (("serve",), "send confirmation emails")],
)
def test_sending_without_a_sender_names_email_from(
    project: Path, command: tuple[str, ...], purpose: str
) -> None:
    site = project / "data" / "site.yaml"
    site.write_text(
        re.sub(r"(?m)^  from: .*\n", "", site.read_text(encoding="utf-8")), encoding="utf-8"
    )
    if command[0] == "send":
        command = (*command, "--subscribers", str(write_subscribers(project, 2)))
    result = publisher(project, *command, env={"PUBLISHER_SECRET_KEY": KEY})
    assert result.exit_code == 1, result.output
    assert f"data/site.yaml: email.from: is needed to {purpose}" in result.output
