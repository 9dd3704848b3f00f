"""The totals screen's chart (QtCharts): parts replaced by kind, or clean-ups by category, per
group as horizontal stacked bars — the group names on the left read whole, in the interface font
(which has the Chinese characters)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.repair_totals import Figure
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services.repair_totals import TotalsTable

MOST_GROUPS = 10
"""Bars drawn at most (the largest groups): their names must read whole at 1366x768 at the
largest interface size."""


class TotalsChart(QChartView):
    """A stacked bar per group of the table (the largest MOST_GROUPS of them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumWidth(320)
        self.bars: dict[str, list[float]] = {}
        """What is drawn: each stack's name → its value per group shown (for tests)."""
        self.groups: list[str] = []
        self._drawn: tuple[TotalsTable, Figure, int] | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._drawn is not None and self._drawn[2] != self.groups_that_fit():
            self.show_table(*self._drawn[:2])  # more or fewer names now fit

    def show_table(self, table: TotalsTable, figure: Figure) -> None:
        """Draw parts by kind (Figure.PARTS) or clean-ups by category (Figure.CLEANUPS)."""
        self._drawn = (table, figure, self.groups_that_fit())
        columns = [c for c in table.columns if c.figure is figure]
        rows = sorted(
            table.rows,
            key=lambda row: -sum(float(table.value(row, c) or 0) for c in columns),
        )[: self.groups_that_fit()]
        rows = [row for row in rows if any(table.value(row, c) for c in columns)]
        rows.reverse()  # the largest at the top of a horizontal chart
        chart = QChart()
        font = self.font()
        chart.setFont(font)
        chart.setTitleFont(font)
        chart.legend().setFont(font)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        what = self.tr("Parts replaced") if figure is Figure.PARTS else self.tr("Clean-ups")
        if len(table.rows) > len(rows) and rows:
            what += " " + self.tr("(the %1 largest)").replace("%1", str(len(rows)))
        chart.setTitle(what)
        series = QHorizontalStackedBarSeries()
        self.bars = {}
        for column in columns:
            values = [float(table.value(row, column) or 0) for row in rows]
            if not any(values):
                continue
            name = shown(column.header)
            bar_set = QBarSet(name)
            bar_set.append(values)
            series.append(bar_set)
            self.bars[name] = values
        self.groups = [shown(row.label) for row in rows]
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(self.groups)
        names.setLabelsFont(self._names_font())
        names.setTruncateLabels(False)  # a name cut to "…" tells nothing
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        counts.setLabelsFont(font)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(counts)
        if self.bars:
            counts.applyNiceNumbers()  # 0, 20, 40… rather than 0, 29, 58…
        else:
            counts.setRange(0, 1)  # an empty chart (nice numbers of nothing: NaN)
        if not rows:
            chart.setTitle(what + " — " + self.tr("nothing in this period"))
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def groups_that_fit(self) -> int:
        """As many bars as can each keep its name on the axis (Qt hides every other name when
        they overlap): at most MOST_GROUPS, fewer on a short chart or at a large size."""
        line = QFontMetrics(self._names_font()).height()
        room = max(self.height(), self.minimumSizeHint().height()) * 0.6  # less title, legend
        return max(3, min(MOST_GROUPS, int(room / (line * 1.5))))

    def _names_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.9)
        return small

    def png(self) -> bytes:
        """The chart as drawn, as PNG bytes (for the Excel export)."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.grab().save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())
