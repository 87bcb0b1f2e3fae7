"""Dialogs of the navigator: the case, a referral's status change, and the customer's hand-out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from te_navigator.models.answers import parse_date
from te_navigator.models.i18n import _, current_language
from te_navigator.tui.dialogs import _Dialog


class CaseDialog(_Dialog):
    def __init__(self, reference: str | None, registered_on: str | None) -> None:
        super().__init__(classes="dialog-screen")
        self.reference = reference
        self.registered_on = registered_on

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("The case"), classes="dialog-title")
            yield Label(_("Case reference (pseudonymous: no name, no personal identity code)"))
            yield Input(self.reference or "", id="case-reference", placeholder=_("e.g. LOV-2026-014"))
            yield Label(_("Registered as a jobseeker on (YYYY-MM-DD), if known"))
            yield Input(self.registered_on or "", id="registered-on")
            yield Static(id="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        from te_navigator.models.assessments import AssessmentError, check_reference

        try:
            reference = check_reference(self.query_one("#case-reference", Input).value)
            registered = self.query_one("#registered-on", Input).value.strip()
            if registered:
                registered = parse_date(registered).isoformat()
        except AssessmentError as error:
            self.query_one("#dialog-problem", Static).update(str(error))
            return
        except ValueError:
            self.query_one("#dialog-problem", Static).update(_("Give the date as d.m.yyyy or YYYY-MM-DD."))
            return
        self.dismiss({"case_reference": reference, "registered_on": registered or None})

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class ReferralDialog(_Dialog):
    """A new referral for the step, or the next status of the open one."""

    def __init__(self, step_name: str, open_referral: dict | None, typical_due: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.step_name = step_name
        self.open_referral = open_referral
        self.typical_due = typical_due

    def compose(self) -> ComposeResult:
        from te_navigator.models.referrals import TRANSITIONS, status_label

        if self.open_referral:
            allowed = TRANSITIONS[self.open_referral["status"]]
            heading = _("{step}: now {status}").format(step=self.step_name,
                                                      status=status_label(self.open_referral["status"]))
        else:
            allowed = ("planned", "referred", "started")
            heading = self.step_name
        with Vertical(classes="dialog"):
            yield Label(heading, classes="dialog-title")
            yield Label(_("Status"))
            yield Select([(status_label(s), s) for s in allowed], id="status", allow_blank=False)
            yield Label(_("Date (YYYY-MM-DD)"))
            yield Input(dt.date.today().isoformat(), id="on")
            if not self.open_referral:
                yield Label(_("Due date (YYYY-MM-DD), for the follow-up list"))
                yield Input(self.typical_due or "", id="due", placeholder=_("optional"))
            yield Label(_("Internal note (not in the customer's hand-out)"))
            yield Input(id="note")
            yield Static(id="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Record"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#status", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        try:
            on_date = parse_date(self.query_one("#on", Input).value)
            due_text = self.query_one("#due", Input).value.strip() if not self.open_referral else ""
            due = parse_date(due_text) if due_text else None
        except ValueError:
            self.query_one("#dialog-problem", Static).update(_("Give the date as d.m.yyyy or YYYY-MM-DD."))
            return
        self.dismiss({"status": self.query_one("#status", Select).value, "on": on_date, "due": due,
                      "note": self.query_one("#note", Input).value.strip() or None})

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class HandoutDialog(_Dialog):
    def __init__(self, reference: str) -> None:
        super().__init__(classes="dialog-screen")
        self.reference = reference

    def compose(self) -> ComposeResult:
        lang = current_language()
        with Vertical(classes="dialog"):
            yield Label(_("Hand-out for the customer"), classes="dialog-title")
            yield Label(_("Language"))
            yield Select([(_("Finnish"), "fi"), (_("Swedish"), "sv")], id="handout-lang", value=lang,
                         allow_blank=False)
            yield Label(_("Format"))
            yield Select([("Markdown", "md"), ("HTML", "html")], id="handout-format", value="html",
                         allow_blank=False)
            yield Label(_("File"))
            yield Input(str(Path.home() / f"te-navigator-{self.reference}.html"), id="handout-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Write"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    @on(Select.Changed, "#handout-format")
    def format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#handout-path", Input)
        path_input.value = str(Path(path_input.value).with_suffix(f".{event.value}"))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        self.dismiss({"lang": self.query_one("#handout-lang", Select).value,
                      "format": self.query_one("#handout-format", Select).value,
                      "path": Path(self.query_one("#handout-path", Input).value).expanduser()})

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
