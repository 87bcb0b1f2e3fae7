"""Who is working: the staff id recorded with every save, referral change and audit record.

A configured staff id (TE_NAVIGATOR_STAFF, else `staff_id` in the config file), else the operating-system
user name. It names a member of staff, never a customer."""

from __future__ import annotations

import getpass
import os

MAX_LENGTH = 64


def current_staff() -> str:
    configured = os.environ.get("TE_NAVIGATOR_STAFF")
    if not configured:
        from te_navigator.models import config

        configured = config.load().get("staff_id")
    if not configured:
        try:
            configured = getpass.getuser()
        except (KeyError, OSError):  # no user name in a container without /etc/passwd entry
            configured = "unknown"
    return str(configured).strip()[:MAX_LENGTH] or "unknown"
