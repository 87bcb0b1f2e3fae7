"""The one list of te-navigator's screens: each one's id, key, title and how to open it.

The service map's keys, the Screens menu (F4) and the command palette's commands are all made from this list, so a
new screen is added here once and is then reachable in all three ways. To add one: write a function that opens it
(`def open_x(app): app.push_screen(XScreen())`, importing the screen inside, so the app starts without it) and put a
`ScreenEntry` for it in `SCREENS` in the order the menu should list it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding

from te_navigator.models.i18n import N_, _

if TYPE_CHECKING:
    from te_navigator.tui.app import TeNavigatorApp

MENU_KEY = "f4"


@dataclass(frozen=True)
class ScreenEntry:
    id: str  # also the id of its key's binding
    key: str  # its key on the service map and in the menu ("" for none)
    title: str  # msgid, translated when shown
    description: str  # msgid: what it is for, one line
    open: Callable[[TeNavigatorApp], None]

    def label(self) -> str:
        """ "Checklist (c)" in the current language."""
        return f"{_(self.title)} ({self.key_label()})" if self.key else _(self.title)

    def key_label(self) -> str:
        return self.key.upper() if self.key.startswith("f") and self.key[1:].isdigit() else self.key


def open_service_map(app: TeNavigatorApp) -> None:
    app.confirm_leaving(app.screens_above_service_map(), app.switch_to_service_map)


def open_checklists(app: TeNavigatorApp) -> None:
    app.action_checklists()


def open_assessments(app: TeNavigatorApp) -> None:
    app.action_assessments()


def open_pathways(app: TeNavigatorApp) -> None:
    app.action_pathways()


def open_followups(app: TeNavigatorApp) -> None:
    app.action_followups()


def open_area(app: TeNavigatorApp) -> None:
    app.action_area()


def open_practice(app: TeNavigatorApp) -> None:
    app.action_practice()


def open_changes(app: TeNavigatorApp) -> None:
    app.action_changes()


def open_glossary(app: TeNavigatorApp) -> None:
    app.open_glossary()


def open_tour(app: TeNavigatorApp) -> None:
    app.start_tour()


def open_help(app: TeNavigatorApp) -> None:
    app.action_help()


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("service-map-home", "", N_("Service map"), N_("Groups, services and their details"), open_service_map),
    ScreenEntry("checklists", "c", N_("Checklist"), N_("Fill a service-needs checklist"), open_checklists),
    ScreenEntry(
        "assessments", "a", N_("Assessments"), N_("Saved assessments: resume, history, delete"), open_assessments
    ),
    ScreenEntry("pathways", "p", N_("Pathways"), N_("Open a referral pathway"), open_pathways),
    ScreenEntry("followups", "u", N_("Follow-ups"), N_("Overdue and due referrals, 3-month targets"), open_followups),
    ScreenEntry("area", "m", N_("Area"), N_("The municipalities' figures, service points and cost sharing"), open_area),
    ScreenEntry(
        "practice", "t", N_("Practice"), N_("Work a made-up case and compare with the model answer"), open_practice
    ),
    ScreenEntry(
        "changes", "w", N_("What changed"), N_("Every dated change in the catalogue, newest first"), open_changes
    ),
    ScreenEntry("glossary", "g", N_("Glossary"), N_("Terms and abbreviations in Finnish and Swedish"), open_glossary),
    ScreenEntry("tour", "i", N_("First-day tour"), N_("The main screens shown one by one"), open_tour),
    ScreenEntry("help", "f1", N_("Help"), N_("How to use te-navigator"), open_help),
)


def entry(screen_id: str) -> ScreenEntry:
    return next(screen for screen in SCREENS if screen.id == screen_id)


def letter_bindings() -> list[Binding]:
    """The screens' letter keys, for the service map (the footer has no room for them: the menu shows them)."""
    return [
        Binding(screen.key, f"app.open_screen('{screen.id}')", screen.title, id=screen.id, show=False)
        for screen in SCREENS
        if len(screen.key) == 1
    ]
