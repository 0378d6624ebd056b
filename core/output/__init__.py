"""Output: tables, workbook, CSV, HTML report and charts, all from the same column specs."""
