"""Full ID and phone numbers: one rule for every service that can hand them out.

Masking is a service rule, not a screen's (DESIGN.md, PIPL art. 28 and 51): a service that takes
`full` refuses it to a role without VIEW_FULL_PERSONAL_DATA and records the full view in the
audit log before any number leaves it. tests/unit/test_full_view_rule.py finds every such
service by its `full` parameter, so a new one cannot skip this.
"""

from __future__ import annotations

from jinsha_desktop.domain.errors import PermissionDenied
from jinsha_desktop.domain.permissions import Permission
from jinsha_desktop.services.audit import log_action
from jinsha_desktop.services.context import AppContext


def require_full_view(context: AppContext, full: bool, doing: str = "查看") -> bool:
    """`full`, once checked: asking for full ID and phone numbers needs a role that may see
    them (PermissionDenied naming what was being done, 查看 or 打印或导出, otherwise)."""
    if full and (context.user is None or not context.user.can(Permission.VIEW_FULL_PERSONAL_DATA)):
        raise PermissionDenied(f"您的角色不能{doing}完整的身份证号和手机号，请取消“显示完整信息”。")
    return full


def record_full_view(
    context: AppContext, summary: str, *, table_name: str, record_id: str = ""
) -> None:
    """Write the audit entry of a full view (its own transaction, before the data is shown)."""
    log_action(context, "view_full", summary, table_name=table_name, record_id=record_id)


def grant_full_view(context: AppContext, full: bool, summary: str, *, table_name: str) -> bool:
    """require_full_view, then (when full was asked and allowed) record_full_view."""
    if require_full_view(context, full):
        record_full_view(context, summary, table_name=table_name)
    return full
