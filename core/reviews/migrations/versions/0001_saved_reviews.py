"""Saved reviews: ledgers stored once per content, reviews with hashed tokens and their figures.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledgers",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("portfolio", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("review_date", sa.Date, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by", sa.String(320), nullable=True),
        sa.Column("product_version", sa.String(40), nullable=False),
        sa.Column("ledger_sha256", sa.String(64), sa.ForeignKey("ledgers.sha256"), nullable=False),
        sa.Column("ledger_name", sa.String(255), nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("mapping", sa.JSON, nullable=True),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("previous_id", sa.Integer, sa.ForeignKey("reviews.id", ondelete="SET NULL"), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_reviews_portfolio", "reviews", ["portfolio"])
    op.create_index("ix_reviews_ledger_sha256", "reviews", ["ledger_sha256"])


def downgrade() -> None:
    op.drop_table("reviews")
    op.drop_table("ledgers")
