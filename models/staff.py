"""Who is working: the staff id recorded with every save, referral change and audit record.

A configured staff id (TE_NAVIGATOR_STAFF, else `staff_id` in the config file), else the operating-system
user name. It names a member of staff, never a customer: it is free text stored with every record, so it is held
to the rules of any free text (no personal identity code, no control characters, valid UTF-8)."""

from __future__ import annotations

import getpass
import os

from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _

MAX_LENGTH = 64


class StaffIdRefused(UserFacingError):
    """The configured staff id cannot be stored; the message names where it was set."""


def current_staff() -> str:
    configured = os.environ.get("TE_NAVIGATOR_STAFF")
    where = "TE_NAVIGATOR_STAFF"
    if not configured:
        from te_navigator.models import config

        configured = config.load().get("staff_id")
        where = _("staff_id in {path}").format(path=config.config_path())
    if not configured:
        try:
            configured = getpass.getuser()
        except (KeyError, OSError):  # no user name in a container without /etc/passwd entry
            configured = "unknown"
        where = _("the user name")
    staff = str(configured).strip()[:MAX_LENGTH] or "unknown"
    _refuse_unstorable(staff, where)
    return staff


def _refuse_unstorable(staff: str, where: str) -> None:
    from te_navigator.models.answers import text_problem

    problem = text_problem(staff)
    if problem:
        raise StaffIdRefused(
            _("The staff id ({where}) cannot be stored with the records: {problem}").format(
                where=where, problem=problem
            )
        )
