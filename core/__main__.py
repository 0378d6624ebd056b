"""The headless command: python -m core summarize LEDGER [-o SUMMARY.xlsx] [...]."""

from __future__ import annotations

import sys

from core.cli import main

if __name__ == "__main__":
    sys.exit(main())
