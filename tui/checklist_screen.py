"""A checklist (tier 1, 2 or 3): the questions, an editor for the current one, and the suggestions as they change."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from te_navigator.models import formatting, rules
from te_navigator.models.answers import answer_text, check_answers, choice_labels, progress
from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui.describe import entry_kind_label
from te_navigator.tui.base import AppScreen
from te_navigator.tui.messages import AssessmentSaved, ChecklistLoaded, StoreRefused


class ChecklistScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="save", priority=True),
        Binding("ctrl+n", "next_unanswered", N_("Next unanswered"), id="next-unanswered"),
        Binding("escape", "back", N_("Back"), id="checklist-back"),
    ]

    dirty: reactive[bool] = reactive(False, init=False)
    """Answers changed since the last save."""
    saved_version: reactive[int | None] = reactive(None, init=False)

    def __init__(self, template_id: str, assessment_id: int | None = None) -> None:
        super().__init__(id="checklist")
        self.template_id = template_id
        self.assessment_id = assessment_id
        self.template: dict | None = None
        self.context: dict = {}
        self.answers: dict = {}
        self.problems: dict[str, str] = {}
        self.item_id: str | None = None
        self.case_reference: str | None = None
        self.area: str | None = None
        self.period: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="checklist-body"):
            yield OptionList(id="items")
            with Vertical(id="checklist-side"):
                with Vertical(id="editor"):
                    yield Static(id="item-label")
                    yield Input(id="answer-input")
                    yield Select([], id="answer-select", allow_blank=True)
                    yield Static(id="item-problem")
                yield OptionList(id="suggestions")
        yield Footer()

    def on_mount(self) -> None:
        if getattr(self.app, "steady", False):
            self.query_one("#answer-input", Input).cursor_blink = False
        self.apply_language()
        self.app.call_store(_load_context(self.template_id, self.assessment_id), self, ChecklistLoaded)

    # --- loading -----------------------------------------------------------------------------------------

    def on_checklist_loaded(self, message: ChecklistLoaded) -> None:
        self.context = message.result
        self.template = self.context["template"]
        record = self.context.get("record")
        if record:
            self.answers = dict(record["answers"])
            self.case_reference = record["case_reference"]
            self.area, self.period = record["area"], record["period"]
            self.saved_version = record["version"]
        self.item_id = self.template["items"][0]["id"]
        self.refresh_all()
        self.query_one("#items", OptionList).focus()

    def show_refusal(self, message: StoreRefused, after: str = "") -> None:
        if message.failed is AssessmentSaved:
            after = _("Your answers are still here; nothing was lost.")
        super().show_refusal(message, after)

    # --- language and drawing ----------------------------------------------------------------------------

    def show_texts(self) -> None:
        self.refresh_all()

    def watch_dirty(self) -> None:
        self.show_progress()

    def watch_saved_version(self) -> None:
        self.show_progress()

    def refresh_all(self) -> None:
        if self.template is None:
            self.query_one("#item-label", Static).update(_("Loading the checklist…"))
            return
        lang = current_language()
        self.app.sub_title = self.template["name"][lang]
        self.fill_items()
        self.show_editor()
        self.fill_suggestions()

    def fill_items(self) -> None:
        lang = current_language()
        items = self.query_one("#items", OptionList)
        options = []
        for item in self.template["items"]:
            value = self.answers.get(item["id"])
            mark = "✓" if value not in (None, "") else "·"
            prompt = Text(f"{mark} {item['label'][lang]}", style="bold" if mark == "✓" else "")
            if value not in (None, ""):
                prompt.append(f"\n   {self.answer_text(item, value)}", style="dim")
            options.append(Option(prompt, id=item["id"]))
        highlighted = items.highlighted
        items.set_options(options)
        index = next((i for i, o in enumerate(options) if o.id == self.item_id), highlighted or 0)
        items.highlighted = index
        items.border_title = self.template["name"][lang]
        self.show_progress()

    def show_progress(self) -> None:
        """How many are answered, the saved version, and * for unsaved changes, under the list."""
        if self.template is None:
            return
        answered, total = progress(self.template, self.answers)
        saved = _("saved v{version}").format(version=self.saved_version) if self.saved_version else _("not saved")
        changed = " *" if self.dirty else ""
        self.query_one("#items", OptionList).border_subtitle = _("{answered}/{total} answered").format(answered=answered, total=total) + \
            f" · {saved}{changed}"

    def answer_text(self, item: dict, value) -> str:
        return answer_text(item, value, current_language(), self.context["municipalities"])

    def choice_labels(self, item: dict) -> dict[str, str]:
        return choice_labels(item, self.context["municipalities"], current_language())

    def current_item(self) -> dict | None:
        if self.template is None:
            return None
        return next((i for i in self.template["items"] if i["id"] == self.item_id), None)

    def show_editor(self) -> None:
        item = self.current_item()
        if item is None:
            return
        lang = current_language()
        label = Text(item["label"][lang] + "\n", style="bold")
        label.append(item["help"][lang], style="dim")
        self.query_one("#item-label", Static).update(label)
        text_input = self.query_one("#answer-input", Input)
        select = self.query_one("#answer-select", Select)
        uses_select = item["type"] in ("yesno", "choice")
        text_input.display = not uses_select
        select.display = uses_select
        value = self.answers.get(item["id"])
        if uses_select:
            if item["type"] == "yesno":
                options = [(_("yes"), "yes"), (_("no"), "no")]
                current = None if value is None else ("yes" if value else "no")
            else:
                options = [(label_text, choice_id) for choice_id, label_text in self.choice_labels(item).items()]
                current = value
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.prompt = _("(not answered)")
                select.value = current if current is not None else Select.NULL
        else:
            with text_input.prevent(Input.Changed):
                text_input.value = "" if value is None else str(value)
            text_input.placeholder = {
                "date": _("date as YYYY-MM-DD"), "number": _("a number"), "text": _("free text, no names or ids"),
            }[item["type"]]
        problem = self.problems.get(item["id"], "")
        self.query_one("#item-problem", Static).update(Text(problem, style="bold red") if problem else "")

    def fill_suggestions(self) -> None:
        lang = current_language()
        suggestions_list = self.query_one("#suggestions", OptionList)
        result = self.evaluate()
        options: list[Option] = []
        for suggestion in result["suggestions"]:
            prompt = Text(f"{entry_kind_label(suggestion['kind'])}: ", style="dim")
            prompt.append(suggestion["name"][lang], style="bold")
            for reason in suggestion["reasons"]:
                prompt.append(f"\n  {reason[lang]}", style="italic")
            jumpable = suggestion["kind"] in ("service", "pathway")
            options.append(Option(prompt, id=f"{suggestion['kind']}:{suggestion['id']}", disabled=not jumpable))
        for deadline in result["deadlines"]:
            due = formatting.date(dt.date.fromisoformat(deadline["due"]), lang)
            prompt = Text(f"⏱ {deadline['name'][lang]}: {due}", style="bold")
            if deadline.get("basis"):
                prompt.append(f"\n  {deadline['basis'][lang]}", style="italic")
            prompt.append(f"\n  {deadline['legal_source']}", style="dim")
            if deadline.get("note"):
                prompt.append(f"\n  {deadline['note'][lang]}", style="dim italic")
            options.append(Option(prompt, id=f"deadline:{deadline['id']}", disabled=True))
        if not options:
            options.append(Option(Text(_("No suggestions yet: answer the questions on the left."), style="italic"),
                                  disabled=True))
        suggestions_list.set_options(options)
        suggestions_list.border_title = _("Suggestions")

    def evaluate(self) -> dict:
        """Suggestions and deadlines from the answers that are valid so far."""
        valid = {key: value for key, value in self.answers.items() if key not in self.problems}
        names = self.context["names"]
        return {
            "suggestions": rules.suggestions(self.template_id, valid, self.context["rules"], names),
            "deadlines": rules.deadlines(self.template_id, valid, self.context["timings"]),
        }

    # --- answering ---------------------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#items")
    def item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != self.item_id:
            self.item_id = event.option.id
            self.show_editor()

    @on(OptionList.OptionSelected, "#items")
    def item_selected(self) -> None:
        item = self.current_item()
        if item is not None:
            widget = "#answer-select" if item["type"] in ("yesno", "choice") else "#answer-input"
            self.query_one(widget).focus()

    @on(Input.Submitted, "#answer-input")
    def text_answered(self, event: Input.Submitted) -> None:
        self.set_answer(event.value)
        if self.item_id not in self.problems:
            self.move_to_next()

    @on(Select.Changed, "#answer-select")
    def choice_answered(self, event: Select.Changed) -> None:
        item = self.current_item()
        if item is None:
            return
        value = None if event.value is Select.NULL else event.value
        if item["type"] == "yesno" and value is not None:
            value = value == "yes"
        self.set_answer(value)

    def set_answer(self, raw) -> None:
        item = self.current_item()
        municipality_ids = [m.id for m in self.context["municipalities"]]
        clean, problems = check_answers({"id": self.template_id, "items": [item]}, {item["id"]: raw},
                                        municipality_ids)
        if problems:
            self.problems[item["id"]] = problems[0].message
            self.answers[item["id"]] = raw
        else:
            self.problems.pop(item["id"], None)
            self.answers[item["id"]] = clean[item["id"]]
        self.dirty = True
        self.fill_items()
        self.show_editor()
        self.fill_suggestions()

    def move_to_next(self) -> None:
        items = self.query_one("#items", OptionList)
        if items.highlighted is not None and items.highlighted + 1 < items.option_count:
            items.highlighted += 1
        items.focus()

    def action_next_unanswered(self) -> None:
        if self.template is None:
            return
        ids = [item["id"] for item in self.template["items"]]
        start = ids.index(self.item_id) if self.item_id in ids else -1
        for item_id in ids[start + 1:] + ids[: start + 1]:
            if self.answers.get(item_id) in (None, ""):
                self.item_id = item_id
                self.fill_items()
                self.show_editor()
                self.item_selected()
                return
        self.notify(_("Every question is answered."))

    @on(OptionList.OptionSelected, "#suggestions")
    def suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        kind, _sep, target = (event.option.id or "").partition(":")
        if kind == "service":
            self.app.show_service(target)
        elif kind == "pathway":
            self.app.open_pathway(target, case_reference=self.case_reference,
                                  registered_on=self.answers.get("registered_on"))

    # --- saving ------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.template is None:
            return
        if self.problems:
            item_id = next(iter(self.problems))
            self.notify(_("Fix the answer to {item} first: {problem}").format(
                item=self.item_label(item_id), problem=self.problems[item_id]), severity="error", timeout=8)
            return
        from te_navigator.tui.dialogs import SaveDialog

        self.app.push_screen(SaveDialog(self.template["subject"], self.case_reference, self.area, self.period,
                                        locked=self.assessment_id is not None), self.save_confirmed)

    def item_label(self, item_id: str) -> str:
        item = next(i for i in self.template["items"] if i["id"] == item_id)
        return item["label"][current_language()]

    def save_confirmed(self, choice: dict | None) -> None:
        if choice is None:
            return
        self.case_reference = choice.get("case_reference") or self.case_reference
        self.area = choice.get("area") or self.area
        self.period = choice.get("period") or self.period
        from te_navigator.models.assessments import save_assessment

        template, answers, assessment_id = self.template, dict(self.answers), self.assessment_id
        reference, area, period, finished = self.case_reference, self.area, self.period, choice["finished"]

        def save(store):
            return save_assessment(store, template, answers, case_reference=reference, area=area, period=period,
                                   finished=finished, assessment_id=assessment_id)

        self.app.call_store(save, self, AssessmentSaved)

    def on_assessment_saved(self, message: AssessmentSaved) -> None:
        self.assessment_id, self.saved_version = message.result
        self.dirty = False
        self.notify(_("Saved as version {version}.").format(version=self.saved_version))

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and focused.id in ("answer-input", "answer-select", "suggestions"):
            self.query_one("#items", OptionList).focus()
            return
        if self.dirty:
            from te_navigator.tui.dialogs import ConfirmDialog

            self.app.push_screen(ConfirmDialog(_("Leave without saving? The unsaved answers are lost.")),
                                 lambda leave: self.dismiss() if leave else None)
            return
        self.dismiss()


def _load_context(template_id: str, assessment_id: int | None):
    def load(store) -> dict:
        from te_navigator.models.assessments import get_assessment

        template = store.checklist(template_id)
        if template is None:
            raise LookupError(template_id)
        return {
            "template": template, "rules": store.rules(), "timings": store.timings(), "names": store.names(),
            "municipalities": store.municipalities(),
            "record": get_assessment(store, assessment_id) if assessment_id else None,
        }

    return load
