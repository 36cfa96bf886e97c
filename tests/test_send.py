"""The sending engine against a real SMTP server (aiosmtpd on 127.0.0.1): clean sends, each
kind of fault, reruns after failures, the ledger's states, and the SMTP URL."""

from __future__ import annotations

import email.policy
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from smtp_server import Mailbox, SmtpServer, free_port

from publisher.delivery import Ledger, LedgerError, SendLock, open_store
from publisher.errors import SendError
from publisher.send import (
    DEADLINE_REPLY,
    Outcome,
    Recipient,
    RetryPolicy,
    SendSummary,
    SmtpConnection,
    SmtpSettings,
    _Dispatcher,
    check_lease,
    deliver,
    lease_margin,
    parse_domain_rates,
    parse_smtp_url,
    plan_send,
    summarize,
    wait_until_planned,
)

RELEASE = "2024.02"
SENDER = "The Road Map <roadmap@example.org>"
# Tiny delays: the retry logic runs for real, the test stays fast.
FAST = RetryPolicy(attempts=4, first_delay=0.001, factor=2.0, max_delay=0.01, connect_attempts=3)


def message_id(address: str) -> str:
    digest = hashlib.sha256(f"{RELEASE}/{address}".encode()).hexdigest()[:20]
    return f"<{RELEASE}.{digest}@roadmap.example.org>"


def compose(address: str, sections: str = "") -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"What's new in {RELEASE}"
    message["From"] = SENDER
    message["To"] = address
    message["Message-ID"] = message_id(address)
    message["X-Sections"] = sections or "all"
    message.set_content(f"Hello {address}\n")
    message.add_alternative(f"<p>Hello {address}</p>", subtype="html")
    return message


def serialize(message: EmailMessage, identifier: str) -> bytes:
    """The message as SMTP carries it, with ``identifier`` as its Message-ID."""
    del message["Message-ID"]
    message["Message-ID"] = identifier
    return message.as_bytes(policy=email.policy.SMTP)


def recipients(count: int, domain: str = "example.net") -> list[Recipient]:
    addresses = [f"reader{number:04d}@{domain}" for number in range(count)]
    return [
        Recipient(
            key=address,
            address=address,
            message_id=message_id(address),
            compose=lambda identifier, a=address: serialize(compose(a), identifier),
        )
        for address in addresses
    ]


@contextmanager
def open_ledger(path: Path) -> Iterator[Ledger]:
    """The ledger of a SQLite store at ``path``."""
    with open_store(path.parent, now="t", path=path) as store, store.ledger() as ledger:
        yield ledger


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    with SmtpServer(box):
        yield box


def settings_for(
    box: Mailbox, *, timeout: float = 5.0, user: str = "", password: str = ""
) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1", port=box.port, timeout=timeout, user=user, password=password
    )


def run(
    box: Mailbox,
    ledger_path: Path,
    people: list[Recipient],
    *,
    policy: RetryPolicy = FAST,
    settings: SmtpSettings | None = None,
    **options: Any,
) -> tuple[list[Outcome], SendSummary]:
    """Plan RELEASE for ``people`` in the ledger at ``ledger_path`` and send it to ``box``
    (``options`` go to `deliver`); return the outcomes and their summary."""
    with open_ledger(ledger_path) as ledger:
        plan = plan_send(ledger, RELEASE, people)
        outcomes = list(
            deliver(
                plan,
                sender=SENDER,
                connection=SmtpConnection(settings or settings_for(box)),
                ledger=ledger,
                policy=policy,
                **options,
            )
        )
    return outcomes, summarize(plan, outcomes)


def ledger_states(path: Path) -> dict[str, str]:
    with open_ledger(path) as ledger:
        return {row.address: row.state for row in ledger.rows(RELEASE)}


def test_clean_send_of_500_arrives_once_each_over_one_connection(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(500)
    _outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people)

    assert mailbox.copies() == {person.address: 1 for person in people}
    assert mailbox.connections == 1
    for item in mailbox.received[::50]:
        message = item.message
        assert message["To"] == item.recipient
        assert message["Message-ID"] == message_id(item.recipient)
        assert message["Subject"] == f"What's new in {RELEASE}"
        assert message.get_content_type() == "multipart/alternative"
    assert summary.sent == 500
    assert summary.ok
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        rows = ledger.rows(RELEASE)
    assert {row.state for row in rows} == {"sent"}
    assert all(row.message_id == message_id(row.address) for row in rows)
    assert all(row.attempts == 1 and row.last_reply.startswith("250") for row in rows)
    assert all(row.sent_at for row in rows)


def test_rerun_sends_nothing_twice(mailbox: Mailbox, tmp_path: Path) -> None:
    people = recipients(20)
    run(mailbox, tmp_path / "ledger.sqlite", people)
    outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people)
    assert outcomes == []
    assert summary.skipped == 20
    assert set(mailbox.copies().values()) == {1}


def test_temporary_refusals_are_retried_with_back_off(mailbox: Mailbox, tmp_path: Path) -> None:
    people = recipients(10)
    mailbox.refuse_temporarily = {people[3].address: 2, people[7].address: 1}
    outcomes, _summary = run(mailbox, tmp_path / "ledger.sqlite", people)

    assert mailbox.copies() == {person.address: 1 for person in people}
    tries = {outcome.address: outcome.tries for outcome in outcomes}
    assert tries[people[3].address] == 3
    assert tries[people[7].address] == 2
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        row = next(row for row in ledger.rows(RELEASE) if row.address == people[3].address)
    assert (row.state, row.attempts) == ("sent", 3)


def test_temporary_refusals_beyond_the_limit_are_deferred_then_finished_by_a_rerun(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(5)
    stubborn = people[2].address
    mailbox.refuse_temporarily = {stubborn: FAST.attempts}
    outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people)

    assert [outcome.address for outcome in summary.deferred] == [stubborn]
    assert summary.deferred[0].reply.startswith("451")
    assert not summary.ok
    assert ledger_states(tmp_path / "ledger.sqlite")[stubborn] == "deferred"
    assert stubborn not in mailbox.copies()

    outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people)
    assert [outcome.address for outcome in outcomes] == [stubborn]
    assert summary.skipped == 4
    assert mailbox.copies() == {person.address: 1 for person in people}


def test_permanent_refusals_are_recorded_not_retried(mailbox: Mailbox, tmp_path: Path) -> None:
    people = recipients(6)
    gone = people[1].address
    mailbox.refuse_permanently = {gone}
    outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people)

    assert mailbox.rcpt_seen.count(gone) == 1
    assert [(o.address, o.reply) for o in summary.failed] == [(gone, "550 5.1.1 No such user here")]
    assert ledger_states(tmp_path / "ledger.sqlite")[gone] == "failed"
    # A rerun does not knock again, but still reports it.
    outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people)
    assert outcomes == []
    assert summary.failed_before == (gone,)
    assert mailbox.rcpt_seen.count(gone) == 1


def test_a_connection_dropped_in_data_is_reopened_and_the_message_resent(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(12)
    mailbox.drop_in_data = {people[4].address: 1, people[9].address: 2}
    _outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people)

    assert mailbox.copies() == {person.address: 1 for person in people}
    assert mailbox.connections == 1 + 3  # one reconnection per drop
    assert summary.ok
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        attempts = {row.address: row.attempts for row in ledger.rows(RELEASE)}
    assert attempts[people[9].address] == 3


def test_a_slow_server_past_the_timeout_is_retried_and_any_copy_has_the_same_id(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(4)
    slow = people[1].address
    mailbox.slow_once = {slow: 1.0}
    settings = settings_for(mailbox, timeout=0.3)
    outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people, settings=settings)

    assert summary.ok
    assert next(o for o in outcomes if o.address == slow).tries == 2
    # The server may have kept the copy it was slow to accept: the only possible duplicate,
    # and it carries the same Message-ID.
    copies = [item for item in mailbox.received if item.recipient == slow]
    assert 1 <= len(copies) <= 2
    assert {item.message["Message-ID"] for item in copies} == {message_id(slow)}
    assert all(mailbox.copies()[p.address] == 1 for p in people if p.address != slow)


def test_an_unreachable_server_stops_the_run_and_a_rerun_finishes(tmp_path: Path) -> None:
    port = free_port()
    people = recipients(5)
    unreachable = SmtpSettings(host="127.0.0.1", port=port, timeout=1.0)
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        plan = plan_send(ledger, RELEASE, people)
        with pytest.raises(SendError, match=r"cannot connect to 127\.0\.0\.1.*run send again"):
            list(
                deliver(
                    plan,
                    sender=SENDER,
                    connection=SmtpConnection(unreachable),
                    ledger=ledger,
                    policy=FAST,
                )
            )
    assert set(ledger_states(tmp_path / "ledger.sqlite").values()) == {"pending"}

    box = Mailbox()
    with SmtpServer(box, port=port):
        _outcomes, _summary = run(box, tmp_path / "ledger.sqlite", people)
    assert box.copies() == {person.address: 1 for person in people}


def test_a_full_disk_stops_the_run_and_a_rerun_finishes_with_at_most_one_duplicate(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(300)
    path = tmp_path / "ledger.sqlite"
    with open_ledger(path) as ledger:
        plan = plan_send(ledger, RELEASE, people)
        ledger.plan(RELEASE, (person.key for person in people), now="t")
        # SQLite's own "database or disk is full" (SQLITE_FULL): the file may not grow.
        pages = ledger.connection.exec_driver_sql("PRAGMA page_count").scalar()
        ledger.connection.exec_driver_sql(f"PRAGMA max_page_count={pages}")
        ledger.connection.commit()
        with pytest.raises(LedgerError, match="full"):
            list(
                deliver(
                    plan,
                    sender=SENDER,
                    connection=SmtpConnection(settings_for(mailbox)),
                    ledger=ledger,
                    policy=FAST,
                )
            )
    first_run = mailbox.copies()
    assert 0 < len(first_run) < len(people)

    run(mailbox, path, people)
    copies = mailbox.copies()
    assert set(copies) == {person.address for person in people}
    duplicates = [address for address, count in copies.items() if count > 1]
    assert len(duplicates) <= 1
    for address in duplicates:
        ids = {item.message["Message-ID"] for item in mailbox.received if item.recipient == address}
        assert ids == {message_id(address)}


def test_a_row_left_sending_is_resent_with_its_recorded_message_id(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(3)
    path = tmp_path / "ledger.sqlite"
    with open_ledger(path) as ledger:
        ledger.plan(RELEASE, [people[0].key], now="t")
        ledger.mark_sending(RELEASE, people[0].key, message_id="<in-flight@example.org>", now="t")
    run(mailbox, path, people)
    resent = next(item for item in mailbox.received if item.recipient == people[0].address)
    assert resent.message["Message-ID"] == "<in-flight@example.org>"
    with open_ledger(path) as ledger:
        row = next(row for row in ledger.rows(RELEASE) if row.address == people[0].key)
    assert (row.state, row.attempts) == ("sent", 2)


class FakeClock:
    """A clock that advances only when the engine sleeps: the pauses are the measure."""

    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def test_rate_limit_spaces_messages(mailbox: Mailbox, tmp_path: Path) -> None:
    clock = FakeClock()
    run(
        mailbox, tmp_path / "ledger.sqlite", recipients(5), rate=4.0, clock=clock, sleep=clock.sleep
    )
    assert clock.pauses == [0.25] * 4
    assert len(mailbox.received) == 5


def test_login_and_a_wrong_password_never_shows_the_password(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    secret = "s3cr3t-Pa55word"
    mailbox.login = ("mailer", secret)
    good = settings_for(mailbox, user="mailer", password=secret)
    assert secret not in repr(good)
    _outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", recipients(3), settings=good)
    assert summary.sent == 3
    assert secret.encode() not in (tmp_path / "ledger.sqlite").read_bytes()

    wrong = settings_for(mailbox, user="mailer", password="not-" + secret)
    with pytest.raises(SendError) as raised:
        run(mailbox, tmp_path / "other.sqlite", recipients(3), settings=wrong)
    assert "refused the login of 'mailer'" in str(raised.value)
    assert secret not in str(raised.value)
    assert "not-" not in str(raised.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://me@mail.example.org:587?starttls=1",
            ("mail.example.org", 587, "me", False, True, 30.0),
        ),
        (
            "smtps://me%40corp@mail.example.org",
            ("mail.example.org", 465, "me@corp", True, False, 30.0),
        ),
        ("smtp://localhost", ("localhost", 25, "", False, False, 30.0)),
        ("smtp://localhost:2525?timeout=2.5", ("localhost", 2525, "", False, False, 2.5)),
    ],
)
def test_smtp_url(url: str, expected: tuple[object, ...]) -> None:
    settings = parse_smtp_url(url, password="hunter2")
    assert (
        settings.host,
        settings.port,
        settings.user,
        settings.implicit_tls,
        settings.starttls,
        settings.timeout,
    ) == expected
    assert "hunter2" not in repr(settings)
    assert "hunter2" not in settings.describe()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "is not set"),
        ("http://mail.example.org", "smtp or smtps"),
        ("smtp://me:hunter2@mail.example.org", "must not hold a password"),
        ("smtp://mail.example.org?tls=1", "unknown option 'tls'"),
        ("smtps://mail.example.org?starttls=1", "already uses TLS"),
        ("smtp://mail.example.org:99999", "not a valid URL"),
        ("smtp://mail.example.org?timeout=0", "timeout must be a number of seconds"),
        ("smtp://mail.example.org?timeout=soon", "timeout must be a number of seconds"),
        ("smtp://mail.example.org?timeout=nan", "timeout must be a number of seconds"),
    ],
)
def test_bad_smtp_urls(url: str, message: str) -> None:
    with pytest.raises(SendError, match=message) as raised:
        parse_smtp_url(url)
    assert "hunter2" not in str(raised.value)


def test_the_ledger_is_wal_and_refuses_unknown_states(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with open_ledger(path) as ledger:
        ledger.plan(RELEASE, ["a@example.org"], now="t")
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE deliveries SET state = 'lost'")
    finally:
        connection.close()


# --- fail fast, timeouts, deadline, connections, domain rates (issues 15, 17, 19) ----------


def test_an_unreachable_server_fails_at_once_naming_host_port_and_reason(tmp_path: Path) -> None:
    port = free_port()  # nobody listens: the system refuses the connection
    pauses: list[float] = []
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        plan = plan_send(ledger, RELEASE, recipients(3))
        with pytest.raises(SendError) as raised:
            list(
                deliver(
                    plan,
                    sender=SENDER,
                    connection=SmtpConnection(SmtpSettings(host="127.0.0.1", port=port)),
                    ledger=ledger,
                    connections=3,
                    sleep=pauses.append,
                )
            )
    assert str(raised.value).startswith(f"cannot connect to 127.0.0.1:{port}: Connection refused")
    assert pauses == []  # no retry, no back-off
    assert set(ledger_states(tmp_path / "ledger.sqlite").values()) == {"pending"}


def test_a_silent_server_holds_send_only_until_the_deadline(tmp_path: Path) -> None:
    # The clock counts the sessions the server saw (each timed-out message costs one), so
    # the deadline falls after the third try however slowly the machine runs; only the SMTP
    # timeout itself (0.2 s) is real time. Back-offs are recorded, not slept.
    box = Mailbox(delay=30.0)  # accepts the connection, never answers the data in time
    people = recipients(10)
    pauses: list[float] = []
    with SmtpServer(box), open_ledger(tmp_path / "ledger.sqlite") as ledger:
        plan = plan_send(ledger, RELEASE, people)
        outcomes = list(
            deliver(
                plan,
                sender=SENDER,
                connection=SmtpConnection(settings_for(box, timeout=0.2)),
                ledger=ledger,
                policy=RetryPolicy(attempts=5, first_delay=0.05, connect_attempts=3),
                deadline=3.0,
                clock=lambda: float(box.connections),
                sleep=pauses.append,
            )
        )
    summary = summarize(plan, outcomes)
    assert summary.sent == 0
    # Three sessions, one message tried in each; then the deadline: the three waiting for
    # their retry and the seven never started are all left for the next run.
    assert box.connections == 3
    assert (summary.left, summary.deferred) == (len(people), ())
    assert not summary.ok
    assert set(ledger_states(tmp_path / "ledger.sqlite").values()) == {"deferred"}


def test_the_deadline_leaves_the_rest_deferred_and_a_rerun_finishes(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(30)
    path = tmp_path / "ledger.sqlite"
    # The clock counts the messages the server accepted, so the deadline falls after the
    # fifth whatever the machine's load (a wall-clock deadline once sent none at all).
    _outcomes, summary = run(
        mailbox, path, people, deadline=5.0, clock=lambda: float(len(mailbox.received))
    )
    with open_ledger(path) as ledger:
        rows = {row.address: row for row in ledger.rows(RELEASE)}
    assert (summary.sent, summary.left) == (5, 25)
    sent = {address for address, row in rows.items() if row.state == "sent"}
    assert sent == set(mailbox.copies()) == {person.address for person in people[:5]}
    left = [row for row in rows.values() if row.state != "sent"]
    assert {(row.state, row.last_reply) for row in left} == {("deferred", DEADLINE_REPLY)}

    _outcomes, summary = run(mailbox, path, people)
    assert summary.ok
    assert mailbox.copies() == {person.address: 1 for person in people}


def test_several_connections_share_one_plan_each_message_once(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(60)
    mailbox.delay = 0.02  # every session is busy at once
    mailbox.drop_in_data = {people[10].address: 1, people[40].address: 1}
    _outcomes, summary = run(mailbox, tmp_path / "ledger.sqlite", people, connections=4)
    assert summary.sent == len(people)
    assert mailbox.copies() == {person.address: 1 for person in people}
    assert mailbox.connections == 4 + 2  # each drop reopens its own session
    assert len(mailbox.by_session) >= 4
    assert set(ledger_states(tmp_path / "ledger.sqlite").values()) == {"sent"}


def test_a_domain_at_its_rate_waits_while_other_domains_go(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    slow = recipients(3, domain="slow.example")
    fast = recipients(3, domain="fast.example")
    people = [person for pair in zip(slow, fast, strict=True) for person in pair]
    clock = FakeClock()
    rates = parse_domain_rates(["Slow.Example=2"])
    run(
        mailbox,
        tmp_path / "ledger.sqlite",
        people,
        domain_rates=rates,
        clock=clock,
        sleep=clock.sleep,
    )
    order = [item.recipient for item in mailbox.received]
    assert order == [slow[0].address, *(p.address for p in fast), *(p.address for p in slow[1:])]
    assert clock.pauses == [0.5, 0.5]


def test_the_rate_holds_for_all_connections_together() -> None:
    # Five connections asking at the same instant get slots a quarter second apart.
    dispatcher = _Dispatcher(
        recipients(5), rate=4.0, domain_rates={}, clock=lambda: 10.0, deadline=None
    )
    taken = [dispatcher.take() for _ in range(6)]
    assert [entry[1] for entry in taken[:5] if entry] == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert taken[5] is None


@pytest.mark.parametrize(
    "item", ["gmail.com", "gmail.com=0", "gmail.com=fast", "=3", "me@gmail.com=3"]
)
def test_bad_domain_rates(item: str) -> None:
    with pytest.raises(SendError, match="expected DOMAIN=MESSAGES_PER_SECOND"):
        parse_domain_rates([item])


def test_a_row_taken_by_someone_else_meanwhile_is_never_sent(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    people = recipients(4)
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        plan = plan_send(ledger, RELEASE, people)  # planned before the other run finished
        ledger.plan(RELEASE, [people[1].key, people[2].key], now="t")
        ledger.mark_sent(RELEASE, people[1].key, reply="250 by the other run", now="t")
        ledger.mark_refused(RELEASE, people[2].key, state="failed", reply="550 gone", now="t")
        outcomes = list(
            deliver(
                plan,
                sender=SENDER,
                connection=SmtpConnection(settings_for(mailbox)),
                ledger=ledger,
                policy=FAST,
            )
        )
    assert sorted(outcome.address for outcome in outcomes) == [people[0].address, people[3].address]
    assert set(mailbox.copies()) == {people[0].address, people[3].address}


def test_the_send_lock_admits_one_run_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with SendLock(path, release=RELEASE, now="2026-01-01T00:00:00+00:00"):
        with pytest.raises(LedgerError) as raised:
            SendLock(path, release=RELEASE, now="later")
        assert f"another send is running on this ledger: pid {os.getpid()} on " in str(raised.value)
        assert "release 2024.02, started 2026-01-01T00:00:00+00:00" in str(raised.value)
    with SendLock(path, release=RELEASE, now="later"):  # free again
        pass


def test_lines_starting_with_a_dot_arrive_as_written(mailbox: Mailbox) -> None:
    # DATA ends at a line holding only ".": a line of the message that starts with a dot
    # travels with one more (dot-stuffing) and must come out as it went in.
    data = (
        b"Subject: dots\r\nMessage-ID: <dots@example.org>\r\n\r\n"
        b".\r\n..two\r\n.badge { color: red; }\r\nlast line without its end ."
    )
    connection = SmtpConnection(settings_for(mailbox))
    try:
        assert connection.send("roadmap@example.org", "ann@example.net", data).startswith("250")
    finally:
        connection.close()
    [received] = mailbox.received
    assert received.data == data + b"\r\n"


def test_a_bare_carriage_return_in_a_text_never_reaches_the_wire(mailbox: Mailbox) -> None:
    # _data sends the bytes as they are (smtplib's data() used to normalise line ends): the
    # encoder must leave no bare CR, or the server sees a broken line.
    from publisher.mail import _quoted_printable

    body = _quoted_printable("line one\rstill one?\n.dot\r")
    data = b"Subject: cr\r\nMessage-ID: <cr@example.org>\r\n\r\n" + body
    connection = SmtpConnection(settings_for(mailbox))
    try:
        assert connection.send("roadmap@example.org", "ann@example.net", data).startswith("250")
    finally:
        connection.close()
    [received] = mailbox.received
    assert received.data == data
    assert body == b"line one\r\nstill one?\r\n.dot\r\n"
    assert b"\r" not in received.data.replace(b"\r\n", b"")


def test_a_summary_says_what_is_left_for_a_lone_sender_and_for_a_worker() -> None:
    summary = SendSummary(
        sent=3,
        skipped=0,
        failed=(Outcome(address="a@example.org", state="failed", reply="550 no"),),
        deferred=(Outcome(address="b@example.org", state="deferred", reply="451 later", tries=2),),
        left=4,
    )
    common = [
        "a@example.org: refused: 550 no",
        "b@example.org: refused temporarily 2 times, last: 451 later (run send again later)",
    ]
    alone = [problem.message for problem in summary.problems(60)]
    assert alone == [
        *common,
        "the deadline (60 s) was reached: 4 message(s) not tried, left deferred in the ledger "
        "(run send again to finish)",
    ]
    worker = [problem.message for problem in summary.problems(60, handed_back=True)]
    assert worker == [
        *common,
        "the deadline (60 s) was reached: 4 claimed message(s) handed back for other workers "
        "or the next run",
    ]
    assert summary.worker_counts("host:7") == (
        "host:7: sent 3, failed 1, deferred 1, handed back 4 at the deadline"
    )
    done = replace(summary, left=0)
    assert done.worker_counts("host:7") == "host:7: sent 3, failed 1, deferred 1"


def test_a_lease_must_outlast_a_message_its_record_and_a_timeout_more() -> None:
    # After a renewal a message may take a timeout per step (MAIL, RCPT, DATA, the message,
    # the reply), its record one more; and one to spare.
    smtp = parse_smtp_url("smtp://mail.example.org:25?timeout=20")
    assert lease_margin(smtp) == 120
    with pytest.raises(SendError, match="--lease 139 is too short for the SMTP timeout of 20 s"):
        check_lease(139, smtp)
    check_lease(140, smtp)
    check_lease(300, parse_smtp_url("smtp://mail.example.org:25"))  # the defaults agree


def test_a_worker_waits_for_the_plan_until_its_deadline(tmp_path: Path) -> None:
    clock = FakeClock()
    waits: list[float] = []
    with open_ledger(tmp_path / "ledger.sqlite") as ledger:
        with pytest.raises(SendError, match=f"release {RELEASE} was not planned before"):
            wait_until_planned(
                ledger,
                RELEASE,
                stop_at=3.0,
                on_wait=lambda: waits.append(clock.now),
                clock=clock,
                sleep=clock.sleep,
            )
        assert waits == [0.0]  # said once, however long it waits
        assert clock.pauses == [0.25] * 12
        ledger.plan_release(RELEASE, ["a@example.org"], planned_by="host:1", now="t")
        wait_until_planned(
            ledger, RELEASE, stop_at=None, on_wait=lambda: waits.append(-1.0), sleep=clock.sleep
        )
    assert waits == [0.0]
    assert clock.pauses == [0.25] * 12
