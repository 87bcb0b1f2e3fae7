"""Saved assessments: filter by municipality, checklist and date; resume, see the history, delete."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Input, Select

from te_navigator.models import formatting
from te_navigator.models.answers import parse_date
from te_navigator.models.i18n import N_, _, current_language, ngettext
from te_navigator.models.answers import answer_text
from te_navigator.tui.describe import saved_at_text
from te_navigator.tui.entry_screen import CardScreen
from te_navigator.tui.fit import Column, FittedTable, RowDetail
from te_navigator.tui.base import AppScreen
from te_navigator.tui.messages import (
    AssessmentDeleted,
    AssessmentHistoryLoaded,
    AssessmentsContextLoaded,
    AssessmentsListed,
)


class AssessmentsScreen(AppScreen):
    BINDINGS = [
        Binding("enter", "resume", N_("Open"), id="resume", show=True),
        Binding("h", "history", N_("History"), id="history"),
        Binding("d", "delete", N_("Delete"), id="delete"),
        Binding("escape", "back", N_("Back"), id="assessments-back"),
    ]

    rows: reactive[list[dict]] = reactive(list, init=False)
    """The saved assessments that match the filters; the table follows them."""

    def __init__(self) -> None:
        super().__init__(id="assessments")
        self.context: dict = {}
        self.fitted: FittedTable | None = None
        self.listed = False  # until the store's first answer, the table says it is loading, not that there are none

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="assessment-filters"):
            yield Select([], id="filter-municipality")
            yield Select([], id="filter-template")
            yield Input(id="filter-since")
        yield DataTable(id="assessment-table", cursor_type="row", zebra_stripes=True)
        yield RowDetail(id="assessment-detail")
        yield Footer()

    @property
    def keys_ready(self) -> bool:
        """Keys typed before the list is here (Enter, h, d) wait for it (the app holds them)."""
        return self.listed

    def on_mount(self) -> None:
        self.apply_language()
        self.query_one("#assessment-table", DataTable).focus()
        self.app.call_store(_context, self, AssessmentsContextLoaded)

    def show_texts(self) -> None:
        self.app.sub_title = _("Saved assessments")
        self.query_one("#filter-since", Input).placeholder = _("since d.m.yyyy")
        self.fill_filters()
        self.fill_table()

    def fill_filters(self) -> None:
        if not self.context:
            return
        lang = current_language()
        municipality = self.query_one("#filter-municipality", Select)
        template = self.query_one("#filter-template", Select)
        with municipality.prevent(Select.Changed), template.prevent(Select.Changed):
            chosen_municipality, chosen_template = municipality.value, template.value
            municipality.set_options([(m.name.text(lang), m.id) for m in self.context["municipalities"]])
            template.set_options([(t.name.text(lang), t.id) for t in self.context["templates"]])
            municipality.prompt = _("all municipalities")
            template.prompt = _("all checklists")
            municipality.value, template.value = chosen_municipality, chosen_template

    def on_assessments_context_loaded(self, message: AssessmentsContextLoaded) -> None:
        self.context = message.result
        self.fill_filters()
        self.reload()

    def on_assessments_listed(self, message: AssessmentsListed) -> None:
        self.listed = True
        self.rows = message.result
        self.fill_table()  # also when the list is as empty as before: it no longer says "loading"

    def on_store_refused(self, message) -> None:
        self.listed = True  # the keys held for the list need not wait any longer
        # Textual also runs the base class's handler (the notification) after this one.

    def watch_rows(self) -> None:
        self.fill_table()

    def on_assessment_deleted(self, message: AssessmentDeleted) -> None:
        self.notify(_("The assessment was deleted; the audit log records that it happened."))
        self.reload()

    def on_assessment_history_loaded(self, message: AssessmentHistoryLoaded) -> None:
        self.app.push_screen(HistoryScreen(message.result, self.context))

    @on(Select.Changed)
    @on(Input.Changed, "#filter-since")
    def reload(self) -> None:
        from te_navigator.models.assessments import list_assessments

        municipality = self.query_one("#filter-municipality", Select).value
        template = self.query_one("#filter-template", Select).value
        since_text = self.query_one("#filter-since", Input).value.strip()
        try:
            since = parse_date(since_text) if since_text else None
        except ValueError:
            return  # still typing the date
        filters = {
            "municipality": None if municipality is Select.NULL else municipality,
            "template": None if template is Select.NULL else template,
            "since": since,
        }
        self.app.call_store(lambda store: list_assessments(store, **filters), self, AssessmentsListed)

    def fill_table(self) -> None:
        lang = current_language()
        table = FittedTable(
            self.query_one("#assessment-table", DataTable),
            [
                Column(_("Case / area"), 8, 20, 0),
                Column(_("Checklist"), 12, 48, 1),
                Column(_("Municipality"), 8, 12, 2),
                Column(_("Saved"), 16, 16, 1),
                Column(_("Versions"), 3, 8, 3),
                Column(_("State"), 10, 14, 2),
            ],
            self.size.width or self.app.size.width,
        )
        self.fitted = table
        names = {t.id: t.name.text(lang) for t in self.context.get("templates", [])}
        municipalities = {m.id: m.name.text(lang) for m in self.context.get("municipalities", [])}
        for row in self.rows:
            saved = dt.datetime.fromisoformat(row["updated_at"]).astimezone()
            table.add_row(
                row["case_reference"] or f"{row['area']} {row['period']}",
                names.get(row["template"], row["template"]),
                municipalities.get(row["municipality"], "–"),
                formatting.date(saved.date(), lang) + saved.strftime(" %H:%M"),
                str(row["versions"]),
                _("finished") if row["finished"] else _("unfinished"),
                key=str(row["id"]),
            )
        if not self.rows:
            empty = _("No saved assessments.") if self.listed else _("Loading the saved assessments…")
            table.add_row(Text(empty, style="italic"), "", "", "", "", "")
        self.show_row_detail()

    def on_data_table_row_highlighted(self) -> None:
        self.show_row_detail()

    def show_row_detail(self) -> None:
        """What the narrow table cuts of the highlighted row (e.g. the checklist's name), in full below it."""
        if self.rows:
            cursor = self.query_one("#assessment-table", DataTable).cursor_row
            self.query_one("#assessment-detail", RowDetail).show_row(self.fitted, cursor)
        else:
            self.query_one("#assessment-detail", RowDetail).show_row(None, None)

    def on_resize(self) -> None:
        self.fill_table()

    def selected(self) -> dict | None:
        table = self.query_one("#assessment-table", DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowSelected)
    def action_resume(self) -> None:
        row = self.selected()
        if row:
            from te_navigator.tui.checklist_screen import ChecklistScreen

            self.app.push_screen(ChecklistScreen(row["template"], assessment_id=row["id"]))

    def action_history(self) -> None:
        row = self.selected()
        if row:
            from te_navigator.models.assessments import get_assessment

            self.app.call_store(lambda store: get_assessment(store, row["id"]), self, AssessmentHistoryLoaded)

    def action_delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        from te_navigator.tui.dialogs import ConfirmDialog

        subject = row["case_reference"] or f"{row['area']} {row['period']}"
        question = ngettext(
            "Delete the assessment of {subject} with its only version? This cannot be undone.",
            "Delete the assessment of {subject} with all its {count} versions? This cannot be undone.",
            row["versions"],
        ).format(subject=subject, count=row["versions"])
        self.app.push_screen(ConfirmDialog(question, _("Delete")), lambda yes: self.delete_confirmed(yes, row["id"]))

    def delete_confirmed(self, confirmed: bool, assessment_id: int) -> None:
        if confirmed:
            from te_navigator.models.assessments import delete_assessment

            self.app.call_store(lambda store: delete_assessment(store, assessment_id), self, AssessmentDeleted)

    def action_back(self) -> None:
        self.dismiss()

    def on_screen_resume(self) -> None:
        if self.context:
            self.reload()


class HistoryScreen(CardScreen):
    """Every saved version of one assessment, newest first, with what changed from the version before."""

    def __init__(self, record: dict, context: dict) -> None:
        super().__init__()
        self.record = record
        self.context = context

    def card_title(self) -> str:
        record = self.record
        return _("History") + f": {record['case_reference'] or (record['area'] or '') + ' ' + (record['period'] or '')}"

    def card_text(self) -> Text:
        lang = current_language()
        template = next((t for t in self.context["templates"] if t.id == self.record["template"]), None)
        items = {i.id: i for i in template.items} if template else {}
        municipalities = self.context.get("municipalities", [])

        def shown(key: str, value) -> str:
            item = items.get(key)
            return answer_text(item, value, lang, municipalities) if item else "–" if value is None else str(value)

        previous: dict = {}
        blocks = []
        for version in self.record["history"]:
            block = Text()
            state = _("finished") if version["finished"] else _("unfinished")
            block.append(
                _("Version {version} – saved {saved}, {state}").format(
                    version=version["version"], saved=saved_at_text(version["saved_at"], lang), state=state
                )
                + "\n",
                style="bold",
            )
            changed = [key for key, value in version["answers"].items() if previous.get(key) != value]
            for key in changed:
                label = items[key].label.text(lang) if key in items else key
                block.append(f"  {label}: {shown(key, previous.get(key))} → {shown(key, version['answers'][key])}\n")
            if not changed:
                block.append("  " + _("no changes") + "\n", style="dim")
            blocks.append(block)
            previous = version["answers"]
        text = Text()
        for block in reversed(blocks):
            text.append_text(block)
            text.append("\n")
        return text


def _context(store) -> dict:
    return {"municipalities": store.municipalities(), "templates": store.checklists()}
