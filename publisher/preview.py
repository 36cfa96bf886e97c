"""`publisher preview`: a local server of the built site, every release's email and the
working copy's pending changes, rebuilt when data/ or templates/ change, and open pages
reloaded (server-sent events).

The server keeps running whatever the data holds: a build that fails leaves the last good
outputs served, and every page shows the problems (file and line) until they are fixed.
Each rebuild is `publisher build` itself (the same outputs, the same cache), so what the
preview shows is what will be published.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import html
import json
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from publisher import build as building
from publisher import link_cache
from publisher.errors import PublisherError
from publisher.project import Project

PREFIX = "/__preview"
PHONE_WIDTH = 375
DESKTOP_WIDTH = 1024
KEEPALIVE_SECONDS = 15.0
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".xsl": "text/xsl; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
# Reloads the page when the server says the build changed (its generation number).
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;var events=new EventSource('"
    + PREFIX
    + "/events');events.onmessage=function(event){if(seen===null){seen=event.data;return;}"
    "if(event.data!==seen){location.reload();}};})();</script>"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class EmailView:
    """One email as a reader gets it: subject, HTML part, text part."""

    subject: str
    html: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Pending:
    """The working copy's changes against the latest release, as the next release would
    publish them (None fields: nothing would be sent)."""

    summary: str
    email: EmailView | None
    changelog: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PreviewState:
    """What the server shows, replaced whole after each rebuild."""

    generation: int = 0
    problems: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()
    pending: Pending | None = None


def _email_view(rendered: Any) -> EmailView:
    from publisher import mail

    personal = rendered.with_token(mail.PREVIEW_TOKEN)
    return EmailView(subject=rendered.subject, html=personal.html, text=personal.text)


def render_pending(project: Project, today: dt.date) -> Pending:
    """The next release as it would be made today from data/roadmap.yaml: its email and
    changelog entry. Raises PublisherError when the working copy or templates are broken."""
    from publisher import changelog, mail
    from publisher.diff import EMPTY_ROADMAP, diff
    from publisher.load import load_site_of, load_working_copy
    from publisher.model import Release
    from publisher.release_history import HistoryCache, index_releases, load_indexed
    from publisher.render import template_environment

    site = load_site_of(project)
    working = load_working_copy(project)
    history_cache = HistoryCache.at(project.cache_dir, read_only=True)
    entries = index_releases(project, history_cache)
    latest = load_indexed(project, entries[-1], history_cache) if entries else EMPTY_ROADMAP
    next_release = Release(version="next", date=today, title="Pending changes")
    changes = diff(latest, dataclasses.replace(working, release=next_release))
    environment = template_environment(project.templates_dir)
    since = f"since {entries[-1].release.version}" if entries else "(no release yet)"
    if changes.is_empty and (not entries or latest.roadmap == working.roadmap):
        return Pending(summary=f"data/roadmap.yaml: no change {since}", email=None, changelog="")
    rendered = mail.render_release_email(site, changes, environment)
    entry = changelog.render_release_markdown(
        site, changelog.release_entry(site, changes), environment
    )
    counts = (
        f"{len(changes.added)} added, {len(changes.removed)} removed, "
        f"{len(changes.announced_updates)} updated, {len(changes.moved)} moved"
    )
    return Pending(
        summary=f"data/roadmap.yaml {since}: {counts}",
        email=_email_view(rendered) if rendered is not None else None,
        changelog=entry,
    )


def render_release_email_view(project: Project, version: str) -> EmailView | None:
    """The email of release ``version`` (None: it changed nothing readers hear about)."""
    from publisher import mail
    from publisher.load import load_site_of
    from publisher.release_history import release_diff
    from publisher.render import template_environment

    changes = release_diff(project, version, cache_dir=project.cache_dir)
    rendered = mail.render_release_email(
        load_site_of(project), changes, template_environment(project.templates_dir)
    )
    return _email_view(rendered) if rendered is not None else None


class Preview:
    """The preview of one project: rebuilds on demand, serves, and tells open pages to
    reload. Thread-safe: the watcher rebuilds while handlers serve."""

    def __init__(self, project: Project, *, today: dt.date) -> None:
        self.project = project
        self.today = today
        self.paths = building.build_paths(project)
        self.state = PreviewState()
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.watching = threading.Event()  # set once changes are seen
        self._emails: dict[tuple[int, str], EmailView | str | None] = {}
        self._rebuild_lock = threading.Lock()

    def rebuild(self) -> PreviewState:
        """Build the site (as `publisher build`) and the pending changes; record the problems
        instead of raising, so the server keeps running. Returns the new state."""
        from publisher.release_history import index_releases

        with self._rebuild_lock:
            problems: list[str] = []
            try:
                building.build(self.paths)
            except PublisherError as error:
                problems.extend(str(problem) for problem in error.problems)
            pending = None
            try:
                pending = render_pending(self.project, self.today)
            except PublisherError as error:
                problems.extend(
                    str(problem) for problem in error.problems if str(problem) not in problems
                )
            versions: tuple[str, ...] = ()
            with contextlib.suppress(PublisherError):  # the build reported it already
                versions = tuple(entry.release.version for entry in index_releases(self.project))
            with self.changed:
                self.state = PreviewState(
                    generation=self.state.generation + 1,
                    problems=tuple(problems),
                    versions=versions,
                    pending=pending,
                )
                self._emails.clear()
                self.changed.notify_all()
            return self.state

    def release_email(self, version: str) -> EmailView | str | None:
        """A release's email, rendered once per build; a string says what is wrong."""
        key = (self.state.generation, version)
        if key not in self._emails:
            try:
                self._emails[key] = render_release_email_view(self.project, version)
            except PublisherError as error:
                self._emails[key] = "; ".join(str(problem) for problem in error.problems)
        return self._emails[key]

    def watch(self, on_rebuild: Callable[[PreviewState], None] | None = None) -> None:
        """Rebuild whenever a file under data/ or templates/ changes, or the link cache that
        `check-links` writes (dead links are marked on the pages), until `stop`."""
        import watchfiles

        state_dir = self.project.state_dir
        state_dir.mkdir(parents=True, exist_ok=True)
        folders = [
            str(folder)
            for folder in (self.project.data_dir, self.project.templates_dir, state_dir)
            if folder.is_dir()
        ]

        usual = watchfiles.DefaultFilter()
        state_root = state_dir.resolve()

        def wanted(change: watchfiles.Change, path: str) -> bool:
            # Of .publisher/, only the link cache (and SQLite's journal beside it): the build
            # writes its own cache there, which must not start another build.
            where = Path(path).resolve()
            if where.is_relative_to(state_root):
                return where.parent == state_root and where.name.startswith(link_cache.CACHE_FILE)
            return usual(change, path)

        for changes in watchfiles.watch(
            *folders,
            watch_filter=wanted,
            stop_event=self.stopping,
            step=20,
            debounce=400,
            rust_timeout=200,
            yield_on_timeout=True,  # an empty set now and then: the watcher is running
            raise_interrupt=False,
        ):
            if not changes:
                self.watching.set()
                continue
            state = self.rebuild()
            if on_rebuild is not None:
                on_rebuild(state)

    def stop(self) -> None:
        """Stop watching and wake every open event stream."""
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()


# --- pages -----------------------------------------------------------------------------------


def problems_html(state: PreviewState) -> str:
    """The banner listing the last build's problems (empty when it succeeded)."""
    if not state.problems:
        return ""
    items = "".join(f"<li><code>{html.escape(problem)}</code></li>" for problem in state.problems)
    return (
        '<section id="preview-problems" role="alert" style="background:#fde8e8;color:#7a1010;'
        'border:2px solid #c62828;padding:0.5em 1em;margin:0 0 1em">'
        "<strong>The last build failed</strong> (the pages show the last good one):"
        f"<ul>{items}</ul></section>"
    )


def _page(title: str, body: str, state: PreviewState) -> str:
    problems = problems_html(state)
    navigation = (
        f'<nav><a href="{PREFIX}/">Preview</a> · <a href="/">Site</a> · '
        f'<a href="/changelog/">Changelog</a> · <a href="{PREFIX}/pending">Pending changes</a>'
        "</nav>"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · preview</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:1em}iframe{border:1px solid #999;"
        "background:#fff}.widths{display:flex;gap:1em;align-items:flex-start;flex-wrap:wrap}"
        "pre{white-space:pre-wrap;max-width:72ch;border:1px solid #999;padding:0.5em}</style>"
        f"</head><body>{problems}{navigation}<h1>{html.escape(title)}</h1>{body}"
        f"{RELOAD_SCRIPT}</body></html>"
    )


def _email_body(view: EmailView, html_url: str) -> str:
    frames = "".join(
        f'<figure><figcaption>{label} ({width} px)</figcaption><iframe title="{label}" '
        f'src="{html_url}" width="{width}" height="900"></iframe></figure>'
        for label, width in (("Phone", PHONE_WIDTH), ("Desktop", DESKTOP_WIDTH))
    )
    return (
        f"<p>Subject: <strong>{html.escape(view.subject)}</strong></p>"
        f'<div class="widths">{frames}<figure><figcaption>Text part</figcaption>'
        f"<pre>{html.escape(view.text)}</pre></figure></div>"
    )


def home_page(state: PreviewState) -> str:
    """The preview's start page: links to the site, the pending changes and every email."""
    emails = "".join(
        f'<li><a href="{PREFIX}/email/{urllib.parse.quote(version)}">'
        f"{html.escape(version)}</a></li>"
        for version in reversed(state.versions)
    )
    pending = html.escape(state.pending.summary) if state.pending else "(not available)"
    body = (
        '<ul><li><a href="/">The road map page</a></li>'
        '<li><a href="/changelog/">The changelog</a></li>'
        f'<li><a href="{PREFIX}/pending">Pending changes</a>: {pending}</li></ul>'
        f"<h2>Release emails</h2><ul>{emails or '<li>no release yet</li>'}</ul>"
    )
    return _page("Preview", body, state)


def pending_page(state: PreviewState) -> str:
    """The working copy's changes as the next release's email and changelog entry."""
    pending = state.pending
    if pending is None:
        return _page("Pending changes", "<p>Fix the problems above to see them.</p>", state)
    body = f"<p>{html.escape(pending.summary)}</p>"
    if pending.changelog:
        body += f"<h2>Changelog entry</h2><pre>{html.escape(pending.changelog)}</pre>"
    if pending.email is not None:
        body += "<h2>Email</h2>" + _email_body(pending.email, f"{PREFIX}/pending/email.html")
    elif pending.changelog:
        body += "<p>No email: nothing subscribers hear about changed.</p>"
    return _page("Pending changes", body, state)


# --- the server ------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal stays for rebuild messages

    def do_GET(self) -> None:
        preview = self.server.preview
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        state = preview.state
        if path == f"{PREFIX}/events":
            self._events()
        elif path in (PREFIX, f"{PREFIX}/"):
            self._send_html(home_page(state))
        elif path == f"{PREFIX}/status":
            status = {
                "generation": state.generation,
                "problems": list(state.problems),
                "versions": list(state.versions),
            }
            self._send(json.dumps(status).encode(), "application/json")
        elif path == f"{PREFIX}/pending":
            self._send_html(pending_page(state))
        elif path in (f"{PREFIX}/pending/email.html", f"{PREFIX}/pending/email.txt"):
            view = state.pending.email if state.pending else None
            self._send_email_part(view, path.endswith(".html"))
        elif path.startswith(f"{PREFIX}/email/"):
            self._email(path.removeprefix(f"{PREFIX}/email/"))
        else:
            self._static(path)

    def _email(self, name: str) -> None:
        preview = self.server.preview
        version, _, part = name.partition("/")
        if version not in preview.state.versions:
            self._not_found(f"no release {version!r}")
            return
        view = preview.release_email(version)
        if part in ("email.html", "email.txt"):
            shown = view if isinstance(view, EmailView) else None
            self._send_email_part(shown, part == "email.html")
            return
        if isinstance(view, str):
            body = f"<p>{html.escape(view)}</p>"
        elif view is None:
            body = f"<p>Release {html.escape(version)} changed nothing: no email.</p>"
        else:
            body = _email_body(view, f"{PREFIX}/email/{urllib.parse.quote(version)}/email.html")
        self._send_html(_page(f"Email of {version}", body, preview.state))

    def _send_email_part(self, view: EmailView | None, as_html: bool) -> None:
        if view is None:
            self._not_found("no email")
        elif as_html:
            self._send(view.html.encode("utf-8"), _TYPES[".html"])
        else:
            self._send(view.text.encode("utf-8"), _TYPES[".txt"])

    def _static(self, path: str) -> None:
        root = self.server.preview.paths.output_dir.resolve()
        target = (root / path.lstrip("/")).resolve()
        if not target.is_relative_to(root):
            self._not_found("outside the site")
            return
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_file():
            self._not_found(f"{path}: not in the built site")
            return
        content_type = _TYPES.get(target.suffix, "application/octet-stream")
        data = target.read_bytes()
        if target.suffix == ".html":
            self._send_html(data.decode("utf-8", "replace"), inject=True)
        else:
            self._send(data, content_type)

    def _send_html(self, text: str, *, inject: bool = False) -> None:
        if inject:
            state = self.server.preview.state
            extra = problems_html(state) + RELOAD_SCRIPT
            position = text.rfind("</body>")
            text = text[:position] + extra + text[position:] if position >= 0 else text + extra
        self._send(text.encode("utf-8"), _TYPES[".html"])

    def _not_found(self, message: str) -> None:
        self._send(html.escape(message).encode("utf-8"), _TYPES[".txt"], HTTPStatus.NOT_FOUND)

    def _send(self, data: bytes, content_type: str, status: int = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _events(self) -> None:
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = -1
        try:
            while not preview.stopping.is_set():
                with preview.changed:
                    if preview.state.generation == sent:
                        preview.changed.wait(KEEPALIVE_SECONDS)
                    generation = preview.state.generation
                if generation != sent:
                    self.wfile.write(f"data: {generation}\n\n".encode())
                    sent = generation
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server of a preview (threads: the event streams stay open)."""

    daemon_threads = True
    preview: Preview

    def __init__(self, preview: Preview, host: str, port: int) -> None:
        self.preview = preview
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        """Where the preview is reachable."""
        address = self.server_address
        host = address[0].decode() if isinstance(address[0], bytes) else str(address[0])
        port = address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{PREFIX}/"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback name or address (the default: only this machine)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
