"""The photo store on a real PostgreSQL server: the same photo is one row and one file however
many records show it, a removal keeps the file, an edited order keeps its photos
(the same checks as tests/unit/test_photos.py on SQLite). The store is in this machine's data
folder for a server database."""

from __future__ import annotations

from pathlib import Path

import pytest

from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.photos import photo_folder
from tests.unit.test_photo_cells import (
    check_a_removed_link_is_not_counted_nor_shown,
    check_counts_and_the_after_photo_first,
)
from tests.unit.test_photos import (
    check_an_edited_order_keeps_its_photos,
    check_the_same_photo_is_stored_once,
)

pytestmark = pytest.mark.postgres


def test_the_store_of_a_server_database_is_in_the_data_folder(
    pg_admin: AppContext, data_dir: Path
) -> None:
    assert photo_folder(pg_admin) == data_dir / "photos"


def test_the_same_photo_is_stored_once_on_postgres(pg_admin: AppContext, data_dir: Path) -> None:
    check_the_same_photo_is_stored_once(pg_admin)


def test_an_edited_order_keeps_its_photos_on_postgres(pg_admin: AppContext, data_dir: Path) -> None:
    check_an_edited_order_keeps_its_photos(pg_admin)


def test_a_pages_photo_cells_on_postgres(pg_admin: AppContext, data_dir: Path) -> None:
    check_counts_and_the_after_photo_first(pg_admin)
    check_a_removed_link_is_not_counted_nor_shown(pg_admin)
