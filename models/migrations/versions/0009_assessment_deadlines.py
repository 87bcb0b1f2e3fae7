"""The deadlines of unfinished assessments, worked out once and stored, so the follow-up list pages them in SQL;
back-filled here for every assessment saved before, in the migration's transaction.

Revision ID: 0009_assessment_deadlines
Revises: 0008_open_case_index
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009_assessment_deadlines"
down_revision = "0008_open_case_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("estimated", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_assessment_deadline_assessment_id"), "assessment_deadline", ["assessment_id"])
    op.create_index("ix_assessment_deadline_due", "assessment_deadline", ["due_on", "id"])
    from te_navigator.models.followup_deadlines import store_deadlines
    from te_navigator.models.sql import AlchemySql

    store_deadlines(AlchemySql(op.get_bind()))  # with the timings of the catalogue the store holds now


def downgrade() -> None:
    op.drop_index("ix_assessment_deadline_due", table_name="assessment_deadline")
    op.drop_index(op.f("ix_assessment_deadline_assessment_id"), table_name="assessment_deadline")
    op.drop_table("assessment_deadline")
