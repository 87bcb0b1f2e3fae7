"""Identities of records across stores, importable without the ORM."""

from __future__ import annotations

import uuid


def new_uid() -> str:
    """A record's identity across stores: a laptop's and the office's rows meet in a sync without clashing."""
    return uuid.uuid4().hex
