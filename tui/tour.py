"""The first-day tour: a small panel over the real screens, one step at a time, pointing at what it explains.

Each step opens its real screen (the service map, a checklist, a pathway, the follow-ups) and marks the part it
talks about; Enter goes on, ← back, Esc ends the tour at any step. The steps' texts are UI text (gettext)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from te_navigator.models.i18n import N_, _
from te_navigator.tui.base import AppModal

if TYPE_CHECKING:
    from te_navigator.tui.app import TeNavigatorApp

TARGET_CLASS = "tour-target"
POINT_TRIES = 50  # refreshes to wait for the step's screen to show its part; without it the panel still explains


@dataclass(frozen=True)
class TourStep:
    title: str  # msgid
    text: str  # msgid
    target: str  # the part of the real screen the step points at (a CSS selector), or ""
    show: Callable[[TeNavigatorApp], None]  # opens the step's real screen over the service map


def on_service_map(app: TeNavigatorApp) -> None:
    """The service map itself: nothing to open."""


def side_by_side(app: TeNavigatorApp) -> None:
    service_map = app.service_map()
    if service_map is not None and not service_map.side_by_side:
        service_map.action_side_by_side()


def a_checklist(app: TeNavigatorApp) -> None:
    from te_navigator.tui.checklist_screen import ChecklistScreen

    checklists = app.catalogue.checklists if app.catalogue else []
    chosen = next((c for c in checklists if c.subject == "case"), checklists[0] if checklists else None)
    if chosen is not None:
        app.push_screen(ChecklistScreen(chosen.id))


def a_pathway(app: TeNavigatorApp) -> None:
    pathways = app.catalogue.pathways if app.catalogue else []
    if pathways:
        app.open_pathway(pathways[0].id)


def the_followups(app: TeNavigatorApp) -> None:
    app.action_followups()


STEPS: tuple[TourStep, ...] = (
    TourStep(
        N_("The service map"),
        N_(
            "The service map's groups are on the left, the services of the chosen group below them and the "
            "service's details on the right. Arrows move, Enter goes in, Esc goes back."
        ),
        "#groups",
        on_service_map,
    ),
    TourStep(
        N_("Search"),
        N_(
            "Press / and type: the list narrows as you type. Inflected words, words typed without ä and ö, "
            "and abbreviations such as TYP or KEHA are found, in Finnish and Swedish at once."
        ),
        "#search",
        on_service_map,
    ),
    TourStep(
        N_("Finnish and Swedish"),
        N_(
            "F2 switches every screen between Finnish and Swedish. b shows the service in both languages side "
            "by side, as here, when you serve a customer in the other language."
        ),
        "#detail",
        side_by_side,
    ),
    TourStep(
        N_("The checklist"),
        N_(
            "c opens the service-needs checklists (tiers 1–3). Answer the questions on the left; the suggested "
            "services, pathways and deadlines follow on the right. Ctrl+S saves under a pseudonymous case "
            "reference."
        ),
        "#items",
        a_checklist,
    ),
    TourStep(
        N_("The navigator"),
        N_(
            "p opens a referral pathway drawn as a diagram. Arrows move between the steps; k chooses the case, "
            "r records a referral and h writes the customer's hand-out."
        ),
        "#diagram",
        a_pathway,
    ),
    TourStep(
        N_("Follow-ups"),
        N_("u lists the overdue referrals, those due this week and each case's 3-month target."),
        "#followup-table",
        the_followups,
    ),
    TourStep(
        N_("Finding everything"),
        N_(
            "F4 lists every screen with its key; g opens the glossary; Ctrl+P finds any service, partner, term "
            "or command; F1 is the help. The tour is in the F4 menu and in the help (i)."
        ),
        "",
        on_service_map,
    ),
)


class Tour:
    """Walks the steps: each step's real screen is opened over the service map, with the panel over it."""

    def __init__(self, app: TeNavigatorApp) -> None:
        self.app = app
        self.position = 0

    def start(self) -> None:
        self.app.confirm_leaving(self.app.screens_above_service_map(), lambda: self.show(0))

    def show(self, position: int) -> None:
        self.position = position
        self.back_to_the_map()
        step = STEPS[position]
        step.show(self.app)
        self.app.push_screen(TourPanel(position, step), self.answered)

    def answered(self, answer: str | None) -> None:
        # Called while the panel is still leaving the stack: the next step waits until it has gone, and keys typed
        # meanwhile wait for the next panel (the app holds them while `tour_moving`).
        self.app.tour_moving = True
        self.app.call_after_refresh(self.go_on, answer)

    def go_on(self, answer: str | None) -> None:
        if answer == "next" and self.position + 1 < len(STEPS):
            self.show(self.position + 1)
        elif answer == "previous":
            self.show(max(self.position - 1, 0))
        else:
            self.app.tour_moving = False
            self.back_to_the_map()
            self.app.tour_answered("taken" if answer == "next" or self.position > 0 else "skipped")

    def back_to_the_map(self) -> None:
        """Closes what the last step opened (the tour opens nothing that holds unsaved work)."""
        self.app.switch_to_service_map()
        service_map = self.app.service_map()
        if service_map is not None and service_map.side_by_side:
            service_map.action_side_by_side()


class TourPanel(AppModal[str]):
    """One step's panel in the corner of the real screen; the part it explains is outlined."""

    BINDINGS = [
        Binding("enter", "answer('next')", N_("Next"), id="tour-next"),
        Binding("right", "answer('next')", N_("Next"), id="tour-next-arrow", show=False),
        Binding("left", "answer('previous')", N_("Previous"), id="tour-previous"),
        Binding("escape", "answer('stop')", N_("End the tour"), id="tour-stop"),
    ]

    def __init__(self, position: int, step: TourStep) -> None:
        super().__init__(id="tour", classes="tour-screen")
        self.position = position
        self.step = step
        self.marked: Widget | None = None
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="tour-panel"):
            yield Static(id="tour-text")
            yield Static(id="tour-keys")

    def on_mount(self) -> None:
        self.apply_language()
        self.app.tour_moving = False
        self.call_after_refresh(self.point)

    def show_texts(self) -> None:
        panel = self.query_one("#tour-panel")
        panel.border_title = _("First-day tour") + f" {self.position + 1}/{len(STEPS)}"
        panel.border_subtitle = _(self.step.title)
        self.query_one("#tour-text", Static).update(_(self.step.text))
        self.query_one("#tour-keys", Static).update(
            _("Enter: next · ←: back · Esc: end the tour")
            if self.position + 1 < len(STEPS)
            else _("Enter: end the tour · ←: back")
        )

    def screen_below(self) -> Screen | None:
        stack = self.app.screen_stack
        return stack[-2] if len(stack) > 1 and stack[-1] is self else None

    def point(self) -> None:
        """Outlines the step's part of the real screen below, once that screen has mounted it."""
        below = self.screen_below()
        if not self.step.target or below is None:
            return
        try:
            marked = below.query_one(self.step.target)
        except NoMatches:
            self.tries += 1
            if self.tries < POINT_TRIES:
                self.call_after_refresh(self.point)  # the screen below is still composing
            return
        marked.add_class(TARGET_CLASS)
        self.marked = marked

    def action_answer(self, answer: str) -> None:
        if self.marked is not None:
            self.marked.remove_class(TARGET_CLASS)
        self.dismiss(answer)
