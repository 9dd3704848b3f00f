"""Settings, the crash dialog and the log: what a user sees when something goes wrong."""

from __future__ import annotations

import json
import logging
import sys

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.gui.dialogs import crash_dialog
from jinsha_desktop.gui.dialogs.settings_dialog import SettingsDialog
from jinsha_desktop.gui.look import BASE_POINT_SIZE
from jinsha_desktop.logging_setup import configure_logging
from jinsha_desktop.services import settings
from jinsha_desktop.services.audit import AuditFilter, list_audit_entries
from tests.gui.conftest import type_text
from tests.gui.test_administration import when_dialog_opens

ID_NUMBER = "320612199001011234"


def test_settings_change_unit_name_size_and_language(qtbot, gui, prompts):
    app = QApplication.instance()
    font, sheet = QFont(app.font()), app.styleSheet()  # given back: later tests measure text
    dialog = SettingsDialog(gui, None, "北山社区卡点 1 号机")
    qtbot.addWidget(dialog)
    assert dialog.form.installation_name.text() == "北山社区卡点 1 号机"
    dialog.form.unit_name.clear()
    type_text(qtbot, dialog.form.unit_name, "通州区金沙街道办事处")
    dialog.form.interface_scale.setCurrentIndex(dialog.form.interface_scale.findData("xlarge"))
    dialog.form.language.setCurrentIndex(dialog.form.language.findData("en"))
    try:
        dialog.save()
        assert settings.unit_name(gui.services) == "通州区金沙街道办事处"
        assert abs(app.font().pointSizeF() - BASE_POINT_SIZE * 1.5) < 0.01
        saved = MachineConfig.load(gui.config_path)
        assert (saved.interface_scale, saved.language) == ("xlarge", "en")
        assert "next start" in prompts.texts("info")[0]
        entry = list_audit_entries(gui.services, AuditFilter(table_name="setting"))[0]
        assert entry.changes["value"] == ["通州区金沙街道", "通州区金沙街道办事处"]
    finally:
        app.setStyleSheet(sheet)
        app.setFont(font)


def test_ledger_fonts_must_be_truetype_files_that_exist(qtbot, gui, tmp_path):
    dialog = SettingsDialog(gui, None, "本机")
    qtbot.addWidget(dialog)
    dialog.form.ledger_fonts.setText(str(tmp_path / "没有这个字体.ttf"))
    dialog.save()
    assert "找不到字体文件" in dialog.form.ledger_fonts_error.text()
    assert settings.ledger_fonts(gui.services) == ""
    font = tmp_path / "SimSun-ExtB.ttf"
    font.write_bytes(b"")
    dialog.form.ledger_fonts.setText(f'"{font}"')
    dialog.save()
    assert settings.ledger_fonts(gui.services) == str(font)


def test_an_empty_unit_name_is_refused_next_to_the_field(qtbot, gui):
    dialog = SettingsDialog(gui, None, "本机")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.unit_name.clear()
    dialog.save()
    assert dialog.form.unit_name_error.isVisible()
    assert "请填写单位名称" in dialog.form.unit_name_error.text()
    assert settings.unit_name(gui.services) == "通州区金沙街道"


def test_a_bug_opens_the_crash_dialog_with_masked_details_that_can_be_copied(qtbot, tmp_path):
    log_file = configure_logging(tmp_path / "logs")
    previous = sys.excepthook
    crash_dialog.install_crash_handler(str(log_file))
    seen: dict[str, str] = {}

    def read_and_copy(dialog) -> None:
        seen["details"] = dialog.form.details.toPlainText()
        dialog.form.copy_button.click()
        dialog.form.close_button.click()

    try:
        when_dialog_opens(read_and_copy)
        try:
            raise RuntimeError(f"lookup of {ID_NUMBER} failed, phone 13812345678")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "jinsha", False):
                handler.close()
                logging.getLogger().removeHandler(handler)
    assert "RuntimeError" in seen["details"]
    assert ID_NUMBER not in seen["details"] and "320612********1234" in seen["details"]
    assert "138****5678" in seen["details"]
    assert QGuiApplication.clipboard().text() == seen["details"]
    written = log_file.read_text(encoding="utf-8")
    assert "RuntimeError" in written and ID_NUMBER not in written
    assert "13812345678" not in written


def test_config_file_is_written_whole_and_read_back(tmp_path):
    path = tmp_path / "config.json"
    config = MachineConfig(
        database="D:/台账/jinsha.sqlite3", language="en", interface_scale="large"
    )
    config.save(path)
    assert MachineConfig.load(path) == config
    path.write_text("{not json", encoding="utf-8")
    assert MachineConfig.load(path) == MachineConfig()
    assert json.loads(json.dumps(MachineConfig().__dict__))
