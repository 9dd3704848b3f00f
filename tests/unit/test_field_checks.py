"""The one error collector (domain/errors.py FieldChecks): a form, an imported row and a merged
record collect their errors the same way, arguments in one order (rule or message first)."""

from __future__ import annotations

import pytest

from jinsha_desktop.domain.errors import FieldChecks, FormErrors, ValidationError
from jinsha_desktop.domain.text import clean_name


def _two_errors() -> None:
    raise FormErrors(
        [ValidationError("请填写姓名。", "name"), ValidationError("太长。", "address")]
    )


def test_a_rule_error_lands_on_the_field_the_rule_names() -> None:
    checks = FieldChecks()
    assert checks.check(clean_name, "  王五 ", "姓名", "name") == "王五"
    assert checks.check(clean_name, "", "姓名", "name") is None
    checks.fail("请选择卡点。", "checkpoint_id")
    assert [(e.field, e.message) for e in checks.errors] == [
        ("name", "请填写姓名。"),
        ("checkpoint_id", "请选择卡点。"),
    ]
    with pytest.raises(FormErrors) as raised:
        checks.raise_errors()
    assert raised.value.field == "name"


def test_a_domain_form_s_errors_are_collected_each_on_its_field() -> None:
    checks = FieldChecks()
    assert checks.check(_two_errors) is None
    assert [e.field for e in checks.errors] == ["name", "address"]


def test_views_record_on_an_import_column_in_the_same_collector() -> None:
    checks = FieldChecks(first_per_field=True)
    checks.on("birth_date", also=("document_number",)).check(clean_name, "", "出生日期", "x")
    checks.renaming({"address": "住址列"}).check(_two_errors)
    checks.fail("第二个错误。", "birth_date")  # the first error of a field says most
    assert [(e.field, e.also) for e in checks.errors] == [
        ("birth_date", ("document_number",)),
        ("name", ()),
        ("住址列", ()),
    ]
    assert checks.has_error("住址列") and not checks.has_error("address")


def test_nothing_to_raise_without_errors() -> None:
    checks = FieldChecks()
    checks.raise_errors()
    assert checks.check(clean_name, "张三", "姓名", "name") == "张三"
