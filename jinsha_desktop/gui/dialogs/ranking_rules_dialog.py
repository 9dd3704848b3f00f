"""The red/black list's rules, kept by the administrator (CHANGE_SETTINGS): how a unit's
inspections in a period combine, units not inspected, how many units (or which score) go on
the red and the black list, vetoes, the overdue penalty and the tie-break. The rules are checked
by the domain (RankingRules.cleaned); a bad value is named beside the form and nothing is kept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.domain.errors import FormErrors, KnownError
from jinsha_desktop.domain.rankings import (
    COMBINE_LABELS,
    MISSING_LABELS,
    TIE_BREAK_LABELS,
    RankingRules,
)
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.look import ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services import rankings


def _points(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


class RankingRulesDialog(QDialog):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setWindowTitle(self.tr("Red/black list rules"))
        rules = rankings.ranking_rules(gui.services)
        self.combine = self._choices(COMBINE_LABELS, rules.combine)
        self.missing = self._choices(MISSING_LABELS, rules.missing)
        self.missing_score = QLineEdit(_points(rules.missing_score), self)
        self.red_count = self._count(rules.red_count)
        self.black_count = self._count(rules.black_count)
        self.red_at_least = QLineEdit(_points(rules.red_at_least), self)
        self.red_at_least.setPlaceholderText(self.tr("empty: by places only"))
        self.black_below = QLineEdit(_points(rules.black_below), self)
        self.black_below.setPlaceholderText(self.tr("empty: by places only"))
        self.veto_to_black = QCheckBox(self.tr("A vetoed unit goes on the &black list"), self)
        self.veto_to_black.setChecked(rules.veto_to_black)
        self.overdue_penalty = QLineEdit(_points(rules.overdue_penalty), self)
        self.tie_break = self._choices(TIE_BREAK_LABELS, rules.tie_break)
        form = QFormLayout()
        form.setVerticalSpacing(4)
        rows: list[tuple[str, QWidget]] = [
            (self.tr("Several &inspections"), self.combine),
            (self.tr("Unit &not inspected"), self.missing),
            (self.tr("Its &score"), self.missing_score),
            (self.tr("&Red list places"), self.red_count),
            (self.tr("Red list at &least"), self.red_at_least),
            (self.tr("Blac&k list places"), self.black_count),
            (self.tr("Black list &under score"), self.black_below),
            (self.tr("Overdue finding &penalty"), self.overdue_penalty),
            (self.tr("&Tie-break"), self.tie_break),
        ]
        for text, widget in rows:
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.veto_to_black)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.note = QLabel(
            self.tr(
                "Scores are percentages (0–100). The rules are stored with every list "
                "published; lists published before keep theirs."
            ),
            self,
        )
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.missing.currentIndexChanged.connect(self._missing_changed)
        self._missing_changed()

    def _choices(self, labels: dict[str, str], current: str) -> QComboBox:
        box = QComboBox(self)
        for value, label in labels.items():
            box.addItem(shown(label), value)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

    def _count(self, value: int) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(0, 100)
        box.setValue(value)
        return box

    def _missing_changed(self) -> None:
        self.missing_score.setEnabled(self.missing.currentData() == "score")

    def rules(self) -> RankingRules:
        """The rules as typed (not yet checked)."""
        values: dict[str, Any] = {
            "combine": self.combine.currentData(),
            "missing": self.missing.currentData(),
            "missing_score": self.missing_score.text().strip() or "0",
            "red_count": self.red_count.value(),
            "black_count": self.black_count.value(),
            "red_at_least": self.red_at_least.text().strip() or None,
            "black_below": self.black_below.text().strip() or None,
            "veto_to_black": self.veto_to_black.isChecked(),
            "overdue_penalty": self.overdue_penalty.text().strip() or "0",
            "tie_break": self.tie_break.currentData(),
        }
        return RankingRules(**values)

    def save(self) -> None:
        try:
            rankings.save_ranking_rules(self.gui.services, self.rules())
        except FormErrors as errors:
            self.error.setText("\n".join(shown(error.message) for error in errors.errors))
            return
        except KnownError as error:
            self.error.setText(shown(error.message))
            return
        self.accept()
