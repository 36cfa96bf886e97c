"""The one serializer, `mail.message_bytes`, against a reference message built the slow and
plain way with the email package (a test oracle: headers folded and encoded by the email
package itself, parts encoded by its own content manager)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher import mail
from publisher.load import load_site_of
from publisher.project import open_project
from publisher.release_history import release_diff
from publisher.render import template_environment


def reference_message(
    rendered: mail.RenderedEmail,
    *,
    address: str,
    name: str,
    token: str,
    identifier: str,
    sent_at: dt.datetime,
) -> EmailMessage:
    """The message the design describes, built field by field with the email package."""
    site = rendered.site
    safe_token = mail.quote_token(token)
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = mail.header_text(rendered.subject)
    message["From"] = mail.mailbox_header(site.email.from_address, "email.from")
    local, _, domain = address.rpartition("@")
    message["To"] = Address(display_name=mail.header_text(name), username=local, domain=domain)
    if site.email.reply_to:
        message["Reply-To"] = mail.mailbox_header(site.email.reply_to, "email.reply_to")
    message["Date"] = mail.date_header(sent_at)
    message["Message-ID"] = identifier
    message["List-Id"] = mail.list_id(site)
    urls = mail.list_unsubscribe_urls(site, safe_token)
    message["List-Unsubscribe"] = ", ".join(f"<{url}>" for url in urls)
    if urls[0].startswith("https:"):
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    personal = rendered.with_token(token)
    message.set_content(personal.text, cte="quoted-printable")
    message.add_alternative(personal.html, subtype="html", cte="quoted-printable")
    return message


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.fixture(scope="module")
def rendered(repository: Path) -> mail.RenderedEmail:
    project = open_project(repository)
    result = mail.render_release_email(
        load_site_of(project),
        release_diff(project),
        template_environment(project.templates_dir),
        sections=frozenset({"technical-resources"}),
    )
    assert result is not None
    return result


@pytest.fixture(scope="module")
def repository() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("address", "name", "token"),
    [
        ("reader001@example.net", "Reader 1", "abc_DEF-123"),
        ("ann@example.org", "", "t"),
        ("jorg@example.de", "Jörg Müller-Lüdenscheidt", "x/y+z="),
        ("bob@example.com", 'Bob "the builder", Jr.', "token"),
        ("long.address.of.someone@subdomain.of.a.very.long.example.org", "A" * 90, "k"),
        ("eve@example.org", "Eve\r\nBcc: everyone@example.org", "k"),
    ],
)
def test_message_bytes_are_the_reference_message(
    rendered: mail.RenderedEmail, address: str, name: str, token: str
) -> None:
    identifier = mail.message_id(rendered.site, rendered.release.version, address)
    sent_at = dt.datetime(2026, 11, 30, 5, 30, 12, 345678, tzinfo=dt.UTC)
    reference = reference_message(
        rendered, address=address, name=name, token=token, identifier=identifier, sent_at=sent_at
    )
    slow = parse(reference.as_bytes())
    data = mail.message_bytes(
        rendered, address=address, name=name, token=token, identifier=identifier, sent_at=sent_at
    )
    fast = parse(data)
    assert fast["Date"] == "Mon, 30 Nov 2026 05:30:12 +0000"
    # Compared unfolded: where a header is folded (and so whether a value starts with the
    # folding space) may differ, the header may not. The MIME structure headers differ in
    # their boundary only (ours comes from the Message-ID: the same message, the same bytes).
    structure = {"Content-Type", "Content-Transfer-Encoding", "MIME-Version"}
    assert sorted(
        (key, str(value).strip()) for key, value in fast.items() if key not in structure
    ) == sorted((key, str(value).strip()) for key, value in slow.items() if key not in structure)
    assert fast.get_content_type() == slow.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in fast.iter_parts()] == ["text/plain", "text/html"]
    for kind in ("plain", "html"):
        fast_part, slow_part = fast.get_body((kind,)), slow.get_body((kind,))
        assert fast_part is not None
        assert slow_part is not None
        assert fast_part.get_content() == slow_part.get_content()
        assert fast_part.get_content_type() == slow_part.get_content_type()
        assert fast_part["Content-Transfer-Encoding"] == "quoted-printable"
    assert fast.defects == []
    # Header lines no longer than the email package's (78, unless a word is longer).
    slow_head = reference.as_bytes().split(b"\r\n\r\n")[0].split(b"\r\n")
    fast_head = data.split(b"\r\n\r\n")[0].split(b"\r\n")
    assert max(map(len, fast_head)) <= max(78, *map(len, slow_head))
    # Every line within SMTP's limit, CRLF only, 7-bit: any server carries it unchanged.
    assert max(map(len, data.split(b"\r\n"))) <= 998
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.isascii()
    assert b"\nBcc:" not in data


def test_message_bytes_are_the_same_on_every_run(rendered: mail.RenderedEmail) -> None:
    first = mail.message_bytes(rendered, address="ann@example.org", name="Ann", token="t")
    again = mail.message_bytes(rendered, address="ann@example.org", name="Ann", token="t")
    assert first == again
    assert parse(first)["Date"] == mail.release_date_header(rendered.release.date)


# Lines near the 76-column soft-break limit, trailing spaces, "=", dots, non-ASCII, bare \r,
# and the placeholder anywhere: what quoted-printable cares about.
_PIECES = st.sampled_from(
    [mail.TOKEN_PLACEHOLDER, "\n", "\r\n", "\r", " ", "\t", "=", ".", "é", "\u2028", "a" * 70, "ab"]
)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(_PIECES, max_size=30),
    token=st.text(alphabet="abcXYZ019-_.%", min_size=1, max_size=120),  # quoted: never empty
)
def test_a_part_encoded_once_then_filled_is_the_part_encoded_whole(
    pieces: list[str], token: str
) -> None:
    text = "".join(pieces)
    whole = mail._quoted_printable(text.replace(mail.TOKEN_PLACEHOLDER, token))
    wire = b"".join(mail.EncodedPart.of(text).fill(token))
    assert wire == whole
    # Checked on its own, not through _quoted_printable: SMTP allows CR and LF only as CRLF.
    assert re.search(rb"\r(?!\n)|(?<!\r)\n", wire) is None, wire
    assert wire.endswith(b"\r\n")


def test_a_bare_carriage_return_is_a_line_end_never_a_bare_cr_on_the_wire() -> None:
    # YAML "a\rb" reaches a description: b2a_qp would pass the "\r" through as it is.
    assert mail._quoted_printable("line one\rstill\n") == b"line one\r\nstill\r\n"
    assert mail._quoted_printable("a\r\r\nb") == b"a\r\n\r\nb\r\n"
    part = mail.EncodedPart.of(f"x\ry {mail.TOKEN_PLACEHOLDER}\r")
    assert b"".join(part.fill("tok")) == b"x\r\ny tok\r\n"
