"""Personal data a clerk masked by hand (what the masker missed), kept encrypted as training data for the
learned name scorer.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("pii_marks_encrypted", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("pii_marks_encrypted")
