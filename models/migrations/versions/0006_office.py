"""The office store: who saved what, identities that survive a sync, tombstones and sync times.

Revision ID: 0006_office
Revises: 0005_service_facts
"""

import uuid

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006_office"
down_revision = "0005_service_facts"
branch_labels = None
depends_on = None

SYNCED_TABLES = ("case_record", "assessment", "assessment_version", "referral", "audit_event")


def upgrade() -> None:
    connection = op.get_bind()
    for table in SYNCED_TABLES:
        op.add_column(table, sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        rows = connection.execute(sa.text(f"SELECT id FROM {table}")).fetchall()
        for (row_id,) in rows:
            connection.execute(sa.text(f"UPDATE {table} SET uid = :uid WHERE id = :id"),
                               {"uid": uuid.uuid4().hex, "id": row_id})
        with op.batch_alter_table(table) as batch:
            batch.alter_column("uid", existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False)
            batch.create_index(f"ix_{table}_uid", ["uid"], unique=True)
    _give_history_entries_identities(connection)
    with op.batch_alter_table("assessment_version") as batch:
        batch.add_column(sa.Column("staff", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("staff", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))
    with op.batch_alter_table("referral") as batch:
        batch.add_column(sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                   server_default=""))
        batch.create_index("ix_referral_recorded_by", ["recorded_by"], unique=False)
        batch.create_index("ix_referral_updated_by", ["updated_by"], unique=False)
    op.create_table(
        "tombstone",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("staff", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "sync_peer",
        sa.Column("peer", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("last_synced_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("peer"),
    )


def _give_history_entries_identities(connection) -> None:
    """Status changes recorded before this version get an identity too, so a sync can tell them apart."""
    referral = sa.table("referral", sa.column("id", sa.Integer), sa.column("history", sa.JSON))
    for row_id, history in connection.execute(sa.select(referral.c.id, referral.c.history)).fetchall():
        entries = [{**entry, "uid": entry.get("uid") or uuid.uuid4().hex, "by": entry.get("by", "")}
                   for entry in (history or [])]
        connection.execute(referral.update().where(referral.c.id == row_id).values(history=entries))


def downgrade() -> None:
    op.drop_table("sync_peer")
    op.drop_table("tombstone")
    with op.batch_alter_table("referral") as batch:
        batch.drop_index("ix_referral_updated_by")
        batch.drop_index("ix_referral_recorded_by")
        batch.drop_column("updated_by")
        batch.drop_column("recorded_by")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("staff")
    with op.batch_alter_table("assessment_version") as batch:
        batch.drop_column("staff")
    for table in SYNCED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_uid")
            batch.drop_column("uid")
