"""Two `publisher send` processes on one ledger (issue 15, item 1): started together or a
moment apart, nobody gets the message twice; the second run refuses, naming the first."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from smtp_server import SmtpServer
from test_send_cli import send_command as send_command_to
from test_send_cli import write_subscribers

KEY = "unsubscribe-key-for-tests-Qm9zLXRoZS1rZXktb2YtdGVzdHMtaXMtbG9uZw"
COUNT = 80


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as running:
        yield running


def send_command(project: Path) -> list[str]:
    """`publisher send` to COUNT subscribers (written by the first run) of every section."""
    subscribers = project / "subscribers.csv"
    if not subscribers.exists():
        write_subscribers(project, COUNT, sections=False)
    return send_command_to(project, subscribers)


def start(project: Path, server: SmtpServer) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PUBLISHER_SMTP_URL": server.url(),
        "PUBLISHER_UNSUBSCRIBE_KEY": KEY,
    }
    return subprocess.Popen(
        send_command(project),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def everyone() -> set[str]:
    return {f"reader{n:03d}@example.net" for n in range(COUNT)}


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


def test_two_sends_started_together_mail_nobody_twice(project: Path, server: SmtpServer) -> None:
    server.mailbox.delay = 0.01
    first, second = start(project, server), start(project, server)
    results = {first.pid: finish(first), second.pid: finish(second)}

    assert server.mailbox.copies() == dict.fromkeys(everyone(), 1)
    codes = sorted(code for code, _ in results.values())
    assert codes == [0, 1], results
    winner_pid = next(pid for pid, (code, _) in results.items() if code == 0)
    message = next(output for code, output in results.values() if code == 1)
    assert f"another send is running on this ledger: pid {winner_pid}" in message
    assert "Traceback" not in message


def test_a_second_send_while_the_first_is_in_flight_mails_nobody_twice(
    project: Path, server: SmtpServer
) -> None:
    # Slow enough that the first run is still sending while the second one starts up
    # (imports and rendering included) on a loaded machine.
    server.mailbox.delay = 0.2
    first = start(project, server)
    deadline = time.monotonic() + 60
    while len(server.mailbox.received) < COUNT // 4:
        assert first.poll() is None, "the first send finished too soon"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    code, message = finish(start(project, server))
    assert code == 1
    assert f"pid {first.pid}" in message
    assert finish(first)[0] == 0
    assert server.mailbox.copies() == dict.fromkeys(everyone(), 1)


def test_a_killed_send_leaves_no_lock_behind(project: Path, server: SmtpServer) -> None:
    server.mailbox.delay = 0.03
    first = start(project, server)
    deadline = time.monotonic() + 60
    while len(server.mailbox.received) < COUNT // 3:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    assert finish(first)[0] == -signal.SIGKILL
    server.mailbox.delay = 0.0
    code, message = finish(start(project, server))
    assert code == 0, message
    copies = server.mailbox.copies()
    assert set(copies) == everyone()
    assert sum(copies.values()) - COUNT <= 1  # at most the one in flight, same Message-ID
