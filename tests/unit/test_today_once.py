""" "Today" (the local date of the context's clock) is computed in one place, registration.today_of:
the command line, the self-test, the ledgers and the forms ask it."""

from __future__ import annotations

from pathlib import Path

import jinsha_desktop

PACKAGE = Path(jinsha_desktop.__file__).parent


def test_no_module_works_out_today_from_the_clock_again() -> None:
    copies = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "now().astimezone().date()" in line
    ]
    assert copies == ["services/registration.py:" + str(_line_of_today_of())]


def _line_of_today_of() -> int:
    source = (PACKAGE / "services" / "registration.py").read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(source, 1) if line.startswith("def today_of("))
    return next(
        n for n, line in enumerate(source, 1) if n > start and "astimezone().date()" in line
    )
