"""One upload limit, said in one place: safety.MAX_UPLOAD_MB, which the upload box and the server obey."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core.errors import LedgerError
from core.reading import safety
from core.reading.ledger import read_ledger

ROOT = Path(__file__).resolve().parents[2]


def test_the_server_the_upload_box_and_the_reader_share_one_limit():
    from ui.sidebar import UPLOAD_LIMIT_MB

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert safety.MAX_UPLOAD_MB == 50
    assert config["server"]["maxUploadSize"] == UPLOAD_LIMIT_MB == safety.MAX_UPLOAD_MB
    assert safety.MAX_FILE_BYTES == 50 * 1024 * 1024  # Streamlit counts a megabyte as 1,048,576 bytes


def test_a_file_over_the_limit_is_refused_before_reading():
    data = b"PK\x03\x04" + b"\x00" * (51 * 1024 * 1024)
    with pytest.raises(LedgerError) as caught:
        read_ledger(data, "archive.xlsx")
    assert str(caught.value) == (
        "'archive.xlsx' is 51 MB, over the 50 MB limit: remove sheets that are not needed or split the ledger "
        "by year."
    )
