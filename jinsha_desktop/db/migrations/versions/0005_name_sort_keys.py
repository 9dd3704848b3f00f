"""names in pinyin order: person.name_sort, visit.person_name_sort

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jinsha_desktop.domain.pinyin import MAX_KEY_LENGTH, name_sort_key

# As db/registration_models.py: compared byte by byte on PostgreSQL, whatever the server's locale.
SORT_KEY = sa.String(MAX_KEY_LENGTH).with_variant(
    sa.String(MAX_KEY_LENGTH, collation="C"), "postgresql"
)

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("person", "visit"):
        column = "name_sort" if table == "person" else "person_name_sort"
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, SORT_KEY, nullable=False, server_default=""))
    _fill_sort_keys()
    op.create_index("ix_person_name_sort", "person", ["name_sort", "id"])
    op.create_index("ix_visit_person_name_sort", "visit", ["person_name_sort", "visited_at", "id"])


def _fill_sort_keys() -> None:
    """One UPDATE per distinct name (found through the name indexes), not one per row: a
    million visits are some fifty thousand names."""
    connection = op.get_bind()
    for table, name, key in (
        ("person", "name", "name_sort"),
        ("visit", "person_name", "person_name_sort"),
    ):
        names = [
            row[0] for row in connection.execute(sa.text(f"SELECT DISTINCT {name} FROM {table}"))
        ]
        if names:
            connection.execute(
                sa.text(f"UPDATE {table} SET {key} = :key WHERE {name} = :name"),
                [{"key": name_sort_key(n), "name": n} for n in names],
            )


def downgrade() -> None:
    op.drop_index("ix_visit_person_name_sort", table_name="visit")
    op.drop_index("ix_person_name_sort", table_name="person")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_column("person_name_sort")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("name_sort")
