"""Regressions for problems found in review: each test failed before its fix."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.errors import DatabaseProblem, FormErrors, ValidationError
from jinsha_desktop.domain.masking import mask_id_number, mask_personal_data_in_text, mask_phone
from jinsha_desktop.domain.passwords import PasswordHashing, check_password_rules
from jinsha_desktop.domain.permissions import Role
from jinsha_desktop.domain.reference import UnitInput
from jinsha_desktop.services import auth, backup, reference
from jinsha_desktop.services.audit import verify_audit
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.setup import OpenDatabase, open_database
from tests.unit.support import USER_PASSWORD, add_user


def _verify(opened: OpenDatabase):
    with opened.database.read_sessions() as session:
        return verify_audit(session)


def test_backup_into_a_folder_with_a_hash_sign_copies_every_table(admin: AppContext, tmp_path):
    target = tmp_path / "数据#2 ?%" / "copy.sqlite3"
    backup.backup_database(admin, target)
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM unit").fetchone() == (5,)


def test_a_password_hash_replaced_outside_the_program_is_detected(
    admin: AppContext, opened: OpenDatabase, database_file: Path, passwords: PasswordHashing
):
    forged = passwords.hash("attacker-pass")
    with sqlite3.connect(database_file) as raw:
        raw.execute("UPDATE app_user SET password_hash = ? WHERE username = 'admin'", (forged,))
    report = _verify(opened)
    assert any(line.startswith("app_user") for line in report.tampered_records)


def test_a_clock_set_back_does_not_look_like_tampering(
    admin: AppContext, opened: OpenDatabase, clock: FixedClock
):
    unit_id = reference.save_unit(admin, UnitInput("南山社区", "community"))
    clock.advance(minutes=-10)
    unit = next(u for u in reference.list_units(admin) if u.id == unit_id)
    reference.save_unit(admin, UnitInput("南山社区", "community", "改过"), unit_id, unit.version)
    assert _verify(opened).ok


def test_a_user_created_with_full_width_letters_can_log_in_typing_them_again(admin: AppContext):
    add_user(admin, "ｗａｎｇ", Role.CLERK)
    assert auth.login(admin.as_user(None), "ｗａｎｇ", USER_PASSWORD).user.username == "wang"


def test_an_unknown_unit_kind_is_a_form_error_not_a_crash():
    with pytest.raises(FormErrors) as caught:
        UnitInput("新镇", "town").cleaned()  # type: ignore[arg-type]
    assert [e.field for e in caught.value.errors] == ["kind"]


def test_a_foreign_sqlite_file_is_refused_without_a_single_byte_changed(tmp_path, clock):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE customers (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="不是金沙台账的数据库"):
        open_database(path, tmp_path / "backups", clock)
    assert path.read_bytes() == before


def test_logging_in_does_not_make_an_open_edit_of_that_user_stale(admin: AppContext):
    row = add_user(admin, "chenjg", Role.CHECKPOINT)
    auth.login(admin.as_user(None), "chenjg", USER_PASSWORD)
    with pytest.raises(auth.AuthenticationFailed):
        auth.login(admin.as_user(None), "chenjg", "wrong-password")
    auth.update_user(admin, row.id, auth.UserInput("chenjg", "陈建国", Role.CLERK), row.version)


@pytest.mark.parametrize(
    "value, masked",
    [
        ("1234567890", "12******90"),
        ("E12345678", "E*******8"),
        ("8612345", "86***45"),
    ],
    ids=["10-char-document", "passport", "7-digit-landline"],
)
def test_short_numbers_are_masked_too(value, masked):
    assert (mask_phone(value) if len(value) == 7 else mask_id_number(value)) == masked


@pytest.mark.parametrize(
    "text",
    [
        "电话 +8613812345678",
        "电话 8613812345678",
        "电话 １３８１２３４５６７８",
        "证件 ３２０６１２１９９００１０１１２３４",
    ],
    ids=["plus-86", "86", "full-width-mobile", "full-width-id"],
)
def test_log_text_masks_prefixed_and_full_width_numbers(text):
    masked = mask_personal_data_in_text(text)
    assert "5678" in masked or "1234" in masked
    assert "1234567" not in masked and "12345678" not in masked.replace("*", "")
    assert "****" in masked


@pytest.mark.parametrize("password", ["901234567890", "12345678901234567890", "987654321098"])
def test_long_runs_of_consecutive_digits_are_too_simple(password):
    with pytest.raises(ValidationError, match="连续的数字"):
        check_password_rules(password)
