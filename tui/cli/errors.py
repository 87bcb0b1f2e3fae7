"""Exit codes and the command line's own user error (a `UserFacingError`, like the models' errors)."""

from __future__ import annotations

from te_navigator.models.errors import UserFacingError

EXIT_OK, EXIT_ERROR = 0, 1


class UserError(UserFacingError):
    """A problem with the command's options or arguments, told in one message; the command exits 1."""
