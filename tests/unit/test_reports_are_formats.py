"""reports/ is formats only (issue 12, point 3): it writes PDF and xlsx files and calls services;
it opens no transaction and writes no audit entry or row itself (the import-linter contract keeps
it from importing db/, this keeps it from writing through a service's session)."""

from __future__ import annotations

import re
from pathlib import Path

import jinsha_desktop

WRITING = re.compile(r"\.uow\(|\.writing\(|record_action\(|session\.(add|delete|execute)\(")


def test_reports_open_no_transaction_and_write_no_audit_entry() -> None:
    reports = Path(jinsha_desktop.__file__).parent / "reports"
    writers = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(reports.rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if WRITING.search(line)
    ]
    assert writers == [], "use services.audit.log_action or a service:\n" + "\n".join(writers)


def test_log_action_writes_one_entry_in_a_transaction_of_its_own(admin) -> None:
    from sqlalchemy import select

    from jinsha_desktop.db.models import AuditEntry
    from jinsha_desktop.services.audit import log_action

    log_action(admin, "export", "导出测试到 a.xlsx", table_name="export")
    with admin.reading() as session:
        last = select(AuditEntry.action, AuditEntry.summary, AuditEntry.table_name)
        entry = session.execute(last.order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert tuple(entry) == ("export", "导出测试到 a.xlsx", "export")
