"""Migration 0005: the names already in a database get their pinyin sort keys."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from jinsha_desktop.db.migrate import alembic_config, current_revision, head_revision
from jinsha_desktop.domain.clock import FixedClock
from jinsha_desktop.domain.pinyin import name_sort_key
from jinsha_desktop.services.setup import OpenDatabase, open_database
from tests.unit.test_visit_lists import add_checkpoints, register, resident_id


def test_upgrading_a_database_of_the_previous_version_fills_every_name_sort_key(
    database_file: Path, tmp_path: Path, clock: FixedClock, opened: OpenDatabase, admin
) -> None:
    checkpoint = add_checkpoints(admin, "北山社区1号卡点")[0]
    for n, name in enumerate(["何伟", "冯伟", "𠮷祥", "何伟"]):
        register(admin, checkpoint, minutes_ago=n, document_number=resident_id(n), name=name)
    opened.close()
    # The file as the program of revision 0004 left it: later revisions undone, no sort keys.
    engine = create_engine(f"sqlite:///{database_file}")
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    engine.dispose()
    with closing(sqlite3.connect(database_file)) as connection:
        connection.executescript(
            "DROP INDEX ix_person_name_sort; DROP INDEX ix_visit_person_name_sort;"
            "ALTER TABLE person DROP COLUMN name_sort;"
            "ALTER TABLE visit DROP COLUMN person_name_sort;"
            "UPDATE alembic_version SET version_num = '0004';"
        )
        connection.commit()

    opened = open_database(database_file, tmp_path / "backups", clock)
    try:
        assert current_revision(opened.database.engine) == head_revision()
    finally:
        opened.close()

    with closing(sqlite3.connect(database_file)) as connection:
        people = connection.execute("SELECT name, name_sort FROM person").fetchall()
        visits = connection.execute("SELECT person_name, person_name_sort FROM visit").fetchall()
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM visit ORDER BY person_name_sort, visited_at, id"
        ).fetchall()
    assert len(people) == 4 and len(visits) == 4
    assert all(key == name_sort_key(name) for name, key in people + visits)
    assert "ix_visit_person_name_sort" in str(plan)
