"""The visit record kind (登记记录): its value types."""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    """Which way a person passes the checkpoint."""

    IN = "in"
    OUT = "out"

    @property
    def label(self) -> str:
        return "进" if self is Direction.IN else "出"


class TestResult(StrEnum):
    """A nucleic test's result, at a visit and at a monitoring check alike; "" (not stored as
    a member) means no result given."""

    __test__ = False  # not a pytest test class, despite the name

    NEGATIVE = "negative"
    POSITIVE = "positive"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return {"negative": "阴性", "positive": "阳性", "pending": "待出结果"}[self.value]
