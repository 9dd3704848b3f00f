"""Logging in and managing accounts (services/auth.py), against a real SQLite file."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from jinsha_desktop.db.models import User
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import (
    AuthenticationFailed,
    FormErrors,
    NotFound,
    PermissionDenied,
    StaleRecord,
    ValidationError,
)
from jinsha_desktop.domain.passwords import PasswordHashing
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.services import auth
from jinsha_desktop.services.context import AppContext
from tests.conftest import ADMIN_PASSWORD
from tests.unit.support import (
    USER_PASSWORD,
    add_user,
    audit_entries,
    changes_of,
    logged_in_as,
    verify,
)


def _stored_user(context: AppContext, username: str) -> User:
    with context.reading() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        session.expunge(user)
        return user


def _version(context: AppContext, username: str) -> int:
    return _stored_user(context, username).version


def _fail_login(context: AppContext, username: str, password: str) -> AuthenticationFailed:
    with pytest.raises(AuthenticationFailed) as caught:
        auth.login(context, username, password)
    return caught.value


# ---------------------------------------------------------------- logging in


def test_right_password_returns_a_context_acting_as_that_user(context: AppContext) -> None:
    logged_in = auth.login(context, "admin", ADMIN_PASSWORD)

    assert context.user is None, "the original context is unchanged"
    assert logged_in.user is not None
    assert logged_in.user.username == "admin"
    assert logged_in.user.display_name == "系统管理员"
    assert logged_in.user.role is Role.ADMIN
    assert logged_in.installation_id == context.installation_id


def test_login_accepts_a_username_with_blanks_around_it(context: AppContext) -> None:
    assert auth.login(context, "  admin ", ADMIN_PASSWORD).user is not None


def test_successful_login_is_audited_as_that_user_and_stamps_the_time(
    context: AppContext, clock: FixedClock
) -> None:
    logged_in = auth.login(context, "admin", ADMIN_PASSWORD)

    entries = audit_entries(context, action="login")
    assert len(entries) == 1
    assert entries[0].username == "admin"
    assert logged_in.user is not None and entries[0].user_id == logged_in.user.id
    assert entries[0].at == clock.now()
    assert _stored_user(context, "admin").last_login_at == clock.now()
    assert audit_entries(context, action="update") == [], "login bookkeeping is not an edit"


def test_wrong_password_message_counts_down_to_the_lock(context: AppContext) -> None:
    messages = [_fail_login(context, "admin", "wrong-password").message for _ in range(4)]

    assert messages == [f"用户名或密码不正确。再错 {n} 次账号将被锁定。" for n in (4, 3, 2, 1)]


def test_fifth_wrong_password_locks_the_account_for_five_minutes(
    context: AppContext, clock: FixedClock
) -> None:
    for _ in range(4):
        _fail_login(context, "admin", "wrong-password")

    fifth = _fail_login(context, "admin", "wrong-password")

    assert fifth.message == "密码连续输错 5 次，账号已锁定 5 分钟。"
    assert fifth.field == "password"
    assert _stored_user(context, "admin").locked_until == clock.now() + timedelta(minutes=5)


def test_locked_account_refuses_even_the_right_password_until_five_minutes_pass(
    context: AppContext, clock: FixedClock
) -> None:
    for _ in range(5):
        _fail_login(context, "admin", "wrong-password")

    assert (
        _fail_login(context, "admin", ADMIN_PASSWORD).message
        == "密码连续输错 5 次，账号已锁定，请 5 分钟后再试。"
    )
    clock.advance(minutes=4)
    assert "请 1 分钟后再试" in _fail_login(context, "admin", ADMIN_PASSWORD).message
    clock.advance(seconds=59)
    assert "请 1 分钟后再试" in _fail_login(context, "admin", ADMIN_PASSWORD).message

    clock.advance(seconds=1)
    logged_in = auth.login(context, "admin", ADMIN_PASSWORD)

    assert logged_in.user is not None
    assert _stored_user(context, "admin").locked_until is None


def test_wrong_passwords_while_locked_do_not_extend_the_lock(
    context: AppContext, clock: FixedClock
) -> None:
    for _ in range(5):
        _fail_login(context, "admin", "wrong-password")
    clock.advance(minutes=3)
    for _ in range(3):
        _fail_login(context, "admin", "wrong-password")

    clock.advance(minutes=2)

    assert auth.login(context, "admin", ADMIN_PASSWORD).user is not None


def test_count_starts_again_after_the_lock_ends(context: AppContext, clock: FixedClock) -> None:
    for _ in range(5):
        _fail_login(context, "admin", "wrong-password")
    clock.advance(minutes=5)

    assert "再错 4 次" in _fail_login(context, "admin", "wrong-password").message


def test_successful_login_forgets_earlier_wrong_passwords(context: AppContext) -> None:
    for _ in range(3):
        _fail_login(context, "admin", "wrong-password")
    auth.login(context, "admin", ADMIN_PASSWORD)

    assert "再错 4 次" in _fail_login(context, "admin", "wrong-password").message
    assert _stored_user(context, "admin").failed_login_count == 1


def test_an_unknown_name_and_a_known_one_get_the_same_answers_all_the_way_to_the_lock(
    context: AppContext, clock: FixedClock
) -> None:
    def answers(username: str) -> list[tuple[str, str | None]]:
        seen = []
        for _ in range(7):
            failure = _fail_login(context, username, "wrong-password")
            seen.append((failure.message, failure.field))
        return seen

    known, unknown = answers("admin"), answers("nobody")

    assert unknown == known
    assert [message for message, _ in known[:4]] == [
        f"用户名或密码不正确。再错 {n} 次账号将被锁定。" for n in (4, 3, 2, 1)
    ]
    assert "账号已锁定 5 分钟" in known[4][0] and "请 5 分钟后再试" in known[5][0]
    clock.advance(minutes=6)
    assert _fail_login(context, "nobody", "x").message == _fail_login(context, "admin", "x").message


def test_an_unknown_name_is_audited_as_a_keyed_digest_never_as_typed(
    context: AppContext, data_dir
) -> None:
    typed = "My-Secret-Pass-1"  # a password typed into the name field
    _fail_login(context, typed, ADMIN_PASSWORD)
    _fail_login(context, typed, ADMIN_PASSWORD)
    _fail_login(context, "someone-else", ADMIN_PASSWORD)

    entries = audit_entries(context, action="login_failed")
    assert all(typed not in e.summary and typed.lower() not in e.summary for e in entries)
    digest = auth.username_digest(typed)
    assert [e.summary for e in entries] == [f"未知用户名（摘要 {digest}）"] * 2 + [
        f"未知用户名（摘要 {auth.username_digest('someone-else')}）"
    ]
    # not a plain hash a dictionary could be run against
    assert digest not in hashlib.sha256(typed.encode()).hexdigest()
    key = data_dir / auth.DIGEST_KEY_FILE
    assert key.exists() and key.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "username", [pytest.param("", id="empty"), pytest.param("   ", id="blank")]
)
def test_empty_username_is_refused(context: AppContext, username: str) -> None:
    assert _fail_login(context, username, ADMIN_PASSWORD).field == "username"


def test_disabled_account_is_refused_even_with_the_right_password(admin: AppContext) -> None:
    clerk = add_user(admin, "clerk", Role.CLERK)
    auth.set_active(admin, clerk.id, False)

    failure = _fail_login(admin.as_user(None), "clerk", USER_PASSWORD)

    assert failure.message == "这个账号已停用，请联系管理员。"
    assert failure.field == "password"


def test_reenabled_account_can_log_in_again(admin: AppContext) -> None:
    clerk = add_user(admin, "clerk", Role.CLERK)
    auth.set_active(admin, clerk.id, False)
    auth.set_active(admin, clerk.id, True)

    assert auth.login(admin.as_user(None), "clerk", USER_PASSWORD).user is not None


def test_every_failed_login_is_audited_and_kept_although_the_login_raised(
    admin: AppContext, clock: FixedClock
) -> None:
    nobody = admin.as_user(None)
    clerk = add_user(admin, "clerk", Role.CLERK)
    auth.set_active(admin, clerk.id, False)

    _fail_login(nobody, "ghost", "whatever-pass")
    _fail_login(nobody, "clerk", USER_PASSWORD)
    for _ in range(5):
        _fail_login(nobody, "admin", "wrong-password")
    _fail_login(nobody, "admin", ADMIN_PASSWORD)

    failures = audit_entries(admin, action="login_failed")
    assert [(e.username, e.summary) for e in failures] == [
        ("", f"未知用户名（摘要 {auth.username_digest('ghost')}）"),
        ("clerk", "账号已停用"),
        *[("admin", "密码错误")] * 5,
        ("admin", "账号锁定中"),
    ]
    admin_user = _stored_user(admin, "admin")
    assert all(
        e.record_id == str(admin_user.id) and e.table_name == "app_user" for e in failures[2:]
    )
    assert verify(admin).ok


def test_login_upgrades_a_hash_made_at_an_older_cost(context: AppContext) -> None:
    stronger = PasswordHashing(time_cost=2, memory_cost_kib=16, parallelism=1)
    upgraded_context = AppContext(
        context.database, context.clock, context.installation_id, stronger
    )

    auth.login(upgraded_context, "admin", ADMIN_PASSWORD)

    stored = _stored_user(context, "admin").password_hash
    assert "$m=16,t=2,p=1$" in stored
    assert stronger.verify(stored, ADMIN_PASSWORD)
    update = audit_entries(context, action="update")[-1]
    assert changes_of(update) == {"password_hash": [None, "（已修改）"]}


def test_logout_is_audited_and_returns_a_context_without_user(admin: AppContext) -> None:
    after = auth.logout(admin)

    assert after.user is None
    assert [e.username for e in audit_entries(admin, action="logout")] == ["admin"]


# ---------------------------------------------------------------- managing users


def test_new_user_must_change_the_password_at_first_login(admin: AppContext) -> None:
    row = auth.create_user(admin, auth.UserInput(" wang ", " 王秀英 ", "clerk"), USER_PASSWORD)

    assert (row.username, row.display_name, row.role, row.is_active) == (
        "wang",
        "王秀英",
        Role.CLERK,
        True,
    )
    assert row.version == 1
    wang = auth.login(admin.as_user(None), "wang", USER_PASSWORD)
    assert auth.must_change_password(wang) is True


def test_user_with_rare_characters_in_the_name_is_stored_exactly(admin: AppContext) -> None:
    add_user(admin, "jiyan", Role.VIEWER, display_name="𠮷田䶮")

    assert _stored_user(admin, "jiyan").display_name == "𠮷田䶮"


def test_creating_a_user_is_audited_without_the_password_hash(admin: AppContext) -> None:
    row = add_user(admin, "clerk", Role.CLERK)

    entry = audit_entries(admin, action="create", table_name="app_user", record_id=str(row.id))[0]
    changes = changes_of(entry)
    assert changes["username"] == [None, "clerk"]
    assert changes["role"] == [None, "clerk"]
    assert changes["password_hash"] == [None, "（已修改）"]
    assert "$argon2" not in entry.changes
    assert entry.username == "admin"


def test_duplicate_username_is_refused_on_the_username_field(admin: AppContext) -> None:
    add_user(admin, "clerk", Role.CLERK)

    with pytest.raises(ValidationError) as caught:
        add_user(admin, "clerk", Role.VIEWER)

    assert caught.value.message == "用户名“clerk”已被使用。"
    assert caught.value.field == "username"


def test_duplicate_username_typed_fullwidth_is_refused(admin: AppContext) -> None:
    add_user(admin, "clerk", Role.CLERK)

    with pytest.raises(ValidationError, match="已被使用"):
        add_user(admin, "ｃｌｅｒｋ", Role.VIEWER)


def test_user_input_with_every_field_wrong_reports_every_field(admin: AppContext) -> None:
    with pytest.raises(FormErrors) as caught:
        auth.create_user(admin, auth.UserInput("a b", "", "superuser"), USER_PASSWORD)

    assert [e.field for e in caught.value.errors] == ["username", "display_name", "role"]


def test_weak_password_for_a_new_user_is_refused_and_nothing_is_saved(admin: AppContext) -> None:
    with pytest.raises(ValidationError) as caught:
        auth.create_user(admin, auth.UserInput("clerk", "王", Role.CLERK), "12345678")

    assert caught.value.field == "password"
    assert [u.username for u in auth.list_users(admin)] == ["admin"]


def test_update_user_changes_name_and_role_and_audits_old_and_new(admin: AppContext) -> None:
    row = add_user(admin, "clerk", Role.CLERK, display_name="王秀英")

    updated = auth.update_user(
        admin, row.id, auth.UserInput("clerk", "王秀兰", Role.VIEWER), row.version
    )

    assert (updated.display_name, updated.role, updated.version) == ("王秀兰", Role.VIEWER, 2)
    entry = audit_entries(admin, action="update", record_id=str(row.id))[-1]
    assert changes_of(entry) == {"display_name": ["王秀英", "王秀兰"], "role": ["clerk", "viewer"]}


def test_update_with_an_old_version_is_refused_as_stale(admin: AppContext) -> None:
    row = add_user(admin, "clerk", Role.CLERK)
    auth.update_user(admin, row.id, auth.UserInput("clerk", "甲", Role.CLERK), row.version)

    with pytest.raises(StaleRecord, match="刚被别人修改过"):
        auth.update_user(admin, row.id, auth.UserInput("clerk", "乙", Role.CLERK), row.version)

    assert _stored_user(admin, "clerk").display_name == "甲"


def test_renaming_a_user_to_a_taken_username_is_refused(admin: AppContext) -> None:
    add_user(admin, "clerk", Role.CLERK)
    viewer = add_user(admin, "viewer", Role.VIEWER)

    with pytest.raises(ValidationError, match="已被使用") as caught:
        auth.update_user(
            admin, viewer.id, auth.UserInput("clerk", "李娟", Role.VIEWER), viewer.version
        )

    assert caught.value.field == "username"


def test_updating_a_missing_user_is_not_found(admin: AppContext) -> None:
    with pytest.raises(NotFound):
        auth.update_user(admin, uuid.uuid4(), auth.UserInput("x", "x", Role.VIEWER), 1)


def test_last_administrator_cannot_demote_themself(admin: AppContext) -> None:
    assert admin.user is not None

    with pytest.raises(ValidationError) as caught:
        auth.update_user(
            admin,
            admin.user.id,
            auth.UserInput("admin", "系统管理员", Role.CLERK),
            _version(admin, "admin"),
        )

    assert caught.value.message == "至少要保留一个可用的管理员账号。"
    assert _stored_user(admin, "admin").role == "admin"


def test_an_administrator_can_be_demoted_while_another_remains(admin: AppContext) -> None:
    second = add_user(admin, "admin2", Role.ADMIN)

    row = auth.update_user(
        admin, second.id, auth.UserInput("admin2", "副管理员", Role.CLERK), second.version
    )

    assert row.role is Role.CLERK


def test_a_disabled_administrator_does_not_count_as_the_remaining_one(admin: AppContext) -> None:
    assert admin.user is not None
    second = add_user(admin, "admin2", Role.ADMIN)
    auth.set_active(admin, second.id, False)

    with pytest.raises(ValidationError, match="至少要保留一个可用的管理员账号"):
        auth.update_user(
            admin,
            admin.user.id,
            auth.UserInput("admin", "系统管理员", Role.VIEWER),
            _version(admin, "admin"),
        )


def test_nobody_can_disable_their_own_account(admin: AppContext) -> None:
    assert admin.user is not None
    add_user(admin, "admin2", Role.ADMIN)

    with pytest.raises(ValidationError) as caught:
        auth.set_active(admin, admin.user.id, False)

    assert caught.value.message == "不能停用自己正在使用的账号。"
    assert caught.value.field == "is_active"
    assert _stored_user(admin, "admin").is_active


def test_last_active_administrator_cannot_be_disabled(admin: AppContext) -> None:
    # Admin 2 disables admin 1; admin 1's screen, still open, then tries to disable admin 2.
    assert admin.user is not None
    second = add_user(admin, "admin2", Role.ADMIN)
    admin2 = auth.login(admin.as_user(None), "admin2", USER_PASSWORD)
    auth.set_active(admin2, admin.user.id, False)

    with pytest.raises(ValidationError, match="至少要保留一个可用的管理员账号"):
        auth.set_active(admin, second.id, False)

    assert _stored_user(admin, "admin2").is_active


def test_reset_password_unlocks_and_forces_a_change(admin: AppContext) -> None:
    row = add_user(admin, "clerk", Role.CLERK)
    nobody = admin.as_user(None)
    for _ in range(5):
        _fail_login(nobody, "clerk", "wrong-password")

    auth.reset_password(admin, row.id, "Temporary-9")

    _fail_login(nobody, "clerk", USER_PASSWORD)
    clerk = auth.login(nobody, "clerk", "Temporary-9")
    assert auth.must_change_password(clerk)
    entry = audit_entries(admin, action="update", record_id=str(row.id))[-1]
    assert changes_of(entry)["password_hash"] == [None, "（已修改）"]
    assert "$argon2" not in entry.changes


def test_reset_to_a_weak_password_is_refused(admin: AppContext) -> None:
    row = add_user(admin, "clerk", Role.CLERK)

    with pytest.raises(ValidationError, match="至少需要 8 位"):
        auth.reset_password(admin, row.id, "short")

    assert auth.login(admin.as_user(None), "clerk", USER_PASSWORD).user is not None


def test_user_changes_own_password_and_is_no_longer_asked_to(admin: AppContext) -> None:
    add_user(admin, "clerk", Role.CLERK, must_change_password=True)
    clerk = auth.login(admin.as_user(None), "clerk", USER_PASSWORD)

    auth.change_own_password(clerk, USER_PASSWORD, "My-own-pass-2", "My-own-pass-2")

    assert not auth.must_change_password(clerk)
    _fail_login(admin.as_user(None), "clerk", USER_PASSWORD)
    assert auth.login(admin.as_user(None), "clerk", "My-own-pass-2").user is not None


def test_own_password_change_reports_every_problem_at_once(admin: AppContext) -> None:
    with pytest.raises(FormErrors) as caught:
        auth.change_own_password(admin, ADMIN_PASSWORD, "short", "other")

    assert [e.field for e in caught.value.errors] == ["new_password", "repeat_password"]


def test_new_password_equal_to_the_old_one_is_refused(admin: AppContext) -> None:
    with pytest.raises(FormErrors) as caught:
        auth.change_own_password(admin, ADMIN_PASSWORD, ADMIN_PASSWORD, ADMIN_PASSWORD)

    assert caught.value.errors[0].message == "新密码不能与原密码相同。"


def test_wrong_old_password_is_refused_and_the_password_is_unchanged(admin: AppContext) -> None:
    with pytest.raises(ValidationError) as caught:
        auth.change_own_password(admin, "not-the-password", "My-own-pass-2", "My-own-pass-2")

    assert caught.value.field == "old_password"
    assert auth.login(admin.as_user(None), "admin", ADMIN_PASSWORD).user is not None


def test_changing_a_password_without_logging_in_is_refused(context: AppContext) -> None:
    with pytest.raises(AuthenticationFailed, match="请先登录"):
        auth.change_own_password(context, "a", "My-own-pass-2", "My-own-pass-2")


def test_list_users_shows_active_accounts_by_username(admin: AppContext) -> None:
    add_user(admin, "zhao", Role.VIEWER)
    add_user(admin, "bai", Role.CHECKPOINT)

    rows = auth.list_users(admin)

    assert [(r.username, r.role) for r in rows] == [
        ("admin", Role.ADMIN),
        ("bai", Role.CHECKPOINT),
        ("zhao", Role.VIEWER),
    ]


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize("role", [Role.CLERK, Role.CHECKPOINT, Role.VIEWER], ids=lambda r: r.value)
def test_only_an_administrator_may_manage_users(admin: AppContext, role: Role) -> None:
    assert admin.user is not None
    someone = logged_in_as(admin, "someone", role)
    admin_id = admin.user.id
    attempts = [
        lambda: auth.list_users(someone),
        lambda: auth.create_user(someone, auth.UserInput("new", "新", Role.ADMIN), USER_PASSWORD),
        lambda: auth.update_user(someone, admin_id, auth.UserInput("admin", "x", Role.VIEWER), 1),
        lambda: auth.reset_password(someone, admin_id, "Taken-over-1"),
        lambda: auth.set_active(someone, admin_id, False),
    ]

    for attempt in attempts:
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert "没有“管理用户”的权限" in caught.value.message
        assert role.label in caught.value.message

    assert auth.login(admin.as_user(None), "admin", ADMIN_PASSWORD).user is not None
    assert [u.username for u in auth.list_users(admin)] == ["admin", "someone"]


def test_nobody_logged_in_is_asked_to_log_in(context: AppContext) -> None:
    with pytest.raises(PermissionDenied, match="请先登录"):
        auth.list_users(context)


# ---------------------------------------------------------------- a clerk's village or community


def test_a_clerk_of_a_village_logs_in_with_that_unit(admin: AppContext) -> None:
    from jinsha_desktop.services import reference

    [village] = [u.id for u in reference.list_units(admin) if u.name == "城东村"]  # seeded
    row = auth.create_user(
        admin, auth.UserInput("cundong", "城东村文书", Role.CLERK, village), USER_PASSWORD
    )
    assert row.unit_id == village
    assert [u.unit_name for u in auth.list_users(admin) if u.username == "cundong"] == ["城东村"]
    clerk = auth.login(admin.as_user(None), "cundong", USER_PASSWORD)
    assert clerk.user is not None and clerk.user.unit_id == village
    # back to the whole sub-district
    auth.update_user(
        admin, row.id, auth.UserInput("cundong", "城东村文书", Role.CLERK), row.version
    )
    assert auth.login(admin.as_user(None), "cundong", USER_PASSWORD).user.unit_id is None  # type: ignore[union-attr]


def test_an_unknown_or_deleted_unit_is_refused_and_nothing_is_saved(admin: AppContext) -> None:
    before = len(auth.list_users(admin))
    with pytest.raises(ValidationError) as caught:
        auth.create_user(
            admin, auth.UserInput("nobody", "某人", Role.CLERK, uuid.uuid4()), USER_PASSWORD
        )
    assert caught.value.field == "unit_id" and "村/社区" in caught.value.message
    assert len(auth.list_users(admin)) == before
