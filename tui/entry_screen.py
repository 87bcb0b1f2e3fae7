"""A card over the current screen: a service (from a checklist's suggestions), a partner or a glossary term."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui.describe import entry_rich_text
from te_navigator.tui.base import AppModal


class CardScreen(AppModal[None]):
    """A scrollable card over the current screen; subclasses give its title and text in the current language."""

    BINDINGS = [Binding("escape", "close_card", N_("Back"), id="back")]

    def __init__(self) -> None:
        super().__init__(classes="card-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="card"):
            yield Static(id="card-body")

    def on_mount(self) -> None:
        self.apply_language()

    def show_texts(self) -> None:
        self.query_one("#card-body", Static).update(self.card_text())
        card = self.query_one("#card")
        card.border_title = self.card_title()
        card.border_subtitle = _("Esc: back")

    def card_title(self) -> str:
        raise NotImplementedError

    def card_text(self) -> Text | str:
        raise NotImplementedError

    def action_close_card(self) -> None:
        self.dismiss(None)


class EntryScreen(CardScreen):
    """A service (from a checklist's suggestions or a pathway step), a partner or a glossary term."""

    BINDINGS = [Binding("m", "show_in_map", N_("Show in the service map"), id="show-in-map")]

    def __init__(self, kind: str, entity_id: str) -> None:
        super().__init__()
        self.kind = kind
        self.entity_id = entity_id

    def card_title(self) -> str:
        return {"partner": _("Partner"), "term": _("Term"), "service": _("Service")}[self.kind]

    def card_text(self) -> Text | str:
        catalogue = self.app.catalogue
        entry = catalogue.find(self.kind, self.entity_id) if catalogue is not None else None
        if catalogue is None or entry is None:
            return _("This entry is no longer in the catalogue.")
        return entry_rich_text(self.kind, entry, current_language(), catalogue.names())

    def check_action(self, action: str, parameters) -> bool:
        return action != "show_in_map" or self.kind == "service"

    def action_show_in_map(self) -> None:
        self.app.leave_for_service_map(self.entity_id)
