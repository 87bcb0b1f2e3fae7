"""The glossary: every term in Finnish and Swedish with its explanation, found with the app's one search (by its
letters for an abbreviation), and the services, partners and pathways it concerns, each opened with Enter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from te_navigator.models.i18n import N_, _, current_language
from te_navigator.models.sources import source_text
from te_navigator.models.text import fold
from te_navigator.tui.base import AppScreen
from te_navigator.tui.describe import entry_kind_label

if TYPE_CHECKING:
    from te_navigator.models.entities import Term

SEARCH_LIMIT = 80  # more than the glossary holds: the search only orders and narrows it
# A term's links: (field, the kind of entry it names).
LINK_FIELDS = (("related_services", "service"), ("related_partners", "partner"), ("related_pathways", "pathway"))


class GlossaryScreen(AppScreen):
    BINDINGS = [
        Binding("slash", "focus_search", N_("Search"), id="glossary-search"),
        Binding("escape", "back", N_("Back"), id="glossary-back"),
    ]

    def __init__(self, term_id: str | None = None) -> None:
        super().__init__(id="glossary")
        self.term_id = term_id
        self.shown_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="glossary-body"):
            with Vertical(id="glossary-nav"):
                yield Input(id="glossary-search", select_on_focus=False)
                yield OptionList(id="terms")
            with Vertical(id="glossary-side"):
                with VerticalScroll(id="term-detail"):
                    yield Static(id="term-text")
                yield OptionList(id="term-links")
        yield Footer()

    def on_mount(self) -> None:
        if getattr(self.app, "steady", False):
            self.query_one("#glossary-search", Input).cursor_blink = False
        opened_on_a_term = self.term_id is not None
        self.apply_language()
        # Opened on a term (from the palette): its list; otherwise the search, for typing a term at once.
        self.query_one("#terms" if opened_on_a_term else "#glossary-search").focus()

    # --- texts -------------------------------------------------------------------------------------------

    def show_texts(self) -> None:
        self.app.sub_title = _("Glossary")
        self.query_one("#glossary-search", Input).placeholder = _("Search terms… (/)")
        self.query_one("#term-detail").border_title = _("Term")
        self.query_one("#term-links").border_title = _("Concerns (Enter opens)")
        self.fill_terms()

    def terms(self) -> list[Term]:
        catalogue = self.app.catalogue
        return catalogue.glossary if catalogue is not None else []

    def visible_terms(self) -> list[Term]:
        """The search's term hits, best first; without a query, every term in the language's alphabetical order."""
        terms = {term.id: term for term in self.terms()}
        query = self.query_one("#glossary-search", Input).value
        index = getattr(self.app, "index", None)
        if query.strip() and index is not None:
            return [
                terms[hit.id]
                for hit in index.search(query, limit=SEARCH_LIMIT)
                if hit.kind == "term" and hit.id in terms
            ]
        lang = current_language()
        return sorted(terms.values(), key=lambda term: fold(term.term.text(lang)))

    def fill_terms(self) -> None:
        lang = current_language()
        visible = self.visible_terms()
        self.shown_ids = [term.id for term in visible]
        listing = self.query_one("#terms", OptionList)
        options = [Option(term_line(term, lang), id=term.id) for term in visible]
        listing.set_options(options or [Option(Text(_("No matches."), style="italic"), disabled=True)])
        if self.term_id not in self.shown_ids:
            self.term_id = self.shown_ids[0] if self.shown_ids else None
        if self.term_id is not None:
            listing.highlighted = self.shown_ids.index(self.term_id)
        listing.border_title = _("Glossary")
        listing.border_subtitle = f"{len(visible)}/{len(self.terms())}"
        self.show_term()

    def show_term_id(self, term_id: str | None) -> None:
        """Shows one term (from the palette), clearing the search so that it is in the list."""
        self.query_one("#glossary-search", Input).value = ""
        self.term_id = term_id
        self.fill_terms()
        self.query_one("#terms", OptionList).focus()

    def current_term(self) -> Term | None:
        return next((term for term in self.terms() if term.id == self.term_id), None)

    def show_term(self) -> None:
        term = self.current_term()
        text = self.query_one("#term-text", Static)
        links = self.query_one("#term-links", OptionList)
        if term is None:
            text.update(_("No matches."))
            links.set_options([])
            links.display = False
            return
        lang = current_language()
        text.update(term_text(term, lang))
        self.query_one("#term-detail", VerticalScroll).scroll_home(animate=False)
        linked = term_links(term, self.app.catalogue.names(), lang) if self.app.catalogue else []
        links.set_options([Option(label, id=f"{kind}:{entity_id}") for kind, entity_id, label in linked])
        links.display = bool(linked)
        if linked:
            links.highlighted = 0

    # --- events ------------------------------------------------------------------------------------------

    @on(Input.Changed, "#glossary-search")
    def search_changed(self) -> None:
        self.term_id = None
        self.fill_terms()

    @on(Input.Submitted, "#glossary-search")
    def search_submitted(self) -> None:
        self.query_one("#terms", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#terms")
    def term_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.term_id:
            self.term_id = event.option.id
            self.show_term()

    @on(OptionList.OptionSelected, "#terms")
    def term_selected(self) -> None:
        links = self.query_one("#term-links", OptionList)
        (links if links.display else self.query_one("#term-detail")).focus()

    @on(OptionList.OptionSelected, "#term-links")
    def link_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _sep, entity_id = (event.option.id or "").partition(":")
        self.open_linked(kind, entity_id)

    def open_linked(self, kind: str, entity_id: str) -> None:
        from te_navigator.tui.entry_screen import EntryScreen

        if kind == "pathway":
            self.app.open_pathway(entity_id)
        else:
            self.app.push_screen(EntryScreen(kind, entity_id))

    # --- actions -----------------------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.set_focus(self.query_one("#glossary-search", Input))

    def action_back(self) -> None:
        """Esc steps back: links or text → terms; a search → cleared; otherwise the glossary closes."""
        search = self.query_one("#glossary-search", Input)
        focused = self.focused
        if focused in (self.query_one("#term-links"), self.query_one("#term-detail")):
            self.query_one("#terms", OptionList).focus()
        elif focused is search and search.value:
            search.value = ""
        elif search.value and focused is self.query_one("#terms"):
            search.focus()
        else:
            self.dismiss()


def term_line(term: Term, lang: str) -> Text:
    line = Text(term.term.text(lang), style="bold")
    if fold(term.expansion.text(lang)) != fold(term.term.text(lang)):
        line.append("  " + term.expansion.text(lang), style="dim")
    return line


def term_text(term: Term, lang: str) -> Text:
    """The term in the current language first, then in the other one, each with its expansion and explanation."""
    text = Text()
    for shown_lang in (lang, "sv" if lang == "fi" else "fi"):
        language = _("in Finnish") if shown_lang == "fi" else _("in Swedish")
        text.append(term.term.text(shown_lang), style="bold")
        text.append(f"  ({language})\n", style="dim")
        if fold(term.expansion.text(shown_lang)) != fold(term.term.text(shown_lang)):
            text.append(term.expansion.text(shown_lang) + "\n")
        text.append(term.explanation.text(shown_lang) + "\n\n")
    text.append(_("Source in the plan") + ": ", style="bold")
    text.append(source_text(term.source, lang))
    return text


def term_links(term: Term, names: dict[str, dict[str, dict]], lang: str) -> list[tuple[str, str, str]]:
    """(kind, id, "Service: Palkkatuki") for each entry the term concerns, in the catalogue's own names
    (`names`: kind → id → {fi, sv}, as `CatalogueView.names()` gives them)."""
    linked = []
    for field, kind in LINK_FIELDS:
        named = names.get(kind, {})
        linked += [
            (kind, entity_id, f"{entry_kind_label(kind)}: {named[entity_id][lang]}")
            for entity_id in getattr(term, field)
            if entity_id in named
        ]
    return linked
