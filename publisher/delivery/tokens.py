"""Signed tokens for the links in emails and the forms of `publisher serve`.

- manage tokens (unsubscribe, preferences): ``<public id>.<mac>``; they never expire, since
  unsubscribe links in old emails must keep working (RFC 8058, and the law in many places);
- confirmation tokens: ``<public id>.<issued>.<mac>``, valid 7 days, and bound to the
  subscriber's current confirmation nonce, which the store rotates with each confirmation
  email and clears on use: a used, replaced or replayed link confirms nothing;
- CSRF tokens: the HMAC of a random cookie value (double submit, signed);
- list tokens: the keyed hash of an address (`subscribers.unsubscribe_token`) that a list's
  emails carried before `send` recorded the list in the store; looked up in the store.

Every MAC is HMAC-SHA256 keyed with the current key (PUBLISHER_SECRET_KEY, or its earlier
name PUBLISHER_UNSUBSCRIBE_KEY); checks take a sequence of keys, the current one first, then
the earlier ones of PUBLISHER_PREVIOUS_SECRET_KEYS, so links signed before a change of key keep
working (`publisher.keys.verification_keys`). Pure: the clock is an argument.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from base64 import urlsafe_b64encode
from collections.abc import Sequence
from dataclasses import dataclass

CONFIRM_DAYS = 7
_MAC_BYTES = 16
# The shape of `subscribers.unsubscribe_token`: 18 bytes of a keyed hash, URL-safe base64.
LIST_TOKEN = re.compile(r"[A-Za-z0-9_-]{24}")


def _mac(key: bytes, *parts: str) -> str:
    message = "\x00".join(parts).encode("utf-8")
    digest = hmac.new(key, message, hashlib.sha256).digest()[:_MAC_BYTES]
    return urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def _matches(keys: Sequence[bytes], mac: str, *parts: str) -> bool:
    return any(hmac.compare_digest(_mac(key, *parts), mac) for key in keys if key)


def manage_token(key: bytes, public_id: str) -> str:
    """The token of a subscriber's unsubscribe and preferences links."""
    return f"{public_id}.{_mac(key, 'manage', public_id)}"


def read_manage_token(keys: Sequence[bytes], token: str) -> str:
    """The public id a manage token names, or '' when it is malformed or forged."""
    public_id, dot, mac = token.partition(".")
    if not dot or "." in mac or not public_id or len(token) > 200:
        return ""
    return public_id if _matches(keys, mac, "manage", public_id) else ""


def confirm_token(key: bytes, public_id: str, nonce: str, *, issued: int) -> str:
    """The token of a confirmation link; ``issued`` in seconds since the epoch."""
    return f"{public_id}.{issued}.{_mac(key, 'confirm', public_id, nonce, str(issued))}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmToken:
    """A confirmation token taken apart (not yet checked against the nonce)."""

    public_id: str
    issued: int
    mac: str


def parse_confirm_token(token: str) -> ConfirmToken | None:
    """The parts of a confirmation token, or None when it is not shaped like one."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0] or not parts[1].isdigit() or len(token) > 200:
        return None
    return ConfirmToken(public_id=parts[0], issued=int(parts[1]), mac=parts[2])


def confirm_token_valid(keys: Sequence[bytes], parsed: ConfirmToken, nonce: str) -> bool:
    """Whether ``parsed`` was signed for the subscriber's current ``nonce``."""
    if not nonce:
        return False
    return _matches(keys, parsed.mac, "confirm", parsed.public_id, nonce, str(parsed.issued))


def confirm_token_expired(parsed: ConfirmToken, *, now: int) -> bool:
    """Whether the link is older than CONFIRM_DAYS (or claims to come from the future)."""
    return not (parsed.issued - 300 <= now <= parsed.issued + CONFIRM_DAYS * 86400)


def csrf_token(key: bytes, cookie: str) -> str:
    """The form field that goes with the CSRF cookie ``cookie``."""
    return _mac(key, "csrf", cookie)


def csrf_valid(keys: Sequence[bytes], cookie: str, field: str) -> bool:
    """Whether the form's CSRF field matches its cookie."""
    return bool(cookie) and bool(field) and _matches(keys, field, "csrf", cookie)
