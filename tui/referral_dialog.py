"""Dialogs of the navigator: the case, a referral's status change, and the customer's hand-out.

A refused value never closes a dialog: it stays open with everything typed and says what was wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from te_navigator.models import formatting
from te_navigator.models.i18n import _, current_language
from te_navigator.tui.dialogs import _Dialog
from te_navigator.tui.messages import ReferralRecorded, StoreRefused


class CaseDialog(_Dialog):
    """Pick a saved case, or type a new pseudonymous reference."""

    def __init__(self, reference: str | None, registered_on: str | None, cases: list[dict] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.reference = reference
        self.registered_on = registered_on
        self.cases = cases or []

    def compose(self) -> ComposeResult:
        lang = current_language()
        with Vertical(classes="dialog"):
            yield Label(_("The case"), classes="dialog-title")
            if self.cases:
                yield Label(_("A saved case"))
                yield Select(
                    [(case_label(case, lang), case["reference"]) for case in self.cases],
                    id="saved-case",
                    prompt=_("– a new case –"),
                    allow_blank=True,
                )
            yield Label(_("Case reference (pseudonymous: no name, no personal identity code)"))
            yield Input(self.reference or "", id="case-reference", placeholder=_("e.g. LOV-2026-014"))
            yield Label(_("Registered as a jobseeker on (d.m.yyyy), if known"))
            yield Input(_day_text(self.registered_on, lang), id="registered-on")
            yield Static(id="dialog-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    @on(Select.Changed, "#saved-case")
    def saved_case_chosen(self, event: Select.Changed) -> None:
        case = next((c for c in self.cases if c["reference"] == event.value), None)
        if case is None:
            return
        self.query_one("#case-reference", Input).value = case["reference"]
        self.query_one("#registered-on", Input).value = _day_text(case["registered_on"], current_language())

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        from te_navigator.models.assessments import AssessmentError, check_reference

        try:
            reference = check_reference(self.query_one("#case-reference", Input).value)
        except AssessmentError as error:
            self.say(str(error))
            return
        registered_text = self.query_one("#registered-on", Input).value.strip()
        try:
            registered = formatting.parse_date(registered_text) if registered_text else None
        except ValueError:
            self.say(date_refusal(_("Registered as a jobseeker on"), registered_text))
            return
        self.dismiss({"case_reference": reference, "registered_on": registered.isoformat() if registered else None})

    def say(self, problem: str) -> None:
        self.query_one("#dialog-problem", Static).update(problem)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


def case_label(case: dict, lang: str) -> str:
    if case.get("registered_on"):
        return _("{reference} (registered {date})").format(
            reference=case["reference"], date=_day_text(case["registered_on"], lang)
        )
    return case["reference"]


def date_refusal(field: str, value: str) -> str:
    return _("{field}: {value!r} is not a date; write it as d.m.yyyy, e.g. 2.11.2026.").format(field=field, value=value)


def _day_text(iso: str | None, lang: str) -> str:
    return formatting.date(dt.date.fromisoformat(iso), lang) if iso else ""


class ReferralDialog(_Dialog):
    """A new referral for the step, or the next status of the open one, for the case it names.

    `record(chosen)` gives the store call that records it; the dialog closes only when the store accepted it, with
    the recorded referral as its result."""

    def __init__(
        self,
        case_reference: str,
        step_name: str,
        open_referral: dict | None,
        typical_due: str | None = None,
        record: Callable[[dict], Callable] | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.case_reference = case_reference
        self.step_name = step_name
        self.open_referral = open_referral
        self.typical_due = typical_due
        self.record = record

    def compose(self) -> ComposeResult:
        from te_navigator.models.referrals import TRANSITIONS, status_label

        lang = current_language()
        if self.open_referral:
            allowed = TRANSITIONS[self.open_referral["status"]]
            heading = _("{step}: now {status}").format(
                step=self.step_name, status=status_label(self.open_referral["status"])
            )
        else:
            allowed = ("planned", "referred", "started")
            heading = self.step_name
        with VerticalScroll(classes="dialog"):  # at 80×24 the last fields and the buttons scroll into view
            yield Label(
                heading + "\n" + _("For the case {reference}").format(reference=self.case_reference),
                classes="dialog-title",
            )
            yield Label(_("Status"))
            yield Select([(status_label(s), s) for s in allowed], id="status", allow_blank=False)
            yield Label(_("Date (d.m.yyyy)"))
            yield Input(formatting.date(dt.date.today(), lang), id="on")
            if not self.open_referral:
                yield Label(_("Due date (d.m.yyyy), for the follow-up list"))
                yield Input(_day_text(self.typical_due, lang), id="due", placeholder=_("optional"))
            yield Label(_("Internal note (not in the customer's hand-out)"))
            yield Input(id="note")
            yield Static(id="dialog-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Record"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#status", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        on_text = self.query_one("#on", Input).value.strip()
        due_text = self.query_one("#due", Input).value.strip() if not self.open_referral else ""
        try:
            on_date = formatting.parse_date(on_text)
        except ValueError:
            self.say(date_refusal(_("Date"), on_text))
            return
        try:
            due = formatting.parse_date(due_text) if due_text else None
        except ValueError:
            self.say(date_refusal(_("Due date"), due_text))
            return
        chosen = {
            "status": self.query_one("#status", Select).value,
            "on": on_date,
            "due": due,
            "note": self.query_one("#note", Input).value.strip() or None,
        }
        if self.record is None:
            self.dismiss(chosen)
            return
        self.say(_("Recording…"))
        self.app.call_store(self.record(chosen), self, ReferralRecorded)

    def on_referral_recorded(self, message: ReferralRecorded) -> None:
        message.stop()
        self.dismiss(message.result)

    def on_store_refused(self, message: StoreRefused) -> None:
        message.stop()  # said here, in the dialog that stays open with what was typed
        self.say(message.error + "".join("\n" + detail for detail in message.details[:3]))

    def say(self, problem: str) -> None:
        self.query_one("#dialog-problem", Static).update(problem)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class HandoutDialog(_Dialog):
    """The hand-out's language (the customer's service language when the case has one) and its file; the format
    follows the file name (.md or .html)."""

    def __init__(self, reference: str, customer_language: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.reference = reference
        self.customer_language = customer_language

    def compose(self) -> ComposeResult:
        lang = self.customer_language or current_language()
        with Vertical(classes="dialog"):
            yield Label(_("Hand-out for the customer"), classes="dialog-title")
            yield Label(_("Language"))
            yield Select([(_("Finnish"), "fi"), (_("Swedish"), "sv")], id="handout-lang", value=lang, allow_blank=False)
            yield Label(_("File (.html or .md)"))
            yield Input(str(Path.home() / f"te-navigator-{self.reference}.html"), id="handout-path")
            yield Static(id="handout-format")
            yield Static(id="dialog-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Write"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self.show_format()

    @on(Input.Changed, "#handout-path")
    def show_format(self) -> None:
        from te_navigator.models.handout import format_from_path

        output_format = format_from_path(self.query_one("#handout-path", Input).value)
        name = {"md": _("Markdown (for e-mail or a text editor)"), "html": _("HTML (for a browser or printing)")}
        self.query_one("#handout-format", Static).update(_("Format: {format}").format(format=name[output_format]))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        from te_navigator.models.handout import format_from_path

        text = self.query_one("#handout-path", Input).value.strip()
        if not text:
            self.query_one("#dialog-problem", Static).update(_("Give the file to write, e.g. plan.html."))
            return
        path = Path(text).expanduser()
        self.dismiss(
            {"lang": self.query_one("#handout-lang", Select).value, "format": format_from_path(path), "path": path}
        )

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
