"""The te-navigator Textual app: it receives its store URL and language; the store opens in a worker."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Textual repaints on a timer of 1/TEXTUAL_FPS; at its default 60 a keystroke that narrows the list waits up to
# two 17 ms ticks before it shows. 120 keeps typing in the search box under 30 ms (benchmarks/startup.py).
# Read when textual is first imported, which on the app's start is right below.
os.environ.setdefault("TEXTUAL_FPS", "120")

from textual import events, work
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.theme import Theme

from te_navigator.models import config, crashlog, i18n
from te_navigator.models.i18n import N_, _
from te_navigator.tui.base import SwitchesLanguage
from te_navigator.tui.guard import Guarded
from te_navigator.tui.messages import CatalogueReady, StoreChanged, StoreFailed, StoreRefused, StoreResult
from te_navigator.tui.palette import CatalogueCommands, Palette, SystemCommands
from te_navigator.tui.screens import MENU_KEY, SCREENS
from te_navigator.tui.service_map import ServiceMapScreen
from te_navigator.tui.translate import translate_bindings

if TYPE_CHECKING:
    from te_navigator.models.catalogue_view import CatalogueView
    from te_navigator.models.first_paint import FirstPaint
    from te_navigator.models.store import Store


HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff5555",
    dark=True,
)
THEMES = {"dark": "textual-dark", "light": "textual-light", "high-contrast": "high-contrast"}


# The service map's styles, read before the first frame; every other screen's (screens.tcss) once it is drawn.
SCREENS_CSS = Path(__file__).parent / "screens.tcss"


class TeNavigatorApp(Guarded, App):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "te-navigator"
    COMMANDS = {SystemCommands, CatalogueCommands}
    BINDINGS = [
        # priority: these keys work in dialogs too
        Binding("f1", "help", N_("Help"), id="help", priority=True),
        Binding("f2", "switch_language", N_("Switch language"), id="language", priority=True),
        Binding("f3", "next_theme", N_("Theme"), id="theme", show=False, priority=True),
        # Not a priority key, so that the service map's own F4 binding shows it in its footer (tui/screens.py).
        Binding(MENU_KEY, "screens_menu", N_("Screens"), id="screens-menu", show=False),
        Binding("ctrl+p", "command_palette", N_("Commands"), id="palette", show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
    ]

    def __init__(
        self,
        db_url: str,
        lang: str = "fi",
        theme: str | None = None,
        save_settings: bool = True,
        steady: bool = False,
        today: dt.date | None = None,
        practice_db: str | None = None,
        offer_tour: bool = False,
        collector_paused: bool = False,
    ):
        """`steady` (for tests and snapshots) turns off the blinking cursor and animations; `today` fixes the
        date that deadlines are measured against (for tests); `offer_tour` shows the first-day tour's offer on
        the service map (on a first start: see `run_app`); `collector_paused`: the command paused the cyclic
        garbage collector for the start (tui/cli/main.py), and the app resumes it after the first frame."""
        super().__init__()
        self.collector_paused = collector_paused
        self.offer_tour = offer_tour
        self.tour_moving = False  # the first-day tour is between two steps: keys wait for its next panel
        self.fixed_today = today
        self.store_done = threading.Event()  # set once the store is open, or has failed to open
        self.held_keys: list[events.Key] = []
        self.released_keys: set[int] = set()  # ids of the held keys now on their way: not held again
        self.key_releaser: asyncio.Task | None = None
        self.unexpected_errors: list[Exception] = []  # caught by the guard (tui/guard.py), logged and shown
        self.steady = steady
        if steady:
            self.animation_level = "none"
        self.db_url = db_url
        self.practice_db = practice_db  # --practice-db: where practice attempts go (never the real store)
        self.lang = lang
        self.save_settings = save_settings
        # What the service map paints first (names from the JSON snapshot, no pydantic), then the typed catalogue
        # that every screen reads, posted by the store worker (models/first_paint.py, models/catalogue_view.py).
        self.first_paint: FirstPaint | None = None
        self.catalogue: CatalogueView | None = None
        self.index = None
        self.store: Store | None = None  # opened in a worker; used only from workers
        self.register_theme(HIGH_CONTRAST)
        self.theme_name = theme if theme in THEMES else "dark"
        i18n.set_language(lang)

    def get_default_screen(self) -> Screen:
        return ServiceMapScreen()

    def on_load(self) -> None:
        from te_navigator.models.first_paint import FirstPaint
        from te_navigator.models.snapshot import read_snapshot

        # Read before the screens compose, so the very first frame already shows the service map: a cached
        # JSON file reads in milliseconds, and a frame drawn "loading" first would cost a whole second layout.
        snapshot = read_snapshot(self.db_url)
        if snapshot is None:
            from te_navigator.models.shipped_catalogue import first_start_catalogue

            # The very first start (no store yet): the catalogue shipped with seed/ stands in while the store is
            # created and loaded behind it.
            snapshot = first_start_catalogue(self.db_url)
        try:
            self.first_paint = FirstPaint.from_export(snapshot) if snapshot is not None else None
        except (KeyError, TypeError):
            self.first_paint = None  # a snapshot of another shape: the map waits for the store instead

    def on_ready(self) -> None:
        """The first frame is on the terminal."""
        self.load_screen_styles()
        if self.collector_paused:
            # What the start made lives as long as the app: frozen, no collection walks it again (a full one took
            # 0.15 s, in the middle of a keystroke). Only what is made from now on is collected.
            gc.freeze()
            gc.enable()

    def load_screen_styles(self) -> None:
        """Every screen's styles but the service map's: parsed once the first frame is drawn (it did without two
        thirds of the styles), before any other screen opens."""
        if not self.stylesheet.has_source(os.path.abspath(SCREENS_CSS), ""):  # as Stylesheet.read names it
            self.stylesheet.read(SCREENS_CSS)
            self.stylesheet.parse()

    def _load_screen_css(self, screen: Screen) -> None:
        self.load_screen_styles()  # a screen opened before the first frame was drawn
        super()._load_screen_css(screen)

    def on_mount(self) -> None:
        self.theme = THEMES[self.theme_name]
        translate_bindings(self)  # the screens translate their own when they mount
        if self.first_paint is not None:
            # Opening the store imports the ORM and migrates: that waits until the cached catalogue is painted,
            # so the first paint neither shares the interpreter with it nor holds its memory.
            self.call_after_refresh(self.open_store)
        else:
            self.open_store()

    # --- workers: every store call off the UI thread ---------------------------------------------------

    @work(thread=True, exclusive=True, group="store")
    def open_store(self) -> None:
        from te_navigator.models.catalogue_view import CatalogueView

        painted = self.first_paint
        if painted is not None:
            self.post_snapshot_catalogue(painted.export)
        from te_navigator.models.catalogue import CatalogueInvalid
        from te_navigator.models.location import sqlite_path
        from te_navigator.models.snapshot import write_snapshot
        from te_navigator.models.store import Store, StoreError

        try:
            store = Store.open(self.db_url)
            export = store.export()
            catalogue = CatalogueView.from_export(export)
            index = store.search_index()
            store.fill_cache()  # the command line then answers without the ORM
        except StoreError as error:
            self.store_done.set()
            location = str(sqlite_path(self.db_url) or self.db_url)
            self.post_message(StoreFailed(location, str(error)))
            return
        except CatalogueInvalid as error:
            self.store_done.set()
            self.post_message(StoreFailed(str(self.db_url), "\n".join(str(p) for p in error.problems[:20])))
            return
        except Exception as error:  # noqa: BLE001 - the error screen and the log, never a traceback
            self.store_done.set()
            crashlog.record(error, "app: opening the store")
            self.post_message(StoreFailed(str(self.db_url), one_line(error)))
            return
        except BaseException:
            self.store_done.set()
            raise
        write_snapshot(self.db_url, export)
        self.store = store
        self.store_done.set()
        self.post_message(CatalogueReady(catalogue, index, from_store=True))

    def post_snapshot_catalogue(self, snapshot: dict) -> None:
        """The first paint's snapshot as the typed catalogue, while the store opens (in the store worker: pydantic
        is imported here, after the first frame). A snapshot the models refuse (written by an older version) is
        passed over: the store's catalogue follows."""
        from te_navigator.models.catalogue_view import CatalogueView

        try:
            catalogue = CatalogueView.from_export(snapshot)
        except Exception as error:  # noqa: BLE001 - whatever it was, the store's catalogue still follows
            crashlog.record(error, "app: the snapshot's catalogue")
            return
        self.post_message(CatalogueReady(catalogue))

    @work(thread=True, group="store-calls")
    def call_store(self, call: Callable[[Store], Any], reply_to: MessagePump, answer: type[StoreResult]) -> None:
        """Runs `call(store)` off the UI thread and posts `answer(result)` to the screen that asked, or
        `StoreRefused` with one line for the user (an unexpected error leaves its traceback in the log file).

        A call made while the store is still opening waits for it, so a screen opened early fills in when the store
        opens rather than showing nothing."""
        self.run_store_call(call, reply_to, answer)

    def run_store_call(self, call: Callable[[Store], Any], reply_to: MessagePump, answer: type[StoreResult]) -> None:
        """The body of `call_store`, for a screen's own worker (one that must be exclusive in its group)."""
        from te_navigator.models.errors import UserFacingError

        self.store_done.wait()
        if self.store is None:
            reply_to.post_message(StoreRefused(answer, _("The store could not be opened.")))
            return
        try:
            result = call(self.store)
        except UserFacingError as error:
            reply_to.post_message(StoreRefused(answer, str(error), [str(p) for p in error.problems]))
        except Exception as error:  # noqa: BLE001 - a failed save must not lose the answers on screen
            crashlog.record(error, f"app: {answer.__name__}")
            reply_to.post_message(StoreRefused(answer, _("The store failed: {reason}").format(reason=one_line(error))))
        else:
            reply_to.post_message(answer(result))
            if answer.changes_store:
                self.post_message(StoreChanged())

    def on_unmount(self) -> None:
        if self.key_releaser is not None:
            self.key_releaser.cancel()
        if self.store is not None:
            self.store.close()

    def _handle_exception(self, error: Exception) -> None:
        """The last resort (an error outside our handlers, where Textual must stop): at least it is in the log."""
        crashlog.record(error, "app: stopped")
        super()._handle_exception(error)

    def on_catalogue_ready(self, message: CatalogueReady) -> None:
        if self.collector_paused and message.from_store:
            gc.freeze()  # the catalogue, its search index and the ORM live as long as the app: as on_ready
        if self.catalogue is not None and not message.from_store:
            return  # the store answered before the cache
        self.catalogue = message.catalogue
        self.first_paint = None  # its names (and the snapshot it holds) are not read again
        if message.index is not None:
            self.index = message.index
        service_map = self.service_map()
        if service_map is not None:
            service_map.show_catalogue(self.catalogue, self.index)
        if message.from_store:
            self.call_after_refresh(self.prepare_screens)

    def prepare_screens(self) -> None:
        """The screen a key must show at once, built and loaded while the app waits for keys."""
        from te_navigator.tui import followups_screen

        self.load_screen_styles()  # built off screen, where Textual does not load a screen's styles
        followups_screen.prepare(self)

    def on_store_changed(self) -> None:
        from te_navigator.tui import followups_screen

        followups_screen.store_changed(self)

    def on_store_failed(self, message: StoreFailed) -> None:
        from te_navigator.tui.error_screen import StoreErrorScreen

        self.push_screen(StoreErrorScreen(message.location, message.reason))

    # --- moving between screens ------------------------------------------------------------------------

    def action_open_screen(self, screen_id: str) -> None:
        """A screen of the registry (tui/screens.py) by its id: its key on the service map, the menu, the palette."""
        from te_navigator.tui.screens import entry

        entry(screen_id).open(self)

    def action_screens_menu(self) -> None:
        from te_navigator.tui.menu_screen import ScreensMenu

        if isinstance(self.screen, ScreensMenu):
            self.screen.dismiss(None)
        else:
            self.push_screen(ScreensMenu())

    def action_checklists(self) -> None:
        from te_navigator.tui.checklist_screen import ChecklistScreen
        from te_navigator.tui.dialogs import Picker

        if self.catalogue is None:
            return
        self.push_screen(
            Picker(N_("Choose a checklist"), self.catalogue.checklists),
            lambda template_id: self.push_screen(ChecklistScreen(template_id)) if template_id else None,
        )

    def action_pathways(self) -> None:
        from te_navigator.tui.dialogs import Picker

        if self.catalogue is None:
            return
        self.push_screen(
            Picker(N_("Choose a pathway"), self.catalogue.pathways),
            lambda pathway_id: self.open_pathway(pathway_id) if pathway_id else None,
        )

    def open_pathway(self, pathway_id: str, case_reference: str | None = None, registered_on: str | None = None):
        from te_navigator.tui.navigator_screen import NavigatorScreen

        self.push_screen(NavigatorScreen(pathway_id, case_reference, registered_on))

    def action_followups(self) -> None:
        from te_navigator.tui import followups_screen

        followups_screen.show(self)

    def action_changes(self) -> None:
        from te_navigator.tui.changes_screen import ChangesScreen

        self.push_screen(ChangesScreen())

    def open_glossary(self, term_id: str | None = None) -> None:
        """The glossary, on one term when given (from the palette)."""
        from te_navigator.tui.glossary_screen import GlossaryScreen

        if isinstance(self.screen, GlossaryScreen):
            self.screen.show_term_id(term_id)
            return
        self.push_screen(GlossaryScreen(term_id))

    def start_tour(self) -> None:
        """The first-day tour over the real screens; a checklist with unsaved answers asks first."""
        from te_navigator.tui.tour import Tour

        service_map = self.service_map()
        if service_map is not None:
            service_map.remove_class("offer-tour")  # taken: saved as such when it ends
        Tour(self).start()

    def tour_answered(self, answer: str) -> None:
        """The first-day tour was taken or skipped: it is not offered again at start."""
        self.offer_tour = False
        service_map = self.service_map()
        if service_map is not None:
            service_map.remove_class("offer-tour")
        if self.save_settings:
            self.remember(tour=answer)

    def notify(self, message: str, *, markup: bool = False, **options) -> None:
        """A notification shows its text as written: messages quote what was typed ('[/]', a file name), which
        Textual would otherwise read as markup and fail on (and the guard's notice of that failure with it)."""
        super().notify(message, markup=markup, **options)

    def remember(self, **settings: str) -> None:
        """Saves a setting; a settings file that cannot be written is one line, and the app goes on."""
        try:
            config.save(**settings)
        except config.SettingsNotSaved as refused:
            self.notify(str(refused), severity="warning", timeout=8)

    def action_area(self) -> None:
        self.open_area()

    def open_area(self, municipality_id: str | None = None) -> None:
        """The area screen: the municipalities' figures, service points and cost sharing; on one municipality's
        figures when given (from the palette)."""
        from te_navigator.tui.area_screen import AreaScreen

        if isinstance(self.screen, AreaScreen):
            self.screen.show_municipality(municipality_id)
            return
        self.push_screen(AreaScreen(municipality_id))

    def action_assessments(self) -> None:
        from te_navigator.tui.assessments_screen import AssessmentsScreen

        self.push_screen(AssessmentsScreen())

    def action_practice(self) -> None:
        from te_navigator.tui.practice_screen import PracticeCasesScreen

        self.push_screen(PracticeCasesScreen())

    def practice_url(self) -> str:
        from te_navigator.models.practice_store import practice_url

        return practice_url(self.practice_db, self.db_url)

    def show_service(self, service_id: str) -> None:
        """A service's card over the current screen (a checklist keeps its unsaved answers)."""
        from te_navigator.tui.entry_screen import EntryScreen

        self.push_screen(EntryScreen("service", service_id))

    # --- leaving: every way out of unsaved answers asks first -------------------------------------------

    def unsaved_screens(self, screens: Iterable[Screen]) -> list[Screen]:
        return [screen for screen in screens if hasattr(screen, "has_unsaved_answers") and screen.has_unsaved_answers()]

    def confirm_leaving(self, screens: Iterable[Screen], go, question: str | None = None) -> None:
        """Runs `go()` at once if none of `screens` has unsaved answers, else after the user confirms."""
        if not self.unsaved_screens(screens):
            go()
            return
        from te_navigator.tui.dialogs import ConfirmDialog

        self.push_screen(
            ConfirmDialog(question or _("Leave without saving? The unsaved answers are lost.")),
            lambda confirmed: go() if confirmed else None,
        )

    def leave_screen(self, screen: Screen) -> None:
        """Closes `screen` (Esc), asking first if it has unsaved answers."""
        self.confirm_leaving([screen], screen.dismiss)

    def leave_for_service_map(self, service_id: str) -> None:
        """Back to the service map at `service_id`, asking first if a checklist has unsaved answers."""

        def go() -> None:
            self.switch_to_service_map()
            service_map = self.service_map()
            if service_map is not None:
                service_map.jump_to_service(service_id)

        self.confirm_leaving(self.screens_above_service_map(), go)

    def screens_above_service_map(self) -> list[Screen]:
        stack = self.screen_stack
        return [screen for screen in stack[1:] if not isinstance(screen, ServiceMapScreen)]

    def switch_to_service_map(self) -> None:
        """Closes every screen above the service map; callers ask first (leave_for_service_map)."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ServiceMapScreen):
            self.pop_screen()

    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit: asks first if a checklist has unsaved answers."""
        self.confirm_leaving(
            self.screen_stack, self.exit, _("Quit without saving? The unsaved answers of the checklist are lost.")
        )

    def service_map(self) -> ServiceMapScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, ServiceMapScreen):
                return screen
        return None

    # --- language ----------------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    # --- keys wait until the screen can handle them ----------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """A key typed before the screen is ready (its content loading, a focus change or a screen change still
        pending) is held and acted on, in order, once the screen is ready; Ctrl+Q always works at once."""
        if isinstance(event, events.Key) and id(event) in self.released_keys:
            self.released_keys.discard(id(event))
        elif (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and event.key != "ctrl+q"
            and (self.held_keys or not self.settled())
        ):
            self.held_keys.append(event)
            if self.key_releaser is None or self.key_releaser.done():
                self.key_releaser = asyncio.create_task(self.release_held_keys())
            return
        await super().on_event(event)

    def settled(self) -> bool:
        """The current screen is mounted and ready for keys, and nothing is waiting in the app or along the focus
        chain (a key on its way up, a focus change not yet made)."""
        try:
            screen = self.screen
        except ScreenStackError:
            return False
        if not screen.is_mounted or not getattr(screen, "keys_ready", True) or self.tour_moving:
            return False
        if not self._message_queue.empty():
            return False
        node = screen.focused or screen
        while node is not None and node is not self:
            if not node._message_queue.empty():
                return False
            node = node.parent
        return True

    async def release_held_keys(self) -> None:
        """One held key at a time, each once the previous one has been fully handled."""
        while self.held_keys:
            waited = 0.0
            while not self.settled():
                await asyncio.sleep(0.005)
                waited += 0.005
                if waited > 2 and self.screen_accepts_keys():
                    break  # something keeps posting messages: go on rather than hold keys for ever
            key = self.held_keys.pop(0)
            released = events.Key(key.key, key.character)
            self.released_keys.add(id(released))
            self.post_message(released)
            await asyncio.sleep(0)

    def screen_accepts_keys(self) -> bool:
        try:
            screen = self.screen
        except ScreenStackError:
            return False
        return screen.is_mounted and getattr(screen, "keys_ready", True)

    def apply_language(self) -> None:
        translate_bindings(self)
        for screen in self.screen_stack:
            if isinstance(screen, SwitchesLanguage):
                screen.apply_language()
            else:
                translate_bindings(screen)
            screen.refresh_bindings()

    def action_switch_language(self) -> None:
        self.lang = "sv" if self.lang == "fi" else "fi"
        i18n.set_language(self.lang)
        if self.save_settings:
            self.remember(language=self.lang)
        self.apply_language()

    # --- themes, help, palette ---------------------------------------------------------------------------

    def action_next_theme(self) -> None:
        names = list(THEMES)
        self.theme_name = names[(names.index(self.theme_name) + 1) % len(names)]
        self.set_theme(self.theme_name)

    def set_theme(self, name: str) -> None:
        self.theme_name = name
        self.theme = THEMES[name]
        if self.save_settings:
            self.remember(theme=name)
        self.notify(_("Theme: {name}").format(name=theme_label(name)), timeout=2)

    def action_help(self) -> None:
        from te_navigator.tui.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                Palette(placeholder=_("Search for services, partners, terms or commands…"), id="--command-palette")
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, translated, and ours."""
        yield SystemCommand(
            _("Language: switch fi ⇄ sv"), _("Show everything in the other language"), self.action_switch_language
        )
        for name in THEMES:
            yield SystemCommand(
                _("Theme: {name}").format(name=theme_label(name)),
                _("Change the colours"),
                lambda name=name: self.set_theme(name),
            )
        yield SystemCommand(
            _("Screens ({key})").format(key=MENU_KEY.upper()), _("Every screen and its key"), self.action_screens_menu
        )
        for listed in SCREENS:
            yield SystemCommand(listed.label(), _(listed.description), lambda listed=listed: listed.open(self))
        if isinstance(screen, ServiceMapScreen):
            yield SystemCommand(_("Search"), _("Focus the search box"), screen.action_focus_search)
            yield SystemCommand(_("Filters"), _("Filter the services"), screen.action_filters)
            yield SystemCommand(
                _("Side by side"), _("Show the service in Finnish and Swedish"), screen.action_side_by_side
            )
        yield SystemCommand(_("Keys"), _("Show the keys of the focused widget"), self.action_show_help_panel)
        yield SystemCommand(
            _("Screenshot"),
            _("Save an SVG screenshot of the screen"),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )
        yield SystemCommand(_("Quit"), _("Quit te-navigator"), self.action_quit)


def theme_label(name: str) -> str:
    return {"dark": _("dark"), "light": _("light"), "high-contrast": _("high contrast")}[name]


def one_line(error: Exception) -> str:
    """An unexpected error as one line for the user; its traceback goes to the log file."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def tour_wanted(settings: dict) -> bool:
    """The tour is offered until it is taken or skipped once; TE_NAVIGATOR_NO_TOUR=1 (tests, scripted runs) never."""
    return settings.get("tour") is None and os.environ.get("TE_NAVIGATOR_NO_TOUR", "") in ("", "0")


def run_app(db: str | None, lang: str, practice_db: str | None = None, collector_paused: bool = False) -> int:
    from te_navigator.models.location import resolve_url

    settings = config.load()
    app = TeNavigatorApp(
        resolve_url(db),
        lang=lang,
        theme=settings["theme"],
        practice_db=practice_db,
        offer_tour=tour_wanted(settings),
        collector_paused=collector_paused,
    )
    app.run()
    return app.return_code or 0
