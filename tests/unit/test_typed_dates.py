"""One reader of written dates and times, for the form and the importer (domain/typed_dates.py).

The form accepts fewer spellings than the importer (no Excel serials, no time in a date field)
and fills a missing year or day from today in its time field; these are parameters of the one
reader, so a spelling both accept reads the same in both.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinsha_desktop.domain.errors import ValidationError
from jinsha_desktop.domain.loose_values import parse_loose_date, parse_loose_datetime
from jinsha_desktop.domain.typed_dates import (
    Written,
    from_excel_serial,
    parse_typed_date,
    parse_typed_time,
    read_written,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-24", date(2026, 11, 24)),
        ("２０２６.11.4", date(2026, 11, 4)),
        ("2026/1/4", date(2026, 1, 4)),
        ("2026年11月24日", date(2026, 11, 24)),
        ("20261124", date(2026, 11, 24)),
        ("  ", None),
        ("11-24", "format"),
        ("2026-02-30", "day"),
    ],
)
def test_dates_are_read_as_volunteers_type_them(typed, expected):
    if isinstance(expected, str):
        with pytest.raises(ValueError, match=expected):
            parse_typed_date(typed)
    else:
        assert parse_typed_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-24 08:15", datetime(2026, 11, 24, 8, 15)),
        ("11-24 8:15", datetime(2026, 11, 24, 8, 15)),
        ("8:15", datetime(2026, 11, 25, 8, 15)),
        ("８：１５", datetime(2026, 11, 25, 8, 15)),
        ("11月24日 20点05", datetime(2026, 11, 24, 20, 5)),
        ("25:00", "day"),
        ("0815", "format"),
        ("", "format"),
        ("2026-11-24", "format"),  # a day without a time is not a time
    ],
)
def test_times_are_read_as_volunteers_type_them(typed, expected):
    if isinstance(expected, str):
        with pytest.raises(ValueError, match=expected):
            parse_typed_time(typed, TODAY)
    else:
        assert parse_typed_time(typed, TODAY) == expected.astimezone()


@pytest.mark.parametrize(
    ("text", "form", "importer"),
    [
        pytest.param("44778", "format", date(2022, 8, 5), id="excel-serial-only-in-sheets"),
        pytest.param("2022-08-05 14:30", "format", date(2022, 8, 5), id="time-in-a-date-field"),
        pytest.param("8-5", "format", "不是日期", id="no-year-in-either"),
        pytest.param("2022-02-30", "day", "不是有效的日期", id="no-such-day-in-either"),
    ],
)
def test_the_form_reads_fewer_spellings_than_the_importer(text, form, importer):
    with pytest.raises(ValueError, match=form):
        parse_typed_date(text)
    if isinstance(importer, date):
        assert parse_loose_date(text, "birth_date", "出生日期") == importer
    else:
        with pytest.raises(ValidationError, match=importer):
            parse_loose_date(text, "birth_date", "出生日期")


def test_the_serial_is_a_parameter_of_the_one_reader():
    with pytest.raises(ValueError, match="format"):
        read_written("44778")
    assert read_written("44778.5", excel_serials=True) == Written(date(2022, 8, 5), time(12))
    with pytest.raises(ValueError, match="leap-day"):
        from_excel_serial(60)


def test_today_fills_only_what_was_left_out():
    assert read_written("8:15", today=TODAY) == Written(TODAY, time(8, 15))
    assert read_written("3-1 8:15", today=TODAY) == Written(date(2026, 3, 1), time(8, 15))
    assert read_written("2020-3-1", today=TODAY) == Written(date(2020, 3, 1), None)


_SPELLINGS = {
    "dashes": lambda d: f"{d.year}-{d.month}-{d.day}",
    "padded": lambda d: d.isoformat(),
    "dots": lambda d: f"{d.year}.{d.month}.{d.day}",
    "slashes": lambda d: d.strftime("%Y/%m/%d"),
    "chinese": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "eight-digits": lambda d: d.strftime("%Y%m%d"),
    "full-width": lambda d: "".join(
        chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in d.isoformat()
    ),
}


@given(
    day=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    spelling=st.sampled_from(sorted(_SPELLINGS)),
)
def test_a_spelling_both_accept_reads_the_same_in_the_form_and_the_importer(day, spelling):
    text = _SPELLINGS[spelling](day)
    assert parse_typed_date(text) == day
    assert parse_loose_date(text, "f", "日期") == day


@given(
    moment=st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda m: m.replace(second=0, microsecond=0)
    )
)
def test_a_written_time_reads_the_same_in_the_form_and_the_importer(moment):
    text = moment.strftime("%Y-%m-%d %H:%M")
    assert parse_typed_time(text, TODAY) == moment.astimezone()
    assert parse_loose_datetime(text, "f", "时间") == moment
