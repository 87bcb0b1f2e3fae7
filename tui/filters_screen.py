"""The filters of the service map, in a small dialog that applies on Enter and cancels on Escape."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Label, Select

from te_navigator.models.filters import ANY, ServiceFilter
from te_navigator.models.i18n import N_, _, current_language
from te_navigator.models.vocabulary import AUDIENCES, PRODUCTIONS
from te_navigator.tui.describe import audience_label, production_label
from te_navigator.tui.base import AppModal
from te_navigator.tui.translate import translate_bindings

if TYPE_CHECKING:
    from te_navigator.models.catalogue_view import CatalogueView


def describe_filter(service_filter: ServiceFilter) -> str:
    lang = current_language()
    parts = []
    if service_filter.audience:
        parts.append(audience_label(service_filter.audience, lang))
    if service_filter.production:
        parts.append(production_label(service_filter.production, lang))
    if service_filter.statutory:
        parts.append(_("statutory") if service_filter.statutory == "yes" else _("not statutory"))
    if service_filter.service_line:
        parts.append(_("one service line"))
    if service_filter.show_abolished:
        parts.append(_("abolished shown"))
    return ", ".join(parts)


class FiltersScreen(AppModal[ServiceFilter | None]):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel"),
        Binding("ctrl+s", "apply", N_("Apply"), id="apply"),
    ]

    def __init__(self, current: ServiceFilter, catalogue: CatalogueView | None) -> None:
        super().__init__(id="filters")
        self.current = current
        self.service_lines = catalogue.service_lines if catalogue is not None else []

    def compose(self) -> ComposeResult:
        lang = current_language()
        any_label = _("all")
        with Vertical(id="filters-dialog"):
            yield Label(_("Filter the services"), id="filters-title")
            yield Label(_("Audience"))
            yield Select(
                [(audience_label(a, lang), a) for a in AUDIENCES],
                id="audience",
                value=self.current.audience or Select.NULL,
                prompt=any_label,
            )
            yield Label(_("Produced as"))
            yield Select(
                [(production_label(p, lang), p) for p in PRODUCTIONS],
                id="production",
                value=self.current.production or Select.NULL,
                prompt=any_label,
            )
            yield Label(_("Statutory"))
            yield Select(
                [(_("yes"), "yes"), (_("no"), "no")],
                id="statutory",
                value=self.current.statutory or Select.NULL,
                prompt=any_label,
            )
            yield Label(_("Service line"))
            yield Select(
                [(line.name.text(lang), line.id) for line in self.service_lines],
                id="service-line",
                value=self.current.service_line or Select.NULL,
                prompt=any_label,
            )
            yield Checkbox(_("Show abolished services"), self.current.show_abolished, id="abolished")
            with Horizontal(id="filters-buttons"):
                yield Button(_("Apply"), variant="primary", id="apply")
                yield Button(_("Clear"), id="clear")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        translate_bindings(self)
        self.refresh_bindings()
        self.query_one("#audience", Select).focus()

    def show_texts(self) -> None:
        """Composes the dialog again in the new language, keeping what was chosen so far."""
        self.current = self.chosen()
        self.refresh(recompose=True)

    def chosen(self) -> ServiceFilter:
        def value(select_id: str) -> str:
            selected = self.query_one(f"#{select_id}", Select).value
            return ANY if selected is Select.NULL else str(selected)

        return ServiceFilter(
            audience=value("audience"),
            production=value("production"),
            statutory=value("statutory"),
            service_line=value("service-line"),
            show_abolished=self.query_one("#abolished", Checkbox).value,
        )

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#clear")
    def clear(self) -> None:
        self.dismiss(ServiceFilter())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
