"""The store on SQLite and on a real PostgreSQL: migrations, the delivery ledger's state
machine, and the one-time move of a ledger file written before the store."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from publisher.delivery import LedgerError, NewSubscriber, Store, open_store
from publisher.delivery.store import SCHEMA_HEAD, engine_url
from publisher.errors import StoreError

RELEASE = "2024.02"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LEGACY = FIXTURES / "ledger-0.1.0" / "deliveries.sqlite"


def open_test_store(state_dir: Path, database_url: str) -> Store:
    return open_store(state_dir, database_url, now="2024-03-01T00:00:00+00:00")


def test_a_new_store_is_migrated_to_the_head_and_reopening_changes_nothing(
    tmp_path: Path, database_url: str
) -> None:
    with open_test_store(tmp_path, database_url) as store:
        with store.engine.connect() as connection:
            tables = set(sa.inspect(connection).get_table_names())
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        assert {"deliveries", "subscribers", "suppressions", "store_settings"} <= tables
        assert version == [(SCHEMA_HEAD,)]
        with store.ledger() as ledger:
            ledger.plan(RELEASE, ["a@example.org"], now="t")
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        assert [row.address for row in ledger.rows()] == ["a@example.org"]
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1


def test_the_ledger_state_machine(tmp_path: Path, database_url: str) -> None:
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        ledger.plan(RELEASE, ["b@example.org", "a@example.org", "c@example.org"], now="t0")
        ledger.plan(RELEASE, ["a@example.org", "d@example.org"], now="t1")  # a: kept as is
        ledger.mark_sending(RELEASE, "a@example.org", message_id="<1@example.org>", now="t2")
        ledger.mark_sent(RELEASE, "a@example.org", reply="250 OK", now="t3")
        ledger.mark_sending(RELEASE, "b@example.org", message_id="<2@example.org>", now="t4")
        ledger.mark_refused(RELEASE, "b@example.org", state="failed", reply="550 no", now="t5")
        ledger.mark_sending(RELEASE, "c@example.org", message_id="<3@example.org>", now="t6")
        ledger.mark_refused(RELEASE, "c@example.org", state="pending", reply="451 later", now="t7")
        ledger.mark_sending(RELEASE, "c@example.org", message_id="<3@example.org>", now="t8")
        ledger.plan("2024.01", ["a@example.org"], now="t9")
        rows = {row.address: row for row in ledger.rows(RELEASE)}
        assert list(rows) == sorted(rows)
        assert (rows["a@example.org"].state, rows["a@example.org"].sent_at) == ("sent", "t3")
        assert rows["a@example.org"].created_at == "t0"
        assert (rows["b@example.org"].state, rows["b@example.org"].last_reply) == (
            "failed",
            "550 no",
        )
        assert (rows["c@example.org"].state, rows["c@example.org"].attempts) == ("sending", 2)
        assert rows["d@example.org"].state == "pending"
        assert ledger.counts() == {
            (RELEASE, "sent"): 1,
            (RELEASE, "failed"): 1,
            (RELEASE, "sending"): 1,
            (RELEASE, "pending"): 1,
            ("2024.01", "pending"): 1,
        }
        assert ledger.counts("2024.01") == {("2024.01", "pending"): 1}
        assert [row.release for row in ledger.rows()] == ["2024.01"] + [RELEASE] * 4
        with pytest.raises(LedgerError, match="no ledger row"):
            ledger.mark_sent(RELEASE, "nobody@example.org", reply="250", now="t")


def test_the_ledger_refuses_unknown_states(tmp_path: Path, database_url: str) -> None:
    with open_test_store(tmp_path, database_url) as store:
        with store.ledger() as ledger:
            ledger.plan(RELEASE, ["a@example.org"], now="t")
        with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE deliveries SET state = 'lost'")


def test_sqlite_is_wal_at_the_default_place(tmp_path: Path) -> None:
    with open_test_store(tmp_path, "") as store, store.ledger() as ledger:
        ledger.plan(RELEASE, ["a@example.org"], now="t")
    connection = sqlite3.connect(tmp_path / "publisher.sqlite")
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()


def test_concurrent_first_opens_migrate_once(tmp_path: Path, database_url: str) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_test_store(tmp_path, database_url).close()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_test_store(tmp_path, database_url) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [
            (SCHEMA_HEAD,)
        ]


def legacy_rows(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT * FROM deliveries ORDER BY release, address").fetchall()
    finally:
        connection.close()


def test_a_ledger_file_of_the_previous_release_moves_into_the_store_once_losing_nothing(
    tmp_path: Path, database_url: str
) -> None:
    # The fixture was written by publisher 0.1.0's own ledger module (before the store).
    shutil.copy(LEGACY, tmp_path / "deliveries.sqlite")
    before = legacy_rows(tmp_path / "deliveries.sqlite")
    assert len(before) == 8
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        after = [
            (
                row.release,
                row.address,
                row.state,
                row.attempts,
                row.last_reply,
                row.message_id,
                row.created_at,
                row.updated_at,
                row.sent_at,
            )
            for row in ledger.rows()
        ]
        assert after == before
        # The in-flight row keeps its Message-ID for the resend; sent rows stay sent.
        states = {(row.release, row.address): row.state for row in ledger.rows()}
        assert states[("2024.02", "reader00@example.net")] == "sending"
        assert states[("2024.01", "reader03@example.net")] == "sent"
        ledger.mark_sent("2024.02", "reader00@example.net", reply="250 OK", now="later")
    assert not (tmp_path / "deliveries.sqlite").exists()
    assert (tmp_path / "deliveries.sqlite.migrated").exists()
    # Once: the old file is not read again, and what the store learnt since stays.
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        assert len(ledger.rows()) == 8
        assert ledger.counts("2024.02")[("2024.02", "sent")] == 1


def test_a_half_done_move_is_finished_without_duplicates(tmp_path: Path, database_url: str) -> None:
    # A crash between the copy's commit and the rename: the next open copies again, and the
    # rows the store already has win.
    shutil.copy(LEGACY, tmp_path / "deliveries.sqlite")
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        ledger.mark_sent("2024.02", "reader00@example.net", reply="250 OK", now="later")
    shutil.copy(LEGACY, tmp_path / "deliveries.sqlite")
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        assert len(ledger.rows()) == 8
        assert ledger.counts("2024.02")[("2024.02", "sent")] == 1


def test_a_store_from_a_newer_publisher_is_refused(tmp_path: Path, database_url: str) -> None:
    open_test_store(tmp_path, database_url).close()
    url = engine_url(database_url, tmp_path)
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(StoreError, match="newer publisher"):
        open_test_store(tmp_path, database_url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root:hunter2@db/x", "'mysql' is not supported"),
        ("not a url", "not a database URL"),
    ],
)
def test_bad_database_urls_never_echo_a_password(url: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=message) as raised:
        open_test_store(tmp_path, url)
    assert "hunter2" not in str(raised.value)


def test_an_unreachable_server_is_a_clean_error_without_the_password(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot connect to the store: ") as raised:
        open_test_store(tmp_path, "postgresql://me:hunter2@127.0.0.1:1/nothing")
    assert "hunter2" not in str(raised.value)
    assert "postgresql+psycopg://me:***@127.0.0.1:1/nothing" in str(raised.value)


def test_defer_marks_only_rows_not_yet_under_way(tmp_path: Path, database_url: str) -> None:
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        ledger.plan(RELEASE, ["a@example.org", "b@example.org", "c@example.org"], now="t0")
        ledger.mark_sending(RELEASE, "a@example.org", message_id="<1@example.org>", now="t1")
        ledger.mark_sent(RELEASE, "a@example.org", reply="250 OK", now="t2")
        ledger.defer(RELEASE, ["a@example.org", "b@example.org"], reply="deadline", now="t3")
        states = {row.address: (row.state, row.last_reply) for row in ledger.rows(RELEASE)}
    assert states == {
        "a@example.org": ("sent", "250 OK"),
        "b@example.org": ("deferred", "deadline"),
        "c@example.org": ("pending", ""),
    }


def test_claim_takes_only_rows_still_waiting_and_recover_frees_in_flight_rows(
    tmp_path: Path, database_url: str
) -> None:
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        ledger.plan(RELEASE, ["a@example.org", "b@example.org"], now="t0")
        assert ledger.claim(RELEASE, "a@example.org", message_id="<1@example.org>", now="t1")
        assert not ledger.claim(RELEASE, "a@example.org", message_id="<2@example.org>", now="t2")
        assert ledger.recover(RELEASE, now="t3") == 1
        assert ledger.claim(RELEASE, "a@example.org", message_id="<1@example.org>", now="t4")
        ledger.mark_sent(RELEASE, "a@example.org", reply="250 OK", now="t5")
        assert not ledger.claim(RELEASE, "a@example.org", message_id="<1@example.org>", now="t6")
        rows = {row.address: row for row in ledger.rows(RELEASE)}
    assert (rows["a@example.org"].attempts, rows["a@example.org"].message_id) == (
        2,
        "<1@example.org>",
    )
    assert rows["b@example.org"].state == "pending"


def test_one_send_lock_per_store_naming_the_holder(tmp_path: Path, database_url: str) -> None:
    with (
        open_test_store(tmp_path, database_url) as store,
        open_test_store(tmp_path, database_url) as other,
    ):
        if store.dialect == "postgresql":
            # Its senders share the work through leases (tests/test_send_workers.py).
            with pytest.raises(LedgerError, match="shared by its senders through leases"):
                store.send_lock(release=RELEASE, now="t")
            return
        with store.send_lock(release=RELEASE, now="2026-01-01T00:00:00+00:00"):
            with pytest.raises(LedgerError) as raised:
                other.send_lock(release=RELEASE, now="later")
            assert "another send is running on this ledger: pid " in str(raised.value)
            assert "release 2024.02, started 2026-01-01T00:00:00+00:00" in str(raised.value)
        with other.send_lock(release=RELEASE, now="later"):  # free again
            pass


def test_the_schema_head_constant_names_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from publisher.delivery.store import MIGRATIONS, SCHEMA_HEAD

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_claimed_batches_count_tries_keep_ids_and_are_recorded_in_groups(
    tmp_path: Path, database_url: str
) -> None:
    people = [f"p{number}@example.org" for number in range(5)]
    with open_test_store(tmp_path, database_url) as store, store.ledger() as ledger:
        ledger.plan_release(RELEASE, people, planned_by="coordinator", now="t")
        ledger.mark_sending(RELEASE, people[0], message_id="<earlier@example.org>", now="t")
        ledger.mark_refused(RELEASE, people[0], state="pending", reply="451 later", now="t")

        def default_id(address: str) -> str:
            return f"<{address}>"

        claimed = ledger.claim_batch(
            RELEASE, worker="w1", limit=3, lease=60, now="t", message_id=default_id
        )
        # One statement: the rows are `sending` for w1, the try counted, the Message-ID
        # recorded before any DATA (an earlier one kept).
        assert claimed == [
            (people[0], "<earlier@example.org>", 2),
            (people[1], f"<{people[1]}>", 1),
            (people[2], f"<{people[2]}>", 1),
        ]
        rows = {row.address: row for row in ledger.rows(RELEASE)}
        assert [rows[person].state for person in people] == ["sending"] * 3 + ["pending"] * 2
        assert (rows[people[1]].message_id, rows[people[1]].worker) == (f"<{people[1]}>", "w1")
        # Another worker gets the rest only; the lease holds.
        other = ledger.claim_batch(
            RELEASE, worker="w2", limit=10, lease=60, now="t", message_id=default_id
        )
        assert [address for address, _, _ in other] == people[3:]
        assert not ledger.renew(RELEASE, people[3], worker="w1", lease=60, now="t")
        assert ledger.renew(RELEASE, people[3], worker="w2", lease=60, now="t")

        ledger.record_sent(RELEASE, [(people[0], "250 a"), (people[1], "250 b")], now="t2")
        ledger.hand_back(RELEASE, [people[2]], worker="w1", now="t2")  # never tried
        rows = {row.address: row for row in ledger.rows(RELEASE)}
        assert (rows[people[0]].state, rows[people[0]].last_reply) == ("sent", "250 a")
        assert (rows[people[1]].state, rows[people[1]].sent_at) == ("sent", "t2")
        assert (rows[people[2]].state, rows[people[2]].attempts) == ("pending", 0)
        with pytest.raises(LedgerError, match="1 ledger row"):
            ledger.record_sent(RELEASE, [(people[3], "250"), ("gone@example.org", "250")], now="t")


def test_a_refusal_at_rcpt_bounces_a_confirmed_subscriber_only(
    tmp_path: Path, database_url: str
) -> None:
    with open_test_store(tmp_path, database_url) as store:
        for address, confirmed in (("ann@example.org", True), ("bob@example.org", False)):
            store.add_subscribers(
                [NewSubscriber(address=address)],
                method="cli",
                source="test",
                confirmed=confirmed,
                now="t0",
            )
        reply = "550 5.1.1 no such user " + "x" * 600
        store.bounce_refused("Ann@Example.org", reply, now="t1")
        store.bounce_refused("bob@example.org", reply, now="t1")
        ann = store.subscriber("ann@example.org")
        bob = store.subscriber("bob@example.org")
    assert ann is not None
    assert bob is not None
    assert (ann.status, ann.status_reason) == ("bounced", f"refused at RCPT: {reply}"[:500])
    assert bob.status == "pending"  # never confirmed: nothing was sent to refuse


def test_switching_a_new_store_to_wal_waits_for_a_process_holding_it(tmp_path: Path) -> None:
    # SQLite can answer "database is locked" at once to the journal switch (not calling the
    # busy handler): busy_timeout=0 here makes that answer certain. Another connection holds
    # the file exclusively for a moment, as a second `send` started together does.
    from publisher.delivery.store import _switch_to_wal

    path = tmp_path / "store.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    waiting = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            waiting.execute("PRAGMA journal_mode=WAL")
        release.start()
        _switch_to_wal(waiting)
        assert waiting.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        release.join()
        waiting.close()
        holder.close()


def test_a_store_of_the_previous_schema_upgrades_keeping_its_subscribers(
    tmp_path: Path, database_url: str
) -> None:
    # A store written before list recipients (schema 0002) with subscribers in it: opening it
    # migrates in place (SQLite copies the table to change its checks), losing nobody.
    from alembic import command
    from alembic.config import Config

    from publisher.delivery.store import MIGRATIONS

    engine = sa.create_engine(engine_url(database_url, tmp_path))
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.exec_driver_sql(
            "INSERT INTO subscribers (public_id, address, status, sections, consent_method, "
            "consent_at, created_at, updated_at) VALUES ('p1', 'ann@example.org', "
            "'unsubscribed', 'mlops', 'form', 't0', 't0', 't0')"
        )
        # 0002 has no word for a list recipient.
        with pytest.raises(sa.exc.IntegrityError), connection.begin_nested():
            connection.exec_driver_sql(
                "INSERT INTO subscribers (public_id, address, status, consent_method, "
                "consent_at, created_at, updated_at) VALUES ('p2', 'bob@example.org', "
                "'listed', 'list', 't0', 't0', 't0')"
            )
    engine.dispose()
    with open_test_store(tmp_path, database_url) as store:
        ann = store.subscriber("ann@example.org")
        assert ann is not None
        assert (ann.public_id, ann.status, ann.sections, ann.sections_chosen_at) == (
            "p1",
            "unsubscribed",
            ("mlops",),
            "",
        )
        report = store.list_recipients(
            [NewSubscriber(address="ann@example.org"), NewSubscriber(address="bob@example.org")],
            source="send --subscribers list.csv",
            now="t1",
        )
        assert report.skipped == (("ann@example.org", "unsubscribed"),)
        bob = store.subscriber("bob@example.org")
        assert bob is not None
        assert (bob.status, bob.consent_method) == ("listed", "list")
        # The checks are still there after the copy.
        with pytest.raises(StoreError, match="cannot write the subscribers"):
            _write_status(store, "bob@example.org", "nonsense")


def _write_status(store: Store, address: str, status: str) -> None:
    """A status outside the schema's check, written as the store writes (the check holds)."""
    from publisher.delivery.store import subscribers

    with store._transaction("write the subscribers") as connection:
        connection.execute(
            sa.update(subscribers).where(subscribers.c.address == address).values(status=status)
        )


def test_a_list_is_recorded_once_and_those_who_left_are_skipped(
    tmp_path: Path, database_url: str
) -> None:
    with open_test_store(tmp_path, database_url) as store:
        for address, confirmed in (
            ("bob@example.org", True),
            ("cat@example.org", True),
            ("eve@example.org", True),
            ("dan@example.org", True),
        ):
            store.add_subscribers(
                [NewSubscriber(address=address, sections=("mlops",))],
                method="form",
                source="test",
                confirmed=confirmed,
                now="t0",
            )
        cat = store.subscriber("cat@example.org")
        assert cat is not None
        store.unsubscribe(cat.public_id, reason="one-click", now="t0")
        store.bounce_refused("eve@example.org", "550 no such user", now="t0")
        store.forget("dan@example.org", now="t0")
        people = [
            NewSubscriber(address="Ann@Example.org", name="Ann", sections=("basics",)),
            NewSubscriber(address="bob@example.org", name="Bob", sections=()),
            NewSubscriber(address="cat@example.org"),
            NewSubscriber(address="dan@example.org"),
            NewSubscriber(address="eve@example.org"),
        ]
        source = "send --subscribers list.csv"

        # A dry run reads: nothing is recorded, the new address has no record yet.
        looked = store.list_recipients(people, source=source, now="t1", record=False)
        assert store.subscriber("ann@example.org") is None
        assert (looked.recipients[0].address, looked.recipients[0].public_id) == (
            "Ann@Example.org",
            "",
        )
        assert (looked.recorded, len(looked.recipients)) == (0, 2)

        report = store.list_recipients(people, source=source, now="t1")
        assert report.recorded == 1
        assert sorted(report.skipped) == [
            ("cat@example.org", "unsubscribed"),
            ("dan@example.org", "forgotten"),
            ("eve@example.org", "bounced"),
        ]
        ann = store.subscriber("ann@example.org")
        assert ann is not None
        assert (ann.status, ann.consent_method, ann.consent_source, ann.sections) == (
            "listed",
            "list",
            source,
            ("basics",),
        )
        recipients = {item.address: item for item in report.recipients}
        assert recipients["Ann@Example.org"].public_id == ann.public_id
        # A confirmed subscriber on the list keeps their record and the sections they chose.
        bob = store.subscriber("bob@example.org")
        assert bob is not None
        assert recipients["bob@example.org"].public_id == bob.public_id
        assert recipients["bob@example.org"].sections == ("mlops",)
        # Recording again records nothing new and keeps the public id (old links work); the
        # list's new sections hold for a list recipient who never chose any.
        people[0] = NewSubscriber(address="ann@example.org", name="Ann", sections=("advanced",))
        again = store.list_recipients(people, source=source, now="t2")
        assert again.recorded == 0
        assert again.recipients[0].public_id == ann.public_id
        assert again.recipients[0].sections == ("advanced",)
        ann = store.subscriber("ann@example.org")
        assert ann is not None
        assert ann.sections == ("advanced",)
        # Once the person chose on the preferences page, their choice holds over the list's.
        store.set_sections(ann.public_id, ["basics", "mlops"], now="t3")
        chosen = store.list_recipients(people, source=source, now="t4")
        assert chosen.recipients[0].sections == ("basics", "mlops")
        # A list recipient is no subscriber of the store's own list, nor of its export.
        assert "ann@example.org" not in {
            person.address for person in store.subscribers("confirmed")
        }
        # The one-click link of their email unsubscribes them; the next send skips them.
        assert store.unsubscribe(ann.public_id, reason="one-click", now="t5")
        last = store.list_recipients(people, source=source, now="t6")
        assert ("ann@example.org", "unsubscribed") in last.skipped
        assert [item.address for item in last.recipients] == ["bob@example.org"]
        # Forgetting erases them too.
        assert store.forget("ann@example.org", now="t7") == (1, 0)
        assert store.subscriber("ann@example.org") is None


def test_a_refusal_at_rcpt_bounces_a_list_recipient_and_confirmed_imports_confirm_them(
    tmp_path: Path, database_url: str
) -> None:
    with open_test_store(tmp_path, database_url) as store:
        store.list_recipients(
            [NewSubscriber(address=address) for address in ("a@example.org", "b@example.org")],
            source="send --subscribers list.csv",
            now="t0",
        )
        store.bounce_refused("a@example.org", "550 5.1.1 no such user", now="t1")
        report = store.add_subscribers(
            [NewSubscriber(address="b@example.org"), NewSubscriber(address="a@example.org")],
            method="import",
            source="import of list.csv",
            confirmed=True,
            now="t2",
        )
        a = store.subscriber("a@example.org")
        b = store.subscriber("b@example.org")
    assert a is not None
    assert b is not None
    assert a.status == "bounced"  # a bounce is not undone by an import
    assert (b.status, b.confirmed_at, b.status_reason) == (
        "confirmed",
        "t2",
        "confirmed by import of list.csv",
    )
    assert (report.present, report.confirmed) == (
        ("b@example.org", "a@example.org"),
        ("b@example.org",),
    )


def test_a_recorded_list_keeps_the_token_its_earlier_emails_carried(
    tmp_path: Path, database_url: str
) -> None:
    with open_test_store(tmp_path, database_url) as store:
        store.add_subscribers(
            [NewSubscriber(address="sub@example.org")],
            method="form",
            source="test",
            confirmed=True,
            now="t0",
        )
        people = [
            NewSubscriber(address="New@example.org"),
            NewSubscriber(address="sub@example.org"),
        ]
        # Without a key (a dry run may have none) no token is kept.
        store.list_recipients(people[:1], source="s", now="t1")
        assert store.subscriber(list_token="tok:new@example.org") is None
        store.list_recipients(people, source="s", now="t2", list_token=lambda key: f"tok:{key}")
        new = store.subscriber(list_token="tok:new@example.org")
        sub = store.subscriber(list_token="tok:sub@example.org")
        assert new is not None
        assert sub is not None
        assert (new.address, sub.address, sub.status) == (
            "new@example.org",
            "sub@example.org",
            "confirmed",
        )
        # A token once kept stays (links in emails already sent keep working).
        store.list_recipients(people, source="s", now="t3", list_token=lambda key: "other")
        assert store.subscriber(list_token="tok:new@example.org") is not None
