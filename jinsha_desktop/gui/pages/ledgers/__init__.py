"""The ledgers module: printed ledgers and Excel import."""
