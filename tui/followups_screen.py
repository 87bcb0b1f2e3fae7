"""Follow-ups: overdue referrals, those due this week, and each case's countdown to its 3-month target."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from te_navigator.models import formatting
from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui.messages import StoreAnswer
from te_navigator.tui.translate import translate_bindings


class FollowupsScreen(Screen):
    BINDINGS = [
        Binding("enter", "open", N_("Open"), id="followup-open"),
        Binding("escape", "back", N_("Back"), id="followups-back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="followups")
        self.data: dict | None = None
        self.steps: dict = {}
        self.row_targets: list[tuple[str, str] | None] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="followup-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_language()
        self.reload()

    def reload(self) -> None:
        def load(store):
            from te_navigator.models.referrals import followups

            return {"followups": followups(store), "pathways": store.pathways()}

        self.app.call_store("followups", load, self)

    def on_screen_resume(self) -> None:
        self.reload()

    def on_store_answer(self, message: StoreAnswer) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=10)
            return
        self.data = message.result["followups"]
        self.steps = {(p["id"], s["id"]): s["name"] for p in message.result["pathways"] for s in p["steps"]}
        self.fill()

    def apply_language(self) -> None:
        translate_bindings(self)
        self.app.sub_title = _("Follow-ups")
        self.fill()
        self.refresh_bindings()

    def fill(self) -> None:
        table = self.query_one("#followup-table", DataTable)
        table.clear(columns=True)
        table.add_columns(_("Case"), _("Step"), _("Status"), _("Due"), _("Working days"))
        self.row_targets = []
        if self.data is None:
            return
        lang = current_language()
        from te_navigator.models.referrals import status_label

        for title, rows, style in ((_("Overdue"), self.data["overdue"], "bold red"),
                                   (_("Due this week"), self.data["due_this_week"], "bold"),
                                   (_("All open referrals"), self.data["open"], "")):
            table.add_row(Text(f"{title} ({len(rows)})", style=style), "", "", "", "")
            self.row_targets.append(None)
            for row in rows:
                step = self.steps.get((row["pathway"], row["step"]), {}).get(lang, row["step"])
                due = formatting.date(dt.date.fromisoformat(row["due_on"]), lang) if row["due_on"] else "–"
                table.add_row(row["case_reference"], step, status_label(row["status"]), due,
                              str(row.get("working_days_left", "–")))
                self.row_targets.append((row["pathway"], row["case_reference"]))
        table.add_row(Text(_("Three-month targets"), style="bold"), "", "", "", "")
        self.row_targets.append(None)
        for case in self.data["cases"]:
            target = formatting.date(dt.date.fromisoformat(case["target"]), lang)
            days = case["days_left"]
            left = _("{days} days left").format(days=days) if days >= 0 else _("{days} days over").format(days=-days)
            table.add_row(case["case_reference"], _("3-month target"), "", target,
                          Text(left, style="bold red" if days < 0 else ""))
            self.row_targets.append(None)

    def action_open(self) -> None:
        table = self.query_one("#followup-table", DataTable)
        if table.cursor_row is None or table.cursor_row >= len(self.row_targets):
            return
        target = self.row_targets[table.cursor_row]
        if target:
            self.app.open_pathway(target[0], case_reference=target[1])

    def on_data_table_row_selected(self) -> None:
        self.action_open()

    def action_back(self) -> None:
        self.dismiss()
