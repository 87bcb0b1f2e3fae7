"""What a caseworker looks up about a service (its facts), and a multi-agency model's status (superseded).

Revision ID: 0005_service_facts
Revises: 0004_referrals
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005_service_facts"
down_revision = "0004_referrals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('service', sa.Column('facts', sa.JSON(), nullable=True))
    with op.batch_alter_table('multi_agency_model') as batch:
        batch.add_column(sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                   server_default='active'))
        batch.add_column(sa.Column('superseded_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('superseded_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch.add_column(sa.Column('status_source', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('multi_agency_model') as batch:
        batch.drop_column('status_source')
        batch.drop_column('superseded_by')
        batch.drop_column('superseded_on')
        batch.drop_column('status')
    with op.batch_alter_table('service') as batch:
        batch.drop_column('facts')
