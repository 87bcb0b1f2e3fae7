"""The catalogue tables.

Revision ID: 0001_catalogue
Revises: 
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001_catalogue"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('catalogue_meta',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('glossary_term',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('term_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('term_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('expansion_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('expansion_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('explanation_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('explanation_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sv_confirmed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('multi_agency_model',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('acronym', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('partners', sa.JSON(), nullable=False),
    sa.Column('service_lines', sa.JSON(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sv_confirmed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('municipality',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('population_2022', sa.Integer(), nullable=False),
    sa.Column('labour_force_2023_07', sa.Integer(), nullable=False),
    sa.Column('labour_force_forecast_2035', sa.Integer(), nullable=False),
    sa.Column('working_age_2021', sa.Integer(), nullable=False),
    sa.Column('foreign_language_2022', sa.Integer(), nullable=False),
    sa.Column('employment_rate_2021', sa.Float(), nullable=False),
    sa.Column('unemployment_rate_2023_07', sa.Float(), nullable=False),
    sa.Column('staff_fte', sa.Float(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('orientation_language',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('production', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('partner',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('partner_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('current_name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('current_name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('renamed_on', sa.Date(), nullable=True),
    sa.Column('renamed_source', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sv_confirmed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('service',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('production', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('statutory', sa.Boolean(), nullable=False),
    sa.Column('channels', sa.JSON(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('abolished_on', sa.Date(), nullable=True),
    sa.Column('status_source', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('keywords_fi', sa.JSON(), nullable=False),
    sa.Column('keywords_sv', sa.JSON(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sv_confirmed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('service_group',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sv_confirmed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('service_line',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sv_confirmed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('service_group_link',
    sa.Column('service_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('group_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['service_group.id'], ),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ),
    sa.PrimaryKeyConstraint('service_id', 'group_id')
    )
    op.create_table('service_line_link',
    sa.Column('service_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('line_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['service_line.id'], ),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ),
    sa.PrimaryKeyConstraint('service_id', 'line_id')
    )
    op.create_table('service_partner_link',
    sa.Column('service_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('partner_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], ),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ),
    sa.PrimaryKeyConstraint('service_id', 'partner_id')
    )
    op.create_table('service_point',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('municipality_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('visit_interval_fi', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('visit_interval_sv', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sv_confirmed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], ),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('service_point')
    op.drop_table('service_partner_link')
    op.drop_table('service_line_link')
    op.drop_table('service_group_link')
    op.drop_table('service_line')
    op.drop_table('service_group')
    op.drop_table('service')
    op.drop_table('partner')
    op.drop_table('orientation_language')
    op.drop_table('municipality')
    op.drop_table('multi_agency_model')
    op.drop_table('glossary_term')
    op.drop_table('catalogue_meta')
