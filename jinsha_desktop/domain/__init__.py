"""Pure-Python business rules: no Qt, no database, no files."""
