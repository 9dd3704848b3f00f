"""The answers of the first-run wizard, and their rules."""

from __future__ import annotations

from dataclasses import dataclass

from jinsha_desktop.domain.errors import FieldChecks
from jinsha_desktop.domain.passwords import check_password_rules
from jinsha_desktop.domain.text import clean_name, clean_username


@dataclass(frozen=True)
class FirstRun:
    unit_name: str
    installation_name: str
    admin_username: str
    admin_display_name: str
    admin_password: str
    admin_password_repeat: str

    def cleaned(self) -> FirstRun:
        checks = FieldChecks()
        unit = checks.check(clean_name, self.unit_name, "单位名称", "unit_name", max_length=40)
        installation = checks.check(
            clean_name, self.installation_name, "本机名称", "installation_name", max_length=60
        )
        username = checks.check(clean_username, self.admin_username, "admin_username")
        display = checks.check(
            clean_name, self.admin_display_name, "管理员姓名", "admin_display_name", max_length=50
        )
        checks.check(check_password_rules, self.admin_password, "admin_password")
        if self.admin_password != self.admin_password_repeat:
            checks.fail("两次输入的密码不一致。", "admin_password_repeat")
        checks.raise_errors()
        return FirstRun(
            unit or "",
            installation or "",
            username or "",
            display or "",
            self.admin_password,
            self.admin_password,
        )
