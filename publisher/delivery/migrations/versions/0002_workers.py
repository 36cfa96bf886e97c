"""Workers: who holds a delivery (``worker``) and until when (``lease_until``, seconds since
the epoch by the database's clock; for a ``pending`` row, not before when it may be tried
again), and the plans made by coordinators (one row per planned release).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the lease columns, an index for claiming, and the plans table."""
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("worker", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("lease_until", sa.Float, nullable=False, server_default="0"))
    op.create_index("deliveries_release_state", "deliveries", ["release", "state"])
    op.create_table(
        "send_plans",
        sa.Column("release", sa.Text, primary_key=True),
        sa.Column("planned_by", sa.Text, nullable=False),
        sa.Column("planned_at", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_table("send_plans")
    op.drop_index("deliveries_release_state", table_name="deliveries")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("lease_until")
        batch.drop_column("worker")
