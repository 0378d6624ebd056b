"""Alliance ROI computation: ledger reading, ROI, quartiles, before/after, export. No UI here."""
