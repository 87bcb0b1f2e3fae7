"""Command-palette provider: jump to any service, partner or glossary term through the one search."""

from __future__ import annotations

import dataclasses
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui.describe import entry_kind_label
from te_navigator.tui.translate import translate_bindings

# A catalogue entry that the search found for the typed text outranks every system command (Ctrl+P KEHA Enter opens
# the term, not "Kieli: vaihda …", whose letters also fit): ours score from 2 down, theirs are squeezed below 1
# unless the text typed is part of the command's own name ("Mikä muuttui").
CATALOGUE_SCORE = 2.0


class SystemCommands(SystemCommandsProvider):
    """Textual's system commands, ranked below whatever the catalogue search found, and offered only when every
    word typed is part of the command's name: letters scattered through it ("KEHA" in "Kieli: vaihda …") are no
    match, or Enter would switch the language while the catalogue's answer is still on its way."""

    async def search(self, query: str) -> Hits:
        typed = query.strip().casefold()
        words = typed.split()
        async for hit in super().search(query):
            display = getattr(hit, "match_display", "")
            name = str(hit.text or getattr(display, "plain", display)).casefold()
            if typed and typed in name:
                yield dataclasses.replace(hit, score=CATALOGUE_SCORE + 1.0)  # the command's own name, typed
            elif all(word in name for word in words):
                yield dataclasses.replace(hit, score=hit.score / (1.0 + hit.score))


class CatalogueCommands(Provider):
    async def search(self, query: str) -> Hits:
        index = getattr(self.app, "index", None)
        if not query.strip():
            return
        if index is None:  # the store (and its search index) still opening: the names in the catalogue meanwhile
            for hit in self.names_containing(query):
                yield hit
            return
        lang = current_language()
        for rank, hit in enumerate(index.search(query, limit=15)):
            text = f"{entry_kind_label(hit.kind)}: {hit.name[lang]}"
            matched = hit.matched_forms()
            yield Hit(
                score=CATALOGUE_SCORE - rank * 0.01,
                match_display=text + (f"  ({matched})" if matched else ""),
                command=partial(self.open, hit.kind, hit.id),
                text=text,
                help=_("Open in te-navigator"),
            )

    def names_containing(self, query: str) -> list[Hit]:
        """Terms, services, partners and pathways whose name holds every word typed, for the first seconds."""
        catalogue = getattr(self.app, "catalogue", None)
        if catalogue is None:
            return []
        names = catalogue.names()
        lang = current_language()
        words = query.casefold().split()
        hits: list[Hit] = []
        for kind in ("term", "service", "partner", "pathway"):
            for entity_id, bitext in names[kind].items():
                name = bitext[lang]
                if all(word in name.casefold() for word in words):
                    text = f"{entry_kind_label(kind)}: {name}"
                    hits.append(
                        Hit(
                            score=CATALOGUE_SCORE - len(hits) * 0.01,
                            match_display=text,
                            command=partial(self.open, kind, entity_id),
                            text=text,
                            help=_("Open in te-navigator"),
                        )
                    )
                if len(hits) >= 15:
                    return hits
        return hits

    async def discover(self) -> Hits:
        catalogue = getattr(self.app, "catalogue", None)
        if catalogue is None:
            return
        lang = current_language()
        for municipality in catalogue.municipalities:
            yield DiscoveryHit(
                display=_("Municipality: {name}").format(name=municipality.name.text(lang)),
                command=partial(self.open, "municipality", municipality.id),
                help=_("The area screen on this municipality's figures"),
            )
        for group in catalogue.groups:
            first = next((s for s in catalogue.services if group.id in s.groups), None)
            if first:
                yield DiscoveryHit(
                    display=_("Group: {name}").format(name=group.name.text(lang)),
                    command=partial(self.open, "service", first.id),
                    help=group.description.text(lang),
                )

    def open(self, kind: str, entity_id: str) -> None:
        from te_navigator.tui.app import TeNavigatorApp

        app = self.app
        assert isinstance(app, TeNavigatorApp)  # the only app this palette is registered in
        if kind == "pathway":
            app.open_pathway(entity_id)
            return
        if kind == "municipality":
            app.open_area(entity_id)
            return
        if kind == "service":
            if app.service_map() is not None:
                app.leave_for_service_map(entity_id)  # asks first if a checklist has unsaved answers
            return
        if kind == "term":
            app.open_glossary(entity_id)
            return
        from te_navigator.tui.entry_screen import EntryScreen

        app.push_screen(EntryScreen(kind, entity_id))


class Palette(CommandPalette):
    """Textual's command palette with its own words ("No matches found", its keys) in the current language."""

    def on_mount(self) -> None:
        translate_bindings(self)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")), disabled=True, id=self._NO_MATCHES
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


PALETTE_WORDS = (
    N_("Exit the command palette"),
    N_("Next command"),
    N_("Previous command"),
    N_("Next page"),
    N_("Previous page"),
    N_("Go to top"),
    N_("Go to bottom"),
)
