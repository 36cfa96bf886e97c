"""Delivery status notifications (RFC 3464) and spam complaints (ARF feedback reports, RFC
5965) read from an mbox file, a Maildir folder or one saved message, with the standard library
only: which addresses failed permanently, which only for now, and who reported an email as
spam."""

from __future__ import annotations

import email
import email.policy
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.parser import HeaderParser
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from publisher.errors import NotFoundError, PublisherError


@dataclass(frozen=True, slots=True, kw_only=True)
class Bounce:
    """One recipient block of a DSN."""

    address: str
    action: str  # failed, delayed, delivered, relayed, expanded
    status: str  # e.g. 5.1.1
    diagnostic: str = ""

    @property
    def permanent(self) -> bool:
        """A permanent failure: action ``failed`` with a 5.x.x status."""
        return self.action == "failed" and self.status.startswith("5")


def _field(block: Message, name: str) -> str:
    value = block.get(name)
    return " ".join(str(value).split()) if value is not None else ""


def _recipient(block: Message) -> str:
    for name in ("Final-Recipient", "Original-Recipient"):
        kind, _, address = _field(block, name).partition(";")
        if address.strip() and kind.strip().lower() == "rfc822":
            return address.strip().strip("<>").lower()
    return ""


def parse_dsn(message: Message) -> tuple[Bounce, ...]:
    """The recipient blocks of ``message`` when it is a delivery status notification (a
    multipart/report with a message/delivery-status part); () for any other message."""
    if message.get_content_type() != "multipart/report":
        return ()
    bounces = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            continue
        for block in blocks[1:]:  # the first block is about the message, the rest recipients
            if not isinstance(block, Message):
                continue
            address = _recipient(block)
            if not address:
                continue
            bounces.append(
                Bounce(
                    address=address,
                    action=_field(block, "Action").lower(),
                    status=_field(block, "Status").split(" ")[0],
                    diagnostic=_field(block, "Diagnostic-Code"),
                )
            )
    return tuple(bounces)


@dataclass(frozen=True, slots=True, kw_only=True)
class Complaint:
    """One ARF feedback report (RFC 5965): what kind, and who it is about: the recipients
    the report names (Original-Rcpt-To, the original message's To) and the unsubscribe tokens
    of the original message's List-Unsubscribe URLs (providers often redact the address, but
    keep those URLs)."""

    feedback_type: str  # abuse, fraud, virus, not-spam, other
    addresses: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    user_agent: str = ""

    @property
    def abuse(self) -> bool:
        """A spam complaint (Feedback-Type: abuse)."""
        return self.feedback_type == "abuse"


# One URL of a List-Unsubscribe field (RFC 2369): in angle brackets.
_LIST_URL = re.compile(r"<([^<>]+)>")


def _original_headers(report: Message) -> Message | None:
    """The header fields of the reported message: a message/rfc822 part (the whole message)
    or a text/rfc822-headers part (its header only)."""
    for part in report.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                return inner[0]
        elif kind == "text/rfc822-headers":
            text = part.get_payload(decode=True)
            if isinstance(text, bytes):
                charset = part.get_content_charset() or "utf-8"
                return HeaderParser().parsestr(text.decode(charset, "replace"))
    return None


def unsubscribe_tokens(field: str, template: str = "") -> tuple[str, ...]:
    """The tokens in the http(s) URLs of a List-Unsubscribe field: the ``token`` query
    parameter, and what stands where ``template`` (email.unsubscribe_url) has ``{token}``."""
    prefix, placeholder, suffix = template.partition("{token}")
    found: list[str] = []
    for url in _LIST_URL.findall(" ".join(field.split())):
        url = url.strip()
        if not url.lower().startswith(("https://", "http://")):
            continue
        found.extend(parse_qs(urlsplit(url).query).get("token", []))
        if placeholder and prefix and url.startswith(prefix) and url.endswith(suffix):
            middle = url[len(prefix) : len(url) - len(suffix)] if suffix else url[len(prefix) :]
            if middle and not any(mark in middle for mark in "/?&#="):
                found.append(middle)
    return tuple(dict.fromkeys(token for token in found if token))


def parse_arf(message: Message, *, template: str = "") -> Complaint | None:
    """The feedback report in ``message`` when it is one (a multipart/report with
    report-type=feedback-report and a message/feedback-report part); None for any other
    message. ``template`` is email.unsubscribe_url, to find tokens placed in a URL's path."""
    if message.get_content_type() != "multipart/report":
        return None
    if str(message.get_param("report-type", "")).lower() != "feedback-report":
        return None
    fields: Message | None = None
    for part in message.walk():
        if part.get_content_type() == "message/feedback-report":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                fields = payload[0]
            break
    if fields is None:
        return None
    addresses = [
        address
        for _, address in getaddresses([str(v) for v in fields.get_all("Original-Rcpt-To") or ()])
    ]
    tokens: tuple[str, ...] = ()
    original = _original_headers(message)
    if original is not None:
        addresses.extend(
            address for _, address in getaddresses([str(v) for v in original.get_all("To") or ()])
        )
        tokens = unsubscribe_tokens(_field(original, "List-Unsubscribe"), template)
    return Complaint(
        feedback_type=_field(fields, "Feedback-Type").lower(),
        addresses=tuple(dict.fromkeys(a.strip().lower() for a in addresses if "@" in a)),
        tokens=tokens,
        user_agent=_field(fields, "User-Agent"),
    )


def read_mailbox(path: Path, *, label: str) -> Iterator[EmailMessage]:
    """The messages of an mbox file or a Maildir folder. Raises NotFoundError or
    PublisherError (not a mailbox)."""
    if not path.exists():
        raise NotFoundError(f"{label}: no such mailbox")
    box: mailbox.Mailbox[mailbox.Message]
    if path.is_dir():
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            raise PublisherError(f"{label}: a folder, but not a Maildir (no cur/ or new/)")
        box = mailbox.Maildir(path, create=False)
    else:
        try:
            with path.open("rb") as file:
                start = file.read(4096)
        except OSError as error:
            raise PublisherError(f"{label}: cannot read the mailbox: {error}") from None
        if start and not start.startswith(b"From "):
            # Not an mbox: a single message saved from a mail client (.eml) is read as one;
            # anything else is refused rather than read as an empty mailbox.
            yield _single_message(path, label)
            return
        box = mailbox.mbox(path, create=False)
    try:
        for key in box.iterkeys():
            data = box.get_bytes(key)
            parsed = email.message_from_bytes(data, policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            yield parsed
    except (OSError, mailbox.Error) as error:
        raise PublisherError(f"{label}: cannot read the mailbox: {error}") from None
    finally:
        box.close()


def _single_message(path: Path, label: str) -> EmailMessage:
    """The one message of a file saved from a mail client (.eml); PublisherError when the
    file does not start with a message's header fields."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PublisherError(f"{label}: cannot read the mailbox: {error}") from None
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    if not parsed.keys() or parsed.defects:
        raise PublisherError(
            f"{label}: not a mailbox: an mbox file starts with a 'From ' line, a Maildir is "
            "a folder with cur/ and new/, and one message (.eml) starts with its header fields"
        )
    return parsed


@dataclass(frozen=True, slots=True, kw_only=True)
class MailboxReports:
    """What a mailbox holds: DSN recipient blocks, feedback reports, messages read."""

    bounces: tuple[Bounce, ...]
    complaints: tuple[Complaint, ...]
    messages: int


def read_bounces(path: Path, *, label: str, template: str = "") -> MailboxReports:
    """Every DSN recipient block and every ARF feedback report in the mailbox at ``path``
    (``template``: email.unsubscribe_url, see `parse_arf`)."""
    bounces: list[Bounce] = []
    complaints: list[Complaint] = []
    count = 0
    for message in read_mailbox(path, label=label):
        count += 1
        complaint = parse_arf(message, template=template)
        if complaint is not None:
            complaints.append(complaint)
        else:
            bounces.extend(parse_dsn(message))
    return MailboxReports(bounces=tuple(bounces), complaints=tuple(complaints), messages=count)
