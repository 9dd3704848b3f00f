"""Loose spreadsheet values: dates in every spelling an office uses, cell text, ID-number cells."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.id_numbers import parse_id_number
from jinsha_desktop.domain.loose_values import (
    cell_text,
    id_number_cell,
    parse_loose_date,
    parse_loose_datetime,
)
from jinsha_desktop.domain.regions import RegionLookup

AUG_5 = date(2022, 8, 5)


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, None, id="none"),
        pytest.param("", None, id="empty"),
        pytest.param("  \u3000 ", None, id="only-spaces"),
        pytest.param(datetime(2022, 8, 5, 14, 30), AUG_5, id="datetime-cell"),
        pytest.param(AUG_5, AUG_5, id="date-cell"),
        pytest.param(44778, AUG_5, id="serial"),
        pytest.param(44778.604166666664, AUG_5, id="serial-with-time"),
        pytest.param(1, date(1900, 1, 1), id="serial-1"),
        pytest.param(59, date(1900, 2, 28), id="serial-before-fake-leap-day"),
        pytest.param(61, date(1900, 3, 1), id="serial-after-fake-leap-day"),
        pytest.param(2958465, date(9999, 12, 31), id="serial-last-excel-day"),
        pytest.param("2022.8.5", AUG_5, id="dots"),
        pytest.param("2022/08/05", AUG_5, id="slashes"),
        pytest.param("2022-8-5", AUG_5, id="dashes"),
        pytest.param("2022年8月5日", AUG_5, id="chinese"),
        pytest.param("2022年8月5", AUG_5, id="chinese-without-ri"),
        pytest.param("20220805", AUG_5, id="eight-digits"),
        pytest.param(20220805, AUG_5, id="eight-digits-as-number"),
        pytest.param(20220805.0, AUG_5, id="eight-digits-as-float"),
        pytest.param("２０２２．８．５", AUG_5, id="full-width"),
        pytest.param("  2022-08-05\u3000", AUG_5, id="surrounding-spaces"),
        pytest.param("'2022-08-05", AUG_5, id="leading-apostrophe"),
        pytest.param("2022-08-05 14:30", AUG_5, id="with-time"),
        pytest.param("2022/8/5 0:00:00", AUG_5, id="with-seconds"),
        pytest.param("2022-08-05T14:30:05.250", AUG_5, id="iso"),
        pytest.param("2022年8月5日14时30分", AUG_5, id="chinese-time"),
        pytest.param("44778", AUG_5, id="serial-as-text"),
    ],
)
def test_loose_date_accepts_the_forms_offices_use(value, expected):
    assert parse_loose_date(value, "birth_date", "出生日期") == expected


@pytest.mark.parametrize(
    "value, message",
    [
        pytest.param("2022.13.5", "出生日期“2022.13.5”不是有效的日期", id="month-13"),
        pytest.param("2022-02-30", "出生日期“2022-02-30”不是有效的日期", id="feb-30"),
        pytest.param("2022-08-05 25:00", "不是有效的日期", id="hour-25"),
        pytest.param("abc", "出生日期“abc”不是日期", id="words"),
        pytest.param("22.8.5", "出生日期“22.8.5”不是日期", id="two-digit-year"),
        pytest.param("2022年8月", "不是日期", id="no-day"),
        pytest.param(60, "1900-02-29", id="excel-fake-leap-day"),
        pytest.param(0, "出生日期“0”不是日期", id="serial-0"),
        pytest.param(-5, "不是日期", id="negative"),
        pytest.param(13812345678, "出生日期“13812345678”不是日期", id="phone-number"),
        pytest.param(float("nan"), "不是日期", id="nan"),
        pytest.param(True, "不是日期", id="boolean"),
        pytest.param(time(8, 0), "不是日期", id="time-only"),
    ],
)
def test_loose_date_refuses_what_is_no_date_and_names_the_column(value, message):
    with pytest.raises(ValidationError) as caught:
        parse_loose_date(value, "birth_date", "出生日期")
    assert message in caught.value.message
    assert caught.value.field == "birth_date"


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("2022-08-05", datetime(2022, 8, 5), id="date-is-midnight"),
        pytest.param(AUG_5, datetime(2022, 8, 5), id="date-cell-is-midnight"),
        pytest.param("2022/8/5 14:30", datetime(2022, 8, 5, 14, 30), id="minutes"),
        pytest.param("2022.8.5 8:05:09", datetime(2022, 8, 5, 8, 5, 9), id="seconds"),
        pytest.param("2022年8月5日 14点30分", datetime(2022, 8, 5, 14, 30), id="chinese"),
        pytest.param(44778.5, datetime(2022, 8, 5, 12), id="serial-noon"),
        # 14:30 is 0.6041666… of a day; the float is a hair short of it.
        pytest.param(44778.604166666664, datetime(2022, 8, 5, 14, 30), id="serial-rounding"),
        pytest.param(44778.99999999, datetime(2022, 8, 6), id="serial-rounds-to-next-day"),
    ],
)
def test_loose_datetime(value, expected):
    assert parse_loose_datetime(value, "visited_at", "登记时间") == expected


def test_loose_datetime_makes_an_aware_time_naive_local():
    aware = datetime(2022, 8, 5, 6, 30, tzinfo=UTC)
    assert parse_loose_datetime(aware, "f", "时间") == aware.astimezone().replace(tzinfo=None)


_FORMATS = {
    "dots": lambda d: f"{d.year}.{d.month}.{d.day}",
    "slashes": lambda d: d.strftime("%Y/%m/%d"),
    "dashes": lambda d: f"{d.year}-{d.month}-{d.day}",
    "chinese": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "eight-digits": lambda d: d.strftime("%Y%m%d"),
    "full-width": lambda d: "".join(
        chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in d.strftime("%Y-%m-%d")
    ),
    "with-time": lambda d: d.strftime("%Y-%m-%d") + " 14:30",
    # The serial is counted here independently of the parser: days since 1899-12-30.
    "excel-serial": lambda d: (d - date(1899, 12, 30)).days,
    "excel-serial-text": lambda d: str((d - date(1899, 12, 30)).days),
    "datetime-cell": lambda d: datetime(d.year, d.month, d.day, 23, 59),
}


@given(
    day=st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    form=st.sampled_from(sorted(_FORMATS)),
)
def test_every_date_round_trips_through_every_form(day, form):
    shown = _FORMATS[form](day)
    if form == "excel-serial-text" and len(shown) != 5:
        return  # only five-digit text is taken for a serial
    assert parse_loose_date(shown, "f", "日期") == day


@given(
    moment=st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 30)).map(
        lambda m: m.replace(microsecond=0)
    )
)
def test_every_datetime_round_trips_through_an_excel_serial(moment):
    delta = moment - datetime(1899, 12, 30)
    serial = delta.days + delta.seconds / 86_400
    assert parse_loose_datetime(serial, "f", "时间") == moment


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, "", id="none"),
        pytest.param("  张三 \n", "张三", id="stripped"),
        pytest.param("\u3000北山社区\u3000", "北山社区", id="ideographic-spaces"),
        pytest.param("'320612199001011234", "320612199001011234", id="leading-apostrophe"),
        pytest.param("‘0513", "0513", id="curly-apostrophe"),
        pytest.param("１３８１２３４５６７８", "13812345678", id="full-width-digits"),
        pytest.param("ＡＢ（北区）", "AB（北区）", id="full-width-letters-not-brackets"),
        pytest.param("第1行\n第2行", "第1行\n第2行", id="inner-newline-kept"),
        pytest.param(13812345678, "13812345678", id="int"),
        pytest.param(13812345678.0, "13812345678", id="integral-float"),
        pytest.param(320612900101123.0, "320612900101123", id="fifteen-digit-float"),
        pytest.param(3.20612199001011e17, "320612199001011008", id="lossy-float-digits"),
        pytest.param(12.5, "12.5", id="fraction"),
        pytest.param(0, "0", id="zero"),
        pytest.param(True, "TRUE", id="boolean"),
        pytest.param(datetime(2022, 8, 5), "2022-08-05", id="midnight"),
        pytest.param(datetime(2022, 8, 5, 14, 30), "2022-08-05 14:30:00", id="datetime"),
        pytest.param(AUG_5, "2022-08-05", id="date"),
    ],
)
def test_cell_text(value, expected):
    assert cell_text(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("320612199001011234", "320612199001011234", id="text"),
        pytest.param("'32061219900101123x", "32061219900101123X", id="apostrophe-and-x"),
        pytest.param("３２０６１２ １９９００１０１ １２３４", "320612199001011234", id="fw"),
        pytest.param(320612900101123, "320612900101123", id="fifteen-digit-int"),
        pytest.param(320612900101123.0, "320612900101123", id="fifteen-digit-float"),
        # Written by a program as an exact integer: the digits are all there.
        pytest.param(320612199001011234, "320612199001011234", id="exact-int"),
        pytest.param(None, "", id="empty"),
    ],
)
def test_id_number_cell_accepts_exact_numbers(value, expected):
    assert id_number_cell(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(3.20612199001011e17, id="eighteen-digit-float"),
        pytest.param(1e15, id="sixteen-digit-float"),
        pytest.param("3.20612E+17", id="scientific-text"),
        pytest.param("３.２０６１２Ｅ＋１７", id="scientific-full-width"),
    ],
)
def test_id_number_cell_refuses_a_number_excel_rounded(value):
    with pytest.raises(ValidationError) as caught:
        id_number_cell(value, "id_number")
    assert "身份证号被 Excel 存成了数字" in caught.value.message
    assert "设为“文本”" in caught.value.message
    assert caught.value.field == "id_number"


def test_an_accepted_fifteen_digit_cell_is_a_valid_old_id_number():
    number = id_number_cell(320612900101123.0)
    info = parse_id_number(number, date(2026, 1, 1), RegionLookup([]))
    assert info.converted_from_15
    assert info.birth_date == date(1990, 1, 1)
