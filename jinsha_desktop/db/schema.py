"""Every table of the program, imported together (migrations and checks need all of them)."""

from jinsha_desktop.db import (
    inspection_models,
    models,
    reference_models,
    registration_models,
    repair_models,
)
from jinsha_desktop.db.base import Base

__all__ = [
    "Base",
    "inspection_models",
    "models",
    "reference_models",
    "registration_models",
    "repair_models",
]
