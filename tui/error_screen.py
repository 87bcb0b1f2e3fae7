"""Shown when the store cannot be opened: where it is, why, and the way out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from te_navigator.models.i18n import N_, _
from te_navigator.tui.base import AppScreen


class StoreErrorScreen(AppScreen[None]):
    BINDINGS = [Binding("q", "app.quit", N_("Quit"), id="quit-error")]

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(id="store-error")
        self.location = location
        self.reason = reason

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="error-box"):
            yield Static(id="error-text")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_language()

    def show_texts(self) -> None:
        text = Text()
        text.append(_("The store cannot be opened") + "\n\n", style="bold")
        text.append(_("Store: ") + self.location + "\n\n")
        text.append(_("Reason: ") + self.reason + "\n\n")
        text.append(
            _(
                "Nothing was changed. To go on, start te-navigator with another store "
                "(--db PATH or TE_NAVIGATOR_DB), or move the file away and start again "
                "to create a new one. Press q or Ctrl+Q to quit."
            )
        )
        self.query_one("#error-text", Static).update(text)
