"""The keyed hash of a list recipient's address (``list_token``): the token the unsubscribe
links of a list's emails carried before the list was recorded in the store, so `publisher
serve` can read those links in emails already sent.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``list_token`` and its index."""
    with op.batch_alter_table("subscribers") as batch:
        batch.add_column(sa.Column("list_token", sa.Text, nullable=False, server_default=""))
    op.create_index("subscribers_by_list_token", "subscribers", ["list_token"])


def downgrade() -> None:
    """Drop them."""
    op.drop_index("subscribers_by_list_token", table_name="subscribers")
    with op.batch_alter_table("subscribers") as batch:
        batch.drop_column("list_token")
