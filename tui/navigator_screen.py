"""The referral-pathway navigator: the pathway drawn, the current step, and a case's referrals along it."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Footer, Header, Static
from typing import TYPE_CHECKING

from te_navigator.models import formatting
from te_navigator.models.changes import fact_lines, pathway_facts
from te_navigator.models.i18n import N_, _, current_language, ngettext
from te_navigator.tui.diagram import draw_pathway, layers
from te_navigator.tui.base import AppScreen
from te_navigator.tui.messages import CasesLoaded, HandoutWritten, PathwayLoaded

if TYPE_CHECKING:
    from te_navigator.models.entities import DatedFact, Pathway, PathwayStep


class NavigatorScreen(AppScreen):
    BINDINGS = [
        # priority: the arrows move between steps, not the scroll position
        Binding("up", "move(-1, 0)", N_("Step up"), id="step-up", show=False, priority=True),
        Binding("down", "move(1, 0)", N_("Step down"), id="step-down", show=False, priority=True),
        Binding("left", "move(0, -1)", N_("Alternative left"), id="step-left", show=False, priority=True),
        Binding("right", "move(0, 1)", N_("Alternative right"), id="step-right", show=False, priority=True),
        Binding("enter", "open_step", N_("Open"), id="open-step"),
        Binding("r", "record", N_("Record referral"), id="record"),
        Binding("k", "choose_case", N_("Case"), id="choose-case"),
        Binding("h", "handout", N_("Hand-out"), id="handout"),
        Binding("escape", "back", N_("Back"), id="navigator-back"),
    ]

    step_id: reactive[str | None] = reactive(None, init=False)
    """The step the navigator stands on; the drawing follows it."""

    def __init__(self, pathway_id: str, case_reference: str | None = None, registered_on: str | None = None):
        super().__init__(id="navigator")
        self.pathway_id = pathway_id
        self.case_reference = case_reference
        self.registered_on = registered_on
        self.pathway: Pathway | None = None
        self.names: dict = {}
        self.referrals: list[dict] = []
        self.facts: list[DatedFact] = []
        self.load_failed = False
        self.case_language: str | None = None  # the customer's service language, for the hand-out

    @property
    def keys_ready(self) -> bool:
        """Keys typed before the pathway is drawn (arrows, r, h) wait for it (the app holds them)."""
        return self.pathway is not None or self.load_failed

    def on_store_refused(self, message) -> None:
        self.load_failed = True  # the keys held for the drawing need not wait any longer
        # Textual also runs the base class's handler (the notification) after this one.

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="diagram-scroll"):
            yield Static(id="diagram")
            yield Static(id="pathway-facts")
        yield Static(id="step-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_language()
        self.reload()

    def reload(self) -> None:
        pathway_id, reference = self.pathway_id, self.case_reference

        def load(store) -> dict:
            from te_navigator.models.referrals import case_info, case_referrals

            return {
                "pathway": store.pathway(pathway_id),
                "names": store.names(),
                "facts": pathway_facts(store.dated_facts(), pathway_id),
                "referrals": case_referrals(store, reference) if reference else [],
                "case": case_info(store, reference) if reference else None,
            }

        self.app.call_store(load, self, PathwayLoaded)

    def on_pathway_loaded(self, message: PathwayLoaded) -> None:
        result = message.result
        if result["pathway"] is None:
            self.notify(_("No pathway {value!r}.").format(value=self.pathway_id), severity="error")
            self.dismiss()
            return
        self.pathway, self.names = result["pathway"], result["names"]
        self.facts = result["facts"]
        self.referrals = [r for r in result["referrals"] if r["pathway"] == self.pathway_id]
        if result["case"] and result["case"]["registered_on"]:
            self.registered_on = result["case"]["registered_on"]
        self.case_language = result["case"]["service_language"] if result["case"] else None
        if self.step_id is None:
            self.step_id = self.pathway.start
        else:
            self.redraw()

    def on_cases_loaded(self, message: CasesLoaded) -> None:
        from te_navigator.tui.referral_dialog import CaseDialog

        self.app.push_screen(CaseDialog(self.case_reference, self.registered_on, message.result), self.case_chosen)

    def on_handout_written(self, message: HandoutWritten) -> None:
        self.notify(_("Hand-out written to {path}.").format(path=message.result), timeout=10)

    # --- drawing -----------------------------------------------------------------------------------------

    def show_texts(self) -> None:
        self.redraw()

    def watch_step_id(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        if self.pathway is None:
            self.query_one("#diagram", Static).update(_("Loading the pathway…"))
            self.app.sub_title = _("Pathways")  # not the title of the screen left behind while this one loads
            return
        lang = current_language()
        case = self.case_reference or _("no case chosen (k)")
        self.app.sub_title = f"{self.pathway.name.text(lang)} · {case}"
        statuses = {r["step"]: r["status"] for r in self.referrals}
        labels = {status: _status(status) for status in ("planned", "referred", "started", "done", "cancelled")}
        scroll = self.query_one("#diagram-scroll", VerticalScroll)
        inner = scroll.size.width - 2 if scroll.size.width else self.app.size.width - 6  # borders and scrollbar
        drawing = draw_pathway(
            self.pathway, lang, width=max(40, inner), current=self.step_id, statuses=statuses, status_labels=labels
        )
        drawing.no_wrap = True
        drawing.overflow = "crop"
        self.query_one("#diagram", Static).update(drawing)
        self.query_one("#pathway-facts", Static).update(facts_text(self.facts, lang))
        self.query_one("#step-detail", Static).update(self.step_text())
        current_line = next((n for n, line in enumerate(drawing.plain.splitlines()) if "┏" in line), 0)
        self.query_one("#diagram-scroll", VerticalScroll).scroll_to(y=max(0, current_line - 3), animate=False)
        self.query_one("#diagram-scroll").border_title = self.pathway.name.text(lang)
        self.query_one("#diagram-scroll").border_subtitle = (
            ngettext(
                "{count} change in the law below the pathway",
                "{count} changes in the law below the pathway",
                len(self.facts),
            ).format(count=len(self.facts))
            if self.facts
            else ""
        )

    def on_resize(self) -> None:
        self.redraw()

    def current_step(self) -> PathwayStep | None:
        if self.pathway is None:
            return None
        return next((s for s in self.pathway.steps if s.id == self.step_id), None)

    def step_name(self, step_id: str) -> str:
        steps = self.pathway.steps if self.pathway else []
        step = next((s for s in steps if s.id == step_id), None)
        return step.name.text(current_language()) if step else step_id

    def step_text(self) -> Text:
        step = self.current_step()
        if step is None:
            return Text()
        lang = current_language()
        text = Text(step.name.text(lang), style="bold")
        uses = (
            self.names["service"].get(step.service) if step.service else self.names["partner"].get(step.partner or "")
        )
        if uses:
            text.append("  (" + (_("service") if step.service else _("partner")) + f": {uses[lang]})", style="dim")
        text.append("\n" + _("Responsible: ") + step.responsible.text(lang))
        text.append("\n" + _("Timing: ") + step.timing.text(lang))
        if step.handoff:
            text.append("\n" + _("Handoff: ") + step.handoff.text(lang))
        referral = self.referral_for(step.id)
        if referral:
            text.append("\n" + _("For this case: {status}").format(status=_status(referral["status"])), style="bold")
            if referral["due_on"]:
                text.append(", " + _("due {date}").format(date=_day(referral["due_on"], lang)), style="bold")
        return text

    def referral_for(self, step_id: str) -> dict | None:
        matching = [r for r in self.referrals if r["step"] == step_id]
        return matching[-1] if matching else None

    # --- moving and acting -------------------------------------------------------------------------------

    def action_move(self, rows: int, columns: int) -> None:
        if self.pathway is None:
            return
        grouped = layers(self.pathway)
        row = next(i for i, layer in enumerate(grouped) if self.step_id in layer)
        column = grouped[row].index(self.step_id)
        if rows:
            row = min(max(row + rows, 0), len(grouped) - 1)
            column = min(column, len(grouped[row]) - 1)
        else:
            column = min(max(column + columns, 0), len(grouped[row]) - 1)
        self.step_id = grouped[row][column]

    def action_open_step(self) -> None:
        step = self.current_step()
        if step is None:
            return
        from te_navigator.tui.entry_screen import EntryScreen

        if step.service:
            self.app.push_screen(EntryScreen("service", step.service))
        elif step.partner:
            self.app.push_screen(EntryScreen("partner", step.partner))

    def action_choose_case(self) -> None:
        from te_navigator.models.referrals import saved_cases

        self.app.call_store(saved_cases, self, CasesLoaded)  # the dialog opens with them

    def case_chosen(self, chosen: dict | None) -> None:
        if chosen:
            self.case_reference = chosen["case_reference"]
            self.registered_on = chosen.get("registered_on") or self.registered_on
            self.reload()

    def action_record(self) -> None:
        step = self.current_step()
        if step is None:
            return
        if not self.case_reference:
            self.notify(_("Choose the case first (k)."), severity="warning")
            self.action_choose_case()
            return
        from te_navigator.tui.referral_dialog import ReferralDialog

        referral = self.referral_for(step.id)
        open_referral = referral if referral and referral["status"] in ("planned", "referred", "started") else None
        typical_due = None
        if step.due_working_days and not open_referral:
            from te_navigator.models.workdays import add_working_days

            typical_due = add_working_days(dt.date.today(), step.due_working_days).isoformat()
        self.app.push_screen(
            ReferralDialog(
                self.case_reference,
                step.name.text(current_language()),
                open_referral,
                typical_due,
                record=self.referral_call(step, open_referral),
            ),
            self.recorded,
        )

    def referral_call(self, step: PathwayStep, open_referral: dict | None):
        """What the referral dialog runs in the store with the caseworker's choice; it closes when that worked."""
        from te_navigator.models import referrals

        pathway_id, reference = self.pathway_id, self.case_reference
        registered = dt.date.fromisoformat(self.registered_on) if self.registered_on else None

        def call_for(chosen: dict):
            def record(store):
                if open_referral:
                    return referrals.change_status(
                        store, open_referral["id"], chosen["status"], chosen["on"], note=chosen["note"]
                    )
                return referrals.plan_step(
                    store,
                    reference,
                    pathway_id,
                    step.id,
                    status=chosen["status"],
                    on=chosen["on"],
                    note=chosen["note"],
                    registered_on=registered,
                    due_on=chosen["due"],
                )

            return record

        return call_for

    def recorded(self, referral: dict | None) -> None:
        if referral:
            self.notify(
                _("Recorded: {step} – {status}.").format(
                    step=self.step_name(referral["step"]), status=_status(referral["status"])
                )
            )
            self.reload()

    def action_handout(self) -> None:
        if not self.case_reference:
            self.notify(_("Choose the case first (k)."), severity="warning")
            return
        from te_navigator.tui.referral_dialog import HandoutDialog

        self.app.push_screen(HandoutDialog(self.case_reference, self.case_language), self.handout_chosen)

    def handout_chosen(self, chosen: dict | None) -> None:
        if not chosen:
            return
        reference, practice_db = self.case_reference, self.app.practice_db

        def write(store):
            from te_navigator.models import handout

            handout.write_handout(
                handout.case_handout(store, reference, chosen["lang"], chosen["format"]),
                chosen["path"],
                store=store,
                practice_db=practice_db,
            )
            return str(chosen["path"])

        self.app.call_store(write, self, HandoutWritten)

    def action_back(self) -> None:
        self.dismiss()


def _status(status: str) -> str:
    from te_navigator.models.referrals import status_label

    return status_label(status)


def _day(iso: str, lang: str) -> str:
    return formatting.date(dt.date.fromisoformat(iso), lang)


def facts_text(facts: list[DatedFact], lang: str) -> Text:
    text = Text()
    for heading, body in fact_lines(facts, lang):
        text.append(f"\n⚖ {heading}", style="bold")
        text.append(f"\n  {body}\n")
    return text
