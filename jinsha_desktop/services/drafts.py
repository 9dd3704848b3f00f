"""Drafts of half-typed forms, so that a crash or a power cut loses nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from jinsha_desktop.db.models import Draft
from jinsha_desktop.services.context import AppContext


@dataclass(frozen=True)
class SavedDraft:
    form_key: str
    title: str
    values: dict[str, Any]
    saved_at: datetime


def save_draft(context: AppContext, form_key: str, title: str, values: dict[str, Any]) -> None:
    """Keep the latest unsaved input of one form of the current user (replaces the last draft)."""
    if context.user is None:
        return
    # Dates and amounts are kept as text; the form reads them back from text.
    payload = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    with context.uow() as session:
        draft = session.scalar(
            select(Draft).where(
                Draft.user_id == context.user.id,
                Draft.form_key == form_key,
                Draft.deleted_at.is_(None),
            )
        )
        if draft is None:
            session.add(
                Draft(user_id=context.user.id, form_key=form_key, title=title, payload=payload)
            )
        elif draft.payload != payload or draft.title != title:
            draft.payload, draft.title = payload, title


def discard_draft(context: AppContext, form_key: str) -> None:
    """Forget the draft once the form was saved or its input deliberately thrown away."""
    if context.user is None:
        return
    with context.uow() as session:
        session.execute(
            delete(Draft).where(Draft.user_id == context.user.id, Draft.form_key == form_key)
        )


def pending_drafts(context: AppContext) -> list[SavedDraft]:
    """The current user's drafts left by a form that was never saved (e.g. after a crash)."""
    if context.user is None:
        return []
    with context.reading() as session:
        drafts = session.scalars(
            select(Draft)
            .where(Draft.user_id == context.user.id, Draft.deleted_at.is_(None))
            .order_by(Draft.updated_at.desc())
        ).all()
        result = []
        for draft in drafts:
            try:
                values = json.loads(draft.payload)
            except ValueError:
                continue
            if isinstance(values, dict):
                result.append(SavedDraft(draft.form_key, draft.title, values, draft.updated_at))
        return result
