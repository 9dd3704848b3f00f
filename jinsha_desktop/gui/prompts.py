"""Every question and notice to the user goes through here, so tests can answer instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from jinsha_desktop.gui.file_dialogs import FolderMemory, ask_file, ask_files
from jinsha_desktop.gui.messages import shown


class Prompts:
    """Message boxes with Chinese buttons; tests pass a subclass that records and answers.

    A text may hold a service message: it is shown in the interface language (`shown`).
    """

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, shown(text))

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, shown(text))

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        yes: str = "",
        *,
        default_yes: bool = False,
    ) -> bool:
        """Yes or no; Enter takes the safe answer (`default_yes` when that is yes), Esc is no."""
        buttons = [yes or QCoreApplication.translate("Prompts", "Yes"),
                   QCoreApplication.translate("Prompts", "No")]  # fmt: skip
        return self.choose(parent, title, text, buttons, 0 if default_yes else 1, 1) == 0

    def choose(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        buttons: list[str],
        default: int,
        escape: int,
    ) -> int:
        """One of `buttons` (its index): Enter presses `default`, Esc presses `escape`."""
        box = QMessageBox(QMessageBox.Icon.Question, title, shown(text), parent=parent)
        added = [box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in buttons]
        box.setDefaultButton(added[default])
        box.setEscapeButton(added[escape])
        box.exec()
        clicked = box.clickedButton()
        return added.index(clicked) if clicked in added else escape

    def choose_item(
        self, parent: QWidget | None, title: str, label: str, items: list[str], current: int
    ) -> int | None:
        """One of `items` from a list (Enter takes `current`); None when cancelled."""
        value, ok = QInputDialog.getItem(parent, title, label, items, max(current, 0), False)
        return items.index(value) if ok and value in items else None

    folders: FolderMemory | None = None
    """The last folder of each kind of file (file_dialogs.py); opened at the first prompt."""

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str, kind: str = ""
    ) -> Path | None:
        """A file to write, the dialog starting in the folder last used for `kind` (else in
        Documents) with the `suggested` name; None when cancelled."""
        return ask_file(
            parent, title, filters, kind=kind, folders=self._folders(), suggested=suggested,
            saving=True,
        )  # fmt: skip

    def open_file(
        self,
        parent: QWidget | None,
        title: str,
        start: str,
        filters: str,
        must_exist: bool = True,
        kind: str = "",
    ) -> Path | None:
        """A file to read (or, with `must_exist=False`, to create); `start` a path or empty."""
        return ask_file(
            parent, title, filters, kind=kind, folders=self._folders(), suggested=start,
            saving=False, must_exist=must_exist,
        )  # fmt: skip

    def open_files(self, parent: QWidget | None, title: str, filters: str, kind: str) -> list[Path]:
        """Several files to read (photos); empty when cancelled."""
        return ask_files(parent, title, filters, kind=kind, folders=self._folders())

    def _folders(self) -> FolderMemory:
        if self.folders is None:
            self.folders = FolderMemory()
        return self.folders

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        """A line of text from the user (e.g. why a record is deleted); None when cancelled."""
        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def choose_printer(self, parent: QWidget | None, printer: QPrinter) -> bool:
        """The system print dialog: printer, pages, copies; False when cancelled."""
        dialog = QPrintDialog(printer, parent)
        return dialog.exec() == QPrintDialog.DialogCode.Accepted


def ensure_suffix(path: Path, suffix: str) -> Path:
    """`path` ending in `suffix`: a name typed without it (名单 → 名单.xlsx) gets it added."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
