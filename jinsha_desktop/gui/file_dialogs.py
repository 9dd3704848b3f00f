"""The file dialogs of every save and open prompt: where they start, and what they remember.

A dialog starts in the folder last used for that kind of file (the ledgers in one place, the
backups in another), else in the user's Documents folder — never in the program's working
folder, where a volunteer would not find the file again. The folders are remembered per machine
in `folders.ini` beside config.json (QSettings, INI format).

The dialog is Qt's QFileDialog object: on Windows and macOS it shows the system's own dialog, in
the system's language; elsewhere Qt's dialog, whose buttons and labels come from Qt's own
translation (qtbase_zh_CN.qm, loaded with the program's, see look.install_translators).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from jinsha_desktop.paths import data_dir

SETTINGS_FILE = "folders.ini"

# Qt 6.11's own Chinese catalogue (qtbase_zh_CN.qm) lacks two labels of its file dialog whose
# source text gained a mnemonic; they are translated in the program's catalogue, under Qt's
# context, where Qt's dialog finds them.
QT_LABELS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


class FileKind(StrEnum):
    """The kinds of file a prompt asks for; each remembers its own last folder."""

    EXPORT = "export"
    LEDGER_PDF = "ledger_pdf"
    IMPORT_WORKBOOK = "import_workbook"
    IMPORT_RESULT = "import_result"
    """Rejected rows and match reports written for the sender."""
    TEMPLATE = "template"
    BACKUP = "backup"
    DATABASE = "database"
    PHOTO = "photo"
    """Photos attached to a record (several at once)."""
    OTHER = "other"


def documents_folder() -> Path:
    """The user's Documents folder (QStandardPaths), or the home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


class FolderMemory:
    """The last folder used for each kind of file, on this machine."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings

    @property
    def settings(self) -> QSettings:
        if self._settings is None:  # opened at first use: nothing is read at start-up
            path = data_dir() / SETTINGS_FILE
            self._settings = QSettings(str(path), QSettings.Format.IniFormat)
        return self._settings

    def start(self, kind: str) -> Path:
        """Where a dialog for `kind` opens: the folder used last time, if it is still there."""
        remembered = self.settings.value(f"folders/{kind or FileKind.OTHER}", "", str)
        if remembered and Path(str(remembered)).is_dir():
            return Path(str(remembered))
        return documents_folder()

    def remember(self, kind: str, chosen: Path) -> None:
        self.settings.setValue(f"folders/{kind or FileKind.OTHER}", str(chosen.parent))
        self.settings.sync()


def ask_file(
    parent: QWidget | None,
    title: str,
    filters: str,
    *,
    kind: str,
    folders: FolderMemory,
    suggested: str = "",
    saving: bool,
    must_exist: bool = True,
) -> Path | None:
    """Ask for a file to save (`saving`) or to open; None when the user cancels.

    `suggested` is a file name (put in the remembered folder) or a full path (used as it is).
    An open prompt with `must_exist=False` accepts a new name (e.g. a database to create).
    """
    start = Path(suggested) if suggested and Path(suggested).is_absolute() else None
    if start is None:
        start = folders.start(kind) / suggested if suggested else folders.start(kind)
    dialog = QFileDialog(parent, title, str(start), filters)
    if saving or not must_exist:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if not saving:
            dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if suggested and not Path(suggested).is_absolute():
        dialog.selectFile(suggested)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0])
    folders.remember(kind, chosen)
    return chosen


def ask_files(
    parent: QWidget | None, title: str, filters: str, *, kind: str, folders: FolderMemory
) -> list[Path]:
    """Several existing files to open (e.g. photos), the dialog starting in the folder last
    used for `kind`; empty when the user cancels."""
    dialog = QFileDialog(parent, title, str(folders.start(kind)), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    chosen = [Path(name) for name in dialog.selectedFiles()]
    if chosen:
        folders.remember(kind, chosen[0])
    return chosen
