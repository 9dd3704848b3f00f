"""Checklist templates and their versions, and the departments of the village-inspection module.

A template's content lives in versions. The current version is edited in place until an
inspection uses it (`freeze_version`, called when the inspection is created); saving a frozen
version's template makes a new version that becomes current, so old inspections, which keep a
copy of every item anyway, still name the version they were scored on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jinsha_desktop.db.inspection_models import (
    ChecklistItem,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    Department,
    Inspection,
)
from jinsha_desktop.domain.checklists import (
    DEFAULT_CHECKLISTS,
    DEFAULT_DEPARTMENTS,
    ChecklistContent,
    ItemDraft,
    SectionDraft,
)
from jinsha_desktop.domain.errors import FieldChecks, NotFound, ValidationError
from jinsha_desktop.domain.inspections import VetoMode
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.repairs import seed_id
from jinsha_desktop.domain.text import clean_name, clean_optional_text
from jinsha_desktop.services.audit import record_action
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.editing import load_for_edit
from jinsha_desktop.services.reference import Kind, delete, save_reference

THIS_TEMPLATE = "这个检查清单"


# ---------------------------------------------------------------- seeding


def seed_checklists(context: AppContext) -> bool:
    """The two default checklists and the default departments, if this database never had any
    (a deleted default stays deleted). Seeded rows have the same ids on every laptop
    (`seed_id`), so merged data holds each once. Returns whether anything was added."""
    with context.reading() as session:
        has_templates = bool(session.scalar(select(func.count()).select_from(ChecklistTemplate)))
        has_departments = bool(session.scalar(select(func.count()).select_from(Department)))
    if has_templates and has_departments:
        return False
    with context.uow() as session:
        if not has_templates:
            for order, content in enumerate(DEFAULT_CHECKLISTS):
                template = ChecklistTemplate(
                    id=seed_id("checklist_template", content.title),
                    name=content.title,
                    note=content.note,
                    sort_order=order,
                    # its first version's id, known beforehand: created whole, not edited after
                    current_version_id=seed_id("checklist_version", f"{content.title}:1:"),
                )
                session.add(template)
                session.flush()
                _add_version(session, template, content, 1, seeded=True)
        if not has_departments:
            for order, name in enumerate(DEFAULT_DEPARTMENTS):
                session.add(
                    Department(
                        id=seed_id("department", name), name=name, sort_order=(order + 1) * 10
                    )
                )
    return True


def _add_version(
    session: Session,
    template: ChecklistTemplate,
    content: ChecklistContent,
    number: int,
    *,
    seeded: bool = False,
) -> ChecklistVersion:
    """A new version of `template` holding `content`, made current."""
    key = f"{content.title}:{number}"

    def new_id(table: str, suffix: str) -> uuid.UUID:
        return seed_id(table, f"{key}:{suffix}") if seeded else uuid.uuid4()

    version = ChecklistVersion(
        id=new_id("checklist_version", ""),
        template_id=template.id,
        number=number,
        title=content.title,
        veto_mode=VetoMode(content.veto_mode).value,
        veto_score=content.veto_score,
        note=content.note,
    )
    session.add(version)
    session.flush()
    _add_rows(session, version.id, content, new_id)
    if template.current_version_id != version.id:
        template.current_version_id = version.id
    return version


def _add_rows(
    session: Session, version_id: uuid.UUID, content: ChecklistContent, new_id: Any
) -> None:
    # The tables have no ORM relationships to order the inserts: parents are flushed first.
    sections = [
        ChecklistSection(
            id=new_id("checklist_section", str(position)),
            version_id=version_id,
            position=position,
            title=draft.title,
            cap=draft.cap,
        )
        for position, draft in enumerate(content.sections)
    ]
    session.add_all(sections)
    session.flush()
    items = [
        (section, item)
        for section, draft in zip(sections, content.sections, strict=True)
        for item in draft.items
    ]
    session.add_all(
        ChecklistItem(
            id=new_id("checklist_item", str(position)),
            version_id=version_id,
            section_id=section.id,
            position=position,
            code=item.code,
            text=item.text,
            points=item.points,
            cap=item.cap,
            na_allowed=item.na_allowed,
            photo_required=item.photo_required,
            veto=item.veto,
        )
        for position, (section, item) in enumerate(items)
    )
    session.flush()


# ---------------------------------------------------------------- templates


@dataclass(frozen=True)
class TemplateRow:
    id: uuid.UUID
    name: str
    current_version_id: uuid.UUID | None
    current_number: int
    frozen: bool
    """The current version is in use: saving the template makes a new version."""
    items: int
    inspections: int
    """Inspections (any version, drafts too) on this template."""
    note: str


def list_templates(context: AppContext) -> list[TemplateRow]:
    """The templates in their order (everyone who reads inspections)."""
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        inspections = dict(
            session.execute(
                select(Inspection.template_id, func.count())
                .where(Inspection.deleted_at.is_(None))
                .group_by(Inspection.template_id)
            ).all()
        )
        items = dict(
            session.execute(
                select(ChecklistItem.version_id, func.count())
                .where(ChecklistItem.deleted_at.is_(None))
                .group_by(ChecklistItem.version_id)
            ).all()
        )
        rows = session.execute(
            select(ChecklistTemplate, ChecklistVersion)
            .outerjoin(
                ChecklistVersion, ChecklistVersion.id == ChecklistTemplate.current_version_id
            )
            .where(ChecklistTemplate.deleted_at.is_(None))
            .order_by(ChecklistTemplate.sort_order, ChecklistTemplate.name)
        ).all()
        return [
            TemplateRow(
                template.id,
                template.name,
                template.current_version_id,
                version.number if version is not None else 0,
                version is not None and version.frozen_at is not None,
                items.get(version.id, 0) if version is not None else 0,
                inspections.get(template.id, 0),
                template.note,
            )
            for template, version in rows
        ]


def template_content(
    context: AppContext, template_id: uuid.UUID, version_id: uuid.UUID | None = None
) -> tuple[ChecklistContent, int]:
    """The content of the template's current version (or of `version_id`) and its number."""
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        template = load_for_edit(session, ChecklistTemplate, template_id, None, THIS_TEMPLATE)
        version = _version_of(session, template, version_id)
        return _content_of(session, version), version.number


def _version_of(
    session: Session, template: ChecklistTemplate, version_id: uuid.UUID | None
) -> ChecklistVersion:
    wanted = version_id if version_id is not None else template.current_version_id
    version = session.get(ChecklistVersion, wanted) if wanted is not None else None
    if version is None or version.template_id != template.id or version.deleted_at is not None:
        raise NotFound("找不到这个检查清单的版本，可能已被删除。")
    return version


def _content_of(session: Session, version: ChecklistVersion) -> ChecklistContent:
    sections: dict[uuid.UUID, tuple[ChecklistSection, list[ItemDraft]]] = {}
    for section, item in version_items(session, version.id):
        entry = sections.setdefault(section.id, (section, []))
        entry[1].append(
            ItemDraft(
                item.code,
                item.text,
                item.points,
                item.cap,
                item.na_allowed,
                item.photo_required,
                item.veto,
            )
        )
    return ChecklistContent(
        version.title,
        tuple(SectionDraft(s.title, s.cap, tuple(items)) for s, items in sections.values()),
        VetoMode(version.veto_mode),
        version.veto_score,
        version.note,
    )


def version_items(
    session: Session, version_id: uuid.UUID
) -> list[tuple[ChecklistSection, ChecklistItem]]:
    """The version's items with their sections, in the order they are walked."""
    rows = session.execute(
        select(ChecklistSection, ChecklistItem)
        .join(ChecklistItem, ChecklistItem.section_id == ChecklistSection.id)
        .where(
            ChecklistItem.version_id == version_id,
            ChecklistItem.deleted_at.is_(None),
            ChecklistSection.deleted_at.is_(None),
        )
        .order_by(ChecklistSection.position, ChecklistItem.position)
    ).all()
    return [(section, item) for section, item in rows]


def save_template(
    context: AppContext, template_id: uuid.UUID | None, content: ChecklistContent
) -> uuid.UUID:
    """Add a template (version 1) or save a new content for one (MANAGE_REFERENCE_DATA): its
    current version changes in place while no inspection uses it; once frozen, the content
    becomes a new version (number + 1) that new inspections use. Returns the template's id."""
    context.require(Permission.MANAGE_REFERENCE_DATA)
    clean = content.cleaned()
    with context.uow() as session:
        _check_unique_name(session, clean.title, template_id)
        if template_id is None:
            order = session.scalar(select(func.max(ChecklistTemplate.sort_order)))
            template = ChecklistTemplate(
                name=clean.title, note=clean.note, sort_order=(order or 0) + 1
            )
            session.add(template)
            session.flush()
            _add_version(session, template, clean, 1)
            return template.id
        template = load_for_edit(session, ChecklistTemplate, template_id, None, THIS_TEMPLATE)
        current = _version_of(session, template, None)
        if _content_of(session, current) == clean:
            return template.id  # nothing changed: no new version, no audit entry
        template.name, template.note = clean.title, clean.note
        if current.frozen_at is not None:
            last = session.scalar(
                select(func.max(ChecklistVersion.number)).where(
                    ChecklistVersion.template_id == template.id
                )
            )
            _add_version(session, template, clean, (last or current.number) + 1)
        else:
            _replace_content(session, context, current, clean)
        return template.id


def _replace_content(
    session: Session, context: AppContext, version: ChecklistVersion, content: ChecklistContent
) -> None:
    """A version no inspection uses gets the new content (its old rows soft-deleted)."""
    now = context.clock.now()
    for section, item in version_items(session, version.id):
        item.deleted_at = now
        if section.deleted_at is None:
            section.deleted_at = now
    version.title = content.title
    version.veto_mode = VetoMode(content.veto_mode).value
    version.veto_score = content.veto_score
    version.note = content.note
    session.flush()
    _add_rows(session, version.id, content, lambda _table, _suffix: uuid.uuid4())


def _check_unique_name(session: Session, name: str, own_id: uuid.UUID | None) -> None:
    conditions = [ChecklistTemplate.name == name, ChecklistTemplate.deleted_at.is_(None)]
    if own_id is not None:
        conditions.append(ChecklistTemplate.id != own_id)
    if session.scalar(select(func.count()).select_from(ChecklistTemplate).where(*conditions)):
        raise ValidationError(f"已经有名为“{name}”的检查清单了。", "title")


def delete_template(context: AppContext, template_id: uuid.UUID, reason: str) -> None:
    """Soft-delete a template (MANAGE_REFERENCE_DATA): no new inspection can use it; the
    inspections made on it keep their copy of every item. The reason goes to the audit log."""
    context.require(Permission.MANAGE_REFERENCE_DATA)
    text = clean_name(reason, "删除原因", "delete_reason", max_length=200)
    with context.uow() as session:
        template = load_for_edit(session, ChecklistTemplate, template_id, None, THIS_TEMPLATE)
        template.deleted_at = context.clock.now()
        record_action(
            session,
            "delete",
            f"删除检查清单“{template.name}”：{text}",
            table_name=ChecklistTemplate.__tablename__,
            record_id=str(template.id),
        )


def freeze_version(session: Session, version_id: uuid.UUID, now: datetime) -> None:
    """Freeze a version as an inspection starts using it (in that inspection's transaction)."""
    version = session.get(ChecklistVersion, version_id)
    if version is None:
        raise NotFound("找不到这个检查清单的版本，可能已被删除。")
    if version.frozen_at is None:
        version.frozen_at = now


# ---------------------------------------------------------------- departments

DEPARTMENTS = Kind(Department, "部门", None, False)
"""Deleting one is a soft delete; findings that named it keep showing it."""


@dataclass(frozen=True)
class DepartmentRow:
    id: uuid.UUID
    name: str
    sort_order: int
    note: str
    version: int = 0


def list_departments(context: AppContext) -> list[DepartmentRow]:
    context.require(Permission.VIEW_INSPECTIONS)
    with context.reading() as session:
        rows = session.scalars(
            select(Department)
            .where(Department.deleted_at.is_(None))
            .order_by(Department.sort_order, Department.name)
        )
        return [DepartmentRow(d.id, d.name, d.sort_order, d.note, d.version) for d in rows]


def save_department(
    context: AppContext,
    department_id: uuid.UUID | None,
    name: str,
    sort_order: object,
    note: str,
    version: int | None = None,
) -> uuid.UUID:
    """Add or change a department (MANAGE_REFERENCE_DATA)."""
    checks = FieldChecks()
    clean = checks.check(clean_name, name, "部门名称", "name", max_length=40)
    order = checks.check(sort_order_of, sort_order)
    text = checks.check(clean_optional_text, note, "备注", "note", max_length=200)
    checks.raise_errors()
    values = {"name": clean, "sort_order": order, "note": text or ""}
    return save_reference(context, DEPARTMENTS, values, department_id, version)


def sort_order_of(value: object) -> int:
    """A position in a list: a whole number from 0 to 9999 ("" is 1000, the end)."""
    if value is None or value == "":
        return 1000
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) > 9999:
        raise ValidationError("排序应为 0 到 9999 的整数。", "sort_order")
    return int(text)


def delete_department(
    context: AppContext, department_id: uuid.UUID, version: int | None = None
) -> None:
    delete(context, DEPARTMENTS, department_id, version)
