"""No unexpected error ends the app: it is logged with its traceback and shown as one line, and work goes on.

Textual ends the app on any exception out of a message handler. Our screens (tui/base.py) and the app mix in
Guarded, so an error in one of our handlers (or in an action run for a key) is caught where the message is
dispatched: the screen keeps running and keeps its state, which is what keeps a caseworker's unsaved answers.
"""

from __future__ import annotations

import traceback

from textual import events
from textual.message_pump import MessagePump

from te_navigator.models.i18n import _


def report_unexpected(app, error: Exception) -> None:
    """Log the error with its traceback (the state folder's error log, models/crashlog, and Textual's log) and
    tell the user in one line; the app goes on."""
    from te_navigator.models import crashlog

    path = crashlog.record(error, f"app: {type(error).__name__}")
    if hasattr(app, "unexpected_errors"):
        app.unexpected_errors.append(error)  # tests fail on them: this net is for users, not for hiding bugs
    app.log.error("".join(traceback.format_exception(error)))
    summary = f"{type(error).__name__}: {error}".splitlines()[0][:120]
    app.notify(
        _("Unexpected error ({summary}); nothing was lost. Details in the log: {path}").format(
            summary=summary, path=path or crashlog.log_path()
        ),
        severity="error",
        timeout=15,
    )


class Guarded(MessagePump):
    """Mixed into our screens and the app. Composing is not guarded: a screen that cannot be built is a bug the
    tests must see, not a blank screen."""

    async def _dispatch_message(self, message) -> None:
        if isinstance(message, events.Compose):
            await super()._dispatch_message(message)
            return
        try:
            await super()._dispatch_message(message)
        except Exception as error:  # noqa: BLE001 - the point: nothing ends the app
            report_unexpected(self.app, error)
