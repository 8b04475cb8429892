"""Meetings, versioned minutes, and job control (cancel, heartbeat, ETA).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("cancel_requested", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("eta_seconds", sa.Float()))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("started_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("finished_at", sa.DateTime(timezone=True)))
        batch.create_index("ix_jobs_heartbeat_at", ["heartbeat_at"])
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("place", sa.String(500)),
        sa.Column("held_at", sa.DateTime(timezone=True)),
        sa.Column("organizer", sa.String(200)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("audio_name", sa.String(255), nullable=False),
        sa.Column("audio_path", sa.String(500)),
        sa.Column("duration", sa.Float()),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("speaker_names", sa.JSON(), nullable=False),
        sa.Column("transcript", sa.JSON()),
        sa.Column("job_id", sa.String(36), sa.ForeignKey("jobs.id", ondelete="SET NULL")),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_meetings_status", "meetings", ["status"])
    op.create_index("ix_meetings_created_at", "meetings", ["created_at"])
    op.create_table(
        "minutes_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("note", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("meeting_id", "version"),
    )
    op.create_index("ix_minutes_versions_meeting_id", "minutes_versions", ["meeting_id"])


def downgrade() -> None:
    op.drop_table("minutes_versions")
    op.drop_table("meetings")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_index("ix_jobs_heartbeat_at")
        for column in ("finished_at", "started_at", "heartbeat_at", "attempts", "eta_seconds", "cancel_requested"):
            batch.drop_column(column)
