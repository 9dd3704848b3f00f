"""Helper: build a demo database in a data directory, as a user who has started the program before.

    JINSHA_DATA_DIR=DIR python prepare_demo.py DIR/demo.sqlite3

1. `python -m jinsha_desktop demo-data --db FILE` (the documented command, in a child process);
2. register this machine in it and save config.json, which is what the first normal start does
   (Startup._database_ready), so that the timed starts find a known installation and only read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 2 or "JINSHA_DATA_DIR" not in os.environ:
        sys.exit(__doc__)
    target = Path(sys.argv[1])
    subprocess.run(
        [sys.executable, "-m", "jinsha_desktop", "demo-data", "--db", str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )

    from jinsha_desktop import paths
    from jinsha_desktop.config import MachineConfig
    from jinsha_desktop.domain.clock import SystemClock
    from jinsha_desktop.domain.passwords import PasswordHashing
    from jinsha_desktop.services.setup import local_installation, open_database

    config_path = paths.config_path()
    config = MachineConfig.load(config_path)
    opened = open_database(target, paths.backups_dir(), SystemClock())
    try:
        local_installation(opened.database, SystemClock(), PasswordHashing(), config)
    finally:
        opened.close()
    config.save(config_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
