"""Blank import templates: the importer's headers (required ones marked), a note on each, drop-down
lists for fixed choices, text-formatted ID columns, date columns, and a sheet of instructions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from jinsha_desktop.domain.fields import CellKind
from jinsha_desktop.reports.xlsx_writing import (
    CHOICES_SHEET,
    DATE_FORMAT,
    DATETIME_FORMAT,
    EXCEL_MAX_ROWS,
    HEADER_FILL,
    INSTRUCTIONS_TITLE,
    MAX_WIDTH,
    RISKY_START,
    TEXT_FORMAT,
    clean_text,
    display_width,
    save_atomically,
    sheet_title,
)


@dataclass(frozen=True)
class TemplateColumn:
    key: str
    header: str
    kind: CellKind = CellKind.TEXT
    required: bool = False
    choices: Sequence[str] = ()
    note: str = ""


_KIND_HINTS = {
    CellKind.TEXT: "文字",
    CellKind.IDENTIFIER: "按文字填写（已设为文本格式，不会变成科学计数法），如 320612199001011234",
    CellKind.INTEGER: "整数，如 3",
    CellKind.DECIMAL: "数字，如 36.5",
    CellKind.MONEY: "金额（元），如 12.50",
    CellKind.DATE: "日期，如 2026-11-25",
    CellKind.DATETIME: "日期和时间，如 2026-11-25 09:30",
    CellKind.BOOL: "填“是”或“否”",
}
_GENERAL_RULES = (
    "第一行是列名，请不要修改、删除或调换列的顺序；从第二行开始，每行填写一条记录。",
    "列名带 * 的列必须填写；其余列可以留空。",
    "有下拉箭头的列请从下拉列表中选择，不要自己输入其他内容。",
    "证件号码、手机号码等列已设为文本格式，请直接输入，不要改成数字格式，也不要在前面加空格。",
    "日期请按 2026-11-25 的格式填写，日期时间按 2026-11-25 09:30 的格式填写。",
    "填写完成后保存为 .xlsx 文件，再在“导入”中选择该文件。",
)


def _choices(column: TemplateColumn) -> Sequence[str]:
    if column.kind is CellKind.BOOL and not column.choices:
        return ("是", "否")
    return column.choices


def _column_hint(column: TemplateColumn) -> str:
    parts = ["必填。" if column.required else "选填。", _KIND_HINTS[column.kind] + "。"]
    if _choices(column):
        parts.append("请从下拉列表中选择。")
    if column.note:
        parts.append(column.note)
    return "".join(parts)


def text_cell(sheet: Any, value: object, **style: object) -> Cell:
    cell = Cell(sheet, 1, 1)
    if value is not None:
        cell.value = text = clean_text(str(value))
        cell.data_type = "s"  # "-" or "=A" stays text
        cell.quotePrefix = bool(text) and text[0] in RISKY_START
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def write_template(
    path: Path | str,
    title: str,
    columns: Sequence[TemplateColumn],
    *,
    example: Sequence[object] | None = None,
    rules: Sequence[str] = (),
) -> None:
    """A blank import workbook: marked headers with notes, drop-down lists, text and date formats.

    A second sheet “填写说明” lists the general rules (plus `rules`) and every column; `example`
    (one value per column) is shown there rather than in the data sheet, so it is never imported.
    """

    def fill(workbook: Workbook) -> None:
        sheet = workbook.active
        sheet.title = sheet_title(title)
        header_font, required_font = Font(bold=True), Font(bold=True, color="C00000")
        lists: Workbook | None = None
        for index, column in enumerate(columns, 1):
            letter = get_column_letter(index)
            header = f"{column.header}*" if column.required else column.header
            cell = sheet.cell(row=1, column=index, value=clean_text(header))
            cell.data_type = "s"
            cell.font = required_font if column.required else header_font
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center")
            hint = _column_hint(column)
            cell.comment = Comment(hint, "金沙台账", width=240, height=40 + 20 * (len(hint) // 16))
            dimension = sheet.column_dimensions[letter]
            dimension.width = max(display_width(header) * 1.1 + 4, _template_width(column))
            # A column style is what Excel, WPS and LibreOffice give to cells typed into it.
            if column.kind in (CellKind.IDENTIFIER, CellKind.TEXT):
                dimension.number_format = TEXT_FORMAT
            elif column.kind is CellKind.DATE:
                dimension.number_format = DATE_FORMAT
            elif column.kind is CellKind.DATETIME:
                dimension.number_format = DATETIME_FORMAT
            cells = f"{letter}2:{letter}{EXCEL_MAX_ROWS}"
            choices = [clean_text(c) for c in _choices(column)]
            if choices:
                inline = ",".join(choices)
                if len(inline) <= 255 and not any(("," in c or '"' in c) for c in choices):
                    formula = f'"{inline}"'
                else:
                    # Excel refuses an inline list over 255 characters: keep it on a hidden sheet.
                    if lists is None:
                        lists = workbook.create_sheet(CHOICES_SHEET)
                        lists.sheet_state = "hidden"
                    for row, choice in enumerate(choices, 1):
                        item = lists.cell(row=row, column=index, value=choice)
                        item.data_type = "s"
                    formula = (
                        f"{quote_sheetname(CHOICES_SHEET)}!${letter}$1:${letter}${len(choices)}"
                    )
                _validate(
                    sheet,
                    cells,
                    DataValidation(type="list", formula1=formula),
                    "请从下拉列表中选择",
                    f"“{column.header}”只能填写列表中的值。",
                )
            elif column.kind in (CellKind.DATE, CellKind.DATETIME):
                low, high = to_excel(date(1900, 1, 1)), to_excel(date(2100, 12, 31))
                check = DataValidation(
                    type="date", operator="between", formula1=f"{low:.0f}", formula2=f"{high:.0f}"
                )
                _validate(sheet, cells, check, "日期格式不正确", _KIND_HINTS[column.kind] + "。")
        sheet.freeze_panes = "A2"
        _write_instructions(
            workbook.create_sheet(INSTRUCTIONS_TITLE, 1), title, columns, example, rules
        )

    save_atomically(Path(path), fill, write_only=False)


def _template_width(column: TemplateColumn) -> float:
    if column.kind is CellKind.IDENTIFIER:
        return 22
    if column.kind in (CellKind.DATE, CellKind.DATETIME):
        return 18
    widest = max((display_width(c) for c in _choices(column)), default=8)
    return min(max(widest + 4, 12), MAX_WIDTH)


def _validate(sheet: Any, cells: str, check: DataValidation, title: str, message: str) -> None:
    check.allow_blank = True
    check.showErrorMessage = True
    check.errorTitle, check.error = title, message
    check.showInputMessage = False
    check.add(cells)
    sheet.add_data_validation(check)


def _write_instructions(
    sheet: Any,
    title: str,
    columns: Sequence[TemplateColumn],
    example: Sequence[object] | None,
    rules: Sequence[str],
) -> None:
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append(
        [text_cell(sheet, f"《{title}》{INSTRUCTIONS_TITLE}", font=Font(bold=True, size=14))]
    )
    for number, rule in enumerate((*_GENERAL_RULES, *rules), 1):
        sheet.append([text_cell(sheet, f"{number}. {rule}")])
    sheet.append([])
    headings = ["列名", "是否必填", "填写要求", "可选值", "说明"] + (["示例"] if example else [])
    sheet.append([text_cell(sheet, h, font=bold, fill=HEADER_FILL) for h in headings])
    for index, column in enumerate(columns):
        choices = _choices(column)
        values: list[object] = [
            column.header,
            "必填" if column.required else "选填",
            "从下拉列表中选择" if choices else _KIND_HINTS[column.kind],
            "、".join(choices) if len(choices) <= 12 else f"见下拉列表（共 {len(choices)} 项）",
            column.note,
        ]
        if example:
            values.append(_example_text(example[index] if index < len(example) else None))
        sheet.append([text_cell(sheet, v, alignment=wrap) for v in values])
    for letter, width in zip("ABCDEF", (16, 10, 40, 30, 40, 24), strict=True):
        sheet.column_dimensions[letter].width = width


def _example_text(value: object) -> str | None:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return None if value is None else str(value)
