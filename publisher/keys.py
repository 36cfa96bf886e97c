"""The secret key that unsubscribe tokens (and the subscription service) are keyed with.

One key signs, from the environment (the CLI passes ``os.environ`` in; the core reads no env):
``PUBLISHER_SECRET_KEY``, or ``PUBLISHER_UNSUBSCRIBE_KEY``, its earlier name, still read.
After a change of key, the earlier ones listed in ``PUBLISHER_PREVIOUS_SECRET_KEYS`` still
verify (the links of emails already sent keep working); new tokens are signed with the current.
A token is an HMAC of the address, so a guessable key lets anyone who has one token (their
own) recover the key by brute force and forge every other address's token: keys must carry at
least 32 bytes of entropy. Nothing here ever prints or returns a key in a message.
"""

from __future__ import annotations

import math
import string
import zlib
from collections.abc import Mapping

from publisher.errors import PublisherError

KEY_VARIABLE = "PUBLISHER_SECRET_KEY"
LEGACY_KEY_VARIABLE = "PUBLISHER_UNSUBSCRIBE_KEY"
KEY_VARIABLES = (KEY_VARIABLE, LEGACY_KEY_VARIABLE)
PREVIOUS_KEYS_VARIABLE = "PUBLISHER_PREVIOUS_SECRET_KEYS"
MINIMUM_BITS = 256  # 32 bytes
MAKE_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
_HEX = frozenset(string.hexdigits)
_MINIMUM_DISTINCT = 12  # a random key of 32 bytes has far more distinct characters


def estimated_bits(key: str) -> float:
    """A generous upper bound on the entropy of ``key`` in bits: its length times the bits
    of the character classes it uses (hex digits count as 4 bits each), and 0 for a key
    of few distinct characters or that compresses well (repeated words or patterns)."""
    if not key:
        return 0.0
    if len(set(key)) < _MINIMUM_DISTINCT:
        return 0.0
    data = key.encode("utf-8")
    # zlib adds ~11 bytes to an incompressible input: a key that shrinks repeats itself.
    if len(zlib.compress(data, 9)) < len(data) * 0.8:
        return 0.0
    if set(key) <= _HEX:
        pool = 16
    else:
        pool = 0
        classes = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
        for characters in classes:
            if any(character in characters for character in key):
                pool += len(characters)
        if any(not (character.isascii() and character.isalnum()) for character in key):
            pool += 32
    return len(key) * math.log2(pool)


def key_problem(key: str) -> str:
    """Why ``key`` is too weak to key tokens with, or "" when it will do (never quotes it)."""
    if not key:
        return "is empty"
    bits = estimated_bits(key)
    if bits < MINIMUM_BITS:
        return (
            f"is too weak (about {int(bits)} bits of entropy; at least {MINIMUM_BITS}, "
            f"32 random bytes, are needed): make one with {MAKE_KEY}"
        )
    return ""


def check_key(key: str, name: str = KEY_VARIABLE) -> bytes:
    """``key`` as bytes to key HMACs with; raises PublisherError naming ``name`` (never the
    key itself) when it is empty or too weak."""
    problem = key_problem(key)
    if problem:
        raise PublisherError(f"{name} {problem}")
    return key.encode("utf-8")


def secret_key(environment: Mapping[str, str], *, required: bool = True) -> bytes | None:
    """The project's secret key from ``environment`` (PUBLISHER_SECRET_KEY, else the legacy
    PUBLISHER_UNSUBSCRIBE_KEY), checked with `check_key`. None when neither is set and not
    ``required``. Raises PublisherError when it is missing (and required), weak, or when both
    variables are set to different keys (tokens would not match between commands)."""
    values = {name: environment.get(name, "") for name in KEY_VARIABLES}
    given = {name: value for name, value in values.items() if value}
    if len(set(given.values())) > 1:
        raise PublisherError(
            f"{KEY_VARIABLE} and {LEGACY_KEY_VARIABLE} are both set and differ: unsubscribe "
            f"tokens would not match between commands; keep one (the other is read only when "
            f"{KEY_VARIABLE} is unset; to change keys, list the old one in "
            f"{PREVIOUS_KEYS_VARIABLE})"
        )
    if not given:
        if not required:
            return None
        raise PublisherError(
            f"{KEY_VARIABLE} is not set: it keys the unsubscribe tokens (without it anyone "
            f"could unsubscribe anyone). Make one with {MAKE_KEY}, keep it secret, and give "
            "the same one to 'publisher serve'"
        )
    name, value = next(iter(given.items()))
    return check_key(value, name)


def verification_keys(environment: Mapping[str, str]) -> tuple[bytes, ...]:
    """The keys tokens are checked with: the current one (`secret_key`, required), which
    signs, then the earlier ones of PUBLISHER_PREVIOUS_SECRET_KEYS (separated by commas or
    whitespace), each checked with `check_key`, duplicates dropped. Raises PublisherError
    naming the variable and the key's place in it, never the key."""
    current = secret_key(environment)
    assert current is not None  # required: secret_key raises when it is missing
    keys = [current]
    listed = environment.get(PREVIOUS_KEYS_VARIABLE, "").replace(",", " ").split()
    for number, value in enumerate(listed, 1):
        key = check_key(value, f"{PREVIOUS_KEYS_VARIABLE} (key {number} of {len(listed)})")
        if key not in keys:
            keys.append(key)
    return tuple(keys)
