"""The person and visit inputs live in domain/ (issue 12.2): every caller imports them from
there, not through services/registration.py, which no longer re-exports them."""

from __future__ import annotations

import re
from pathlib import Path

import jinsha_desktop

ROOT = Path(jinsha_desktop.__file__).parent.parent
THROUGH_SERVICE = re.compile(
    r"services\.registration import [^\n]*\b(VisitInput|PersonInput)\b"
    r"|\bregistration(_service)?\.(VisitInput|PersonInput)\b"
)


def test_no_caller_takes_the_inputs_from_the_registration_service() -> None:
    found = [
        str(path.relative_to(ROOT))
        for folder in ("jinsha_desktop", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "test_inputs_from_domain.py"
        and THROUGH_SERVICE.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_registration_service_does_not_re_export_them() -> None:
    source = (ROOT / "jinsha_desktop" / "services" / "registration.py").read_text("utf-8")
    assert "VisitInput as VisitInput" not in source and "PersonInput as PersonInput" not in source
