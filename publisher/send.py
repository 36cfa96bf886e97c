"""Sending over SMTP: the connection, the retry loop, the rate limit, and the ledger's state
machine around each message. Its effects are SMTP and the ledger (see ARCHITECTURE.md).

Each message goes through: ledger ``sending`` (committed) → MAIL/RCPT/DATA → ``sent`` on 250,
``failed`` on 5xx, ``pending`` again on 4xx or a dropped connection (retried later in the same
run with exponential back-off, ``deferred`` once the tries are used up). A rerun picks up
every row that is not ``sent`` (and not ``failed``, unless asked), so the only message that
can arrive twice is the one in flight when a run died, and it carries the same Message-ID.

Several connections (threads, one SMTP session each) share one plan through a dispatcher
that keeps the overall rate, each domain's rate and the deadline; they take turns on the
ledger. A server that cannot be reached at all is reported at once, never retried.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import heapq
import math
import queue
import smtplib
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from email.utils import parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from publisher.delivery import DEFERRED, FAILED, PENDING, SENDING, SENT, Ledger
from publisher.errors import Problem, SendError

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
DEFAULT_TIMEOUT = 30.0  # seconds per connect or reply; ?timeout= in the URL changes it
MAX_TIMEOUT = 3600.0
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
    timeout: float = DEFAULT_TIMEOUT
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
    timeout = DEFAULT_TIMEOUT
    for name, values in parse_qs(parts.query, keep_blank_values=True).items():
        value = values[-1].lower()
        if name == "starttls":
            if value not in _TRUE | _FALSE:
                raise SendError(f"{variable}: starttls must be 1 or 0")
            starttls = value in _TRUE
        elif name == "timeout":
            timeout = _parse_timeout(value, variable)
        else:
            raise SendError(f"{variable}: unknown option {name!r} (known: starttls, timeout)")
    if starttls and scheme == "smtps":
        raise SendError(f"{variable}: smtps already uses TLS; drop ?starttls=1")
    return SmtpSettings(
        host=parts.hostname,
        port=port or DEFAULT_PORTS[scheme],
        user=unquote(parts.username or ""),
        password=password,
        implicit_tls=scheme == "smtps",
        starttls=starttls,
        timeout=timeout,
    )


def _parse_timeout(value: str, variable: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not (0 < seconds <= MAX_TIMEOUT):  # also refuses nan and inf
        raise SendError(
            f"{variable}: timeout must be a number of seconds above 0 and at most "
            f"{MAX_TIMEOUT:.0f} (e.g. ?timeout=10), not {value!r}"
        )
    return seconds


class _TemporaryFailure(Exception):
    """A refusal worth retrying: 4xx, a dropped connection, a timeout."""

    def __init__(self, reply: str, *, connection_lost: bool = False) -> None:
        super().__init__(reply)
        self.reply = reply
        self.connection_lost = connection_lost


class _PermanentFailure(Exception):
    """A 5xx refusal of this message or recipient (``recipient_refused``: at RCPT, the
    address itself was refused)."""

    def __init__(self, reply: str, *, recipient_refused: bool = False) -> None:
        super().__init__(reply)
        self.reply = reply
        self.recipient_refused = recipient_refused


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return f"{code} {' '.join(text.split())}".strip()


class _Unreachable(Exception):
    """No session could even start: the host does not resolve, refuses or ignores the TCP
    connection, or TLS fails. Retrying in a few seconds would not help."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SmtpConnection:
    """One SMTP session reused for many messages, reopened when the server drops it."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None
        # Once a session has worked, failing to reconnect is worth retrying (the server may
        # be restarting); before that, an unreachable server is a mistake to report at once.
        self.ever_opened = False

    def open(self) -> None:
        """Connect, secure and log in.

        Raises _Unreachable when no TCP (or TLS) connection can be made, _TemporaryFailure
        on a 4xx greeting or a session dropped while it starts, and SendError on a refused
        login or session (never naming the password).
        """
        if self._smtp is not None:
            return
        settings = self.settings
        # Loading the system's certificates costs a good part of a second: only for TLS.
        context = None
        if settings.implicit_tls or settings.starttls:
            context = settings.tls_context or ssl.create_default_context()
        where = f"{settings.host}:{settings.port}"
        smtp: smtplib.SMTP
        if settings.implicit_tls:
            smtp = smtplib.SMTP_SSL(timeout=settings.timeout, context=context)
        else:
            smtp = smtplib.SMTP(timeout=settings.timeout)
        try:
            try:
                smtp.connect(settings.host, settings.port)
            except smtplib.SMTPException:
                raise  # the TCP connection was made: the server dropped or refused the session
            except OSError as error:
                # The system's reason (refused, unknown host, timed out, TLS) without errno
                # noise; OSError's text names the host at most, never credentials.
                reason = error.strerror or str(error) or type(error).__name__
                if isinstance(error, ssl.SSLError):
                    reason = str(error.reason or error)
                raise _Unreachable(f"cannot connect to {where}: {reason}") from None
            if settings.starttls:
                smtp.starttls(context=context)
            smtp.ehlo_or_helo_if_needed()
            if settings.user:
                smtp.login(settings.user, settings.password)
        except _Unreachable:
            _close_quietly(smtp)
            raise
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
            raise _TemporaryFailure(
                f"{where}: the session was dropped while it started: "
                f"{error or type(error).__name__}",
                connection_lost=True,
            ) from None
        self._smtp = smtp
        self.ever_opened = True

    def send(self, sender: str, recipient: str, data: bytes) -> str:
        """Send one message to one recipient; return the server's reply to the data.

        Raises _TemporaryFailure (4xx, dropped connection, timeout) or _PermanentFailure (5xx).
        """
        self.open()
        smtp = self._smtp
        assert smtp is not None
        stage = "mail"  # where a 5xx came: at RCPT it refuses the address itself
        try:
            options = ["BODY=8BITMIME"] if not data.isascii() and smtp.has_extn("8bitmime") else []
            code, message = smtp.mail(sender, options)
            if code == 250:
                stage = "rcpt"
                code, message = smtp.rcpt(recipient)
                if code in (250, 251):
                    stage = "data"
                    code, message = _data(smtp, data)
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
        raise _PermanentFailure(reply, recipient_refused=stage == "rcpt")

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


def _data(smtp: smtplib.SMTP, data: bytes) -> tuple[int, bytes]:
    """DATA, then the message: smtplib's ``data`` without its regular expression, which
    costs more than composing the message. Dot-stuffing (RFC 5321, 4.5.2: a line starting
    with "." gets another) by a bytes replace instead; the reply to the DATA command when it
    is not 354, else the reply to the message."""
    code, message = smtp.docmd("data")
    if code != 354:
        return code, message
    stuffed = data.replace(b"\n.", b"\n..")
    if stuffed.startswith(b"."):
        stuffed = b"." + stuffed
    smtp.send(stuffed + (b".\r\n" if stuffed.endswith(b"\r\n") else b"\r\n.\r\n"))
    return smtp.getreply()


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
    recipient_refused: bool = False  # failed with a 5xx at RCPT: the address is refused


@dataclass(frozen=True, slots=True, kw_only=True)
class SendSummary:
    """The end-of-run report."""

    sent: int
    skipped: int
    failed: tuple[Outcome, ...] = ()
    deferred: tuple[Outcome, ...] = ()
    failed_before: tuple[str, ...] = ()
    left: int = 0  # not tried before the deadline, deferred to the next run

    @property
    def ok(self) -> bool:
        """True when nobody is left without the message."""
        return not (self.failed or self.deferred or self.failed_before or self.left)

    def counts(self) -> str:
        """The run in one line: sent, skipped, failed and deferred counts."""
        return (
            f"sent {self.sent}, skipped {self.skipped} (already sent), "
            f"failed {len(self.failed) + len(self.failed_before)}, "
            f"deferred {len(self.deferred) + self.left}"
        )

    def worker_counts(self, worker: str) -> str:
        """A sender's run on a shared (PostgreSQL) ledger in one line: nothing is skipped
        there, and what is left at the deadline is handed back to the other senders."""
        return (
            f"{worker}: sent {self.sent}, failed {len(self.failed)}, "
            f"deferred {len(self.deferred)}"
            + (f", handed back {self.left} at the deadline" if self.left else "")
        )

    def problems(
        self, deadline: float | None = None, *, handed_back: bool = False
    ) -> list[Problem]:
        """One problem per subscriber left without the message, saying what to do (empty
        when `ok`); ``deadline``: the seconds --deadline allowed, named when it was reached;
        ``handed_back``: a sender on a shared ledger, whose messages not tried by then went
        back to the other senders."""
        problems = [f"{item.address}: refused: {item.reply}" for item in self.failed]
        problems += [
            f"{item.address}: refused temporarily {item.tries} times, last: {item.reply} "
            "(run send again later)"
            for item in self.deferred
        ]
        problems += [
            f"{address}: refused permanently in an earlier run (see 'publisher -v deliveries')"
            for address in self.failed_before
        ]
        if self.left:
            allowed = f" ({deadline:g} s)" if deadline is not None else ""
            problems.append(
                f"the deadline{allowed} was reached: {self.left} claimed message(s) handed "
                "back for other workers or the next run"
                if handed_back
                else f"the deadline{allowed} was reached: {self.left} message(s) not tried, "
                "left deferred in the ledger (run send again to finish)"
            )
        return [Problem(message=problem) for problem in problems]


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
    # A worker's claimed row: until when (clock()) its lease surely holds.
    held_until: float = math.inf

    @property
    def domain(self) -> str:
        return self.recipient.address.rpartition("@")[2].lower()


def parse_domain_rates(items: Iterable[str]) -> dict[str, float]:
    """``["gmail.com=20", …]`` → ``{"gmail.com": 20.0}`` (messages per second per domain).

    Raises SendError naming the item that is not ``DOMAIN=RATE`` with a positive rate.
    """
    rates: dict[str, float] = {}
    for item in items:
        domain, equals, value = item.partition("=")
        domain = domain.strip().lower()
        try:
            rate = float(value)
        except ValueError:
            rate = math.nan
        if not equals or not domain or "@" in domain or not (0 < rate < math.inf):
            raise SendError(
                f"--domain-rate {item!r}: expected DOMAIN=MESSAGES_PER_SECOND, e.g. gmail.com=20"
            )
        rates[domain] = rate
    return rates


class _Dispatcher:
    """Hands the plan's messages to the connections, one at a time, in plan order, keeping
    the overall rate, each domain's rate and the deadline. Thread-safe.

    Retries wait in a heap by due time; messages of a domain that is at its limit wait in
    that domain's queue while the connections go on with other domains.
    """

    def __init__(
        self,
        recipients: Iterable[Recipient | _Pending | None],
        *,
        rate: float | None,
        domain_rates: Mapping[str, float],
        clock: Callable[[], float],
        deadline: float | None,
        poll: float = 0.0,
    ) -> None:
        self._lock = threading.Lock()
        # None from the source: nothing yet (a worker's claim found no row), ask again after
        # ``poll`` seconds; meanwhile held messages and retries go on.
        self._fresh: Iterator[Recipient | _Pending | None] | None = iter(recipients)
        self._fresh_due = -math.inf
        self._poll = poll
        self._retries: list[tuple[float, int, _Pending]] = []
        self._held: dict[str, collections.deque[_Pending]] = {}
        self._domain_intervals = {domain: 1.0 / rate for domain, rate in domain_rates.items()}
        self._domain_slots: dict[str, float] = {}
        self._interval = 1.0 / rate if rate else 0.0
        self._clock = clock
        self._next_slot = clock()
        self._sequence = 0
        self.deadline = deadline
        self.deadline_reached = False
        self.stopped = False

    def take(self) -> tuple[_Pending | None, float] | None:
        """``(item, pause)``: send ``item`` after sleeping ``pause`` seconds; ``(None, wait)``:
        nothing is ready, ask again after ``wait``; None: nothing left for this connection
        (or the deadline is reached, or the run stops)."""
        with self._lock:
            if self.stopped:
                return None
            now = self._clock()
            if self.deadline is not None and now >= self.deadline:
                self.deadline_reached = self.stopped = True
                return None
            while True:
                item = self._ready(now)
                if item is None:
                    # Wait for the next retry or domain slot; with neither, this
                    # connection is done (one still sending handles its own retries).
                    wakes = [self._domain_slots[domain] for domain in self._held]
                    if self._retries:
                        wakes.append(self._retries[0][0])
                    if self._fresh is not None:
                        wakes.append(self._fresh_due)
                    if not wakes:
                        return None
                    wake = min(wakes)
                    if self.deadline is not None:
                        wake = min(wake, self.deadline)
                    return None, max(0.0, wake - now)
                interval = self._domain_intervals.get(item.domain)
                if interval:
                    slot = self._domain_slots.get(item.domain, now)
                    if slot > now:
                        self._held.setdefault(item.domain, collections.deque()).append(item)
                        continue
                    self._domain_slots[item.domain] = max(slot, now) + interval
                pause = 0.0
                if self._interval:
                    pause = max(0.0, self._next_slot - now)
                    self._next_slot = max(self._next_slot, now) + self._interval
                return item, pause

    def _ready(self, now: float) -> _Pending | None:
        if self._retries and self._retries[0][0] <= now:
            return heapq.heappop(self._retries)[2]
        for domain, waiting in self._held.items():
            if self._domain_slots[domain] <= now:
                item = waiting.popleft()
                if not waiting:
                    del self._held[domain]
                return item
        if self._fresh is not None and self._fresh_due <= now:
            fresh = next(self._fresh, _END)
            if fresh is _END:
                self._fresh = None
            elif fresh is None:
                self._fresh_due = now + self._poll
            else:
                assert isinstance(fresh, Recipient | _Pending)
                return fresh if isinstance(fresh, _Pending) else _Pending(recipient=fresh)
        return None

    def retry(self, item: _Pending, due: float) -> None:
        """Queue ``item`` again, not before ``due``."""
        with self._lock:
            self._sequence += 1
            heapq.heappush(self._retries, (due, self._sequence, item))

    def give_back(self, item: _Pending) -> None:
        """Return an item that was taken but not tried (the deadline came first)."""
        self.retry(item, -math.inf)

    def stop(self) -> None:
        """No more messages for anyone (an error, or the consumer went away)."""
        with self._lock:
            self.stopped = True

    def reach_deadline(self) -> None:
        """Stop because the deadline came while a connection was still being made."""
        with self._lock:
            self.stopped = self.deadline_reached = True

    def left(self, *, untaken: bool = True) -> list[_Pending]:
        """What was never finished: due retries, held messages and (``untaken``) those not
        taken yet."""
        with self._lock:
            items = [entry[2] for entry in sorted(self._retries)]
            for waiting in self._held.values():
                items.extend(waiting)
            if self._fresh is not None and untaken:
                items.extend(
                    fresh if isinstance(fresh, _Pending) else _Pending(recipient=fresh)
                    for fresh in self._fresh
                    if fresh is not None
                )
            self._retries, self._held, self._fresh = [], {}, None
            return items


DEADLINE_REPLY = "not tried before the deadline: left for the next run"
_DONE = object()  # a connection's thread has finished
_END = object()  # the dispatcher's source has nothing more


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkerMode:
    """How a worker claims work on a shared (PostgreSQL) ledger: batches of ``batch`` rows
    under a lease of ``lease`` seconds, as ``worker`` (an id shown by `deliveries`); it looks
    again every ``poll`` seconds while other workers still hold rows. ``recipients`` maps a
    ledger row's address key to the message it gets."""

    worker: str
    recipients: Mapping[str, Recipient] = field(compare=False)
    batch: int = 16
    lease: float = 60.0
    poll: float = 0.5
    # Opens one more ledger connection per SMTP session (the store's ``ledger``).
    ledgers: Callable[[], contextlib.AbstractContextManager[Ledger]] | None = field(
        default=None, compare=False
    )


_SMTP_STEPS = 5  # MAIL, RCPT, DATA, the message, the reply to it: a timeout each at most


def lease_margin(smtp: SmtpSettings) -> float:
    """The longest one message may take once started, recorded included: a timeout per SMTP
    step and one more for its record. A worker renews a lease with less than this left
    before a message goes, and records a message at once when less is left after it."""
    return (_SMTP_STEPS + 1) * smtp.timeout


def check_lease(lease: float, smtp: SmtpSettings) -> None:
    """Refuse (SendError) a lease shorter than `lease_margin` and one more SMTP timeout (the
    slack, so that a lease is not renewed before every message): a shorter lease could run
    out while a message is in flight or not yet recorded, and another worker would send it
    again."""
    least = lease_margin(smtp) + smtp.timeout
    if lease < least:
        raise SendError(
            f"--lease {lease:g} is too short for the SMTP timeout of {smtp.timeout:g} s: "
            f"use at least {least:g} (or a smaller ?timeout= in PUBLISHER_SMTP_URL)"
        )


def wait_until_planned(
    ledger: Ledger,
    release: str,
    *,
    stop_at: float | None,
    on_wait: Callable[[], object] = lambda: None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], object] = time.sleep,
) -> None:
    """Return once a coordinator has planned ``release`` in the shared ledger, looking every
    quarter second (``on_wait`` is called once, before the first wait); SendError when
    ``stop_at`` (a ``clock`` time) comes first."""
    waited = False
    while not ledger.planned(release):
        if not waited:
            on_wait()
            waited = True
        if stop_at is not None and clock() >= stop_at:
            raise SendError(f"release {release} was not planned before the deadline")
        sleep(0.25)  # one cheap query: workers start sending soon after the plan


NOT_LISTED_REPLY = "not in this sender's subscriber list"


def deliver(
    plan: SendPlan,
    *,
    sender: str,
    connection: SmtpConnection,
    ledger: Ledger,
    policy: RetryPolicy = RetryPolicy(),
    rate: float | None = None,
    connections: int = 1,
    domain_rates: Mapping[str, float] | None = None,
    deadline: float | None = None,
    worker: WorkerMode | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] | None = None,
    now: Callable[[], str] = utc_now,
) -> Iterator[Outcome]:
    """Send ``plan.to_send`` and yield each recipient's outcome as it becomes final.

    ``connections`` SMTP sessions (``connection`` and copies of its settings) share the work,
    each reconnecting with its own back-off; ``rate`` (messages per second) holds for all of
    them together, ``domain_rates`` per recipient domain. From ``deadline`` (a ``clock()``
    value) on no new message starts: those left are marked ``deferred`` and yielded with
    DEADLINE_REPLY.

    Without ``worker`` the caller holds the ledger's send lock (no other run is sending from
    this ledger): rows left ``sending`` by a run that died are claimed again, and each
    message is sent only after its row moved from ``pending``/``deferred`` to ``sending``.
    With ``worker`` (a shared PostgreSQL ledger, planned by a coordinator) ``plan.to_send``
    is ignored: the rows are claimed from the ledger in batches under a lease until none is
    left (one statement per batch), accepted messages are recorded ``sent`` in groups (one
    transaction for what the sessions had sent meanwhile; a session sends its next message
    only once its previous one is recorded, so a worker that dies leaves at most one message
    per session sent or in flight and not recorded), temporary refusals go back to the
    ledger for any worker to retry, and what the deadline leaves is handed back.

    Raises SendError when the server cannot be reached at all (at once, without retrying),
    when a reconnection fails after the retries, when the session is refused, or when the
    ledger cannot be written: the rows not yet sent stay in the ledger for the next run.
    """
    envelope_from = parseaddr(sender)[1]
    if not envelope_from:
        raise SendError(f"email.from: {sender!r} has no address")
    release = plan.release
    stop = threading.Event()
    pause: Callable[[float], object] = sleep or stop.wait
    ledger_lock = threading.Lock()  # one ledger connection, shared by the sessions
    results: queue.SimpleQueue[object] = queue.SimpleQueue()
    errors: list[BaseException] = []
    claims: _Claims | None = None

    def recorded(keys: Sequence[str]) -> None:
        if claims is not None:
            claims.release(keys)

    book = _SentBook(release, results, now, recorded)
    source: Iterable[Recipient | _Pending | None]
    margin = lease_margin(connection.settings)
    if worker is None:
        # The caller holds the send lock: rows left "sending" are from a run that died.
        ledger.recover(release, now=now())
        ledger.plan(release, (recipient.key for recipient in plan.to_send), now=now())
        if not plan.to_send:
            return
        source = plan.to_send
        sessions_wanted = min(connections, len(plan.to_send))
    else:
        sessions_wanted = connections
        source = claims = _Claims(
            ledger,
            release,
            worker,
            ledger_lock,
            clock,
            deadline,
            now,
            book,
            hold=worker.batch + sessions_wanted,
        )
    dispatcher = _Dispatcher(
        source,
        rate=rate,
        domain_rates=domain_rates or {},
        clock=clock,
        deadline=deadline,
        poll=worker.poll if worker is not None else 0.0,
    )

    def begin(item: _Pending, own: Ledger, own_lock: threading.Lock) -> bool:
        key = item.recipient.key
        if worker is None:
            with own_lock:
                return own.claim(release, key, message_id=item.message_id, now=now())
        if clock() + margin > item.held_until:
            # Held so long that the lease might run out while this message goes: renew it
            # (and send nothing when it already ran out and another worker took the row).
            renewed_at = clock()
            with own_lock:
                if not own.renew(release, key, worker=worker.worker, lease=worker.lease, now=now()):
                    return False
            item.held_until = renewed_at + worker.lease
        return True

    def send_one(
        session: SmtpConnection,
        item: _Pending,
        own: Ledger,
        own_lock: threading.Lock,
        written: int,
    ) -> Outcome | int | None:
        """The outcome of one message, or (worker) the ticket of its sent record in the book,
        or None when it was not tried or will be retried."""
        if not item.data:
            # An earlier run's Message-ID wins, so a resend of an in-flight message
            # carries the same ID as the copy that may already have arrived.
            recipient = item.recipient
            item.message_id = plan.recorded_ids.get(recipient.key) or recipient.message_id
            item.data = recipient.compose(item.message_id)
        if worker is not None:
            # This session's last message must be in the ledger before the next goes (and
            # before any reconnection): then a worker that dies leaves at most one message
            # per connection sent but not recorded, and no lease runs out unrecorded.
            book.wait(written, own, own_lock)
        if not _connect(session, policy, pause, clock=clock, deadline=deadline):
            dispatcher.give_back(item)
            dispatcher.reach_deadline()
            return None
        if not begin(item, own, own_lock):
            recorded([item.recipient.key])
            return None  # sent, refused or taken meanwhile: never send it a second time
        key = item.recipient.key
        item.tries += 1
        try:
            reply = session.send(envelope_from, item.recipient.address, item.data)
        except _PermanentFailure as failure:
            with own_lock:
                own.mark_refused(release, key, state=FAILED, reply=failure.reply, now=now())
            recorded([key])
            return _outcome(
                item, FAILED, failure.reply, recipient_refused=failure.recipient_refused
            )
        except _TemporaryFailure as failure:
            if item.tries < policy.attempts:
                delay = policy.delay(item.tries)
                with own_lock:
                    if worker is not None:  # the ledger is the retry queue of all workers
                        own.retry_later(
                            release,
                            key,
                            worker=worker.worker,
                            reply=failure.reply,
                            delay=delay,
                            now=now(),
                        )
                        recorded([key])  # any worker's (ours too) once it is due
                        return None
                    own.mark_refused(release, key, state=PENDING, reply=failure.reply, now=now())
                dispatcher.retry(item, clock() + delay)
                return None
            with own_lock:
                own.mark_refused(release, key, state=DEFERRED, reply=failure.reply, now=now())
            recorded([key])
            return _outcome(item, DEFERRED, failure.reply)
        if worker is not None:
            # Recorded with the other connections' (one transaction for several messages)
            # before this session sends its next one; its outcome goes out then.
            ticket = book.add(key, reply, _outcome(item, SENT, reply))
            if clock() + margin > item.held_until:
                # The lease could run out before the group is written: another worker
                # would send the message again. Recorded now.
                book.wait(ticket, own, own_lock)
            return ticket
        with own_lock:
            own.mark_sent(release, key, reply=reply, now=now())
        return _outcome(item, SENT, reply)

    def run_session(session: SmtpConnection) -> None:
        written = 0  # the ticket of this session's last message in the book
        try:
            # A worker's sessions each write through their own database connection (no
            # waiting for each other); otherwise they take turns on the one ledger.
            own_ledger: contextlib.AbstractContextManager[Ledger] = (
                worker.ledgers()
                if worker is not None and worker.ledgers is not None
                else contextlib.nullcontext(ledger)
            )
            with own_ledger as own:
                own_lock = ledger_lock if own is ledger else threading.Lock()
                try:
                    # Connect before taking work: an unreachable server is reported at once.
                    if not _connect(session, policy, pause, clock=clock, deadline=deadline):
                        dispatcher.reach_deadline()
                        return
                    while not stop.is_set():
                        taken = dispatcher.take()
                        if taken is None:
                            return
                        item, wait = taken
                        if wait > 0:
                            # Record what was sent before idling (a rate's pause, a retry's
                            # wait): a sent row is not left unrecorded while nothing goes.
                            book.wait(written, own, own_lock)
                            pause(wait)
                        if item is not None:
                            outcome = send_one(session, item, own, own_lock, written)
                            if isinstance(outcome, Outcome):
                                results.put(outcome)
                            elif outcome is not None:
                                written = outcome
                finally:
                    # Whatever stopped this session, what it sent gets recorded.
                    book.wait(written, own, own_lock)
        except BaseException as error:  # handed to the consumer's thread, raised there
            errors.append(error)
            dispatcher.stop()
            stop.set()
        finally:
            session.close()
            results.put(_DONE)

    sessions = [connection] + [
        SmtpConnection(connection.settings) for _ in range(sessions_wanted - 1)
    ]
    threads = [
        threading.Thread(target=run_session, args=(session,), name=f"smtp-{number}", daemon=True)
        for number, session in enumerate(sessions, 1)
    ]
    for thread in threads:
        thread.start()
    try:
        running = len(threads)
        while running:
            result = results.get()
            if result is _DONE:
                running -= 1
            else:
                assert isinstance(result, Outcome)
                yield result
        if errors:
            if worker is not None:
                # What this worker claimed and never tried goes back at once, as at the
                # deadline: other workers need not wait a whole lease for it.
                untried = dispatcher.left(untaken=False)
                if claims is not None:
                    untried += claims.rest()
                keys = [item.recipient.key for item in untried]
                # The error raised below is what to report, not a second one (the
                # ledger may be what failed): the rows then wait for their lease.
                with contextlib.suppress(Exception), ledger_lock:
                    ledger.hand_back(release, keys, worker=worker.worker, now=now())
            raise errors[0]
        if dispatcher.deadline_reached:
            # A worker's source claims rows as it is read: never read it past the deadline,
            # but hand back what it claimed and did not give out.
            left = dispatcher.left(untaken=worker is None)
            if claims is not None:
                left += claims.rest()
            keys = [item.recipient.key for item in left]
            with ledger_lock:
                if worker is not None:
                    ledger.hand_back(release, keys, worker=worker.worker, now=now())
                else:
                    ledger.defer(release, keys, reply=DEADLINE_REPLY, now=now())
            for item in left:
                yield _outcome(item, DEFERRED, DEADLINE_REPLY)
    finally:
        dispatcher.stop()
        stop.set()
        for thread in threads:
            thread.join()


class _SentBook:
    """A worker's sent messages waiting to be recorded: written as a group, in one
    transaction, by whichever session needs its own record written first (group commit).
    Tickets number the entries; ``wait(t)`` returns once entries up to ``t`` are in the
    ledger, and their outcomes handed to the consumer."""

    def __init__(
        self,
        release: str,
        results: queue.SimpleQueue[object],
        now: Callable[[], str],
        recorded: Callable[[Sequence[str]], object],
    ) -> None:
        self._recorded = recorded  # told the keys of each group once it is written
        self._release = release
        self._results = results
        self._now = now
        self._changed = threading.Condition()
        self._entries: list[tuple[str, str, Outcome]] = []
        self._issued = 0
        self._written = 0
        self._writing = False
        self._failed: BaseException | None = None

    def add(self, key: str, reply: str, outcome: Outcome) -> int:
        """Queue a sent message's record; returns its ticket."""
        with self._changed:
            self._entries.append((key, reply, outcome))
            self._issued += 1
            return self._issued

    def flush(self, ledger: Ledger, ledger_lock: threading.Lock) -> None:
        """Return once every entry queued so far is in the ledger."""
        with self._changed:
            ticket = self._issued
        self.wait(ticket, ledger, ledger_lock)

    def wait(self, ticket: int, ledger: Ledger, ledger_lock: threading.Lock) -> None:
        """Return once entry ``ticket`` (and every one before it) is in the ledger, writing
        the queued entries through ``ledger`` when no other session is writing them.
        Raises LedgerError when the write failed (the rows stay ``sending``)."""
        while True:
            with self._changed:
                while self._writing and self._written < ticket:
                    self._changed.wait()
                if self._written >= ticket:
                    return
                if self._failed is not None:
                    raise self._failed
                entries, self._entries = self._entries, []
                upto = self._issued
                self._writing = True
            try:
                with ledger_lock:
                    ledger.record_sent(
                        self._release, [(key, reply) for key, reply, _ in entries], now=self._now()
                    )
            except BaseException as error:
                with self._changed:
                    self._failed = error
                    self._writing = False
                    self._changed.notify_all()
                raise
            self._recorded([key for key, _, _ in entries])
            for _, _, outcome in entries:
                self._results.put(outcome)
            with self._changed:
                self._written = upto
                self._writing = False
                self._changed.notify_all()


class _Claims:
    """The claimed rows of a shared ledger as an iterator of `_Pending` items, batch by
    batch, until no row of the release is pending or sending (other workers' in-flight rows
    are waited for: if their worker dies, the lease runs out and they are claimed here).
    Read under the dispatcher's lock, so it never waits: when no row can be claimed it
    yields None ("nothing yet", the dispatcher asks again after the poll) and the held
    messages and retries go on meanwhile. The keys in hand (claimed, not yet finished) are
    kept: a row of ours claimed again (its lease ran out while a domain's rate held it) is
    not queued twice, and at most ``hold`` rows are held at once."""

    def __init__(
        self,
        ledger: Ledger,
        release: str,
        mode: WorkerMode,
        ledger_lock: threading.Lock,
        clock: Callable[[], float],
        deadline: float | None,
        now: Callable[[], str],
        book: _SentBook,
        *,
        hold: int,
    ) -> None:
        self._book = book
        self._ledger = ledger
        self._release = release
        self._mode = mode
        self._lock = ledger_lock
        self._clock = clock
        self._deadline = deadline
        self._now = now
        self._hold = hold
        self._batch: collections.deque[_Pending] = collections.deque()
        # Sessions finish items outside the dispatcher's lock: the hand has its own.
        self._hand_lock = threading.Lock()
        self._in_hand: dict[str, _Pending] = {}

    def __iter__(self) -> Iterator[_Pending | None]:
        return self

    def __next__(self) -> _Pending | None:
        if not self._batch:
            if self._deadline is not None and self._clock() >= self._deadline:
                raise StopIteration
            if not self._claim():
                # Our own sent messages must be recorded before "unfinished" can say 0.
                self._book.flush(self._ledger, self._lock)
                with self._lock:
                    if self._ledger.unfinished(self._release) == 0:
                        raise StopIteration
                return None
        return self._batch.popleft()

    def _claim(self) -> bool:
        """Claim a batch; False when none of it is new to this worker."""
        mode = self._mode
        with self._hand_lock:
            room = min(mode.batch, self._hold - len(self._in_hand))
        if room <= 0:
            return False  # enough in hand: send those first
        claimed_at = self._clock()
        with self._lock:
            rows = self._ledger.claim_batch(
                self._release,
                worker=mode.worker,
                limit=room,
                lease=mode.lease,
                now=self._now(),
                message_id=self._message_id,
            )
        for key, recorded, tries in rows:
            with self._hand_lock:
                mine = self._in_hand.get(key)
                if mine is not None:
                    # Already ours (queued, held or in flight): the claim renewed its lease.
                    mine.held_until = claimed_at + mode.lease
                    continue
            recipient = mode.recipients.get(key)
            if recipient is None:
                with self._lock:
                    self._ledger.mark_refused(
                        self._release, key, state=DEFERRED, reply=NOT_LISTED_REPLY,
                        now=self._now(),
                    )  # fmt: skip
                continue
            # Tries count across workers: the ledger is where a row's history lives.
            # A reclaimed row keeps the Message-ID its first try went out with.
            item = _Pending(
                recipient=replace(recipient, message_id=recorded),
                tries=tries - 1,
                message_id=recorded,
                held_until=claimed_at + mode.lease,
            )
            with self._hand_lock:
                self._in_hand[key] = item
            self._batch.append(item)
        return bool(self._batch)

    def release(self, keys: Iterable[str]) -> None:
        """These rows are done with here (recorded, refused, back in the ledger)."""
        with self._hand_lock:
            for key in keys:
                self._in_hand.pop(key, None)

    def _message_id(self, key: str) -> str:
        recipient = self._mode.recipients.get(key)
        return recipient.message_id if recipient is not None else ""

    def rest(self) -> list[_Pending]:
        """The claimed rows not given out yet (to hand back at the deadline)."""
        rest, self._batch = list(self._batch), collections.deque()
        return rest


def _outcome(item: _Pending, state: str, reply: str, *, recipient_refused: bool = False) -> Outcome:
    return Outcome(
        address=item.recipient.address,
        state=state,
        reply=reply,
        message_id=item.message_id,
        tries=item.tries,
        recipient_refused=recipient_refused,
    )


def send_one(settings: SmtpSettings, sender: str, recipient: str, data: bytes) -> str:
    """Send one message now, on a connection of its own (a confirmation email): the
    server's reply. Raises SendError naming the refusal or the connection problem."""
    connection = SmtpConnection(settings)
    try:
        return connection.send(parseaddr(sender)[1], recipient, data)
    except (_TemporaryFailure, _PermanentFailure) as failure:
        raise SendError(f"{recipient}: not sent: {failure.reply}") from None
    except _Unreachable as error:
        raise SendError(f"{recipient}: not sent: {error}") from None
    finally:
        connection.close()


def _connect(
    connection: SmtpConnection,
    policy: RetryPolicy,
    sleep: Callable[[float], object],
    *,
    clock: Callable[[], float],
    deadline: float | None,
) -> bool:
    """Open the connection; False when the deadline came first.

    An unreachable server raises SendError at once, unless this connection has worked before
    (then the server may be restarting, and reconnecting is retried with back-off, as are
    temporary refusals of the session).
    """
    for attempt in range(1, policy.connect_attempts + 1):
        try:
            connection.open()
            return True
        except _Unreachable as failure:
            if not connection.ever_opened:
                raise SendError(
                    f"{failure.reason}; nothing more is sent, the messages not sent yet stay "
                    "in the ledger: run send again to finish"
                ) from None
            reply = failure.reason
        except _TemporaryFailure as failure:
            reply = failure.reply
        if attempt == policy.connect_attempts:
            raise SendError(
                f"{reply} (tried {attempt} times); the messages not sent yet stay "
                "in the ledger: run send again to finish"
            )
        delay = policy.delay(attempt)
        if deadline is not None and clock() + delay >= deadline:
            return False
        sleep(delay)
    return False


def summarize(plan: SendPlan, outcomes: Sequence[Outcome]) -> SendSummary:
    """Counts and failures of a run."""
    return SendSummary(
        sent=sum(1 for outcome in outcomes if outcome.state == SENT),
        skipped=len(plan.already_sent),
        failed=tuple(outcome for outcome in outcomes if outcome.state == FAILED),
        deferred=tuple(
            outcome
            for outcome in outcomes
            if outcome.state == DEFERRED and outcome.reply != DEADLINE_REPLY
        ),
        failed_before=plan.failed_before,
        left=sum(1 for outcome in outcomes if outcome.reply == DEADLINE_REPLY),
    )


__all__ = [
    "DEADLINE_REPLY",
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
    "WorkerMode",
    "check_lease",
    "deliver",
    "lease_margin",
    "parse_domain_rates",
    "parse_smtp_url",
    "plan_send",
    "summarize",
    "wait_until_planned",
]
