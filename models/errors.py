"""The one base of every error whose message is for the user (already translated), with any listed problems."""

from __future__ import annotations


class UserFacingError(Exception):
    """Refused input or an impossible request: `str(error)` is the translated message, `problems` the details."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = list(problems or [])

    def headline(self) -> str:
        """The first line shown to the user, before any problems."""
        return str(self)
