"""What changed: every dated change in the catalogue, newest first, in the current language."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from te_navigator.models import formatting
from te_navigator.models.changes import Change, change_label, kind_label
from te_navigator.models.i18n import N_, _, current_language, ngettext
from te_navigator.tui.base import AppScreen
from te_navigator.tui.messages import ChangesLoaded


class ChangesScreen(AppScreen):
    BINDINGS = [Binding("escape", "back", N_("Back"), id="changes-back")]

    def __init__(self) -> None:
        super().__init__(id="changes")
        self.changes: list[Change] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="changes-list")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_language()
        self.query_one("#changes-list", OptionList).focus()

        def load(store) -> list[Change]:
            from te_navigator.models.changes import dated_changes

            return dated_changes(store)

        self.app.call_store(load, self, ChangesLoaded)

    def on_changes_loaded(self, message: ChangesLoaded) -> None:
        self.changes = message.result
        self.fill()

    def show_texts(self) -> None:
        self.app.sub_title = _("What changed")
        self.fill()

    def fill(self) -> None:
        listing = self.query_one("#changes-list", OptionList)
        listing.border_title = _("What changed, newest first")
        if self.changes is None:
            listing.set_options([Option(_("Loading the changes…"), disabled=True)])
            return
        lang = current_language()
        options = [Option(change_text(change, lang), id=f"{n}") for n, change in enumerate(self.changes)]
        highlighted = listing.highlighted
        listing.set_options(options or [Option(_("No changes in this period."), disabled=True)])
        if options:
            listing.highlighted = min(highlighted or 0, len(options) - 1)
        listing.border_subtitle = ngettext("{count} change", "{count} changes", len(options)).format(count=len(options))

    def action_back(self) -> None:
        self.dismiss()


def change_text(change: Change, lang: str) -> Text:
    day = formatting.date(dt.date.fromisoformat(change.date), lang)
    text = Text(f"{day}  ", style="bold")
    text.append(f"{change_label(change.change)} · {kind_label(change.kind)}", style="bold")
    text.append(f"\n{change.title[lang]}")
    if change.detail:
        text.append(f"\n{change.detail[lang]}", style="dim")
    return text
