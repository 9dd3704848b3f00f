"""Rules about the project itself: layers, generated forms, translations, Qt pin, self-test."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jinsha_desktop.gui import i18n, uic

ROOT = Path(__file__).resolve().parent.parent


def test_layers_and_no_qt_below_the_gui():
    tool = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(tool) if tool.exists() else "lint-imports"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout
    assert "Reports are formats: no database KEPT" in result.stdout


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else name


def test_lint_is_clean():
    result = subprocess.run(
        [_tool("ruff"), "check", "jinsha_desktop", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_whole_package_type_checks_domain_and_services_strictly():
    # The forms pyside6-uic writes (gui/generated) are excluded in pyproject.toml; nothing else.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    strict = [set(o["module"]) for o in config["overrides"] if o.get("strict")]
    assert any({"jinsha_desktop.domain.*", "jinsha_desktop.services.*"} <= s for s in strict)
    assert config["exclude"] == ["^jinsha_desktop/gui/generated/"]
    result = subprocess.run(
        [_tool("mypy"), "jinsha_desktop"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_generated_form_matches_its_ui_file():
    assert uic.ui_files(), "no .ui files found"
    assert uic.stale_modules() == []


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    }


def test_chinese_translation_is_complete_and_current(tmp_path):
    committed = i18n.translation_file("zh_CN")
    fresh = tmp_path / "fresh.ts"
    i18n.lupdate(fresh)
    wanted = set(_messages(fresh))
    have = _messages(committed)
    assert sorted(wanted - set(have)) == [], "strings missing from jinsha_zh_CN.ts"
    assert sorted(set(have) - wanted) == [], "obsolete strings in jinsha_zh_CN.ts"
    unfinished = [
        key
        for key, message in have.items()
        if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not "".join(message.find("translation").itertext()).strip()
    ]
    assert unfinished == []


def test_shipped_qm_file_is_compiled_from_the_ts_file(tmp_path):
    ts = i18n.translation_file("zh_CN")
    compiled = tmp_path / "check.qm"
    i18n.lrelease(ts, compiled)
    assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes()


def test_pyside_is_pinned_below_the_release_that_crashes_python_3_11():
    import PySide6
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtGui import QStandardItemModel

    major, minor, patch = (int(x) for x in PySide6.__version__.split(".")[:3])
    assert (6, 11, 3) <= (major, minor, patch) < (6, 12, 0)
    # The 6.12.0 bug: each empty QVariant returned to Python dropped a reference to None,
    # and Python 3.11 aborts when None's count reaches zero. 20,000 calls would show it.
    model = QStandardItemModel(2, 2)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        model.data(model.index(0, 0), Qt.ItemDataRole.UserRole)
        model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole)
        QModelIndex().data()
    assert abs(sys.getrefcount(None) - before) < 100


@pytest.mark.slow
def test_self_test_command_passes(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JINSHA_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "jinsha_desktop", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "自检通过" in result.stdout


MAX_FILE_LINES = 500
"""Issue 12: no hand-written file in the package over this (a person can hold it in their head)."""


def test_no_hand_written_module_is_longer_than_the_limit():
    package = ROOT / "jinsha_desktop"
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in package.rglob("*.py")
        if not {"generated", "migrations"} & set(path.relative_to(package).parts)
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    }
    assert too_long == {}
