"""An inspection (检查): the header, then the checklist walked item by item with keys alone.

The header comes first (village or community, place, date, checklist, inspectors); Enter walks
it and, on a new inspection, saving it creates the draft with a copy of every item of the
checklist's current version, and the walk begins (gui/dialogs/inspection_items.py: digits, N,
Enter/Down, F2 note, Ctrl+P photo, F6 finding). The score, maximum, percent and veto follow what
is typed. Ctrl+S saves the draft; Submit (after asking) stores the score and locks it. A
submitted inspection opens read-only; Amend… starts a correction from the answers that count
now, and Ctrl+S saves it with a reason (a new audited amendment beside the original, which the
"Showing" choice brings back, changed items marked).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.inspection_input import AnswerInput
from jinsha_desktop.domain.inspections import ZERO, InspectionStatus, VetoMode
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.inspection_header import (
    HEADER_FIELDS,
    correction_text,
    header_input,
    header_values,
    offer_choices,
    show_template,
)
from jinsha_desktop.gui.dialogs.inspection_items import (
    COLUMNS,
    ItemWalk,
    WalkModel,
    copy_items,
    filled,
    walk_items,
)
from jinsha_desktop.gui.forms.record_dialog import RecordDialog
from jinsha_desktop.gui.generated.ui_inspection_dialog import Ui_InspectionDialog
from jinsha_desktop.gui.look import ERROR_STYLE, TITLE_BAR
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.widgets.photo_strip import PhotoStrip
from jinsha_desktop.services.inspections import (
    amend_inspection,
    attach_answer_photos,
    inspection_detail,
    new_inspection,
    save_answers,
    submit_inspection,
)
from jinsha_desktop.services.photos import record_photos
from jinsha_desktop.services.registration import today_of

WIDEST = 1400
ANSWER_TABLE = "inspection_answer"
"""The photo store's name for an answer (services/photos): a photo of what was found."""


class InspectionDialog(RecordDialog):
    ui_class = Ui_InspectionDialog
    fields = [*HEADER_FIELDS, "answers"]
    draft_kind = "inspection"

    def __init__(
        self,
        gui: GuiContext,
        inspection_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.inspection_id = inspection_id
        self.detail: Any = None
        """services/inspections.InspectionDetail as last read (None: not created yet)."""
        self.saved_id: uuid.UUID | None = None
        """The inspection created or changed in this window (None: nothing was)."""
        self.amending = False
        user = gui.services.user
        self.can_inspect = user is not None and user.can(Permission.INSPECT)
        super().__init__(gui, parent, str(inspection_id or "new"))
        form = self.form
        self.model = WalkModel(self)
        form.items.setModel(self.model)
        header = form.items.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("text"), QHeaderView.ResizeMode.Stretch)
        form.items.verticalHeader().setVisible(False)
        # Item texts wrap: rows are measured again once the columns have their widths.
        self._rows_sizer = QTimer(self)
        self._rows_sizer.setSingleShot(True)
        self._rows_sizer.setInterval(0)
        self._rows_sizer.timeout.connect(form.items.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._rows_sizer.start())
        self.item_walk = ItemWalk(
            form.items, self.model,
            at_end=self._after_last_item, note=self.edit_note, photo=self.add_photo,
            finding=self.make_finding,
        )  # fmt: skip
        self.item_walk.refused.connect(self._refused)
        self.item_walk.moved.connect(self._item_moved)
        self.model.answers_changed.connect(self._answers_typed)
        self.photos = PhotoStrip(gui, self, role="before", title=self.tr("Photos of the item"))
        form.photos_layout.addWidget(self.photos)
        self.photos.changed.connect(self._photos_added)
        form.veto.setStyleSheet(ERROR_STYLE)
        form.submit_button.clicked.connect(self.submit_inspection)
        form.amend_button.clicked.connect(self.start_amendment)
        form.finding_button.clicked.connect(self._finding_of_current)
        form.answer_set.currentIndexChanged.connect(lambda _i: self._show_answer_set())
        QShortcut(QKeySequence(Qt.Key.Key_F6), self, self._finding_of_current)
        if inspection_id is None:
            self.binder.set_value("inspected_on", today_of(gui.services))
        self.reload(fill=True)
        (form.items if self.detail is not None else form.unit_id).setFocus()
        self._fill_screen()

    def _fill_screen(self) -> None:
        """As large as the screen allows: the walk wants every row of the checklist it can show
        (fit_to_screen then keeps it within a laptop's screen)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(room.width(), WIDEST), max(room.height() - TITLE_BAR, 1))

    def prepare(self) -> None:
        self.picker = offer_choices(self.form, lambda: self.gui.services, self)

    # -- reading the inspection

    def reload(self, *, fill: bool = False, keep_item: bool = False) -> None:
        """Read the inspection again; `fill`: its header into the fields too."""
        current = self.item_walk.current() if keep_item else None
        if self.inspection_id is not None:
            self.detail = inspection_detail(self.gui.services, self.inspection_id)
        detail = self.detail
        if fill and detail is not None:
            self._fill(detail)
        self._fill_answer_sets(detail)
        self._show_answer_set()
        self._show_state()
        if current is not None and current < len(self.model.items):
            self.item_walk.go_to(current)
        elif self.model.items and not self.form.items.currentIndex().isValid():
            self.item_walk.go_to(0)

    def _fill(self, detail: Any) -> None:
        self.binder.set_values(header_values(detail))
        show_template(self.form, detail.template_name)
        self._initial = self.binder.values()

    def _fill_answer_sets(self, detail: Any) -> None:
        """Original, then each correction; the one that counts now (the latest) chosen."""
        combo = self.form.answer_set
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Original answers"), 0)
        for amendment in detail.amendments if detail is not None else []:
            combo.addItem(self.tr("Correction %1").replace("%1", str(amendment.number)),
                          amendment.number)  # fmt: skip
        combo.setCurrentIndex(combo.count() - 1)
        combo.blockSignals(False)

    def _show_answer_set(self) -> None:
        """The answers chosen in "Showing": a correction beside the original (changed items
        marked, the original score → the corrected one said below)."""
        detail, form = self.detail, self.form
        form.amendment.clear()
        if detail is None:
            self.model.load([], [])
            return
        veto_mode = VetoMode(getattr(detail, "veto_mode", VetoMode.SET))
        veto_score = getattr(detail, "veto_score", ZERO)
        number = form.answer_set.currentData() or 0
        amendment = next((a for a in detail.amendments if a.number == number), None)
        if amendment is None:
            sections, items = walk_items(detail.original)  # as submitted (or a draft)
        else:
            sections, items = walk_items(amendment.answers, detail.original)
            text = correction_text(amendment, detail.submitted, items)
            form.amendment.setText(text)
        form.amendment.setVisible(bool(form.amendment.text()))
        self.model.load(sections, items, veto_mode, veto_score)
        self.model.editable = self._editable()
        form.items.resizeRowsToContents()
        for row in range(self.model.rowCount()):
            if self.model.item_at(row) is None:
                form.items.setSpan(row, COLUMNS.index("code"), 1, len(COLUMNS))
        self._show_score()

    def _editable(self) -> bool:
        detail = self.detail
        if not self.can_inspect or detail is None:
            return False
        return self.amending or InspectionStatus(detail.status) is InspectionStatus.DRAFT

    def _show_state(self) -> None:
        detail, form = self.detail, self.form
        is_draft = detail is None or InspectionStatus(detail.status) is InspectionStatus.DRAFT
        for name in HEADER_FIELDS:
            self.binder.widget(name).setEnabled(self.can_inspect and is_draft)
        form.template_id.setEnabled(self.can_inspect and detail is None)
        form.compound_id.setEnabled(form.compound_id.isEnabled() and form.compound_id.count() > 1)
        form.items.setVisible(detail is not None)
        form.keys_hint.setVisible(detail is not None and self.model.editable)
        corrected = detail is not None and bool(detail.amendments)
        form.answer_set_label.setVisible(corrected)
        form.answer_set.setVisible(corrected)
        form.answer_set.setEnabled(not self.amending)
        form.submit_button.setVisible(self.can_inspect and detail is not None and is_draft)
        form.amend_button.setVisible(self.can_inspect and not is_draft and not self.amending)
        form.finding_button.setVisible(detail is not None)
        self.photos.set_editable(self.can_inspect and is_draft)
        self.photos.setVisible(detail is not None)
        save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setVisible(self.can_inspect and (is_draft or self.amending))
        if not hasattr(self, "_save_text"):
            self._save_text = save.text()  # the platform's, with its access key
        save.setText(self.tr("Save c&orrection") if self.amending else self._save_text)
        if detail is None:
            form.heading.setText(self.tr("New inspection: the place first, then the items"))
            self.setWindowTitle(self.tr("New inspection"))
            return
        parts = [detail.number, shown(InspectionStatus(detail.status).label), detail.rule_version]
        if detail.amendments:
            parts.append(filled(self.tr("corrections: %1"), len(detail.amendments)))
        if self.amending:
            parts.append(self.tr("correcting: type the answers, then Save correction"))
        form.heading.setText("  ·  ".join(parts))
        self.setWindowTitle(self.tr("Inspection %1").replace("%1", detail.number))

    def _show_score(self) -> None:
        score, form = self.model.score(), self.form
        if score is None:
            form.score.clear()
            form.veto.clear()
            return
        form.score.setText(
            filled(self.tr("Score %1 of %2 (%3%)"), score.score, score.maximum, score.percent)
        )
        form.veto.setText(self.tr("Vetoed: this inspection fails") if score.vetoed else "")
        form.veto.setVisible(score.vetoed)

    # -- the walk

    def _answers_typed(self) -> None:
        self._show_score()
        self.form.message.clear()
        typed = {"amending": self.amending, "answers": self.model.typed()}
        self.form.answers.setText(json.dumps(typed, ensure_ascii=False))
        self.binder.edited.emit()

    def _refused(self, message: str) -> None:
        self.form.message.setText(shown(message))
        self.form.message.setStyleSheet(ERROR_STYLE)

    def _say(self, message: str) -> None:
        self.form.message.setText(message)
        self.form.message.setStyleSheet("")

    def _after_last_item(self) -> None:
        """Enter past the last item: on to Submit (a draft) or the Save button (a correction)."""
        form = self.form
        target = form.submit_button if form.submit_button.isVisible() else None
        if target is None:
            target = form.buttons.button(QDialogButtonBox.StandardButton.Save)
        if target is not None and target.isVisible():
            target.setFocus()

    def _item_moved(self, number: int) -> None:
        item = self.model.items[number]
        title = self.tr("Photos of item %1").replace("%1", item.code or str(number + 1))
        self.photos.caption.setText(title)
        photos = []
        if item.photos:
            try:
                photos = record_photos(self.gui.services, ANSWER_TABLE, item.answer_id)
            except KnownError as error:
                self._refused(error.message)
        record = filled(self.tr("Item %1"), item.code or item.text[:12])
        self.photos.show_photos(photos, record)

    def edit_note(self, number: int) -> None:
        """F2: the item's note, asked in a box (Enter keeps it, Esc leaves it as it was)."""
        if not self.model.editable:
            return
        item = self.model.items[number]
        note = self.gui.prompts.ask_text(
            self, self.tr("Note"), self.tr("Note on “%1”").replace("%1", item.text), item.note
        )
        if note is not None:
            self.model.set_note(number, note)
        self.form.items.setFocus()

    def add_photo(self, number: int) -> None:
        """Ctrl+P: photos of what was found on this item (stored, then linked at once)."""
        if self.detail is None or self.amending or not self.model.editable:
            self._refused(self.tr("Photos are added while the inspection is a draft."))
            return
        self.photos.choose_files()

    def _photos_added(self) -> None:
        pending, number = self.photos.pending(), self.item_walk.current()
        if not pending or number is None:
            return
        item = self.model.items[number]
        try:
            attach_answer_photos(self.gui.services, item.answer_id, pending)
        except KnownError as error:
            self._refused(error.message)
            return
        self.photos.clear_pending()
        self.model.set_photos(number, item.photos + len(pending))
        self._item_moved(number)
        self.saved_id = self.inspection_id

    def _finding_of_current(self) -> None:
        number = self.item_walk.current()
        if number is not None:
            self.make_finding(number)

    def make_finding(self, number: int) -> None:
        """F6: the deduction of this item becomes a finding to rectify (saved answers first)."""
        item = self.model.items[number]
        if self.amending:
            self._refused(self.tr("Save the correction first, then make the finding."))
            return
        if item.not_applicable or not item.occurrences:
            self._refused(self.tr("Only an item with a deduction can become a finding."))
            return
        if item.finding_id is not None:
            self._refused(self.tr("This item already has a finding."))
            return
        if self.model.editable and not self._save_answers():
            return
        from jinsha_desktop.gui.dialogs.finding_dialog import open_finding_for_answer

        answer_id = self.model.items[number].answer_id
        if open_finding_for_answer(self.gui, self, answer_id) is not None:
            self.saved_id = self.inspection_id
            self.reload(keep_item=True)
            self._say(self.tr("Finding made."))
        self.form.items.setFocus()

    # -- saving

    def answer_inputs(self) -> list[AnswerInput]:
        return [
            AnswerInput(item.answer_id, item.occurrences, item.not_applicable, item.note)
            for item in self.model.items
        ]

    def save(self) -> None:
        """Ctrl+S: create the draft (a new one), save the draft, or save the correction."""
        if not self.can_inspect:
            return
        self.binder.clear_errors()
        detail = self.detail
        if detail is not None and not self._editable():
            self._refused(self.tr("A submitted inspection is locked: use Amend… to correct it."))
            return
        if self.amending:
            self._save_correction()
        elif detail is None:
            self._create()
        elif self._save_answers():
            self._say(self.tr("Draft saved."))

    def _create(self) -> None:
        try:
            self.inspection_id = new_inspection(
                self.gui.services, header_input(self.binder.values())
            )
        except KnownError as error:
            self.binder.show_error(error)
            return
        self._saved()
        self.reload(fill=True)
        self.item_walk.go_to(0)
        self.form.items.setFocus()
        self._say(self.tr("Inspection created: walk the items (digits, N, Enter)."))

    def _save_answers(self) -> bool:
        try:
            save_answers(
                self.gui.services,
                self.detail.id,
                self.answer_inputs(),
                header_input(self.binder.values()),
            )
        except KnownError as error:
            self.binder.show_error(error)
            return False
        self._saved()
        self.reload(fill=True, keep_item=True)
        return True

    def _saved(self) -> None:
        self.saved_id = self.inspection_id
        if self.drafts is not None:
            self.drafts.discard()
            # From now on a draft is of the saved inspection (a crash must not create it twice).
            self.drafts.form_key = f"{self.draft_kind}:{self.inspection_id}"

    def submit(self, values: dict[str, Any]) -> None:  # RecordDialog's hook; save() is used
        raise NotImplementedError

    def submit_inspection(self) -> None:
        """Submit: save, ask, then store the score; the inspection is locked from now on."""
        if self.detail is None or not self._save_answers():
            return
        score = self.model.score()
        assert score is not None  # a draft has its items
        question = filled(
            self.tr(
                "Submit inspection %1? Score %2 of %3 (%4%). It is locked afterwards; "
                "a correction needs a reason."
            ),
            self.detail.number, score.score, score.maximum, score.percent,
        )  # fmt: skip
        if not self.gui.prompts.confirm(self, self.tr("Submit inspection"), question,
                                        self.tr("Submit")):  # fmt: skip
            return
        try:
            submit_inspection(self.gui.services, self.detail.id)
        except KnownError as error:
            self.binder.show_error(error)
            return
        self._saved()
        self.reload(fill=True)
        self._say(self.tr("Submitted: the score is stored."))

    def start_amendment(self) -> None:
        """Amend…: the answers that count now, open for a correction."""
        if self.detail is None or not self.can_inspect:
            return
        self.form.answer_set.setCurrentIndex(self.form.answer_set.count() - 1)
        items = copy_items(self.model.items)
        for item in items:
            item.original = None
        self.amending = True
        self.model.load(self.model.sections, items, self.model.veto_mode, self.model.veto_score)
        self.model.editable = True
        self._show_state()
        self.item_walk.go_to(0)
        self.form.items.setFocus()
        self._say(self.tr("Correcting: type the answers, then Save correction (Ctrl+S)."))

    def _save_correction(self) -> None:
        reason = self.gui.prompts.ask_text(
            self, self.tr("Save correction"),
            self.tr("Why is inspection %1 corrected? (kept and audited)").replace(
                "%1", self.detail.number),
        )  # fmt: skip
        if reason is None:
            return
        try:
            amend_inspection(self.gui.services, self.detail.id, self.answer_inputs(), reason)
        except KnownError as error:
            self.binder.show_error(error)
            return
        self.amending = False
        self._saved()
        self.reload(fill=True)
        self._say(self.tr("Correction saved beside the original."))

    def reject(self) -> None:
        if not self.amending:
            super().reject()
            return
        if self.gui.prompts.confirm(
            self, self.tr("Correction"), self.tr("Leave the correction without saving it?"),
            self.tr("Leave"),
        ):  # fmt: skip
            self.amending = False
            if self.drafts is not None:
                self.drafts.discard()
            QDialog.reject(self)

    def restore(self, values: dict[str, Any]) -> None:
        """A draft left by a crash: the header, and the answers typed (a correction resumed)."""
        super().restore(values)
        try:
            typed = json.loads(values.get("answers") or "{}")
        except ValueError:
            typed = {}
        if typed.get("amending") and self.detail is not None:
            self.start_amendment()
        if isinstance(typed.get("answers"), dict) and self.model.editable:
            self.model.retype(typed["answers"])

    def _has_input(self) -> bool:
        return self.drafts is not None and self.drafts.dirty
