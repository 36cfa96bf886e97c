"""The fast wire format of a subscriber's message is the same message `mail.personalize` builds."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from publisher import mail
from publisher.load import load_site_of
from publisher.outbox import wire_message
from publisher.project import open_project
from publisher.release_history import release_diff
from publisher.render import template_environment
from publisher.send import serialize


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
def test_wire_message_is_the_personalized_message(
    rendered: mail.RenderedEmail, address: str, name: str, token: str
) -> None:
    identifier = mail.message_id(rendered.site, rendered.release.version, address)
    sent_at = dt.datetime(2026, 11, 30, 5, 30, 12, 345678, tzinfo=dt.UTC)
    slow = parse(
        serialize(
            mail.personalize(rendered, address=address, name=name, token=token, sent_at=sent_at),
            identifier,
        )
    )
    data = wire_message(
        rendered, address=address, name=name, token=token, message_id=identifier, sent_at=sent_at
    )
    fast = parse(data)
    assert fast["Date"] == "Mon, 30 Nov 2026 05:30:12 +0000"
    # Compared unfolded: where a header is folded (and so whether a value starts with the
    # folding space) may differ, the header may not.
    assert sorted((key, str(value).strip()) for key, value in fast.items()) == sorted(
        (key, str(value).strip()) for key, value in slow.items()
    )
    for kind in ("plain", "html"):
        fast_part, slow_part = fast.get_body((kind,)), slow.get_body((kind,))
        assert fast_part is not None
        assert slow_part is not None
        assert fast_part.get_content() == slow_part.get_content()
        assert fast_part.get_content_type() == slow_part.get_content_type()
    assert fast.defects == []
    # Header lines no longer than the email package's (78, unless a word is longer).
    slow_head = serialize(slow).split(b"\r\n\r\n")[0].split(b"\r\n")
    fast_head = data.split(b"\r\n\r\n")[0].split(b"\r\n")
    assert max(map(len, fast_head)) <= max(78, *map(len, slow_head))
    assert b"\nBcc:" not in data
