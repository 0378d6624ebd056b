"""Real printing for tests: LibreOffice turns a workbook into a PDF, poppler reads and pictures it.

Without LibreOffice or poppler's tools the tests that need them skip with the reason, except where
ALLIANCE_ROI_REQUIRE_SERVICES=1 (CI sets it): there they fail, so a missing tool cannot pass for a
green run.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.db_servers import unavailable


def soffice() -> str:
    """LibreOffice's command, once poppler's tools are known to be there too."""
    found = shutil.which("soffice")
    if found is None:
        unavailable("LibreOffice (soffice) is not installed")
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        unavailable("poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed")
    return found


def to_pdf(document: Path, workdir: Path) -> Path:
    """The document printed by LibreOffice, with a private profile so that parallel runs do not clash."""
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(workdir), str(document)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = workdir / f"{document.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {document.name}"
    return pdf


def pdf_pages_text(pdf: Path) -> list[str]:
    """The text of each page, in reading order as laid out."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def pictures(pdf: Path, folder: Path, resolution: int = 60) -> list[Path]:
    """Each page as a PNG in `folder` (emptied first), to look at and to test colours in."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))
