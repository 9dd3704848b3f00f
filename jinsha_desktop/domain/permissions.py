"""Roles and what each may do. Services check these; hiding a button is only a courtesy.

The roles follow the users of DESIGN.md and least privilege (PIPL art. 28): the checkpoint
volunteer registers people and prints the blank paper sheet used when the laptop is down; the
follow-up of flagged people (health monitoring) is the community or village clerk's work, as is
every print or export holding personal data. `permission_matrix()` writes the table the README
shows.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CLERK = "clerk"
    CHECKPOINT = "checkpoint"
    PROPERTY = "property"
    INSPECTOR = "inspector"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "管理员",
    Role.CLERK: "业务员（全部模块）",
    Role.CHECKPOINT: "卡点值守（仅登记）",
    Role.PROPERTY: "物管/城管（设施维修）",
    Role.INSPECTOR: "检查员（村居检查）",
    Role.VIEWER: "只读",
}


class Permission(StrEnum):
    VIEW_RECORDS = "view_records"
    """Read the lists and records of checkpoint registration and health monitoring."""
    VIEW_REPAIRS = "view_repairs"
    """Read surveys, repair orders, clean-ups and their totals (no visitor data)."""
    LOG_REPAIRS = "log_repairs"
    """Record survey campaigns, repair orders and their steps, clean-ups and photos."""
    VIEW_INSPECTIONS = "view_inspections"
    """Read inspections, findings and their rectification, and the red/black lists."""
    INSPECT = "inspect"
    """Score inspections, record findings (of any source), re-check and close them."""
    RECTIFY = "rectify"
    """Record what a unit did about a finding: the own unit's only when the user has a unit."""
    PUBLISH_RANKINGS = "publish_rankings"
    """Publish a red/black list (a frozen edition)."""
    REGISTER_VISITS = "register_visits"
    """Register people at a checkpoint (and look up a known person's card, masked)."""
    PRINT_BLANK_FORMS = "print_blank_forms"
    """Print the blank registration sheet (no personal data: the paper fallback)."""
    MONITOR_HEALTH = "monitor_health"
    """Start health monitoring of a person, record the daily checks, release or transfer."""
    EDIT_RECORDS = "edit_records"
    """Create, edit and delete records of every business module."""
    VIEW_FULL_PERSONAL_DATA = "view_full_personal_data"
    """See ID and phone numbers unmasked (each view is audited)."""
    EXPORT = "export"
    """Print ledgers and export to Excel."""
    MANAGE_REFERENCE_DATA = "manage_reference_data"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT_LOG = "view_audit_log"
    CHANGE_SETTINGS = "change_settings"
    BACKUP = "backup"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: frozenset(
        {
            Permission.VIEW_RECORDS,
            Permission.VIEW_REPAIRS,
            Permission.LOG_REPAIRS,
            Permission.VIEW_INSPECTIONS,
            Permission.RECTIFY,
            Permission.REGISTER_VISITS,
            Permission.PRINT_BLANK_FORMS,
            Permission.MONITOR_HEALTH,
            Permission.EDIT_RECORDS,
            Permission.VIEW_FULL_PERSONAL_DATA,
            Permission.EXPORT,
            Permission.BACKUP,
        }
    ),
    # Checkpoint volunteers register people and print blank sheets; they see personal data
    # masked, and the follow-up of a flagged person is left to the clerk of the unit.
    Role.CHECKPOINT: frozenset(
        {Permission.REGISTER_VISITS, Permission.PRINT_BLANK_FORMS, Permission.VIEW_RECORDS}
    ),
    # Property and urban-management staff log the old compounds' work and print its ledgers;
    # they see no visitor data at all (least privilege).
    Role.PROPERTY: frozenset({Permission.VIEW_REPAIRS, Permission.LOG_REPAIRS, Permission.EXPORT}),
    # Inspectors score villages, follow findings to their close and publish the red/black
    # list; like property staff they see no visitor data. Templates and ranking rules are
    # reference data and settings: the administrator's.
    Role.INSPECTOR: frozenset(
        {
            Permission.VIEW_INSPECTIONS,
            Permission.INSPECT,
            Permission.RECTIFY,
            Permission.PUBLISH_RANKINGS,
            Permission.VIEW_REPAIRS,
            Permission.EXPORT,
        }
    ),
    Role.VIEWER: frozenset(
        {Permission.VIEW_RECORDS, Permission.VIEW_REPAIRS, Permission.VIEW_INSPECTIONS}
    ),
}

PERMISSION_LABELS: dict[Permission, str] = {
    Permission.VIEW_RECORDS: "查看登记与监测记录",
    Permission.VIEW_REPAIRS: "查看设施维修记录与统计",
    Permission.LOG_REPAIRS: "登记排查、报修单、整治",
    Permission.VIEW_INSPECTIONS: "查看村居检查、问题整改与红黑榜",
    Permission.INSPECT: "检查打分、登记问题、复查销号",
    Permission.RECTIFY: "登记整改情况（有所属单位的仅本单位）",
    Permission.PUBLISH_RANKINGS: "发布红黑榜",
    Permission.REGISTER_VISITS: "登记来访人员",
    Permission.PRINT_BLANK_FORMS: "打印空白登记表",
    Permission.MONITOR_HEALTH: "健康监测：建档、每日检查、解除",
    Permission.EDIT_RECORDS: "新增、修改、删除记录",
    Permission.VIEW_FULL_PERSONAL_DATA: "查看完整身份证号和手机号",
    Permission.EXPORT: "打印台账、导出 Excel",
    Permission.MANAGE_REFERENCE_DATA: "维护基础数据",
    Permission.MANAGE_USERS: "管理用户",
    Permission.VIEW_AUDIT_LOG: "查看操作日志",
    Permission.CHANGE_SETTINGS: "修改系统设置",
    Permission.BACKUP: "备份数据库",
}


def role_allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def permission_matrix() -> str:
    """The roles × rights table as Markdown, for the README."""
    roles = list(Role)
    lines = [
        "| 权限 | " + " | ".join(role.label for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for permission in Permission:
        marks = ["✓" if role_allows(role, permission) else "" for role in roles]
        lines.append(f"| {PERMISSION_LABELS[permission]} | " + " | ".join(marks) + " |")
    return "\n".join(lines)
