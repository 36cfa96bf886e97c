"""`publisher serve`: the subscription service, a Starlette app over the store.

Routes (thin: parse, call the store, render a template):
  GET/POST /subscribe        the form; POST stores a pending subscriber and queues a
                             confirmation email; the answer is the same whatever the address
  GET /confirm?token=…       double opt-in: confirms once, within 7 days
  GET/POST /preferences?token=…  sections to follow, or unsubscribe
  GET /unsubscribe?token=…   one button, never unsubscribes by itself (mail scanners fetch it)
  POST /unsubscribe?token=…  RFC 8058 one-click: ``List-Unsubscribe=One-Click``, 200 at once
  GET /style.css             the site's page CSS and the forms' own
  GET /favicon.ico           204: no icon (the pages name none, so browsers need not ask)

Protection: CSRF (a signed double-submit cookie) on the forms, a honeypot field, at most N
subscribe attempts per client address in a window (429 beyond), at most 3 confirmation emails
per address per day (in the store), capped request bodies (413), and strict security headers
(a Content-Security-Policy without inline script or style, no referrer: links carry tokens).
"""

from __future__ import annotations

import collections
import datetime as dt
import html
import logging
import queue
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from email.utils import format_datetime, make_msgid
from functools import lru_cache, partial
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from publisher.delivery import tokens
from publisher.delivery.store import CONFIRMED, PENDING, NewSubscriber, Store
from publisher.errors import PublisherError
from publisher.model import Site
from publisher.render import render_template
from publisher.subscribers import form_name

LOG = logging.getLogger("publisher.serve")
CSRF_COOKIE = "publisher_csrf"
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"interest-cohort=()"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceSettings:
    """What the service needs besides the store: all read by the CLI, none here."""

    site: Site
    sections: tuple[tuple[str, str], ...]  # (id, title) of the latest release's sections
    keys: tuple[bytes, ...]  # the first signs; any verifies
    public_url: str  # where the service is reachable, ending in "/" (links in emails)
    confirmations_per_day: int = 3
    attempts_per_client: int = 10
    attempts_window: float = 600.0
    max_body: int = 16 * 1024
    css: str = ""


class RateLimiter:
    """At most ``limit`` events per key within ``window`` seconds (in this process)."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for ``key``; False when it is over the limit."""
        now = self.clock()
        with self._lock:
            if len(self._events) > 100_000:  # forget idle clients rather than grow forever
                self._events = {
                    name: events
                    for name, events in self._events.items()
                    if events and events[-1] > now - self.window
                }
            events = self._events.setdefault(key, collections.deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


@dataclass(slots=True)
class Mailer:
    """Sends confirmation emails from a background thread, so a subscribe request never waits
    on SMTP. ``deliver(recipient, data)`` does the sending (send.send_one, in the CLI)."""

    deliver: Callable[[str, bytes], object]
    _queue: queue.Queue[tuple[str, Callable[[], bytes]] | None] = field(default_factory=queue.Queue)
    _thread: threading.Thread | None = None
    sent: int = 0
    failed: int = 0

    def start(self) -> None:
        """Start the sending thread."""
        self._thread = threading.Thread(target=self._run, name="confirmations", daemon=True)
        self._thread.start()

    def submit(self, recipient: str, compose: Callable[[], bytes]) -> None:
        """Queue one message; ``compose()`` builds its bytes in the sending thread (building
        a MIME message costs more than the rest of a subscribe request)."""
        self._queue.put((recipient, compose))

    def stop(self) -> None:
        """Send what is queued, then stop."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=60)
            self._thread = None

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            recipient, compose = item
            try:
                self.deliver(recipient, compose())
                self.sent += 1
            except PublisherError as error:
                self.failed += 1
                # The address is personal data: the log names the failure only.
                LOG.error("a confirmation email was not sent: %s", error.problems[0].message)
            except Exception:
                self.failed += 1
                LOG.exception("a confirmation email was not sent")


# --- the confirmation email -------------------------------------------------------------------

_URL_MARK = "https://confirm.invalid/__CONFIRM_URL__"
_NAME_MARK = "__SUBSCRIBER_NAME__"


@lru_cache(maxsize=8)
def _confirmation_parts(
    site: Site, environment: jinja2.Environment, with_name: bool
) -> tuple[str, str, str]:
    """(subject, text, html) with placeholders: MJML is compiled once, not per subscriber."""
    from publisher.mail import compile_mjml

    subject = f"Confirm your subscription to {site.title}"
    context = {
        "site": site,
        "language": site.language or "en",
        "subject": subject,
        "confirm_url": _URL_MARK,
        "name": _NAME_MARK if with_name else "",
        "days": tokens.CONFIRM_DAYS,
    }
    text = render_template(environment, "email/confirm.txt.j2", context)
    mjml_text = render_template(environment, "email/confirm.mjml.j2", context)
    return subject, text, compile_mjml(mjml_text, "email/confirm.mjml.j2")


def confirmation_email(
    site: Site,
    environment: jinja2.Environment,
    *,
    address: str,
    name: str,
    confirm_url: str,
    now: dt.datetime,
) -> bytes:
    """The confirmation email (multipart/alternative: text, then HTML) as SMTP carries it.
    Raises TemplateError when a template is broken."""
    from email.message import EmailMessage
    from email.policy import SMTP

    from publisher.mail import header_text, list_id

    subject, text, html_body = _confirmation_parts(site, environment, bool(name))
    text = text.replace(_URL_MARK, confirm_url).replace(_NAME_MARK, name)
    html_body = html_body.replace(_URL_MARK, html.escape(confirm_url)).replace(
        _NAME_MARK, html.escape(name)
    )
    message = EmailMessage(policy=SMTP)
    message["Subject"] = header_text(subject)
    message["From"] = header_text(site.email.from_address)
    message["To"] = address
    if site.email.reply_to:
        message["Reply-To"] = header_text(site.email.reply_to)
    message["Date"] = format_datetime(now)
    domain = address.rpartition("@")[2] if not site.base_url else None
    message["Message-ID"] = make_msgid("confirm", domain=domain or _host(site.base_url))
    message["List-Id"] = list_id(site)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html_body, subtype="html", cte="quoted-printable")
    return message.as_bytes()


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or "localhost"


# --- middleware ---------------------------------------------------------------------------------


class _TooLarge(Exception):
    pass


def security(app: ASGIApp, *, max_body: int) -> ASGIApp:
    """Security headers on every answer, and request bodies capped at ``max_body`` bytes
    (413), whether the client declares a length or streams the body."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((name, value) for name, value in SECURITY_HEADERS if name not in names),
                ]
            await send(message)

        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > max_body):
                await _plain(send_with_headers, 413, "request body too large\n")
                return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_body:
                    raise _TooLarge
            return message

        try:
            await app(scope, counted, send_with_headers)
        except _TooLarge:
            if not started:
                await _plain(send_with_headers, 413, "request body too large\n")

    return guarded


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# --- the app ------------------------------------------------------------------------------------


def utc_now() -> dt.datetime:
    """The service's clock (the store's timestamps are ISO 8601 UTC, to the second)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def create_app(
    store: Store,
    settings: ServiceSettings,
    environment: jinja2.Environment,
    *,
    mailer: Mailer,
    clock: Callable[[], dt.datetime] = utc_now,
    monotonic: Callable[[], float] = time.monotonic,
) -> ASGIApp:
    """The ASGI app of the service (Starlette, wrapped in the security middleware)."""
    from email_validator import EmailNotValidError, validate_email

    from publisher.subscribers import address_problem, match_section_ids

    site = settings.site
    keys = settings.keys
    limiter = RateLimiter(settings.attempts_per_client, settings.attempts_window, monotonic)
    known_sections = {section_id for section_id, _ in settings.sections}
    root = settings.public_url
    secure_cookie = root.startswith("https:")

    def page(
        request: Request,
        template: str,
        title: str,
        status: int = 200,
        *,
        csrf_cookie: str = "",
        **context: Any,
    ) -> Response:
        text = render_template(
            environment,
            f"serve/{template}",
            {"site": site, "title": title, "root": "/", **context},
        )
        response = HTMLResponse(text, status_code=status)
        response.headers["cache-control"] = "no-store"
        if csrf_cookie and request.cookies.get(CSRF_COOKIE) != csrf_cookie:
            response.set_cookie(
                CSRF_COOKIE,
                csrf_cookie,
                httponly=True,
                samesite="lax",
                secure=secure_cookie,
                path="/",
            )
        return response

    def message_page(
        request: Request,
        title: str,
        *paragraphs: str,
        status: int = 200,
        links: Sequence[tuple[str, str]] = (),
    ) -> Response:
        return page(
            request,
            "message.html.j2",
            title,
            status,
            paragraphs=paragraphs,
            links=list(links) or [("Subscribe", "/subscribe")],
        )

    def csrf_pair(request: Request) -> tuple[str, str]:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if len(cookie) < 16 or len(cookie) > 64:
            cookie = secrets.token_urlsafe(24)
        return cookie, tokens.csrf_token(keys[0], cookie)

    def csrf_ok(request: Request, form: Mapping[str, Any]) -> bool:
        field = form.get("csrf")
        return isinstance(field, str) and tokens.csrf_valid(
            keys, request.cookies.get(CSRF_COOKIE, ""), field
        )

    def section_choices(chosen: Sequence[str]) -> list[dict[str, Any]]:
        return [
            {"id": section_id, "title": title, "checked": section_id in chosen}
            for section_id, title in settings.sections
        ]

    def subscribe_form(
        request: Request,
        status: int = 200,
        *,
        email: str = "",
        name: str = "",
        sections: Sequence[str] = (),
        error: str = "",
        notice: str = "",
    ) -> Response:
        cookie, csrf = csrf_pair(request)
        return page(
            request,
            "subscribe.html.j2",
            f"Subscribe to {site.title}",
            status,
            csrf_cookie=cookie,
            csrf=csrf,
            email=email,
            name=name,
            sections=section_choices(sections),
            error=error,
            notice=notice,
        )

    async def read_form(request: Request) -> Mapping[str, Any]:
        form = await request.form(max_files=0, max_fields=100)
        return {key: (form.getlist(key) if key == "sections" else form.get(key)) for key in form}

    def chosen_sections(form: Mapping[str, Any]) -> list[str]:
        # The ticked sections that exist (however their ids' characters were composed);
        # anything else a forged form holds is ignored.
        names = (str(item) for item in form.get("sections") or ())
        return sorted(match_section_ids(names, known_sections)[0])

    async def subscribe_get(request: Request) -> Response:
        return subscribe_form(request)

    async def subscribe_post(request: Request) -> Response:
        form = await read_form(request)
        email = str(form.get("email") or "").strip()[:320]
        name = form_name(str(form.get("name") or ""))
        chosen = chosen_sections(form)
        if not csrf_ok(request, form):
            # A form from elsewhere (the static page's, or a forged one): nothing is stored;
            # the person sees this form, filled in, with a token, and one click to go on.
            return subscribe_form(
                request,
                403,
                email=email,
                name=name,
                sections=chosen,
                notice="Please check the address and press Subscribe again.",
            )
        client = request.client.host if request.client else "unknown"
        if not limiter.allow(client):
            response = message_page(
                request,
                "Too many attempts",
                "Too many subscription attempts from your network. Please try again later.",
                status=429,
            )
            response.headers["retry-after"] = str(int(settings.attempts_window))
            return response
        if form.get("website"):  # the honeypot: only bots fill a field people cannot see
            return check_inbox(request)
        try:
            valid = validate_email(email, check_deliverability=False, allow_smtputf8=False)
            address = valid.normalized
        except EmailNotValidError as error:
            return subscribe_form(
                request, 400, email=email, name=name, sections=chosen, error=str(error)
            )
        if problem := address_problem(address):
            return subscribe_form(
                request, 400, email=email, name=name, sections=chosen, error=problem
            )
        now = clock()
        outcome = await run_in_threadpool(
            store.request_subscription,
            NewSubscriber(address=address, name=name, sections=tuple(chosen)),
            source=f"form {root}subscribe",
            now=now.isoformat(),
            day=now.date().isoformat(),
            daily_limit=settings.confirmations_per_day,
        )
        if outcome.send:
            token = tokens.confirm_token(
                keys[0], outcome.public_id, outcome.nonce, issued=int(now.timestamp())
            )
            mailer.submit(
                address,
                partial(
                    confirmation_email,
                    site,
                    environment,
                    address=address,
                    name=name,
                    confirm_url=f"{root}confirm?token={quote(token, safe='')}",
                    now=now,
                ),
            )
        return check_inbox(request)

    def check_inbox(request: Request) -> Response:
        # The same answer for a new, pending, confirmed or limited address: no enumeration.
        return message_page(
            request,
            "Check your inbox",
            "If the address can get email, a message to confirm the subscription is on its "
            "way. Open the link in it to start getting the emails.",
            f"The link works for {tokens.CONFIRM_DAYS} days. Nothing arrived? Check the "
            "spam folder, or subscribe again later.",
        )

    def invalid_link(request: Request, what: str) -> Response:
        return message_page(
            request,
            "This link does not work",
            f"This {what} link is not valid: it may be incomplete (copy the whole link), "
            "or it was replaced by a newer one.",
            status=400,
        )

    async def confirm(request: Request) -> Response:
        token = request.query_params.get("token", "")
        parsed = tokens.parse_confirm_token(token)
        if parsed is None:
            return invalid_link(request, "confirmation")
        nonce = await run_in_threadpool(store.confirm_nonce, parsed.public_id)
        if not tokens.confirm_token_valid(keys, parsed, nonce):
            record = await run_in_threadpool(store.subscriber, public_id=parsed.public_id)
            if record is not None and record.status == CONFIRMED:
                return subscribed_page(request, parsed.public_id, "You are already subscribed.")
            return invalid_link(request, "confirmation")
        now = clock()
        if tokens.confirm_token_expired(parsed, now=int(now.timestamp())):
            return message_page(
                request,
                "This link has expired",
                f"Confirmation links work for {tokens.CONFIRM_DAYS} days. Subscribe again "
                "to get a new one.",
                status=400,
            )
        if not await run_in_threadpool(store.confirm, parsed.public_id, nonce, now=now.isoformat()):
            return invalid_link(request, "confirmation")
        return subscribed_page(request, parsed.public_id, "Your subscription is confirmed.")

    def subscribed_page(request: Request, public_id: str, headline: str) -> Response:
        token = tokens.manage_token(keys[0], public_id)
        return message_page(
            request,
            "Subscribed",
            headline,
            "The next release of the road map will arrive by email. Every email has a link "
            "to choose sections or to unsubscribe.",
            links=[("Choose sections", f"/preferences?token={quote(token, safe='')}")],
        )

    async def manage_subject(request: Request) -> tuple[str, Any]:
        token = request.query_params.get("token", "")
        public_id = tokens.read_manage_token(keys, token)
        if public_id:
            # The page's forms carry a token of the current key, even when the link came
            # signed with an earlier one (PUBLISHER_PREVIOUS_SECRET_KEYS).
            signed = tokens.manage_token(keys[0], public_id)
            return signed, await run_in_threadpool(store.subscriber, public_id=public_id)
        if tokens.LIST_TOKEN.fullmatch(token):
            # A list's email sent before the store recorded the list: the keyed hash of the
            # address, which `send` keeps with the record when it records the list.
            record = await run_in_threadpool(store.subscriber, list_token=token)
            if record is not None:
                return tokens.manage_token(keys[0], record.public_id), record
        return token, None

    def preferences_page(
        request: Request, token: str, record: Any, notice: str = "", status: int = 200
    ) -> Response:
        cookie, csrf = csrf_pair(request)
        return page(
            request,
            "preferences.html.j2",
            "Your subscription",
            status,
            csrf_cookie=cookie,
            csrf=csrf,
            token=token,
            address=record.address,
            subscription=record.status,
            sections=section_choices(record.sections),
            notice=notice,
        )

    async def preferences_get(request: Request) -> Response:
        token, record = await manage_subject(request)
        if record is None:
            return invalid_link(request, "preferences")
        return preferences_page(request, token, record)

    async def preferences_post(request: Request) -> Response:
        token, record = await manage_subject(request)
        if record is None:
            return invalid_link(request, "preferences")
        form = await read_form(request)
        if not csrf_ok(request, form):
            return preferences_page(
                request, token, record, "Nothing was changed: please try again.", 403
            )
        now = clock().isoformat()
        if form.get("action") == "unsubscribe":
            await run_in_threadpool(
                store.unsubscribe, record.public_id, reason="preferences page", now=now
            )
            return unsubscribed_page(request)
        chosen = chosen_sections(form)
        await run_in_threadpool(store.set_sections, record.public_id, chosen, now=now)
        record = await run_in_threadpool(store.subscriber, public_id=record.public_id)
        return preferences_page(request, token, record, "Saved.")

    async def unsubscribe_get(request: Request) -> Response:
        token, record = await manage_subject(request)
        if record is None:
            return invalid_link(request, "unsubscribe")
        return page(
            request,
            "unsubscribe.html.j2",
            "Unsubscribe",
            token=token,
            preferences_url=f"/preferences?token={quote(token, safe='')}",
        )

    async def unsubscribe_post(request: Request) -> Response:
        # RFC 8058: the mailbox provider POSTs "List-Unsubscribe=One-Click" to the URL of the
        # List-Unsubscribe header, without cookies: the token in the URL is the authority.
        _, record = await manage_subject(request)
        if record is None:
            return invalid_link(request, "unsubscribe")
        public_id = record.public_id
        form = await read_form(request)
        if form.get("List-Unsubscribe") != "One-Click":
            return message_page(
                request,
                "Unsubscribe",
                "Nothing was changed: the request did not say List-Unsubscribe=One-Click.",
                status=400,
            )
        found = await run_in_threadpool(
            store.unsubscribe, public_id, reason="one-click", now=clock().isoformat()
        )
        if not found:
            return invalid_link(request, "unsubscribe")
        return unsubscribed_page(request)

    def unsubscribed_page(request: Request) -> Response:
        return message_page(
            request,
            "Unsubscribed",
            "You will get no more emails from this list.",
            "Changed your mind? You can subscribe again at any time.",
        )

    async def stylesheet(request: Request) -> Response:
        return Response(
            settings.css,
            media_type="text/css",
            headers={"cache-control": "public, max-age=3600"},
        )

    async def favicon(request: Request) -> Response:
        # Browsers ask for /favicon.ico on every page whatever the page says: an empty
        # answer they may keep for a week, rather than a 404 on each visit.
        return Response(status_code=204, headers={"cache-control": "public, max-age=604800"})

    async def home(request: Request) -> Response:
        return RedirectResponse("/subscribe", status_code=303)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok\n")

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/subscribe", subscribe_get, methods=["GET"]),
            Route("/subscribe", subscribe_post, methods=["POST"]),
            Route("/confirm", confirm, methods=["GET"]),
            Route("/preferences", preferences_get, methods=["GET"]),
            Route("/preferences", preferences_post, methods=["POST"]),
            Route("/unsubscribe", unsubscribe_get, methods=["GET"]),
            Route("/unsubscribe", unsubscribe_post, methods=["POST"]),
            Route("/style.css", stylesheet),
            Route("/favicon.ico", favicon),
            Route("/healthz", health),
        ],
    )
    return security(app, max_body=settings.max_body)


__all__ = [
    "PENDING",
    "Mailer",
    "RateLimiter",
    "ServiceSettings",
    "confirmation_email",
    "create_app",
]
