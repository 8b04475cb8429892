"""Initial schema: complaints, jobs, audit log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("receipt_no", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("region", sa.String(64)),
        sa.Column("text_masked", sa.Text(), nullable=False),
        sa.Column("type_code", sa.String(64)),
        sa.Column("department_code", sa.String(64)),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("urgency_score", sa.Float(), nullable=False),
        sa.Column("sentiment", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("analysis", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_complaints_receipt_no", "complaints", ["receipt_no"], unique=True)
    for column in ("region", "type_code", "department_code", "urgent", "status", "created_at"):
        op.create_index(f"ix_complaints_{column}", "complaints", [column])

    op.create_table(
        "jobs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON()),
        sa.Column("error", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("kind", "status", "created_at"):
        op.create_index(f"ix_jobs_{column}", "jobs", [column])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target_type", sa.String(32), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("complaint_id", sa.Integer(), sa.ForeignKey("complaints.id", ondelete="SET NULL")),
        sa.Column("reason", sa.Text()),
        sa.Column("client_ip", sa.String(64)),
    )
    for column in ("at", "actor", "action", "target_id"):
        op.create_index(f"ix_audit_log_{column}", "audit_log", [column])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("jobs")
    op.drop_table("complaints")
