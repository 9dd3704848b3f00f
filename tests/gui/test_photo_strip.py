"""The photo strip and viewer, driven as a person does: a file dropped, a picture pasted with
Ctrl+V, Tab to the strip, Delete to remove (asked first), Enter to view, ←/→ PgUp/PgDn to step,
+/−/0 to zoom, Esc to close; a missing file shown as a tile naming its record; it all fits a
1366×768 screen at every interface size in both languages."""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.photo_viewer import PhotoViewer, ViewedPhoto
from jinsha_desktop.gui.widgets.photo_strip import PhotoStrip
from jinsha_desktop.services.photos import (
    has_photo,
    link_photos,
    photo_folder,
    photos_of,
    store_photo,
)
from tests.gui.fit_checks import clipped, too_large
from tests.gui.window_walk import LANGUAGES, SIZES, interface

ORDER = "repair_order"
SHOTS = os.environ.get("JINSHA_SHOTS", "")
"""A folder to save the strip in (to look at it); nothing is saved without it."""


def jpeg(tmp: Path, name: str, colour: str = "red", size: tuple[int, int] = (640, 480)) -> Path:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=90)
    path = tmp / name
    path.write_bytes(out.getvalue())
    return path


def a_form(
    gui: GuiContext, qtbot: Any, role: str = "before"
) -> tuple[QWidget, QLineEdit, PhotoStrip]:
    """A form with a field, then the strip: Tab from the field reaches the thumbnails."""
    form = QWidget()
    field = QLineEdit(form)
    strip = PhotoStrip(gui, form, role=role, title="Before")
    layout = QVBoxLayout(form)
    layout.addWidget(field)
    layout.addWidget(strip)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form, field, strip


def tab_to_the_first_photo(qtbot: Any, field: QLineEdit, strip: PhotoStrip) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: strip.view.hasFocus())
    strip.view.setCurrentIndex(strip.tiles.index(0))


def saved_order(gui: GuiContext, paths: list[Path], role: str = "before") -> uuid.UUID:
    order = uuid.uuid4()
    folder = photo_folder(gui.services)
    stored = [store_photo(folder, path) for path in paths]
    with gui.services.uow() as session:
        link_photos(session, ORDER, order, stored, role)
    return order


def show_saved(gui: GuiContext, strip: PhotoStrip, order: uuid.UUID) -> None:
    with gui.services.reading() as session:
        photos = photos_of(session, photo_folder(gui.services), ORDER, order)
    strip.show_photos(photos, "报修单 AB12-000012")


def drop(widget: QWidget, mime: QMimeData) -> None:
    """A drag from the file manager: it enters the widget (which accepts it), then drops."""
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_a_dropped_file_is_stored_and_waits_for_the_save(gui, qtbot, tmp_path):
    _form, _field, strip = a_form(gui, qtbot)
    source = jpeg(tmp_path, "IMG_0001.JPG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])

    with qtbot.waitSignal(strip.changed):
        drop(strip, mime)

    [pending] = strip.pending()
    assert pending.original_name == "IMG_0001.JPG"
    assert (photo_folder(gui.services) / pending.sha256[:2] / f"{pending.sha256}.jpg").is_file()
    assert strip.tiles.rowCount() == 1
    assert strip.tiles.data(strip.tiles.index(0), Qt.ItemDataRole.DisplayRole) == "Not saved yet"


def test_a_pasted_picture_is_stored_as_png(gui, qtbot):
    _form, field, strip = a_form(gui, qtbot)
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    QGuiApplication.clipboard().setImage(image)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: strip.view.hasFocus())

    with qtbot.waitSignal(strip.changed):
        qtbot.keyClick(strip.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    [pending] = strip.pending()
    assert pending.suffix == ".png" and (pending.width, pending.height) == (320, 200)


def test_a_bad_file_is_refused_in_chinese_and_the_good_ones_kept(gui, qtbot, tmp_path, prompts):
    _form, _field, strip = a_form(gui, qtbot)
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo", encoding="utf-8")
    prompts.open_paths = [text, jpeg(tmp_path, "good.jpg")]

    with qtbot.waitSignal(strip.changed):
        qtbot.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)

    assert [p.original_name for p in strip.pending()] == ["good.jpg"]
    qtbot.waitUntil(lambda: bool(prompts.texts("warn")))
    assert prompts.texts("warn") == ["notes.jpg 不是图片文件（支持 JPG、PNG 等常见照片格式）。"]
    assert prompts.kinds == ["photo"]


def test_delete_removes_a_saved_photo_after_asking(gui, qtbot, tmp_path, prompts):
    order = saved_order(gui, [jpeg(tmp_path, "a.jpg"), jpeg(tmp_path, "b.jpg", "blue")])
    _form, field, strip = a_form(gui, qtbot)
    show_saved(gui, strip, order)
    tab_to_the_first_photo(qtbot, field, strip)
    prompts.answers = [False]  # the first time, the user says no

    qtbot.keyClick(strip.view, Qt.Key.Key_Delete)
    assert strip.tiles.rowCount() == 2
    with qtbot.waitSignal(strip.changed):
        qtbot.keyClick(strip.view, Qt.Key.Key_Delete)

    assert len(prompts.texts("confirm")) == 2
    assert strip.tiles.rowCount() == 1
    with gui.services.reading() as session:
        left = photos_of(session, photo_folder(gui.services), ORDER, order)
        assert has_photo(session, ORDER, order, "before")
    assert len(left) == 1 and left[0].path.is_file()


def test_enter_opens_the_viewer_which_steps_zooms_and_closes(gui, qtbot, tmp_path):
    paths = [jpeg(tmp_path, f"{c}.jpg", c, (2400, 1800)) for c in ("red", "green", "blue")]
    order = saved_order(gui, paths)
    _form, field, strip = a_form(gui, qtbot)
    show_saved(gui, strip, order)
    tab_to_the_first_photo(qtbot, field, strip)

    qtbot.keyClick(strip.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: strip.findChild(PhotoViewer) is not None)
    viewer = strip.findChild(PhotoViewer)
    assert isinstance(viewer, PhotoViewer)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is viewer)
    room = viewer.area.viewport()

    def fills_the_room() -> bool:  # fitted: the photo as large as the window lets it be
        shown = viewer.picture.size()
        return abs(shown.width() - room.width()) <= 1 or abs(shown.height() - room.height()) <= 1

    qtbot.waitUntil(fills_the_room)
    assert viewer.zoom < 1

    steps = [
        (Qt.Key.Key_Right, 1), (Qt.Key.Key_PageDown, 2), (Qt.Key.Key_Right, 2),
        (Qt.Key.Key_PageUp, 1), (Qt.Key.Key_Left, 0), (Qt.Key.Key_Left, 0),
    ]  # fmt: skip
    for key, index in steps:
        qtbot.keyClick(viewer, key)
        assert viewer.index == index
    assert viewer.windowTitle().endswith(paths[0].name) is False  # stored under its hash
    assert viewer.place.text() == "Photo 1 of 3"
    fitted = viewer.zoom
    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    assert not viewer.fitting and viewer.zoom == pytest.approx(fitted * 1.25)
    qtbot.keyClick(viewer, Qt.Key.Key_Minus)
    qtbot.keyClick(viewer, Qt.Key.Key_Minus)
    assert viewer.zoom == pytest.approx(fitted / 1.25)
    qtbot.keyClick(viewer, Qt.Key.Key_0)
    assert viewer.fitting and viewer.zoom == pytest.approx(fitted)

    wheel = QWheelEvent(
        QPointF(50, 50), QPointF(50, 50), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(room, wheel)
    assert not viewer.fitting and viewer.zoom == pytest.approx(fitted * 1.25)

    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible())


def test_a_missing_file_is_a_tile_naming_its_record(gui, qtbot, tmp_path):
    order = saved_order(gui, [jpeg(tmp_path, "a.jpg")])
    folder = photo_folder(gui.services)
    for stored in folder.rglob("*.jpg"):
        stored.unlink()
    _form, _field, strip = a_form(gui, qtbot)

    show_saved(gui, strip, order)

    index = strip.tiles.index(0)
    assert strip.tiles.data(index, Qt.ItemDataRole.DisplayRole) == "Photo missing"
    tooltip = strip.tiles.data(index, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("报修单 AB12-000012 的照片") and "找不到了" in tooltip
    assert "报修单 AB12-000012" in strip.status.text()
    viewer = strip.open_viewer(0)
    assert viewer is not None and "找不到了" in viewer.picture.text()
    viewer.reject()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scale", SIZES)
def test_the_strip_and_viewer_fit_the_screen(gui, qtbot, tmp_path, language, scale):
    order = saved_order(
        gui, [jpeg(tmp_path, f"{n}.jpg", c) for n, c in enumerate(("red", "green", "blue"))]
    )
    with interface(language, scale):
        form, _field, strip = a_form(gui, qtbot)
        show_saved(gui, strip, order)
        strip.add_sources([jpeg(tmp_path, "new.jpg", "white")])
        qtbot.waitUntil(lambda: len(strip.pending()) == 1)
        form.resize(900, form.sizeHint().height())
        assert form.sizeHint().width() < 1366
        assert clipped(form) == []
        if SHOTS:
            form.grab().save(f"{SHOTS}/strip-{language}-{scale}.png")
        viewer = PhotoViewer([ViewedPhoto(p.path) for p in strip.tiles.tiles][:1], 0)
        qtbot.addWidget(viewer)
        viewer.show()
        qtbot.waitExposed(viewer)
        assert too_large(viewer) == [] and clipped(viewer) == []
        viewer.reject()


def test_a_read_only_strip_shows_photos_and_changes_nothing(gui, qtbot, tmp_path, prompts):
    order = saved_order(gui, [jpeg(tmp_path, "a.jpg")])
    _form, field, strip = a_form(gui, qtbot)
    show_saved(gui, strip, order)
    strip.set_editable(False)
    tab_to_the_first_photo(qtbot, field, strip)

    qtbot.keyClick(strip.view, Qt.Key.Key_Delete)
    qtbot.keyClick(strip.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    assert prompts.shown == [] and strip.tiles.rowCount() == 1 and not strip.busy()
    assert not strip.add_button.isVisible() and not strip.acceptDrops()
    qtbot.keyClick(strip.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: strip.findChild(PhotoViewer) is not None)


def test_a_large_photo_is_decoded_reduced_until_zoomed_past_it(qtbot, tmp_path):
    """A phone photo held upright (EXIF 6): shown upright, first decoded at about twice the
    window (quicker to step through), read whole once zoomed beyond that."""
    image = Image.new("RGB", (3000, 2200), "white")
    exif = image.getexif()
    exif[0x0112] = 6
    path = tmp_path / "IMG_0003.jpg"
    image.save(path, "JPEG", quality=80, exif=exif)
    viewer = PhotoViewer([ViewedPhoto(path)], 0)
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is viewer)  # the keys reach it

    assert (viewer.full.width(), viewer.full.height()) == (2200, 3000)  # turned upright
    assert viewer.reduced and viewer.picture.height() <= viewer.area.viewport().height()
    for _press in range(12):
        if not viewer.reduced:
            break
        qtbot.keyClick(viewer, Qt.Key.Key_Plus)

    assert not viewer.reduced and viewer.zoom < 1.6
    shown = viewer.picture.pixmap()
    assert shown.height() > shown.width()
