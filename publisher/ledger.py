"""The delivery ledger: one SQLite row per (release, address), the memory that makes `send`
idempotent.

States: ``pending`` (planned, or refused temporarily and due for another try), ``sending``
(committed BEFORE the message's DATA goes out), ``sent`` (committed once the server answered
250), ``deferred`` (temporary refusals outlasted this run's retries; the next run tries again)
and ``failed`` (refused permanently, 5xx). A row left in ``sending`` is the one message that
was in flight when a run died: the next run sends it again with the same Message-ID.

Durability: WAL with ``synchronous=NORMAL``. A commit then reaches the WAL file (the OS page
cache) before the next SMTP command is written, so it survives a crash or kill -9 of the
process, which is the promise. Only an OS crash or power cut can lose the last commits, and
then the lost rows are resent with their own Message-IDs (see README, "Sending"). FULL would
add an fsync per state change; bench/send.py measures both.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from publisher.errors import SendError

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
DEFERRED = "deferred"
FAILED = "failed"
STATES = (PENDING, SENDING, SENT, DEFERRED, FAILED)

SCHEMA_VERSION = 1
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS deliveries (
    release     TEXT NOT NULL,
    address     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN {STATES!r}),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_reply  TEXT NOT NULL DEFAULT '',
    message_id  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    sent_at     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (release, address)
) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    """One ledger row."""

    release: str
    address: str
    state: str
    attempts: int = 0
    last_reply: str = ""
    message_id: str = ""
    created_at: str = ""
    updated_at: str = ""
    sent_at: str = ""


class LedgerError(SendError):
    """The ledger could not be read or written (full disk, locked, corrupt)."""


@contextmanager
def _reported(path: Path, action: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise LedgerError(f"{path}: cannot {action} the delivery ledger: {error}") from None


class SendLock:
    """One ``send`` at a time on a ledger: an exclusive ``flock`` on ``<ledger>.lock``, which
    the kernel releases when the process ends, even by kill -9. The file names the holder
    (pid, host, release, start) so a second run can say who is sending."""

    def __init__(self, ledger_path: Path, *, release: str, now: str) -> None:
        self.path = ledger_path.with_name(ledger_path.name + ".lock")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(descriptor)
            os.close(descriptor)
            raise LedgerError(
                f"another send is running on this ledger: {holder}; wait for it to finish "
                f"(or stop it), then run send again ({ledger_path})"
            ) from None
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "release": release,
            "started": now,
        }
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(record).encode(), 0)
        self._descriptor: int | None = descriptor

    def release(self) -> None:
        """Let the next run in."""
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is not None:
            os.ftruncate(descriptor, 0)
            os.close(descriptor)  # closing drops the flock

    def __enter__(self) -> SendLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _read_holder(descriptor: int) -> str:
    try:
        holder = json.loads(os.pread(descriptor, 4096, 0) or b"{}")
        return (
            f"pid {int(holder['pid'])} on {holder['host']}, release {holder['release']}, "
            f"started {holder['started']}"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that is starting up"


class Ledger:
    """An open ledger file. Every method commits before it returns."""

    def __init__(self, path: Path, *, synchronous: str = "NORMAL", read_only: bool = False) -> None:
        self.path = path
        with _reported(path, "open"):
            if read_only:
                # For --dry-run and `deliveries`: look without creating or changing anything.
                self.connection = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
                )
                self.connection.execute("SELECT count(*) FROM deliveries").fetchone()
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode (isolation_level=None): each statement or explicit BEGIN…COMMIT
            # is one durable step, which is what the state machine needs.
            # check_same_thread=False: send's SMTP sessions run in threads and take turns
            # on this one connection (send.deliver serializes them with a lock).
            self.connection = sqlite3.connect(
                path, isolation_level=None, timeout=10, check_same_thread=False
            )
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute(f"PRAGMA synchronous={synchronous}")
            version = self.connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise LedgerError(
                    f"{path}: the ledger was written by a newer publisher (schema {version})"
                )
            self.connection.executescript(_SCHEMA)
            self.connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the file (the WAL is checkpointed by SQLite)."""
        self.connection.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def plan(self, release: str, addresses: Iterable[str], *, now: str) -> None:
        """Add a ``pending`` row for each address that has none yet for this release."""
        with _reported(self.path, "write"), self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.executemany(
                "INSERT OR IGNORE INTO deliveries (release, address, state, created_at,"
                " updated_at) VALUES (?, ?, 'pending', ?, ?)",
                ((release, address, now, now) for address in addresses),
            )

    def rows(self, release: str | None = None) -> tuple[Delivery, ...]:
        """Every row (of one release, when given), ordered by release then address."""
        query = "SELECT * FROM deliveries"
        parameters: tuple[str, ...] = ()
        if release is not None:
            query += " WHERE release = ?"
            parameters = (release,)
        with _reported(self.path, "read"):
            cursor = self.connection.execute(query + " ORDER BY release, address", parameters)
            names = [column[0] for column in cursor.description]
            return tuple(Delivery(**dict(zip(names, row, strict=True))) for row in cursor)

    def counts(self, release: str | None = None) -> dict[tuple[str, str], int]:
        """Row counts by (release, state)."""
        query = "SELECT release, state, count(*) FROM deliveries"
        parameters: tuple[str, ...] = ()
        if release is not None:
            query += " WHERE release = ?"
            parameters = (release,)
        with _reported(self.path, "read"):
            return {
                (row[0], row[1]): row[2]
                for row in self.connection.execute(query + " GROUP BY release, state", parameters)
            }

    def recover(self, release: str, *, now: str) -> int:
        """Put rows left ``sending`` by a run that died back to ``pending`` (their Message-IDs
        kept); return how many. Only the holder of the send lock may call this."""
        with _reported(self.path, "write"):
            cursor = self.connection.execute(
                "UPDATE deliveries SET state = 'pending', updated_at = ?"
                " WHERE release = ? AND state = 'sending'",
                (now, release),
            )
            return cursor.rowcount

    def claim(self, release: str, address: str, *, message_id: str, now: str) -> bool:
        """Mark the row ``sending`` (the in-flight marker, before DATA) if it is still
        ``pending`` or ``deferred``; False when it is not (someone else has it, or it is
        done): then the message must not be sent."""
        with _reported(self.path, "write"):
            cursor = self.connection.execute(
                "UPDATE deliveries SET state = 'sending', attempts = attempts + 1,"
                " message_id = ?, updated_at = ?"
                " WHERE release = ? AND address = ? AND state IN ('pending', 'deferred')",
                (message_id, now, release, address),
            )
            return cursor.rowcount == 1

    def mark_sending(self, release: str, address: str, *, message_id: str, now: str) -> None:
        """Mark the row ``sending`` whatever its state (what a run that died leaves)."""
        self._update(
            "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, message_id = ?,"
            " updated_at = ? WHERE release = ? AND address = ?",
            (message_id, now, release, address),
        )

    def mark_sent(self, release: str, address: str, *, reply: str, now: str) -> None:
        """Record that the server accepted the message."""
        self._update(
            "UPDATE deliveries SET state = 'sent', last_reply = ?, updated_at = ?, sent_at = ?"
            " WHERE release = ? AND address = ?",
            (reply, now, now, release, address),
        )

    def mark_refused(self, release: str, address: str, *, state: str, reply: str, now: str) -> None:
        """Record a refusal: ``pending`` (will retry), ``deferred`` or ``failed``."""
        assert state in (PENDING, DEFERRED, FAILED)
        self._update(
            "UPDATE deliveries SET state = ?, last_reply = ?, updated_at = ?"
            " WHERE release = ? AND address = ?",
            (state, reply, now, release, address),
        )

    def defer(self, release: str, addresses: Sequence[str], *, reply: str, now: str) -> None:
        """Mark the rows of ``addresses`` ``deferred`` in one transaction (what a run left
        when its deadline came)."""
        with _reported(self.path, "write"), self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.executemany(
                "UPDATE deliveries SET state = 'deferred', last_reply = ?, updated_at = ?"
                " WHERE release = ? AND address = ? AND state IN ('pending', 'deferred')",
                ((reply, now, release, address) for address in addresses),
            )

    def _update(self, statement: str, parameters: tuple[str, ...]) -> None:
        with _reported(self.path, "write"):
            cursor = self.connection.execute(statement, parameters)
            if cursor.rowcount != 1:
                raise LedgerError(f"{self.path}: no ledger row for {parameters[-2:]}")
