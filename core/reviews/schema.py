"""The saved-review tables, as SQLAlchemy Core metadata; migrations create and change them.

A ledger's bytes are stored once per content (keyed by SHA-256), however many reviews use them. A
review keeps its token only hashed: the token itself exists in its link and nowhere else.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

ledgers = sa.Table(
    "ledgers",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("portfolio", sa.String(200), nullable=False, index=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("review_date", sa.Date, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("saved_by", sa.String(320), nullable=True),
    sa.Column("product_version", sa.String(40), nullable=False),
    sa.Column("ledger_sha256", sa.String(64), sa.ForeignKey("ledgers.sha256"), nullable=False, index=True),
    sa.Column("ledger_name", sa.String(255), nullable=False),
    # The link's settings (parameter → values), so a review reopens through the same codec as a link.
    sa.Column("settings", sa.JSON, nullable=False),
    # The column mapping the user confirmed for a ledger whose headers were not recognised.
    sa.Column("mapping", sa.JSON, nullable=True),
    # The figures the review showed: headline and one record per alliance (see core.reviews.snapshot).
    sa.Column("figures", sa.JSON, nullable=False),
    # The review this one follows: a review's link shows the reviews before it, and only those.
    sa.Column("previous_id", sa.Integer, sa.ForeignKey("reviews.id", ondelete="SET NULL"), nullable=True),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)
