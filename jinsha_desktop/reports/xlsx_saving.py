"""Saving a workbook so that a cancelled, failed or killed export never leaves a half file.

The workbook is written to a temporary name beside the destination (same disk) and renamed over
it at the end; an OSError on the way becomes a clear Chinese message (folder missing, file open
in Excel/WPS, no permission, disk full, read-only disk).
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from jinsha_desktop.domain.errors import KnownError


class ExcelWriteProblem(KnownError):
    """The workbook could not be saved: file open in Excel/WPS, no permission, disk full…"""


def problem_of(error: OSError, path: Path, renaming: bool) -> ExcelWriteProblem:
    name, folder = path.name, str(path.parent)
    if isinstance(error, IsADirectoryError):
        message = f"“{path}”是一个文件夹，请换一个文件名。"
    elif isinstance(error, FileNotFoundError | NotADirectoryError):
        message = f"找不到文件夹“{folder}”，请换一个位置保存。"
    elif isinstance(error, PermissionError) and renaming:
        message = f"无法写入“{name}”，文件可能正在 Excel/WPS 中打开，请关闭后重试。"
    elif isinstance(error, PermissionError):
        message = f"没有在“{folder}”中写文件的权限，请换一个位置保存。"
    elif error.errno in (errno.ENOSPC, errno.EDQUOT):
        message = f"磁盘空间不足，无法保存“{name}”，请清理磁盘或换一个位置保存。"
    elif error.errno == errno.EROFS:
        message = f"“{folder}”所在的磁盘是只读的，请换一个位置保存。"
    else:
        message = f"无法保存“{name}”：{error.strerror or error}。"
    return ExcelWriteProblem(message)


def save_atomically(path: Path, fill: Callable[[Workbook], object], write_only: bool) -> None:
    """Build a workbook with `fill`, save it beside `path`, then rename it to `path`."""
    path = Path(path)
    temporary = _claim_temporary(path)
    workbook = Workbook(write_only=write_only)
    renaming = False
    try:
        fill(workbook)
        workbook.save(temporary)
        renaming = True
        os.replace(temporary, path)
    except BaseException as error:
        _discard(workbook)
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise problem_of(error, path, renaming) from error
        raise


def _claim_temporary(path: Path) -> Path:
    """A new empty file beside `path` (same disk, so the final rename is atomic)."""
    for _ in range(100):
        temporary = path.with_name(f".~{path.stem[:40]}.{secrets.token_hex(4)}.xlsx.tmp")
        try:
            # Not mkstemp: its 0600 mode would stay on the export; this one follows the umask.
            with open(temporary, "xb"):
                return temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise problem_of(error, path, renaming=False) from error
    raise ExcelWriteProblem(f"无法在“{path.parent}”中创建临时文件。")


def _discard(workbook: Workbook) -> None:
    """Close and delete the row files openpyxl keeps (in the temp folder) for write-only sheets."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        if not sheet.closed:
            try:
                if sheet._rows is not None:
                    sheet._rows.close()
                writer.close()
            except Exception:  # already failing; the file is removed below
                pass
        if isinstance(writer.out, str) and os.path.exists(writer.out):
            try:
                writer.cleanup()
            except (OSError, ValueError):
                pass
