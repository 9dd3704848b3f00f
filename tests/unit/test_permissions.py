"""Roles and what each may do (domain/permissions.py)."""

from __future__ import annotations

import pytest

from jinsha_desktop.domain.permissions import (
    PERMISSION_LABELS,
    ROLE_LABELS,
    Permission,
    Role,
    role_allows,
)

P = Permission
# The whole matrix, written out so that a change to a role is a visible change to this table.
EXPECTED: dict[Role, set[Permission]] = {
    Role.ADMIN: set(Permission),
    Role.CLERK: {
        P.VIEW_RECORDS,
        P.VIEW_REPAIRS,
        P.LOG_REPAIRS,
        P.VIEW_INSPECTIONS,
        P.RECTIFY,
        P.REGISTER_VISITS,
        P.PRINT_BLANK_FORMS,
        P.MONITOR_HEALTH,
        P.EDIT_RECORDS,
        P.VIEW_FULL_PERSONAL_DATA,
        P.EXPORT,
        P.BACKUP,
    },
    # registration at the checkpoint and its paper fallback; no follow-up, no personal data out
    Role.CHECKPOINT: {P.VIEW_RECORDS, P.REGISTER_VISITS, P.PRINT_BLANK_FORMS},
    # the old compounds' work and its ledgers; no visitor data at all
    Role.PROPERTY: {P.VIEW_REPAIRS, P.LOG_REPAIRS, P.EXPORT},
    # scores, findings to their close, the red/black list; no visitor data at all
    Role.INSPECTOR: {
        P.VIEW_INSPECTIONS,
        P.INSPECT,
        P.RECTIFY,
        P.PUBLISH_RANKINGS,
        P.VIEW_REPAIRS,
        P.EXPORT,
    },
    Role.VIEWER: {P.VIEW_RECORDS, P.VIEW_REPAIRS, P.VIEW_INSPECTIONS},
}


@pytest.mark.parametrize("permission", list(Permission), ids=lambda p: p.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_allows_exactly_its_permissions(role: Role, permission: Permission) -> None:
    assert role_allows(role, permission) is (permission in EXPECTED[role])


@pytest.mark.parametrize(
    "role", [Role.CLERK, Role.CHECKPOINT, Role.PROPERTY, Role.VIEWER], ids=lambda r: r.value
)
@pytest.mark.parametrize(
    "permission",
    [P.MANAGE_REFERENCE_DATA, P.MANAGE_USERS, P.VIEW_AUDIT_LOG, P.CHANGE_SETTINGS],
    ids=lambda p: p.value,
)
def test_only_the_administrator_manages_the_system(role: Role, permission: Permission) -> None:
    assert not role_allows(role, permission)
    assert role_allows(Role.ADMIN, permission)


def test_checkpoint_volunteer_sees_personal_data_masked_and_cannot_export() -> None:
    assert not role_allows(Role.CHECKPOINT, P.VIEW_FULL_PERSONAL_DATA)
    assert not role_allows(Role.CHECKPOINT, P.EXPORT)
    assert not role_allows(Role.CHECKPOINT, P.EDIT_RECORDS)


def test_checkpoint_volunteer_prints_blank_sheets_but_leaves_the_follow_up_to_the_clerk() -> None:
    assert role_allows(Role.CHECKPOINT, P.PRINT_BLANK_FORMS)
    assert not role_allows(Role.CHECKPOINT, P.MONITOR_HEALTH)
    assert role_allows(Role.CLERK, P.MONITOR_HEALTH)


def test_viewer_is_read_only() -> None:
    assert [p for p in Permission if role_allows(Role.VIEWER, p)] == [
        P.VIEW_RECORDS,
        P.VIEW_REPAIRS,
        P.VIEW_INSPECTIONS,
    ]


@pytest.mark.parametrize("role", [Role.PROPERTY, Role.INSPECTOR])
def test_property_staff_and_inspectors_see_no_visitor_data(role: Role) -> None:
    for permission in (
        P.VIEW_RECORDS,
        P.REGISTER_VISITS,
        P.MONITOR_HEALTH,
        P.VIEW_FULL_PERSONAL_DATA,
    ):
        assert not role_allows(role, permission)


def test_templates_and_ranking_rules_are_the_administrators() -> None:
    # checklist templates are reference data, ranking rules a setting
    for role in Role:
        if role is not Role.ADMIN:
            assert not role_allows(role, P.MANAGE_REFERENCE_DATA)
            assert not role_allows(role, P.CHANGE_SETTINGS)


def test_clerks_rectify_and_inspectors_score() -> None:
    assert role_allows(Role.CLERK, P.RECTIFY) and not role_allows(Role.CLERK, P.INSPECT)
    assert role_allows(Role.INSPECTOR, P.INSPECT) and role_allows(Role.INSPECTOR, P.RECTIFY)


def test_every_role_and_permission_has_a_chinese_label() -> None:
    assert set(ROLE_LABELS) == set(Role)
    assert set(PERMISSION_LABELS) == set(Permission)
    assert Role.CHECKPOINT.label == "卡点值守（仅登记）"
    assert all(label and label.isascii() is False for label in PERMISSION_LABELS.values())
