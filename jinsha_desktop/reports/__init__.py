"""PDF ledgers (reportlab) and Excel in/out (openpyxl); no Qt widgets."""
