"""The red/black notice: one A4 page with the red and black lists, the black-listed units' main
deductions, the date and the seal and signature area; and the ranking in Excel."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jinsha_desktop.domain.rankings import Period, RankedUnit, RankingNotice, RankingRules
from jinsha_desktop.reports.fonts import FontChain
from jinsha_desktop.reports.ranking_notice import (
    NoticeProblem,
    write_ranking_notice,
    write_ranking_xlsx,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.rankings import (
    compute_ranking,
    notice_of,
    publish_ranking,
    save_ranking_rules,
)
from tests.reports.pdf_checks import (
    fonts_and_embedding,
    one_line,
    page_tables,
    page_texts,
    render_pages,
)
from tests.unit.ranking_data import an_inspection, unit_ids, unit_names

OCTOBER = Period.parse("2026-10")


@pytest.fixture(scope="module")
def fonts() -> FontChain:
    return FontChain()


def _published(admin: AppContext) -> uuid.UUID:
    units = unit_ids(admin)
    for index, unit_id in enumerate(units[:5]):
        deductions = (
            [("沟渠淤塞不畅，水体发黑发臭", "6"), ("道路路面有垃圾", "2")] if index >= 3 else []
        )
        an_inspection(
            admin, unit_id, date(2026, 10, 3 + index), f"{95 - index * 5}", deductions=deductions
        )
    save_ranking_rules(admin, RankingRules(red_count=2, black_count=2))
    return publish_ranking(admin, OCTOBER, note="按平均得分率排名")


def test_the_notice_is_one_page_with_both_lists_and_a_seal_area(
    admin: AppContext, fonts: FontChain, tmp_path: Path
) -> None:
    notice = notice_of(admin, _published(admin))
    path = tmp_path / "红黑榜.pdf"
    assert write_ranking_notice(notice, path, fonts) == 1
    [text] = page_texts(path)
    line = one_line(text)
    names = unit_names(admin)
    units = unit_ids(admin)
    assert notice.issuer in line and "2026年10月" in line and "第1版" in line
    assert "一、红榜" in line and "二、黑榜" in line
    assert "签发人" in line and "（盖章）" in line
    published_day = notice.published_at.astimezone().date()
    assert f"{published_day.year}年{published_day.month}月{published_day.day}日" in line
    assert "说明：按平均得分率排名" in line
    red, black = page_tables(path)[:2]
    assert red[0] == ["名次", "村/社区", "得分率", "检查次数"]
    assert [row[1] for row in red[1:]] == [names[units[0]], names[units[1]]]
    assert black[0] == ["名次", "村/社区", "得分率", "主要扣分问题"]
    assert [row[1] for row in black[1:]] == [names[units[3]], names[units[4]]]
    assert "沟渠淤塞不畅，水体发黑发臭（扣6分）" in black[1][3]
    assert all(embedded for _name, embedded in fonts_and_embedding(path))
    [png] = render_pages(path, tmp_path / "pages")
    assert png.stat().st_size > 0


def _unit(position: int, listed: str, vetoed: bool = False) -> RankedUnit:
    return RankedUnit(
        uuid.uuid4(),
        f"测试村{position}号",
        position,
        Decimal("99") - position,
        2,
        Decimal(0),
        vetoed,
        listed,  # type: ignore[arg-type]
    )


def test_a_long_list_still_fits_one_page(fonts: FontChain, tmp_path: Path) -> None:
    deductions = [
        "河坡杂草丛生、有垃圾（扣3分，2次）",
        "房前屋后乱堆乱放（扣2分）",
        "墙面乱贴（扣1分）",
    ]
    notice = RankingNotice(
        "通州区金沙街道2026年10月红黑榜",
        "通州区金沙街道",
        "2026年10月",
        3,
        datetime(2026, 11, 2, 1, 0, tzinfo=UTC),
        [_unit(n, "red") for n in range(1, 31)],
        [(_unit(n, "black", vetoed=n == 31), deductions) for n in range(31, 61)],
        units=60,
    )
    path = tmp_path / "long.pdf"
    assert write_ranking_notice(notice, path, fonts) == 1
    assert len(PdfReader(path).pages) == 1
    line = one_line(page_texts(path)[0])
    assert "测试村1号" in line and "测试村60号" in line and "一票否决" in line
    assert "第3版" in line


def test_an_empty_list_says_so(fonts: FontChain, tmp_path: Path) -> None:
    notice = RankingNotice(
        "标题", "金沙街道", "2026年第四季度", 1, datetime(2026, 12, 31, tzinfo=UTC), [], []
    )
    path = tmp_path / "empty.pdf"
    assert write_ranking_notice(notice, path, fonts) == 1
    line = one_line(page_texts(path)[0])
    assert "本期无单位进入红榜" in line and "本期无单位进入黑榜" in line


def test_a_notice_that_cannot_be_written_says_why(fonts: FontChain, tmp_path: Path) -> None:
    notice = RankingNotice(
        "标题", "金沙街道", "2026年10月", 1, datetime(2026, 11, 1, tzinfo=UTC), [], []
    )
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(NoticeProblem, match="无法写入红黑榜文件"):
        write_ranking_notice(notice, blocker / "notice.pdf", fonts)


def test_the_ranking_and_the_notice_in_excel(admin: AppContext, tmp_path: Path) -> None:
    ranking_id = _published(admin)
    view = compute_ranking(admin, OCTOBER)
    write_ranking_xlsx(view, tmp_path / "view.xlsx")
    sheet = load_workbook(tmp_path / "view.xlsx").active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "2026年10月" in str(values[0][0]) and "第1版" in str(values[0][0])
    assert values[1][:4] == ["名次", "村/社区", "得分率", "检查次数"]
    ranked = [row for row in values[2:] if row[0] is not None]
    assert [row[0] for row in ranked] == [1, 2, 3, 4, 5]
    assert ranked[0][2] == 95 and ranked[0][6] == "红榜" and ranked[4][6] == "黑榜"
    assert "沟渠淤塞不畅" in ranked[4][8]
    assert len(values) - 2 == len(view.rows)

    write_ranking_xlsx(notice_of(admin, ranking_id), tmp_path / "notice.xlsx")
    notice_sheet = load_workbook(tmp_path / "notice.xlsx").active
    assert notice_sheet is not None
    listed = [row[6].value for row in notice_sheet.iter_rows(min_row=3)]
    assert listed == ["红榜", "红榜", "黑榜", "黑榜"]
