"""The changelog email of a release: Jinja2 + MJML → responsive HTML and plain text, and the
message one subscriber receives. Pure: no SMTP (that is `send`), no clock, no env reads.

The costly step is MJML compilation, so it happens once per distinct section selection
(`render_release_email`, `render_by_selection`). Everything personal (the unsubscribe token,
the recipient, the Date) is added afterwards by `message_bytes`, the one serializer: `send`
puts its bytes on the wire and `email --format eml` writes them as the preview::

    rendered = render_release_email(site, changes, environment, sections=subscriber.sections)
    if rendered is not None:
        data = message_bytes(rendered, address=subscriber.address, name=subscriber.name,
                             token=unsubscribe_token(key, subscriber.address), sent_at=now)
"""

from __future__ import annotations

import binascii
import datetime as dt
import email
import functools
import hashlib
import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

from publisher import addresses, links
from publisher.diff import (
    ChangeWords,
    ResourceChange,
    ResourceMove,
    RoadmapDiff,
    describe_change,
    section_text,
)
from publisher.errors import DataError, Problem, TemplateError
from publisher.model import Release, Resource, Site, Snapshot, slugify
from publisher.render import render_template

HTML_TEMPLATE = "email/changelog.mjml.j2"
TEXT_TEMPLATE = "email/changelog.txt.j2"
SUBJECT_TEMPLATE = "email/subject.txt.j2"
PREHEADER_TEMPLATE = "email/preheader.txt.j2"

# Stands for the subscriber's unsubscribe token until `message_bytes` puts the real one in.
# Only URL-safe letters and digits, so it comes through Jinja escaping, MJML and text wrapping
# unchanged; long and odd enough that no road map text contains it by accident.
TOKEN_PLACEHOLDER = "PUBLISHERxUNSUBSCRIBExTOKENx7c1f94be"
# The token of previews made without a key: visibly not a real one, and never accepted.
PREVIEW_TOKEN = "preview-token"

TEXT_WIDTH = 78
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Gmail clips an HTML part over about 102 KB, hiding the rest and the unsubscribe link. The
# HTML is kept within this many bytes (with room for the subscriber's token and the encoding
# of the headers), by listing the first entries of each section only.
HTML_LIMIT = 100_000
_HTML_BUDGET = HTML_LIMIT - 2_000
_WHITESPACE = re.compile(r"\s+")
# Line breaks, other control characters and Unicode line/paragraph separators: none may reach
# a header, where a line break would start a new header (injection).
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class EmailEntry:
    """One resource as the email shows it. ``change`` is added, updated, moved or removed."""

    change: str
    title: str
    url: str
    page_url: str
    description: str
    details: tuple[str, ...] = ()
    what_changed: tuple[ChangeWords, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EmailGroup:
    """The entries of one section, ``path`` being its titles from the top level down."""

    path: tuple[str, ...]
    section_ids: tuple[str, ...]
    entries: tuple[EmailEntry, ...]
    more: int = 0  # entries left out to keep the email within HTML_LIMIT (the web copy has all)

    @property
    def title(self) -> str:
        """The section path as one heading: ``Learn From Others \u203a Newsletters``."""
        return section_text(self.path) or "Other"


@dataclass(frozen=True, slots=True, kw_only=True)
class RestOfRelease:
    """What an email too big to list every section leaves to the web copy: ``sections``
    whole sections holding ``changes`` changes (0 and 0: nothing)."""

    sections: int = 0
    changes: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeCounts:
    """How many resources a selection of the release adds, updates (or moves) and removes."""

    added: int = 0
    updated: int = 0
    removed: int = 0

    @property
    def total(self) -> int:
        """All changes together; 0 means there is nothing to send."""
        return self.added + self.updated + self.removed


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedEmail:
    """One release's email for one section selection, compiled once and shared by every
    subscriber of that selection. ``html``, ``text`` and ``mjml`` hold `TOKEN_PLACEHOLDER`
    where the subscriber's unsubscribe token goes: use `with_token`, or `message_bytes` for
    the message itself."""

    site: Site
    release: Release
    sections: frozenset[str] = field(default_factory=frozenset)
    counts: ChangeCounts
    subject: str
    preheader: str
    html: str
    text: str
    mjml: str

    def with_token(self, token: str) -> RenderedEmail:
        """A copy whose html, text and mjml carry ``token`` (URL-quoted) instead of the
        placeholder: what one subscriber reads."""
        safe = quote_token(token)
        return replace(
            self,
            html=self.html.replace(TOKEN_PLACEHOLDER, safe),
            text=self.text.replace(TOKEN_PLACEHOLDER, safe),
            mjml=self.mjml.replace(TOKEN_PLACEHOLDER, safe),
        )


# --- selecting and describing the changes ------------------------------------------------


def selection_includes(sections: frozenset[str] | None, section_ids: Iterable[str]) -> bool:
    """Whether a change located at ``section_ids`` (top-level id first) belongs to a selection.

    None or an empty selection means every section; choosing a section includes its nested
    sections, so a change belongs when any id on its path is selected.
    """
    return not sections or any(section_id in sections for section_id in section_ids)


def safe_url(url: str) -> str:
    """``url`` when it is http, https or mailto, else '' (a ``javascript:`` link never reaches
    an href, whatever built the data)."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in _SAFE_SCHEMES and not _CONTROL.search(url) else ""


def _details(resource: Resource) -> tuple[str, ...]:
    details = [resource.kind]
    if resource.author is not None and resource.author.name:
        details.append(f"by {resource.author.name}")
    details += [resource.cost, resource.level, resource.time]
    return tuple(detail for detail in details if detail)


def _entry(
    site: Site,
    release: Release | None,
    kind: str,
    resource: Resource,
    what_changed: tuple[ChangeWords, ...] = (),
) -> EmailEntry:
    page = links.resource_page_url(site, release, resource.identity) if release else ""
    return EmailEntry(
        change=kind,
        title=resource.title,
        url=safe_url(resource.url),
        page_url=page,
        description=resource.description if kind != "removed" else "",
        details=_details(resource) if kind != "removed" else (),
        what_changed=what_changed,
    )


def _group_changes(
    site: Site, changes: RoadmapDiff, sections: frozenset[str] | None
) -> tuple[tuple[EmailGroup, ...], ChangeCounts]:
    release = changes.new
    groups: dict[tuple[str, ...], tuple[tuple[str, ...], list[EmailEntry]]] = {}
    counts = {"added": 0, "updated": 0, "removed": 0}

    def add(ids: tuple[str, ...], path: tuple[str, ...], entry: EmailEntry, counted: str) -> None:
        groups.setdefault(ids, (path, []))[1].append(entry)
        counts[counted] += 1

    def add_listed(kind: str, change: ResourceChange) -> None:
        # An added or removed resource: listed as it is, counted under its kind.
        if selection_includes(sections, change.section_ids):
            entry = _entry(site, release, kind, change.resource)
            add(change.section_ids, change.section, entry, kind)

    for change in changes.added:
        add_listed("added", change)
    updated_identities = set()
    for change in changes.announced_updates:
        if selection_includes(sections, change.section_ids):
            updated_identities.add(change.resource.identity)
            lines = tuple(
                describe_change(field_change) for field_change in change.announced_changes
            )
            lines += tuple(
                _move_line(move)
                for move in changes.moved
                if move.resource.identity == change.resource.identity
            )
            entry = _entry(site, release, "updated", change.resource, lines)
            add(change.section_ids, change.section, entry, "updated")
    for move in changes.moved:
        if move.resource.identity in updated_identities:
            continue
        if selection_includes(sections, (*move.from_section_ids, *move.to_section_ids)):
            entry = _entry(site, release, "moved", move.resource, (_move_line(move),))
            add(move.to_section_ids, move.to_section, entry, "updated")
    for change in changes.removed:
        add_listed("removed", change)
    ordered = tuple(
        EmailGroup(path=path, section_ids=ids, entries=tuple(entries))
        for ids, (path, entries) in groups.items()
    )
    return ordered, ChangeCounts(**counts)


def _move_line(move: ResourceMove) -> ChangeWords:
    before, after = section_text(move.from_section), section_text(move.to_section)
    return ChangeWords(
        field="section",
        label="section",
        old=before,
        new=after,
        summary=f"moved from {before} to {after}",
    )


# --- rendering ---------------------------------------------------------------------------


def render_release_email(
    site: Site,
    release_diff: RoadmapDiff,
    environment: jinja2.Environment,
    *,
    sections: frozenset[str] | None = None,
) -> RenderedEmail | None:
    """The email of ``release_diff.new`` for subscribers of ``sections`` (None or empty: all),
    or None when nothing in those sections changed.

    Compiles MJML once; the result serves every subscriber of the selection through
    `message_bytes`. Raises TemplateError for a broken template or MJML, DataError when the
    site has no way to unsubscribe (neither ``email.unsubscribe_url`` nor an address).
    """
    release = _release_of(release_diff)
    groups, counts = _group_changes(site, release_diff, sections)
    if counts.total == 0:
        return None
    unsubscribe = unsubscribe_link(site, TOKEN_PLACEHOLDER)
    if not unsubscribe:
        raise DataError(
            [
                Problem(
                    path="site.yaml",
                    key="email.unsubscribe_url",
                    message="an email needs an unsubscribe link: set email.unsubscribe_url "
                    "(or at least email.reply_to or email.from)",
                )
            ]
        )
    context, mjml_text, html = _within_budget(
        environment, site, release, groups, counts, unsubscribe
    )
    return RenderedEmail(
        site=site,
        release=release,
        sections=frozenset(sections or ()),
        counts=counts,
        subject=context["subject"],
        preheader=context["preheader"],
        html=html,
        text=_render_text(environment, context),
        mjml=mjml_text,
    )


def _within_budget(
    environment: jinja2.Environment,
    site: Site,
    release: Release,
    groups: tuple[EmailGroup, ...],
    counts: ChangeCounts,
    unsubscribe: str,
) -> tuple[dict[str, Any], str, str]:
    """The context, MJML and HTML of an email whose HTML fits `_HTML_BUDGET`: everything when
    it fits, else each section's first entries (the same number for every section, as many as
    fit) and a count of the rest, which the web copy lists; when even the section headings do
    not fit, the first sections and a count of the others. The text part follows the cut."""
    label = _template_path(environment, HTML_TEMPLATE)

    def attempt(
        shown: tuple[EmailGroup, ...], rest: RestOfRelease | None = None
    ) -> tuple[dict[str, Any], str, str, int]:
        context = _context(
            environment,
            site,
            release,
            shown,
            counts,
            web_copy=False,
            unsubscribe=unsubscribe,
            rest=rest,
        )
        mjml_text = render_template(environment, HTML_TEMPLATE, context)
        html = compile_mjml(mjml_text, label)
        return context, mjml_text, html, len(html.encode("utf-8"))

    context, mjml_text, html, size = attempt(groups)
    limit = max((len(group.entries) for group in groups), default=0)
    while size > _HTML_BUDGET and limit > 0:
        # Entries cost about the same: scale the number shown by the room left, a little under.
        shown_entries = sum(min(len(group.entries), limit) for group in groups)
        target = int(shown_entries * _HTML_BUDGET / size * 0.9)
        limit = min(limit - 1, _limit_for(groups, target))
        context, mjml_text, html, size = attempt(_cut(groups, limit))
    count = len(groups)
    while size > _HTML_BUDGET and count > 1:
        # Even the headings are too many: whole sections go to the web copy.
        count = min(count - 1, int(count * _HTML_BUDGET / size * 0.9))
        count = max(count, 1)
        left = groups[count:]
        rest = RestOfRelease(sections=len(left), changes=sum(len(group.entries) for group in left))
        context, mjml_text, html, size = attempt(_cut(groups[:count], 0), rest)
    return context, mjml_text, html


def _cut(groups: tuple[EmailGroup, ...], limit: int) -> tuple[EmailGroup, ...]:
    """Each group with its first ``limit`` entries and the count of the others."""
    return tuple(
        replace(group, entries=group.entries[:limit], more=max(len(group.entries) - limit, 0))
        for group in groups
    )


def _limit_for(groups: tuple[EmailGroup, ...], target: int) -> int:
    """The largest number of entries per section such that at most ``target`` are shown."""
    low, high = 0, max(len(group.entries) for group in groups)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(len(group.entries), middle) for group in groups) <= target:
            low = middle
        else:
            high = middle - 1
    return low


def web_copy(site: Site, release_diff: RoadmapDiff, environment: jinja2.Environment) -> bytes:
    """The "view in browser" page of a release's email (all sections, no personal token), for
    ``links.release_page_path(version)``. Raises TemplateError for a broken template."""
    release = _release_of(release_diff)
    groups, counts = _group_changes(site, release_diff, None)
    context = _context(environment, site, release, groups, counts, web_copy=True, unsubscribe="")
    mjml_text = render_template(environment, HTML_TEMPLATE, context)
    return compile_mjml(mjml_text, _template_path(environment, HTML_TEMPLATE)).encode("utf-8")


def compile_mjml(mjml_text: str, label: str = HTML_TEMPLATE) -> str:
    """MJML → HTML with mjml-python; raises TemplateError naming ``label`` when MJML is broken."""
    import mjml  # the compiler is a native extension: loaded only when an email is made

    try:
        # fonts={}: no web-font <link>; the templates use system fonts, which every client has.
        html: str = mjml.mjml2html(mjml_text, fonts={})
    except (ValueError, RuntimeError) as error:
        raise TemplateError(
            [Problem(path=label, message=f"the rendered MJML does not compile: {error}")]
        ) from None
    return html


def _release_of(release_diff: RoadmapDiff) -> Release:
    if release_diff.new is None:
        raise ValueError("an email is made for a release: release_diff.new is None")
    return release_diff.new


def _template_path(environment: jinja2.Environment, name: str) -> str:
    try:
        filename = environment.get_template(name).filename
    except jinja2.TemplateError:
        return name
    return filename or name


def _context(
    environment: jinja2.Environment,
    site: Site,
    release: Release,
    groups: tuple[EmailGroup, ...],
    counts: ChangeCounts,
    *,
    web_copy: bool,
    unsubscribe: str,
    rest: RestOfRelease | None = None,
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "site": site,
        "release": release,
        "groups": groups,
        "rest": rest or RestOfRelease(),
        "counts": counts,
        "language": site.language or "en",
        "date": f"{release.date:%-d %B %Y}",
        "web_copy": web_copy,
        "web_url": links.site_url(site, links.release_page_path(release.version)),
        "page_url": links.release_url(site, release),
        "unsubscribe_url": unsubscribe,
        "logo": safe_url(site.feeds.logo),
        "site_url": safe_url(site.base_url),
        "wrap": wrap_text,
        "plain": markdown_to_text,
    }
    # One-line templates, so a project can reword them; a line break never survives.
    context["preheader"] = header_text(render_template(environment, PREHEADER_TEMPLATE, context))
    context["subject"] = header_text(render_template(environment, SUBJECT_TEMPLATE, context))
    return context


def _render_text(environment: jinja2.Environment, context: dict[str, Any]) -> str:
    text = render_template(environment, TEXT_TEMPLATE, context)
    # "-- " (with its space) is the signature separator mail clients recognise.
    lines = [line if line == "-- " else line.rstrip() for line in text.splitlines()]
    # Templates are easier to read with generous blank lines; the email needs one at most.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def unsubscribe_link(site: Site, token: str) -> str:
    """The unsubscribe URL for ``token`` (``email.unsubscribe_url`` with ``{token}`` filled
    in), else a mailto link to the list's reply address; '' when the site has neither."""
    if site.email.unsubscribe_url:
        return site.email.unsubscribe_url.replace("{token}", token)
    mailbox = _list_mailbox(site)
    return f"mailto:{mailbox}?subject=unsubscribe" if mailbox else ""


def _list_mailbox(site: Site) -> str:
    try:
        return addresses.parse_mailbox(site.email.reply_to or site.email.from_address).addr_spec
    except ValueError:
        return parseaddr(site.email.reply_to or site.email.from_address)[1]


def quote_token(token: str) -> str:
    """``token`` made safe for a URL, an HTML attribute and a header (percent-encoded)."""
    return quote(token, safe="-._~")


# --- plain text --------------------------------------------------------------------------


def wrap_text(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` wrapped at 78 columns; URLs and other long words are never broken.

    ``first`` prefixes the first line (default ``indent``), ``indent`` the following ones.
    """
    return textwrap.fill(
        _WHITESPACE.sub(" ", text).strip(),
        width=TEXT_WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def markdown_to_text(markdown: str, indent: str = "") -> str:
    """Markdown as plain text wrapped at 78 columns: links written out as ``label (URL)``,
    emphasis dropped, list items as ``-``; only http, https and mailto URLs are kept."""
    from publisher.render import markdown_tokens

    blocks: list[str] = []
    prefix: list[str] = []
    bullet = ""
    for token in markdown_tokens(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            prefix.append("  ")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            prefix.pop()
        elif token.type == "list_item_open":
            bullet = "- "
        elif token.type == "inline":
            line_indent = indent + "".join(prefix[:-1])
            if prefix:
                first = line_indent + (bullet or "  ")
                rest = line_indent + "  "
            else:
                first = rest = line_indent
            bullet = ""
            blocks.append(wrap_text(_inline_text(token.children or []), rest, first))
        elif token.type in ("fence", "code_block"):
            blocks.append("\n".join(indent + "    " + line for line in token.content.splitlines()))
    return "\n\n".join(block for block in blocks if block.strip())


def _inline_text(children: list[Any]) -> str:
    parts: list[str] = []
    href_stack: list[str] = []
    label_start: list[int] = []
    for child in children:
        if child.type == "link_open":
            href_stack.append(safe_url(str(child.attrs.get("href", ""))))
            label_start.append(len(parts))
        elif child.type == "link_close":
            href = href_stack.pop()
            label = "".join(parts[label_start.pop() :]).strip()
            if href and href.removeprefix("mailto:") != label and href != label:
                parts.append(f" ({href})")
        elif child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content or str(child.attrs.get("alt", "")))
    return "".join(parts)


# --- the MIME message ----------------------------------------------------------------------


def message_bytes(
    rendered: RenderedEmail,
    *,
    address: str,
    name: str = "",
    token: str,
    identifier: str | None = None,
    sent_at: dt.datetime | None = None,
) -> bytes:
    """The one serializer: the bytes of one subscriber's message, exactly as `send` puts
    them on the wire and `email --format eml` previews them.

    multipart/alternative (text/plain, then text/html, quoted-printable UTF-8), with Subject,
    From, To, Reply-To, Date, Message-ID, List-Id, List-Unsubscribe and List-Unsubscribe-Post.
    ``identifier``: the Message-ID, default `message_id` (stable for release and address; a
    resend passes the one the ledger recorded). Date is ``sent_at`` (the time of sending),
    else the release date at 00:00 UTC (a preview that stays the same bytes on every run).
    ``token`` is URL-quoted into the unsubscribe links.

    Fast, because `send` calls it once per subscriber: the headers shared by every
    subscriber of a rendering are folded once (by the email package's SMTP policy, see
    `_shared_headers`), bodies are encoded by the C quoted-printable encoder. Raises DataError
    when ``address`` or the site's ``email.from`` is not usable in a header.
    """
    site = rendered.site
    if not site.email.from_address:
        raise DataError(
            [Problem(path="site.yaml", key="email.from", message="is needed to send email")]
        )
    address = address.strip()
    if not address or _CONTROL.search(address) or " " in address:
        raise DataError([Problem(message=f"{address!r} is not an email address")])
    if identifier is None:
        identifier = message_id(site, rendered.release.version, address)
    top, reply_to, list_id_line = _shared_headers(rendered)
    date = (
        date_header(sent_at) if sent_at is not None else release_date_header(rendered.release.date)
    )
    display = header_text(name)
    to_line = f"To: {display} <{address}>" if display else f"To: {address}"
    if _PLAIN_NAME.fullmatch(display) and address.isascii() and len(to_line) <= 78:
        to = to_line.encode("ascii") + b"\r\n"
    else:  # quoting or RFC 2047 encoding: the email package does it
        to = _header_lines(("To", _recipient(address, name)))
    safe_token = quote_token(token)
    urls = list_unsubscribe_urls(site, safe_token)
    items = [f"<{url}>" for url in urls]
    # Fold between URLs, and before the first when it would not fit on the header's line.
    fold = " " if len(f"List-Unsubscribe: {items[0]},") <= 78 else "\r\n "
    unsubscribe = "List-Unsubscribe:" + fold + ",\r\n ".join(items) + "\r\n"
    if urls[0].startswith("https:"):
        # RFC 8058: one-click unsubscribing needs an https URL that accepts a POST.
        unsubscribe += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
    # A boundary from the Message-ID, not a random one, so the same message has the same bytes;
    # "=_" never occurs in a quoted-printable body (a literal "=" is encoded as "=3D").
    boundary = "=_" + identifier[1:].partition("@")[0]
    separator = f"--{boundary}\r\n".encode("ascii")
    return b"".join(
        (
            top,
            to,
            reply_to,
            f"Date: {date}\r\n".encode("ascii"),
            f"Message-ID: {identifier}\r\n".encode("ascii"),
            list_id_line,
            unsubscribe.encode("ascii"),
            b"MIME-Version: 1.0\r\n",
            f'Content-Type: multipart/alternative;\r\n boundary="{boundary}"\r\n\r\n'.encode(),
            separator,
            _PART_HEAD % b"plain",
            *_encoded_body(rendered).text.fill(safe_token),
            b"\r\n",
            separator,
            _PART_HEAD % b"html",
            *_encoded_body(rendered).html.fill(safe_token),
            b"\r\n",
            f"--{boundary}--\r\n".encode("ascii"),
        )
    )


def personalize(
    rendered: RenderedEmail,
    *,
    address: str,
    name: str = "",
    token: str,
    sent_at: dt.datetime | None = None,
) -> EmailMessage:
    """`message_bytes` parsed back into an EmailMessage, to read its headers and parts (a
    preview, a test). Send and preview the bytes themselves: re-serializing a parsed message
    may fold its headers differently."""
    data = message_bytes(rendered, address=address, name=name, token=token, sent_at=sent_at)
    parsed = email.message_from_bytes(data, policy=SMTP)
    assert isinstance(parsed, EmailMessage)
    return parsed


_PLAIN_NAME = re.compile(r"[A-Za-z0-9 ]*")
_PART_HEAD = (
    b'Content-Type: text/%s; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
)


def _header_lines(*headers: tuple[str, object]) -> bytes:
    """Headers folded and encoded exactly as the SMTP policy does, CRLF-terminated."""
    message = EmailMessage(policy=SMTP)
    for header, value in headers:
        message[header] = value
    return message.as_bytes()[: -len(b"\r\n")]  # drop the blank line that ends the head


@functools.lru_cache(maxsize=64)
def _shared_headers(rendered: RenderedEmail) -> tuple[bytes, bytes, bytes]:
    """Subject and From, Reply-To (or nothing), and List-Id: the same for every subscriber of
    one rendering, so folded once."""
    site = rendered.site
    top = _header_lines(
        ("Subject", header_text(rendered.subject)),
        ("From", mailbox_header(site.email.from_address, "email.from")),
    )
    reply_to = (
        _header_lines(("Reply-To", mailbox_header(site.email.reply_to, "email.reply_to")))
        if site.email.reply_to
        else b""
    )
    return top, reply_to, _header_lines(("List-Id", list_id(site)))


def _line_ends(text: str) -> str:
    """``text`` with "\n" as its only line end: CRLF folded, then a bare "\r" taken as a line
    end too (as smtplib's ``data`` did), since b2a_qp passes a bare "\r" through and SMTP
    forbids one on the wire (RFC 5321, 2.3.8). Ends with "\n", as the email package ends
    every text part."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def _quoted_printable(text: str) -> bytes:
    text = _line_ends(text)
    encoded = binascii.b2a_qp(text.encode("utf-8"), istext=True)
    return encoded.replace(b"\n", b"\r\n")


@dataclass(frozen=True, slots=True)
class EncodedPart:
    """A text part quoted-printable encoded once for every subscriber: ``pieces`` alternate
    encoded bytes (even places) with the lines holding `TOKEN_PLACEHOLDER` (odd places),
    which are the only ones encoded per subscriber. Quoted-printable works line by line (a
    line's soft breaks and escapes never depend on another line), so the result is the
    bytes of `_quoted_printable` of the whole personalised text."""

    pieces: tuple[bytes | str, ...]

    @classmethod
    def of(cls, text: str) -> EncodedPart:
        """Split and encode ``text`` (its placeholders still in)."""
        text = _line_ends(text)  # once per rendering: the token holds no line end
        pieces: list[bytes | str] = []
        static: list[str] = []
        for bare in text.split("\n")[:-1]:  # never splitlines: it also breaks at \r, \v…
            line = bare + "\n"
            if TOKEN_PLACEHOLDER in line:
                pieces.append(_quoted_printable_lines("".join(static)))
                pieces.append(line)
                static = []
            else:
                static.append(line)
        pieces.append(_quoted_printable_lines("".join(static)))
        return cls(tuple(pieces))

    def fill(self, token: str) -> tuple[bytes, ...]:
        """The encoded part with ``token`` (URL-quoted, not empty) in place of the placeholder."""
        return tuple(
            piece
            if isinstance(piece, bytes)
            else _quoted_printable_lines(piece.replace(TOKEN_PLACEHOLDER, token))
            for piece in self.pieces
        )


def _quoted_printable_lines(text: str) -> bytes:
    """`_quoted_printable` of complete lines (``text`` empty or ending in "\n")."""
    if not text:
        return b""
    return binascii.b2a_qp(text.encode("utf-8"), istext=True).replace(b"\n", b"\r\n")


@dataclass(frozen=True, slots=True)
class _EncodedBody:
    text: EncodedPart
    html: EncodedPart


@functools.lru_cache(maxsize=64)
def _encoded_body(rendered: RenderedEmail) -> _EncodedBody:
    """The two parts of one rendering, encoded once: `send` personalises thousands of
    messages from each (only the lines holding the token are encoded per message)."""
    return _EncodedBody(text=EncodedPart.of(rendered.text), html=EncodedPart.of(rendered.html))


def header_text(text: str) -> str:
    """``text`` as one header line: line breaks and control characters become spaces, so a
    title holding ``\\r\\nBcc: …`` stays text inside its own header."""
    return _WHITESPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def mailbox_header(text: str, key: str) -> Address:
    """A From or Reply-To setting as an Address: its display name quoted as needed (a colon
    must not turn the header into an RFC 5322 group), its domain in IDNA. Raises DataError
    naming ``key`` when the setting is not a mailbox (`load` refuses those up front)."""
    try:
        mailbox = addresses.parse_mailbox(text)
    except ValueError as error:
        raise DataError([Problem(path="site.yaml", key=key, message=str(error))]) from None
    return Address(
        display_name=header_text(mailbox.display_name),
        username=mailbox.local_part,
        domain=mailbox.domain,
    )


def _ascii_authority(site: Site) -> str:
    """The host of base_url in ASCII (IDNA), for Message-ID and List-Id."""
    host = links.tag_authority(site)
    try:
        return addresses.ascii_host(host)
    except ValueError:
        return "invalid"  # `load` refuses such a base_url; a hand-made Site may still hold one


def _recipient(address: str, name: str) -> Address | str:
    display = header_text(name)
    local, _, domain = address.rpartition("@")
    try:
        return Address(display_name=display, username=local, domain=domain)
    except (ValueError, IndexError):
        raise DataError([Problem(message=f"{address!r} is not an email address")]) from None


def release_date_header(date: dt.date) -> str:
    """The Date header of a release's email: its date at 00:00 UTC (never the clock)."""
    return format_datetime(dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC))


def date_header(when: dt.datetime) -> str:
    """The Date header of a message sent at ``when`` (an aware datetime), to the second."""
    return format_datetime(when.replace(microsecond=0))


def message_id(site: Site, version: str, address: str) -> str:
    """``<hash@host>``: the same for the same release and address (case folded), so a resent
    message is recognisably the same one; different for every other pair."""
    host = _ascii_authority(site)
    digest = hashlib.sha256(f"{host}\n{version}\n{address.strip().lower()}".encode()).hexdigest()[
        :40
    ]
    return f"<{digest}@{host}>"


def list_id(site: Site) -> str:
    """The List-Id header (RFC 2919): ``Site title <list.id>``; the id defaults to one made
    from the title and the site's host."""
    identifier = (
        header_text(site.email.list_id) or f"{_ascii_label(site.title)}.{_ascii_authority(site)}"
    )
    title = header_text(site.title).replace("\\", "").replace('"', "")
    return f'"{title}" <{identifier}>' if title else f"<{identifier}>"


def _ascii_label(title: str) -> str:
    """The slug of a title as a List-Id label, which must be ASCII (RFC 2919): a slug that
    keeps letters of another script (``机器学习``) is written in Punycode, as IDNA does."""
    slug = slugify(title)
    return slug if slug.isascii() else "xn--" + slug.encode("punycode").decode("ascii")


def list_unsubscribe_urls(site: Site, token: str) -> tuple[str, ...]:
    """The List-Unsubscribe URLs: the https one (with ``token``), then a mailto to the list;
    in ASCII (IDNA host, percent-encoded path) with no comma or bracket that could end one."""
    urls = []
    if site.email.unsubscribe_url:
        url = site.email.unsubscribe_url.replace("{token}", token)
        try:
            urls.append(addresses.ascii_url(url))
        except ValueError as error:
            raise DataError(
                [Problem(path="site.yaml", key="email.unsubscribe_url", message=str(error))]
            ) from None
    mailbox = _list_mailbox(site)
    if mailbox:
        urls.append(f"mailto:{mailbox}?subject=unsubscribe")
    return tuple(urls)


def selection_key(sections: Iterable[str] | None) -> frozenset[str]:
    """The key under which subscribers share one rendering: their section set (empty: all)."""
    return frozenset(sections or ())


def render_by_selection(
    site: Site,
    release_diff: RoadmapDiff,
    environment: jinja2.Environment,
    selections: Iterable[frozenset[str]],
    *,
    progress: Callable[[Iterable[frozenset[str]]], Iterable[frozenset[str]]] | None = None,
) -> dict[frozenset[str], RenderedEmail | None]:
    """One rendering per distinct selection (None where it has no change): the expensive MJML
    compilation happens once per selection, however many subscribers share it."""
    distinct = sorted(set(map(selection_key, selections)), key=sorted)
    items: Iterable[frozenset[str]] = progress(distinct) if progress else distinct
    return {
        key: render_release_email(site, release_diff, environment, sections=key) for key in items
    }


# --- choosing what to render ---------------------------------------------------------------


def parse_sections(text: str) -> frozenset[str]:
    """A selection as written in the subscriber CSV: ids separated by ``;`` (empty: all)."""
    return frozenset(part.strip() for part in text.split(";") if part.strip())


def section_ids(snapshots: Iterable[Snapshot]) -> frozenset[str]:
    """Every section id of ``snapshots``, nested ones included (to check a selection)."""
    return frozenset(
        section.id for snapshot in snapshots for _, section in snapshot.roadmap.walk_sections()
    )
