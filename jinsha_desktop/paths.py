"""Where things live: the user's data directory and the files shipped with the program."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from jinsha_desktop import APP_NAME

DATA_DIR_VARIABLE = "JINSHA_DATA_DIR"
"""Set to keep all data in one folder, e.g. a portable install on a USB stick."""


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_VARIABLE)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    return path


def default_database_path() -> Path:
    return data_dir() / "jinsha.sqlite3"


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite3"


def backups_dir() -> Path:
    return data_dir() / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"


def config_path() -> Path:
    return data_dir() / "config.json"


def install_root() -> Path:
    """The folder holding `resources/` and `ui/`: the repository, or the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return install_root().joinpath("resources", *parts)
