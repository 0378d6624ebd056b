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

# What a status column may hold: an accepted action is Open; a follow-up is Done, Dropped, Overdue or Open.
STORED_STATUSES = ("Open", "Done", "Overdue", "Dropped")

# The action plans of saved reviews. A review's own plan are its rows with no `follows_id` (the
# actions accepted when it was saved, all Open); its follow-ups are copies of the previous review's
# actions with what became of them by this review (Done, Dropped, Overdue or Open), `follows_id`
# naming the action followed. Deleting a review deletes its actions, and with them the follow-ups
# that later reviews hold of them (that later review no longer follows it: its previous_id is
# cleared too), so a row without `follows_id` is always a plan's action.
actions = sa.Table(
    "actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "review_id", sa.Integer, sa.ForeignKey("reviews.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    # Text, not bounded strings: a user edits the sentence and the owner; PostgreSQL would refuse more.
    sa.Column("alliance", sa.Text, nullable=False),
    # The red flag or the recommendation (Fix, Exit) that proposed the action, or what the user wrote.
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("owner", sa.Text, nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column(
        "follows_id", sa.Integer, sa.ForeignKey("actions.id", ondelete="CASCADE"), nullable=True, index=True
    ),
    sa.CheckConstraint(
        "status IN (" + ", ".join(f"'{s}'" for s in STORED_STATUSES) + ")", name="ck_actions_status"
    ),
)
