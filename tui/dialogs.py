"""Small dialogs: choosing a checklist, saving an assessment, confirming a deletion or leaving unsaved work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui.translate import translate_bindings
from te_navigator.tui.base import AppModal

if TYPE_CHECKING:
    from te_navigator.models.entities import Checklist, Pathway


class _Dialog(AppModal):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="dialog-cancel")]

    def on_mount(self) -> None:
        translate_bindings(self)
        self.refresh_bindings()

    def show_texts(self) -> None:
        self.refresh(recompose=True)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Picker(_Dialog):
    """Choose one of a few catalogue entries (a checklist, a pathway) by its name in the current language."""

    def __init__(self, title: str, entries: list[Checklist] | list[Pathway]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_msgid = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        lang = current_language()
        with Vertical(classes="dialog"):
            yield Label(_(self.title_msgid), classes="dialog-title")
            yield OptionList(
                *[Option(entry.name.text(lang), id=entry.id) for entry in self.entries], id="picker-options"
            )

    @on(OptionList.OptionSelected, "#picker-options")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class SaveDialog(_Dialog):
    """The pseudonymous case reference (or area and period) and whether the assessment is finished."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="dialog-cancel")]

    def __init__(self, subject: str, reference: str | None, area: str | None, period: str | None, locked: bool) -> None:
        super().__init__(classes="dialog-screen")
        self.subject = subject
        self.reference = reference
        self.area = area
        self.period = period
        self.locked = locked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Save the assessment"), classes="dialog-title")
            if self.subject == "case":
                yield Label(_("Case reference (pseudonymous: no name, no personal identity code)"))
                yield Input(
                    self.reference or "", id="reference", disabled=self.locked, placeholder=_("e.g. LOV-2026-014")
                )
            else:
                yield Label(_("Area"))
                yield Input(self.area or _("Porvoo employment area"), id="area", disabled=self.locked)
                yield Label(_("Period"))
                yield Input(self.period or "", id="period", disabled=self.locked, placeholder=_("e.g. 2026 or 2026-Q1"))
            yield Checkbox(_("The assessment is finished"), id="finished")
            yield Static(id="save-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        enabled = [field for field in self.query(Input) if not field.disabled]
        (enabled[0] if enabled else self.query_one("#finished")).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        from te_navigator.models.assessments import AssessmentError, check_reference

        values = {"finished": self.query_one("#finished", Checkbox).value}
        try:
            if self.subject == "case":
                values["case_reference"] = check_reference(self.query_one("#reference", Input).value)
            else:
                values["area"] = self.query_one("#area", Input).value.strip()
                values["period"] = self.query_one("#period", Input).value.strip()
                if not values["area"] or not values["period"]:
                    raise AssessmentError(_("An area review needs the area and the period (e.g. 2026 or 2026-Q1)."))
        except AssessmentError as error:
            self.query_one("#save-problem", Static).update(str(error))
            return
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(_Dialog):
    def __init__(self, question: str, confirm_label: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm_label or _("Yes"), variant="error", id="yes")
                yield Button(_("No"), variant="primary", id="no")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def no(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)
