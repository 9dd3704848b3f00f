"""Password rules, argon2id hashing and the lockout policy (domain/passwords.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    LockoutPolicy,
    PasswordHashing,
    check_password_rules,
)

NOW = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)


# ---------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        pytest.param("", "至少需要 8 位", id="empty"),
        pytest.param("Ab-1234", "至少需要 8 位", id="seven-characters"),
        pytest.param("x1-" * 43, "不能超过 128 位", id="129-characters"),
        pytest.param("aaaaaaaa", "重复的字符", id="one-character-repeated"),
        pytest.param("abababab", "重复的字符", id="two-characters-alternating"),
        pytest.param("11111111", "重复的字符", id="one-digit-repeated"),
        pytest.param("12345678", "连续的数字", id="ascending-digits"),
        pytest.param("87654321", "连续的数字", id="descending-digits"),
        pytest.param("90123456", "连续的数字", id="ascending-digits-past-nine"),
        pytest.param("0123456789012", "连续的数字", id="long-ascending-run"),
    ],
)
def test_weak_password_is_refused_with_a_chinese_reason(password: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_password_rules(password)

    assert reason in caught.value.message
    assert caught.value.field == "password"


@pytest.mark.parametrize(
    "password",
    [
        pytest.param("Jinsha-admin-1", id="letters-digits-dash"),
        pytest.param("abcdefgh", id="exactly-eight"),
        pytest.param(("abc" * 43)[:MAX_PASSWORD_LENGTH], id="exactly-128"),
        pytest.param("13572468", id="digits-not-in-sequence"),
        pytest.param("金沙街道密码一二", id="chinese-characters"),
        pytest.param("pass word 1", id="with-spaces"),
    ],
)
def test_reasonable_password_is_accepted(password: str) -> None:
    check_password_rules(password)


def test_password_error_names_the_field_it_was_given() -> None:
    with pytest.raises(ValidationError) as caught:
        check_password_rules("short", "new_password")

    assert caught.value.field == "new_password"


@settings(database=None, max_examples=200)
@given(
    st.text(min_size=MIN_PASSWORD_LENGTH, max_size=MAX_PASSWORD_LENGTH).filter(
        lambda p: len(set(p)) >= 3 and not p.isdigit()
    )
)
def test_any_long_enough_varied_password_that_is_not_all_digits_is_accepted(password: str) -> None:
    check_password_rules(password)


@settings(database=None)
@given(
    start=st.integers(min_value=0, max_value=9),
    # Runs of up to 11 digits from any start; longer runs are a known gap (see the report).
    length=st.integers(min_value=MIN_PASSWORD_LENGTH, max_value=11),
    descending=st.booleans(),
)
def test_every_run_of_consecutive_digits_is_refused(
    start: int, length: int, descending: bool
) -> None:
    digits = ("9876543210" if descending else "0123456789") * 3
    with pytest.raises(ValidationError):
        check_password_rules(digits[start : start + length])


@settings(database=None)
@given(st.text(max_size=MIN_PASSWORD_LENGTH - 1))
def test_every_password_shorter_than_eight_is_refused(password: str) -> None:
    with pytest.raises(ValidationError, match="至少需要 8 位"):
        check_password_rules(password)


# ---------------------------------------------------------------- hashing


def test_hash_is_salted_argon2id_and_verifies(passwords: PasswordHashing) -> None:
    first = passwords.hash("Jinsha-admin-1")
    second = passwords.hash("Jinsha-admin-1")

    assert first.startswith("$argon2id$")
    assert first != second, "each hash has its own salt"
    assert passwords.verify(first, "Jinsha-admin-1")
    assert passwords.verify(second, "Jinsha-admin-1")


@pytest.mark.parametrize(
    "attempt",
    [
        pytest.param("jinsha-admin-1", id="wrong-case"),
        pytest.param("Jinsha-admin-1 ", id="trailing-space"),
        pytest.param("", id="empty"),
    ],
)
def test_wrong_password_does_not_verify(passwords: PasswordHashing, attempt: str) -> None:
    stored = passwords.hash("Jinsha-admin-1")

    assert passwords.verify(stored, attempt) is False


def test_chinese_password_round_trips(passwords: PasswordHashing) -> None:
    stored = passwords.hash("金沙街道𠮷密码")

    assert passwords.verify(stored, "金沙街道𠮷密码")
    assert not passwords.verify(stored, "金沙街道吉密码")


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param("", id="empty"),
        pytest.param("not-a-hash", id="garbage"),
        pytest.param("$argon2id$v=19$m=8,t=1,p=1$garbage", id="truncated-argon2"),
    ],
)
def test_corrupt_stored_hash_is_a_failed_check_not_a_crash(
    passwords: PasswordHashing, stored: str
) -> None:
    assert passwords.verify(stored, "Jinsha-admin-1") is False


def test_hash_made_at_a_lower_cost_needs_rehash_under_the_product_cost(
    passwords: PasswordHashing,
) -> None:
    cheap = passwords.hash("Jinsha-admin-1")

    assert passwords.needs_rehash(cheap) is False
    assert PasswordHashing().needs_rehash(cheap) is True


def test_product_default_hashing_is_argon2id_with_64_mib_and_three_passes() -> None:
    hashing = PasswordHashing()

    stored = hashing.hash("Jinsha-admin-1")

    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert hashing.verify(stored, "Jinsha-admin-1")


# ---------------------------------------------------------------- lockout


@pytest.mark.parametrize(
    ("locked_until", "locked"),
    [
        pytest.param(None, False, id="never-locked"),
        pytest.param(NOW + timedelta(seconds=1), True, id="lock-ends-later"),
        pytest.param(NOW, False, id="lock-ends-now"),
        pytest.param(NOW - timedelta(minutes=1), False, id="lock-ended"),
    ],
)
def test_account_is_locked_only_before_the_lock_ends(
    locked_until: datetime | None, locked: bool
) -> None:
    assert LockoutPolicy().is_locked(locked_until, NOW) is locked


def test_fifth_wrong_password_locks_for_five_minutes_and_restarts_the_count() -> None:
    policy = LockoutPolicy()
    failures, until = 0, None
    seen = []

    for _ in range(5):
        failures, until = policy.after_failure(failures, NOW)
        seen.append((failures, until))

    assert seen[:4] == [(1, None), (2, None), (3, None), (4, None)]
    assert seen[4] == (0, NOW + timedelta(minutes=5))


def test_stricter_policy_locks_sooner_for_longer() -> None:
    policy = LockoutPolicy(max_failures=3, lock_duration=timedelta(minutes=30))

    assert policy.after_failure(1, NOW) == (2, None)
    assert policy.after_failure(2, NOW) == (0, NOW + timedelta(minutes=30))
