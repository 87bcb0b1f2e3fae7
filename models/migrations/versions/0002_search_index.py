"""The search index, built while seeding.

Revision ID: 0002_search_index
Revises: 0001_catalogue
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002_search_index"
down_revision = '0001_catalogue'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('search_term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('token', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('surface', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_search_term_entity_kind'), 'search_term', ['entity_kind'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_search_term_entity_kind'), table_name='search_term')
    op.drop_table('search_term')
