"""Saved reviews: a ledger, its settings and its figures kept deliberately, and their history.

Nothing is stored unless a user saves a review. The database is an embedded SQLite file unless a
PostgreSQL URL is configured; its schema is created and upgraded by Alembic migrations only.
"""
