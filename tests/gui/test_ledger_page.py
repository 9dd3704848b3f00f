"""The ledger screen: choose, generate in a worker, preview with Qt PDF, print, save."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton, QSpinBox

from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.gui.pages.ledgers.ledger_filters import mnemonic_text, mnemonics_in
from jinsha_desktop.gui.pages.ledgers.ledger_page import LedgerPage
from jinsha_desktop.reports.ledgers import LEDGERS, FilterKind, Ledger, LedgerFilter, Period
from jinsha_desktop.services import registration
from tests.reports.pdf_checks import one_line, page_texts
from tests.reports.throwaway_ledger import a_compound, with_throwaway_ledger
from tests.unit.support import a_checkpoint, audit_entries, logged_in_as, resident_id


@pytest.fixture
def visits(admin):
    checkpoint = a_checkpoint(admin, "北山社区1号卡点")
    now = admin.clock.now()
    for number in range(60):
        registration.register_visit(
            admin,
            VisitInput(
                document_number=resident_id(sequence=100 + number),
                name=f"居民{number:02d}" if number != 7 else "李𠮷",
                phone="13812345678",
                checkpoint_id=checkpoint,
                visited_at=now - timedelta(hours=60 - number),
                origin="江苏省南通市崇川区",
            ),
        )
    return checkpoint


def page(qtbot, gui) -> LedgerPage:
    widget = LedgerPage(gui)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def choose(widget: LedgerPage, name: str) -> None:
    widget.form.ledger.setCurrentIndex(widget.form.ledger.findData(name))


def generate(qtbot, widget: LedgerPage) -> None:
    qtbot.mouseClick(widget.form.generate_button, qtbot_left())
    qtbot.waitUntil(lambda: widget.job is None and widget.result is not None, timeout=20000)


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_generate_shows_the_ledger_in_the_preview_with_page_navigation(qtbot, gui, visits):
    widget = page(qtbot, gui)
    choose(widget, "registration")
    widget.form.since.setDate(QDate(widget.form.until.date().addDays(-3)))
    generate(qtbot, widget)
    assert widget.document.pageCount() == widget.result.pages >= 2
    assert widget.form.page_count.text().endswith(str(widget.result.pages))
    assert "60 " in widget.form.status.text()
    qtbot.mouseClick(widget.form.next_button, qtbot_left())
    qtbot.waitUntil(lambda: widget.current_page() == 2)
    widget.form.page_number.setValue(1)
    qtbot.waitUntil(lambda: widget.current_page() == 1)
    before = widget.view.zoomFactor()
    qtbot.mouseClick(widget.form.zoom_in_button, qtbot_left())
    assert widget.view.zoomFactor() > before
    text = one_line(" ".join(page_texts(widget.result.path)))
    assert "卡点登记台账" in text and "李𠮷" in text and "第 1 页 共" in text
    assert not gui.prompts.texts("warn")  # every character has a font


def test_fields_follow_the_chosen_ledger(qtbot, gui):
    widget = page(qtbot, gui)
    choose(widget, "blank")
    assert widget.form.pages.isVisible() and not widget.form.since.isVisible()
    assert not widget.filters.widget("checkpoint").isVisible()
    choose(widget, "daily")
    assert widget.form.until.isVisible() and not widget.form.since.isVisible()
    choose(widget, "registration")
    assert widget.form.since.isVisible() and widget.filters.widget("checkpoint").isVisible()
    assert widget.form.full.isVisible() and widget.form.full.isEnabled()


def test_a_volunteer_cannot_ask_for_full_numbers(qtbot, gui, admin):
    volunteer = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    gui.services = volunteer
    widget = page(qtbot, gui)
    choose(widget, "registration")
    assert not widget.form.full.isEnabled()
    qtbot.mouseClick(widget.form.generate_button, qtbot_left())
    qtbot.waitUntil(lambda: widget.job is None)
    assert widget.result is None
    assert any("没有" in text and "权限" in text for text in gui.prompts.texts("warn"))


def test_full_numbers_are_confirmed_and_printed_to_the_chosen_printer(
    qtbot, gui, visits, tmp_path, admin
):
    widget = page(qtbot, gui)
    choose(widget, "registration")
    widget.form.full.setChecked(True)
    generate(qtbot, widget)
    assert any("完整" in t or "full" in t.lower() for t in gui.prompts.texts("confirm"))
    assert resident_id(sequence=100) in " ".join(page_texts(widget.result.path))
    gui.prompts.print_to = tmp_path / "printed.pdf"
    qtbot.mouseClick(widget.form.print_button, qtbot_left())
    qtbot.waitUntil(
        lambda: (
            widget.job is None
            and "printer" in widget.form.status.text().lower()
            or "打印机" in widget.form.status.text()
        ),
        timeout=30000,
    )
    qtbot.waitUntil(lambda: widget.job is None, timeout=30000)
    assert len(page_texts(gui.prompts.print_to)) == widget.result.pages
    actions = [e.summary for e in audit_entries(admin, action="print", table_name="ledger")]
    assert any("完整证件号码" in s for s in actions) and any("送打印机" in s for s in actions)


def test_save_copies_the_pdf_and_cancel_leaves_nothing(qtbot, gui, visits, tmp_path):
    widget = page(qtbot, gui)
    choose(widget, "registration")
    generate(qtbot, widget)
    gui.prompts.save_path = tmp_path / "保存的台账"
    qtbot.mouseClick(widget.form.save_button, qtbot_left())
    saved = tmp_path / "保存的台账.pdf"
    assert saved.read_bytes() == widget.result.path.read_bytes()
    # a cancelled generation keeps the last preview and says so
    shown = widget.result
    widget.form.generate_button.click()
    widget.cancel()
    qtbot.waitUntil(lambda: widget.job is None, timeout=20000)
    assert widget.result is shown or widget.result.path.exists()


def test_switching_ledger_after_generating_never_saves_the_other_one(qtbot, gui, visits, tmp_path):
    """Issue 10: generate 卡点登记台账, switch to 健康监测台账, Save PDF."""
    widget = page(qtbot, gui)
    choose(widget, "registration")
    generate(qtbot, widget)
    choose(widget, "monitoring")
    # the registration preview is gone: nothing to print or save under the monitoring name
    assert widget.result is None and widget.document.pageCount() == 0
    assert not widget.form.save_button.isEnabled() and not widget.form.print_button.isEnabled()
    gui.prompts.save_path = tmp_path / "saved"
    qtbot.mouseClick(widget.form.save_button, qtbot_left())
    assert not (tmp_path / "saved.pdf").exists()
    generate(qtbot, widget)
    qtbot.mouseClick(widget.form.save_button, qtbot_left())
    [suggested] = [text for kind, _title, text in gui.prompts.shown if kind == "save_file"]
    assert suggested.startswith("健康监测台账-")
    assert gui.prompts.kinds == ["ledger_pdf"]  # the dialog starts where ledgers were saved
    reader = PdfReader(tmp_path / "saved.pdf")
    assert reader.metadata.title.endswith("健康监测台账")
    assert "健康监测台账" in reader.pages[0].extract_text()
    assert "卡点登记台账" not in " ".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda w: w.form.since.setDate(w.form.since.date().addDays(-1)), id="from"),
        pytest.param(lambda w: w.form.until.setDate(w.form.until.date().addDays(-1)), id="to"),
        pytest.param(lambda w: w.filters.widget("checkpoint").setCurrentIndex(1), id="checkpoint"),
        pytest.param(lambda w: w.form.full.setChecked(True), id="full-numbers"),
    ],
)
def test_any_change_of_choices_clears_the_stale_preview(qtbot, gui, visits, change):
    widget = page(qtbot, gui)
    choose(widget, "registration")
    generate(qtbot, widget)
    assert widget.form.print_button.isEnabled() and widget.form.save_button.isEnabled()
    change(widget)
    assert widget.result is None and widget.document.pageCount() == 0
    assert not widget.form.print_button.isEnabled() and not widget.form.save_button.isEnabled()
    assert widget.form.status.text()  # says why: generate again


def test_choices_changed_during_generation_do_not_show_the_old_ones(qtbot, gui, visits):
    widget = page(qtbot, gui)
    choose(widget, "registration")
    qtbot.mouseClick(widget.form.generate_button, qtbot_left())
    choose(widget, "daily")
    qtbot.waitUntil(lambda: widget.job is None, timeout=20000)
    assert widget.result is None and not widget.form.save_button.isEnabled()


def test_the_ledger_screen_looks_right(qtbot, gui, visits, tmp_path):
    widget = page(qtbot, gui)
    generate(qtbot, widget)
    qtbot.waitUntil(lambda: widget.document.status() == QPdfDocument.Status.Ready)
    image = widget.grab()
    assert image.width() >= 1200
    image.save(str(tmp_path / "ledger-page.png"))


def test_a_volunteer_starts_on_the_blank_sheet_and_prints_it(qtbot, gui, admin):
    gui.services = logged_in_as(admin, "volunteer", Role.CHECKPOINT)
    widget = page(qtbot, gui)

    assert widget.form.ledger.currentData() == "blank"
    generate(qtbot, widget)

    assert widget.result is not None and widget.result.pages >= 1
    assert gui.prompts.texts("warn") == []


def test_a_declared_ledger_brings_its_own_filter_to_the_screen(qtbot, gui, admin, monkeypatch):
    """A ledger filtered by compound is one declaration: no screen code names it."""
    with_throwaway_ledger(monkeypatch)
    garden = a_compound(admin, "金沙花园")
    a_compound(admin, "人民新村")
    widget = page(qtbot, gui)
    compound = widget.filters.widget("compound")
    assert not compound.isVisible()  # the registration ledger has no compound filter

    choose(widget, "throwaway")
    assert compound.isVisible() and not widget.filters.widget("checkpoint").isVisible()
    assert not widget.form.full.isVisible() and not widget.form.pages.isVisible()
    names = [compound.itemText(n) for n in range(compound.count())]
    assert names[0] == "全部小区" and set(names[1:]) == {"金沙花园", "人民新村"}
    label = widget.form.fields.labelForField(compound).text()
    assert label.startswith("小区(&")  # an access key of its own, as the translations write it
    others = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QPushButton)]
    others.remove(label)
    assert mnemonics_in([label]).isdisjoint(mnemonics_in(others))
    compound.setCurrentIndex(names.index("金沙花园"))
    assert widget.request().filters == {"compound": garden}
    generate(qtbot, widget)

    text = one_line(" ".join(page_texts(widget.result.path)))
    assert "测试用小区台账" in text and "小区：金沙花园" in text and "人民新村" not in text


def test_date_and_number_filters_get_their_own_boxes(qtbot, gui, monkeypatch):
    since_day = LedgerFilter("since_day", "起始日", FilterKind.DATE)
    copies = LedgerFilter("copies", "份数", FilterKind.NUMBER, minimum=1, maximum=9)
    ledger = Ledger(
        "summary",
        "汇总表",
        lambda *_: [],
        period=Period.DAY,
        filters=(since_day, copies),
    )
    monkeypatch.setitem(LEDGERS, ledger.name, ledger)
    widget = page(qtbot, gui)
    choose(widget, "summary")

    day, number = widget.filters.widget("since_day"), widget.filters.widget("copies")
    assert isinstance(day, QDateEdit) and isinstance(number, QSpinBox)
    assert day.isVisible() and number.isVisible() and not widget.form.since.isVisible()
    number.setValue(3)
    day.setDate(QDate(2026, 11, 20))
    request = widget.request()
    assert request.filters == {"since_day": date(2026, 11, 20), "copies": 3}
    assert request.since == request.until  # one day: the To box, labelled Day


@pytest.mark.parametrize(
    ("text", "key", "used", "expected"),
    [
        ("checkpoint", "checkpoint", set(), "&Checkpoint"),
        ("compound", "compound", {"c"}, "C&ompound"),
        ("卡点", "checkpoint", set(), "卡点(&C)"),
        ("小区", "compound", {"c", "o"}, "小区(&M)"),
        ("份数", "nn", {"n"}, "份数"),
    ],
    ids=["english", "english-taken", "chinese", "chinese-taken", "none-free"],
)
def test_a_filter_label_gets_a_free_access_key(text, key, used, expected):
    taken = set(used)
    assert mnemonic_text(text, key, taken) == expected
    assert len(taken) == len(used) + (expected != text)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_two_controls_share_an_access_key_whichever_ledger_is_chosen(qtbot, gui, language):
    """The walk of every window sees the first ledger only; the blank sheet's page count and the
    daily ledger's day come and go with the choice."""
    from tests.gui.test_mnemonics import clashes
    from tests.gui.window_walk import interface

    with interface(language, "normal"):
        widget = page(qtbot, gui)
        problems = []
        for name in LEDGERS:
            choose(widget, name)
            problems += [f"{name}: {clash}" for clash in clashes(widget)]
    assert not problems, "\n".join(problems)


REPAIR_LEDGERS = ["repairs", "cleanups", "compound-sheet", "survey-sheet"]


def test_property_staff_are_offered_the_repair_ledgers_only_and_print_them(qtbot, gui, admin):
    gui.services = logged_in_as(admin, "wuguan", Role.PROPERTY)
    widget = page(qtbot, gui)

    offered = [widget.form.ledger.itemData(n) for n in range(widget.form.ledger.count())]
    assert offered[:4] == REPAIR_LEDGERS  # (and the totals) no visitor data: no checkpoint one
    assert not {"registration", "monitoring", "daily", "blank"} & set(offered)
    choose(widget, "repairs")
    shown = {key for key, w in widget.filters.widgets.items() if w.isVisible()}
    assert shown == {"community", "compound", "campaign", "status"}
    status = widget.filters.widget("status")
    names = [status.itemText(n) for n in range(status.count())]
    assert names[:3] == ["全部状态", "未办结", "已办结"] and "已验收" in names
    status.setCurrentIndex(names.index("未办结"))
    generate(qtbot, widget)

    assert widget.result is not None and gui.prompts.texts("warn") == []
    text = one_line(" ".join(page_texts(widget.result.path)))
    assert "维修台账" in text and "状态：未办结" in text


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_repair_ledgers_filters_fit_at_the_largest_size(qtbot, gui, admin, language):
    from jinsha_desktop.gui.windows.main_window import MainWindow
    from tests.gui.fit_checks import clipped
    from tests.gui.window_walk import SCREEN, fit_on_screen, interface

    gui.services = logged_in_as(admin, "wuguan", Role.PROPERTY)
    with interface(language, "xlarge"):
        window = MainWindow(gui, "北山社区卡点 1 号机")
        qtbot.addWidget(window)
        fit_on_screen(window)
        window.form.navigation.setCurrentRow([m.key for m in window.modules].index("ledgers"))
        ledgers = window.page("ledgers").ledgers
        problems = []
        # the page itself, beside the side bar (the other modules' pages are theirs to fit)
        room = SCREEN.width() - window.form.navigation.width()
        for name in REPAIR_LEDGERS:
            choose(ledgers, name)
            problems += [f"{name}: {p}" for p in clipped(window)]
            if language == "en" and name == "repairs":
                status = ledgers.filters.widget("status")
                assert status.itemText(1) == "Open" and status.itemText(2) == "Closed"
            if ledgers.minimumSizeHint().width() > room:
                problems.append(f"{name}: page {ledgers.minimumSizeHint().width()} > {room}")
    assert not problems, "\n".join(problems)
