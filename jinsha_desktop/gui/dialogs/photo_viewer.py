"""The photo viewer of every module: one photo at a time, next/previous, zoom.

Keys: ←/→ and PgUp/PgDn step, + and − zoom, 0 fits the window again, the wheel zooms, Esc
closes. The picture is turned as its EXIF says (the stored file is the camera's, unturned).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import (
    QImageIOHandler,
    QImageReader,
    QKeySequence,
    QPixmap,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jinsha_desktop.gui.look import ERROR_STYLE, fit_to_screen
from jinsha_desktop.gui.messages import shown

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
REDUCED_AT_LEAST = 1024
"""A photo is first decoded with its longer side at most twice this or the window's."""


@dataclass(frozen=True)
class ViewedPhoto:
    """One photo to show: its file, and what to say instead when it cannot be shown."""

    path: Path
    missing_text: str = ""
    """Set when the file is missing or unreadable (a service message naming its record)."""


class PhotoViewer(QDialog):
    """Shows `photos` from `start`; `index`, `zoom` and `fitting` say what is shown."""

    def __init__(self, photos: list[ViewedPhoto], start: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.photos = photos
        self.index = max(0, min(start, len(photos) - 1))
        self.zoom = 1.0
        self.fitting = True
        self._original = QPixmap()
        self.full = QSize()
        """The photo's size as shown (turned), whatever size it was decoded at."""
        self.reduced = False

        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.area = QScrollArea(self)
        self.area.setWidget(self.picture)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setWidgetResizable(False)
        self.area.viewport().installEventFilter(self)  # resized: fit again; the wheel zooms

        self.place = QLabel(self)
        self.previous_button = QPushButton(self.tr("◀ Previous"), self)
        self.next_button = QPushButton(self.tr("Next ▶"), self)
        self.zoom_out_button = QPushButton(self.tr("Zoom out −"), self)
        self.zoom_in_button = QPushButton(self.tr("Zoom in +"), self)
        self.fit_button = QPushButton(self.tr("Fit to window"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.previous_button.setToolTip(self.tr("Previous photo (← or Page Up)"))
        self.next_button.setToolTip(self.tr("Next photo (→ or Page Down)"))
        self.zoom_in_button.setToolTip(self.tr("Larger (+ or the mouse wheel)"))
        self.zoom_out_button.setToolTip(self.tr("Smaller (− or the mouse wheel)"))
        self.fit_button.setToolTip(self.tr("Show the whole photo (0)"))
        self.previous_button.clicked.connect(self.show_previous)
        self.next_button.clicked.connect(self.show_next)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit)
        self.close_button.clicked.connect(self.reject)
        for button in self._buttons():
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        bar = QHBoxLayout()
        for button in self._buttons()[:2]:
            bar.addWidget(button)
        bar.addWidget(self.place, 1)
        for button in self._buttons()[2:]:
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addLayout(bar)
        # Shortcuts, not keyPressEvent: a focused button would take the arrows to move focus.
        keys = {
            self.show_next: (Qt.Key.Key_Right, Qt.Key.Key_PageDown),
            self.show_previous: (Qt.Key.Key_Left, Qt.Key.Key_PageUp),
            self.zoom_in: (Qt.Key.Key_Plus, Qt.Key.Key_Equal),
            self.zoom_out: (Qt.Key.Key_Minus, Qt.Key.Key_Underscore),
            self.fit: (Qt.Key.Key_0, Qt.Key.Key_F),
        }
        for action, pressed in keys.items():
            for key in pressed:
                QShortcut(QKeySequence(key), self, action)
        self.resize(QSize(1000, 640))  # within a 1366×768 laptop screen with its task bar
        fit_to_screen(self)
        self._load()

    def _buttons(self) -> list[QPushButton]:
        return [self.previous_button, self.next_button, self.zoom_out_button,
                self.zoom_in_button, self.fit_button, self.close_button]  # fmt: skip

    # --- stepping -----------------------------------------------------------------------

    def show_next(self) -> None:
        if self.index + 1 < len(self.photos):
            self.index += 1
            self._load()

    def show_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._load()

    def _load(self) -> None:
        photo = self.photos[self.index] if self.photos else None
        self._original = QPixmap()
        problem = ""
        if photo is None:
            problem = self.tr("No photo.")
        elif photo.missing_text:
            problem = shown(photo.missing_text)
        else:
            self._original = self._read(photo.path, reduced=True)
            if self._original.isNull():
                problem = self.tr("This photo cannot be shown: %1").replace("%1", photo.path.name)
        self.picture.setStyleSheet(ERROR_STYLE if problem else "")
        self.picture.setText(problem)
        count = len(self.photos)
        self.place.setText(self.tr("Photo %1 of %2").replace("%1", str(self.index + 1))
                           .replace("%2", str(count)) if count else "")  # fmt: skip
        self.setWindowTitle(self.tr("Photos") + (f" — {photo.path.name}" if photo else ""))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index + 1 < count)
        self.fitting = True
        self._show()

    def _read(self, path: Path, *, reduced: bool) -> QPixmap:
        """The photo turned as its EXIF says. `reduced`: decoded at about twice the window's
        size (a 12 MP JPEG decodes in half the time); `full` (its size as shown) is kept, and
        zooming past what was decoded reads the whole photo."""
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # EXIF orientation, as the thumbnails
        stored = reader.size()
        turned = reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90
        self.full = stored.transposed() if turned else stored
        room = self.area.viewport().size()
        limit = 2 * max(room.width(), room.height(), REDUCED_AT_LEAST)
        self.reduced = reduced and stored.isValid() and max(stored.width(), stored.height()) > limit
        if self.reduced:
            reader.setScaledSize(stored.scaled(limit, limit, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not self.full.isValid():
            self.full = image.size()
        return QPixmap.fromImage(image) if not image.isNull() else QPixmap()

    # --- zoom ---------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom / ZOOM_STEP)

    def fit(self) -> None:
        self.fitting = True
        self._show()

    def _set_zoom(self, zoom: float) -> None:
        if self._original.isNull():
            return
        self.fitting = False
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self._show()

    def _fit_zoom(self) -> float:
        room = self.area.viewport().size()
        size = self.full
        if size.isEmpty() or room.isEmpty():
            return 1.0
        return min(room.width() / size.width(), room.height() / size.height(), 1.0)

    def _show(self) -> None:
        if self._original.isNull():  # the label shows why, set by _load
            self.picture.resize(self.area.viewport().size())
            return
        if self.fitting:
            self.zoom = self._fit_zoom()
        size = self.full * self.zoom
        if self.reduced and size.width() > self._original.width():
            self._original = self._read(self.photos[self.index].path, reduced=False)
        scaled = self._original.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.picture.setPixmap(scaled)
        self.picture.resize(scaled.size())

    # --- keys and wheel -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and self.fitting:
            self._show()  # the room the photo has is known once the viewport is laid out
        elif event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            steps = event.angleDelta().y()
            if steps > 0:
                self.zoom_in()
            elif steps < 0:
                self.zoom_out()
            return True
        return super().eventFilter(watched, event)
