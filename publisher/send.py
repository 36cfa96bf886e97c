"""Sending over SMTP: the connection, the retry loop, the rate limit, and the ledger's state
machine around each message. This module and `output` are the only ones with effects.

Each message goes through: ledger ``sending`` (committed) → MAIL/RCPT/DATA → ``sent`` on 250,
``failed`` on 5xx, ``pending`` again on 4xx or a dropped connection (retried later in the same
run with exponential back-off, ``deferred`` once the tries are used up). A rerun picks up
every row that is not ``sent`` (and not ``failed``, unless asked), so the only message that
can arrive twice is the one in flight when a run died, and it carries the same Message-ID.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import smtplib
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from publisher.errors import SendError
from publisher.ledger import DEFERRED, FAILED, PENDING, SENDING, SENT, Ledger

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True, slots=True, kw_only=True)
class SmtpSettings:
    """Where and how to connect. The password never appears in repr, messages or logs."""

    host: str
    port: int
    user: str = ""
    password: str = field(default="", repr=False)
    implicit_tls: bool = False
    starttls: bool = False
    timeout: float = 30.0
    # Tests talk to a local server with a self-signed certificate; production verifies.
    tls_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    def describe(self) -> str:
        """``user@host:port (TLS)``, safe to print."""
        security = "TLS" if self.implicit_tls else "STARTTLS" if self.starttls else "no TLS"
        user = f"{self.user}@" if self.user else ""
        return f"{user}{self.host}:{self.port} ({security})"


def parse_smtp_url(
    url: str, *, password: str = "", variable: str = "PUBLISHER_SMTP_URL"
) -> SmtpSettings:
    """Settings from ``smtp://user@host:port``, ``smtps://…`` or ``…?starttls=1``.

    Raises SendError naming ``variable``; the URL itself is never echoed, since a user may
    have put a password in it.
    """
    if not url.strip():
        raise SendError(f"{variable} is not set (e.g. smtp://user@mail.example.org:587?starttls=1)")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise SendError(f"{variable}: not a valid URL (expected smtp://user@host:port)") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise SendError(f"{variable}: the scheme must be smtp or smtps, not {scheme!r}")
    if not parts.hostname:
        raise SendError(f"{variable}: no host (expected smtp://user@host:port)")
    if parts.password is not None:
        raise SendError(
            f"{variable}: must not hold a password; put it in PUBLISHER_SMTP_PASSWORD instead"
        )
    starttls = False
    for name, values in parse_qs(parts.query, keep_blank_values=True).items():
        if name != "starttls":
            raise SendError(f"{variable}: unknown option {name!r} (known: starttls)")
        value = values[-1].lower()
        if value not in _TRUE | _FALSE:
            raise SendError(f"{variable}: starttls must be 1 or 0")
        starttls = value in _TRUE
    if starttls and scheme == "smtps":
        raise SendError(f"{variable}: smtps already uses TLS; drop ?starttls=1")
    return SmtpSettings(
        host=parts.hostname,
        port=port or DEFAULT_PORTS[scheme],
        user=unquote(parts.username or ""),
        password=password,
        implicit_tls=scheme == "smtps",
        starttls=starttls,
    )


class _TemporaryFailure(Exception):
    """A refusal worth retrying: 4xx, a dropped connection, a timeout."""

    def __init__(self, reply: str, *, connection_lost: bool = False) -> None:
        super().__init__(reply)
        self.reply = reply
        self.connection_lost = connection_lost


class _PermanentFailure(Exception):
    """A 5xx refusal of this message or recipient."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return f"{code} {' '.join(text.split())}".strip()


class SmtpConnection:
    """One SMTP session reused for many messages, reopened when the server drops it."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        """Connect, secure and log in; raises SendError (never naming the password)."""
        if self._smtp is not None:
            return
        settings = self.settings
        context = settings.tls_context or ssl.create_default_context()
        where = f"{settings.host}:{settings.port}"
        smtp: smtplib.SMTP | None = None
        try:
            if settings.implicit_tls:
                smtp = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=settings.timeout, context=context
                )
            else:
                smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
                if settings.starttls:
                    smtp.starttls(context=context)
            smtp.ehlo_or_helo_if_needed()
            if settings.user:
                smtp.login(settings.user, settings.password)
        except smtplib.SMTPAuthenticationError as error:
            _close_quietly(smtp)
            raise SendError(
                f"{where}: the server refused the login of {settings.user!r}: "
                f"{_reply(error.smtp_code, error.smtp_error)}"
            ) from None
        except smtplib.SMTPNotSupportedError:
            _close_quietly(smtp)
            raise SendError(f"{where}: the server does not offer STARTTLS or AUTH") from None
        except smtplib.SMTPResponseException as error:
            _close_quietly(smtp)
            reply = _reply(error.smtp_code, error.smtp_error)
            if 400 <= error.smtp_code < 500:
                raise _TemporaryFailure(reply, connection_lost=True) from None
            raise SendError(f"{where}: the server refused the session: {reply}") from None
        except (smtplib.SMTPException, OSError) as error:
            _close_quietly(smtp)
            # OSError's text names the host at most, never credentials.
            raise _TemporaryFailure(
                f"cannot connect to {where}: {error}", connection_lost=True
            ) from None
        self._smtp = smtp

    def send(self, sender: str, recipient: str, data: bytes) -> str:
        """Send one message to one recipient; return the server's reply to the data.

        Raises _TemporaryFailure (4xx, dropped connection, timeout) or _PermanentFailure (5xx).
        """
        self.open()
        smtp = self._smtp
        assert smtp is not None
        try:
            options = ["BODY=8BITMIME"] if not data.isascii() and smtp.has_extn("8bitmime") else []
            code, message = smtp.mail(sender, options)
            if code == 250:
                code, message = smtp.rcpt(recipient)
                if code in (250, 251):
                    code, message = smtp.data(data)
        except smtplib.SMTPDataError as error:  # the server refused to start the data (not 354)
            code, message = error.smtp_code, error.smtp_error  # type: ignore[assignment]
        except (smtplib.SMTPException, OSError) as error:
            # Disconnected, timed out, reset: the server may or may not have the message. The
            # row stays "sending" until the retry, which reuses the same Message-ID.
            self.discard()
            raise _TemporaryFailure(
                f"connection lost: {error or type(error).__name__}", connection_lost=True
            ) from None
        reply = _reply(code, message)
        if code == 250:
            return reply
        if code == 421:  # the server is closing this session
            self.discard()
            raise _TemporaryFailure(reply, connection_lost=True)
        self._reset()
        if 400 <= code < 500:
            raise _TemporaryFailure(reply)
        raise _PermanentFailure(reply)

    def _reset(self) -> None:
        """Clear a refused transaction so the session can carry the next message."""
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self.discard()

    def close(self) -> None:
        """Say QUIT politely when we can; drop the socket anyway."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            _close_quietly(smtp)

    def discard(self) -> None:
        """Forget a connection that failed mid-transaction."""
        smtp, self._smtp = self._smtp, None
        _close_quietly(smtp)


def _close_quietly(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """How hard to try within one run: delays grow by ``factor`` from ``first_delay`` up to
    ``max_delay``."""

    attempts: int = 5
    first_delay: float = 2.0
    factor: float = 2.0
    max_delay: float = 120.0
    connect_attempts: int = 5

    def delay(self, failures: int) -> float:
        """The pause before try number ``failures + 1`` (``failures`` ≥ 1)."""
        return float(min(self.max_delay, self.first_delay * self.factor ** (failures - 1)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Recipient:
    """One address to send to. ``compose(message_id)`` builds the message's bytes only when it
    is about to go, so a run over thousands of subscribers never holds them all in memory;
    it is given the Message-ID to use (an earlier run's, when the ledger has one)."""

    key: str
    address: str
    message_id: str
    compose: Callable[[str], bytes] = field(compare=False)
    label: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SendPlan:
    """What a run will do: who gets the message, who already has it, who failed before."""

    release: str
    to_send: tuple[Recipient, ...]
    already_sent: tuple[str, ...] = ()
    failed_before: tuple[str, ...] = ()
    # Message-IDs recorded for rows that were in flight or refused: resent with the same ID.
    recorded_ids: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """How one recipient's delivery ended in this run: ``sent``, ``failed`` or ``deferred``."""

    address: str
    state: str
    reply: str = ""
    message_id: str = ""
    tries: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class SendSummary:
    """The end-of-run report."""

    sent: int
    skipped: int
    failed: tuple[Outcome, ...] = ()
    deferred: tuple[Outcome, ...] = ()
    failed_before: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nobody is left without the message."""
        return not (self.failed or self.deferred or self.failed_before)


def plan_send(
    ledger: Ledger | None,
    release: str,
    recipients: Sequence[Recipient],
    *,
    retry_failed: bool = False,
) -> SendPlan:
    """Split ``recipients`` by what the ledger knows (None: an empty ledger)."""
    rows = {row.address: row for row in ledger.rows(release)} if ledger is not None else {}
    to_send: list[Recipient] = []
    already_sent: list[str] = []
    failed_before: list[str] = []
    for recipient in recipients:
        row = rows.get(recipient.key)
        if row is not None and row.state == SENT:
            already_sent.append(recipient.address)
        elif row is not None and row.state == FAILED and not retry_failed:
            failed_before.append(recipient.address)
        else:
            to_send.append(recipient)
    recorded = {key: row.message_id for key, row in rows.items() if row.message_id}
    return SendPlan(
        release=release,
        to_send=tuple(to_send),
        already_sent=tuple(already_sent),
        failed_before=tuple(failed_before),
        recorded_ids=recorded,
    )


def utc_now() -> str:
    """The ledger's timestamp format (the ledger is a log: real time belongs there)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class _Pending:
    recipient: Recipient
    tries: int = 0
    message_id: str = ""
    data: bytes = b""


def serialize(message: EmailMessage, message_id: str = "") -> bytes:
    """The message as SMTP carries it (CRLF line ends, long headers folded), with
    ``message_id`` as its Message-ID when given."""
    if message_id and message.get("Message-ID") != message_id:
        del message["Message-ID"]
        message["Message-ID"] = message_id
    return message.as_bytes(policy=SMTP_POLICY)


def deliver(
    plan: SendPlan,
    *,
    sender: str,
    connection: SmtpConnection,
    ledger: Ledger,
    policy: RetryPolicy = RetryPolicy(),
    rate: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], str] = utc_now,
) -> Iterator[Outcome]:
    """Send ``plan.to_send`` and yield each recipient's outcome as it becomes final.

    Raises SendError when the server cannot be reached (or refuses the session) after the
    connection retries, or when the ledger cannot be written: the rows not yet sent stay in
    the ledger for the next run.
    """
    envelope_from = parseaddr(sender)[1]
    if not envelope_from:
        raise SendError(f"email.from: {sender!r} has no address")
    release = plan.release
    ledger.plan(release, (recipient.key for recipient in plan.to_send), now=now())
    fresh = iter(plan.to_send)
    waiting: list[tuple[float, int, _Pending]] = []  # heap of retries by due time
    sequence = 0
    interval = 1.0 / rate if rate else 0.0
    next_slot = clock()
    try:
        while True:
            item: _Pending | None = None
            if waiting and waiting[0][0] <= clock():
                item = heapq.heappop(waiting)[2]
            else:
                recipient = next(fresh, None)
                if recipient is not None:
                    item = _Pending(recipient=recipient)
                elif waiting:
                    due, _, item = heapq.heappop(waiting)
                    sleep(max(0.0, due - clock()))
                else:
                    return
            if interval:
                pause = next_slot - clock()
                if pause > 0:
                    sleep(pause)
                next_slot = max(next_slot, clock()) + interval
            if not item.data:
                # An earlier run's Message-ID wins, so a resend of an in-flight message
                # carries the same ID as the copy that may already have arrived.
                recipient = item.recipient
                item.message_id = plan.recorded_ids.get(recipient.key) or recipient.message_id
                item.data = recipient.compose(item.message_id)
            _connect(connection, policy, sleep)
            key = item.recipient.key
            ledger.mark_sending(release, key, message_id=item.message_id, now=now())
            item.tries += 1
            try:
                reply = connection.send(envelope_from, item.recipient.address, item.data)
            except _PermanentFailure as failure:
                ledger.mark_refused(release, key, state=FAILED, reply=failure.reply, now=now())
                yield _outcome(item, FAILED, failure.reply)
                continue
            except _TemporaryFailure as failure:
                if item.tries < policy.attempts:
                    ledger.mark_refused(release, key, state=PENDING, reply=failure.reply, now=now())
                    sequence += 1
                    due = clock() + policy.delay(item.tries)
                    heapq.heappush(waiting, (due, sequence, item))
                else:
                    ledger.mark_refused(
                        release, key, state=DEFERRED, reply=failure.reply, now=now()
                    )
                    yield _outcome(item, DEFERRED, failure.reply)
                continue
            ledger.mark_sent(release, key, reply=reply, now=now())
            yield _outcome(item, SENT, reply)
    finally:
        connection.close()


def _outcome(item: _Pending, state: str, reply: str) -> Outcome:
    return Outcome(
        address=item.recipient.address,
        state=state,
        reply=reply,
        message_id=item.message_id,
        tries=item.tries,
    )


def _connect(
    connection: SmtpConnection, policy: RetryPolicy, sleep: Callable[[float], None]
) -> None:
    """Open the connection, retrying with back-off; SendError when the server stays away."""
    for attempt in range(1, policy.connect_attempts + 1):
        try:
            connection.open()
            return
        except _TemporaryFailure as failure:
            if attempt == policy.connect_attempts:
                raise SendError(
                    f"{failure.reply} (tried {attempt} times); the messages not sent yet stay "
                    "in the ledger: run send again to finish"
                ) from None
            sleep(policy.delay(attempt))


def summarize(plan: SendPlan, outcomes: Sequence[Outcome]) -> SendSummary:
    """Counts and failures of a run."""
    return SendSummary(
        sent=sum(1 for outcome in outcomes if outcome.state == SENT),
        skipped=len(plan.already_sent),
        failed=tuple(outcome for outcome in outcomes if outcome.state == FAILED),
        deferred=tuple(outcome for outcome in outcomes if outcome.state == DEFERRED),
        failed_before=plan.failed_before,
    )


__all__ = [
    "DEFERRED",
    "FAILED",
    "PENDING",
    "SENDING",
    "SENT",
    "Outcome",
    "Recipient",
    "RetryPolicy",
    "SendPlan",
    "SendSummary",
    "SmtpConnection",
    "SmtpSettings",
    "deliver",
    "parse_smtp_url",
    "plan_send",
    "summarize",
]
