"""Item models and the list mechanism: columns declared once, rows handed over by a service."""
