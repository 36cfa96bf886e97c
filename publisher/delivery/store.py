"""The store: subscribers, the delivery ledger and the suppression list in one database.

This module owns the schema (SQLAlchemy Core tables below, Alembic migrations in
``migrations/``) and is the only one that writes SQL. SQLite at ``.publisher/publisher.sqlite``
by default (WAL), PostgreSQL (psycopg 3) when ``PUBLISHER_DATABASE_URL`` names one. Opening a
store applies the pending migrations first; at the head revision that is one cheap query.

Ledger states: ``pending`` (planned, or refused temporarily and due for another try),
``sending`` (committed BEFORE the message's DATA goes out), ``sent`` (committed once the
server answered 250), ``deferred`` (temporary refusals outlasted this run's retries; the next
run tries again) and ``failed`` (refused permanently, 5xx). A row left in ``sending`` is the one
message that was in flight when a run died: the next run sends it again with the same
Message-ID.

Durability on SQLite: WAL with ``synchronous=NORMAL``. A commit then reaches the WAL file (the
OS page cache) before the next SMTP command is written, so it survives a crash or kill -9 of
the process, which is the promise. Only an OS crash or power cut can lose the last commits, and
then the lost rows are resent with their own Message-IDs (see README, "Sending").
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from publisher.errors import SendError, StoreError

# --- the schema ------------------------------------------------------------------------------

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
DEFERRED = "deferred"
FAILED = "failed"
STATES = (PENDING, SENDING, SENT, DEFERRED, FAILED)

# Subscriber statuses (PENDING is shared with the ledger's word). LISTED: an address of a list
# `send --subscribers FILE` sent to (consent method "list"): it gets that list's emails, never
# the store's own, and it can unsubscribe through `publisher serve` like anyone.
CONFIRMED = "confirmed"
LISTED = "listed"
UNSUBSCRIBED = "unsubscribed"
BOUNCED = "bounced"
COMPLAINED = "complained"
STATUSES = (PENDING, CONFIRMED, LISTED, UNSUBSCRIBED, BOUNCED, COMPLAINED)
# Who left, or cannot be written to: a list's send skips them.
LEFT = (UNSUBSCRIBED, BOUNCED, COMPLAINED)
CONSENT_METHODS = ("form", "import", "cli", "list")


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


metadata = sa.MetaData()

deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("release", sa.Text, primary_key=True),
    sa.Column("address", sa.Text, primary_key=True),
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_reply", sa.Text, nullable=False, server_default=""),
    sa.Column("message_id", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
    sa.Column("sent_at", sa.Text, nullable=False, server_default=""),
    # Who holds the row (a worker id, "host:pid") and until when, in seconds since the epoch
    # by the database's clock; on a pending row, not before when it may be tried again.
    sa.Column("worker", sa.Text, nullable=False, server_default=""),
    sa.Column("lease_until", sa.Float, nullable=False, server_default="0"),
    sa.CheckConstraint(_in("state", STATES), name="deliveries_state"),
    sa.Index("deliveries_release_state", "release", "state"),
    sqlite_with_rowid=False,
)

# One row per release a coordinator planned: workers wait for it, `deliveries` shows it.
send_plans = sa.Table(
    "send_plans",
    metadata,
    sa.Column("release", sa.Text, primary_key=True),
    sa.Column("planned_by", sa.Text, nullable=False),
    sa.Column("planned_at", sa.Text, nullable=False),
)

subscribers = sa.Table(
    "subscribers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # Random, in links instead of the address (links end up in logs and referrers).
    sa.Column("public_id", sa.Text, nullable=False, unique=True),
    sa.Column("address", sa.Text, nullable=False, unique=True),  # normalised: case folded
    sa.Column("name", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("sections", sa.Text, nullable=False, server_default=""),  # "a;b", "" = all
    sa.Column("consent_method", sa.Text, nullable=False),
    sa.Column("consent_at", sa.Text, nullable=False),
    sa.Column("consent_source", sa.Text, nullable=False, server_default=""),
    sa.Column("confirmed_at", sa.Text, nullable=False, server_default=""),
    # Rotated with each confirmation email and cleared on use: an old link cannot confirm.
    sa.Column("confirm_nonce", sa.Text, nullable=False, server_default=""),
    sa.Column("confirmations_day", sa.Text, nullable=False, server_default=""),
    sa.Column("confirmations_sent", sa.Integer, nullable=False, server_default="0"),
    sa.Column("status_reason", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
    # When the person chose their sections on the preferences page ('' = never): a list's
    # send then follows their choice, not the list's.
    sa.Column("sections_chosen_at", sa.Text, nullable=False, server_default=""),
    # The keyed hash of the address that a list's emails carried before the store recorded
    # the list (set when `send --subscribers` records them): old links still unsubscribe.
    sa.Column("list_token", sa.Text, nullable=False, server_default=""),
    sa.CheckConstraint(_in("status", STATUSES), name="subscribers_status"),
    sa.CheckConstraint(_in("consent_method", CONSENT_METHODS), name="subscribers_consent"),
)

# Forgotten people: a salted hash of the address, so an import cannot bring them back.
suppressions = sa.Table(
    "suppressions",
    metadata,
    sa.Column("address_hash", sa.Text, primary_key=True),
    sa.Column("created_at", sa.Text, nullable=False),
)

# The ledger files `send --ledger FILE` wrote to (absolute paths): `bounces` reads who was
# mailed from them too, and `store copy` names them (they are files of their own).
ledger_files = sa.Table(
    "ledger_files",
    metadata,
    sa.Column("path", sa.Text, primary_key=True),
    sa.Column("first_used", sa.Text, nullable=False),
    sa.Column("last_used", sa.Text, nullable=False),
)

store_settings = sa.Table(
    "store_settings",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# store_settings names: where and when `store copy` copied this store (it is a backup since).
_MOVED_SETTINGS = ("moved_to", "moved_at")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SCHEMA_HEAD = "0005"  # the newest revision in migrations/versions (a test keeps them equal)
DEFAULT_FILE = "publisher.sqlite"
LEGACY_LEDGER = "deliveries.sqlite"


# --- records ---------------------------------------------------------------------------------


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
    worker: str = ""
    lease_until: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkerProgress:
    """One line of `publisher deliveries` across workers: a worker's rows by state, and the
    messages it sent in the last minute."""

    worker: str
    counts: dict[str, int]
    sent_last_minute: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class SubscriberRecord:
    """One subscriber as stored. ``sections`` empty means every section."""

    public_id: str
    address: str
    name: str = ""
    status: str = PENDING
    sections: tuple[str, ...] = ()
    consent_method: str = "cli"
    consent_at: str = ""
    consent_source: str = ""
    confirmed_at: str = ""
    status_reason: str = ""
    created_at: str = ""
    updated_at: str = ""
    sections_chosen_at: str = ""
    list_token: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class NewSubscriber:
    """Someone to add: from a form, the CLI or an import."""

    address: str
    name: str = ""
    sections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AddReport:
    """What adding people did: added, already present (left as they were, but for those in
    ``confirmed``: pending or list recipients whom a confirmed import confirmed), suppressed."""

    added: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    suppressed: tuple[str, ...] = ()
    confirmed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ListRecipient:
    """An address of a list as `send` mails it: its record's public id (for the links; ''
    when not recorded, as in a dry run), and the name and sections its email follows."""

    address: str
    public_id: str
    name: str
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListReport:
    """What the store said of a list: who gets the email, who is skipped and why (the
    status, or "forgotten"), and how many addresses were recorded for the first time."""

    recipients: tuple[ListRecipient, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    recorded: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class SubscriptionRequest:
    """The outcome of a subscribe form: send a confirmation email (with ``nonce``) or not."""

    public_id: str
    nonce: str
    send: bool


def normalize_address(address: str) -> str:
    """The address as the store keys it: trimmed and case folded (as the ledger does)."""
    return address.strip().lower()


def join_sections(sections: Iterable[str]) -> str:
    """Section ids as stored: sorted, ';'-separated ('' = all)."""
    return ";".join(sorted({section for section in sections if section}))


def _record(row: sa.Row[Any]) -> SubscriberRecord:
    values = row._mapping
    return SubscriberRecord(
        public_id=values["public_id"],
        address=values["address"],
        name=values["name"],
        status=values["status"],
        sections=tuple(part for part in values["sections"].split(";") if part),
        consent_method=values["consent_method"],
        consent_at=values["consent_at"],
        consent_source=values["consent_source"],
        confirmed_at=values["confirmed_at"],
        status_reason=values["status_reason"],
        created_at=values["created_at"],
        updated_at=values["updated_at"],
        sections_chosen_at=values["sections_chosen_at"],
        list_token=values["list_token"],
    )


class LedgerError(StoreError, SendError):
    """The ledger could not be read or written (full disk, locked, corrupt)."""


# --- opening ---------------------------------------------------------------------------------


def engine_url(
    database_url: str, state_dir: Path, *, name: str = "PUBLISHER_DATABASE_URL"
) -> sa.URL:
    """The SQLAlchemy URL for ``database_url`` (PUBLISHER_DATABASE_URL; empty: the SQLite
    default under ``state_dir``). Raises StoreError naming ``name`` (where the URL came
    from), never echoing a password."""
    if not database_url.strip():
        return sa.URL.create("sqlite", database=str(state_dir / DEFAULT_FILE))
    try:
        url = sa.make_url(database_url.strip())
    except sa.exc.ArgumentError:
        raise StoreError(
            f"{name}: not a database URL (expected postgresql://user@host/db)"
        ) from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and url.get_driver_name() in ("", "pysqlite") and url.database:
        return url.set(drivername="sqlite")
    raise StoreError(f"{name}: {backend!r} is not supported (postgresql://… or sqlite:///…)")


def describe_url(url: sa.URL) -> str:
    """The URL without its password, safe to print: the one after the user name, and one
    given as a query parameter (libpq's `?password=…`, `sslpassword=…`) alike."""
    if any("password" in key.casefold() for key in url.query):
        url = url.set(
            query={
                key: "***" if "password" in key.casefold() else value
                for key, value in url.query.items()
            }
        )
        # The query is rendered percent-encoded: show the mask as the user name's is shown.
        return url.render_as_string(hide_password=True).replace("%2A%2A%2A", "***")
    return url.render_as_string(hide_password=True)


def _sqlite_engine(url: sa.URL, synchronous: str) -> sa.Engine:
    path = Path(url.database or "")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        url, connect_args={"timeout": 30, "check_same_thread": False}, pool_size=20
    )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(connection: sqlite3.Connection, _record: object) -> None:
        # Autocommit at the driver, explicit BEGIN IMMEDIATE below: the writer lock is taken
        # at the start of a transaction, so two writers wait for each other (busy timeout)
        # instead of failing on a lock upgrade in the middle.
        connection.isolation_level = None
        connection.execute("PRAGMA busy_timeout=30000")
        _switch_to_wal(connection)
        connection.execute(f"PRAGMA synchronous={synchronous}")

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # Straight to the driver: through exec_driver_sql this costs more than the UPDATE.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")  # type: ignore[union-attr]

    return engine


def _switch_to_wal(connection: sqlite3.Connection, attempts: int = 100) -> None:
    """``PRAGMA journal_mode=WAL``, retried while another process holds the file: switching a
    new store's journal takes an exclusive lock, and SQLite can answer "database is locked" at
    once there instead of calling the busy handler (two `send` runs started together on a new
    store: the second failed with "cannot migrate the store: database is locked")."""
    for attempt in range(attempts):
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _leased_to(worker: str, release: str) -> tuple[sa.ColumnElement[bool], ...]:
    """The conditions of the rows of ``release`` that ``worker`` is sending under a lease."""
    return (
        deliveries.c.release == release,
        deliveries.c.state == SENDING,
        deliveries.c.worker == worker,
    )


@contextmanager
def _reported(
    where: str, action: str, error_class: type[StoreError] = StoreError
) -> Iterator[None]:
    try:
        yield
    except sa.exc.SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        text = " ".join(str(reason).split())
        raise error_class(f"{where}: cannot {action}: {text}") from None


class SendLock:
    """One ``send`` at a time on a SQLite store: an exclusive ``flock`` on ``<file>.lock``,
    which the kernel releases when the process ends, even by kill -9. The file names the
    holder (pid, host, release, start) so a second run can say who is sending."""

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


class _Transactional:
    """What `Store` and `Ledger` share: a ``with`` block closes them, and `_transaction` is
    one transaction whose database errors are raised as ``_error``, naming the store and the
    action that failed."""

    where: str  # the store, as error messages name it
    _error: type[StoreError] = StoreError
    _subject = ""  # what an action acts on, in error messages (" the delivery ledger")

    def close(self) -> None:
        """Release what the object holds."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, action: str) -> Iterator[sa.Connection]:
        """A connection in a transaction, committed when the block ends (rolled back when it
        raises); a database error becomes ``_error`` "cannot <action>"."""
        with (
            _reported(self.where, action + self._subject, self._error),
            self._begin() as connection,
        ):
            yield connection

    def _begin(self) -> AbstractContextManager[sa.Connection]:
        """A connection in a new transaction, for `_transaction`."""
        raise NotImplementedError


class Store(_Transactional):
    """An open store. Every method is one transaction, committed before it returns."""

    def __init__(self, url: sa.URL, *, synchronous: str = "NORMAL", pool_size: int = 20) -> None:
        self.url = url
        self.where = describe_url(url) if url.get_backend_name() != "sqlite" else str(url.database)
        with _reported(self.where, "open the store"):
            if url.get_backend_name() == "sqlite":
                self.engine = _sqlite_engine(url, synchronous)
            else:
                self.engine = sa.create_engine(url, pool_size=pool_size, max_overflow=pool_size)
            self.dialect = self.engine.dialect.name
        try:
            self.migrate()
        except BaseException:
            self.engine.dispose()
            raise

    # -- lifecycle

    def migrate(self) -> None:
        """Apply the pending Alembic migrations (idempotent; several processes may race)."""
        # The first connection: a server that cannot be reached is "cannot connect", not a
        # failed migration (store copy to a wrong URL said "cannot migrate the store").
        with _reported(self.where, "connect to the store"):
            with self.engine.connect() as connection:
                found = _revision_of(connection)
                connection.rollback()
            if found == SCHEMA_HEAD:
                return  # the usual case, without loading Alembic (a send starts faster)
        with _reported(self.where, "migrate the store"), self.engine.begin() as connection:
            if self.dialect == "postgresql":
                # One migrating process at a time (SQLite: BEGIN IMMEDIATE is the lock).
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(716057)")
            if _revision_of(connection) == SCHEMA_HEAD:
                return  # another process migrated while this one waited: no Alembic needed
            from alembic import command
            from alembic.config import Config
            from alembic.runtime.migration import MigrationContext
            from alembic.script import ScriptDirectory

            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            head = ScriptDirectory.from_config(config).get_current_head()
            current = MigrationContext.configure(connection).get_current_revision()
            if current == head:
                return
            if current is not None and not _known_revision(config, current):
                raise StoreError(
                    f"{self.where}: the store was written by a newer publisher "
                    f"(schema {current}); upgrade publisher"
                )
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        """Release every connection (SQLite checkpoints its WAL)."""
        self.engine.dispose()

    def _begin(self) -> AbstractContextManager[sa.Connection]:
        return self.engine.begin()

    def _insert(self, table: sa.Table) -> Any:
        """INSERT that can say ON CONFLICT DO NOTHING on both dialects."""
        if self.dialect == "postgresql":
            return pg_dialect.insert(table)
        return sqlite_dialect.insert(table)

    def copy_into(self, target: Store) -> dict[str, int]:
        """Copy everything this store holds into ``target``, an empty store (another file or
        database, say PostgreSQL after the SQLite default): subscribers with their public ids
        (the links of emails already sent name them), statuses and consent records, the
        suppression list and its salt, send plans, the delivery ledger and the names of the
        ledger files `send --ledger` wrote to (not their rows: see `ledger_files`). Returns the
        rows copied per table; raises StoreError when ``target`` holds subscribers,
        deliveries, suppressions, send plans or ledger files (nothing is copied then). One
        transaction on each side."""
        tables = (subscribers, suppressions, send_plans, deliveries, ledger_files)
        copied: dict[str, int] = {}
        with (
            self._transaction("read the store") as source,
            target._transaction("copy into the store") as connection,
        ):
            held = [
                table.name.replace("_", " ")
                for table in tables
                if connection.execute(sa.select(sa.func.count()).select_from(table)).scalar()
            ]
            if held:
                raise StoreError(
                    f"{target.where}: is not empty (it holds {', '.join(held)}): copy only "
                    "into a new store, so that nothing in it is mixed up or overwritten"
                )
            # The salt the suppression hashes were made with comes along with them (not a
            # mark that this store was copied before: the copy is the live one).
            connection.execute(sa.delete(store_settings))
            for table in (store_settings, *tables):
                # subscribers.id is the target's own (a PostgreSQL sequence must count them).
                columns = [column for column in table.columns if column.name != "id"]
                query = sa.select(*columns)
                if table is store_settings:
                    query = query.where(store_settings.c.name.not_in(_MOVED_SETTINGS))
                rows = source.execute(query)
                copied[table.name] = 0
                while chunk := rows.fetchmany(1000):
                    connection.execute(sa.insert(table), [dict(row._mapping) for row in chunk])
                    copied[table.name] += len(chunk)
        return copied

    def mark_moved(self, where: str, *, now: str) -> None:
        """Record that `store copy` copied this store to ``where`` (a URL without its
        password) at ``now``: see `moved_to`."""
        with self._transaction("mark the store as copied") as connection:
            for name, value in zip(_MOVED_SETTINGS, (where, now), strict=True):
                connection.execute(
                    self._insert(store_settings)
                    .values(name=name, value=value)
                    .on_conflict_do_update(index_elements=["name"], set_={"value": value})
                )

    def moved_to(self) -> tuple[str, str] | None:
        """(where, when) this store was last copied to by `store copy`, or None."""
        with self._transaction("read the store's settings") as connection:
            found = {
                str(name): str(value)
                for name, value in connection.execute(
                    sa.select(store_settings.c.name, store_settings.c.value).where(
                        store_settings.c.name.in_(_MOVED_SETTINGS)
                    )
                )
            }
        if _MOVED_SETTINGS[0] not in found:
            return None
        return found[_MOVED_SETTINGS[0]], found.get(_MOVED_SETTINGS[1], "")

    # -- the ledger

    def ledger(self) -> Ledger:
        """The delivery ledger in this store."""
        return Ledger(self)

    def remember_ledger_file(self, path: Path, *, now: str) -> None:
        """Remember that `send --ledger` wrote to ``path`` (kept absolute), so that `bounces`
        reads who was mailed from it as well."""
        where = str(path.resolve())
        with self._transaction("remember the ledger file") as connection:
            connection.execute(
                self._insert(ledger_files)
                .values(path=where, first_used=now, last_used=now)
                .on_conflict_do_update(index_elements=["path"], set_={"last_used": now})
            )

    def ledger_files(self) -> tuple[Path, ...]:
        """The ledger files `send --ledger` wrote to, as remembered here (they may be gone)."""
        with self._transaction("read the ledger files") as connection:
            paths = connection.execute(sa.select(ledger_files.c.path).order_by(ledger_files.c.path))
            return tuple(Path(path) for path in paths.scalars())

    def send_lock(self, *, release: str, now: str) -> SendLock:
        """The lock a ``send`` run on a SQLite store holds: one run at a time (LedgerError
        naming the running one otherwise). A PostgreSQL store takes no such lock: its
        senders share the work through leases on the rows (`Ledger.claim_batch`)."""
        if self.dialect != "sqlite":
            raise LedgerError(
                f"{self.where}: a {self.dialect} store is shared by its senders through "
                "leases, not locked by one (send --worker)"
            )
        return SendLock(Path(self.url.database or ""), release=release, now=now)

    def import_legacy_ledger(self, path: Path, *, now: str) -> int:
        """Copy the rows of a ledger file written before the store (``deliveries.sqlite``)
        into the store, then rename the file ``*.migrated``: done once, losing nothing.
        Rows the store already has win (a rerun after a crash copies nothing twice).
        Returns the number of rows read; raises StoreError."""
        if not path.is_file():
            return 0
        try:
            legacy = sqlite3.connect(path)
            try:
                legacy.row_factory = sqlite3.Row
                rows = [dict(row) for row in legacy.execute("SELECT * FROM deliveries")]
            finally:
                legacy.close()
        except sqlite3.Error as error:
            raise StoreError(f"{path}: cannot read the old delivery ledger: {error}") from None
        columns = {column.name for column in deliveries.columns}
        records = [{name: value for name, value in row.items() if name in columns} for row in rows]
        for record in records:
            record.setdefault("created_at", now)
            record.setdefault("updated_at", now)
        if records:
            with self._transaction("import the old delivery ledger") as connection:
                for start in range(0, len(records), 500):
                    connection.execute(
                        self._insert(deliveries).on_conflict_do_nothing(
                            index_elements=["release", "address"]
                        ),
                        records[start : start + 500],
                    )
        path.rename(path.with_name(path.name + ".migrated"))
        return len(records)

    # -- subscribers

    def _salt(self, connection: sa.Connection) -> str:
        """The store's own salt for suppression hashes, made on first use."""
        connection.execute(
            self._insert(store_settings)
            .values(name="suppression_salt", value=secrets.token_hex(16))
            .on_conflict_do_nothing(index_elements=["name"])
        )
        salt = connection.execute(
            sa.select(store_settings.c.value).where(store_settings.c.name == "suppression_salt")
        ).scalar_one()
        return str(salt)

    def _suppressed(self, connection: sa.Connection, address: str) -> bool:
        digest = suppression_hash(self._salt(connection), address)
        found = connection.execute(
            sa.select(suppressions.c.address_hash).where(suppressions.c.address_hash == digest)
        ).first()
        return found is not None

    def subscriber(
        self, address: str = "", *, public_id: str = "", list_token: str = ""
    ) -> SubscriberRecord | None:
        """The subscriber with this (normalised) address, public id or list token, or None."""
        query = sa.select(subscribers)
        if public_id:
            query = query.where(subscribers.c.public_id == public_id)
        elif list_token:
            query = query.where(subscribers.c.list_token == list_token)
        else:
            query = query.where(subscribers.c.address == normalize_address(address))
        with self._transaction("read the subscribers") as connection:
            row = connection.execute(query).first()
        return _record(row) if row is not None else None

    def subscribers(self, status: str | None = None) -> tuple[SubscriberRecord, ...]:
        """Every subscriber (with this status, when given), by address."""
        query = sa.select(subscribers).order_by(subscribers.c.address)
        if status is not None:
            query = query.where(subscribers.c.status == status)
        with self._transaction("read the subscribers") as connection:
            return tuple(_record(row) for row in connection.execute(query))

    def status_counts(self) -> dict[str, int]:
        """How many subscribers have each status."""
        query = sa.select(subscribers.c.status, sa.func.count()).group_by(subscribers.c.status)
        with self._transaction("read the subscribers") as connection:
            return {row[0]: int(row[1]) for row in connection.execute(query)}

    def add_subscribers(
        self,
        people: Sequence[NewSubscriber],
        *,
        method: str,
        source: str,
        confirmed: bool,
        now: str,
    ) -> AddReport:
        """Add people who are not in the store yet (``confirmed`` or ``pending``); those
        already there keep their record and status (an import never resubscribes someone who
        left; with ``confirmed``, one who is pending or a list recipient is confirmed), and
        forgotten ones (on the suppression list) are not added. One transaction."""
        added: list[str] = []
        present: list[str] = []
        suppressed: list[str] = []
        promoted: list[str] = []
        with self._transaction("write the subscribers") as connection:
            salt = self._salt(connection)
            for person in people:
                address = normalize_address(person.address)
                digest = suppression_hash(salt, address)
                if connection.execute(
                    sa.select(suppressions.c.address_hash).where(
                        suppressions.c.address_hash == digest
                    )
                ).first():
                    suppressed.append(address)
                    continue
                inserted = connection.execute(
                    self._insert(subscribers)
                    .values(
                        public_id=new_public_id(),
                        address=address,
                        name=person.name,
                        status=CONFIRMED if confirmed else PENDING,
                        sections=join_sections(person.sections),
                        consent_method=method,
                        consent_at=now,
                        consent_source=source,
                        confirmed_at=now if confirmed else "",
                        created_at=now,
                        updated_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["address"])
                    .returning(subscribers.c.id)
                )
                if inserted.first() is not None:
                    added.append(address)
                    continue
                present.append(address)
                if (
                    confirmed
                    and connection.execute(
                        sa.update(subscribers)
                        .where(
                            subscribers.c.address == address,
                            subscribers.c.status.in_([PENDING, LISTED]),
                        )
                        .values(
                            status=CONFIRMED,
                            confirmed_at=now,
                            confirm_nonce="",
                            status_reason=f"confirmed by {source}",
                            updated_at=now,
                        )
                    ).rowcount
                ):
                    promoted.append(address)
        return AddReport(
            added=tuple(added),
            present=tuple(present),
            suppressed=tuple(suppressed),
            confirmed=tuple(promoted),
        )

    def bounce_refused(self, address: str, reply: str, *, now: str) -> None:
        """A 5xx at RCPT refuses the address itself: a confirmed subscriber or a list
        recipient becomes ``bounced``, and no more mail goes to it."""
        self.set_status(
            [address],
            "bounced",
            reason=f"refused at RCPT: {reply}"[:500],
            now=now,
            only_from=(CONFIRMED, LISTED),
        )

    def set_status(
        self,
        addresses: Iterable[str],
        status: str,
        *,
        reason: str,
        now: str,
        only_from: Sequence[str] = (),
    ) -> tuple[str, ...]:
        """Give these subscribers ``status`` (when their status is in ``only_from``, if
        given); returns the addresses that changed."""
        assert status in STATUSES
        changed = []
        with self._transaction("write the subscribers") as connection:
            for address in addresses:
                key = normalize_address(address)
                statement = (
                    sa.update(subscribers)
                    .where(subscribers.c.address == key, subscribers.c.status != status)
                    .values(status=status, status_reason=reason, updated_at=now, confirm_nonce="")
                )
                if only_from:
                    statement = statement.where(subscribers.c.status.in_(list(only_from)))
                if connection.execute(statement).rowcount:
                    changed.append(key)
        return tuple(changed)

    def forget(self, address: str, *, now: str) -> tuple[int, int]:
        """Delete everything about ``address`` (subscriber record, ledger rows) and put a
        salted hash of it on the suppression list. Returns (subscribers, deliveries) deleted."""
        key = normalize_address(address)
        with self._transaction("forget a subscriber") as connection:
            people = connection.execute(
                sa.delete(subscribers).where(subscribers.c.address == key)
            ).rowcount
            rows = connection.execute(
                sa.delete(deliveries).where(deliveries.c.address == key)
            ).rowcount
            connection.execute(
                self._insert(suppressions)
                .values(address_hash=suppression_hash(self._salt(connection), key), created_at=now)
                .on_conflict_do_nothing(index_elements=["address_hash"])
            )
        return people, rows

    def mailed(self, addresses: Iterable[str]) -> frozenset[str]:
        """Those of ``addresses`` (normalised) that the ledger has a delivery row for: people
        a `send` wrote to, recorded as subscribers or not (a list sent before lists were
        recorded)."""
        keys = sorted({normalize_address(address) for address in addresses})
        found: set[str] = set()
        with self._transaction("read the delivery ledger") as connection:
            for start in range(0, len(keys), 500):
                found.update(
                    connection.execute(
                        sa.select(deliveries.c.address)
                        .where(deliveries.c.address.in_(keys[start : start + 500]))
                        .distinct()
                    ).scalars()
                )
        return frozenset(found)

    def record_left(
        self, addresses: Iterable[str], status: str, *, reason: str, source: str, now: str
    ) -> tuple[str, ...]:
        """Record people with no subscriber record as ``status`` (``complained`` or
        ``bounced``; consent method ``cli`` from ``source``: the maintainer's `bounces` run),
        so that no later send, of the store or of a list, mails them; addresses with a
        record, or forgotten, are left alone. Returns the addresses recorded. One
        transaction."""
        assert status in (BOUNCED, COMPLAINED)
        recorded: list[str] = []
        with self._transaction("write the subscribers") as connection:
            for address in dict.fromkeys(normalize_address(a) for a in addresses):
                if self._suppressed(connection, address):
                    continue
                inserted = connection.execute(
                    self._insert(subscribers)
                    .values(
                        public_id=new_public_id(),
                        address=address,
                        status=status,
                        consent_method="cli",
                        consent_at=now,
                        consent_source=source,
                        status_reason=reason,
                        created_at=now,
                        updated_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["address"])
                    .returning(subscribers.c.id)
                )
                if inserted.first() is not None:
                    recorded.append(address)
        return tuple(recorded)

    def is_suppressed(self, address: str) -> bool:
        """Whether ``address`` was forgotten (on the suppression list)."""
        with self._transaction("read the suppression list") as connection:
            return self._suppressed(connection, normalize_address(address))

    # -- the subscription service

    def request_subscription(
        self,
        person: NewSubscriber,
        *,
        source: str,
        now: str,
        day: str,
        daily_limit: int = 3,
    ) -> SubscriptionRequest:
        """A subscribe form was sent: store or refresh a pending subscriber and decide
        whether a confirmation email goes out (at most ``daily_limit`` per address per
        ``day``). Confirmed subscribers only get their sections updated... never: the form
        cannot change a confirmed subscription (anyone can type anyone's address)."""
        address = normalize_address(person.address)
        nonce = secrets.token_urlsafe(12)
        with self._transaction("write the subscribers") as connection:
            row = connection.execute(
                sa.select(subscribers).where(subscribers.c.address == address)
            ).first()
            if row is None:
                public_id = new_public_id()
                inserted = connection.execute(
                    self._insert(subscribers)
                    .values(
                        public_id=public_id,
                        address=address,
                        name=person.name,
                        status=PENDING,
                        sections=join_sections(person.sections),
                        consent_method="form",
                        consent_at=now,
                        consent_source=source,
                        confirm_nonce=nonce,
                        confirmations_day=day,
                        confirmations_sent=1,
                        created_at=now,
                        updated_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["address"])
                    .returning(subscribers.c.id)
                )
                if inserted.first() is not None:
                    return SubscriptionRequest(public_id=public_id, nonce=nonce, send=True)
                row = connection.execute(
                    sa.select(subscribers).where(subscribers.c.address == address)
                ).one()
            record = row._mapping
            if record["status"] == CONFIRMED:
                return SubscriptionRequest(public_id=record["public_id"], nonce="", send=False)
            if record["status"] == COMPLAINED:
                # They reported our email as spam: anyone can type their address into the
                # form, and a confirmation email is mail too. Left as they are, mailed nothing.
                return SubscriptionRequest(public_id=record["public_id"], nonce="", send=False)
            sent_today = record["confirmations_sent"] if record["confirmations_day"] == day else 0
            if sent_today >= daily_limit:
                return SubscriptionRequest(public_id=record["public_id"], nonce="", send=False)
            # Pending, or back after leaving: a new consent, confirmed by the new link only.
            connection.execute(
                sa.update(subscribers)
                .where(subscribers.c.id == record["id"])
                .values(
                    name=person.name,
                    status=PENDING,
                    sections=join_sections(person.sections),
                    consent_method="form",
                    consent_at=now,
                    consent_source=source,
                    confirmed_at="",
                    confirm_nonce=nonce,
                    confirmations_day=day,
                    confirmations_sent=sent_today + 1,
                    status_reason="",
                    updated_at=now,
                )
            )
            return SubscriptionRequest(public_id=record["public_id"], nonce=nonce, send=True)

    def confirm_nonce(self, public_id: str) -> str:
        """The current confirmation nonce of a pending subscriber ('' when none)."""
        with self._transaction("read the subscribers") as connection:
            nonce = connection.execute(
                sa.select(subscribers.c.confirm_nonce).where(
                    subscribers.c.public_id == public_id, subscribers.c.status == PENDING
                )
            ).scalar()
        return str(nonce or "")

    def confirm(self, public_id: str, nonce: str, *, now: str) -> bool:
        """Confirm a pending subscriber whose nonce is still ``nonce`` (then cleared, so the
        link works once). Returns whether it did."""
        with self._transaction("write the subscribers") as connection:
            result = connection.execute(
                sa.update(subscribers)
                .where(
                    subscribers.c.public_id == public_id,
                    subscribers.c.status == PENDING,
                    subscribers.c.confirm_nonce == nonce,
                    subscribers.c.confirm_nonce != "",
                )
                .values(status=CONFIRMED, confirmed_at=now, confirm_nonce="", updated_at=now)
            )
            return bool(result.rowcount)

    def unsubscribe(self, public_id: str, *, reason: str, now: str) -> bool:
        """Unsubscribe the subscriber with ``public_id`` (idempotent). Returns whether such a
        subscriber exists."""
        with self._transaction("write the subscribers") as connection:
            result = connection.execute(
                sa.update(subscribers)
                .where(subscribers.c.public_id == public_id)
                .values(
                    status=sa.case(
                        (subscribers.c.status.in_([PENDING, CONFIRMED, LISTED]), UNSUBSCRIBED),
                        else_=subscribers.c.status,
                    ),
                    status_reason=sa.case(
                        (subscribers.c.status.in_([PENDING, CONFIRMED, LISTED]), reason),
                        else_=subscribers.c.status_reason,
                    ),
                    confirm_nonce="",
                    updated_at=now,
                )
            )
            return bool(result.rowcount)

    def set_sections(self, public_id: str, sections: Iterable[str], *, now: str) -> bool:
        """Change the sections a subscriber follows (empty: all), as they chose them: a
        list's send then follows this choice. Returns whether found."""
        with self._transaction("write the subscribers") as connection:
            result = connection.execute(
                sa.update(subscribers)
                .where(subscribers.c.public_id == public_id)
                .values(sections=join_sections(sections), sections_chosen_at=now, updated_at=now)
            )
            return bool(result.rowcount)

    def list_recipients(
        self,
        people: Sequence[NewSubscriber],
        *,
        source: str,
        now: str,
        record: bool = True,
        list_token: Callable[[str], str] | None = None,
        public_ids: Mapping[str, str] | None = None,
    ) -> ListReport:
        """The addresses of a list (``send --subscribers FILE``) as the store knows them, in
        one transaction: those who unsubscribed, bounced or complained, and forgotten ones,
        are skipped; the others get the email with their record's public id (``record``:
        addresses without one are recorded first, ``listed``, consent ``list`` from
        ``source``; without ``record`` nothing is written and they have none). A list's
        sections and name hold, and are kept on a ``listed`` record, unless the person is
        a confirmed subscriber or chose sections on the preferences page. ``list_token(address)``
        is kept on each record that has none: the token earlier emails of a list carried.
        ``public_ids`` (address → id): the ids a new record takes over, those earlier emails
        carried (a list recorded in a --ledger file); the others get new ones."""
        people = list({normalize_address(person.address): person for person in people}.values())
        recipients: list[ListRecipient] = []
        skipped: list[tuple[str, str]] = []
        recorded = 0
        action = "write the subscribers" if record else "read the subscribers"
        with self._transaction(action) as connection:
            salt = self._salt(connection) if record else self._existing_salt(connection)
            for start in range(0, len(people), 500):
                chunk = people[start : start + 500]
                keys = [normalize_address(person.address) for person in chunk]
                hashes = {suppression_hash(salt, key): key for key in keys} if salt else {}
                forgotten = {
                    hashes[row[0]]
                    for row in connection.execute(
                        sa.select(suppressions.c.address_hash).where(
                            suppressions.c.address_hash.in_(list(hashes))
                        )
                    )
                }
                known = {
                    row.address: row
                    for row in map(
                        _record,
                        connection.execute(
                            sa.select(subscribers).where(subscribers.c.address.in_(keys))
                        ),
                    )
                }
                fresh = [
                    {
                        "public_id": (public_ids or {}).get(key) or new_public_id(),
                        "address": key,
                        "name": person.name,
                        "status": LISTED,
                        "sections": join_sections(person.sections),
                        "consent_method": "list",
                        "consent_at": now,
                        "consent_source": source,
                        "created_at": now,
                        "updated_at": now,
                        "list_token": list_token(key) if list_token else "",
                    }
                    for key, person in zip(keys, chunk, strict=True)
                    if key not in known and key not in forgotten
                ]
                if record and fresh:
                    recorded += len(fresh)
                    # Two senders (a coordinator and its workers) may record at once: the
                    # first insert wins, and both read the same public id back.
                    connection.execute(
                        self._insert(subscribers).on_conflict_do_nothing(
                            index_elements=["address"]
                        ),
                        fresh,
                    )
                    known.update(
                        (row.address, row)
                        for row in map(
                            _record,
                            connection.execute(
                                sa.select(subscribers).where(
                                    subscribers.c.address.in_([item["address"] for item in fresh])
                                )
                            ),
                        )
                    )
                if record and list_token:
                    # Records made before (or for other reasons) learn their list token too.
                    untokened = [key for key in keys if key in known and not known[key].list_token]
                    if untokened:
                        connection.execute(
                            sa.update(subscribers)
                            .where(subscribers.c.address == sa.bindparam("key"))
                            .values(list_token=sa.bindparam("token")),
                            [{"key": key, "token": list_token(key)} for key in untokened],
                        )
                for key, person in zip(keys, chunk, strict=True):
                    found = known.get(key)
                    if key in forgotten:
                        skipped.append((key, "forgotten"))
                    elif found is None:
                        recipients.append(
                            ListRecipient(
                                address=person.address,
                                public_id="",
                                name=person.name,
                                sections=tuple(sorted(person.sections)),
                            )
                        )
                    elif found.status in LEFT:
                        skipped.append((key, found.status))
                    elif found.status == CONFIRMED or found.sections_chosen_at:
                        recipients.append(
                            ListRecipient(
                                address=person.address,
                                public_id=found.public_id,
                                name=found.name or person.name,
                                sections=found.sections,
                            )
                        )
                    else:
                        sections = join_sections(person.sections)
                        if (
                            record
                            and found.status == LISTED
                            and (found.name, ";".join(found.sections)) != (person.name, sections)
                        ):
                            connection.execute(
                                sa.update(subscribers)
                                .where(subscribers.c.address == key)
                                .values(name=person.name, sections=sections, updated_at=now)
                            )
                        recipients.append(
                            ListRecipient(
                                address=person.address,
                                public_id=found.public_id,
                                name=person.name,
                                sections=tuple(sorted(person.sections)),
                            )
                        )
        return ListReport(recipients=tuple(recipients), skipped=tuple(skipped), recorded=recorded)

    def _existing_salt(self, connection: sa.Connection) -> str:
        """The suppression salt when the store has one ('' before anyone was forgotten)."""
        found = connection.execute(
            sa.select(store_settings.c.value).where(store_settings.c.name == "suppression_salt")
        ).scalar()
        return str(found or "")


class Ledger(_Transactional):
    """The delivery ledger: one row per (release, address), the memory that makes `send`
    idempotent. Every method commits before it returns; errors are LedgerError."""

    _error = LedgerError
    _subject = " the delivery ledger"

    def __init__(self, store: Store) -> None:
        self.store = store
        self.where = store.where
        # One connection for the ledger's life: a send's many small commits skip the pool.
        with _reported(store.where, "open the delivery ledger", LedgerError):
            self.connection = store.engine.connect()

    def close(self) -> None:
        """Return the connection (the store stays open)."""
        self.connection.close()

    @contextmanager
    def _begin(self) -> Iterator[sa.Connection]:
        # A transaction left open on the ledger's one connection is rolled back first.
        if self.connection.in_transaction():
            self.connection.rollback()
        with self.connection.begin():
            yield self.connection

    def plan(self, release: str, addresses: Iterable[str], *, now: str) -> None:
        """Add a ``pending`` row for each address that has none yet for this release."""
        records = [
            {"release": release, "address": address, "state": PENDING, "created_at": now,
             "updated_at": now}
            for address in addresses
        ]  # fmt: skip
        if not records:
            return
        statement = self.store._insert(deliveries).on_conflict_do_nothing(
            index_elements=["release", "address"]
        )
        with self._transaction("write") as connection:
            connection.execute(statement, records)

    def rows(self, release: str | None = None) -> tuple[Delivery, ...]:
        """Every row (of one release, when given), ordered by release then address."""
        query = sa.select(deliveries).order_by(deliveries.c.release, deliveries.c.address)
        if release is not None:
            query = query.where(deliveries.c.release == release)
        with self._transaction("read") as connection:
            return tuple(Delivery(**row._asdict()) for row in connection.execute(query))

    def counts(self, release: str | None = None) -> dict[tuple[str, str], int]:
        """Row counts by (release, state)."""
        query = sa.select(deliveries.c.release, deliveries.c.state, sa.func.count()).group_by(
            deliveries.c.release, deliveries.c.state
        )
        if release is not None:
            query = query.where(deliveries.c.release == release)
        with self._transaction("read") as connection:
            return {(row[0], row[1]): int(row[2]) for row in connection.execute(query)}

    def recover(self, release: str, *, now: str) -> int:
        """Put rows left ``sending`` by a run that died back to ``pending`` (their Message-IDs
        kept); return how many. Only the holder of the send lock may call this."""
        with self._transaction("write") as connection:
            return int(connection.execute(_RECOVER, {"key_release": release, "now": now}).rowcount)

    def claim(self, release: str, address: str, *, message_id: str, now: str) -> bool:
        """Mark the row ``sending`` (the in-flight marker, before DATA) if it is still
        ``pending`` or ``deferred``; False when it is not (someone else has it, or it is
        done): then the message must not be sent."""
        values = {"key_release": release, "key_address": address}
        with self._transaction("write") as connection:
            result = connection.execute(_CLAIM, {**values, "message_id": message_id, "now": now})
            return result.rowcount == 1

    def mark_sending(self, release: str, address: str, *, message_id: str, now: str) -> None:
        """Mark the row ``sending`` whatever its state (what a run that died leaves)."""
        self._update(_MARK_SENDING, release, address, message_id=message_id, now=now)

    def mark_sent(self, release: str, address: str, *, reply: str, now: str) -> None:
        """Record that the server accepted the message."""
        self._update(_MARK_SENT, release, address, reply=reply, now=now)

    def mark_refused(self, release: str, address: str, *, state: str, reply: str, now: str) -> None:
        """Record a refusal: ``pending`` (will retry), ``deferred`` or ``failed``."""
        assert state in (PENDING, DEFERRED, FAILED)
        self._update(_MARK_REFUSED, release, address, state=state, reply=reply, now=now)

    def defer(self, release: str, addresses: Sequence[str], *, reply: str, now: str) -> None:
        """Mark the rows of ``addresses`` ``deferred`` in one transaction (what a run left
        when its deadline came); rows already sent, sending or failed stay as they are."""
        if not addresses:
            return
        with self._transaction("write") as connection:
            connection.execute(
                _DEFER,
                [
                    {"key_release": release, "key_address": address, "reply": reply, "now": now}
                    for address in addresses
                ],
            )

    # -- workers (PostgreSQL): batches claimed with row locks, held under a lease

    def _epoch(self) -> Any:
        """The database's clock in seconds since the epoch: leases are compared on one clock,
        whichever machine a worker runs on."""
        if self.store.dialect == "postgresql":
            return sa.func.extract("epoch", sa.func.clock_timestamp())
        return (sa.func.julianday("now") - 2440587.5) * 86400.0

    def plan_release(
        self, release: str, addresses: Iterable[str], *, planned_by: str, now: str
    ) -> bool:
        """Plan a release for workers in one transaction: a ``pending`` row per new address,
        rows ``deferred`` by an earlier run due again. Returns True when this call made the
        release's plan, False when another coordinator had (its rows are kept, new
        addresses added: two coordinators at once plan once)."""
        records = [
            {"release": release, "address": address, "state": PENDING, "created_at": now,
             "updated_at": now}
            for address in addresses
        ]  # fmt: skip
        with self._transaction("write") as connection:
            made = connection.execute(
                self.store._insert(send_plans)
                .values(release=release, planned_by=planned_by, planned_at=now)
                .on_conflict_do_nothing(index_elements=["release"])
                .returning(send_plans.c.release)
            ).first()
            for start in range(0, len(records), 1000):
                connection.execute(
                    self.store._insert(deliveries).on_conflict_do_nothing(
                        index_elements=["release", "address"]
                    ),
                    records[start : start + 1000],
                )
            connection.execute(
                sa.update(deliveries)
                .where(deliveries.c.release == release, deliveries.c.state == DEFERRED)
                .values(state=PENDING, lease_until=0, updated_at=now)
            )
        return made is not None

    def planned(self, release: str) -> bool:
        """Whether a coordinator has planned ``release``."""
        with self._transaction("read") as connection:
            return (
                connection.execute(
                    sa.select(send_plans.c.release).where(send_plans.c.release == release)
                ).first()
                is not None
            )

    def claim_batch(
        self,
        release: str,
        *,
        worker: str,
        limit: int,
        lease: float,
        now: str,
        message_id: Callable[[str], str],
    ) -> list[tuple[str, str, int]]:
        """Take up to ``limit`` rows for ``worker`` in one transaction: ``pending`` rows that
        are due, and ``sending`` rows whose lease expired (their worker died). Rows other
        workers are claiming at this moment are skipped (FOR UPDATE SKIP LOCKED), so no row
        goes to two workers. Each row is now ``sending`` under a lease, its try counted, its
        Message-ID recorded (``message_id(address)`` when it had none), all before any DATA:
        a worker that dies leaves rows another resends with the same ID. Returns (address,
        Message-ID, tries with this one) triples."""
        epoch = self._epoch()
        claimable = (
            sa.select(deliveries.c.release, deliveries.c.address)
            .where(
                deliveries.c.release == release,
                sa.or_(
                    sa.and_(deliveries.c.state == PENDING, deliveries.c.lease_until <= epoch),
                    sa.and_(deliveries.c.state == SENDING, deliveries.c.lease_until < epoch),
                ),
            )
            .order_by(deliveries.c.address)
            .limit(limit)
        )
        if self.store.dialect == "postgresql":
            claimable = claimable.with_for_update(skip_locked=True)
        chosen = claimable.subquery()
        statement = (
            sa.update(deliveries)
            .where(
                deliveries.c.release == chosen.c.release,
                deliveries.c.address == chosen.c.address,
            )
            .values(
                state=SENDING,
                worker=worker,
                lease_until=epoch + lease,
                attempts=deliveries.c.attempts + 1,
                updated_at=now,
            )
            .returning(deliveries.c.address, deliveries.c.message_id, deliveries.c.attempts)
        )
        with self._transaction("write") as connection:
            rows = [(row[0], row[1] or message_id(row[0]), int(row[2])) for row in
                    connection.execute(statement)]  # fmt: skip
            fresh = [
                {"key_release": release, "key_address": address, "message_id": identifier}
                for address, identifier, _ in rows
                if identifier
            ]
            if fresh:
                connection.execute(_SET_MESSAGE_ID, fresh)
            return rows

    def renew(self, release: str, address: str, *, worker: str, lease: float, now: str) -> bool:
        """Renew ``worker``'s lease on a row it is about to send; False when the lease ran out
        and another worker took the row: then it must not be sent."""
        with self._transaction("write") as connection:
            result = connection.execute(
                sa.update(deliveries)
                .where(deliveries.c.address == address, *_leased_to(worker, release))
                .values(lease_until=self._epoch() + lease, updated_at=now)
            )
            return result.rowcount == 1

    def record_sent(self, release: str, sent: Sequence[tuple[str, str]], *, now: str) -> None:
        """Record that the server accepted these messages ((address, reply) pairs), in one
        transaction: the group commit of a worker's connections."""
        if not sent:
            return
        with self._transaction("write") as connection:
            result = connection.execute(
                _MARK_SENT,
                [
                    {"key_release": release, "key_address": address, "reply": reply, "now": now}
                    for address, reply in sent
                ],
            )
            if result.rowcount != len(sent):
                raise LedgerError(
                    f"{self.store.where}: {len(sent) - result.rowcount} ledger row(s) of "
                    f"{release} vanished while being sent"
                )

    def retry_later(
        self, release: str, address: str, *, worker: str, reply: str, delay: float, now: str
    ) -> None:
        """A temporary refusal: ``pending`` again, for any worker, not before ``delay``."""
        with self._transaction("write") as connection:
            connection.execute(
                sa.update(deliveries)
                .where(deliveries.c.address == address, *_leased_to(worker, release))
                .values(
                    state=PENDING,
                    last_reply=reply,
                    lease_until=self._epoch() + delay,
                    updated_at=now,
                )
            )

    def hand_back(self, release: str, addresses: Sequence[str], *, worker: str, now: str) -> None:
        """Return rows ``worker`` claimed but never tried (its deadline came) to ``pending``."""
        if not addresses:
            return
        with self._transaction("write") as connection:
            connection.execute(
                sa.update(deliveries)
                .where(deliveries.c.address.in_(list(addresses)), *_leased_to(worker, release))
                # Its claim counted a try that never happened.
                .values(
                    state=PENDING,
                    lease_until=0,
                    attempts=deliveries.c.attempts - 1,
                    updated_at=now,
                )
            )

    def unfinished(self, release: str) -> int:
        """How many rows of ``release`` are still ``pending`` or ``sending``."""
        with self._transaction("read") as connection:
            return int(
                connection.execute(
                    sa.select(sa.func.count()).where(
                        deliveries.c.release == release,
                        deliveries.c.state.in_([PENDING, SENDING]),
                    )
                ).scalar_one()
            )

    def progress(self, release: str, *, since: str) -> tuple[WorkerProgress, ...]:
        """Per worker (``""``: rows no worker has touched): rows by state, and messages sent
        at or after ``since`` (a timestamp in the ledger's format)."""
        recent = sa.func.sum(
            sa.case(
                (sa.and_(deliveries.c.state == SENT, deliveries.c.sent_at >= since), 1), else_=0
            )
        )
        query = (
            sa.select(deliveries.c.worker, deliveries.c.state, sa.func.count(), recent)
            .where(deliveries.c.release == release)
            .group_by(deliveries.c.worker, deliveries.c.state)
            .order_by(deliveries.c.worker)
        )
        workers: dict[str, dict[str, int]] = {}
        sent_recently: dict[str, int] = {}
        with self._transaction("read") as connection:
            for worker, state, count, sent in connection.execute(query):
                workers.setdefault(worker, {})[state] = int(count)
                sent_recently[worker] = sent_recently.get(worker, 0) + int(sent or 0)
        return tuple(
            WorkerProgress(worker=worker, counts=counts, sent_last_minute=sent_recently[worker])
            for worker, counts in workers.items()
        )

    def _update(self, statement: sa.Update, release: str, address: str, **values: str) -> None:
        with self._transaction("write") as connection:
            result = connection.execute(
                statement, {"key_release": release, "key_address": address, **values}
            )
            if result.rowcount != 1:
                raise LedgerError(f"{self.store.where}: no ledger row for {release} {address}")


# A send changes two rows per message: the statements are built once (building one costs
# more than SQLite takes to run it).
def _ledger_update(**values: Any) -> sa.Update:
    return (
        sa.update(deliveries)
        .where(
            deliveries.c.release == sa.bindparam("key_release"),
            deliveries.c.address == sa.bindparam("key_address"),
        )
        .values(**values)
    )


_MARK_SENDING = _ledger_update(
    state=SENDING,
    attempts=deliveries.c.attempts + 1,
    message_id=sa.bindparam("message_id"),
    updated_at=sa.bindparam("now"),
)
_MARK_SENT = _ledger_update(
    state=SENT,
    last_reply=sa.bindparam("reply"),
    updated_at=sa.bindparam("now"),
    sent_at=sa.bindparam("now"),
)
_SET_MESSAGE_ID = _ledger_update(message_id=sa.bindparam("message_id")).where(
    deliveries.c.message_id == ""
)
_CLAIM = _MARK_SENDING.where(sa.or_(deliveries.c.state == PENDING, deliveries.c.state == DEFERRED))
_RECOVER = (
    sa.update(deliveries)
    .where(deliveries.c.release == sa.bindparam("key_release"), deliveries.c.state == SENDING)
    .values(state=PENDING, updated_at=sa.bindparam("now"))
)
_DEFER = _ledger_update(
    state=DEFERRED, last_reply=sa.bindparam("reply"), updated_at=sa.bindparam("now")
).where(sa.or_(deliveries.c.state == PENDING, deliveries.c.state == DEFERRED))
_MARK_REFUSED = _ledger_update(
    state=sa.bindparam("state"), last_reply=sa.bindparam("reply"), updated_at=sa.bindparam("now")
)


def _revision_of(connection: sa.Connection) -> str | None:
    """The schema revision the database is at (None: no schema yet)."""
    if not connection.dialect.has_table(connection, "alembic_version"):
        return None
    found = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return str(found) if found is not None else None


def _known_revision(config: Any, revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(config).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def open_store(
    state_dir: Path,
    database_url: str = "",
    *,
    now: str,
    path: Path | None = None,
    synchronous: str = "NORMAL",
) -> Store:
    """Open (creating and migrating as needed) the store: ``path`` (a SQLite file), else
    ``database_url`` (PUBLISHER_DATABASE_URL), else ``state_dir/publisher.sqlite``. A ledger
    file from before the store (``state_dir/deliveries.sqlite``) is moved into it once.
    Raises StoreError."""
    url = (
        sa.URL.create("sqlite", database=str(path))
        if path is not None
        else engine_url(database_url, state_dir)
    )
    store = Store(url, synchronous=synchronous)
    try:
        store.import_legacy_ledger(state_dir / LEGACY_LEDGER, now=now)
    except BaseException:
        store.close()
        raise
    return store


def store_exists(state_dir: Path, database_url: str = "", *, path: Path | None = None) -> bool:
    """Whether opening the store would find something (always true for a server database):
    lets --dry-run and `deliveries` look without creating files."""
    if path is not None:
        return path.exists()
    if database_url.strip():
        return True
    return (state_dir / DEFAULT_FILE).exists() or (state_dir / LEGACY_LEDGER).exists()


def is_ledger_file(path: Path) -> bool:
    """Whether ``path`` is a SQLite file holding a ledger this package wrote (`send --ledger`):
    looked at read-only, so that a wrong file given is never created, migrated or changed."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.Error:
        return False  # not a database at all
    finally:
        connection.close()
    return {"alembic_version", "deliveries"} <= tables


def suppression_hash(salt: str, address: str) -> str:
    """The salted hash a forgotten address is remembered by."""
    return hmac.new(salt.encode(), address.encode("utf-8"), hashlib.sha256).hexdigest()


def new_public_id() -> str:
    """A random identifier for links (128 bits)."""
    return secrets.token_urlsafe(16)
