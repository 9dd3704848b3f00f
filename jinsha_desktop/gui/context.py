"""What every window and dialog is handed: the service context, the machine settings, prompts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinsha_desktop.config import MachineConfig
from jinsha_desktop.gui.prompts import Prompts
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import OpenDatabase


@dataclass
class GuiContext:
    services: AppContext
    """The services' context; `services.user` is the logged-in user."""
    opened: OpenDatabase
    config: MachineConfig
    config_path: Path
    prompts: Prompts = field(default_factory=Prompts)
    demo: bool = False
    cjk_families: list[str] = field(default_factory=list)

    def save_config(self) -> None:
        self.config.save(self.config_path)
