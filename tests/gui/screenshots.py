"""Grab every window (the screen-fit walk) as PNG files, to look at them or for the README.

    QT_QPA_PLATFORM=offscreen python -m tests.gui.screenshots /tmp/shots [zh_CN|en] [xlarge] [user]

Each page, tab and dialog is drawn as on a 1366×768 screen (less a task bar) with the demo
data, logged in as the demo's `admin` or another demo user (e.g. `property`: the repairs
module alone); file names say language, size, user other than admin, and window.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("JINSHA_DATA_DIR", tempfile.mkdtemp(prefix="jinsha-shots-"))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841  (kept alive)
    from jinsha_desktop.domain.clock import FixedClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.gui.context import GuiContext
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.demo import DEMO_PASSWORD
    from jinsha_desktop.services.setup import local_installation, open_database
    from tests.gui import window_walk
    from tests.gui.conftest import AnsweringPrompts

    out = Path(argv[0] if argv else "shots")
    languages = argv[1:2] or list(window_walk.LANGUAGES)
    sizes = argv[2:3] or list(window_walk.SIZES)
    username = argv[3] if len(argv) > 3 else "admin"
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="jinsha-shots-db-"))
    passwords = PasswordHashing(time_cost=1, memory_cost_kib=8, parallelism=1)
    template, config = window_walk.make_demo_database(folder, passwords)
    clock = FixedClock(datetime(2026, 11, 25, 1, 30, tzinfo=UTC))
    for language in languages:
        for size in sizes:
            opened = open_database(template, folder / "backups", clock)
            context, _changed = local_installation(opened.database, clock, passwords, config)
            user = auth.login(context, username, DEMO_PASSWORD)
            with window_walk.interface(language, size) as families:
                gui = GuiContext(
                    user,
                    opened,
                    config,
                    folder / "config.json",
                    AnsweringPrompts(),
                    cjk_families=families,
                )
                walk = (
                    window_walk.every_window(gui)
                    if username == "admin"
                    else window_walk.main_window_states(gui)  # the dialogs are the admin's
                )
                who = "" if username == "admin" else f"{username}-"
                for name, window in walk:
                    stem = f"{language}-{size}-{who}{name}".replace(" › ", "-").replace(" ", "_")
                    window.grab().save(str(out / f"{stem.replace('/', '_')}.png"))
            opened.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
