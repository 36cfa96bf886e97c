"""What `send` sends to whom: the release's email rendered once per section selection, and one
`send.Recipient` per subscriber whose sections changed. No SMTP here; `send` does that."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from publisher import mail
from publisher.delivery.tokens import manage_token
from publisher.load import load_site_of, require_sender
from publisher.model import Release, Site
from publisher.project import Project
from publisher.release_history import iter_snapshots, release_diff
from publisher.render import template_environment
from publisher.send import Recipient
from publisher.subscribers import Subscriber, read_subscribers, unsubscribe_token


def _utc_now() -> dt.datetime:
    """The time of sending: what a sent message's Date header says."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Outbox:
    """One release's email for a subscriber list: each subscriber with their rendering."""

    site: Site
    release: Release
    deliveries: tuple[tuple[Subscriber, mail.RenderedEmail], ...]
    without_changes: int = 0

    @property
    def subjects(self) -> tuple[str, ...]:
        """The distinct subjects (one, unless the subject template varies by selection)."""
        return tuple(sorted({rendered.subject for _, rendered in self.deliveries}))

    @property
    def sender(self) -> str:
        """The From of the site's emails (the envelope sender's source), in ASCII: its
        domain in IDNA, its display name quoted or encoded as the header has it."""
        return str(mail.mailbox_header(self.site.email.from_address, "email.from"))

    def recipients(
        self, key: bytes, clock: Callable[[], dt.datetime] = _utc_now
    ) -> tuple[Recipient, ...]:
        """The recipients, their unsubscribe tokens keyed with ``key``; each message is dated
        ``clock()`` when it is composed, right before it goes (the time of sending)."""
        version = self.release.version
        return tuple(
            Recipient(
                key=subscriber.key,
                address=subscriber.address,
                message_id=mail.message_id(self.site, version, subscriber.address),
                compose=partial(_compose, rendered, subscriber, key, clock),
                label=_label(subscriber, rendered),
            )
            for subscriber, rendered in self.deliveries
        )


def _compose(
    rendered: mail.RenderedEmail,
    subscriber: Subscriber,
    key: bytes,
    clock: Callable[[], dt.datetime],
    message_id: str,
) -> bytes:
    return mail.message_bytes(
        rendered,
        address=subscriber.address,
        name=subscriber.name,
        token=(
            manage_token(key, subscriber.public_id)
            if subscriber.public_id
            else unsubscribe_token(key, subscriber.address)
        ),
        identifier=message_id,
        sent_at=clock(),
    )


def _label(subscriber: Subscriber, rendered: mail.RenderedEmail) -> str:
    sections = "; ".join(sorted(subscriber.sections)) or "all"
    return f"sections: {sections}; “{rendered.subject}”"


def open_outbox(
    project: Project,
    subscribers_source: Path | Sequence[Subscriber],
    version: str | None = None,
    *,
    progress: Callable[[Iterable[frozenset[str]]], Iterable[frozenset[str]]] | None = None,
    settle: Callable[[tuple[Subscriber, ...]], tuple[Subscriber, ...]] | None = None,
) -> Outbox:
    """Load the release (default: the latest), the subscribers (a CSV file, or the store's
    as given) and render the email for each distinct selection. ``settle`` turns the
    subscribers into those who get it, once the release and the list were found good (`send`
    records a list in the store there). Raises DataError, NotFoundError or TemplateError."""
    site = load_site_of(project)
    require_sender(project, site, "send email")
    cache_dir = project.cache_dir
    changes = release_diff(project, version, cache_dir=cache_dir)
    assert changes.new is not None
    if isinstance(subscribers_source, Path):
        subscribers = read_subscribers(
            subscribers_source,
            label=project.label(subscribers_source),
            known_sections=mail.section_ids(iter_snapshots(project, cache_dir=cache_dir)),
        )
    else:
        subscribers = tuple(subscribers_source)
    if settle is not None:
        subscribers = settle(subscribers)
    environment = template_environment(project.templates_dir)
    renderings = mail.render_by_selection(
        site,
        changes,
        environment,
        [subscriber.sections for subscriber in subscribers],
        progress=progress,
    )
    deliveries = []
    without_changes = 0
    for subscriber in subscribers:
        rendered = renderings[mail.selection_key(subscriber.sections)]
        if rendered is None:
            without_changes += 1
        else:
            deliveries.append((subscriber, rendered))
    return Outbox(
        site=site,
        release=changes.new,
        deliveries=tuple(deliveries),
        without_changes=without_changes,
    )
