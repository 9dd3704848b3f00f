"""Duty shifts at a checkpoint laptop.

A shift starts at the first login of a day on a machine: volunteers change at a checkpoint
from one day to the next, and a laptop moved to another checkpoint must not go on registering
people for the old one.
"""

from __future__ import annotations

from datetime import date


def asks_for_checkpoint(remembered_is_known: bool, confirmed_day: str, today: date) -> bool:
    """Whether the checkpoint is asked for now: none (or a deleted one) is set for this
    machine, or it was last chosen or confirmed on another day (a new shift)."""
    return not remembered_is_known or confirmed_day != today.isoformat()
