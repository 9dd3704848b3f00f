"""Keep the translations in step with the source strings.

    python -m jinsha_desktop.gui.i18n update    # refresh resources/translations/*.ts from the code
    python -m jinsha_desktop.gui.i18n release   # compile the .ts files into the .qm files shipped

English is the source language; jinsha_zh_CN.ts must stay complete (a test checks it).

Service messages and stored labels are Chinese below the GUI; the English interface reads them
from resources/translations/messages_en.tsv (see gui/messages.py). A message without an entry
fails tests/unit/test_message_catalogue.py; list the missing ones with

    python -m tests.unit.message_sources    # Chinese template<TAB><TAB># where, per line
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from jinsha_desktop.paths import install_root, resource_path

LANGUAGES = ("zh_CN",)
PACKAGE = Path(__file__).resolve().parent.parent


def translation_file(language: str) -> Path:
    return resource_path("translations", f"jinsha_{language}.ts")


def source_files() -> list[Path]:
    """Every Python module (not the generated ones: their .ui files are read instead) and form."""
    python = [p for p in sorted(PACKAGE.rglob("*.py")) if "generated" not in p.parts]
    return python + sorted((install_root() / "ui").glob("*.ui"))


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else name


def lupdate(target: Path, *, keep_obsolete: bool = False) -> None:
    command = [_tool("pyside6-lupdate"), *map(str, source_files()), "-locations", "none"]
    if not keep_obsolete:
        command.append("-no-obsolete")
    subprocess.run([*command, "-ts", str(target)], check=True, capture_output=True)


def lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(source), "-qm", str(target)],
        check=True,
        capture_output=True,
    )


def main(argv: list[str]) -> int:
    action = argv[0] if argv else ""
    for language in LANGUAGES:
        ts = translation_file(language)
        if action == "update":
            lupdate(ts)
        elif action == "release":
            lrelease(ts, ts.with_suffix(".qm"))
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
