"""The photos of one record for one use (before, after…): a row of thumbnails on any form.

Photos come from disk (Add photos…, several at once), are dropped on the strip, or pasted
(Ctrl+V: a copied picture or copied files). Each is stored in a background job (hash, copy,
thumbnail: services/photo_files.py); it waits in `pending()` until the form saves its record
and hands them to its service, which links them. A saved photo is removed only by Delete or
Remove, after asking (the link is soft-deleted, never the file). Enter or a double click
opens the viewer. A photo whose file is gone shows as a tile saying so, naming its record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.domain.errors import KnownError, ProgressCallback
from jinsha_desktop.gui.context import GuiContext
from jinsha_desktop.gui.dialogs.photo_viewer import PhotoViewer, ViewedPhoto
from jinsha_desktop.gui.file_dialogs import FileKind
from jinsha_desktop.gui.jobs import run_job
from jinsha_desktop.gui.look import ERROR_COLOUR, ERROR_STYLE
from jinsha_desktop.gui.messages import shown
from jinsha_desktop.gui.workers import Job
from jinsha_desktop.services.photo_files import original_path, thumbnail_path
from jinsha_desktop.services.photos import (
    LinkedPhoto,
    StoredPhoto,
    missing_message,
    photo_folder,
    store_photos,
    unlink_photo,
)

TILE_LINES = 7
"""A thumbnail is this many text lines high: it grows with the interface size."""
PHOTO_FILTER = "*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff *.JPG *.JPEG *.PNG"


@dataclass
class _Tile:
    path: Path
    thumbnail: Path | None
    linked: LinkedPhoto | None = None
    stored: StoredPhoto | None = None
    problem: str = ""
    """Why the photo cannot be shown (a service message naming its record); empty if it can."""
    pixmap: QPixmap | None = None


class PhotoTiles(QAbstractListModel):
    """The strip's photos: the record's saved ones, then those added and not saved yet."""

    def __init__(self, strip: PhotoStrip) -> None:
        super().__init__(strip)
        self.strip = strip
        self.tiles: list[_Tile] = []
        self.side = 96

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.tiles)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.tiles):
            return None
        tile = self.tiles[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            if tile.pixmap is None:
                tile.pixmap = self._picture(tile)
            return tile.pixmap
        if role == Qt.ItemDataRole.DisplayRole:
            if tile.problem:
                return QCoreApplication.translate("PhotoStrip", "Photo missing")
            return QCoreApplication.translate("PhotoStrip", "Not saved yet") if tile.stored else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.strip.tooltip_of(tile)
        return None

    def set_side(self, side: int) -> None:
        self.beginResetModel()
        self.side = side
        for tile in self.tiles:
            tile.pixmap = None
        self.endResetModel()

    def replace(self, keep_pending: bool, tiles: list[_Tile]) -> None:
        self.beginResetModel()
        pending = [t for t in self.tiles if t.stored is not None] if keep_pending else []
        self.tiles = tiles + pending
        self.endResetModel()

    def append(self, tiles: list[_Tile]) -> None:
        known = {t.path for t in self.tiles}
        fresh = [t for t in tiles if t.path not in known]  # the same photo twice: shown once
        if fresh:
            self.beginInsertRows(QModelIndex(), len(self.tiles), len(self.tiles) + len(fresh) - 1)
            self.tiles.extend(fresh)
            self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.tiles[row]
        self.endRemoveRows()

    def _picture(self, tile: _Tile) -> QPixmap:
        side = self.side
        image = QPixmap(str(tile.thumbnail)) if tile.thumbnail and not tile.problem else QPixmap()
        if not image.isNull():
            return image.scaled(
                side, side, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )  # fmt: skip
        placeholder = QPixmap(side, side)
        placeholder.fill(QColor("#eeeeee"))
        painter = QPainter(placeholder)
        painter.setPen(QColor(ERROR_COLOUR))
        painter.drawRect(0, 0, side - 1, side - 1)
        painter.drawText(
            placeholder.rect().adjusted(4, 4, -4, -4),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            QCoreApplication.translate("PhotoStrip", "File not found"),
        )
        painter.end()
        return placeholder


class PhotoStrip(QWidget):
    """Thumbnails of a record's photos for one use, with add, paste, drop, view and remove."""

    changed = Signal()
    """A photo was added (pending until the record is saved) or a photo was removed."""

    def __init__(
        self, gui: GuiContext, parent: QWidget | None = None, *, role: str = "before",
        title: str = "",
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.gui = gui
        self.role = role
        self.record = ""
        self.job: Job | None = None
        self.tiles = PhotoTiles(self)
        self.setAcceptDrops(True)
        self.shortcuts: list[QShortcut] = []

        self.view = QListView(self)
        self.view.setObjectName("photoTiles")
        self.view.setModel(self.tiles)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setFlow(QListView.Flow.LeftToRight)
        self.view.setWrapping(False)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(6)
        self.view.setDragDropMode(QListView.DragDropMode.NoDragDrop)
        self.view.viewport().setAcceptDrops(False)  # drops reach the strip
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setToolTip(self.tr("Photos: Enter opens, Delete removes, Ctrl+V pastes"))
        self.view.activated.connect(lambda index: self.open_viewer(index.row()))

        self.caption = QLabel(title, self)
        self.caption.setBuddy(self.view)
        self.caption.setVisible(bool(title))
        self.add_button = QPushButton(self.tr("Add photos…"), self)
        self.add_button.setToolTip(self.tr("Choose photos from the computer (several at once)"))
        self.paste_button = QPushButton(self.tr("Paste"), self)
        self.paste_button.setToolTip(self.tr("Paste a copied picture or copied photo files"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Remove the chosen photo from this record"))
        self.add_button.clicked.connect(self.choose_files)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button.clicked.connect(self.remove_current)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        for sequence, action in (
            (QKeySequence.StandardKey.Paste, self.paste),
            (QKeySequence(Qt.Key.Key_Delete), self.remove_current),
        ):
            shortcut = QShortcut(sequence, self.view, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            self.shortcuts.append(shortcut)

        buttons = QVBoxLayout()
        for button in (self.add_button, self.paste_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.view, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self._size_tiles()

    # --- what the form reads and sets ---------------------------------------------------

    def show_photos(self, photos: list[LinkedPhoto], record: str) -> None:
        """The record's saved photos of this strip's use (others are left out); `record` names
        the record in messages about a missing file (e.g. "报修单 AB12-000012")."""
        self.record = record
        tiles = [
            _Tile(
                path=p.path,
                thumbnail=p.thumbnail,
                linked=p,
                problem=missing_message(record, p) if p.missing else "",
            )  # fmt: skip
            for p in photos
            if p.role == self.role
        ]
        self.tiles.replace(True, tiles)
        missing = [t.problem for t in tiles if t.problem]
        self.status.setText("\n".join(shown(m) for m in missing))
        self.status.setStyleSheet(ERROR_STYLE if missing else "")
        self._enable()

    def pending(self) -> list[StoredPhoto]:
        """Photos added and not yet linked: the form gives them to its service on save."""
        return [t.stored for t in self.tiles.tiles if t.stored is not None]

    def clear_pending(self) -> None:
        """After the record was saved (the form shows its photos again with show_photos)."""
        self.tiles.replace(False, [t for t in self.tiles.tiles if t.linked is not None])
        self._enable()

    def set_editable(self, editable: bool) -> None:
        """A user who may only read: the photos can be viewed, not added, pasted, dropped or
        removed (the buttons hide, the keys and drops do nothing)."""
        for button in (self.add_button, self.paste_button, self.remove_button):
            button.setVisible(editable)
        for shortcut in self.shortcuts:
            shortcut.setEnabled(editable)
        self.setAcceptDrops(editable)

    def busy(self) -> bool:
        return self.job is not None

    # --- adding -------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths = self.gui.prompts.open_files(
            self, self.tr("Add photos"), self.tr("Photos (%1)").replace("%1", PHOTO_FILTER),
            FileKind.PHOTO,
        )  # fmt: skip
        if paths:
            self.add_sources(list(paths))

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.add_mime(mime):
            self.gui.prompts.info(
                self, self.tr("Paste"), self.tr("The clipboard holds no picture and no photo file.")
            )

    def add_mime(self, mime: QMimeData) -> bool:
        """Add what was dropped or pasted: copied files, else a copied picture. A form may send
        drops on itself here. False when it held neither."""
        files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        if files:
            self.add_sources(list(files))
            return True
        if mime.hasImage():
            image = mime.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.add_sources([QImage(image)])
                return True
        return False

    def add_sources(self, sources: list[Path | bytes | QImage]) -> None:
        """Store the photos in the background (hash, copy, thumbnail), then show them."""
        if self.job is not None:
            return
        self._enable()
        self.status.setText(self.tr("Adding photos…"))
        self.status.setStyleSheet("")
        self.job = run_job(
            _store, photo_folder(self.gui.services), sources,
            parent=self, prompts=self.gui.prompts, title=self.tr("Add photos"),
            on_done=self._stored, on_end=self._ended,
            progress_text=self.tr("Adding photos…"),  # many photos: progress and Cancel
        )  # fmt: skip
        self._enable()

    def _stored(self, result: tuple[list[StoredPhoto], list[str]]) -> None:
        stored, problems = result
        folder = photo_folder(self.gui.services)
        tiles = [
            _Tile(
                path=original_path(folder, photo.sha256, photo.suffix),
                thumbnail=thumbnail_path(folder, photo.sha256),
                stored=photo,
            )  # fmt: skip
            for photo in stored
            if not any(t.linked and t.linked.sha256 == photo.sha256 for t in self.tiles.tiles)
        ]
        self.tiles.append(tiles)
        if tiles:
            self.view.setCurrentIndex(self.tiles.index(len(self.tiles.tiles) - 1))
            self.changed.emit()
        if problems:
            self.gui.prompts.warn(self, self.tr("Add photos"), "\n".join(problems))

    def _ended(self) -> None:
        self.job = None
        self.status.setText("")
        self._enable()

    # --- viewing and removing -----------------------------------------------------------

    def open_viewer(self, row: int) -> PhotoViewer | None:
        if not 0 <= row < len(self.tiles.tiles):
            return None
        photos = [ViewedPhoto(t.path, t.problem) for t in self.tiles.tiles]
        viewer = PhotoViewer(photos, row, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
        return viewer

    def remove_current(self) -> None:
        row = self.view.currentIndex().row()
        if not 0 <= row < len(self.tiles.tiles):
            return
        tile = self.tiles.tiles[row]
        if not self.gui.prompts.confirm(
            self, self.tr("Remove photo"),
            self.tr("Remove this photo from the record? The photo file is kept."),
            self.tr("Remove"),
        ):  # fmt: skip
            return
        if tile.linked is not None:
            try:
                unlink_photo(self.gui.services, tile.linked.link_id)
            except KnownError as error:
                self.gui.prompts.warn(self, self.tr("Remove photo"), error.message)
                return
        self.tiles.remove(row)
        self.changed.emit()
        self._enable()

    # --- look ---------------------------------------------------------------------------

    def tooltip_of(self, tile: _Tile) -> str:
        if tile.problem:
            return shown(tile.problem)
        name = tile.stored.original_name if tile.stored else tile.path.name
        if tile.stored:
            return self.tr("%1 (not saved yet: saved with the record)").replace("%1", name)
        return self.tr("%1 — Enter to view, Delete to remove").replace("%1", name)

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size_tiles()

    def _size_tiles(self) -> None:
        side = self.fontMetrics().height() * TILE_LINES
        self.tiles.set_side(side)
        self.view.setIconSize(QSize(side, side))
        line = self.fontMetrics().height()
        frame = 2 * self.view.frameWidth() + 2 * self.view.spacing()
        height = side + line + frame + 8 + self.view.horizontalScrollBar().sizeHint().height()
        self.view.setFixedHeight(height)

    def _enable(self) -> None:
        idle = self.job is None
        self.add_button.setEnabled(idle)
        self.paste_button.setEnabled(idle)
        self.remove_button.setEnabled(bool(self.tiles.tiles))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        mime = event.mimeData()
        if mime.hasImage() or any(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        if self.add_mime(event.mimeData()):
            event.acceptProposedAction()


def _store(
    folder: Path, sources: list[Path | bytes | QImage], progress: ProgressCallback
) -> tuple[list[StoredPhoto], list[str]]:
    """In the worker: a pasted picture is encoded there too (a large screenshot takes a while)."""
    files = [_png_bytes(s) if isinstance(s, QImage) else s for s in sources]
    return store_photos(folder, files, progress)


def _png_bytes(image: QImage) -> bytes:
    """A pasted picture as a PNG file's bytes (lossless: a screenshot stays sharp)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide takes str, its stub says bytes
    buffer.close()
    return bytes(data.data())
