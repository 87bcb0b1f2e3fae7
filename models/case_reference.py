"""A case's pseudonymous reference, checked (never a personal identity code), and the errors and clock of casework.

Light on purpose: the command line checks a reference and records a referral without importing the ORM.
"""

from __future__ import annotations

import datetime as dt
import re

from te_navigator.models.answers import AnswerProblem, hetu_refusal
from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _
from te_navigator.models.privacy import contains_hetu

UTC = dt.UTC
REFERENCE_PATTERN = re.compile(r"^[\w.\-/#]{2,40}$", re.UNICODE)


class AssessmentError(UserFacingError):
    """Refused input or a failed save; the message is for the user, already translated."""

    def __init__(self, message: str, problems: list[AnswerProblem] | None = None):
        super().__init__(message, problems)


def now() -> dt.datetime:
    return dt.datetime.now(UTC).replace(microsecond=0)


def check_reference(reference: str) -> str:
    reference = (reference or "").strip()
    if contains_hetu(reference):
        raise AssessmentError(_("Case reference: ") + hetu_refusal())
    if not REFERENCE_PATTERN.match(reference):
        raise AssessmentError(
            _("Case reference {value!r}: use 2–40 letters, digits or - . / # (no spaces), e.g. LOV-2026-014.").format(
                value=reference
            )
        )
    return reference
