"""A checklist (tier 1, 2 or 3): the questions, an editor for the current one, and the suggestions as they change."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from te_navigator.models import formatting, rules
from te_navigator.models.answers import answer_text, check_answer, choice_labels, progress
from te_navigator.models.i18n import N_, _, current_language, ngettext
from te_navigator.models.sources import source_text
from te_navigator.tui.describe import entry_kind_label
from te_navigator.tui.base import AppScreen
from te_navigator.tui.messages import AssessmentSaved, ChecklistLoaded, StoreRefused

if TYPE_CHECKING:
    from te_navigator.models.entities import Checklist, ChecklistItem

SELECT_TYPES = ("yesno", "choice")


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
        self.template: Checklist | None = None
        self.context: dict = {}
        self.answers: dict = {}
        self.problems: dict[str, str] = {}
        self.item_id: str | None = None
        self.case_reference: str | None = None
        self.area: str | None = None
        self.period: str | None = None
        self.refused: dict[str, str] = {}  # item id → the refused text, kept as typed
        self.editor_text = ""  # what the answer field showed when it was filled: a difference is unsaved typing
        self.load_failed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="checklist-body"):
            yield OptionList(id="items")
            with Vertical(id="checklist-side"):
                with Vertical(id="editor"):
                    yield Static(id="item-label")
                    yield Input(id="answer-input", select_on_focus=False)
                    yield Select([], id="answer-select", allow_blank=True)
                    yield Static(id="item-problem")
                yield OptionList(id="suggestions")
        yield Static(id="deadline-strip")
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
        self.item_id = self.template.items[0].id
        self.refresh_all()
        self.set_focus(self.query_one("#items", OptionList))

    @property
    def keys_ready(self) -> bool:
        """Keys typed before the checklist has loaded wait for it (the app holds them)."""
        return self.template is not None or self.load_failed

    def show_refusal(self, message: StoreRefused, after: str = "") -> None:
        if message.failed is ChecklistLoaded:
            self.load_failed = True  # the keys held for the checklist need not wait any longer
        if message.failed is AssessmentSaved:
            after = _("Your answers are still here; nothing was lost.")
        super().show_refusal(message, after)

    # --- language and drawing ----------------------------------------------------------------------------

    def show_texts(self) -> None:
        self.word_refusals_again()
        self.refresh_all()

    def word_refusals_again(self) -> None:
        """After a language switch a refused answer stays refused, its reason said in the language now chosen."""
        if self.template is None or not self.refused:
            return
        municipality_ids = [m.id for m in self.context["municipalities"]]
        for item in self.template.items:
            if item.id in self.refused:
                _clean, problem = check_answer(item, self.refused[item.id], municipality_ids, today=self.today())
                self.problems[item.id] = problem or self.problems[item.id]

    def watch_dirty(self) -> None:
        self.show_progress()

    def watch_saved_version(self) -> None:
        self.show_progress()

    def refresh_all(self) -> None:
        if self.template is None:
            self.query_one("#item-label", Static).update(_("Loading the checklist…"))
            return
        lang = current_language()
        self.app.sub_title = self.template.name.text(lang)
        self.fill_items()
        self.show_editor()
        self.fill_suggestions()

    def fill_items(self) -> None:
        if self.template is None:
            return
        lang = current_language()
        items = self.query_one("#items", OptionList)
        options = [Option(self.item_prompt(item, lang), id=item.id) for item in self.template.items]
        highlighted = items.highlighted
        items.set_options(options)
        index = next((i for i, o in enumerate(options) if o.id == self.item_id), highlighted or 0)
        items.highlighted = index
        items.border_title = self.template.name.text(lang)
        self.show_progress()

    def show_progress(self) -> None:
        """How many are answered, the saved version, and * for unsaved changes, under the list."""
        if self.template is None:
            return
        answered, total = progress(self.template, self.answers)
        saved = _("saved v{version}").format(version=self.saved_version) if self.saved_version else _("not saved")
        changed = " *" if self.dirty else ""
        refused = " · " + _("{count} refused").format(count=len(self.refused)) if self.refused else ""
        self.query_one("#items", OptionList).border_subtitle = (
            _("{answered}/{total} answered").format(answered=answered, total=total) + f"{refused} · {saved}{changed}"
        )

    def today(self) -> dt.date:
        return self.app.today() if hasattr(self.app, "today") else dt.date.today()

    def item_prompt(self, item: ChecklistItem, lang: str) -> Text:
        """✓ answered (with the answer), ✗ refused (with what was typed), · not answered."""
        item_id = item.id
        if item_id in self.refused:
            prompt = Text("✗ ", style="bold red")
            prompt.append(item.label.text(lang))
            typed = self.refused[item_id]
            shown = typed if len(typed) <= 24 else typed[:24] + "…"
            prompt.append(f"\n   {shown} – " + _("refused"), style="red")
            return prompt
        value = self.answers.get(item_id)
        if value in (None, ""):
            return Text(f"· {item.label.text(lang)}")
        prompt = Text(f"✓ {item.label.text(lang)}", style="bold")
        prompt.append(f"\n   {self.answer_text(item, value)}", style="dim")
        return prompt

    def answer_text(self, item: ChecklistItem, value) -> str:
        return answer_text(item, value, current_language(), self.context["municipalities"])

    def choice_labels(self, item: ChecklistItem) -> dict[str, str]:
        return choice_labels(item, self.context["municipalities"], current_language())

    def current_item(self) -> ChecklistItem | None:
        if self.template is None:
            return None
        return next((i for i in self.template.items if i.id == self.item_id), None)

    def show_editor(self) -> None:
        item = self.current_item()
        if item is None:
            return
        lang = current_language()
        label = Text(item.label.text(lang) + "\n", style="bold")
        label.append(item.help.text(lang), style="dim")
        self.query_one("#item-label", Static).update(label)
        text_input = self.query_one("#answer-input", Input)
        select = self.query_one("#answer-select", Select)
        uses_select = item.type in SELECT_TYPES
        text_input.display = not uses_select
        select.display = uses_select
        value = self.answers.get(item.id)
        if uses_select:
            if item.type == "yesno":
                options = [(_("yes"), "yes"), (_("no"), "no")]
                current = None if value is None else ("yes" if value else "no")
            else:
                options = [(label_text, choice_id) for choice_id, label_text in self.choice_labels(item).items()]
                current = value
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.prompt = _("(not answered)")
                select.value = current if current is not None else Select.NULL
            self.editor_text = ""
        else:
            if item.id in self.refused:
                shown = self.refused[item.id]
            else:
                shown = "" if value is None else self.editor_value(item, value)
            with text_input.prevent(Input.Changed):
                text_input.value = shown
            self.editor_text = shown
            text_input.placeholder = {
                "date": _("a date, e.g. 25.11.2026"),
                "number": _("a number"),
                "text": _("free text, no names or ids"),
            }[item.type]
        problem = self.problems.get(item.id, "")
        self.query_one("#item-problem", Static).update(Text(problem, style="bold red") if problem else "")

    def editor_value(self, item: ChecklistItem, value) -> str:
        """An answer as the answer field shows it: dates as written in Finland (d.m.yyyy), which it accepts back."""
        if item.type == "date":
            day = dt.date.fromisoformat(value)
            return f"{day.day}.{day.month}.{day.year}"
        return str(value)

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
            prompt.append("\n  " + source_text(deadline["legal_source"], lang), style="dim")
            if deadline.get("note"):
                prompt.append(f"\n  {deadline['note'][lang]}", style="dim italic")
            options.append(Option(prompt, id=f"deadline:{deadline['id']}", disabled=True))
        if not options:
            options.append(
                Option(Text(_("No suggestions yet: answer the questions on the left."), style="italic"), disabled=True)
            )
        suggestions_list.set_options(options)
        suggestions_list.border_title = _("Suggestions")
        self.fill_deadline_strip(result["deadlines"])

    def fill_deadline_strip(self, deadlines: list[dict]) -> None:
        """The deadlines in one line each, below everything, so no scrolling is needed to see them."""
        strip = self.query_one("#deadline-strip", Static)
        timings = [t for t in self.context.get("deadlines", []) if t.template == self.template_id]
        strip.display = bool(timings)
        if not timings:
            return
        lang = current_language()
        if not deadlines and self.template is not None:
            start_items = {t.from_item for t in timings}
            labels = [i.label.text(lang) for i in self.template.items if i.id in start_items]
            strip.update(
                Text(
                    "⏱ " + _("Deadlines appear when this is answered: {question}").format(question=", ".join(labels)),
                    style="dim",
                )
            )
            return
        text = Text()
        today = self.today()
        width = max((strip.size.width or self.app.size.width - 2), 20)
        for deadline in sorted(deadlines, key=lambda d: d["due"]):
            due = dt.date.fromisoformat(deadline["due"])
            line = Text(formatting.date(due, lang))
            if deadline.get("estimated"):  # counted from an earlier deadline, its actual date not known yet
                line.append(" " + _("(estimated)"), style="italic")
            line.append(" · " + when_due(due, today), style="bold red" if due < today else "")
            # One line each, so every deadline stays in the strip's few lines: the name gives way (…), the full
            # name is in the suggestions.
            name = formatting.clip(deadline["name"][lang], max(width - len(line.plain) - 4, 8))
            if text:
                text.append("\n")
            text.append(f"⏱ {name}: ", style="bold")
            text.append_text(line)
        strip.update(text)

    def on_resize(self) -> None:
        if self.template is not None:
            self.fill_suggestions()  # the deadline strip's lines fit the new width

    def evaluate(self) -> dict:
        """Suggestions and deadlines from the answers that are valid so far."""
        valid = {key: value for key, value in self.answers.items() if key not in self.problems}
        names = self.context["names"]
        return {
            "suggestions": rules.suggestions(self.template_id, valid, self.context["rules"], names, on=self.today()),
            "deadlines": rules.deadlines(self.template_id, valid, self.context["deadlines"], on=self.today()),
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
            widget = "#answer-select" if item.type in SELECT_TYPES else "#answer-input"
            self.set_focus(self.query_one(widget))
            if widget == "#answer-input":
                self.query_one(widget, Input).select_all()  # Enter on a question: typing replaces its answer
            else:
                self.query_one(widget, Select).action_show_overlay()  # its choices at once: arrows and Enter pick

    @on(Input.Submitted, "#answer-input")
    def text_answered(self, event: Input.Submitted) -> None:
        self.set_answer(event.value)
        if self.item_id not in self.problems:
            self.move_to_next()

    @on(Input.Blurred, "#answer-input")
    def text_left(self) -> None:
        """Leaving the field by any way keeps what was typed in it: it counts as the answer."""
        self.commit_typing()

    def commit_typing(self) -> None:
        text_input = self.query_one("#answer-input", Input)
        item = self.current_item()
        if item is None or item.type in SELECT_TYPES or text_input.value == self.editor_text:
            return
        self.set_answer(text_input.value)

    @on(Select.Changed, "#answer-select")
    def choice_answered(self, event: Select.Changed) -> None:
        item = self.current_item()
        if item is None or item.type not in SELECT_TYPES:
            return
        value = None if event.value is Select.NULL else event.value
        if item.type == "yesno" and value is not None:
            value = value == "yes"
        self.set_answer(value)
        if self.item_id not in self.problems and value is not None:
            self.move_to_next()

    def on_key(self, event: events.Key) -> None:
        """Typing on the question list answers the highlighted question: nothing typed is lost."""
        items = self.query_one("#items", OptionList)
        if self.focused is not items or not event.is_printable or not event.character:
            return
        item = self.current_item()
        if item is None:
            return
        event.stop()
        event.prevent_default()
        if item.type in SELECT_TYPES:
            select = self.query_one("#answer-select", Select)
            self.set_focus(select)
            select.action_show_overlay()
            overlay = select.query_one("SelectOverlay")
            overlay.post_message(events.Key(event.key, event.character))
            return
        text_input = self.query_one("#answer-input", Input)
        self.set_focus(text_input)
        text_input.value = event.character  # as in a spreadsheet: typing on a question replaces its answer
        text_input.cursor_position = len(text_input.value)

    def set_answer(self, raw) -> None:
        item = self.current_item()
        if item is None:
            return
        municipality_ids = [m.id for m in self.context["municipalities"]]
        clean, problem = check_answer(item, raw, municipality_ids, today=self.today())
        changed = problem or clean != self.answers.get(item.id) or item.id in self.refused
        if problem:
            self.problems[item.id] = problem
            self.refused[item.id] = str(raw)
            self.answers.pop(item.id, None)
        else:
            self.problems.pop(item.id, None)
            self.refused.pop(item.id, None)
            self.answers[item.id] = clean
        self.dirty = self.dirty or bool(changed)
        self.fill_items()
        self.show_editor()
        self.fill_suggestions()

    def move_to_next(self) -> None:
        items = self.query_one("#items", OptionList)
        if items.highlighted is not None and items.highlighted + 1 < items.option_count:
            items.highlighted += 1
        self.set_focus(items)

    def action_next_unanswered(self) -> None:
        if self.template is None:
            return
        ids = [item.id for item in self.template.items]
        start = ids.index(self.item_id) if self.item_id in ids else -1
        for item_id in ids[start + 1 :] + ids[: start + 1]:
            if self.answers.get(item_id) in (None, "") or item_id in self.refused:
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
            self.app.open_pathway(
                target, case_reference=self.case_reference, registered_on=self.answers.get("registered_on")
            )

    # --- saving ------------------------------------------------------------------------------------------

    def answers_ready(self) -> bool:
        """Takes what is still being typed; a refused answer is named, and nothing goes on until it is fixed."""
        if self.template is None:
            return False
        self.commit_typing()
        if self.problems:
            item_id = next(iter(self.problems))
            self.notify(
                _("Fix the answer to {item} first: {problem}").format(
                    item=self.item_label(item_id), problem=self.problems[item_id]
                ),
                severity="error",
                timeout=8,
            )
            return False
        return True

    def action_save(self) -> None:
        if self.template is None or not self.answers_ready():
            return
        from te_navigator.tui.dialogs import SaveDialog

        self.app.push_screen(
            SaveDialog(
                self.template.subject,
                self.case_reference,
                self.area,
                self.period,
                locked=self.assessment_id is not None,
            ),
            self.save_confirmed,
        )

    def item_label(self, item_id: str) -> str:
        item = next((i for i in self.template.items if i.id == item_id), None) if self.template else None
        return item.label.text(current_language()) if item else item_id

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
            return save_assessment(
                store,
                template,
                answers,
                case_reference=reference,
                area=area,
                period=period,
                finished=finished,
                assessment_id=assessment_id,
            )

        self.app.call_store(save, self, AssessmentSaved)

    def on_assessment_saved(self, message: AssessmentSaved) -> None:
        self.assessment_id, self.saved_version = message.result
        self.dirty = False
        self.notify(_("Saved as version {version}.").format(version=self.saved_version))

    def has_unsaved_answers(self) -> bool:
        """Answers changed since the last save, counting text typed but not yet entered."""
        self.commit_typing()
        return self.dirty

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and focused.id in ("answer-input", "answer-select", "suggestions"):
            self.commit_typing()
            self.set_focus(self.query_one("#items", OptionList))
            return
        self.app.leave_screen(self)


def when_due(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days == 0:
        return _("today")
    if days > 0:
        return ngettext("in {days} day", "in {days} days", days).format(days=days)
    return ngettext("passed {days} day ago", "passed {days} days ago", -days).format(days=-days)


def _load_context(template_id: str, assessment_id: int | None):
    def load(store) -> dict:
        from te_navigator.models.assessments import get_assessment

        template = store.checklist(template_id)
        if template is None:
            raise LookupError(template_id)
        return {
            "template": template,
            "rules": store.rules(),
            "deadlines": store.deadlines(),
            "names": store.names(),
            "municipalities": store.municipalities(),
            "record": get_assessment(store, assessment_id) if assessment_id else None,
        }

    return load
