"""Each role against each service (issue 10.16): a service is allowed exactly when the role has
the permission this table names for it (domain/permissions.py), refused otherwise with
PermissionDenied. Every permission is exercised by at least one service here, so a new one
cannot be added without saying what it guards."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from jinsha_desktop.domain.cleanups import CleanupInput
from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.domain.findings import FindingInput, FindingSource, PartyInput
from jinsha_desktop.domain.inspection_input import InspectionInput
from jinsha_desktop.domain.monitoring import CaseStatus
from jinsha_desktop.domain.permissions import Permission, Role, permission_matrix, role_allows
from jinsha_desktop.domain.person import PersonInput
from jinsha_desktop.domain.rankings import Period
from jinsha_desktop.domain.reference import UnitInput, UnitKind
from jinsha_desktop.domain.repair_catalogue import CleanupCategoryInput
from jinsha_desktop.domain.repair_totals import TotalsQuery
from jinsha_desktop.domain.repairs import OrderInput, PlaceInput
from jinsha_desktop.domain.surveys import CampaignInput, Per, SurveyLineInput
from jinsha_desktop.domain.visit import VisitInput
from jinsha_desktop.reports import import_files
from jinsha_desktop.reports.exports import export_cleanups, export_repair_orders, export_visits
from jinsha_desktop.reports.ledgers import LedgerRequest, generate_ledger
from jinsha_desktop.reports.repair_totals_ledger import export_totals
from jinsha_desktop.services import (
    auth,
    campaigns,
    checklists,
    cleanups,
    finding_lists,
    findings,
    inspection_lists,
    inspections,
    monitoring,
    rankings,
    reference,
    registration,
    repair_catalogue,
    repair_lists,
    repair_orders,
    survey_lines,
    visit_lists,
)
from jinsha_desktop.services.audit import AuditFilter, list_audit_entries
from jinsha_desktop.services.backup import backup_database
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.finding_lists import FindingFilter
from jinsha_desktop.services.imports import importer_of
from jinsha_desktop.services.inspection_lists import InspectionFilter
from jinsha_desktop.services.repair_lists import OrderFilter, OrderSort
from jinsha_desktop.services.repair_totals import totals
from jinsha_desktop.services.settings import set_unit_name
from jinsha_desktop.services.visit_lists import VisitFilter, VisitSort
from tests.conftest import ADMIN_PASSWORD
from tests.unit.support import a_compound, logged_in_as, resident_id
from tests.unit.test_cli import run_cli

P = Permission
_serial = itertools.count(200)


@dataclass
class Scene:
    admin: AppContext
    checkpoint: uuid.UUID
    folder: Path

    def visit(self) -> registration.RegistrationResult:
        """A fresh person's visit, registered by the administrator."""
        number = resident_id(sequence=next(_serial))
        data = VisitInput(document_number=number, name="张三", checkpoint_id=self.checkpoint)
        return registration.register_visit(self.admin, data, confirm_duplicate=True)

    def finding(self, context: AppContext) -> uuid.UUID:
        """A patrol's finding in the first village, led by it."""
        unit = reference.list_units(self.admin)[0].id
        today = self.admin.clock.now().date()
        data = FindingInput(
            FindingSource.PATROL, unit, "路边乱堆乱放", today, today, PartyInput(unit_id=unit)
        )
        return findings.new_finding(context, data)

    def inspected_month(self) -> Period:
        """A month with one submitted inspection of the first village (made once)."""
        today = self.admin.clock.now().date()
        if not inspection_lists.count_inspections(self.admin, InspectionFilter(status="submitted")):
            checklists.seed_checklists(self.admin)
            template = checklists.list_templates(self.admin)[0].id
            unit = reference.list_units(self.admin)[0].id
            started = inspections.new_inspection(self.admin, InspectionInput(template, unit, today))
            inspections.submit_inspection(self.admin, started)
        return Period.containing("month", today)

    def case(self) -> monitoring.CaseRow:
        person = self.visit().person_id
        today = self.admin.clock.now().date()
        case_id = monitoring.open_case(
            self.admin, monitoring.CaseInput(person, "测试", today - timedelta(days=1), 14)
        )
        return next(c for c in monitoring.cases(self.admin) if c.id == case_id)

    def path(self, name: str) -> Path:
        return self.folder / f"{next(_serial)}-{name}"


def _new_person_visit(context: AppContext, scene: Scene) -> object:
    number = resident_id(sequence=next(_serial))
    data = VisitInput(document_number=number, name="李四", checkpoint_id=scene.checkpoint)
    return registration.register_visit(context, data)


def _update_person(context: AppContext, scene: Scene) -> object:
    person_id = scene.visit().person_id
    [row] = [p for p in visit_lists.people_page(scene.admin, limit=500) if p.id == person_id]
    data = PersonInput("张三丰")
    return registration.update_person(context, person_id, data, row.version)


def _import_roster(context: AppContext, scene: Scene) -> object:
    import openpyxl

    path = scene.path("roster.xlsx")
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "身份证号码"])
    workbook.active.append(["王五", resident_id(sequence=next(_serial))])
    workbook.save(path)
    importer = importer_of("roster")
    return import_files.read_for_import(context, importer, path)


def _check(context: AppContext, scene: Scene) -> object:
    case = scene.case()
    today = scene.admin.clock.now().date()
    return monitoring.add_check(context, case.id, monitoring.CheckInput(today, "36.5"))


def _release(context: AppContext, scene: Scene) -> object:
    case = scene.case()
    released = CaseStatus.RELEASED
    return monitoring.change_status(context, case.id, released, "", case.version)


def _ledger(name: str) -> Callable[[AppContext, Scene], object]:
    def call(context: AppContext, scene: Scene) -> object:
        today = scene.admin.clock.now().date()
        request = LedgerRequest(name, today - timedelta(days=1), today)
        return generate_ledger(context, request, scene.path(f"{name}.pdf"))

    return call


def _lookup(context: AppContext, scene: Scene) -> object:
    number = resident_id(sequence=next(_serial))
    data = VisitInput(document_number=number, name="张三", checkpoint_id=scene.checkpoint)
    registration.register_visit(scene.admin, data)
    return registration.lookup_person(context, "resident_id", number)


def _repair_order(context: AppContext, scene: Scene) -> uuid.UUID:
    compound_id, _buildings = a_compound(scene.admin, f"小区{next(_serial)}", buildings=1)
    order = OrderInput(PlaceInput(compound_id), "楼道灯不亮", scene.admin.clock.now())
    return repair_orders.report_order(context, order)


def _cleanup(context: AppContext, scene: Scene) -> uuid.UUID:
    compound_id, _buildings = a_compound(scene.admin, f"小区{next(_serial)}", buildings=1)
    category = repair_catalogue.list_cleanup_categories(scene.admin)[0]
    today = scene.admin.clock.now().astimezone().date()
    return cleanups.record_cleanup(context, CleanupInput(category.id, compound_id, 3, today))


def _campaign(context: AppContext, scene: Scene) -> uuid.UUID:
    compound_id, _buildings = a_compound(scene.admin, f"小区{next(_serial)}", buildings=1)
    today = scene.admin.clock.now().astimezone().date()
    data = CampaignInput(f"排查{next(_serial)}", today, today, (compound_id,))
    return campaigns.save_campaign(context, data)


def _survey_sheet(context: AppContext, scene: Scene) -> object:
    campaign_id = _campaign(scene.admin, scene)
    [scope] = campaigns.campaign_detail(scene.admin, campaign_id).scope
    sheet = survey_lines.survey_sheet(scene.admin, campaign_id, scope.compound_id)
    line = SurveyLineInput(sheet.lines[0].building_id, sheet.lines[0].unit_no, bulbs=2)
    return survey_lines.save_survey(context, campaign_id, scope.compound_id, [line])


def _read_repair_order(context: AppContext, scene: Scene) -> object:
    return repair_orders.order_detail(context, _repair_order(scene.admin, scene))


def _remove_photo(context: AppContext, scene: Scene) -> object:
    from jinsha_desktop.services import photos
    from tests.unit.test_photos import jpeg_bytes

    order_id = _repair_order(scene.admin, scene)
    stored = photos.store_photo(photos.photo_folder(scene.admin), jpeg_bytes(), "a.jpg")
    repair_orders.attach_order_photos(scene.admin, order_id, [stored], "before")
    [photo] = repair_orders.order_detail(scene.admin, order_id).photos
    photos.unlink_photo(context, photo.link_id)
    return photo


def _view_order_photos(context: AppContext, scene: Scene) -> object:
    from jinsha_desktop.services import photos

    return photos.record_photos(context, "repair_order", _repair_order(scene.admin, scene))


# A print or export of checkpoint data needs EXPORT and the right to read that data (property
# staff may export their own module's lists, never visitors).
VISITOR_EXPORT = (P.EXPORT, P.VIEW_RECORDS)
REPAIR_EXPORT = (P.EXPORT, P.VIEW_REPAIRS)

SERVICES: dict[
    str, tuple[Permission | tuple[Permission, ...], Callable[[AppContext, Scene], object]]
] = {
    "log a repair order": (P.LOG_REPAIRS, _repair_order),
    "read a repair order": (P.VIEW_REPAIRS, _read_repair_order),
    "remove a photo from an order": (P.LOG_REPAIRS, _remove_photo),
    "view an order's photos": (P.VIEW_REPAIRS, _view_order_photos),
    "list repair orders": (P.VIEW_REPAIRS, lambda c, s: repair_lists.orders_page(c, OrderFilter())),
    "repair totals": (
        P.VIEW_REPAIRS,
        lambda c, s: totals(c, TotalsQuery(s.admin.clock.now().date(), s.admin.clock.now().date())),
    ),
    "export repair orders": (
        P.EXPORT,
        lambda c, s: export_repair_orders(c, OrderFilter(), OrderSort(), s.path("orders.xlsx")),
    ),
    "record a clean-up": (P.LOG_REPAIRS, _cleanup),
    "delete a clean-up": (
        P.LOG_REPAIRS,
        lambda c, s: cleanups.delete_cleanup(c, _cleanup(s.admin, s), "重复登记"),
    ),
    "list clean-ups": (P.VIEW_REPAIRS, lambda c, s: cleanups.cleanups_page(c)),
    "export clean-ups": (
        REPAIR_EXPORT,
        lambda c, s: export_cleanups(
            c, cleanups.CleanupFilter(), cleanups.CleanupSort(), s.path("cleanups.xlsx")
        ),
    ),
    "read the repairs catalogue": (P.VIEW_REPAIRS, lambda c, s: repair_catalogue.list_parts(c)),
    "change the repairs catalogue": (
        P.MANAGE_REFERENCE_DATA,
        lambda c, s: repair_catalogue.save_cleanup_category(
            c, CleanupCategoryInput(f"类别{next(_serial)}", "处")
        ),
    ),
    "create a survey campaign": (P.LOG_REPAIRS, _campaign),
    "list survey campaigns": (P.VIEW_REPAIRS, lambda c, s: campaigns.list_campaigns(c)),
    "type a survey sheet": (P.LOG_REPAIRS, _survey_sheet),
    "turn survey findings into orders": (
        P.LOG_REPAIRS,
        lambda c, s: survey_lines.convert_findings(c, _campaign(s.admin, s), Per.BUILDING),
    ),
    "list visits": (P.VIEW_RECORDS, lambda c, s: visit_lists.visits_page(c, VisitFilter())),
    "list people": (P.VIEW_RECORDS, lambda c, s: visit_lists.people_page(c)),
    "list monitoring cases": (P.VIEW_RECORDS, lambda c, s: monitoring.cases(c)),
    "register a visit": (P.REGISTER_VISITS, _new_person_visit),
    "look up a known person": (P.REGISTER_VISITS, _lookup),
    "print the blank registration sheet": (P.PRINT_BLANK_FORMS, _ledger("blank")),
    "start monitoring": (
        P.MONITOR_HEALTH,
        lambda c, s: monitoring.open_case(
            c, monitoring.CaseInput(s.visit().person_id, "健康码黄码", s.admin.clock.now().date())
        ),
    ),
    "record a daily check": (P.MONITOR_HEALTH, _check),
    "release from monitoring": (P.MONITOR_HEALTH, _release),
    "correct a person": (P.EDIT_RECORDS, _update_person),
    "delete a visit": (
        P.EDIT_RECORDS,
        lambda c, s: registration.delete_visit(c, s.visit().visit_id, "登记重复", 1),
    ),
    "import a roster": (P.EDIT_RECORDS, _import_roster),
    "see full numbers": (
        P.VIEW_FULL_PERSONAL_DATA,
        lambda c, s: visit_lists.visits_page(c, VisitFilter(), full=True),
    ),
    "print the registration ledger": (VISITOR_EXPORT, _ledger("registration")),
    "print the monitoring ledger": (VISITOR_EXPORT, _ledger("monitoring")),
    "print the daily summary": (VISITOR_EXPORT, _ledger("daily")),
    "print the repair ledger": (REPAIR_EXPORT, _ledger("repairs")),
    "print the clean-up ledger": (REPAIR_EXPORT, _ledger("cleanups")),
    "print the compound sheet": (REPAIR_EXPORT, _ledger("compound-sheet")),
    "print the repair totals": (REPAIR_EXPORT, _ledger("repair-totals")),
    "export the repair totals": (
        REPAIR_EXPORT,
        lambda c, s: export_totals(
            c,
            totals(c, TotalsQuery(s.admin.clock.now().date(), s.admin.clock.now().date())),
            s.path("totals.xlsx"),
        ),
    ),
    "print the blank survey sheet": ((P.LOG_REPAIRS, P.VIEW_REPAIRS), _ledger("survey-sheet")),
    "export visits to Excel": (
        VISITOR_EXPORT,
        lambda c, s: export_visits(c, VisitFilter(), VisitSort(), s.path("visits.xlsx")),
    ),
    "add a village": (
        P.MANAGE_REFERENCE_DATA,
        lambda c, s: reference.save_unit(c, UnitInput(f"新村{next(_serial)}", UnitKind.VILLAGE)),
    ),
    "add a user": (
        P.MANAGE_USERS,
        lambda c, s: auth.create_user(
            c, auth.UserInput(f"user{next(_serial)}", "新用户", Role.VIEWER), "Ledger-user-7"
        ),
    ),
    "read the audit log": (P.VIEW_AUDIT_LOG, lambda c, s: list_audit_entries(c, AuditFilter())),
    "change the unit name": (P.CHANGE_SETTINGS, lambda c, s: set_unit_name(c, "金沙街道")),
    "list findings": (
        P.VIEW_INSPECTIONS,
        lambda c, s: finding_lists.findings_page(c, FindingFilter()),
    ),
    "list checklists": (P.VIEW_INSPECTIONS, lambda c, s: checklists.list_templates(c)),
    "record a finding": (P.INSPECT, lambda c, s: s.finding(c)),
    "record a rectification": (
        P.RECTIFY,
        lambda c, s: findings.rectify(c, s.finding(s.admin), s.admin.clock.now().date(), ""),
    ),
    "add a department": (
        P.MANAGE_REFERENCE_DATA,
        lambda c, s: checklists.save_department(c, None, f"部门{next(_serial)}", 1000, ""),
    ),
    "change the ranking rules": (
        P.CHANGE_SETTINGS,
        lambda c, s: rankings.save_ranking_rules(c, rankings.ranking_rules(s.admin)),
    ),
    "publish a red/black list": (
        P.PUBLISH_RANKINGS,
        lambda c, s: rankings.publish_ranking(c, s.inspected_month()),
    ),
    "back up the database": (
        P.BACKUP,
        lambda c, s: backup_database(c, s.path("backup.sqlite3")),
    ),
}


def test_every_permission_guards_a_service_in_the_table():
    assert set().union(*(_needed(permission) for permission, _call in SERVICES.values())) == set(
        Permission
    )


def _needed(permission: Permission | tuple[Permission, ...]) -> set[Permission]:
    return set(permission) if isinstance(permission, tuple) else {permission}


@pytest.fixture
def scene(admin: AppContext, tmp_path: Path) -> Scene:
    unit = reference.list_units(admin)[0]
    from jinsha_desktop.domain.reference import CheckpointInput

    checkpoint = reference.save_checkpoint(admin, unit.id, CheckpointInput("北山社区1号卡点"))
    scene = Scene(admin, checkpoint, tmp_path / "out")
    scene.folder.mkdir()
    scene.visit()
    return scene


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_may_use_exactly_the_services_its_rights_allow(scene: Scene, role: Role):
    context = scene.admin if role is Role.ADMIN else logged_in_as(scene.admin, "who", role)
    wrong = []
    for name, (permission, call) in SERVICES.items():
        try:
            call(context, scene)
            allowed = True
        except PermissionDenied:
            allowed = False
        if allowed != all(role_allows(role, each) for each in _needed(permission)):
            wrong.append(f"{name}: {'allowed' if allowed else 'refused'}")
    assert wrong == [], f"{role.label}: {wrong}"


def test_the_matrix_for_the_readme_names_every_role_and_right():
    table = permission_matrix()
    lines = table.splitlines()
    assert len(lines) == 2 + len(Permission)
    assert all(role.label in lines[0] for role in Role)
    volunteer = [row for row in lines if row.startswith("| 打印空白登记表 |")][0]
    assert volunteer.count("✓") == 3  # administrator, clerk, checkpoint volunteer
    monitoring_row = [row for row in lines if row.startswith("| 健康监测")][0]
    assert monitoring_row.count("✓") == 2


def test_the_readme_shows_the_matrix_the_program_enforces():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")

    assert permission_matrix().strip() in readme


# ---------------------------------------------------------------- the command line


def test_a_volunteer_prints_the_blank_sheet_but_not_the_registration_ledger_on_the_cli(
    database_file: Path, tmp_path: Path, clock, passwords, machine_config
):
    from jinsha_desktop.services.setup import local_installation, open_database
    from tests.unit.support import USER_PASSWORD, add_user

    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        context, _changed = local_installation(opened.database, clock, passwords, machine_config)
        add_user(auth.login(context, "admin", ADMIN_PASSWORD), "volunteer", Role.CHECKPOINT)
    finally:
        opened.close()

    def ledger(name: str, out: Path):
        return run_cli(
            "--db",
            str(database_file),
            "ledger",
            name,
            "--user",
            "volunteer",
            "-o",
            str(out),
            data_dir=tmp_path / "data",
            password=USER_PASSWORD,
        )

    blank = ledger("blank", tmp_path / "空白.pdf")
    assert blank.returncode == 0, blank.stderr
    assert (tmp_path / "空白.pdf").read_bytes().startswith(b"%PDF")
    refused = ledger("registration", tmp_path / "台账.pdf")
    assert refused.returncode != 0 and "权限" in refused.stderr
    assert not (tmp_path / "台账.pdf").exists()
    exported = run_cli(
        "--db",
        str(database_file),
        "export",
        "visits",
        "--user",
        "volunteer",
        "-o",
        str(tmp_path / "导出.xlsx"),
        data_dir=tmp_path / "data",
        password=USER_PASSWORD,
    )
    assert exported.returncode != 0 and "权限" in exported.stderr
    assert not (tmp_path / "导出.xlsx").exists()
