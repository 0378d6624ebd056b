"""Analysis: every figure computed from read entries and the view's settings."""
