"""Fonts, interface size and language: how the whole interface looks and reads."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QRect, QSize, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from jinsha_desktop.config import SCALES
from jinsha_desktop.paths import resource_path

log = logging.getLogger(__name__)

# The bundled CJK font, then the Extension B fallback (rare characters in names: 𠮷).
BUNDLED_FONTS = ("DroidSansFallbackFull.ttf", "HanaMinB.ttf")
ERROR_COLOUR = "#b00020"
"""The colour of what needs attention: bad input, a flagged visit, a broken audit chain."""
ERROR_STYLE = f"color: {ERROR_COLOUR};"
"""How a message about bad input looks wherever it is shown."""
BASE_POINT_SIZE = 10.5
"""Normal size: a little larger than Qt's default, for elderly users on small laptop screens."""


def register_fonts() -> list[str]:
    """Register the bundled fonts with Qt; returns their family names (Latin first, then CJK)."""
    families: list[str] = []
    for name in BUNDLED_FONTS:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id < 0:
            log.warning("could not load bundled font %s", name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def interface_font(cjk_families: list[str], scale: str) -> QFont:
    """The application font: the system's Latin face, then the bundled CJK faces as fallbacks."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    # Resolve aliases such as fontconfig's "Sans Serif": in a family list Qt takes them
    # literally and may fall back to a typewriter face for Latin text.
    latin = QFontInfo(font).family()
    font.setFamilies([latin, *cjk_families])
    font.setPointSizeF(BASE_POINT_SIZE * SCALES.get(scale, 1.0))
    # No kerning: Qt sizes a label for "To" kerned but draws it with the underlined mnemonic
    # letter shaped apart, a few pixels wider, and cut off ("Tc" on the ledger screen).
    font.setKerning(False)
    return font


# Roomier input boxes: easier to hit and to read for elderly volunteers (grows with the font);
# the boxes to tick grow with the text too (Qt draws them 13 px at every font size).
INPUT_STYLE = (
    "QLineEdit, QComboBox, QSpinBox, QDateEdit { min-height: 1.7em; }"
    "QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator,"
    " QAbstractItemView::indicator { width: 1.1em; height: 1.1em; }"
    # Menu items laid out by the style sheet: Fusion elided "备份数据库(B)…" to "备份数…B)…"
    # at the larger sizes in a menu wide enough for it; roomier items are easier to hit, too.
    "QMenu::item { padding: 0.3em 1.6em 0.3em 1.2em; }"
    "QMenu::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
    "QMenu::item:disabled { color: palette(mid); }"
)


def apply_interface_scale(app: QApplication, cjk_families: list[str], scale: str) -> None:
    """Set the font and styles; windows already open are fitted to their screen again (a
    window grown by a larger size shrinks back within the screen)."""
    app.setFont(interface_font(cjk_families, scale))
    app.setStyleSheet(INPUT_STYLE)
    for window in app.topLevelWidgets():
        kind = window.windowType()
        if window.isVisible() and kind in (Qt.WindowType.Window, Qt.WindowType.Dialog):
            layout = window.layout()
            if layout is not None:
                layout.activate()
            fit_to_screen(window)


TITLE_BAR = 32
"""Height a window's frame takes from the screen (a Windows 10 title bar and border)."""


def fit_to_screen(window: QWidget, available: QRect | None = None) -> None:
    """Keep a top-level window within the free area of its screen, no smaller than it needs.

    A window sized for a large monitor (or grown by a larger interface size) would otherwise
    reach past a 1366×768 laptop screen, its buttons out of reach.
    """
    if available is None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
    room = QSize(available.width(), max(available.height() - TITLE_BAR, 1))
    resized = window.testAttribute(Qt.WidgetAttribute.WA_Resized)
    wanted = window.size() if resized else window.sizeHint()
    window.resize(wanted.boundedTo(room).expandedTo(window.minimumSizeHint()))


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load the program's translation and Qt's own (for standard buttons and dialogs).

    English is the source language of the interface, Chinese of service messages (see
    gui/messages.py); the returned translators must be kept alive.
    """
    translators: list[QTranslator] = []
    if language == "en":
        # Service messages and stored labels are Chinese below the GUI: the catalogue.
        from jinsha_desktop.gui.messages import MessageTranslator, english_catalogue

        messages = MessageTranslator(english_catalogue(), app)
        app.installTranslator(messages)
        translators.append(messages)
        return translators
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", f"jinsha_{language}.qm"))):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.warning("translation %s missing", language)
    qt_own = QTranslator(app)
    if qt_own.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        translators.append(qt_own)
    return translators
