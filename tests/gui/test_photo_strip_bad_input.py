"""The issue's bad photos through the GUI path (the strip's Add… button, as a person does): a
200 MB file and a read-only data folder are each refused with a clear Chinese message, and
nothing is left waiting to be saved or half-written in the store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jinsha_desktop.services import photo_files
from jinsha_desktop.services.photos import photo_folder
from tests.gui.test_photo_strip import a_form, jpeg


def stored_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_200_mb_file_is_refused_by_its_size_and_the_good_photo_kept(
    gui, qtbot, tmp_path, prompts
):
    _form, _field, strip = a_form(gui, qtbot)
    huge = tmp_path / "IMG_9999.JPG"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB by its size
    prompts.open_paths = [huge, jpeg(tmp_path, "good.jpg")]

    with qtbot.waitSignal(strip.changed):
        qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)

    assert [p.original_name for p in strip.pending()] == ["good.jpg"]
    qtbot.waitUntil(lambda: bool(prompts.texts("warn")))
    [message] = prompts.texts("warn")
    assert "IMG_9999.JPG 太大（200.0 MB），超过 50.0 MB 的上限" in message
    assert len(stored_files(photo_folder(gui.services))) == 2  # good.jpg and its thumbnail


def test_a_read_only_data_folder_is_told_and_nothing_is_stored(
    gui, qtbot, tmp_path, prompts, monkeypatch: pytest.MonkeyPatch
):
    _form, _field, strip = a_form(gui, qtbot)
    store = photo_folder(gui.services)
    store.mkdir(parents=True, exist_ok=True)
    store.chmod(0o555)
    if os.access(store, os.W_OK):  # root writes anyway: refuse as the system would

        def refused(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(photo_files.tempfile, "mkstemp", refused)
    prompts.open_paths = [jpeg(tmp_path, "IMG_0001.JPG")]
    try:
        qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(prompts.texts("warn")))
    finally:
        store.chmod(0o755)

    [message] = prompts.texts("warn")
    assert "只读" in message and str(store) in message
    assert strip.pending() == [] and strip.tiles.rowCount() == 0
    assert stored_files(store) == []
