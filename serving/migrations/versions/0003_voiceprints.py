"""Voiceprints of enrolled attendees (encrypted), and each meeting's per-speaker voiceprints.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("voiceprints", sa.JSON(), nullable=False, server_default="{}"))
    op.create_table(
        "voiceprints",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("vector", sa.Text(), nullable=False),
        sa.Column("consent_by", sa.String(64), nullable=False),
        sa.Column("source_meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_voiceprints_name", "voiceprints", ["name"])


def downgrade() -> None:
    op.drop_table("voiceprints")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("voiceprints")
