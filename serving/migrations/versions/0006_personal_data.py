"""Personal data at rest: encrypted complaint text and contact with a keyed lookup hash, replies,
retention markers; meetings can keep their recording on purpose.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COMPLAINT_COLUMNS = (
    ("text_encrypted", sa.Text()),
    ("contact_encrypted", sa.Text()),
    ("contact_index", sa.String(64)),
    ("consent_at", sa.DateTime(timezone=True)),
    ("reply_masked", sa.Text()),
    ("replied_by", sa.String(64)),
    ("replied_at", sa.DateTime(timezone=True)),
    ("purged_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        for name, column_type in COMPLAINT_COLUMNS:
            batch.add_column(sa.Column(name, column_type))
        batch.create_index("ix_complaints_contact_index", ["contact_index"])
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("keep_recording", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("purged_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("purged_at")
        batch.drop_column("keep_recording")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_index("ix_complaints_contact_index")
        for name, _ in reversed(COMPLAINT_COLUMNS):
            batch.drop_column(name)
