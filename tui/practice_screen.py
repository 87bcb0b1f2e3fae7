"""Practice mode: pick a made-up case, work it with the real checklist and the real pathways, then see the
choices beside the model answer with the differences explained and a score.

Nothing of it reaches the real store: the checklist is never saved there, the pathways open without a case (no
referral can be recorded), and the attempt is kept in the practice store (models/practice_store.py).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui.base import AppModal, AppScreen
from te_navigator.tui.checklist_screen import ChecklistScreen
from te_navigator.tui.messages import PracticeCasesLoaded, PracticeChoicesLoaded, PracticeSaved
from te_navigator.tui.navigator_screen import NavigatorScreen

if TYPE_CHECKING:
    from te_navigator.models.entities import Pathway, PracticeCase, Service

STYLES = {
    "heading": "bold underline",
    "score": "bold",
    "same": "green",
    "differs": "bold red",
    "why": "italic",
    "plain": "",
}


class PracticeCasesScreen(AppScreen):
    """The practice cases, each with its short description; the highlighted case's story below."""

    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="practice-back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="practice-cases")
        self.cases: list[PracticeCase] | None = None

    @property
    def keys_ready(self) -> bool:
        return self.cases is not None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="practice-body"):
            yield OptionList(id="practice-list")
            yield Static(id="practice-story", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.apply_language()

        def load(store) -> list[dict]:
            return store.practice_cases()

        self.app.call_store(load, self, PracticeCasesLoaded)

    def on_practice_cases_loaded(self, message: PracticeCasesLoaded) -> None:
        self.cases = message.result
        self.show_texts()
        self.set_focus(self.query_one("#practice-list", OptionList))

    def on_store_refused(self, message) -> None:
        self.cases = []  # the keys held for the list need not wait; the base class shows the reason

    def show_texts(self) -> None:
        self.app.sub_title = _("Practice")
        cases = self.query_one("#practice-list", OptionList)
        cases.border_title = _("Practice cases (made up)")
        cases.border_subtitle = _("Enter: work the case")
        if self.cases is None:
            self.query_one("#practice-story", Static).update(_("Loading the practice cases…"))
            return
        lang = current_language()
        highlighted = cases.highlighted
        cases.set_options([Option(self.case_prompt(case, lang), id=case.id) for case in self.cases])
        if self.cases:
            cases.highlighted = highlighted if highlighted is not None else 0
        self.show_story()

    def case_prompt(self, case: PracticeCase, lang: str) -> Text:
        prompt = Text(case.title.text(lang), style="bold")
        who = _("jobseeker") if case.checklist == "tier3-jobseeker" else _("employer")
        language = {"fi": _("in Finnish"), "sv": _("in Swedish")}[case.customer_language]
        prompt.append(f"\n  {who} · {language}", style="dim")
        return prompt

    def current_case(self) -> PracticeCase | None:
        cases = self.query_one("#practice-list", OptionList)
        if not self.cases or cases.highlighted is None:
            return None
        return self.cases[cases.highlighted]

    @on(OptionList.OptionHighlighted, "#practice-list")
    def show_story(self) -> None:
        case = self.current_case()
        story = self.query_one("#practice-story", Static)
        story.update(case.story.text(current_language()) if case else _("No practice cases in the catalogue."))

    @on(OptionList.OptionSelected, "#practice-list")
    def start(self) -> None:
        case = self.current_case()
        if case is not None:
            self.app.push_screen(PracticeChecklistScreen(case))

    def action_back(self) -> None:
        self.dismiss()


class StoryDialog(AppModal):
    """The case's story, to read again while answering."""

    BINDINGS = [Binding("escape", "close", N_("Close"), id="story-close")]

    def __init__(self, case: PracticeCase) -> None:
        super().__init__(classes="dialog-screen")
        self.case = case

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="story-text")

    def on_mount(self) -> None:
        self.apply_language()

    def show_texts(self) -> None:
        lang = current_language()
        text = Text(self.case.title.text(lang) + "\n\n", style="bold")
        text.append(self.case.story.text(lang))
        text.append("\n\n" + _("Esc closes; Ctrl+O shows the case again."), style="dim")
        self.query_one("#story-text", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)


class PracticeChecklistScreen(ChecklistScreen):
    """The real checklist, as on the case's day; Ctrl+S goes on to the services and the pathway instead of saving
    anything in the real store."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Services and pathway"), id="save", priority=True),
        Binding("ctrl+o", "story", N_("Case story"), id="practice-story"),
    ]

    def __init__(self, case: PracticeCase) -> None:
        super().__init__(case.checklist)
        self.case = case
        self.story_shown = False
        self.compared = False  # set once the attempt is in the practice store

    def today(self) -> dt.date:
        return self.case.assessed_on

    def refresh_all(self) -> None:
        super().refresh_all()
        if self.template is None:
            return
        self.app.sub_title = _("Practice: {title}").format(title=self.case.title.text(current_language()))
        if not self.story_shown:
            self.story_shown = True
            self.app.push_screen(StoryDialog(self.case))  # the trainee reads the case first

    def action_story(self) -> None:
        self.app.push_screen(StoryDialog(self.case))

    def action_save(self) -> None:
        if not self.answers_ready():
            return
        suggested = [s["id"] for s in self.evaluate()["suggestions"] if s["kind"] == "service"]
        self.app.push_screen(PracticeChoicesScreen(self.case, self.context, dict(self.answers), suggested))

    @on(OptionList.OptionSelected, "#suggestions")
    def suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        event.prevent_default()  # not the real checklist's handler: its pathway could record real referrals
        kind, _sep, target = (event.option.id or "").partition(":")
        if kind == "service":
            self.app.show_service(target)
        elif kind == "pathway":
            self.app.push_screen(PracticeNavigatorScreen(target))

    def has_unsaved_answers(self) -> bool:
        self.commit_typing()
        return bool(self.answers) and not self.compared


class PracticeNavigatorScreen(NavigatorScreen):
    """The real pathway drawing, without a case: in practice nothing can be recorded or handed out."""

    def check_action(self, action: str, parameters) -> bool | None:
        return action not in ("record", "choose_case", "handout")

    def redraw(self) -> None:
        super().redraw()
        if self.pathway is not None:
            self.app.sub_title = _("Practice: {title}").format(title=self.pathway.name.text(current_language()))


class PracticeChoicesScreen(AppScreen):
    """The trainee's services (the checklist's suggestions first, marked ★) and one pathway."""

    BINDINGS = [
        Binding("ctrl+s", "compare", N_("Compare with the model"), id="practice-compare", priority=True),
        Binding("ctrl+d", "diagram", N_("Pathway diagram"), id="practice-diagram"),
        Binding("ctrl+o", "story", N_("Case story"), id="practice-story"),
        Binding("escape", "back", N_("Back"), id="practice-choices-back"),
        Binding("down", "to_services", show=False),  # from the filter into the list (the lists use it themselves)
    ]

    def __init__(self, case: PracticeCase, context: dict, answers: dict, suggested: list[str]) -> None:
        super().__init__(id="practice-choices")
        self.case = case
        self.context = context
        self.answers = answers
        self.suggested = suggested
        self.chosen_services: list[str] = []
        self.pathway: str | None = None
        self.services: list[Service] = []
        self.pathways: list[Pathway] = []
        self.loaded = False

    @property
    def keys_ready(self) -> bool:
        return self.loaded

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="practice-choices-body"):
            with Vertical(id="practice-services-side"):
                yield Input(id="practice-filter")
                yield SelectionList[str](id="practice-services")
            yield OptionList(id="practice-pathways")
        yield Static(id="practice-chosen")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_language()

        def load(store) -> dict:
            return {"services": store.services(), "pathways": store.pathways()}

        self.app.call_store(load, self, PracticeChoicesLoaded)

    def on_practice_choices_loaded(self, message: PracticeChoicesLoaded) -> None:
        self.services = [s for s in message.result["services"] if s.status != "abolished"]
        self.pathways = message.result["pathways"]
        self.loaded = True
        self.show_texts()
        self.set_focus(self.query_one("#practice-filter", Input))

    def action_to_services(self) -> None:
        services = self.query_one("#practice-services", SelectionList)
        if services.option_count and services.highlighted is None:
            services.highlighted = 0
        self.set_focus(services)

    def on_store_refused(self, message) -> None:
        self.loaded = True  # the keys held for the lists need not wait; the base class shows the reason

    def show_texts(self) -> None:
        self.app.sub_title = _("Practice: {title}").format(title=self.case.title.text(current_language()))
        self.query_one("#practice-filter", Input).placeholder = _("filter the services…")
        self.fill_services()
        self.fill_pathways()

    def fill_services(self) -> None:
        lang = current_language()
        services = self.query_one("#practice-services", SelectionList)
        services.border_title = _("Services (space chooses)")
        words = self.query_one("#practice-filter", Input).value.strip().lower()
        ordered = sorted(self.services, key=lambda s: (s.id not in self.suggested, s.name.text(lang).lower()))
        shown = [s for s in ordered if not words or words in s.name.text(lang).lower() or s.id in self.chosen_services]
        with services.prevent(SelectionList.SelectedChanged):
            services.clear_options()
            services.add_options(
                [
                    Selection(
                        ("★ " if s.id in self.suggested else "") + s.name.text(lang),
                        s.id,
                        s.id in self.chosen_services,
                    )
                    for s in shown
                ]
            )
        self.show_chosen()

    def fill_pathways(self) -> None:
        lang = current_language()
        pathways = self.query_one("#practice-pathways", OptionList)
        pathways.border_title = _("Pathway (Enter chooses)")
        highlighted = pathways.highlighted
        pathways.set_options(
            [Option(("● " if p.id == self.pathway else "○ ") + p.name.text(lang), id=p.id) for p in self.pathways]
        )
        if self.pathways:
            pathways.highlighted = highlighted or 0
        self.show_chosen()

    def show_chosen(self) -> None:
        lang = current_language()
        pathway = next((p.name.text(lang) for p in self.pathways if p.id == self.pathway), _("none chosen"))
        self.query_one("#practice-chosen", Static).update(
            _("Chosen: {count} services · pathway: {pathway}").format(count=len(self.chosen_services), pathway=pathway)
        )

    @on(Input.Changed, "#practice-filter")
    def filter_changed(self) -> None:
        self.fill_services()

    @on(Input.Submitted, "#practice-filter")
    def filter_done(self) -> None:
        self.set_focus(self.query_one("#practice-services", SelectionList))

    @on(SelectionList.SelectedChanged, "#practice-services")
    def services_changed(self, event: SelectionList.SelectedChanged) -> None:
        shown = {
            option.value
            for option in (
                event.selection_list.get_option_at_index(i) for i in range(event.selection_list.option_count)
            )
        }
        selected = set(event.selection_list.selected)
        kept = [s for s in self.chosen_services if s not in shown]
        self.chosen_services = kept + [
            s.value
            for s in (event.selection_list.get_option_at_index(i) for i in range(event.selection_list.option_count))
            if s.value in selected
        ]
        self.show_chosen()

    @on(OptionList.OptionSelected, "#practice-pathways")
    def pathway_chosen(self, event: OptionList.OptionSelected) -> None:
        self.pathway = event.option.id
        self.fill_pathways()

    def action_diagram(self) -> None:
        pathways = self.query_one("#practice-pathways", OptionList)
        if self.pathways and pathways.highlighted is not None:
            self.app.push_screen(PracticeNavigatorScreen(self.pathways[pathways.highlighted].id))

    def action_story(self) -> None:
        self.app.push_screen(StoryDialog(self.case))

    def action_compare(self) -> None:
        if not self.loaded:
            return
        if self.pathway is None:
            self.notify(_("Choose a pathway first (Enter on the pathway list)."), severity="warning")
            self.set_focus(self.query_one("#practice-pathways", OptionList))
            return
        from te_navigator.models.practice_scoring import compare

        template = self.context["template"]
        comparison = compare(
            self.case, template, self.context["deadlines"], self.answers, list(self.chosen_services), self.pathway
        )
        answers, services, pathway = dict(self.answers), list(self.chosen_services), self.pathway
        url, real_url = self.app.practice_url(), self.app.db_url

        def save(_store) -> dict:
            from te_navigator.models.practice_store import PracticeStore

            practice = PracticeStore(url, real_url)
            try:
                return {"id": practice.save_attempt(comparison, answers, services, pathway), "comparison": comparison}
            finally:
                practice.close()

        self.app.call_store(save, self, PracticeSaved)

    def on_practice_saved(self, message: PracticeSaved) -> None:
        for screen in self.app.screen_stack:
            if isinstance(screen, PracticeChecklistScreen):
                screen.compared = True  # kept in the practice store: leaving it loses nothing
        self.app.push_screen(
            PracticeComparisonScreen(self.case, message.result["comparison"], self.context, message.result["id"])
        )

    def action_back(self) -> None:
        """Esc steps back: from a list to the filter, then clears the filter, then leaves."""
        words = self.query_one("#practice-filter", Input)
        if self.focused is not words:
            self.set_focus(words)
        elif words.value:
            words.value = ""
        else:
            self.dismiss()


class PracticeComparisonScreen(AppScreen):
    """The trainee's choices beside the model answer: ✓ same, ✗ different with the reason, and the score."""

    BINDINGS = [
        Binding("escape", "back", N_("Back to the cases"), id="practice-comparison-back"),
    ]

    def __init__(self, case: PracticeCase, comparison: dict, context: dict, attempt_id: int) -> None:
        super().__init__(id="practice-comparison")
        self.case = case
        self.comparison = comparison
        self.context = context
        self.attempt_id = attempt_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="practice-comparison-scroll"):
            yield Static(id="practice-comparison-text")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_language()
        self.set_focus(self.query_one("#practice-comparison-scroll", VerticalScroll))

    def show_texts(self) -> None:
        from te_navigator.models.practice_view import comparison_lines

        lang = current_language()
        self.app.sub_title = _("Practice: {title}").format(title=self.case.title.text(lang))
        names = dict(self.context["names"])
        names["deadline"] = {d.id: d.name.model_dump() for d in self.context["deadlines"]}
        text = Text()
        for kind, line in comparison_lines(self.comparison, names, self.context["municipalities"], lang):
            if text:
                text.append("\n")
            text.append(line, style=STYLES[kind])
        self.query_one("#practice-comparison-text", Static).update(text)
        scroll = self.query_one("#practice-comparison-scroll", VerticalScroll)
        scroll.border_title = _("Your answer beside the model answer")
        scroll.border_subtitle = _("attempt {id} saved for practice only").format(id=self.attempt_id)

    def action_back(self) -> None:
        while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, PracticeCasesScreen):
            self.app.pop_screen()
