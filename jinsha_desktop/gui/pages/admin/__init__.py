"""The administration module: users, reference data, risk areas, audit log."""
