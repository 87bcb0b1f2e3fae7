"""The service map: groups, the services of the selected group (or of a search), and the selected service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from te_navigator.models.filters import ServiceFilter, services_in_group
from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui.describe import service_text
from te_navigator.tui.fixed_size import FixedSizeInput, FixedSizeOptionList
from te_navigator.tui.base import AppScreen
from te_navigator.tui.screens import MENU_KEY, letter_bindings

if TYPE_CHECKING:
    from te_navigator.models.catalogue_view import CatalogueView
    from te_navigator.models.entities import Service
    from te_navigator.models.first_paint import FirstPaint, PaintedService
    from te_navigator.models.search import Hit

OTHER_GROUP = "other"  # services of the plan's tables that the service map does not show
MUNICIPALITY_ROW = "municipality:"  # a search result row that opens a municipality's figures, not a service
MIN_WIDTH, MIN_HEIGHT = 80, 24
# The detail follows the list once typing pauses: longer than the gap between keys of a brisk typist (8 a second),
# so drawing it never holds up the next keystroke's list.
DETAIL_DELAY = 0.3  # seconds
SEARCH_LIMIT = 20  # a screenful or two: more than a caseworker reads, and each keystroke stays quick
SIDE_BY_SIDE_WITH_NAV = 110  # narrower terminals give both languages the whole width


class ServiceMapScreen(AppScreen):
    BINDINGS = [
        Binding("slash", "focus_search", N_("Search"), id="search"),
        Binding("f", "filters", N_("Filters"), id="filters"),
        Binding("b", "side_by_side", N_("fi | sv"), id="side-by-side"),
        # Every screen's key, from the one list of screens; the footer shows the menu that lists them all.
        *letter_bindings(),
        Binding(MENU_KEY, "app.screens_menu", N_("Screens"), id="screens-menu-footer"),
        Binding("escape", "back", N_("Back"), id="back", show=False),
    ]
    # The groups have the focus from the start: Textual would focus the search box first (the first focusable),
    # and moving it costs the first frame two more styling passes.
    AUTO_FOCUS = "#groups"

    def __init__(self) -> None:
        super().__init__(id="service-map")
        self.first_paint: FirstPaint | None = None  # the names painted until the typed catalogue is here
        self.catalogue: CatalogueView | None = None
        self.index = None
        self.service_filter = ServiceFilter()
        self.group_id: str | None = None
        self.service_id: str | None = None
        self.side_by_side = False
        self.hits: dict[str, Hit] = {}
        self.municipality_hits: list[str] = []
        self.visible_ids: list[str] = []
        self.ready = False
        self.detail_timer = None
        self.position_shown = ""
        self.painted = False  # until the first frame is on its way

    def compose(self) -> ComposeResult:
        self.check_size()  # classes set before the widgets mount cost no second styling pass
        self.set_class(getattr(self.app, "offer_tour", False), "offer-tour")
        yield Header(show_clock=False)
        with Horizontal(id="body"):
            with Vertical(id="nav"):
                yield FixedSizeInput(id="search", select_on_focus=False)
                yield OptionList(id="groups")
                yield FixedSizeOptionList(id="services")
            with VerticalScroll(id="detail"):
                yield Static(id="detail-title")
                with Horizontal(id="detail-columns"):
                    yield Static(id="detail-main", classes="detail-column")
                    yield Static(id="detail-other", classes="detail-column")
        yield Static(id="too-small")
        yield Static(id="tour-offer")
        yield Footer()

    def on_mount(self) -> None:
        if getattr(self.app, "steady", False):
            self.query_one("#search", Input).cursor_blink = False
        # The catalogue may have arrived before this screen was composed.
        self.first_paint = self.app.first_paint
        self.catalogue = self.app.catalogue
        self.index = self.app.index
        self.ready = True
        self.watch(self.query_one("#detail"), "scroll_y", self.mark_more_detail, init=False)
        # Called as the value changes, inside the keystroke: the narrowed list is drawn in the same frame as the
        # typed letter (an Input.Changed message would arrive after that frame and cost a second one).
        self.watch(self.query_one("#search", Input), "value", self.search_changed, init=False)
        self.apply_language()
        self.painted = True
        self.query_one("#groups", OptionList).focus()
        self.check_size()

    @property
    def keys_ready(self) -> bool:
        """Keys typed before the typed catalogue is here wait for it (the app holds them): the first paint's names
        are only for looking at."""
        return self.catalogue is not None

    # --- language ----------------------------------------------------------------------------------------

    def show_texts(self) -> None:
        """Every visible string again, in the current language, keeping the selection."""
        self.query_one("#search", Input).placeholder = _("Search services… (/)")
        self.query_one("#groups", OptionList).border_title = _("Service map")
        self.query_one("#too-small", Static).update(
            _(
                "The terminal is too small: te-navigator needs at least {width}×{height}. "
                "Make the window larger, or press Ctrl+Q to quit."
            ).format(width=MIN_WIDTH, height=MIN_HEIGHT)
        )
        self.app.sub_title = _("Service map") + " · " + current_language().upper()
        self.query_one("#tour-offer", Static).update(
            _("New to te-navigator? i: a short tour of the main screens · Esc: no, thanks")
        )
        self.refresh_content()

    # --- content -----------------------------------------------------------------------------------------

    def show_catalogue(self, catalogue: CatalogueView, index) -> None:
        """The store's catalogue (and search index) arrived: redraws only what changed, not under the typist."""
        unchanged = catalogue == self.catalogue
        self.catalogue = catalogue
        self.first_paint = None
        if index is not None:
            self.index = index
        if not self.ready:
            return
        if not unchanged:
            self.refresh_content()
        elif self.query_one("#search", Input).value.strip():
            shown = self.service_id
            self.fill_services()  # typed before the index was there: the results now, and the first one's detail
            if self.service_id != shown:
                self.show_detail()

    def refresh_content(self) -> None:
        if self.catalogue is None and self.first_paint is None:
            self.query_one("#detail-title", Static).update(_("Loading the catalogue…"))
            return
        self.fill_groups()
        self.fill_services()
        if self.painted:
            self.show_detail()
        else:
            # The first frame shows the groups and services at once; the detail's text (the costliest part to lay
            # out on a cold start) follows in the next frame.
            self.call_after_refresh(self.show_detail)

    def fill_groups(self) -> None:
        lang = current_language()
        groups = self.query_one("#groups", OptionList)
        listed = self.catalogue or self.first_paint
        assert listed is not None  # refresh_content fills nothing before
        options = [Option(group.name.text(lang), id=group.id) for group in listed.groups]
        options.append(Option(_("Other services of the plan"), id=OTHER_GROUP))
        if self.group_id is None:
            self.group_id = options[0].id
        _replace_options(groups, options, self.group_id)

    def visible_services(self) -> list[Service] | list[PaintedService]:
        query = self.query_one("#search", Input).value
        self.hits = {}
        self.municipality_hits = []
        if self.catalogue is None:
            # The first paint: the first group's names, unfiltered (keys wait for the typed catalogue).
            painted = self.first_paint
            return painted.services_in_group(self.group_id or "") if painted and not query.strip() else []
        services = self.catalogue.services
        if query.strip():
            if self.index is None:
                return []
            found = self.index.search(query, limit=SEARCH_LIMIT)
            self.hits = {h.id: h for h in found if h.kind == "service"}
            self.municipality_hits = [h.id for h in found if h.kind == "municipality"]
            shown = [self.catalogue.service(i) for i in self.hits]
            return [s for s in shown if s is not None and self.service_filter.matches(s)]
        if self.group_id == OTHER_GROUP:
            return [s for s in services if not s.groups and self.service_filter.matches(s)]
        return services_in_group(services, self.group_id or "", self.service_filter)

    def fill_services(self) -> None:
        lang = current_language()
        services_list = self.query_one("#services", OptionList)
        visible = self.visible_services()
        searching = bool(self.query_one("#search", Input).value.strip())
        options = [Option(self.service_prompt(s, lang), id=s.id) for s in visible]
        places = self.municipality_options(lang) if searching else []
        options += places
        if not options:
            message = self.empty_message(searching)
            options = [Option(Text(message, style="italic"), id="", disabled=True)]
        services_list.border_title = _("Search results") if searching else _("Services")
        ids = [s.id for s in visible] + [str(option.id) for option in places]
        self.visible_ids = ids
        if self.service_id not in ids:
            self.service_id = ids[0] if ids else None
        _replace_options(services_list, options, self.service_id)
        self.mark_position()

    def municipality_options(self, lang: str) -> list[Option]:
        """A municipality found by its Finnish or Swedish name is a row of the results that opens its figures."""
        options = []
        for municipality_id in self.municipality_hits:
            municipality = self.catalogue.find("municipality", municipality_id) if self.catalogue else None
            if municipality is not None:
                prompt = Text(_("Municipality: {name}").format(name=municipality.name.text(lang)))
                prompt.append("\n  " + _("The area screen on this municipality's figures"), style="dim")
                options.append(Option(prompt, id=MUNICIPALITY_ROW + municipality_id))
        return options

    def empty_message(self, searching: bool) -> str:
        if searching and self.index is None:
            return _("The search is still starting…")
        if searching:
            return _("No matches.")
        return _("No services match the filters.")

    def service_prompt(self, service: Service | PaintedService, lang: str) -> Text:
        name = Text(service.name.text(lang))
        hit = self.hits.get(service.id)
        if hit:
            for match in hit.matches:
                name.highlight_words([match.surface], style="bold reverse", case_sensitive=False)
            matched = hit.matched_forms()
            if matched:
                name.append("\n  " + matched, style="dim")
        if service.status == "abolished":
            name.append(" " + _("(abolished)"), style="dim")
        return name

    def show_detail(self) -> None:
        title = self.query_one("#detail-title", Static)
        main = self.query_one("#detail-main", Static)
        other = self.query_one("#detail-other", Static)
        service = self.current_service()
        other.display = self.side_by_side
        if self.catalogue is None:
            return  # the first paint: the detail follows with the typed catalogue
        if self.service_id and self.service_id.startswith(MUNICIPALITY_ROW):
            title.update("")
            main.update(_("The area screen on this municipality's figures") + " (Enter)")
            other.update("")
            return
        if service is None:
            title.update("")
            main.update(_("Choose a service on the left."))
            other.update("")
            return
        lang = current_language()
        title.update(Text(service.name.text(lang), style="bold"))
        names = self.catalogue.names()
        main.update(service_text(service, lang, names, with_name=self.side_by_side))
        if self.side_by_side:
            other_lang = "sv" if lang == "fi" else "fi"
            other.update(service_text(service, other_lang, names, with_name=True))
        self.call_after_refresh(self.mark_more_detail)

    def mark_more_detail(self, _scroll_y: float = 0) -> None:
        """The detail pane has no scrollbar (see app.tcss): its border tells when more text is below."""
        detail = self.query_one("#detail", VerticalScroll)
        detail.border_subtitle = _("more below ↓") if detail.scroll_y < detail.max_scroll_y else ""

    def current_service(self) -> Service | None:
        if self.catalogue is None or not self.service_id:
            return None
        return self.catalogue.service(self.service_id)

    def filter_summary(self) -> str:
        if self.service_filter.is_default():
            return _("no filters")
        from te_navigator.tui.filters_screen import describe_filter

        return _("filters: {filters}").format(filters=describe_filter(self.service_filter))

    # --- events ------------------------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#groups")
    def group_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id == self.group_id:
            return
        self.group_id = event.option.id
        if not self.query_one("#search", Input).value.strip():
            self.service_id = None
            self.fill_services()
            self.show_detail()

    @on(OptionList.OptionSelected, "#groups")
    def group_selected(self) -> None:
        self.query_one("#services", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#services")
    def service_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.mark_position()
        if event.option.id and event.option.id != self.service_id:
            self.service_id = event.option.id
            self.show_detail()

    def mark_position(self) -> None:
        """The services list has no scrollbar (see app.tcss): its border shows where in the list you are."""
        services_list = self.query_one("#services", OptionList)
        count = len(self.visible_ids)
        position = (services_list.highlighted or 0) + 1 if count else 0
        subtitle = f"{position}/{count} · {self.filter_summary()}"
        if subtitle != self.position_shown:  # the same text set again would still redraw the whole list
            self.position_shown = subtitle
            services_list.border_subtitle = subtitle

    @on(OptionList.OptionSelected, "#services")
    def service_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith(MUNICIPALITY_ROW):
            self.app.open_area(event.option.id.removeprefix(MUNICIPALITY_ROW))
            return
        self.query_one("#detail", VerticalScroll).focus()

    def search_changed(self) -> None:
        if self.catalogue is not None:
            shown = self.service_id
            self.service_id = None
            self.fill_services()
            if self.service_id != shown:
                # The list is what the typist watches; its first entry's detail follows once typing pauses.
                if self.detail_timer is not None:
                    self.detail_timer.stop()
                self.detail_timer = self.set_timer(DETAIL_DELAY, self.show_detail)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.show_pending_detail()
        self.query_one("#services", OptionList).focus()

    def show_pending_detail(self) -> None:
        """Enter ends the typing: the detail waits no longer."""
        if self.detail_timer is not None:
            self.detail_timer.stop()
            self.detail_timer = None
            self.show_detail()

    def on_resize(self) -> None:
        self.check_size()

    def on_screen_resume(self) -> None:
        """Back from a checklist or a pathway: the header names the service map again."""
        if self.ready:
            self.app.sub_title = _("Service map") + " · " + current_language().upper()

    def check_size(self) -> None:
        width, height = self.app.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "too-small")
        self.set_class(width < SIDE_BY_SIDE_WITH_NAV, "narrow")

    # --- actions -----------------------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.set_focus(self.query_one("#search", Input))  # at once: the next key typed belongs in the search

    def action_side_by_side(self) -> None:
        self.side_by_side = not self.side_by_side
        self.set_class(self.side_by_side, "side-by-side")
        self.show_detail()
        if self.side_by_side and self.has_class("narrow"):
            self.query_one("#detail").focus()

    def action_filters(self) -> None:
        from te_navigator.tui.filters_screen import FiltersScreen

        self.app.push_screen(FiltersScreen(self.service_filter, self.catalogue), self.filters_chosen)

    def filters_chosen(self, chosen: ServiceFilter | None) -> None:
        if chosen is not None and self.catalogue is not None:
            self.service_filter = chosen
            self.refresh_content()

    def action_back(self) -> None:
        """Escape steps back: side by side → one language; detail → services → groups; clears the search."""
        search = self.query_one("#search", Input)
        focused = self.focused
        if self.has_class("offer-tour") and not search.value and not self.side_by_side:
            self.app.tour_answered("skipped")
            if focused is search:
                # Esc in an empty search box leaves it, offer or not, so the next letter opens a screen.
                self.query_one("#groups", OptionList).focus()
        elif self.side_by_side:
            self.action_side_by_side()
            self.query_one("#services", OptionList).focus()
        elif focused is search:
            if search.value:
                search.value = ""
            else:
                self.query_one("#groups", OptionList).focus()
        elif focused is self.query_one("#detail"):
            self.query_one("#services", OptionList).focus()
        elif focused is self.query_one("#services"):
            if search.value:
                search.focus()
            else:
                self.query_one("#groups", OptionList).focus()

    def jump_to_service(self, service_id: str) -> None:
        """Shows a service in its group (from the palette or a suggestion), clearing search and filters."""
        service = self.catalogue.service(service_id) if self.catalogue else None
        if service is None:
            return
        self.query_one("#search", Input).value = ""
        if not self.service_filter.matches(service):
            self.service_filter = ServiceFilter(show_abolished=True)
        self.group_id = service.groups[0] if service.groups else OTHER_GROUP
        self.service_id = service_id
        self.refresh_content()
        self.query_one("#services", OptionList).focus()


def _replace_options(option_list: OptionList, options: list[Option], selected_id: str | None) -> None:
    option_list.set_options(options)
    for index, option in enumerate(options):
        if option.id == selected_id and not option.disabled:
            option_list.highlighted = index
            return
    if options and not options[0].disabled:
        option_list.highlighted = 0
