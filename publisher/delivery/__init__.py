"""The service side: the store (subscribers, delivery ledger, suppressions), and what is
built on it. Reached only from the CLI; the static publishing side never imports it.

The public face is this module: import from ``publisher.delivery``, not its submodules.
"""

from __future__ import annotations

from publisher.delivery.store import (
    BOUNCED,
    COMPLAINED,
    CONFIRMED,
    DEFERRED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    STATES,
    STATUSES,
    UNSUBSCRIBED,
    Delivery,
    Ledger,
    LedgerError,
    SendLock,
    Store,
    SubscriberRecord,
    WorkerProgress,
    describe_url,
    open_store,
    store_exists,
)

__all__ = [
    "BOUNCED",
    "COMPLAINED",
    "CONFIRMED",
    "DEFERRED",
    "FAILED",
    "PENDING",
    "SENDING",
    "SENT",
    "STATES",
    "STATUSES",
    "UNSUBSCRIBED",
    "Delivery",
    "Ledger",
    "LedgerError",
    "SendLock",
    "Store",
    "SubscriberRecord",
    "WorkerProgress",
    "describe_url",
    "open_store",
    "store_exists",
]
