"""Catalogue documents (checklists, rules, timings, pathways) and saved assessments with their history.

Revision ID: 0003_assessments
Revises: 0002_search_index
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003_assessments"
down_revision = "0002_search_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('case_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_case_record_reference'), 'case_record', ['reference'], unique=True)
    op.create_table('catalogue_document',
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'key')
    )
    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('area', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('municipality', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('latest_version', sa.Integer(), nullable=False),
    sa.Column('finished', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_record.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_assessment_case_id'), 'assessment', ['case_id'], unique=False)
    op.create_index(op.f('ix_assessment_municipality'), 'assessment', ['municipality'], unique=False)
    op.create_index(op.f('ix_assessment_template_id'), 'assessment', ['template_id'], unique=False)
    op.create_index(op.f('ix_assessment_updated_at'), 'assessment', ['updated_at'], unique=False)
    op.create_table('assessment_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('saved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('finished', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_assessment_version_assessment_id'), 'assessment_version', ['assessment_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_assessment_version_assessment_id'), table_name='assessment_version')
    op.drop_table('assessment_version')
    op.drop_index(op.f('ix_assessment_updated_at'), table_name='assessment')
    op.drop_index(op.f('ix_assessment_template_id'), table_name='assessment')
    op.drop_index(op.f('ix_assessment_municipality'), table_name='assessment')
    op.drop_index(op.f('ix_assessment_case_id'), table_name='assessment')
    op.drop_table('assessment')
    op.drop_table('catalogue_document')
    op.drop_index(op.f('ix_case_record_reference'), table_name='case_record')
    op.drop_table('case_record')
    op.drop_table('audit_event')
