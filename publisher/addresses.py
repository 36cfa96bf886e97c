"""Hosts, URLs and mailboxes as email headers need them: ASCII, checked, never guessed.

Site settings reach headers (From, Reply-To, Message-ID, List-Id, List-Unsubscribe), where a
non-ASCII host or a delimiter character either breaks the message or injects into it. The
loader checks the settings with the ``*_problem`` functions (so `validate` reports them), and
`mail` writes the headers with the converting functions. Pure: no network, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

# RFC 5322 atext: what a dot-atom (a List-Id, an unquoted local part) is made of.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*")
_LIST_ID = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})+")
_HOST_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
# Never legal in a URL (RFC 3986), and the delimiters of header syntax: refused, not escaped.
_URL_DELIMITERS = re.compile(r"[<>\"\\`\s\x00-\x1f\x7f\u0085\u2028\u2029]")
# What stays as written in a header URL's path, query and fragment: RFC 3986's unreserved and
# reserved characters and "%" (already encoded), except "," which separates List-Unsubscribe
# URLs (RFC 2369 asks for literal commas to be escaped).
_URL_SAFE = "!#$&'()*+/:;=?@[]~-._%"


def ascii_host(host: str) -> str:
    """``host`` as ASCII (IDNA for an internationalized name), lower-cased; raises ValueError
    when it is not a valid host name."""
    host = host.strip().lower().rstrip(".")
    if not host:
        raise ValueError("no host")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValueError(f"{host!r} is not a valid internationalized domain name") from None
    if host.startswith("[") or re.fullmatch(r"[0-9.]+", host):
        return host  # an IP literal: urlsplit has checked it
    labels = host.split(".")
    if len(host) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise ValueError(f"{host!r} is not a valid host name")
    return host


def ascii_url(url: str) -> str:
    """``url`` with its host in IDNA and everything else that is not plain URL text (non-ASCII
    letters, commas) percent-encoded: what a header carries. Raises ValueError when the URL
    holds header delimiters or an invalid host (see `header_url_problem`)."""
    problem = header_url_problem(url)
    if problem:
        raise ValueError(problem)
    parts = urlsplit(url)
    host = ascii_host(parts.hostname or "")
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    if parts.username is not None:
        userinfo = quote(parts.username, safe="!$&'()*+;=%-._~")
        if parts.password is not None:
            userinfo += ":" + quote(parts.password, safe="!$&'()*+;=%-._~")
        netloc = f"{userinfo}@{netloc}"
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=_URL_SAFE),
            quote(parts.query, safe=_URL_SAFE),
            quote(parts.fragment, safe=_URL_SAFE),
        )
    )


def header_url_problem(url: str) -> str:
    """Why ``url`` cannot go into a header such as List-Unsubscribe, or "" when it can: it
    must hold no white space, quote, backslash or angle bracket (which would end the URL and
    start another) and have a valid host."""
    bad = _URL_DELIMITERS.search(url)
    if bad:
        return f"must not contain {bad.group()!r} (it would break the header it goes into)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return "is not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return "must be an http or https URL"
    try:
        ascii_host(parts.hostname or "")
    except ValueError as error:
        return f"has an invalid host: {error}"
    return ""


def host_problem(url: str) -> str:
    """Why the host of ``url`` cannot be written in ASCII (headers, tag URIs), or ""."""
    try:
        ascii_host(urlsplit(url).hostname or "")
    except ValueError as error:
        return f"has an invalid host: {error}"
    return ""


def list_id_problem(text: str) -> str:
    """Why ``text`` is not a List-Id (RFC 2919: a dot-atom with at least one dot, in ASCII,
    e.g. ``news.example.org``), or ""."""
    if _LIST_ID.fullmatch(text):
        return ""
    return (
        f"{text!r} is not a list id: use letters, digits and dots, like news.example.org "
        "(no spaces, angle brackets or other header punctuation)"
    )


@dataclass(frozen=True, slots=True)
class Mailbox:
    """A parsed ``Display Name <local@domain>``, its domain in ASCII."""

    display_name: str
    local_part: str
    domain: str

    @property
    def addr_spec(self) -> str:
        return f"{self.local_part}@{self.domain}"


def parse_mailbox(text: str) -> Mailbox:
    """``Name <local@domain>`` or ``local@domain`` as a Mailbox whose domain is in IDNA.

    Raises ValueError saying why: no address, a local part that is not an ASCII dot-atom (a
    non-ASCII one would need SMTPUTF8, which not every server offers), an invalid domain.
    """
    text = text.strip()
    display = ""
    address = text
    if text.endswith(">") and "<" in text:
        start = text.rindex("<")
        display, address = text[:start].strip(), text[start + 1 : -1].strip()
        if len(display) >= 2 and display[0] == display[-1] == '"':
            display = display[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise ValueError(f"{excerpt(address)!r} is not an email address (write name@example.org)")
    if not local.isascii():
        raise ValueError(
            f"{local!r}: a mailbox name in non-ASCII letters needs SMTPUTF8, which many mail "
            "servers do not offer; use an ASCII address"
        )
    if not _DOT_ATOM.fullmatch(local):
        raise ValueError(f"{excerpt(address)!r} is not an email address (write name@example.org)")
    try:
        ascii_domain = ascii_host(domain)
    except ValueError as error:
        raise ValueError(f"the domain of {excerpt(address)!r}: {error}") from None
    return Mailbox(display_name=display, local_part=local, domain=ascii_domain)


def mailbox_problem(text: str) -> str:
    """Why ``text`` cannot be a From or Reply-To mailbox, or ""."""
    try:
        parse_mailbox(text)
    except ValueError as error:
        return str(error)
    return ""


def excerpt(text: str, limit: int = 60) -> str:
    """At most ``limit`` characters of ``text`` for a message."""
    return text if len(text) <= limit else text[:limit] + "…"
