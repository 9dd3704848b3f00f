"""Damage a real SQLite file's pages, as a bad sector or a copy cut short would."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def page_size(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big") or 65536


def root_page(path: Path, table: str) -> int:
    uri = path.resolve().as_uri() + "?immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        row = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    assert row is not None, table
    return int(row[0])


def leaf_pages(path: Path, table: str) -> list[int]:
    """The leaf pages of `table`'s b-tree, in key order (SQLite's dbstat table)."""
    uri = path.resolve().as_uri() + "?immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        return [
            row[0]
            for row in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path",
                (table,),
            )
        ]


def overwrite_page(path: Path, page: int, filler: bytes = b"\xa5") -> None:
    """Overwrite page `page` (1-based) with garbage, at page_size * (page - 1)."""
    size = page_size(path)
    with open(path, "r+b") as handle:
        handle.seek(size * (page - 1))
        handle.write((filler * size)[:size])


def lengthen_audit_log(database_file: Path, backups: Path, clock, passwords, config) -> Path:  # type: ignore[no-untyped-def]
    """Enough audit entries in `database_file` for several leaf pages; closed (checkpointed)."""
    from jinsha_desktop.services import auth
    from jinsha_desktop.services.settings import set_unit_name
    from jinsha_desktop.services.setup import local_installation, open_database
    from tests.conftest import ADMIN_PASSWORD

    opened = open_database(database_file, backups, clock)
    try:
        context, _ = local_installation(opened.database, clock, passwords, config)
        admin = auth.login(context, "admin", ADMIN_PASSWORD)
        for n in range(60):
            set_unit_name(admin, f"通州区金沙街道{n}")
        auth.logout(admin)
    finally:
        opened.close()
    return database_file


def damage_root_page(path: Path, table: str) -> None:
    overwrite_page(path, root_page(path, table))


def damage_a_middle_leaf(path: Path, table: str) -> int:
    """Damage a leaf that neither the first nor the last row of `table` is on."""
    leaves = leaf_pages(path, table)
    assert len(leaves) >= 3, f"{table} has {len(leaves)} leaf pages: add rows first"
    page = leaves[len(leaves) // 2]
    overwrite_page(path, page)
    return page
