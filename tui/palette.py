"""Command-palette provider: jump to any service, partner or glossary term through the one search."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from te_navigator.models.i18n import _, current_language
from te_navigator.tui.describe import entry_kind_label


class CatalogueCommands(Provider):
    async def search(self, query: str) -> Hits:
        index = getattr(self.app, "index", None)
        if index is None or not query.strip():
            return
        lang = current_language()
        for rank, hit in enumerate(index.search(query, limit=15)):
            text = f"{entry_kind_label(hit.kind)}: {hit.name[lang]}"
            matched = hit.matched_forms()
            yield Hit(
                score=max(0.05, 1.0 - rank * 0.05),
                match_display=text + (f"  ({matched})" if matched else ""),
                command=partial(self.open, hit.kind, hit.id),
                text=text,
                help=_("Open in te-navigator"),
            )

    async def discover(self) -> Hits:
        catalogue = getattr(self.app, "catalogue", None)
        if not catalogue:
            return
        lang = current_language()
        for group in catalogue["groups"]:
            first = next((s for s in catalogue["services"] if group["id"] in s["groups"]), None)
            if first:
                yield DiscoveryHit(
                    display=_("Group: {name}").format(name=group["name"][lang]),
                    command=partial(self.open, "service", first["id"]),
                    help=group["description"][lang],
                )

    def open(self, kind: str, entity_id: str) -> None:
        from te_navigator.tui.app import TeNavigatorApp

        app = self.app
        assert isinstance(app, TeNavigatorApp)  # the only app this palette is registered in
        if kind == "pathway":
            app.open_pathway(entity_id)
            return
        if kind == "service":
            if app.service_map() is not None:
                app.leave_for_service_map(entity_id)  # asks first if a checklist has unsaved answers
            return
        from te_navigator.tui.entry_screen import EntryScreen

        app.push_screen(EntryScreen(kind, entity_id))
