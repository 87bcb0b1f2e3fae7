"""Indexes for the follow-up lists: the open referrals by due date, and the cases by registration date.

Revision ID: 0007_followup_indexes
Revises: 0006_office
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_followup_indexes"
down_revision = "0006_office"
branch_labels = None
depends_on = None

OPEN_REFERRAL = "status IN ('planned', 'referred', 'started')"


def upgrade() -> None:
    op.create_index("ix_referral_open_due", "referral", ["due_on", "id"], sqlite_where=sa.text(OPEN_REFERRAL),
                    postgresql_where=sa.text(OPEN_REFERRAL))
    op.create_index("ix_case_record_registered_on", "case_record", ["registered_on"])


def downgrade() -> None:
    op.drop_index("ix_case_record_registered_on", table_name="case_record")
    op.drop_index("ix_referral_open_due", table_name="referral")
