"""Delivery status notifications (RFC 3464) read from an mbox file or a Maildir folder, with
the standard library only: which addresses failed permanently, which only for now."""

from __future__ import annotations

import email
import email.policy
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage, Message
from pathlib import Path

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


def read_bounces(path: Path, *, label: str) -> tuple[tuple[Bounce, ...], int]:
    """Every DSN recipient block in the mailbox at ``path``, and the number of messages read."""
    bounces: list[Bounce] = []
    count = 0
    for message in read_mailbox(path, label=label):
        count += 1
        bounces.extend(parse_dsn(message))
    return tuple(bounces), count
