"""The ledger files `send --ledger FILE` wrote to (``ledger_files``), remembered by the
project's store: `publisher bounces` reads who was mailed from each of them too, and `store
copy` names them (they are files of their own and do not move).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``ledger_files``."""
    op.create_table(
        "ledger_files",
        sa.Column("path", sa.Text, primary_key=True),
        sa.Column("first_used", sa.Text, nullable=False),
        sa.Column("last_used", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Drop it."""
    op.drop_table("ledger_files")
