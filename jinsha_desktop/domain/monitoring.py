"""Health monitoring (健康监测): its value types."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    MONITORING = "monitoring"
    RELEASED = "released"
    TRANSFERRED = "transferred"
    LOST_CONTACT = "lost_contact"

    @property
    def label(self) -> str:
        return {
            "monitoring": "监测中",
            "released": "已解除",
            "transferred": "已转出",
            "lost_contact": "失联",
        }[self.value]
