"""The inspection ledgers on the ledger screen: offered to an inspector with their own filters,
printed from there, and fitting the screen at the largest size in both languages."""

from __future__ import annotations

import pytest

from jinsha_desktop.domain.permissions import Role
from tests.gui.test_ledger_page import choose, generate, page
from tests.reports.pdf_checks import one_line, page_texts
from tests.reports.test_inspection_ledgers import build_records
from tests.unit.support import logged_in_as

INSPECTION_LEDGERS = ["inspections", "rectifications"]


def test_an_inspector_prints_the_rectification_ledger_of_the_overdue(qtbot, gui, admin):
    build_records(admin)
    gui.services = logged_in_as(admin, "jiancha", Role.INSPECTOR)
    widget = page(qtbot, gui)

    offered = [widget.form.ledger.itemData(n) for n in range(widget.form.ledger.count())]
    assert set(INSPECTION_LEDGERS) <= set(offered) and "registration" not in offered
    choose(widget, "inspections")
    shown = {key for key, w in widget.filters.widgets.items() if w.isVisible()}
    assert shown == {"community", "template", "items"}
    choose(widget, "rectifications")
    shown = {key for key, w in widget.filters.widgets.items() if w.isVisible()}
    assert shown == {"community", "source", "rectification"}
    state = widget.filters.widget("rectification")
    names = [state.itemText(n) for n in range(state.count())]
    assert names[:3] == ["全部状态", "未销号", "逾期未销号"]
    state.setCurrentIndex(names.index("逾期未销号"))
    widget.form.since.setDate(widget.form.since.date().addDays(-30))
    generate(qtbot, widget)

    assert widget.result is not None and gui.prompts.texts("warn") == []
    text = one_line(" ".join(page_texts(widget.result.path)))
    assert "整改台账" in text and "整改状态：逾期未销号" in text and "T01-Z000001" in text


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_inspection_ledgers_filters_fit_at_the_largest_size(qtbot, gui, admin, language):
    from jinsha_desktop.gui.windows.main_window import MainWindow
    from tests.gui.fit_checks import clipped
    from tests.gui.window_walk import SCREEN, fit_on_screen, interface

    build_records(admin)
    gui.services = logged_in_as(admin, "jiancha", Role.INSPECTOR)
    with interface(language, "xlarge"):
        window = MainWindow(gui, "北山社区卡点 1 号机")
        qtbot.addWidget(window)
        fit_on_screen(window)
        window.form.navigation.setCurrentRow([m.key for m in window.modules].index("ledgers"))
        ledgers = window.page("ledgers").ledgers
        problems = []
        room = SCREEN.width() - window.form.navigation.width()
        for name in INSPECTION_LEDGERS:
            choose(ledgers, name)
            problems += [f"{name}: {p}" for p in clipped(window)]
            if ledgers.minimumSizeHint().width() > room:
                problems.append(f"{name}: page {ledgers.minimumSizeHint().width()} > {room}")
        if language == "en":
            choose(ledgers, "rectifications")
            state = ledgers.filters.widget("rectification")
            assert state.itemText(1) == "Not closed"
    assert not problems, "\n".join(problems)
