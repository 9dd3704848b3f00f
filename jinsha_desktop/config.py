"""Per-machine settings (a small JSON file): which database, language, interface scale.

Settings that must travel with the data (the unit name printed on ledgers) live in the database.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
SCALES = {"normal": 1.0, "large": 1.25, "xlarge": 1.5}


@dataclass
class MachineConfig:
    database: str = ""
    """A file path or a SQLAlchemy URL; empty means the default file in the data directory."""
    language: str = "zh_CN"
    interface_scale: str = "normal"
    checkpoint_id: str = ""
    """The checkpoint this laptop registers for (the form's default)."""
    checkpoint_day: str = ""
    """The day (ISO date) the checkpoint was last chosen or confirmed: the first login of
    another day starts a shift, which asks again."""
    installations: dict[str, str] = field(default_factory=dict)
    """database id -> this machine's installation id in that database."""

    @classmethod
    def load(cls, path: Path) -> MachineConfig:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as error:
            log.warning("config file %s unreadable (%s); using defaults", path, error)
            return cls()
        config = cls()
        if isinstance(raw, dict):
            if isinstance(raw.get("database"), str):
                config.database = raw["database"]
            if raw.get("language") in LANGUAGES:
                config.language = raw["language"]
            if raw.get("interface_scale") in SCALES:
                config.interface_scale = raw["interface_scale"]
            if isinstance(raw.get("checkpoint_id"), str):
                config.checkpoint_id = raw["checkpoint_id"]
            if isinstance(raw.get("checkpoint_day"), str):
                config.checkpoint_day = raw["checkpoint_day"]
            if isinstance(raw.get("installations"), dict):
                config.installations = {
                    str(k): str(v) for k, v in raw["installations"].items() if isinstance(v, str)
                }
        return config

    def save(self, path: Path) -> None:
        """Write atomically: a crash mid-write leaves the old file, never half of the new one."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with open(partial, "w", encoding="utf-8") as handle:
            json.dump(asdict(self), handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
