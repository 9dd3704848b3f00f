"""The colour of what needs attention is named once (gui/look.py ERROR_COLOUR): bad input, a
flagged visit and a broken audit chain look the same, and a change of it is one edit."""

from __future__ import annotations

from pathlib import Path

import jinsha_desktop
from jinsha_desktop.gui.look import ERROR_COLOUR, ERROR_STYLE
from jinsha_desktop.gui.pages.checkpoint.visits_page import FLAGGED_COLOUR


def test_the_error_colour_is_written_once() -> None:
    package = Path(jinsha_desktop.__file__).parent
    writers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "generated" not in path.parts and ERROR_COLOUR in path.read_text("utf-8")
    ]
    assert writers == ["gui/look.py"]
    assert ERROR_COLOUR in ERROR_STYLE and FLAGGED_COLOUR.name() == ERROR_COLOUR
