"""Interpreter calls from the kiosk, seen and answered at the staff desk.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interpreter_calls",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kiosk", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_by", sa.String(64)),
        sa.Column("accepted_at", sa.DateTime(timezone=True)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_interpreter_calls_status", "interpreter_calls", ["status"])
    op.create_index("ix_interpreter_calls_created_at", "interpreter_calls", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_interpreter_calls_created_at", "interpreter_calls")
    op.drop_index("ix_interpreter_calls_status", "interpreter_calls")
    op.drop_table("interpreter_calls")
