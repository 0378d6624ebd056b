"""Action plans: each saved review's accepted actions, and what became of the previous review's.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

A new table only: reviews saved before it keep their figures and have no actions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("review_id", sa.Integer, sa.ForeignKey("reviews.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alliance", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("follows_id", sa.Integer, sa.ForeignKey("actions.id", ondelete="CASCADE"), nullable=True),
        # The statuses as of this revision, written out: a migration never follows later code.
        sa.CheckConstraint("status IN ('Open', 'Done', 'Overdue', 'Dropped')", name="ck_actions_status"),
    )
    op.create_index("ix_actions_review_id", "actions", ["review_id"])
    op.create_index("ix_actions_follows_id", "actions", ["follows_id"])


def downgrade() -> None:
    op.drop_index("ix_actions_follows_id", table_name="actions")
    op.drop_index("ix_actions_review_id", table_name="actions")
    op.drop_table("actions")
