"""ARF feedback reports (RFC 5965) read by `publisher.delivery.bounces`: invented examples of
each shape, built with the email package and read back from bytes as a mailbox gives them."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage, Message
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from publisher.delivery.bounces import parse_arf, parse_dsn, unsubscribe_tokens


def parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def report(original: Message | str, fields: dict[str, str], report_type: str) -> bytes:
    machine = Message()
    for name, value in fields.items():
        machine[name] = value
    whole = MIMEMultipart("report", report_type=report_type)
    whole["Subject"] = "Complaint"
    whole.attach(MIMEText("A complaint about a message from your domain.\n"))
    whole.attach(MIMEMessage(machine, "feedback-report"))
    whole.attach(
        MIMEText(original, "rfc822-headers") if isinstance(original, str) else MIMEMessage(original)
    )
    return whole.as_bytes()


def test_a_complaint_names_its_recipients_and_the_tokens_of_the_reported_email() -> None:
    original = EmailMessage()
    original["From"] = "Club News <news@club.example>"
    original["To"] = "Dee Park <Dee@Mail.Example>"
    original["List-Unsubscribe"] = (
        "<https://club.example/leave/AbC.dEf>, <mailto:news@club.example?subject=stop>"
    )
    original.set_content("Hello\n")
    data = report(
        original,
        {
            "Feedback-Type": "Abuse",
            "User-Agent": "SomeISP-FBL/0.9",
            "Version": "1",
            "Original-Rcpt-To": "<dee.alias@mail.example>",
        },
        "feedback-report",
    )
    complaint = parse_arf(parsed(data), template="https://club.example/leave/{token}")
    assert complaint is not None
    assert complaint.abuse
    assert complaint.user_agent == "SomeISP-FBL/0.9"
    assert complaint.addresses == ("dee.alias@mail.example", "dee@mail.example")
    assert complaint.tokens == ("AbC.dEf",)
    # Without the template the path's token is not guessed; a query's token always reads.
    assert parse_arf(parsed(data)) == complaint.__class__(
        feedback_type="abuse",
        addresses=complaint.addresses,
        user_agent="SomeISP-FBL/0.9",
    )


def test_headers_only_and_other_feedback_types_and_what_is_no_feedback_report() -> None:
    headers = "To: eve@mail.example\nList-Unsubscribe: <https://a.example/u?x=1&token=T0k>\n"
    not_spam = parse_arf(
        parsed(report(headers, {"Feedback-Type": "not-spam", "Version": "1"}, "feedback-report"))
    )
    assert not_spam is not None
    assert (not_spam.abuse, not_spam.addresses, not_spam.tokens) == (
        False,
        ("eve@mail.example",),
        ("T0k",),
    )
    # The same parts under another report type are no feedback report (a DSN reads as one).
    other = parsed(report(headers, {"Feedback-Type": "abuse"}, "delivery-status"))
    assert parse_arf(other) is None
    assert parse_dsn(other) == ()
    plain = EmailMessage()
    plain["Subject"] = "abuse"
    plain.set_content("Feedback-Type: abuse\n")
    assert parse_arf(parsed(plain.as_bytes())) is None


def test_unsubscribe_tokens_read_http_urls_only() -> None:
    field = "<mailto:l@x.example?token=no>, <https://x.example/p/one?token=two>"
    assert unsubscribe_tokens(field, "https://x.example/p/{token}") == ("two",)
    assert unsubscribe_tokens(field, "https://x.example/p/{token}?s=1") == ("two",)
    assert unsubscribe_tokens("<https://x.example/p/one>", "https://x.example/p/{token}") == (
        "one",
    )
