"""An index of the cases that have an open referral, for the 3-month targets list and its count.

Revision ID: 0008_open_case_index
Revises: 0007_followup_indexes
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_open_case_index"
down_revision = "0007_followup_indexes"
branch_labels = None
depends_on = None

OPEN_REFERRAL = "status IN ('planned', 'referred', 'started')"


def upgrade() -> None:
    op.create_index("ix_referral_open_case", "referral", ["case_id"], sqlite_where=sa.text(OPEN_REFERRAL),
                    postgresql_where=sa.text(OPEN_REFERRAL))


def downgrade() -> None:
    op.drop_index("ix_referral_open_case", table_name="referral")
