"""List recipients: the addresses `send --subscribers FILE` sends to are recorded in the store
(status ``listed``, consent method ``list``), so their emails carry a token `publisher serve`
reads and a later send skips those who left; ``sections_chosen_at`` says when the person chose
their sections themselves (the preferences page): then their choice, not the list's, holds.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STATUSES = "('pending', 'confirmed', 'listed', 'unsubscribed', 'bounced', 'complained')"
CONSENT_METHODS = "('form', 'import', 'cli', 'list')"
OLD_STATUSES = "('pending', 'confirmed', 'unsubscribed', 'bounced', 'complained')"
OLD_CONSENT_METHODS = "('form', 'import', 'cli')"


def _checks(statuses: str, methods: str) -> None:
    # SQLite alters a table by copying it (batch mode); PostgreSQL in place. The old checks
    # are named in 0001, so both can drop them by name.
    with op.batch_alter_table("subscribers", recreate="auto") as batch:
        batch.drop_constraint("subscribers_status", type_="check")
        batch.drop_constraint("subscribers_consent", type_="check")
        batch.create_check_constraint("subscribers_status", f"status IN {statuses}")
        batch.create_check_constraint("subscribers_consent", f"consent_method IN {methods}")


def upgrade() -> None:
    """Allow the new status and consent method; add ``sections_chosen_at``."""
    with op.batch_alter_table("subscribers") as batch:
        batch.add_column(
            sa.Column("sections_chosen_at", sa.Text, nullable=False, server_default="")
        )
    _checks(STATUSES, CONSENT_METHODS)


def downgrade() -> None:
    """Back to 0002 (list recipients are deleted: 0002 has no word for them)."""
    op.execute("DELETE FROM subscribers WHERE status = 'listed' OR consent_method = 'list'")
    _checks(OLD_STATUSES, OLD_CONSENT_METHODS)
    with op.batch_alter_table("subscribers") as batch:
        batch.drop_column("sections_chosen_at")
