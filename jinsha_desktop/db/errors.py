"""Database failures a user can do something about, turned into plain Chinese messages."""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from jinsha_desktop.domain.errors import DatabaseProblem, KnownError, StaleRecord

_NO_SERVER = "无法连接数据库服务器，请检查网络和数据库地址设置。"

_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        "database is locked",
        "数据库正被其他程序占用，请稍后再试；如果一直如此，请关闭其他打开此数据库的程序。",
    ),
    (
        "readonly database",
        "数据库文件是只读的，无法保存。请检查文件权限或是否在只读的 U 盘、光盘上。",
    ),
    ("read-only", "数据库文件是只读的，无法保存。请检查文件权限或是否在只读的 U 盘、光盘上。"),
    ("disk is full", "磁盘空间已满，无法保存。请清理磁盘后再试，已保存的数据不受影响。"),
    (r"disk i/o error", "读写磁盘出错，无法保存。请检查磁盘或 U 盘是否已拔出。"),
    ("unable to open database", "无法打开数据库文件，请检查文件是否存在、所在文件夹是否可以写入。"),
    ("file is not a database", "这个文件不是数据库，或者已经损坏。请从备份恢复。"),
    ("malformed", "数据库文件已损坏。请从备份恢复。"),
    ("could not connect", _NO_SERVER),
    ("connection refused", _NO_SERVER),
    ("connection to server", _NO_SERVER),
    ("failed to resolve host", _NO_SERVER),
    ("could not translate host name", _NO_SERVER),
    ("timeout expired", _NO_SERVER),
    ("password authentication failed", "数据库服务器拒绝了用户名或密码，请检查数据库地址设置。"),
    ("pg_hba.conf", "数据库服务器不允许这台电脑连接，请联系服务器管理员。"),
    (r'database ".*" does not exist', "数据库服务器上没有这个数据库，请检查数据库地址设置。"),
)


def known_database_error(error: BaseException) -> KnownError | None:
    """The user-facing form of a database exception, or None when it is a bug."""
    if isinstance(error, KnownError):
        return error
    if isinstance(error, StaleDataError):
        return StaleRecord("这条记录刚被别人修改过，请关闭后重新打开再改。")
    if isinstance(error, OperationalError | DBAPIError):
        text = str(error.orig if isinstance(error, DBAPIError) else error).lower()
        for pattern, message in _MESSAGES:
            if re.search(pattern, text):
                return DatabaseProblem(message)
    if isinstance(error, OSError) and error.errno == 28:  # ENOSPC
        return DatabaseProblem("磁盘空间已满，无法保存。请清理磁盘后再试，已保存的数据不受影响。")
    return None


def raise_known(error: BaseException) -> None:
    """Raise the user-facing form of `error` (from it) if it has one; return if it is a bug, for
    the caller to re-raise it as it is."""
    known = known_database_error(error)
    if known is not None:
        raise known from error
