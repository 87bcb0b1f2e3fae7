"""The catalogue's fixed words and limits, importable without pydantic (the command line and the first paint
use them); `models/entities.py` builds its types on them."""

from __future__ import annotations

import datetime as dt

AUDIENCES = ("jobseeker", "employer", "entrepreneur", "authority")
PRODUCTIONS = ("own", "purchased", "both", "state", "partner")
NOT_STATED = "not-stated"  # a fact the plan and the law leave open: shown as "not stated", never guessed
STATED_FACTS = ("for_whom", "duration_and_amounts", "customer_cost", "legal_basis", "web_page")
DEADLINE_UNITS = ("working_days", "days", "weeks", "months")  # a deadline gives exactly one
# The longest sensible deadline in each unit (about five years); beyond, dates run past 2100 or loops run long.
DEADLINE_LIMITS = {"working_days": 1300, "days": 1830, "weeks": 260, "months": 60}
EARLIEST_DATE = dt.date(1900, 1, 1)  # dates outside these are typing slips, and break date arithmetic
LATEST_DATE = dt.date(2100, 12, 31)
# A glossary term's links to what it concerns (services, partners, pathways), opened from the glossary screen.
TERM_LINKS = ("related_services", "related_partners", "related_pathways")
