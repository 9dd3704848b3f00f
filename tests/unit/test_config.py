"""Per-machine settings file and data locations (config.py, paths.py, db/engine.py)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from jinsha_desktop import paths
from jinsha_desktop.config import MachineConfig
from jinsha_desktop.db.engine import Database, database_url, sqlite_file


def test_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    config = MachineConfig.load(tmp_path / "config.json")

    assert config == MachineConfig(
        database="", language="zh_CN", interface_scale="normal", installations={}
    )


def test_saved_config_loads_back_identically(tmp_path: Path) -> None:
    path = tmp_path / "子目录" / "config.json"
    config = MachineConfig(
        database="D:/台账/金沙.sqlite3",
        language="en",
        interface_scale="xlarge",
        installations={"db-1": "inst-1"},
    )

    config.save(path)

    assert MachineConfig.load(path) == config
    assert "金沙" in path.read_text(encoding="utf-8"), "written as readable UTF-8"
    assert [p.name for p in path.parent.iterdir()] == ["config.json"], "no partial file left behind"


def test_saving_replaces_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    MachineConfig(language="en").save(path)

    MachineConfig(language="zh_CN").save(path)

    assert MachineConfig.load(path).language == "zh_CN"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("{not json", id="broken-json"),
        pytest.param("", id="empty-file"),
        pytest.param("[1, 2, 3]", id="not-an-object"),
        pytest.param('"text"', id="a-string"),
    ],
)
def test_unreadable_file_gives_the_defaults(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "config.json"
    path.write_text(content, encoding="utf-8")

    with caplog.at_level(logging.WARNING):
        config = MachineConfig.load(path)

    assert config == MachineConfig()


def test_unknown_or_wrongly_typed_values_are_ignored_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text(
        json.dumps(
            {
                "database": 42,
                "language": "fr",
                "interface_scale": "large",
                "installations": {"db-1": "inst-1", "db-2": 7},
                "unknown": True,
            }
        ),
        encoding="utf-8",
    )

    config = MachineConfig.load(path)

    assert config == MachineConfig(
        database="", language="zh_CN", interface_scale="large", installations={"db-1": "inst-1"}
    )


def test_file_that_is_not_utf8_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_bytes('{"language": "en", "database": "金沙"}'.encode("gbk"))

    assert MachineConfig.load(path) == MachineConfig()


def test_data_directory_follows_the_environment_variable(data_dir: Path) -> None:
    assert paths.data_dir() == data_dir
    assert paths.default_database_path() == data_dir / "jinsha.sqlite3"
    assert paths.demo_database_path() == data_dir / "demo.sqlite3"
    assert paths.backups_dir() == data_dir / "backups"
    assert paths.config_path() == data_dir / "config.json"


def test_resources_are_found_beside_the_package() -> None:
    assert paths.resource_path("x").parent == paths.install_root() / "resources"
    assert (paths.install_root() / "jinsha_desktop").is_dir()


@pytest.mark.parametrize(
    ("location", "backend"),
    [
        pytest.param("~/金沙/jinsha.sqlite3", "sqlite", id="file-path"),
        pytest.param(
            "postgresql+psycopg://jinsha:secret@10.0.0.5/jinsha", "postgresql", id="server-url"
        ),
    ],
)
def test_a_path_becomes_a_sqlite_url_and_a_url_stays_a_url(location: str, backend: str) -> None:
    url = database_url(location)

    assert url.get_backend_name() == backend
    if backend == "sqlite":
        assert sqlite_file(url) == Path(location).expanduser().resolve()
    else:
        assert sqlite_file(url) is None


def test_in_memory_database_has_no_file() -> None:
    assert sqlite_file(make_url("sqlite://")) is None
    assert sqlite_file(make_url("sqlite:///:memory:")) is None


def test_server_address_is_described_without_its_password() -> None:
    pytest.importorskip("psycopg")
    database = Database(make_url("postgresql+psycopg://jinsha:secret@10.0.0.5/jinsha"))
    try:
        assert database.describe() == "postgresql+psycopg://jinsha:***@10.0.0.5/jinsha"
        assert database.file is None
    finally:
        database.dispose()


def test_file_database_is_described_by_its_path(tmp_path: Path) -> None:
    database = Database(database_url(tmp_path / "金沙.sqlite3"))
    try:
        assert database.describe() == str((tmp_path / "金沙.sqlite3").resolve())
    finally:
        database.dispose()
