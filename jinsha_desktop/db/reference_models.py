"""Reference data every module uses: communities and villages, compounds, buildings, checkpoints.

Edited by the administrator (services/reference.py), seeded with the sub-district's units.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jinsha_desktop.db.base import Base, CommonColumns, unique_while_active


class Unit(CommonColumns, Base):
    """A community (社区) or village (村) of the sub-district."""

    __tablename__ = "unit"
    __table_args__ = (unique_while_active("uq_unit_name_active", "name"),)

    name: Mapped[str] = mapped_column(String(30), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Seeded units keep their official order (0, 1, …); units added later follow, by name.
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=1000)


class Compound(CommonColumns, Base):
    """A residential compound (小区), usually an old one, within a community or village."""

    __tablename__ = "compound"
    __table_args__ = (unique_while_active("uq_compound_name_active", "unit_id", "name"),)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    address: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    managed: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    """Managed by a property company (有物业); most old compounds are not."""
    property_company: Mapped[str] = mapped_column(
        String(60), nullable=False, default="", server_default=""
    )

    unit: Mapped[Unit] = relationship(lazy="joined")


class Building(CommonColumns, Base):
    """A building (楼栋) of a compound."""

    __tablename__ = "building"
    __table_args__ = (unique_while_active("uq_building_name_active", "compound_id", "name"),)

    compound_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("compound.id"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(String(20), nullable=False)
    unit_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    floor_count: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Checkpoint(CommonColumns, Base):
    """A registration post (卡点) run by a community or village."""

    __tablename__ = "checkpoint"
    __table_args__ = (unique_while_active("uq_checkpoint_name_active", "name"),)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    location: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    unit: Mapped[Unit] = relationship(lazy="joined")
