"""The red/black list's trend chart (QtCharts): a unit's score (得分率) over the last periods,
a line with a point per period inspected — a period without inspections leaves a gap."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget


def short_label(key: str) -> str:
    """2026-10 → 26-10, 2026Q4 → 26Q4: an axis label that reads whole at the large sizes."""
    return key[2:]


class TrendChart(QChartView):
    """The selected unit's scores, oldest period on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumWidth(300)
        self.points: list[tuple[str, float]] = []
        """What is drawn: (period key, score) of each point (for tests)."""

    def show_trend(self, unit_name: str, scores: list[tuple[str, Decimal | None]]) -> None:
        chart = QChart()
        font = self.font()
        chart.setFont(font)
        chart.setTitleFont(font)
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setTitle(self.tr("Trend of %1").replace("%1", unit_name) if unit_name else "")
        self.points = [(key, float(score)) for key, score in scores if score is not None]
        periods = QCategoryAxis()
        periods.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        periods.setLabelsFont(font)
        # a label every few periods, so that they never overlap at the large sizes
        step = max(1, len(scores) // 4)
        for index, (key, _score) in enumerate(scores):
            if index % step == 0 or index == len(scores) - 1:
                periods.append(short_label(key), index)
        periods.setRange(0, max(1, len(scores) - 1))
        values = QValueAxis()
        values.setLabelsFont(font)
        values.setLabelFormat("%d")
        low = min((score for _key, score in self.points), default=0.0)
        values.setRange(max(0.0, (low // 10) * 10 - 10), 100)
        chart.addAxis(periods, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series: QLineSeries | None = None
        for index, (_key, score) in enumerate(scores):
            if score is None:
                series = None  # a gap: the next inspected period starts a new line
                continue
            if series is None:
                series = QLineSeries()
                series.setPointsVisible(True)
                chart.addSeries(series)
                series.attachAxis(periods)
                series.attachAxis(values)
            series.append(index, float(score))
        if not self.points:
            chart.setTitle(chart.title() + " — " + self.tr("no inspections in these periods"))
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
