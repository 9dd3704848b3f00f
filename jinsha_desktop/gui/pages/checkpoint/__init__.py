"""The checkpoint module: registration, visits, people, monitoring."""
