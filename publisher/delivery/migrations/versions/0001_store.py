"""The store's first schema: the delivery ledger (same columns as the ledger file before the
store), subscribers, suppressions and the store's own settings.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

LEDGER_STATES = "('pending', 'sending', 'sent', 'deferred', 'failed')"
STATUSES = "('pending', 'confirmed', 'unsubscribed', 'bounced', 'complained')"
CONSENT_METHODS = "('form', 'import', 'cli')"


def upgrade() -> None:
    """Create every table."""
    op.create_table(
        "deliveries",
        sa.Column("release", sa.Text, primary_key=True),
        sa.Column("address", sa.Text, primary_key=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_reply", sa.Text, nullable=False, server_default=""),
        sa.Column("message_id", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("sent_at", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint(f"state IN {LEDGER_STATES}", name="deliveries_state"),
        sqlite_with_rowid=False,  # as the ledger file before the store: the key is the row
    )
    op.create_table(
        "subscribers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("public_id", sa.Text, nullable=False, unique=True),
        sa.Column("address", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("sections", sa.Text, nullable=False, server_default=""),
        sa.Column("consent_method", sa.Text, nullable=False),
        sa.Column("consent_at", sa.Text, nullable=False),
        sa.Column("consent_source", sa.Text, nullable=False, server_default=""),
        sa.Column("confirmed_at", sa.Text, nullable=False, server_default=""),
        sa.Column("confirm_nonce", sa.Text, nullable=False, server_default=""),
        sa.Column("confirmations_day", sa.Text, nullable=False, server_default=""),
        sa.Column("confirmations_sent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.CheckConstraint(f"status IN {STATUSES}", name="subscribers_status"),
        sa.CheckConstraint(f"consent_method IN {CONSENT_METHODS}", name="subscribers_consent"),
    )
    op.create_index("subscribers_by_status", "subscribers", ["status"])
    op.create_table(
        "suppressions",
        sa.Column("address_hash", sa.Text, primary_key=True),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_table(
        "store_settings",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Drop every table."""
    for table in ("store_settings", "suppressions", "subscribers", "deliveries"):
        op.drop_table(table)
