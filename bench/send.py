"""Sending: `publisher send`'s engine (compose, ledger, SMTP) against a bare smtplib loop.

Both send the same messages to a local aiosmtpd server (in its own process, so it does not
fight the sender for the GIL) over one connection, in this same run. The baseline gets the
messages prebuilt as bytes; the engine builds each one when it is about to go (as `send`
does), and records every delivery in the ledger of the SQLite store. Prints
``send: ratio R`` = engine throughput / baseline throughput (goal >= 0.7), and the same with
the ledger's synchronous=FULL for comparison.

    python bench/send.py [--quick] [--count N]
"""

# ruff: noqa: E402  (publisher is imported after the repository is put on the import path)
from __future__ import annotations

import argparse
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.delivery import open_store
from publisher.outbox import open_outbox
from publisher.project import open_project
from publisher.send import (
    Recipient,
    SmtpConnection,
    SmtpSettings,
    deliver,
    plan_send,
)

SENDER = "The Road Map <roadmap@example.org>"
SERVER = textwrap.dedent(
    """
    import asyncio, sys, threading
    from aiosmtpd.controller import Controller

    class Counter:
        count = 0
        async def handle_DATA(self, server, session, envelope):
            Counter.count += len(envelope.rcpt_tos)
            return "250 2.0.0 OK queued"

    controller = Controller(Counter(), hostname="127.0.0.1", port=int(sys.argv[1]),
                            server_hostname="bench.local")
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()  # until the bench closes our stdin
    controller.stop()
    print(Counter.count, flush=True)
    """
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def project_recipients(folder: Path, count: int) -> list[Recipient]:
    """The bundled project's latest release, to ``count`` subscribers in three selections."""
    shutil.copytree(ROOT / "data", folder / "data")
    selections = ("", "technical-resources", "getting-started;learn-from-others")
    subscribers = folder / "subscribers.csv"
    subscribers.write_text(
        "email,name,sections\n"
        + "".join(
            f"reader{number:05d}@example.net,Reader {number},{selections[number % 3]}\n"
            for number in range(count)
        ),
        encoding="utf-8",
    )
    outbox = open_outbox(open_project(folder), subscribers)
    return list(outbox.recipients(b"bench-key"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="300 messages")
    parser.add_argument("--count", type=int, help="messages per measurement")
    parser.add_argument(
        "--only", choices=["single", "scale-out"], help="run one of the two measurements"
    )
    options = parser.parse_args()
    if options.only != "single":
        scale_out(options.quick)
        if options.only == "scale-out":
            return
    count = options.count or (300 if options.quick else 5000)
    work = Path(tempfile.mkdtemp(prefix="bench-send-"))
    recipients = project_recipients(work, count)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == "ready"
        prebuilt = [recipient.compose(recipient.message_id) for recipient in recipients]

        def baseline() -> float:
            started = time.perf_counter()
            smtp = smtplib.SMTP("127.0.0.1", port)
            for recipient, data in zip(recipients, prebuilt, strict=True):
                smtp.sendmail("roadmap@example.org", [recipient.address], data)
            smtp.quit()
            return time.perf_counter() - started

        def engine(synchronous: str) -> float:
            with tempfile.TemporaryDirectory() as folder:
                started = time.perf_counter()
                with (
                    open_store(Path(folder), now="t", synchronous=synchronous) as store,
                    store.ledger() as ledger,
                ):
                    plan = plan_send(ledger, "2024.02", recipients)
                    connection = SmtpConnection(SmtpSettings(host="127.0.0.1", port=port))
                    outcomes = list(
                        deliver(plan, sender=SENDER, connection=connection, ledger=ledger)
                    )
                took = time.perf_counter() - started
                assert sum(outcome.state == "sent" for outcome in outcomes) == len(recipients)
                return took

        # Alternate, keep the best of each: the machine is shared.
        times: dict[str, list[float]] = {"bare": [], "NORMAL": [], "FULL": []}
        for _ in range(2):
            times["bare"].append(baseline())
            times["NORMAL"].append(engine("NORMAL"))
            times["FULL"].append(engine("FULL"))
    finally:
        assert server.stdin is not None
        server.stdin.close()
        received = server.stdout.read().strip() if server.stdout else "?"
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    bare = min(times["bare"])
    for mode in ("NORMAL", "FULL"):
        took = min(times[mode])
        # The goal is for the setting send uses (NORMAL); FULL is shown for comparison only.
        name, goal = (
            ("send", "goal >= 0.7")
            if mode == "NORMAL"
            else (
                "send (ledger synchronous=FULL)",
                "for comparison, not used",
            )
        )
        print(
            f"{name}: ratio {bare / took:.2f} ({len(recipients) / took:.0f} msg/s vs bare smtplib "
            f"{len(recipients) / bare:.0f} msg/s; {len(recipients)} messages; {goal})"
        )
    print(
        f"# {len(recipients)} of {count} subscribers had changes in their sections; "
        f"the server received {received} messages",
        file=sys.stderr,
    )


# A relay-like sink: a minimal SMTP responder on asyncio that reads a message's data in one
# piece (aiosmtpd reads it line by line: with 16 connections its one process would be what
# is measured) and waits before answering DATA, as real relays take tens of milliseconds.
# It remembers each recipient's Message-IDs to tell lost and duplicated messages apart.
DELAYED_SINK = textwrap.dedent(
    r"""
    import asyncio, json, re, sys

    MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(\S+)", re.M | re.I)
    delay = float(sys.argv[2])
    ids = {}
    counts = {"messages": 0}

    async def session(reader, writer):
        writer.write(b"220 relay.local ESMTP\r\n")
        recipients = []
        while True:
            try:
                line = await reader.readline()
            except ConnectionError:  # a killed worker's connection
                break
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-relay.local\r\n250-8BITMIME\r\n250 SIZE 50000000\r\n")
            elif verb == b"MAIL":
                recipients = []
                writer.write(b"250 2.1.0 OK\r\n")
            elif verb == b"RCPT":
                recipients.append(line.split(b"<", 1)[1].split(b">", 1)[0].decode())
                writer.write(b"250 2.1.5 OK\r\n")
            elif verb == b"DATA":
                writer.write(b"354 go ahead\r\n")
                await writer.drain()
                data = await reader.readuntil(b"\r\n.\r\n")
                await asyncio.sleep(delay)
                found = MESSAGE_ID.search(data.split(b"\r\n\r\n", 1)[0])
                for recipient in recipients:
                    if not recipient.startswith("bare."):  # the baseline's messages
                        counts["messages"] += 1
                        ids.setdefault(recipient, []).append(found.group(1) if found else b"")
                writer.write(b"250 2.0.0 OK queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 bye\r\n")
                await writer.drain()
                break
            elif verb in (b"RSET", b"NOOP", b"HELO"):
                writer.write(b"250 OK\r\n")
            else:
                writer.write(b"502 5.5.1 not implemented\r\n")
            await writer.drain()
        writer.close()

    async def serve():
        server = await asyncio.start_server(
            session, "127.0.0.1", int(sys.argv[1]), limit=1 << 26
        )
        print("ready", flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)  # until the bench closes our stdin
        server.close()

    asyncio.run(serve())
    twice = [found for found in ids.values() if len(found) > 1]
    print(json.dumps({"messages": counts["messages"], "recipients": len(ids),
                      "twice": len(twice),
                      "twice_same_id": all(len(set(found)) == 1 for found in twice)}), flush=True)
    """
)


def scale_out(quick: bool) -> None:
    """4 worker processes x 4 connections on one PostgreSQL ledger against a relay that
    waits 50 ms before answering DATA, one worker killed halfway; against a bare smtplib
    loop over one connection to the same relay."""
    import json
    import os
    import secrets
    import signal

    sys.path.insert(0, str(ROOT / "tests"))
    from postgres import PostgresCluster, find_postgres_bin

    if find_postgres_bin() is None:
        print("# send scale-out: skipped, PostgreSQL is not installed", file=sys.stderr)
        return
    import psycopg

    count, bare_count, lease = (1000, 100, 8) if quick else (20000, 1000, 16)
    workers, connections, delay = 4, 4, 0.05
    work = Path(tempfile.mkdtemp(prefix="bench-send-scale-"))
    shutil.copytree(ROOT / "data", work / "data")
    subscribers = work / "subscribers.csv"
    subscribers.write_text(
        "email,name,sections\n"
        + "".join(f"reader{number:05d}@example.net,Reader {number},\n" for number in range(count)),
        encoding="utf-8",
    )
    key = secrets.token_hex(32)
    recipients = list(open_outbox(open_project(work), subscribers).recipients(key.encode()))
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-c", DELAYED_SINK, str(port), str(delay)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    cluster = PostgresCluster().start()
    processes: list[subprocess.Popen[bytes]] = []
    try:
        assert sink.stdout is not None
        assert sink.stdout.readline().strip() == "ready"
        prebuilt = [
            (recipient.address, recipient.compose(recipient.message_id))
            for recipient in recipients[:bare_count]
        ]
        started = time.perf_counter()
        smtp = smtplib.SMTP("127.0.0.1", port)
        for address, data in prebuilt:
            smtp.sendmail("roadmap@example.org", [f"bare.{address}"], data)
        smtp.quit()
        bare = len(prebuilt) / (time.perf_counter() - started)

        database = cluster.create_database("bench")
        env = {
            **os.environ,
            # A lease of at least seven timeouts (send.check_lease): a slow message never
            # outlives its lease. Eight: a worker renews a lease only once it has less than
            # six timeouts left, so a batch (well under a second of work) never needs it.
            "PUBLISHER_SMTP_URL": f"smtp://127.0.0.1:{port}?timeout={lease / 8:g}",
            "PUBLISHER_UNSUBSCRIBE_KEY": key,
            "PUBLISHER_DATABASE_URL": database,
        }
        command = [sys.executable, "-m", "publisher", "--project", str(work), "-q", "send"]
        command += ["--yes", "--subscribers", str(subscribers)]
        command += ["--connections", str(connections), "--lease", str(lease)]
        started = time.perf_counter()
        processes = [subprocess.Popen(command, env=env)]
        processes += [subprocess.Popen([*command, "--worker"], env=env) for _ in range(workers - 1)]
        victim = processes[-1]
        samples: list[tuple[float, int]] = []  # (seconds since the start, messages sent)
        with psycopg.connect(database, autocommit=True) as watcher:
            while any(process.poll() is None for process in processes):
                time.sleep(0.2)
                try:
                    row = watcher.execute(
                        "SELECT count(*) FROM deliveries WHERE state = 'sent'"
                    ).fetchone()
                except psycopg.errors.UndefinedTable:
                    continue  # not migrated yet
                sent = row[0] if row is not None else 0
                samples.append((time.perf_counter() - started, sent))
                if sent >= len(recipients) // 2 and victim.poll() is None:
                    victim.send_signal(signal.SIGKILL)
        codes = [process.wait(timeout=1800) for process in processes]
        took = time.perf_counter() - started
        first = next((at for at, sent in samples if sent), took)
        steady = len(recipients) / max(took - first, 1e-9)
        assert codes[:-1] == [0] * (workers - 1), codes
        with psycopg.connect(database) as connection:
            states = dict(
                connection.execute("SELECT state, count(*) FROM deliveries GROUP BY state")
            )
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert sink.stdin is not None
        sink.stdin.close()
        report = json.loads(sink.stdout.read().strip().splitlines()[-1]) if sink.stdout else {}
        sink.wait(timeout=30)
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    rate = len(recipients) / took
    lost = len(recipients) - report["recipients"]
    print(
        f"send scale-out: ratio {rate / bare:.1f} ({rate:.0f} msg/s: {workers} workers x "
        f"{connections} connections on PostgreSQL, {len(recipients)} messages, one worker "
        f"killed halfway: {lost} addresses lost, {report['twice']} received twice"
        f"{' (same Message-ID)' if report['twice_same_id'] else ' (DIFFERENT Message-IDs)'}, "
        f"ledger {states}; vs bare smtplib {bare:.1f} msg/s over {len(prebuilt)} messages; "
        f"relay answers DATA after {delay * 1000:.0f} ms; goal >= 8; from the first message "
        f"on, after {first:.1f} s of start-up: {steady:.0f} msg/s, {steady / bare:.1f}x)"
    )
    if lost or not report["twice_same_id"] or states != {"sent": len(recipients)}:
        sys.exit(1)


if __name__ == "__main__":
    main()
