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
    AddReport,
    Delivery,
    Ledger,
    LedgerError,
    NewSubscriber,
    SendLock,
    Store,
    SubscriberRecord,
    SubscriptionRequest,
    WorkerProgress,
    describe_url,
    normalize_address,
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
    "AddReport",
    "Delivery",
    "Ledger",
    "LedgerError",
    "NewSubscriber",
    "SendLock",
    "Store",
    "SubscriberRecord",
    "SubscriptionRequest",
    "WorkerProgress",
    "describe_url",
    "normalize_address",
    "open_store",
    "store_exists",
]
