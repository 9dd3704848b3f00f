"""Save and open prompts: the real QFileDialog, where it starts, what it remembers, its language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel

from jinsha_desktop.gui.file_dialogs import FileKind, FolderMemory, documents_folder
from jinsha_desktop.gui.look import install_translators
from jinsha_desktop.gui.prompts import Prompts


@pytest.fixture
def prompts(tmp_path: Path) -> Prompts:
    """The program's prompts, remembering folders in a file of this test's own."""
    real = Prompts()
    real.folders = FolderMemory(
        QSettings(str(tmp_path / "folders.ini"), QSettings.Format.IniFormat)
    )
    return real


def answer_dialog(act: Callable[[QFileDialog], None]) -> None:
    """Run `act` on the file dialog once it is the modal window (the prompt's exec() loop)."""

    def when_shown() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(0, when_shown)

    QTimer.singleShot(0, when_shown)


def choose(target: Path, seen: dict[str, Any]) -> Callable[[QFileDialog], None]:
    def act(dialog: QFileDialog) -> None:
        seen["folder"] = Path(dialog.directory().absolutePath())
        seen["buttons"] = [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()]
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel)]
        dialog.selectFile(str(target))
        dialog.accept()

    return act


def cancel(seen: dict[str, Any]) -> Callable[[QFileDialog], None]:
    def act(dialog: QFileDialog) -> None:
        seen["folder"] = Path(dialog.directory().absolutePath())
        dialog.reject()

    return act


def test_documents_is_the_standard_documents_folder():
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    expected = Path(documents) if Path(documents).is_dir() else Path.home()
    assert documents_folder() == expected


def test_the_first_prompt_starts_in_documents_the_next_where_the_user_saved(
    qtbot, prompts, tmp_path
):
    chosen_folder = tmp_path / "台账"
    chosen_folder.mkdir()
    first: dict[str, Any] = {}
    answer_dialog(choose(chosen_folder / "卡点登记台账.pdf", first))
    saved = prompts.save_file(None, "Save ledger", "卡点登记台账.pdf", "PDF (*.pdf)", "ledger_pdf")
    assert first["folder"] == documents_folder()
    assert saved == chosen_folder / "卡点登记台账.pdf"

    second: dict[str, Any] = {}
    answer_dialog(cancel(second))
    assert prompts.save_file(None, "Save ledger", "x.pdf", "PDF (*.pdf)", "ledger_pdf") is None
    assert second["folder"] == chosen_folder

    # another kind of file keeps its own folder: an export still starts in Documents
    other: dict[str, Any] = {}
    answer_dialog(cancel(other))
    prompts.save_file(None, "Export", "名单.xlsx", "Excel (*.xlsx)", FileKind.EXPORT)
    assert other["folder"] == documents_folder()


def test_the_folder_is_remembered_across_runs_and_a_deleted_one_is_forgotten(qtbot, tmp_path):
    settings_file = tmp_path / "folders.ini"
    chosen_folder = tmp_path / "导入"
    chosen_folder.mkdir()
    (chosen_folder / "名单.xlsx").write_bytes(b"")
    first = Prompts()
    first.folders = FolderMemory(QSettings(str(settings_file), QSettings.Format.IniFormat))
    answer_dialog(choose(chosen_folder / "名单.xlsx", {}))
    opened = first.open_file(None, "Open", "", "Excel (*.xlsx)", kind="import_workbook")
    assert opened == chosen_folder / "名单.xlsx"

    later = FolderMemory(QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert later.start("import_workbook") == chosen_folder
    (chosen_folder / "名单.xlsx").unlink()
    chosen_folder.rmdir()
    assert later.start("import_workbook") == documents_folder()


@pytest.fixture
def chinese_interface(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_the_dialog_speaks_chinese_in_the_chinese_interface(
    qtbot, prompts, tmp_path, chinese_interface
):
    saving: dict[str, Any] = {}
    answer_dialog(choose(tmp_path / "备份.sqlite3", saving))
    prompts.save_file(None, "备份数据库", "备份.sqlite3", "备份 (*.sqlite3)", FileKind.BACKUP)
    assert "保存(&S)" in saving["buttons"] and "取消" in saving["buttons"]
    # Qt's own catalogue lacks these two; the program's has them
    assert {"查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："} <= set(saving["labels"])

    (tmp_path / "名单.xlsx").write_bytes(b"")
    opening: dict[str, Any] = {}
    answer_dialog(choose(tmp_path / "名单.xlsx", opening))
    prompts.open_file(None, "选择工作簿", "", "Excel (*.xlsx)", kind=FileKind.IMPORT_WORKBOOK)
    assert "打开(&O)" in opening["buttons"] and "取消" in opening["buttons"]
