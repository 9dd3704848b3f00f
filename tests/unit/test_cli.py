"""The command line (cli.py): `demo-data` and `audit verify`, run as a person runs them."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from jinsha_desktop import __version__, cli
from jinsha_desktop.domain.pinyin import name_sort_key
from tests.unit.support import raw_sqlite

ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str, data_dir: Path, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **({"JINSHA_PASSWORD": password} if password is not None else {}),
        "JINSHA_DATA_DIR": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "jinsha_desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_database(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One demo database for the whole module (generating it hashes passwords at product cost)."""
    folder = tmp_path_factory.mktemp("cli")
    target = folder / "演示.sqlite3"
    result = run_cli("demo-data", "--db", str(target), "--scale", "1", data_dir=folder / "data")
    return target, result


@pytest.fixture
def demo_copy(demo_database: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> Path:
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(demo_database[0], copy)
    return copy


def test_demo_data_creates_a_filled_database_and_says_how_to_log_in(
    demo_database: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    target, result = demo_database

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"已生成演示数据：{target}（")
    assert "登录：admin / jinsha2026" in result.stdout
    with closing(sqlite3.connect(target)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        units = [
            n for (n,) in connection.execute("SELECT name FROM unit ORDER BY sort_order, name")
        ]
        users = [
            n for (n,) in connection.execute("SELECT username FROM app_user ORDER BY username")
        ]
        compounds = connection.execute("SELECT count(*) FROM compound").fetchone()[0]
    assert units[:5] == ["北山社区", "金余村", "新三园村", "城东村", "金北村"]
    assert set(units[5:]) == {"南山社区", "五总村"}
    assert users == ["admin", "clerk", "property", "viewer", "volunteer"]
    assert f"compounds {compounds}" in result.stdout


def test_demo_people_are_all_stored_and_their_names_fit_the_sex_on_their_card(
    demo_database: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    from jinsha_desktop.services.demo_registration import FEMALE_GIVEN, MALE_GIVEN

    target, result = demo_database
    with closing(sqlite3.connect(target)) as connection:
        people = connection.execute(
            "SELECT name, gender, document_number FROM person WHERE deleted_at IS NULL"
        ).fetchall()

    assert f"people {len(people)}，" in result.stdout
    assert len(people) == 40
    assert "𠮷祥" in {name for name, _gender, _number in people}
    for name, gender, number in people:
        assert gender == ("male" if int(number[16]) % 2 else "female"), name
        if name != "𠮷祥":
            assert name[1:] in (MALE_GIVEN if gender == "male" else FEMALE_GIVEN), name


def test_demo_data_refuses_a_database_that_already_holds_data(
    demo_copy: Path, tmp_path: Path
) -> None:
    before = demo_copy.read_bytes()

    result = run_cli("demo-data", "--db", str(demo_copy), data_dir=tmp_path / "data")

    assert result.returncode == 2
    assert (
        result.stderr.strip() == "错误：这个数据库里已经有数据了，演示数据只能写入新的数据库文件。"
    )
    assert result.stdout == ""
    with closing(sqlite3.connect(demo_copy)) as connection:
        assert connection.execute("SELECT count(*) FROM app_user").fetchone() == (5,)
    assert demo_copy.read_bytes() == before


def test_audit_verify_of_an_untouched_database_exits_zero(demo_copy: Path, tmp_path: Path) -> None:
    result = run_cli("audit", "verify", "--db", str(demo_copy), data_dir=tmp_path / "data")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("已校验 ") and "条操作日志" in lines[0] and "条记录" in lines[0]
    assert lines[1] == "操作日志完整，未发现程序之外的改动。"


def test_audit_verify_reports_a_record_changed_outside_the_app(
    demo_copy: Path, tmp_path: Path
) -> None:
    with raw_sqlite(demo_copy) as connection:
        connection.execute("UPDATE app_user SET role = 'admin' WHERE username = 'viewer'")

    result = run_cli("audit", "verify", "--db", str(demo_copy), data_dir=tmp_path / "data")

    assert result.returncode == 1
    assert "被改动的记录：app_user " in result.stdout
    assert "内容与最后一条操作日志不符" in result.stdout
    assert "第一处断链" not in result.stdout


def test_audit_verify_prints_the_first_broken_link(demo_copy: Path, tmp_path: Path) -> None:
    with raw_sqlite(demo_copy) as connection:
        connection.execute("UPDATE audit_entry SET summary = '什么也没发生' WHERE seq = 17")

    result = run_cli("audit", "verify", "--db", str(demo_copy), data_dir=tmp_path / "data")

    assert result.returncode == 1
    assert "第一处断链：" in result.stdout
    assert "的第 17 条操作日志" in result.stdout
    assert "内容与其哈希不符" in result.stdout


def test_audit_verify_of_a_missing_file_exits_two(tmp_path: Path) -> None:
    missing = tmp_path / "没有这个文件.sqlite3"

    result = run_cli("audit", "verify", "--db", str(missing), data_dir=tmp_path / "data")

    assert result.returncode == 2
    assert result.stderr.strip() == f"错误：数据库文件不存在：{missing}"
    assert not missing.exists(), "verifying never creates a database"


# ---------------------------------------------------------------- in-process, for the small cases


def test_audit_verify_without_db_checks_the_database_in_the_data_directory(
    demo_copy: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(demo_copy, data_dir / "jinsha.sqlite3")

    assert cli.main(["audit", "verify"]) == 0

    assert "操作日志完整" in capsys.readouterr().out


def test_audit_verify_of_a_file_that_is_not_a_database_exits_two(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = data_dir / "bogus.sqlite3"
    bogus.write_bytes(b"\x00\x01garbage" * 1000)

    assert cli.main(["audit", "verify", "--db", str(bogus)]) == 2

    assert (
        capsys.readouterr().err.strip() == "错误：这个文件不是数据库，或者已经损坏。请从备份恢复。"
    )


@pytest.mark.parametrize("scale", ["0", "10001"])
def test_demo_data_refuses_a_silly_scale(
    data_dir: Path, capsys: pytest.CaptureFixture[str], scale: str
) -> None:
    target = data_dir / "demo.sqlite3"

    assert cli.main(["demo-data", "--db", str(target), "--scale", scale]) == 2

    assert capsys.readouterr().err.strip() == "错误：规模应在 1 到 10000 之间。"
    assert not target.exists()


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])

    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"jinsha-desktop {__version__}"


def test_audit_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["audit"])

    assert caught.value.code == 2
    assert "ACTION" in capsys.readouterr().err


# ---------------------------------------------------------------- ledgers


def test_ledger_prints_the_demo_registrations_to_a_pdf(demo_copy: Path, tmp_path: Path) -> None:
    from datetime import date, timedelta

    from jinsha_desktop.services.demo import DEMO_PASSWORD
    from tests.reports.pdf_checks import page_texts

    out = tmp_path / "台账" / "登记台账.pdf"
    today = date.today()
    result = run_cli(
        "--db",
        str(demo_copy),
        "ledger",
        "registration",
        "--from",
        (today - timedelta(days=20)).isoformat(),
        "--to",
        today.isoformat(),
        "--user",
        "admin",
        "-o",
        str(out),
        data_dir=tmp_path / "data",
        password=DEMO_PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    assert "已生成" in result.stdout
    texts = page_texts(out)
    assert len(texts) > 3 and all("卡点登记台账" in t and "共" in t for t in texts)
    assert "********" in texts[0]  # masked by default
    with raw_sqlite(demo_copy) as connection:
        [summary] = connection.execute(
            "SELECT summary FROM audit_entry WHERE action = 'print'"
        ).fetchone()
    assert "卡点登记台账" in summary


@pytest.mark.parametrize(
    ("arguments", "password", "message"),
    [
        (["ledger", "nonsense"], "jinsha2026", "没有名为“nonsense”的台账"),
        (["ledger", "registration"], "wrong-password", "用户名或密码"),
        (["ledger", "registration", "--from", "2026.13.40"], "jinsha2026", "不是有效的日期"),
        (["ledger", "registration", "--checkpoint", "没有这个卡点"], "jinsha2026", "没有名为"),
        (["ledger", "registration", "--full"], "jinsha2026", None),
    ],
    ids=["unknown ledger", "wrong password", "bad date", "unknown checkpoint", "viewer full"],
)
def test_ledger_refuses_bad_requests_with_a_message(
    demo_copy: Path, tmp_path: Path, arguments: list[str], password: str, message: str | None
) -> None:
    out = tmp_path / "x.pdf"
    user = "viewer" if "--full" in arguments else "admin"
    result = run_cli(
        "--db",
        str(demo_copy),
        *arguments,
        "--user",
        user,
        "-o",
        str(out),
        data_dir=tmp_path / "data",
        password=password,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("错误：")
    if message:
        assert message in result.stderr
    assert not out.exists()


# ---------------------------------------------------------------- exports


@pytest.mark.parametrize(
    ("arguments", "first_header"),
    [
        (["visits", "--sort", "person_name", "--ascending"], "登记时间"),
        (["people"], "姓名"),
        (["risk-areas"], "地区名称"),
        (["compounds"], "社区/村"),
    ],
    ids=["visits", "people", "risk areas", "compounds"],
)
def test_export_writes_the_list_to_excel(
    demo_copy: Path, tmp_path: Path, arguments: list[str], first_header: str
) -> None:
    from openpyxl import load_workbook

    from jinsha_desktop.services.demo import DEMO_PASSWORD

    out = tmp_path / "导出.xlsx"
    result = run_cli(
        "--db",
        str(demo_copy),
        "export",
        *arguments,
        "--user",
        "admin",
        "-o",
        str(out),
        data_dir=tmp_path / "data",
        password=DEMO_PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == first_header and len(rows) > 1
    assert f"已导出 {len(rows) - 1} 行" in result.stdout
    if arguments[0] == "visits":
        names = [row[3] for row in rows[1:]]
        assert names == sorted(names, key=name_sort_key)  # pinyin order
        assert all("*" in row[6] for row in rows[1:])  # masked without --full


def test_export_of_an_unknown_list_exits_two(demo_copy: Path, tmp_path: Path) -> None:
    result = run_cli(
        "--db",
        str(demo_copy),
        "export",
        "nonsense",
        "--user",
        "admin",
        "-o",
        str(tmp_path / "x.xlsx"),
        data_dir=tmp_path / "data",
        password="jinsha2026",
    )
    assert result.returncode == 2 and "没有名为“nonsense”的列表" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


# ---------------------------------------------------------------- imports


def test_import_previews_writes_the_rejected_rows_and_imports(
    demo_copy: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from jinsha_desktop.services.demo import DEMO_PASSWORD
    from tests.reports import import_workbooks as iw

    source = iw.messy_roster(tmp_path)

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return run_cli(
            "--db",
            str(demo_copy),
            "import",
            "roster",
            str(source),
            *extra,
            "--user",
            "admin",
            data_dir=tmp_path / "data",
            password=DEMO_PASSWORD,
        )

    with raw_sqlite(demo_copy) as connection:
        before = connection.execute("SELECT count(*) FROM person").fetchone()[0]
    dry = run("--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "预览：新增" in dry.stdout and "没有写入数据库" in dry.stdout
    errors = source.with_name(f"{source.stem}-错误行.xlsx")
    rows = list(load_workbook(errors).worksheets[0].iter_rows(values_only=True))
    assert "错误原因" in rows[0] and len(rows) > 1
    with raw_sqlite(demo_copy) as connection:
        assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == before
    done = run()
    assert done.returncode == 0 and "已导入：新增" in done.stdout
    added = int(done.stdout.split("已导入：新增 ")[1].split(" ")[0])
    with raw_sqlite(demo_copy) as connection:
        assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == before + added
    again = run()
    assert "已导入：新增 0 行" in again.stdout


def test_import_of_an_unreadable_file_exits_two(demo_copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "名单.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    result = run_cli(
        "--db",
        str(demo_copy),
        "import",
        "roster",
        str(bad),
        "--user",
        "admin",
        data_dir=tmp_path / "data",
        password="jinsha2026",
    )
    assert result.returncode == 2 and result.stderr.startswith("错误：")


def test_import_mapping_can_be_corrected_on_the_command_line(
    demo_copy: Path, tmp_path: Path
) -> None:
    from tests.reports import import_workbooks as iw

    source = iw.messy_roster(tmp_path)
    result = run_cli(
        "--db",
        str(demo_copy),
        "import",
        "roster",
        str(source),
        "--mapping",
        "身份证号=-",
        "--dry-run",
        "--user",
        "admin",
        data_dir=tmp_path / "data",
        password="jinsha2026",
    )
    assert result.returncode == 2 and "证件号码" in result.stderr
