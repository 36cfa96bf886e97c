"""Sending: `publisher send`'s engine (compose, ledger, SMTP) against a bare smtplib loop.

Both send the same messages to a local aiosmtpd server (in its own process, so it does not
fight the sender for the GIL) over one connection, in this same run. The baseline gets the
messages prebuilt as bytes; the engine builds each one when it is about to go (as `send`
does), and records every delivery in the SQLite ledger. Prints
``send: ratio R`` = engine throughput / baseline throughput (goal >= 0.7), and the same with
the ledger's synchronous=FULL for comparison.

    python bench/send.py [--quick] [--count N]
"""

from __future__ import annotations

import argparse
import smtplib
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.ledger import Ledger  # noqa: E402
from publisher.send import (  # noqa: E402
    Recipient,
    SmtpConnection,
    SmtpSettings,
    deliver,
    plan_send,
    serialize,
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


def compose_function() -> Callable[[str, str], EmailMessage]:
    """The message per subscriber: publisher.mail's when it is there, else an equivalent one."""
    body_text = "New in 2024.02:\n" + "".join(
        f"- Resource {number}: https://example.org/{number}\n" for number in range(40)
    )
    body_html = "<h1>New in 2024.02</h1>" + "".join(
        f'<p><a href="https://example.org/{number}">Resource {number}</a> — a description '
        "that runs for a line or two, as the real ones do.</p>"
        for number in range(40)
    )

    def compose(address: str, name: str) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = "The Machine Learning Road Map: what's new in 2024.02"
        message["From"] = SENDER
        message["To"] = f"{name} <{address}>"
        message["Date"] = "Mon, 19 Feb 2024 00:00:00 +0000"
        message["Message-ID"] = f"<2024.02.{abs(hash(address))}@roadmap.example.org>"
        message["List-Unsubscribe"] = f"<https://example.org/unsubscribe?token={address}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message.set_content(body_text)
        message.add_alternative(body_html, subtype="html")
        return message

    return compose


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 messages")
    parser.add_argument("--count", type=int, help="messages per measurement")
    options = parser.parse_args()
    count = options.count or (1000 if options.quick else 5000)
    addresses = [(f"reader{number:05d}@example.net", f"Reader {number}") for number in range(count)]
    compose = compose_function()
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
        prebuilt = [serialize(compose(address, name)) for address, name in addresses]

        def baseline() -> float:
            started = time.perf_counter()
            smtp = smtplib.SMTP("127.0.0.1", port)
            for (address, _), data in zip(addresses, prebuilt, strict=True):
                smtp.sendmail("roadmap@example.org", [address], data)
            smtp.quit()
            return time.perf_counter() - started

        def engine(synchronous: str) -> float:
            with tempfile.TemporaryDirectory() as folder:
                recipients = [
                    Recipient(
                        key=address,
                        address=address,
                        compose=lambda a=address, n=name: compose(a, n),  # type: ignore[misc]
                    )
                    for address, name in addresses
                ]
                started = time.perf_counter()
                with Ledger(Path(folder) / "deliveries.sqlite", synchronous=synchronous) as ledger:
                    plan = plan_send(ledger, "2024.02", recipients)
                    connection = SmtpConnection(SmtpSettings(host="127.0.0.1", port=port))
                    outcomes = list(
                        deliver(plan, sender=SENDER, connection=connection, ledger=ledger)
                    )
                took = time.perf_counter() - started
                assert sum(outcome.state == "sent" for outcome in outcomes) == count
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
    bare = min(times["bare"])
    for mode in ("NORMAL", "FULL"):
        took = min(times[mode])
        name = "send" if mode == "NORMAL" else "send (ledger synchronous=FULL)"
        print(
            f"{name}: ratio {bare / took:.2f} ({count / took:.0f} msg/s vs bare smtplib "
            f"{count / bare:.0f} msg/s; {count} messages; goal >= 0.7)"
        )
    print(f"# server received {received} messages", file=sys.stderr)


if __name__ == "__main__":
    main()
