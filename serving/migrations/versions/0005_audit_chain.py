"""Append-only, hash-chained access log: sequence and hashes on every row, a chain head, and triggers that
refuse UPDATE and early DELETE on SQLite and PostgreSQL. The complaint foreign key goes: access records must
outlive the records they are about.

Revision ID: 0005
Revises: 0004
"""

import hashlib
import json
from datetime import UTC
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64
REFUSAL = "audit_log is append-only (접속기록은 수정·삭제할 수 없습니다)"
# The Personal Information Protection Act's safety measures keep access records at least two years.
MIN_KEEP = "730 days"


def _digest(prev_hash: str, row) -> str:
    # Frozen copy of AuditEvent.digest as it was at this revision: a migration must not change with the code.
    at = row.at.astimezone(UTC) if row.at.tzinfo else row.at
    content = [row.seq, at.strftime("%Y-%m-%dT%H:%M:%S.%f"), row.actor, row.action, row.target_type,
               row.target_id, row.complaint_id, row.reason, row.client_ip]
    return hashlib.sha256((prev_hash + json.dumps(content, ensure_ascii=False)).encode()).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()
    # SQLite's foreign key has no name: the batch's naming convention gives it one so it can be dropped.
    naming = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}
    sqlite = bind.dialect.name == "sqlite"
    with op.batch_alter_table("audit_log", naming_convention=naming) as batch:
        batch.add_column(sa.Column("seq", sa.BigInteger()))
        batch.add_column(sa.Column("prev_hash", sa.String(64)))
        batch.add_column(sa.Column("row_hash", sa.String(64)))
        batch.drop_constraint("fk_audit_log_complaint_id_complaints" if sqlite else "audit_log_complaint_id_fkey",
                              type_="foreignkey")
    table = sa.table(
        "audit_log", sa.column("id", sa.Integer()), sa.column("seq", sa.BigInteger()),
        sa.column("at", sa.DateTime(timezone=True)), sa.column("complaint_id", sa.Integer()),
        *(sa.column(name, sa.String()) for name in ("actor", "action", "target_type", "target_id", "reason",
                                                    "client_ip", "prev_hash", "row_hash")))
    last_hash, seq = GENESIS_HASH, 0
    for row in bind.execute(sa.select(table).order_by(table.c.id)).all():
        seq += 1
        digest = _digest(last_hash, SimpleNamespace(**{**row._mapping, "seq": seq}))
        bind.execute(table.update().where(table.c.id == row.id).values(seq=seq, prev_hash=last_hash, row_hash=digest))
        last_hash = digest
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(64), nullable=False)
        batch.alter_column("row_hash", existing_type=sa.String(64), nullable=False)
        batch.create_unique_constraint("uq_audit_log_seq", ["seq"])
    op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    op.execute(sa.text("INSERT INTO audit_chain (id, seq, last_hash) VALUES (1, :seq, :hash)")
               .bindparams(seq=seq, hash=last_hash))
    if bind.dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION civicai_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND OLD.at < now() - interval '{MIN_KEEP}' THEN RETURN OLD; END IF;
              RAISE EXCEPTION '{REFUSAL}';
            END $$""")
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION civicai_audit_append_only()")
    else:
        op.execute(f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                   f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")
        op.execute(f"CREATE TRIGGER audit_log_no_early_delete BEFORE DELETE ON audit_log "
                   f"WHEN OLD.at > datetime('now', '-{MIN_KEEP}') BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION civicai_audit_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_early_delete")
    op.drop_table("audit_chain")
    sqlite = bind.dialect.name == "sqlite"
    with op.batch_alter_table("audit_log") as batch:
        batch.create_foreign_key("fk_audit_log_complaint_id_complaints" if sqlite else "audit_log_complaint_id_fkey",
                                 "complaints", ["complaint_id"], ["id"], ondelete="SET NULL")
        batch.drop_constraint("uq_audit_log_seq", type_="unique")
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
