"""Sending at scale (issue 17): a coordinator and `send --worker` processes sharing one
PostgreSQL ledger, against aiosmtpd on loopback; workers killed with SIGKILL at random
moments; every address gets the release exactly once, except the in-flight messages of
killed workers, which arrive at most twice with the same Message-ID."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from postgres import PostgresCluster
from smtp_server import SmtpServer
from test_send import FakeClock

from publisher.cli import main
from publisher.delivery import open_store
from publisher.send import (
    Outcome,
    Recipient,
    SendPlan,
    SmtpConnection,
    SmtpSettings,
    WorkerMode,
    check_lease,
    deliver,
)

KEY = "unsubscribe-key-for-tests-Qm9zLXRoZS1rZXktb2YtdGVzdHMtaXMtbG9uZw"


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as running:
        yield running


@pytest.fixture
def database(postgres_cluster: PostgresCluster) -> str:
    return postgres_cluster.create_database()


def write_subscribers(project: Path, count: int) -> Path:
    path = project / "subscribers.csv"
    path.write_text(
        "email,name,sections\n"
        + "".join(f"reader{n:04d}@example.net,Reader {n},\n" for n in range(count)),
        encoding="utf-8",
    )
    return path


def addresses(count: int) -> set[str]:
    return {f"reader{n:04d}@example.net" for n in range(count)}


def start(
    project: Path, server: SmtpServer, database: str, *arguments: str, timeout: str = "3"
) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PUBLISHER_SMTP_URL": server.url() + f"?timeout={timeout}",
        "PUBLISHER_UNSUBSCRIBE_KEY": KEY,
        "PUBLISHER_DATABASE_URL": database,
    }
    command = [sys.executable, "-m", "publisher", "--project", str(project), "send", "--yes"]
    command += ["--subscribers", str(project / "subscribers.csv"), *arguments]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def finish(process: subprocess.Popen[str], timeout: float = 180) -> tuple[int, str]:
    output, _ = process.communicate(timeout=timeout)
    return process.returncode, output


def states(database: str) -> dict[str, int]:
    engine = sa.create_engine(database.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT state, count(*) FROM deliveries GROUP BY 1"))
            return {state: int(count) for state, count in rows}
    finally:
        engine.dispose()


def test_worker_is_refused_on_sqlite(project: Path, server: SmtpServer) -> None:
    write_subscribers(project, 2)
    result = CliRunner().invoke(
        main,
        ["--project", str(project), "send", "--yes", "--worker", "--subscribers",
         str(project / "subscribers.csv")],
        env={"PUBLISHER_SMTP_URL": server.url(), "PUBLISHER_UNSUBSCRIBE_KEY": KEY},
    )  # fmt: skip
    assert result.exit_code == 1
    assert "error: --worker needs a store that several processes share" in result.output
    assert server.mailbox.received == []


def test_a_coordinator_and_workers_send_each_message_once(
    project: Path, server: SmtpServer, database: str
) -> None:
    count = 150
    write_subscribers(project, count)
    server.mailbox.delay = 0.01
    server.mailbox.refuse_temporarily = {"reader0007@example.net": 2}  # retried by any worker
    workers = [start(project, server, database, "--worker", "--connections", "2") for _ in "ab"]
    coordinator = start(project, server, database, "--connections", "2")
    results = [finish(process) for process in [coordinator, *workers]]
    assert all(code == 0 for code, _ in results), results
    assert "planned" in results[0][1]
    assert server.mailbox.copies() == dict.fromkeys(addresses(count), 1)
    assert states(database) == {"sent": count}

    table = CliRunner().invoke(
        main, ["--project", str(project), "deliveries"], env={"PUBLISHER_DATABASE_URL": database}
    )
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    # One line per sender that sent something, each with its pid.
    senders = {f":{process.pid}" for process in [coordinator, *workers]}
    shown = {sender for sender in senders if any(sender in line for line in lines)}
    assert shown, table.output
    # worker NAME pending sending sent deferred failed RATE
    assert sum(int(line.split()[4]) for line in lines if "  worker " in line) == count
    assert f"all senders: {count} sent" in table.output


def test_two_coordinators_started_at_once_plan_once(
    project: Path, server: SmtpServer, database: str
) -> None:
    count = 60
    write_subscribers(project, count)
    first, second = (start(project, server, database) for _ in range(2))
    results = [finish(first), finish(second)]
    assert [code for code, _ in results] == [0, 0], results
    said = sorted("already planned, joining" in output for _, output in results)
    assert said == [False, True], results
    assert server.mailbox.copies() == dict.fromkeys(addresses(count), 1)
    engine = sa.create_engine(database.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            plans = connection.execute(sa.text("SELECT count(*) FROM send_plans")).scalar_one()
    finally:
        engine.dispose()
    assert plans == 1


def test_killed_workers_lose_nothing_and_duplicate_only_in_flight_messages(
    project: Path, server: SmtpServer, database: str
) -> None:
    count = 240
    write_subscribers(project, count)
    server.mailbox.delay = 0.03
    chance = random.Random()  # random moments; the seed is printed when the test fails
    seed = chance.randrange(1 << 30)
    chance.seed(seed)
    # The shortest lease the checks allow with this timeout (seven of them): a killed
    # worker's rows come back soon.
    lease = ("--lease", "10.5")
    coordinator = start(project, server, database, "--connections", "2", *lease, timeout="1.5")
    workers = [
        start(project, server, database, "--worker", "--connections", "3", *lease, timeout="1.5")
        for _ in range(3)
    ]
    killed: list[subprocess.Popen[str]] = []
    deadline = time.monotonic() + 120
    for _kill in range(2):  # a bounded number of kills, at random moments
        target = len(server.mailbox.received) + chance.randrange(20, 70)
        while len(server.mailbox.received) < min(target, count - 20):
            assert time.monotonic() < deadline, f"too slow (seed {seed})"
            time.sleep(0.01)
        victim = chance.choice([worker for worker in workers if worker not in killed])
        victim.send_signal(signal.SIGKILL)
        killed.append(victim)
    for process in [coordinator, *workers]:
        code, output = finish(process)
        if process in killed:
            assert code == -signal.SIGKILL
        else:
            assert code == 0, (seed, output)
    # A late worker finds nothing left behind once the leases ran out.
    code, output = finish(start(project, server, database, "--worker", *lease, timeout="1.5"))
    assert code == 0, output
    assert states(database) == {"sent": count}

    copies = server.mailbox.copies()
    assert set(copies) == addresses(count), f"seed {seed}"
    twice = [address for address, number in copies.items() if number > 1]
    assert all(copies[address] == 2 for address in twice), f"seed {seed}"
    # At most the messages in flight at each kill: one per connection of the killed worker.
    assert len(twice) <= 3 * len(killed), f"seed {seed}"
    for address in twice:
        ids = {
            item.message["Message-ID"]
            for item in server.mailbox.received
            if item.recipient == address
        }
        assert len(ids) == 1, f"seed {seed}"


def test_deliveries_watch_follows_a_release_until_it_is_sent(project: Path) -> None:
    store_path = project / ".publisher" / "publisher.sqlite"
    people = sorted(addresses(3))
    with open_store(store_path.parent, now="t", path=store_path) as store, store.ledger() as ledger:
        ledger.plan("2024.02", people, now="t")
    watcher = subprocess.Popen(
        [sys.executable, "-m", "publisher", "--project", str(project), "deliveries", "2024.02",
         "--watch", "--interval", "0.2", "--ledger", str(store_path)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert watcher.stdout is not None
    header = watcher.stdout.readline()
    assert header.split()[:3] == ["release", "pending", "sending"]
    assert watcher.stdout.readline().split() == ["2024.02", "3", "0", "0", "0", "0"]
    assert watcher.poll() is None  # still watching: three rows are pending
    with open_store(store_path.parent, now="t", path=store_path) as store, store.ledger() as ledger:
        for address in people:
            ledger.mark_sending("2024.02", address, message_id="<m@example.org>", now="t")
            ledger.mark_sent("2024.02", address, reply="250 OK", now="t")
    code, output = finish(watcher, timeout=60)
    assert code == 0, output
    assert output.splitlines()[-1].split() == ["2024.02", "0", "0", "3", "0", "0"]


def _recipients(people: list[str]) -> dict[str, Recipient]:
    return {
        address: Recipient(
            key=address,
            address=address,
            message_id=f"<{address}>",
            compose=lambda identifier, a=address: (
                f"Subject: hi\r\nMessage-ID: {identifier}\r\nTo: {a}\r\n\r\nhello\r\n".encode()
            ),
        )
        for address in people
    }


def _deliver_as_worker(
    folder: Path,
    database: str,
    people: list[str],
    settings: SmtpSettings,
    *,
    lease: float,
    poll: float,
    **options: Any,
) -> list[Outcome]:
    """Plan release 2024.02 for ``people`` in the ledger of ``database`` and send it as worker
    "w" in this process over ``settings`` (``options`` go to `deliver`); return the outcomes."""
    with open_store(folder, database, now="t") as store, store.ledger() as ledger:
        ledger.plan_release("2024.02", people, planned_by="test", now="t")
        return list(
            deliver(
                SendPlan(release="2024.02", to_send=()),
                sender="roadmap@example.org",
                connection=SmtpConnection(settings),
                ledger=ledger,
                worker=WorkerMode(
                    worker="w", recipients=_recipients(people), lease=lease, poll=poll
                ),
                **options,
            )
        )


def test_a_worker_records_what_it_sent_before_it_pauses(
    server: SmtpServer, database: str, tmp_path: Path
) -> None:
    # A rate makes the worker pause between messages: a message it sent must not sit
    # unrecorded (its row `sending`, resent if the worker then died) while nothing goes.
    people = sorted(addresses(3))
    seen: list[tuple[int, int]] = []  # (received by the server, recorded sent) at each pause
    clock = FakeClock()  # the pauses move it: the rate is kept without waiting for it

    def pause(seconds: float) -> None:
        seen.append((len(server.mailbox.received), states(database).get("sent", 0)))
        clock.sleep(seconds)

    settings = SmtpSettings(host="127.0.0.1", port=server.mailbox.port, timeout=5)
    outcomes = _deliver_as_worker(
        tmp_path,
        database,
        people,
        settings,
        lease=60,
        poll=0.01,
        rate=1.0,
        clock=clock,
        sleep=pause,
    )
    assert [outcome.state for outcome in outcomes] == ["sent"] * 3
    # One pause before each message after the first, at one message a second.
    assert clock.pauses == [1.0, 1.0], clock.pauses
    assert seen == [(1, 1), (2, 2)]


def test_a_worker_with_a_domain_rate_sends_each_message_once(
    server: SmtpServer, database: str, tmp_path: Path
) -> None:
    # Messages of one domain wait for its rate while the worker looks for more rows: it
    # must not wait for them while it holds the dispatcher (they could never go), nor take
    # them again as new when their short lease runs out meanwhile.
    people = [f"reader{n}@example.org" for n in range(3)]
    settings = SmtpSettings(host="127.0.0.1", port=server.mailbox.port, timeout=0.25)
    lease = 2.0
    check_lease(lease, settings)
    outcomes = _deliver_as_worker(
        tmp_path,
        database,
        people,
        settings,
        lease=lease,
        poll=0.05,
        domain_rates={"example.org": 1.0},
        deadline=time.monotonic() + 20,
    )
    assert sorted((outcome.address, outcome.state) for outcome in outcomes) == [
        (address, "sent") for address in people
    ]
    assert server.mailbox.copies() == dict.fromkeys(people, 1)
    assert states(database) == {"sent": 3}
