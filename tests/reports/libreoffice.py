"""LibreOffice headless, to check that exported workbooks open and show right outside openpyxl.

`soffice --convert-to csv` prints every cell *as shown* (number formats applied), so a test can
compare what a user would see. Each conversion uses its own throw-away profile: a profile in use
by another LibreOffice (a person's, or a parallel test) makes soffice exit without converting.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REQUIRE_VARIABLE = "JINSHA_REQUIRE_LIBREOFFICE"
_WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

# CSV filter options, by position (LibreOffice's "Filter Options" for Text CSV):
# 1 separator 44 (,), 2 text delimiter 34 ("), 3 character set 76 (UTF-8), 4 first line 1,
# 5 column formats (none), 6 language 0 (default), 7 quote all text false,
# 8 detect special numbers true (import only), 9 save cell contents as shown true,
# 10 export formulas false, 11 remove spaces false, 12 sheet (n, or -1 for every sheet).
_CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false"


class LibreOfficeError(RuntimeError):
    pass


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if sys.platform == "win32":
        return next((p for p in _WINDOWS_PLACES if Path(p).exists()), None)
    return None


def require_soffice() -> str:
    """soffice, or skip the test (fail instead when JINSHA_REQUIRE_LIBREOFFICE=1, as in CI)."""
    program = find_soffice()
    if program is None:
        message = "LibreOffice (soffice) is not installed"
        if os.environ.get(REQUIRE_VARIABLE) == "1":
            pytest.fail(f"{message}, and {REQUIRE_VARIABLE}=1 requires it")
        pytest.skip(message)
    return program


def convert_to_csv(workbook: Path, timeout: float = 120.0) -> dict[str, Path]:
    """The CSV (UTF-8) LibreOffice makes of each sheet of `workbook`, by sheet name, in order."""
    program = require_soffice()
    work = Path(tempfile.mkdtemp(prefix="jinsha-soffice-"))
    out = work / "out"
    command = [
        program,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--convert-to",
        f"{_CSV_FILTER},-1",  # every sheet, each to <name>-<sheet>.csv
        "--outdir",
        str(out),
        str(workbook),
    ]
    try:
        output = _run(command, timeout)
        prefix = f"{workbook.stem}-"
        produced = sorted(out.glob("*.csv")) if out.exists() else []
        if not produced or not all(p.name.startswith(prefix) for p in produced):
            raise LibreOfficeError(f"soffice made {produced!r}; it said:\n{output}")
        sheets = {}
        for number, csv_file in enumerate(_in_sheet_order(output, produced), 1):
            target = workbook.with_name(f"{workbook.stem}.sheet{number}.csv")
            shutil.move(csv_file, target)
            sheets[csv_file.name[len(prefix) : -len(".csv")]] = target
        return sheets
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _in_sheet_order(output: str, produced: list[Path]) -> list[Path]:
    """soffice names each sheet as it writes it ("Writing sheet X -> path"): keep that order."""
    position = {p: output.find(f"-> {p}") for p in produced}
    return sorted(produced, key=lambda p: (position[p] < 0, position[p]))


def _run(command: list[str], timeout: float) -> str:
    # soffice is a launcher script: kill its whole process group, not only the launcher.
    posix = os.name == "posix"
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=posix,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.communicate()
        raise LibreOfficeError(f"soffice took more than {timeout:.0f} s") from None
    if process.returncode != 0:
        raise LibreOfficeError(f"soffice exited with {process.returncode}:\n{output}")
    return output


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def recalculated_xlsx(workbook: Path, folder: Path, timeout: float = 120.0) -> Path:
    """`workbook` opened and saved again by LibreOffice, which computes every formula and saves
    its value with it, as Excel and WPS do (openpyxl saves formulas without values)."""
    program = require_soffice()
    work = Path(tempfile.mkdtemp(prefix="jinsha-soffice-"))
    try:
        _run(
            [
                program,
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(folder),
                str(workbook),
            ],
            timeout,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    saved = folder / f"{workbook.stem}.xlsx"
    if not saved.exists():
        raise LibreOfficeError(f"soffice did not write {saved}")
    return saved
