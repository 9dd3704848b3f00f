"""Adding a field to visits touches the model, a migration, the declaration (domain/visit.py)
and the form's .ui file, nothing else: a throw-away field added that way in a child process
(tests/unit/added_visit_field.py) is checked by its rule and shows up in the list row, the Excel
export, the registration ledger, F3's last visit and the load for correction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).with_name("added_visit_field.py")


def test_a_field_declared_once_flows_into_the_row_the_sheet_the_ledger_and_f3(
    database_file: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "JINSHA_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, str(CHILD), str(database_file), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {
        "too_long": [["试验字段不能超过 100 个字（现在 101 个）。", "trial_field"]],
        "row": "金沙街道办事处",
        "sheet": "金沙街道办事处",
        "ledger": "金沙街道办事处",
        "last_visit": "金沙街道办事处",
        "for_edit": "金沙街道办事处",
    }
