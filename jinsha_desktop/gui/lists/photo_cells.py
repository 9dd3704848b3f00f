"""A list's photo cell (CellKind.PHOTO): the first photo's thumbnail at the row's height, a
placeholder for a missing file, the tooltip, and the viewer on a double click.

The service hands each row a `PhotoCell` (services/photos.photo_cells: counts and the first
thumbnail, one query a page); the paged model caches the pixmaps per page like its texts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImageReader, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from jinsha_desktop.domain.errors import KnownError
from jinsha_desktop.domain.fields import CellKind, PhotoCell, RecordKind
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.photo_viewer import PhotoViewer, ViewedPhoto
from jinsha_desktop.gui.look import ERROR_COLOUR
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.services.photos import missing_message, record_photos

MARGIN = 4
"""Pixels of the row left above and below the thumbnail."""


def is_photo_column(column: Any) -> bool:
    field = getattr(column, "field", None)
    return field is not None and field.kind is CellKind.PHOTO


def thumbnail_pixmap(cell: PhotoCell, row_height: int) -> QPixmap | None:
    """The first photo's thumbnail scaled to the row (None: the record has no photo); a
    missing or unreadable file: the placeholder."""
    if not cell.count:
        return None
    height = max(12, row_height - 2 * MARGIN)
    if cell.missing or cell.thumbnail is None:
        return placeholder(height)
    reader = QImageReader(str(cell.thumbnail))
    size = reader.size()
    if size.isValid() and size.height() > 0:
        width = max(1, round(size.width() * height / size.height()))
        reader.setScaledSize(QSize(width, height))  # a JPEG decodes small: no full-size pass
    image = reader.read()
    if image.isNull():
        return placeholder(height)
    return QPixmap.fromImage(image)


def placeholder(height: int) -> QPixmap:
    """A grey frame with a cross: a photo is named but its file cannot be shown."""
    width = round(height * 4 / 3)
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("#eeeeee"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(ERROR_COLOUR), max(1, height // 12)))
    frame = QRect(0, 0, width - 1, height - 1)
    painter.drawRect(frame)
    inset = frame.adjusted(height // 4, height // 4, -height // 4, -height // 4)
    painter.drawLine(inset.topLeft(), inset.bottomRight())
    painter.drawLine(inset.topRight(), inset.bottomLeft())
    painter.end()
    return pixmap


def tooltip(cell: PhotoCell) -> str:
    """2 张照片; a missing first photo named by its file."""
    if not cell.count:
        return ""
    text = shown(f"{cell.count} 张照片")
    if cell.missing:
        text += "\n" + shown(f"照片文件 {cell.file} 找不到了或已损坏。")
    return text


def open_viewer(
    gui: GuiContext, parent: QWidget, kind: RecordKind, row: Any, cell: PhotoCell
) -> PhotoViewer | None:
    """The record's photos in the viewer, from the one the list shows (an after photo first);
    a missing file named with its record. None when there is nothing to show."""
    if not cell.count or not cell.record_table:
        return None
    title = shown(kind.title)
    try:
        linked = record_photos(gui.services, cell.record_table, row.id)
    except KnownError as error:
        gui.prompts.warn(parent, title, error.message)
        return None
    if not linked:
        return None
    record = f"{kind.title} {kind.fields[0].text(row)}"
    photos = [
        ViewedPhoto(p.path, shown(missing_message(record, p)) if p.missing else "") for p in linked
    ]
    start = next((n for n, p in enumerate(linked) if p.role == "after"), 0)
    viewer = PhotoViewer(photos, start, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.open()
    return viewer
