"""F3 then focus: the first field the duty requires that is still empty, by the domain's rule
(domain/visit_duty.missing_required), the one the save checks, not a second copy in the page."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.services import registration
from jinsha_desktop.services.registration_settings import (
    registration_settings,
    save_registration_settings,
)
from tests.gui.test_registration_page import ENTER, focused, open_page
from tests.unit.support import a_checkpoint, resident_id


@pytest.fixture
def checkpoint(gui):
    return a_checkpoint(gui.services)


@pytest.mark.parametrize(
    ("required", "focus"),
    [
        (["origin", "temperature"], "temperature"),  # the origin is carried over
        (["purpose", "travel_code"], "travel_code_star"),  # the travel code never is
        (["destination", "health_code", "travel_code"], "travel_code_star"),
        (["origin", "purpose"], None),  # everything required came with the trip
    ],
)
def test_f3_goes_to_the_first_required_field_still_empty(qtbot, gui, checkpoint, required, focus):
    settings = registration_settings(gui.services)
    save_registration_settings(gui.services, replace(settings, required=required))
    number = resident_id()
    registration.register_visit(
        gui.services,
        VisitInput(
            document_number=number,
            name="张三",
            origin="上海黄浦",
            destination_address="金沙镇人民路 1 号",
            purpose="探亲",
            temperature="36.6",
            health_code="green",
            travel_code_star=False,
            checkpoint_id=checkpoint,
            visited_at=gui.services.clock.now() - timedelta(days=1),
        ),
    )
    page = open_page(qtbot, gui)
    qtbot.keyClicks(page.form.document_number, number)
    qtbot.keyClick(page.form.document_number, ENTER)
    before = focused(page)
    qtbot.keyClick(before, Qt.Key.Key_F3)
    assert page.binder.values()["origin"] == "上海黄浦"
    assert focused(page) is (before if focus is None else getattr(page.form, focus))


def test_every_field_a_duty_can_require_has_a_label_to_star(qtbot, gui, checkpoint):
    from PySide6.QtWidgets import QLabel

    from jinsha_desktop.domain.visit_duty import REQUIRED_MESSAGES
    from jinsha_desktop.gui.pages.checkpoint.registration_fields import REQUIRED_LABELS

    assert REQUIRED_LABELS.keys() == REQUIRED_MESSAGES.keys()
    settings = registration_settings(gui.services)
    save_registration_settings(gui.services, replace(settings, required=list(REQUIRED_LABELS)))
    page = open_page(qtbot, gui)
    for label in REQUIRED_LABELS.values():
        widget = getattr(page.form, label)
        assert isinstance(widget, QLabel) and widget.text().endswith(" *"), label
