"""Reading: opening a workbook safely, parsing cells, finding headers, building entries."""
