"""Files in and out: the entry workbook and CSV imports, the nine tables and open data as files, the classification lists, department lists."""
