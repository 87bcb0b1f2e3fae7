"""The schema revisions this version of te-navigator knows (its Alembic migrations), without importing Alembic."""

from __future__ import annotations

# The migrations this version knows, oldest first; the last is the schema the tables in models/tables.py describe.
KNOWN_REVISIONS = (
    "0001_catalogue",
    "0002_search_index",
    "0003_assessments",
    "0004_referrals",
    "0005_service_facts",
    "0006_office",
    "0007_followup_indexes",
    "0008_open_case_index",
    "0009_assessment_deadlines",
)
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
