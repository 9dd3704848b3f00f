"""The log never holds a personal number in clear (issue 11.11): each way people write an ID
number, a phone number or a travel document goes through the real logger to the real rotating
file (logging_setup.py), and only its masked form arrives."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from jinsha_desktop.logging_setup import configure_logging

ZW = "\u200b"  # a zero-width space, as pasted from a chat program

# (written in the log line, what must not reach the file, what must)
FORMATS = {
    "id-18": ("320612199001011234", "1990010112", "320612********1234"),
    "id-check-x": ("32061219900101123X", "1990010112", "320612********123X"),
    "id-15-legacy": ("320612900101123", "900101", "320612*****1123"),
    "id-spaces": ("320612 19900101 1234", "19900101", "320612********1234"),
    "id-dashes": ("320612-19900101-1234", "19900101", "320612********1234"),
    "id-after-letters": ("sfzh320612199001011234", "1990010112", "sfzh320612********1234"),
    "id-zero-width": (f"3206{ZW}1219900101{ZW}1234", "19900101", "320612********1234"),
    "id-full-width": (
        "３２０６１２１９９００１０１１２３４",
        "１９９００１０１",
        "320612********1234",
    ),
    "mobile": ("13812345678", "13812345678", "138****5678"),
    "mobile-spaces": ("138 1234 5678", "1234", "138****5678"),
    "mobile-dashes": ("138-1234-5678", "1234", "138****5678"),
    "mobile-after-letters": ("tel13812345678", "12345678", "tel138****5678"),
    "mobile-country-code": ("+86-138-1234-5678", "1234", "+86-138****5678"),
    "mobile-zero-width": (f"138{ZW}1234{ZW}5678", "1234", "138****5678"),
    "landline": ("0513-86123456", "8612", "0513-****3456"),
    "landline-brackets": ("(0513) 8612 3456", "8612", "(0513) ****3456"),
    "passport": ("E12345678", "2345678", "E*******8"),
    "hk-macao-permit": ("C98765432", "8765432", "C*******2"),
}


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    path = configure_logging(tmp_path / "logs")
    yield path
    for handler in [h for h in root.handlers if getattr(h, "jinsha", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def written(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_the_formats_are_eighteen():
    assert len(FORMATS) == 18


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_reaches_the_log_file_masked(log_file: Path, name: str) -> None:
    typed, secret, masked = FORMATS[name]
    log = logging.getLogger("jinsha_desktop.services.registration")

    log.info("登记 %s：证件/电话 %s 已保存", "张三", typed)
    log.warning(f"查无此人 {typed}。")  # noqa: G004 - an f-string, as careless code writes it
    try:
        raise ValueError(f"号码不对：{typed}")
    except ValueError:
        log.exception("保存失败")

    text = written(log_file)
    assert typed not in text and secret not in text
    assert text.count(masked) == 3, text


def test_ordinary_numbers_in_a_log_line_are_left_alone(log_file: Path) -> None:
    line = (
        "2026-11-25 09:30:00 导出 12345 行，用时 1381 ms，记录 7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6"
    )
    logging.getLogger("jinsha_desktop.reports.exports").info(line)
    assert line in written(log_file)
