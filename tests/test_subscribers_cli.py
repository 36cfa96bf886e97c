"""`publisher subscribers …`, `send` from the store and `publisher bounces`, on SQLite and on
a real PostgreSQL: the CLI through CliRunner, a real aiosmtpd server, real mbox and Maildir
files written with the standard library."""

from __future__ import annotations

import mailbox
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage, Message
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from smtp_server import SmtpServer, free_port

from publisher.cli import main
from publisher.delivery import open_store

KEY = "Qm3xT8vLr2N0bWcY5kPz7HdJ4sUe9GfA1oRiVtXy6Ew"


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as running:
        yield running


Run = Callable[..., Result]


@pytest.fixture
def run(project: Path, database_url: str) -> Run:
    def invoke(*arguments: str, env: dict[str, str] | None = None) -> Result:
        environment = {"PUBLISHER_DATABASE_URL": database_url, **(env or {})}
        return CliRunner().invoke(main, ["--project", str(project), *arguments], env=environment)

    return invoke


def statuses(project: Path, database_url: str) -> dict[str, str]:
    with open_store(project / ".publisher", database_url, now="t") as store:
        return {person.address: person.status for person in store.subscribers()}


def test_add_list_remove_and_export(run: Run, project: Path, database_url: str) -> None:
    added = run("subscribers", "add", "Ann@Example.org", "--name", "Ann Lee", "--confirmed")
    assert added.exit_code == 0, added.output
    assert "added ann@example.org (confirmed)" in added.output
    pending = run("subscribers", "add", "bob@example.org", "--sections", "technical-resources")
    assert pending.exit_code == 0, pending.output
    again = run("subscribers", "add", "ann@example.org")
    assert again.exit_code == 1
    assert "already in the store" in again.output
    # A pending subscriber whose confirmation email went astray could not be confirmed:
    # "already in the store". The maintainer's word now confirms them; once, and only them.
    run("subscribers", "add", "dee@example.org")
    confirmed = run("subscribers", "add", "Dee@example.org", "--confirmed")
    assert (confirmed.exit_code, confirmed.output) == (
        0,
        "confirmed dee@example.org (was pending)\n",
    )
    assert statuses(project, database_url)["dee@example.org"] == "confirmed"
    twice = run("subscribers", "add", "dee@example.org", "--confirmed")
    assert twice.exit_code == 1
    assert "already in the store" in twice.output
    run("subscribers", "remove", "dee@example.org")
    left = run("subscribers", "add", "dee@example.org", "--confirmed")
    assert left.exit_code == 1
    assert statuses(project, database_url)["dee@example.org"] == "unsubscribed"
    run("subscribers", "forget", "dee@example.org")
    bad = run("subscribers", "add", "not-an-address")
    assert bad.exit_code == 1
    assert "is not an email address" in bad.output
    escape = run("subscribers", "add", "esc@example.org", "--name", "Ann\x1b[31m")
    assert escape.exit_code == 1
    assert "--name: the name contains a line break or control character" in escape.output
    unknown = run("subscribers", "add", "cy@example.org", "--sections", "nope")
    assert unknown.exit_code == 1
    assert "unknown section id 'nope'" in unknown.output

    listed = run("subscribers", "list")
    assert listed.exit_code == 0, listed.output
    assert "ann@example.org  confirmed  all  cli " in listed.output
    assert "bob@example.org  pending  technical-resources  cli " in listed.output
    assert "2 subscriber(s): 1 confirmed, 1 pending" in listed.output
    pending_only = run("subscribers", "list", "--status", "pending").output.splitlines()
    assert pending_only[0].startswith("bob@example.org  pending  technical-resources  cli ")
    assert pending_only[1:] == ["1 pending of 2 subscriber(s): 1 confirmed, 1 pending"]

    exported = run("subscribers", "export")
    assert exported.output == "email,name,sections\nann@example.org,Ann Lee,\n"
    everyone = run("subscribers", "export", "--status", "all")
    assert everyone.output.count("\n") == 3

    removed = run("subscribers", "remove", "ann@example.org")
    assert removed.exit_code == 0, removed.output
    assert statuses(project, database_url)["ann@example.org"] == "unsubscribed"
    missing = run("subscribers", "remove", "zed@example.org")
    assert missing.exit_code == 1
    assert "zed@example.org: not in the store" in missing.output


def test_import_keeps_who_left_and_forget_suppresses(
    run: Run, project: Path, database_url: str
) -> None:
    csv_file = project / "subscribers-old.csv"
    csv_file.write_text(
        "email,name,sections\n"
        "ann@example.org,Ann,\n"
        "bob@example.org,Bob,technical-resources\n"
        "cy@example.org,,\n",
        encoding="utf-8",
    )
    first = run("subscribers", "import", str(csv_file), "--confirmed")
    assert first.exit_code == 0, first.output
    assert "imported 3 (confirmed), 0 already in the store, 0 suppressed" in first.output
    assert run("subscribers", "remove", "bob@example.org").exit_code == 0
    forgot = run("subscribers", "forget", "CY@example.org")
    assert forgot.exit_code == 0, forgot.output
    assert "forgot cy@example.org: 1 subscriber record(s)" in forgot.output

    second = run("subscribers", "import", str(csv_file), "--confirmed")
    assert second.exit_code == 0, second.output
    assert "imported 0 (confirmed), 2 already in the store, 1 suppressed" in second.output
    assert "cy@example.org: skipped, forgotten at their request" in second.output
    assert statuses(project, database_url) == {
        "ann@example.org": "confirmed",
        "bob@example.org": "unsubscribed",  # an import never resubscribes someone who left
    }
    with open_store(project / ".publisher", database_url, now="t") as store:
        assert store.is_suppressed("cy@example.org")
        assert not store.is_suppressed("ann@example.org")
        # Only a salted hash is kept: the address itself is nowhere in the store.
        with store.engine.connect() as connection:
            dump = repr(connection.exec_driver_sql("SELECT * FROM suppressions").all())
        assert "cy@example.org" not in dump

    broken = project / "broken.csv"
    broken.write_text("email,name,sections\nnot-an-address,,\n", encoding="utf-8")
    refused = run("subscribers", "import", str(broken))
    assert refused.exit_code == 1
    assert "broken.csv:2: 'not-an-address' is not an email address" in refused.output


def test_a_sent_list_moves_into_the_store_with_a_confirmed_import(
    run: Run, project: Path, database_url: str, server: SmtpServer
) -> None:
    # README: "To move a list to serve, import it (--confirmed) and send without
    # --subscribers". A list `send` has recorded (its readers `listed`) must then be
    # confirmed by the import, or the next send reaches nobody; who left stays left.
    csv_file = project / "subscribers.csv"
    csv_file.write_text(
        "email,name,sections\nann@example.org,Ann,\nbob@example.org,Bob,\ngone@example.org,,\n",
        encoding="utf-8",
    )
    server.mailbox.refuse_permanently = {"gone@example.org"}
    env = {"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_SECRET_KEY": KEY}
    sent = run("send", "--subscribers", str(csv_file), "--yes", env=env)
    assert sent.exit_code == 1, sent.output  # gone@ was refused at RCPT
    assert sorted(server.mailbox.copies()) == ["ann@example.org", "bob@example.org"]
    with open_store(project / ".publisher", database_url, now="t") as store:
        bob = store.subscriber("bob@example.org")
        assert bob is not None
        store.unsubscribe(bob.public_id, reason="one-click", now="t")  # as serve does
    # A list's address refused at RCPT is bounced, as a subscriber's is.
    assert statuses(project, database_url) == {
        "ann@example.org": "listed",
        "bob@example.org": "unsubscribed",
        "gone@example.org": "bounced",
    }
    listed = run("subscribers", "list")
    assert "ann@example.org  listed  all  list " in listed.output
    assert "3 subscriber(s): 1 bounced, 1 listed, 1 unsubscribed" in listed.output
    assert run("subscribers", "export").output == "email,name,sections\n"  # the confirmed
    # Nobody of the list is a subscriber of the store yet: a send without it mails no one.
    assert "0 to send" in run("send", "--dry-run", env=env).output

    imported = run("subscribers", "import", str(csv_file), "--confirmed")
    assert imported.exit_code == 0, imported.output
    assert imported.output == (
        "imported 0 (confirmed), 3 already in the store (1 pending or list recipients "
        "confirmed now), 0 suppressed\n"
    )
    assert statuses(project, database_url) == {
        "ann@example.org": "confirmed",
        "bob@example.org": "unsubscribed",
        "gone@example.org": "bounced",
    }
    assert run("subscribers", "export").output == "email,name,sections\nann@example.org,Ann,\n"
    again = run("send", "--dry-run", env=env)
    assert "0 to send, 1 already sent" in again.output  # the ledger knows ann has it


def test_confirmed_import_confirms_a_pending_subscriber_and_keeps_who_left(
    run: Run, project: Path, database_url: str
) -> None:
    csv_file = project / "subscribers.csv"
    csv_file.write_text(
        "email,name,sections\npen@example.org,Pen,\nleft@example.org,,\n", encoding="utf-8"
    )
    assert "imported 2 (pending)" in run("subscribers", "import", str(csv_file)).output
    assert run("subscribers", "remove", "left@example.org").exit_code == 0
    confirmed = run("subscribers", "import", str(csv_file), "--confirmed")
    assert "(1 pending or list recipients confirmed now)" in confirmed.output
    assert statuses(project, database_url) == {
        "left@example.org": "unsubscribed",
        "pen@example.org": "confirmed",
    }
    with open_store(project / ".publisher", database_url, now="t") as store:
        pen = store.subscriber("pen@example.org")
    assert pen is not None
    # The consent record of the first import stays; the confirmation says where it came from.
    assert (pen.consent_method, pen.status_reason) == (
        "import",
        "confirmed by import of subscribers.csv",
    )


def test_send_goes_to_confirmed_subscribers_only_and_a_5xx_at_rcpt_marks_bounced(
    run: Run, project: Path, database_url: str, server: SmtpServer
) -> None:
    for arguments in (
        ("ann@example.org", "--confirmed"),
        ("bob@example.org", "--confirmed", "--sections", "technical-resources"),
        ("gone@example.org", "--confirmed"),
        ("pending@example.org",),
        ("left@example.org", "--confirmed"),
    ):
        assert run("subscribers", "add", *arguments).exit_code == 0
    assert run("subscribers", "remove", "left@example.org").exit_code == 0
    server.mailbox.refuse_permanently = {"gone@example.org"}
    env = {"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_SECRET_KEY": KEY}

    dry = run("send", "--dry-run", env=env)
    assert dry.exit_code == 0, dry.output
    assert "3 to send" in dry.output
    result = run("send", "--yes", env=env)
    assert result.exit_code == 1  # gone@ was refused
    assert "gone@example.org: refused: 550 5.1.1" in result.output
    assert sorted(server.mailbox.copies()) == ["ann@example.org", "bob@example.org"]
    assert statuses(project, database_url)["gone@example.org"] == "bounced"

    # The unsubscribe link of a stored subscriber is the one `publisher serve` accepts.
    message = next(i.message for i in server.mailbox.received if i.recipient == "ann@example.org")
    header = str(message["List-Unsubscribe"])
    with open_store(project / ".publisher", database_url, now="t") as store:
        ann = store.subscriber("ann@example.org")
    assert ann is not None
    from publisher.delivery.tokens import manage_token

    assert manage_token(KEY.encode(), ann.public_id) in header

    again = run("send", "--yes", env=env)
    assert again.exit_code == 0, again.output  # gone@ is bounced now: not sent to
    assert sorted(server.mailbox.copies()) == ["ann@example.org", "bob@example.org"]

    csv_file = project / "subscribers-list.csv"
    csv_file.write_text("email,name,sections\ncsv@example.org,,\n", encoding="utf-8")
    from_csv = run("send", "--yes", "--subscribers", str(csv_file), env=env)
    assert from_csv.exit_code == 0, from_csv.output
    assert "csv@example.org" in server.mailbox.copies()


DSN = """From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
To: roadmap@example.org
Subject: Undelivered Mail Returned to Sender
Date: Mon, 19 Feb 2024 10:00:00 +0000
Message-ID: <bounce-{number}@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="B{number}"

--B{number}
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net. I'm sorry to have to inform you
that your message could not be delivered to one or more recipients.

--B{number}
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 4Tg3Xk0Q8Zz9
Arrival-Date: Mon, 19 Feb 2024 09:59:58 +0000

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Remote-MTA: dns; mx2.example.net
Diagnostic-Code: smtp; {status_code} {status} <{recipient}>: {text}

--B{number}
Content-Type: text/rfc822-headers

From: The Road Map <roadmap@example.org>
To: {recipient}
Subject: What's new in 2024.02

--B{number}--
"""


def write_bounces(path: Path, kind: str) -> None:
    """An mbox file or a Maildir with three DSNs and one ordinary message."""
    box: mailbox.Mailbox[mailbox.Message] = (
        mailbox.mbox(path) if kind == "mbox" else mailbox.Maildir(path, create=True)
    )
    reports = [
        ("ann@example.org", "failed", "5.1.1", 550, "Recipient address rejected"),
        ("bob@example.org", "delayed", "4.4.1", 451, "Connection timed out"),
        ("stranger@example.org", "failed", "5.1.1", 550, "User unknown"),
    ]
    box.lock()
    try:
        for number, (recipient, action, status, code, text) in enumerate(reports):
            box.add(
                DSN.format(
                    number=number,
                    recipient=recipient,
                    action=action,
                    status=status,
                    status_code=code,
                    text=text,
                ).encode()
            )
        box.add(b"From: someone@example.org\nSubject: hello\n\nNot a bounce.\n")
        box.flush()
    finally:
        box.unlock()
        box.close()


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_bounces_marks_permanent_failures_and_dry_run_changes_nothing(
    run: Run, project: Path, database_url: str, tmp_path: Path, kind: str
) -> None:
    for address in ("ann@example.org", "bob@example.org", "cy@example.org"):
        assert run("subscribers", "add", address, "--confirmed").exit_code == 0
    path = tmp_path / ("bounces.mbox" if kind == "mbox" else "Maildir")
    write_bounces(path, kind)

    dry = run("bounces", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would mark bounced: ann@example.org (5.1.1)" in dry.output
    assert "4 message(s), 3 report(s): 1 would mark bounced" in dry.output
    assert "dry run: nothing changed" in dry.output
    assert set(statuses(project, database_url).values()) == {"confirmed"}

    real = run("-v", "bounces", str(path))
    assert real.exit_code == 0, real.output
    assert "marked bounced: ann@example.org (5.1.1)" in real.output
    assert "not in the store: stranger@example.org" in real.output
    assert "delayed only (left alone): bob@example.org" in real.output
    assert statuses(project, database_url) == {
        "ann@example.org": "bounced",
        "bob@example.org": "confirmed",
        "cy@example.org": "confirmed",
    }
    again = run("bounces", str(path))
    assert "0 marked bounced" in again.output

    missing = run("bounces", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1
    assert "no such mailbox" in missing.output


def test_bounces_reads_one_saved_message_and_refuses_what_is_no_mailbox(
    run: Run, project: Path, database_url: str, tmp_path: Path
) -> None:
    # A bounce saved from a mail client is one message (.eml), not an mbox: it used to be
    # read as an empty mailbox ("0 message(s)"), and so did any file that is no mailbox.
    assert run("subscribers", "add", "ann@example.org", "--confirmed").exit_code == 0
    saved = tmp_path / "undelivered.eml"
    saved.write_text(
        DSN.format(
            number=1,
            recipient="ann@example.org",
            action="failed",
            status="5.1.1",
            status_code=550,
            text="User unknown",
        ),
        encoding="utf-8",
    )
    result = run("bounces", str(saved))
    assert result.exit_code == 0, result.output
    assert "1 message(s), 1 report(s): 1 marked bounced" in result.output
    assert statuses(project, database_url) == {"ann@example.org": "bounced"}

    notes = tmp_path / "notes.txt"
    notes.write_text("bounces to check later\n", encoding="utf-8")
    refused = run("bounces", str(notes))
    assert refused.exit_code == 1
    assert refused.output == (
        f"error: {notes}: not a mailbox: an mbox file starts with a 'From ' line, a Maildir "
        "is a folder with cur/ and new/, and one message (.eml) starts with its header fields\n"
    )


def feedback_report(
    original: EmailMessage | str, *, feedback_type: str = "abuse", rcpt_to: str = ""
) -> bytes:
    """An ARF feedback report (RFC 5965) as a mailbox provider sends it, built with the email
    package: a human-readable part, the machine-readable message/feedback-report part, then
    the reported message (whole, message/rfc822) or only its header (text/rfc822-headers)."""
    fields = Message()
    fields["Feedback-Type"] = feedback_type
    fields["User-Agent"] = "Mailbox-Feedback/2.0"
    fields["Version"] = "1"
    if rcpt_to:
        fields["Original-Rcpt-To"] = rcpt_to
    report = MIMEMultipart("report", report_type="feedback-report")
    report["From"] = "feedback@mail.example.net"
    report["To"] = "roadmap@example.org"
    report["Subject"] = "Email Feedback Report"
    report.attach(MIMEText("This is an email abuse report for an email message received.\n"))
    report.attach(MIMEMessage(fields, "feedback-report"))
    if isinstance(original, str):
        report.attach(MIMEText(original, "rfc822-headers"))
    else:
        report.attach(MIMEMessage(original))
    return report.as_bytes()


def test_bounces_marks_who_complained_from_spam_reports_and_no_send_mails_them(
    run: Run, project: Path, database_url: str, server: SmtpServer, tmp_path: Path
) -> None:
    for address in ("ann@example.org", "bob@example.org", "cy@example.org"):
        assert run("subscribers", "add", address, "--confirmed").exit_code == 0
    env = {"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_SECRET_KEY": KEY}
    assert run("send", "--yes", env=env).exit_code == 0
    csv_file = project / "subscribers-list.csv"
    csv_file.write_text("email,name,sections\nreader@example.org,,\n", encoding="utf-8")
    sent = run("send", "--yes", "--subscribers", str(csv_file), env=env)
    assert sent.exit_code == 0, sent.output
    received = {item.recipient: item.message for item in server.mailbox.received}

    # Ann's provider redacts her address but keeps the reported email's List-Unsubscribe:
    # her record is found by its token. The list's reader is named by the header only.
    to_ann = received["ann@example.org"]
    to_ann.replace_header("To", "redacted@example.net")
    reader_header = "".join(
        f"{name}: {value}\n" for name, value in received["reader@example.org"].items()
    )
    box = mailbox.mbox(tmp_path / "feedback.mbox")
    for message in (
        feedback_report(to_ann),
        feedback_report(reader_header),
        feedback_report(received["bob@example.org"], feedback_type="not-spam"),
        feedback_report("To: stranger@example.org\n", rcpt_to="stranger@example.org"),
    ):
        box.add(message)
    box.flush()
    box.close()
    path = str(tmp_path / "feedback.mbox")

    dry = run("bounces", path, "--dry-run", env=env)
    assert dry.exit_code == 0, dry.output
    assert "would mark complained: ann@example.org (spam complaint" in dry.output
    assert "would mark complained: reader@example.org" in dry.output
    assert (
        "4 message(s), 0 report(s): 0 would mark bounced, 0 permanent failure(s) not in the "
        "store or already off the list, 0 temporary; 3 spam complaint(s): 2 would mark "
        "complained (was confirmed 1, listed 1), 1 about no one in the store (dry run: "
        "nothing changed)"
    ) in dry.output
    assert "complained" not in statuses(project, database_url).values()

    real = run("-v", "bounces", path, env=env)
    assert real.exit_code == 0, real.output
    assert "marked complained: ann@example.org" in real.output
    assert "complaint about someone not in the store: stranger@example.org" in real.output
    assert "feedback report 'not-spam' (left alone): bob@example.org" in real.output
    assert statuses(project, database_url) == {
        "ann@example.org": "complained",
        "bob@example.org": "confirmed",
        "cy@example.org": "confirmed",
        "reader@example.org": "complained",
    }
    again = run("-v", "bounces", path, env=env)
    assert (
        "3 spam complaint(s): 0 marked complained, 2 already complained, 1 about no one in "
        "the store\n"
    ) in again.output
    assert "complaint, already complained: ann@example.org" in again.output

    # Without the secret key the token of Ann's email cannot be read, nor her address.
    with open_store(project / ".publisher", database_url, now="t") as store:
        store.set_status(["ann@example.org"], "confirmed", reason="test", now="t")
    keyless = run("-v", "bounces", path, "--dry-run")
    assert keyless.exit_code == 0, keyless.output
    assert "0 would mark complained" in keyless.output
    assert (
        "not in the store: redacted@example.net (set PUBLISHER_SECRET_KEY to read its "
        "unsubscribe token)" in keyless.output
    )
    with open_store(project / ".publisher", database_url, now="t") as store:
        store.set_status(["ann@example.org"], "complained", reason="test", now="t")

    # No later send mails them: the list's send skips its reader, and the store's send
    # counts only Bob and Cy (three were sent this release).
    listed = run("send", "--dry-run", "--subscribers", str(csv_file), env=env)
    assert "would skip 1 address(es) that complained (1)" in listed.output
    assert "0 to send, 2 already sent" in run("send", "--dry-run", env=env).output


def test_a_spam_complaint_marks_everyone_it_names_whatever_their_status(
    run: Run, project: Path, database_url: str, server: SmtpServer, tmp_path: Path
) -> None:
    # A complaint means never mail again: a pending subscriber (a new form would mail them),
    # a list's reader, someone who unsubscribed or bounced before the report arrived are
    # marked complained like a confirmed subscriber; who already complained stays so; an
    # address a send wrote to without a record (a list sent before lists were recorded) is
    # recorded complained; an address never written to (a redacted one) is not recorded.
    env = {"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_SECRET_KEY": KEY}
    for address in ("confirmed@example.org", "unsub@example.org", "bounced@example.org"):
        assert run("subscribers", "add", address, "--confirmed").exit_code == 0
    assert run("subscribers", "add", "pending@example.org").exit_code == 0
    assert run("subscribers", "add", "old@example.org", "--confirmed").exit_code == 0
    assert run("subscribers", "remove", "unsub@example.org").exit_code == 0
    csv_file = project / "list.csv"
    csv_file.write_text("email,name,sections\nlisted@example.org,,\n", encoding="utf-8")
    sent = run("send", "--yes", "--subscribers", str(csv_file), env=env)
    assert sent.exit_code == 0, sent.output
    with open_store(project / ".publisher", database_url, now="t") as store:
        store.set_status(["bounced@example.org"], "bounced", reason="bounce 5.1.1", now="t")
        store.set_status(["old@example.org"], "complained", reason="complaint", now="t")
        # As a list sent before the store recorded lists left it: a ledger row, no record.
        with store.ledger() as ledger:
            ledger.plan("2024.01", ["mailed@example.org"], now="t")
    before = statuses(project, database_url)
    assert before == {
        "bounced@example.org": "bounced",
        "confirmed@example.org": "confirmed",
        "listed@example.org": "listed",
        "old@example.org": "complained",
        "pending@example.org": "pending",
        "unsub@example.org": "unsubscribed",
    }
    box = mailbox.mbox(tmp_path / "feedback.mbox")
    for name in ("confirmed", "pending", "listed", "unsub", "bounced", "old", "mailed", "x"):
        address = f"{name}@example.org"
        box.add(feedback_report(f"To: {address}\n", rcpt_to=address))
    box.flush()
    box.close()
    path = str(tmp_path / "feedback.mbox")

    dry = run("bounces", path, "--dry-run", env=env)
    assert dry.exit_code == 0, dry.output
    assert (
        "would mark complained: unsub@example.org (spam complaint, Mailbox-Feedback/2.0; "
        "was unsubscribed)\n"
    ) in dry.output
    assert (
        "would record complained: mailed@example.org (spam complaint; mailed by an earlier "
        "send but not in the store)\n"
    ) in dry.output
    assert (
        "8 spam complaint(s): 5 would mark complained (was bounced 1, confirmed 1, listed 1, "
        "pending 1, unsubscribed 1), 1 would record complained (mailed, not in the store), "
        "1 already complained, 1 about no one in the store (dry run: nothing changed)\n"
    ) in dry.output
    assert statuses(project, database_url) == before

    real = run("bounces", path, env=env)
    assert real.exit_code == 0, real.output
    after = statuses(project, database_url)
    assert after == dict.fromkeys([*before, "mailed@example.org"], "complained")
    again = run("bounces", path, env=env)
    assert (
        "8 spam complaint(s): 0 marked complained, 7 already complained, 1 about no one in "
        "the store\n"
    ) in again.output
    # No later send mails them, from the store or from a list naming them.
    csv_file.write_text(
        "email,name,sections\nlisted@example.org,,\nmailed@example.org,,\npending@example.org,,\n",
        encoding="utf-8",
    )
    listed = run("send", "--dry-run", "--subscribers", str(csv_file), env=env)
    assert "would skip 3 address(es) that complained (3)" in listed.output
    assert "0 to send" in run("send", "--dry-run", env=env).output


def test_store_copy_moves_everything_to_postgresql_and_links_keep_working(
    project: Path, postgres_cluster: Any, server: SmtpServer, tmp_path: Path
) -> None:
    # Moving from the SQLite default to PostgreSQL (for the workflow, or several senders)
    # had no way but export and import, which keeps only addresses: who unsubscribed,
    # bounced, complained or was forgotten came back as confirmed, and every link of every
    # email sent before named a public id the new store did not have.
    def sqlite_run(*arguments: str, env: dict[str, str] | None = None) -> Result:
        environment = {"PUBLISHER_SECRET_KEY": KEY, "PUBLISHER_SMTP_URL": server.url()}
        return CliRunner().invoke(
            main, ["--project", str(project), *arguments], env={**environment, **(env or {})}
        )

    none_yet = sqlite_run("store", "copy", "postgresql://nobody@127.0.0.1:1/none")
    assert (none_yet.exit_code, none_yet.output) == (
        1,
        "error: there is no store to copy yet (nothing was subscribed or sent)\n",
    )
    for address in ("ann@example.org", "bob@example.org", "cy@example.org"):
        assert sqlite_run("subscribers", "add", address, "--confirmed").exit_code == 0
    assert sqlite_run("subscribers", "add", "pending@example.org").exit_code == 0
    assert sqlite_run("send", "--yes").exit_code == 0  # 2024.02 to ann, bob, cy
    assert sqlite_run("subscribers", "remove", "bob@example.org").exit_code == 0
    assert sqlite_run("subscribers", "forget", "cy@example.org").exit_code == 0
    with open_store(project / ".publisher", "", now="t") as store, store.ledger() as ledger:
        before = {person.address: person for person in store.subscribers()}
        ledger_before = sorted((row.release, row.address, row.state) for row in ledger.rows())
    target = postgres_cluster.create_database()

    copied = sqlite_run("store", "copy", target)
    assert copied.exit_code == 0, copied.output
    assert copied.output.startswith(
        "copied 3 subscriber(s), 1 suppression(s), 2 delivery row(s) and 0 send plan(s) from "
        f"{project / '.publisher' / 'publisher.sqlite'} to postgresql+psycopg://"
    )
    assert copied.output.endswith(": set PUBLISHER_DATABASE_URL to it wherever publisher runs\n")
    with open_store(project / ".publisher", target, now="t") as store, store.ledger() as ledger:
        after = {person.address: person for person in store.subscribers()}
        ledger_after = sorted((row.release, row.address, row.state) for row in ledger.rows())
        assert store.is_suppressed("cy@example.org")
    assert after == before  # statuses, consent records, public ids: the links keep working
    assert ledger_after == ledger_before
    on_postgres = {"PUBLISHER_DATABASE_URL": target}
    # The old store is a backup now: a shell without the variable used it as if nothing had
    # moved (a send would mail who unsubscribed on the copy since); now it stops and says.
    stale = sqlite_run("send", "--dry-run")
    sqlite_file = project / ".publisher" / "publisher.sqlite"
    assert stale.exit_code == 1
    assert stale.output.startswith(
        f"error: {sqlite_file}: this store was copied to postgresql+psycopg://"
    )
    assert stale.output.endswith(
        "by 'publisher store copy', and is a backup since: set PUBLISHER_DATABASE_URL to that "
        f"database (or move {sqlite_file} away to start a new store here)\n"
    )
    assert "Traceback" not in stale.output
    # The forgotten address stays out of imports; the release is not sent again.
    csv = tmp_path / "old.csv"
    csv.write_text("email,name,sections\ncy@example.org,,\n", encoding="utf-8")
    imported = sqlite_run("subscribers", "import", str(csv), env=on_postgres)
    assert "0 already in the store, 1 suppressed" in imported.output
    dry = sqlite_run("send", "--dry-run", env=on_postgres)
    assert "0 to send, 1 already sent" in dry.output
    # A second copy into the same store would mix two stores up: refused, nothing written.
    again = sqlite_run("store", "copy", target)
    assert again.exit_code == 1
    assert "is not empty (it holds subscribers, suppressions, deliveries)" in again.output
    not_a_url = sqlite_run("store", "copy", "backup.sqlite")
    assert (not_a_url.exit_code, not_a_url.output) == (
        1,
        "error: DATABASE_URL: not a database URL (expected postgresql://user@host/db)\n",
    )
    itself = sqlite_run("store", "copy", target, env=on_postgres)
    assert itself.exit_code == 1
    assert "is the project's store itself" in itself.output


def dsn(number: int, recipient: str) -> bytes:
    """A permanent failure's DSN (RFC 3464) for ``recipient``, as Postfix writes it."""
    text = DSN.format(
        number=number,
        recipient=recipient,
        action="failed",
        status="5.1.1",
        status_code=550,
        text="User unknown",
    )
    return text.encode()


def write_mbox(path: Path, messages: list[bytes]) -> str:
    box = mailbox.mbox(path)
    for message in messages:
        box.add(message)
    box.flush()
    box.close()
    return str(path)


def plan_in_file(ledger_file: Path, release: str, *addresses: str) -> None:
    """Ledger rows in a `send --ledger` file for addresses the store has no record of, as a
    list sent before lists were recorded left them."""
    with (
        open_store(ledger_file.parent, "", path=ledger_file, now="t") as file_store,
        file_store.ledger() as ledger,
    ):
        ledger.plan(release, addresses, now="t")


def test_bounces_find_who_a_ledger_file_of_send_mailed(
    run: Run, project: Path, database_url: str, server: SmtpServer, tmp_path: Path
) -> None:
    # `send --ledger FILE` keeps its deliveries in that file; bounces read only the store's
    # ledger, so a bounce or complaint for an address mailed from there without a record (a
    # list sent before lists were recorded) was "about no one in the store", and the next
    # send of that list mailed them again.
    env = {"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_SECRET_KEY": KEY}
    ledger_file = tmp_path / "weekly-ledger.sqlite"
    csv_file = project / "subscribers-weekly.csv"
    csv_file.write_text("email,name,sections\nreader@example.org,,\n", encoding="utf-8")
    sent = run(
        "send", "--yes", "--subscribers", str(csv_file), "--ledger", str(ledger_file), env=env
    )
    assert sent.exit_code == 0, sent.output
    assert server.mailbox.copies() == {"reader@example.org": 1}
    # As a list sent by an earlier version left its file: rows, no records in the store.
    plan_in_file(ledger_file, "2024.01", "old-dsn@example.org", "old-arf@example.org")
    # Another ledger file, written before send remembered its files: read when named.
    older_file = tmp_path / "older-ledger.sqlite"
    plan_in_file(older_file, "2023.12", "older@example.org")
    reader_email = server.mailbox.received[0].message
    path = write_mbox(
        tmp_path / "bounces.mbox",
        [
            dsn(1, "old-dsn@example.org"),
            dsn(2, "reader@example.org"),
            dsn(3, "older@example.org"),
            dsn(4, "stranger@example.org"),
            feedback_report("To: old-arf@example.org\n", rcpt_to="old-arf@example.org"),
            feedback_report(reader_email, feedback_type="not-spam"),
        ],
    )

    dry = run("bounces", path, "--dry-run", env=env)
    assert dry.exit_code == 0, dry.output
    assert (
        "would record bounced: old-dsn@example.org (5.1.1; mailed by an earlier send but not "
        "in the store)\n"
    ) in dry.output
    assert (
        "6 message(s), 4 report(s): 1 would mark bounced, 1 would record bounced (mailed, "
        "not in the store), 2 permanent failure(s) not in the store or already off the list, "
        "0 temporary; 1 spam complaint(s): 0 would mark complained, 1 would record "
        "complained (mailed, not in the store) (dry run: nothing changed)\n"
    ) in dry.output
    assert statuses(project, database_url) == {"reader@example.org": "listed"}

    real = run("bounces", path, "--ledger", str(older_file), env=env)
    assert real.exit_code == 0, real.output
    assert "recorded bounced: older@example.org" in real.output
    assert statuses(project, database_url) == {
        "old-arf@example.org": "complained",
        "old-dsn@example.org": "bounced",
        "older@example.org": "bounced",
        "reader@example.org": "bounced",
    }
    again = run("bounces", path, env=env)
    assert "0 marked bounced, 4 permanent failure(s) not in the store or already off" in (
        again.output
    )
    # The list's next send mails none of them.
    csv_file.write_text(
        "email,name,sections\nreader@example.org,,\nold-dsn@example.org,,\n"
        "old-arf@example.org,,\nolder@example.org,,\nnew@example.org,,\n",
        encoding="utf-8",
    )
    listed = run(
        "send", "--dry-run", "--subscribers", str(csv_file), "--ledger", str(ledger_file), env=env
    )
    assert "would skip 4 address(es) that bounced (3), complained (1)" in listed.output
    assert "1 to send" in listed.output

    missing = run("bounces", path, "--ledger", str(tmp_path / "nowhere.sqlite"), env=env)
    assert (missing.exit_code, missing.output) == (
        1,
        f"error: {tmp_path / 'nowhere.sqlite'}: no such ledger file\n",
    )
    ledger_file.unlink()
    gone = run("bounces", path, "--dry-run", env=env)
    assert gone.exit_code == 0, gone.output
    assert f"warning: {ledger_file}: the ledger file send used is gone; not read" in gone.output


def test_bounces_without_a_store_says_where_it_looked(project: Path, tmp_path: Path) -> None:
    # It used to make an empty store and call every address unknown: the sends had gone to
    # the workflow's PostgreSQL, and PUBLISHER_DATABASE_URL was not set here.
    path = write_mbox(tmp_path / "bounces.mbox", [dsn(1, "ann@example.org")])
    result = CliRunner().invoke(main, ["--project", str(project), "bounces", path], env={})
    assert (result.exit_code, result.output) == (
        1,
        f"error: {project / '.publisher' / 'publisher.sqlite'}: there is no store here yet "
        "(nothing was subscribed or sent from this machine); if send ran against PostgreSQL, "
        "set PUBLISHER_DATABASE_URL to that database as send had it\n",
    )
    assert not (project / ".publisher" / "publisher.sqlite").exists()


def test_bounces_refuses_a_ledger_file_that_is_none_and_leaves_it_unchanged(
    project: Path, tmp_path: Path
) -> None:
    # Review of 78b242d: `bounces --ledger FILE` opened FILE as a store, so another program's
    # SQLite database (or an empty file) given by mistake had the store's tables migrated into
    # it, in a dry run too, and was then read as a ledger of no one: exit 0.
    path = write_mbox(tmp_path / "bounces.mbox", [dsn(1, "ann@example.org")])
    added = CliRunner().invoke(
        main, ["--project", str(project), "subscribers", "add", "bob@example.org"], env={}
    )
    assert added.exit_code == 0, added.output
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for wrong in (other, empty):
        before = wrong.read_bytes()
        for dry_run in ((), ("--dry-run",)):
            result = CliRunner().invoke(
                main,
                ["--project", str(project), "bounces", path, *dry_run, "--ledger", str(wrong)],
                env={},
            )
            assert (result.exit_code, result.output) == (
                1,
                f"error: {wrong}: not a ledger file of 'send --ledger' (a SQLite file with a "
                "deliveries table); nothing was read or changed\n",
            )
            assert wrong.read_bytes() == before


def test_a_database_password_given_in_the_url_query_is_never_printed(
    project: Path,
) -> None:
    # A libpq URL may carry its password as a query parameter (`?password=…`; also
    # `sslpassword`): the messages printed the URL with it in clear, where the password
    # after the user name was shown as ***. A free port on 127.0.0.1 refuses the connection.
    port = free_port()
    url = f"postgresql://news@127.0.0.1:{port}/news?password=s3cret-pw&sslpassword=s3cret-key"
    shown = f"postgresql+psycopg://news@127.0.0.1:{port}/news?password=***&sslpassword=***"
    added = CliRunner().invoke(
        main, ["--project", str(project), "subscribers", "add", "bob@example.org"], env={}
    )
    assert added.exit_code == 0, added.output
    copied = CliRunner().invoke(main, ["--project", str(project), "store", "copy", url], env={})
    listed = CliRunner().invoke(
        main,
        ["--project", str(project), "subscribers", "list"],
        env={"PUBLISHER_DATABASE_URL": url},
    )
    for result in (copied, listed):
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"error: {shown}: cannot connect to the store"), (
            result.output
        )
        assert "s3cret" not in result.output
        assert "Traceback" not in result.output


def test_store_copy_names_the_ledger_files_that_stay_and_bounces_still_read_them(
    project: Path, postgres_cluster: Any, server: SmtpServer, tmp_path: Path
) -> None:
    # A ledger file of `send --ledger` is one newsletter's ledger: merged into the new
    # store's, that newsletter's sends would skip the store's own readers (same release,
    # same address). It stays a file; the copy said nothing of it before.
    base = {"PUBLISHER_SECRET_KEY": KEY, "PUBLISHER_SMTP_URL": server.url()}

    def invoke(*arguments: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(
            main, ["--project", str(project), *arguments], env={**base, **(env or {})}
        )

    ledger_file = tmp_path / "weekly-ledger.sqlite"
    csv_file = project / "subscribers-weekly.csv"
    csv_file.write_text(
        "email,name,sections\nreader@example.org,,\nother@example.org,,\n", encoding="utf-8"
    )
    sent = invoke("send", "--yes", "--subscribers", str(csv_file), "--ledger", str(ledger_file))
    assert sent.exit_code == 0, sent.output
    plan_in_file(ledger_file, "2024.01", "old@example.org")  # as an earlier version left it
    target = postgres_cluster.create_database()

    copied = invoke("store", "copy", target)
    assert copied.exit_code == 0, copied.output
    lines = copied.output.splitlines()
    assert lines[0].startswith("copied 2 subscriber(s), 0 suppression(s), 0 delivery row(s)")
    assert lines[1:] == [
        f"not copied: {ledger_file.resolve()}, a ledger file of 'send --ledger' (3 delivery "
        "row(s)): it stays where it is; keep giving 'send --ledger' that file (the new store "
        "remembers it for 'bounces')"
    ]
    on_postgres = {"PUBLISHER_DATABASE_URL": target}
    # On PostgreSQL now: the list's readers moved, the file still says who got 2024.02.
    again = invoke(
        "send",
        "--dry-run",
        "--subscribers",
        str(csv_file),
        "--ledger",
        str(ledger_file),
        env=on_postgres,
    )
    assert "0 to send, 2 already sent" in again.output
    path = write_mbox(
        tmp_path / "bounces.mbox",
        [
            dsn(1, "other@example.org"),
            feedback_report("To: old@example.org\n", rcpt_to="old@example.org"),
        ],
    )
    bounced = invoke("bounces", path, env=on_postgres)
    assert bounced.exit_code == 0, bounced.output
    assert statuses(project, target) == {
        "old@example.org": "complained",
        "other@example.org": "bounced",
        "reader@example.org": "listed",
    }


def test_send_asks_only_when_someone_is_left_and_never_fails_on_no_one(
    run: Run, project: Path, database_url: str, server: SmtpServer
) -> None:
    # On PostgreSQL, `send` without --yes on a store whose subscribers had all left asked
    # about the first subject of none: an IndexError traceback.
    env = {"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_SECRET_KEY": KEY}
    assert run("subscribers", "add", "ann@example.org", "--confirmed").exit_code == 0
    assert run("subscribers", "remove", "ann@example.org").exit_code == 0
    nobody = CliRunner().invoke(
        main,
        ["--project", str(project), "send"],
        env={"PUBLISHER_DATABASE_URL": database_url, **env},
        input="",
    )
    assert nobody.exit_code == 0, nobody.output
    assert "Traceback" not in nobody.output
    assert "Send “" not in nobody.output  # nothing to ask about
    assert server.mailbox.received == []

    assert run("subscribers", "add", "bob@example.org", "--confirmed").exit_code == 0
    asked = CliRunner().invoke(
        main,
        ["--project", str(project), "send"],
        env={"PUBLISHER_DATABASE_URL": database_url, **env},
        input="y\n",
    )
    assert asked.exit_code == 0, asked.output
    assert "to 1 subscriber(s)" in asked.output or "to the 1 of 1 subscriber(s)" in asked.output
    assert server.mailbox.copies() == {"bob@example.org": 1}
    if database_url:
        # A list's send of the same release joins the plan; its count was of every row sent
        # ("1 subscribers, 1 already sent": Bob, who is not on the list).
        csv_file = project / "subscribers-list.csv"
        csv_file.write_text("email,name,sections\ncy@example.org,,\n", encoding="utf-8")
        listed = run("send", "--yes", "--subscribers", str(csv_file), env=env)
        assert listed.exit_code == 0, listed.output
        assert "already planned, joining (1 subscriber(s), 0 of them already sent)" in (
            listed.output
        )


def _sent_to_ann_and_bob_with_a_ledger_file(
    run: Run, project: Path, server: SmtpServer, tmp_path: Path
) -> Path:
    """`send --subscribers` a list of Ann and Bob with `--ledger FILE`; returns FILE."""
    env = {"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_SECRET_KEY": KEY}
    ledger_file = tmp_path / "weekly-ledger.sqlite"
    csv_file = project / "subscribers-weekly.csv"
    csv_file.write_text("email,name,sections\nann@example.org,,\nbob@example.org,,\n", "utf-8")
    sent = run(
        "send", "--yes", "--subscribers", str(csv_file), "--ledger", str(ledger_file), env=env
    )
    assert sent.exit_code == 0, sent.output
    return ledger_file


def test_forget_erases_the_deliveries_a_ledger_file_of_send_holds(
    run: Run, project: Path, database_url: str, server: SmtpServer, tmp_path: Path
) -> None:
    # The delivery rows of `send --ledger FILE` are in that file: forget deleted the store's
    # only, and the person's address stayed in the file, row after row.
    ledger_file = _sent_to_ann_and_bob_with_a_ledger_file(run, project, server, tmp_path)
    forgot = run("subscribers", "forget", "Ann@example.org")
    assert (forgot.exit_code, forgot.output) == (
        0,
        "forgot ann@example.org: 1 subscriber record(s), 1 delivery row(s) deleted (1 of them "
        "in ledger files of 'send --ledger'); suppressed from future imports\n",
    )
    with (
        open_store(project / ".publisher", "", path=ledger_file, now="t") as file_store,
        file_store.ledger() as ledger,
    ):
        assert [row.address for row in ledger.rows()] == ["bob@example.org"]
    assert statuses(project, database_url) == {"bob@example.org": "listed"}


@pytest.mark.parametrize("replacement", ["sqlite", "text"])
def test_forget_stops_before_erasing_when_a_remembered_ledger_file_is_no_longer_one(
    run: Run,
    project: Path,
    database_url: str,
    server: SmtpServer,
    tmp_path: Path,
    replacement: str,
) -> None:
    # `forget` opened every remembered ledger file as a store, unlike `bounces`: another
    # SQLite file put at that path was migrated into a store (changed), and a file that is no
    # database at all failed only after the store's erasure (half done).
    ledger_file = _sent_to_ann_and_bob_with_a_ledger_file(run, project, server, tmp_path)
    ledger_file.unlink()
    if replacement == "sqlite":
        with sqlite3.connect(ledger_file) as connection:
            connection.execute("CREATE TABLE notes (body TEXT)")
        connection.close()
    else:
        ledger_file.write_text("not a database\n", encoding="utf-8")
    _forget_ann_refused(
        run,
        project,
        database_url,
        ledger_file,
        "the ledger file 'send --ledger' used is no longer a ledger file (a SQLite file with "
        "a deliveries table); nothing was erased: put the ledger back, or move this file "
        "away (a ledger file that is gone is skipped)",
    )


def _forget_ann_refused(
    run: Run, project: Path, database_url: str, ledger_file: Path, message: str
) -> None:
    """`forget ann@example.org` exits 1 with ``message`` about ``ledger_file``, and nothing is
    erased: the file's bytes and the store's subscribers stay as they were."""
    before = ledger_file.read_bytes()
    forgot = run("subscribers", "forget", "ann@example.org")
    assert (forgot.exit_code, forgot.output) == (1, f"error: {ledger_file}: {message}\n")
    assert ledger_file.read_bytes() == before
    assert statuses(project, database_url) == {
        "ann@example.org": "listed",
        "bob@example.org": "listed",
    }


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` made read-only for real: its mode (enough for a user), else for root the
    immutable attribute (chattr +i); skipped where neither holds. Restored after."""
    mode = path.stat().st_mode
    path.chmod(0o444)
    immutable = False
    try:
        if os.access(path, os.W_OK):  # root writes through a file's mode
            immutable = (
                shutil.which("chattr") is not None
                and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
            )
            if not immutable or os.access(path, os.W_OK):
                pytest.skip("cannot make a file read-only here (root, without chattr +i)")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


def test_forget_stops_before_erasing_when_a_remembered_ledger_file_is_read_only(
    run: Run, project: Path, database_url: str, server: SmtpServer, tmp_path: Path
) -> None:
    # The store forgot Ann, then writing the ledger file failed ("attempt to write a readonly
    # database"): exit 1 with the erasure half done, Ann's deliveries left in the file.
    ledger_file = _sent_to_ann_and_bob_with_a_ledger_file(run, project, server, tmp_path)
    with read_only(ledger_file):
        _forget_ann_refused(
            run,
            project,
            database_url,
            ledger_file,
            "the ledger file 'send --ledger' used cannot be written (read-only, or its folder "
            "is); nothing was erased: make it writable and run forget again",
        )
    # Writable again, forget erases both.
    assert run("subscribers", "forget", "ann@example.org").exit_code == 0
    assert statuses(project, database_url) == {"bob@example.org": "listed"}
