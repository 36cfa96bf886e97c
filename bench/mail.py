"""Email: messages for 10,000 subscribers spread over 20 section selections.

Ours: `mail.render_by_selection` (one Jinja2 render + MJML compilation per selection), then per
subscriber an unsubscribe token and `mail.message_bytes`: the bytes `send` hands to SMTP.
Baseline, in the same run: the 20 mjml-python compilations alone, plus 10,000 messages of
the same size and headers built the plain way with the email package (EmailMessage,
set_content, add_alternative, bytes). Goal: ratio <= 1.5.

    .venv/bin/python bench/mail.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import time
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import mjml

from publisher import mail
from publisher.load import load_site_of
from publisher.project import open_project
from publisher.release_history import release_diff
from publisher.render import template_environment
from publisher.subscribers import unsubscribe_token

REPOSITORY = Path(__file__).resolve().parent.parent
SELECTIONS = 20
KEY = b"bench key"


def _selections(section_ids: list[str], count: int) -> list[frozenset[str]]:
    chooser = random.Random(7)
    chosen = {frozenset()}
    while len(chosen) < count:
        chosen.add(frozenset(chooser.sample(section_ids, chooser.randint(1, 3))))
    return sorted(chosen, key=sorted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="300 subscribers")
    options = parser.parse_args()
    count = 300 if options.quick else 10_000

    project = open_project(REPOSITORY)
    site = load_site_of(project)
    changes = release_diff(project, "2024.01")  # 51 new, with descriptions
    environment = template_environment(project.templates_dir)
    changed_sections = sorted({change.section_ids[-1] for change in changes.added})
    selections = _selections(changed_sections, SELECTIONS)
    subscribers = [
        (f"reader{number}@example.org", f"Reader {number}", selections[number % SELECTIONS])
        for number in range(count)
    ]
    mail.render_release_email(site, changes, environment)  # warm up templates and imports

    started = time.perf_counter()
    renderings = mail.render_by_selection(site, changes, environment, selections)
    sizes = 0
    for address, name, selection in subscribers:
        rendered = renderings[selection]
        assert rendered is not None
        token = unsubscribe_token(KEY, address)
        sizes += len(mail.message_bytes(rendered, address=address, name=name, token=token))
    ours = time.perf_counter() - started

    started = time.perf_counter()
    for selection in selections:
        rendered = renderings[selection]
        assert rendered is not None
        mjml.mjml2html(rendered.mjml, fonts={})
    baseline_sizes = 0
    for address, name, selection in subscribers:
        rendered = renderings[selection]
        assert rendered is not None
        baseline_sizes += len(bytes(_plain_message(rendered, address, name)))
    baseline = time.perf_counter() - started

    print(
        f"email: ratio {ours / baseline:.2f} (ours {count / ours:,.0f} messages/s, "
        f"baseline {count / baseline:,.0f} messages/s; {count:,} subscribers over "
        f"{SELECTIONS} selections, {sizes / count / 1024:.0f} KiB a message, baseline "
        f"{baseline_sizes / count / 1024:.0f} KiB; goal <= 1.5)"
    )


def _plain_message(rendered: mail.RenderedEmail, address: str, name: str) -> EmailMessage:
    # The same headers and bodies, built the way the email package's documentation shows.
    token = "x" * 24
    message = EmailMessage(policy=SMTP)
    message["Subject"] = rendered.subject
    message["From"] = rendered.site.email.from_address
    message["To"] = f"{name} <{address}>"
    message["Reply-To"] = rendered.site.email.reply_to
    message["Date"] = mail.release_date_header(rendered.release.date)
    message["Message-ID"] = f"<{address}.{rendered.release.version}@example.org>"
    message["List-Id"] = mail.list_id(rendered.site)
    message["List-Unsubscribe"] = f"<https://roadmap.example.org/unsubscribe?token={token}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(rendered.text.replace(mail.TOKEN_PLACEHOLDER, token))
    message.add_alternative(rendered.html.replace(mail.TOKEN_PLACEHOLDER, token), subtype="html")
    return message


if __name__ == "__main__":
    main()
