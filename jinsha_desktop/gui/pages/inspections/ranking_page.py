"""The red/black list (红黑榜): a month's or a quarter's ranking of the villages and communities
under the stored rules, the change against the previous period, a unit's trend; publishing
freezes an edition; a published list no longer matching the data says so and offers a new
edition; the notice (PDF) and the ranking (Excel) are written in a worker.

The figures come from services/rankings.py; this page only shows them."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.domain.rankings import LISTING_LABELS, Period, RankedUnit
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.file_dialogs import FileKind
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.lists.columns import Column, RowsTableModel
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.pages.inspections.ranking_chart import TrendChart
from jinsha_desktop.gui.prompts import ensure_suffix
from jinsha_desktop.gui.workers import Job
from jinsha_desktop.reports.ledgers import ledger_font_chain
from jinsha_desktop.reports.ranking_notice import write_ranking_notice, write_ranking_xlsx
from jinsha_desktop.services import rankings
from jinsha_desktop.services.registration import today_of

PERIODS_OFFERED = 24
TREND_PERIODS = 12


def change_text(change: int | None) -> str:
    """↑2 / ↓1 / — against the previous period ("" when either period did not rank the unit)."""
    if change is None:
        return ""
    return f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else "—"


def _score(value: Any) -> str:
    return "" if value is None else f"{value:.2f}"


class RankingPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.view: rankings.RankingView | None = None
        self.job: Job | None = None
        user = gui.services.user
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Month"), "month")
        self.kind.addItem(self.tr("Quarter"), "quarter")
        self.period = QComboBox(self)
        self.edition = QComboBox(self)
        # wide enough for "2026年第四季度" and "第12版，2026-12-01" at every size
        for combo, characters in ((self.kind, 6), (self.period, 16), (self.edition, 20)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(characters)
        kind_label = QLabel(self.tr("&Period"), self)
        kind_label.setBuddy(self.kind)
        edition_label = QLabel(self.tr("&Edition"), self)
        edition_label.setBuddy(self.edition)
        self.publish_button = QPushButton(self.tr("P&ublish…"), self)
        self.notice_button = QPushButton(self.tr("&Notice PDF…"), self)
        self.excel_button = QPushButton(self.tr("E&xcel…"), self)
        self.rules_button = QPushButton(self.tr("&Rules…"), self)
        self.publish_button.setVisible(user is not None and user.can(Permission.PUBLISH_RANKINGS))
        self.rules_button.setVisible(user is not None and user.can(Permission.CHANGE_SETTINGS))
        can_export = user is not None and user.can(Permission.EXPORT)
        self.notice_button.setVisible(can_export)
        self.excel_button.setVisible(can_export)
        top = QHBoxLayout()
        for widget in (kind_label, self.kind, self.period, edition_label, self.edition):
            top.addWidget(widget)
        top.addStretch(1)
        buttons = QHBoxLayout()  # a row of their own: they fit at the largest size
        for button in (self.publish_button, self.notice_button, self.excel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.rules_button)
        self.banner = QLabel("", self)
        self.banner.setWordWrap(True)
        self.model = RowsTableModel(
            [
                Column("position", self.tr("Place"), 50, lambda p: "" if p is None else str(p)),
                Column("unit_name", self.tr("Unit"), 100),
                Column("score", self.tr("Score %"), 70, _score, align_right=True),
                Column("inspections", self.tr("Inspections"), 60, str, align_right=True),
                Column("penalty", self.tr("Penalty"), 60, lambda p: _score(p) if p else ""),
                Column("vetoed", self.tr("Veto"), 50, lambda v: shown("否决") if v else ""),
                Column("listed", self.tr("List"), 60, lambda v: shown(LISTING_LABELS[v])),
                Column("change", self.tr("Change"), 60, change_text),
            ],
            self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = TrendChart(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        self._fill_periods()
        self.kind.currentIndexChanged.connect(self._fill_periods)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.edition.activated.connect(lambda _i: self._show_edition())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_trend())
        self.publish_button.clicked.connect(self.publish)
        self.notice_button.clicked.connect(self.save_notice)
        self.excel_button.clicked.connect(self.save_excel)
        self.rules_button.clicked.connect(self.edit_rules)
        self.refresh()

    # -- what is shown

    def chosen_period(self) -> Period:
        return Period.parse(self.period.currentData())

    def _fill_periods(self) -> None:
        """The last periods, newest first; a month: the last complete one chosen."""
        today = today_of(self.gui.services)
        current = Period.containing(self.kind.currentData(), today)
        periods = Period.last(PERIODS_OFFERED, current)[::-1]
        self.period.blockSignals(True)
        self.period.clear()
        for period in periods:
            self.period.addItem(shown(period.label), period.key)
        self.period.setCurrentIndex(1 if self.kind.currentData() == "month" else 0)
        self.period.blockSignals(False)
        self.refresh()

    def refresh(self, edition_id: uuid.UUID | None = None) -> None:
        """The period's ranking as it stands (or a published edition's, frozen)."""
        period = self.chosen_period()
        services = self.gui.services
        try:
            published = rankings.editions(services, period)
            if edition_id is not None:
                view = rankings.published_ranking(services, edition_id)
            else:
                view = rankings.compute_ranking(services, period)
        except KnownError as error:
            self.view = None
            self.model.set_rows([])
            self._fill_editions([], None)
            self._say(shown(error.message), attention=False)
            self.chart.show_trend("", [])
            self._enable()
            return
        self.view = view
        self.model.set_rows(view.rows)
        self._fill_editions(published, edition_id)
        self._describe(view, frozen=edition_id is not None)
        if view.rows:
            self.table.selectRow(0)
        self._show_trend()
        self._enable()

    def _fill_editions(self, published: list[Any], chosen: uuid.UUID | None) -> None:
        self.edition.clear()
        self.edition.addItem(self.tr("as it stands now"), "")
        for row in published:
            when = row.published_at.astimezone().strftime("%Y-%m-%d")
            text = self.tr("Edition %1, %2").replace("%1", str(row.edition)).replace("%2", when)
            self.edition.addItem(text, str(row.id))
        if chosen is not None:
            self.edition.setCurrentIndex(max(0, self.edition.findData(str(chosen))))

    def _show_edition(self) -> None:
        chosen = self.edition.currentData()
        self.refresh(uuid.UUID(chosen) if chosen else None)

    def _describe(self, view: rankings.RankingView, *, frozen: bool) -> None:
        published = view.published
        if frozen and published is not None:
            self._say(
                self.tr("Edition %1 as published: frozen, it never changes.").replace(
                    "%1", str(published.edition)
                ),
                attention=False,
            )
        elif published is None:
            self._say(self.tr("Not published yet for this period."), attention=False)
        elif view.out_of_date:
            self._say(
                self.tr(
                    "An inspection was corrected or a finding changed since edition %1 was "
                    "published: the published list is out of date. Publish a new edition."
                ).replace("%1", str(published.edition)),
                attention=True,
            )
        else:
            self._say(
                self.tr("Edition %1 is published and matches the data.").replace(
                    "%1", str(published.edition)
                ),
                attention=False,
            )

    def _say(self, text: str, *, attention: bool) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(ERROR_STYLE if attention else "")

    def _enable(self) -> None:
        has_rows = self.view is not None and bool(self.view.rows)
        self.publish_button.setEnabled(has_rows and self.job is None)
        self.excel_button.setEnabled(has_rows and self.job is None)
        published = self.view.published if self.view is not None else None
        self.notice_button.setEnabled(published is not None and self.job is None)

    def current_unit(self) -> RankedUnit | None:
        index = self.table.currentIndex()
        rows = self.view.rows if self.view is not None else []
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def _show_trend(self) -> None:
        unit = self.current_unit()
        if unit is None:
            self.chart.show_trend("", [])
            return
        try:
            scores = rankings.trend(
                self.gui.services, self.chosen_period(), TREND_PERIODS, [unit.unit_id]
            )
        except KnownError as error:
            self._say(shown(error.message), attention=True)
            return
        self.chart.show_trend(unit.unit_name, scores.get(unit.unit_id, []))

    # -- actions

    def publish(self) -> None:
        if self.view is None or not self.view.rows:
            return
        period = self.chosen_period()
        question = self.tr(
            "Publish the red/black list of %1? The edition is frozen: later corrections make a "
            "new edition, never change this one."
        ).replace("%1", shown(period.label))
        if not self.gui.prompts.confirm(self, self.tr("Publish"), question):
            return
        try:
            published = rankings.publish_ranking(self.gui.services, period)
        except KnownError as error:
            self.gui.prompts.warn(self, self.tr("Publish"), shown(error.message))
            return
        self.refresh()
        self.edition.setCurrentIndex(max(0, self.edition.findData(str(published))))

    def edit_rules(self) -> None:
        from jinsha_desktop.gui.dialogs.ranking_rules_dialog import RankingRulesDialog

        if RankingRulesDialog(self.gui, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def save_notice(self) -> None:
        view = self.view
        if view is None or view.published is None:
            return
        chosen = self.edition.currentData()
        ranking_id = uuid.UUID(chosen) if chosen else view.published.id
        period = view.period
        suggested = f"红黑榜-{period.key}.pdf"
        target = self.gui.prompts.save_file(
            self, self.tr("Save notice"), suggested, self.tr("PDF files (*.pdf)"),
            FileKind.LEDGER_PDF,
        )  # fmt: skip
        if target is None:
            return
        path: Path = ensure_suffix(target, ".pdf")
        context = self.gui.services

        def write() -> Path:
            notice = rankings.notice_of(context, ranking_id)
            write_ranking_notice(notice, path, ledger_font_chain(context))
            return path

        self._run(write, self.tr("Notice saved: %1"))

    def save_excel(self) -> None:
        view = self.view
        if view is None:
            return
        target = self.gui.prompts.save_file(
            self, self.tr("Export ranking"), f"红黑榜-{view.period.key}.xlsx",
            self.tr("Excel workbooks (*.xlsx)"), FileKind.EXPORT,
        )  # fmt: skip
        if target is None:
            return
        path: Path = ensure_suffix(target, ".xlsx")

        def write() -> Path:
            write_ranking_xlsx(view, path)
            return path

        self._run(write, self.tr("Ranking exported: %1"))

    def _run(self, write: Any, done_text: str) -> None:
        def done(path: Path) -> None:
            self._say(done_text.replace("%1", str(path)), attention=False)

        def ended() -> None:
            self.job = None
            self._enable()

        self.job = run_job(
            write,
            parent=self,
            prompts=self.gui.prompts,
            title=self.tr("Red/black list"),
            on_done=done,
            on_end=ended,
        )
        self._enable()
