"""The command-line parser is built before the GUI starts: it names its lists only in the help.

(tests/gui/test_startup_imports.py checks that building it imports nothing heavy.)
"""

from __future__ import annotations

import pytest

from jinsha_desktop import cli


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("export", ["visits", "people", "risk-areas"]),
        ("import", ["roster（来访人员名单）", "match_list（协查名单）"]),
    ],
)
def test_command_help_still_names_what_it_can_export_or_import(
    command: str, expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        cli.build_parser().parse_args([command, "--help"])
    assert ended.value.code == 0
    shown = capsys.readouterr().out.replace("\n", " ")
    for name in expected:
        assert name in shown
