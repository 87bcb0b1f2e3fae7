"""Follow-ups: overdue referrals, those due this week, and each case's countdown to its 3-month target.

The screen is built and its first page loaded once the store is open, while the app waits for keys (`prepare`),
and kept (an installed screen): `u` then only shows it (`show`), so its first rows are on the terminal at once
however big the store is. It keeps its list current: a change this app makes to the store (`changes_store` on
the answer) loads it again behind the scenes, and every showing asks the store again and redraws only if the
list changed meanwhile (another program or a colleague).
"""

from __future__ import annotations

from rich.text import Text
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header

from te_navigator.models import formatting
from te_navigator.models.followup_view import deadline_lines, followup_sections, target_lines
from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui.base import AppScreen
from te_navigator.tui.fit import Column, FittedTable, RowDetail
from te_navigator.tui.messages import FollowupsLoaded

if TYPE_CHECKING:
    from te_navigator.tui.app import TeNavigatorApp

PAGE = 15  # rows per list at a time (a screenful): the first rows show at once however many there are
NAME = "followups"  # the installed screen's name
RECHECK_AFTER = 0.15  # seconds from showing the list it holds to asking the store whether it changed meanwhile


def prepare(app: TeNavigatorApp) -> None:
    """Builds the screen and loads its first page without showing it (once the store is open)."""
    if NAME in app._installed_screens:
        return
    app.install_screen(FollowupsScreen(), NAME)
    # Textual mounts an installed screen when it is first pushed; this mounts it now (Textual 8's own
    # `_get_screen`, which `push_screen` calls), so the key finds it composed, mounted and filled.
    app._get_screen(NAME)


def show(app: TeNavigatorApp) -> None:
    """`u`: the prepared screen (prepared now if the store was not open yet)."""
    if NAME not in app._installed_screens:
        app.install_screen(FollowupsScreen(), NAME)
    screen = app.get_screen(NAME)
    if screen in app.screen_stack:  # already open under another screen: a second one over it, as before
        app.push_screen(FollowupsScreen())
        return
    app.push_screen(NAME)


def store_changed(app: TeNavigatorApp) -> None:
    """This app changed casework: the prepared screen's list is not to be shown as it is."""
    if NAME in app._installed_screens:
        screen = app.get_screen(NAME)
        if isinstance(screen, FollowupsScreen):
            screen.store_changed()


class FollowupsTable(DataTable):
    """The list: PageDown stops on a "… and N more" row rather than passing it (arriving there brings the next
    page), and PageDown on that row brings it too."""

    class MoreWanted(Message):
        """PageDown on a "… and N more" row."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.more_rows: set[int] = set()

    def action_page_down(self) -> None:
        row = self.cursor_row
        if row in self.more_rows:
            self.post_message(self.MoreWanted())
            return
        super().action_page_down()
        passed = sorted(more for more in self.more_rows if row < more < self.cursor_row)
        if passed:
            self.move_cursor(row=passed[0])


class FollowupsScreen(AppScreen):
    BINDINGS = [
        Binding("enter", "open", N_("Open"), id="followup-open"),
        Binding("m", "more", N_("More"), id="followups-more"),
        Binding("t", "toggle_mine", N_("Mine/team"), id="followups-mine"),
        Binding("escape", "back", N_("Back"), id="followups-back"),
    ]
    # Only the referrals I recorded or changed last, or the whole team's (the default).
    mine: reactive[bool] = reactive(False, init=False)

    data: reactive[dict | None] = reactive(None, init=False)
    """What `referrals.followups()` gave; the table follows it."""

    def __init__(self) -> None:
        super().__init__(id="followups")
        self.limit = PAGE
        self.step_names: dict[tuple[str, str], dict] = {}
        self.row_targets: list[tuple[str, str] | None] = []
        self.more_rows: set[int] = set()  # the "… and N more" rows: the cursor reaching one loads the next page
        self.fetching = False
        self.last_synced: str | None = None
        self.failed = False
        self.fitted: FittedTable | None = None
        self.outdated = False  # this app changed the store since the list was loaded: not to be shown as it is
        self.changes = 0  # the changes this app made to the store, counted
        self.asked_after = 0  # the count when the list on its way was asked for
        self.language = ""  # the language of its texts (a hidden screen misses the F2 switch)
        self.filled_width = 0

    @property
    def keys_ready(self) -> bool:
        """Keys typed before the list is here (Enter on a row) wait for it (the app holds them)."""
        return self.data is not None or self.failed

    def on_store_refused(self, message) -> None:
        self.failed = True  # the keys held for the list need not wait any longer
        self.fetching = False
        if not self.is_current:
            message.prevent_default()  # prepared or covered: showing it asks again, and says so then
        # Else Textual also runs the base class's handler (the notification) after this one.

    def compose(self) -> ComposeResult:
        yield Header()
        yield FollowupsTable(id="followup-table")
        yield RowDetail(id="followup-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_language()
        self.reload()  # then again each time it shows (on_screen_resume)

    def apply_language(self) -> None:
        self.language = current_language()
        super().apply_language()

    def reload(self) -> None:
        self.fetching = True
        self.asked_after = self.changes
        limit, mine = self.limit, self.mine
        today = self.app.today()

        def load(store):
            from te_navigator.models.referrals import followups
            from te_navigator.models.staff import current_staff
            from te_navigator.models.sync import last_synced

            synced = last_synced(store)
            return {
                "followups": followups(store, today=today, limit=limit, staff=current_staff() if mine else None),
                "step_names": store.step_names(),
                "last_synced": synced.isoformat() if synced else None,
            }

        self.app.call_store(load, self, FollowupsLoaded)

    def on_screen_resume(self) -> None:
        """Shown: at once with the list it holds if that is current, and asks the store again either way."""
        if self.data is not None and (self.outdated or self.data.get("today") != self.app.today().isoformat()):
            self.data = None  # not shown as it was: the rows come with the answer
        if self.language != current_language():
            self.apply_language()
        else:
            self.show_title()
            if self.filled_width != self.app.size.width:
                self.fill()
        if self.data is None:
            if not self.fetching:  # else the answer on its way is the current list
                self.reload()
        else:
            # The rows it holds are drawn first: asked at once, the store call's thread would share the interpreter
            # with drawing them and writing them out.
            self.set_timer(RECHECK_AFTER, self.recheck)

    def recheck(self) -> None:
        if self.is_current and not self.fetching:
            self.reload()

    def on_screen_suspend(self) -> None:
        """Closed (not only covered by another screen): the next opening starts again from the whole team's first
        page, loaded now."""
        if self in self.app.screen_stack or not self.app.is_running:
            return
        self.query_one("#followup-table", DataTable).move_cursor(row=0)
        if self.mine or self.limit != PAGE:
            self.limit = PAGE
            if self.mine:
                self.mine = False  # its watcher loads the list again
            else:
                self.reload()

    def store_changed(self) -> None:
        """This app changed the store (a referral, an assessment): the list is loaded again if it is hidden, as
        showing it loads it anyway."""
        self.outdated = True
        self.changes += 1
        if not self.is_current and not self.fetching:
            self.reload()

    def on_followups_loaded(self, message: FollowupsLoaded) -> None:
        self.fetching = False
        if self.asked_after != self.changes:  # asked before the latest change: not current
            self.reload()
            return
        self.outdated = False
        self.last_synced = message.result.get("last_synced")
        self.show_title()
        if self.step_names != message.result["step_names"]:
            self.step_names = message.result["step_names"]
            self.data = None  # the step names change too
        self.data = message.result["followups"]  # the same list as shown draws nothing again

    def watch_data(self) -> None:
        self.fill()

    def watch_mine(self) -> None:
        self.show_title()
        self.fill()
        self.reload()

    def action_toggle_mine(self) -> None:
        self.mine = not self.mine

    def show_texts(self) -> None:
        self.show_title()
        self.fill()

    def show_title(self) -> None:
        if not self.is_current:
            return  # prepared or covered: the header belongs to the screen shown
        whose = _("mine") if self.mine else _("the whole team")
        synced = (
            _("last synced {moment}").format(moment=formatting.moment(self.last_synced, current_language()))
            if self.last_synced
            else _("never synced")
        )
        self.app.sub_title = f"{_('Follow-ups')} · {whose} · {synced}"

    def fill(self) -> None:
        data_table = self.query_one("#followup-table", FollowupsTable)
        cursor = data_table.cursor_row
        self.filled_width = self.size.width or self.app.size.width
        table = FittedTable(
            data_table,
            [
                Column(_("Case"), 10, 16, 0),
                Column(_("Step"), 24, 40, 0),
                Column(_("Status"), 10, 10, 1),
                Column(_("Due"), 10, 10, 1),
                Column(_("Working days"), 7, 12, 3),
                Column(_("Recorded by"), 8, 14, 2),
            ],
            self.filled_width,
        )
        self.fitted = table
        self.row_targets = []
        self.more_rows = data_table.more_rows = set()
        if self.data is None:
            self.show_row_detail()
            return
        lang = current_language()
        styles = {"overdue": "bold red", "this-week": "bold", "open": ""}
        for section in followup_sections(self.data, self.step_names, lang):
            table.add_heading(f"{section.title} ({section.total})", styles[section.urgency])
            self.row_targets.append(None)
            for line in section.lines:
                table.add_row(
                    line.case_reference, line.step, line.status, line.due, line.working_days_left, line.recorded_by
                )
                self.row_targets.append((line.pathway, line.case_reference))
            if section.more:
                self.add_more_row(table, section.more)
        deadlines = deadline_lines(self.data, lang)
        title = _("Deadlines of unfinished assessments")
        total = self.data.get("counts", {}).get("deadlines", len(deadlines))
        table.add_heading(f"{title} ({total})")
        self.row_targets.append(None)
        for deadline in deadlines:
            table.add_row(
                deadline.case_reference,
                deadline.name,
                Text(_("passed"), style="bold red") if deadline.passed else "",
                deadline.due,
                Text(deadline.left, style="bold red" if deadline.passed else ""),
                "",
            )
            self.row_targets.append(None)
        if total > len(deadlines):
            self.add_more_row(table, total - len(deadlines))
        table.add_heading(_("Three-month targets"))
        self.row_targets.append(None)
        targets = target_lines(self.data, lang)
        for target in targets:
            table.add_row(
                target.case_reference,
                _("3-month target"),
                "",
                target.target,
                Text(target.left, style="bold red" if target.missed else ""),
                "",
            )
            self.row_targets.append(None)
        more = self.data.get("counts", {}).get("cases", len(targets)) - len(targets)
        if more > 0:
            self.add_more_row(table, more)
        if cursor:
            data_table.move_cursor(row=min(cursor, data_table.row_count - 1))
        self.show_row_detail()

    def show_row_detail(self) -> None:
        """What the narrow table leaves out of the highlighted row (e.g. who recorded it), in full below it."""
        cursor = self.query_one("#followup-table", DataTable).cursor_row
        self.query_one("#followup-detail", RowDetail).show_row(self.fitted, cursor)

    def on_resize(self) -> None:
        if self.size.width != self.filled_width:  # showing the prepared screen resizes it to the same width
            self.fill()

    def add_more_row(self, table: FittedTable, count: int) -> None:
        self.more_rows.add(len(self.row_targets))
        table.add_heading(_("… and {count} more (m: more)").format(count=count), "dim")
        self.row_targets.append(None)

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        """Scrolling or paging down onto a "… and N more" row brings the next page, as `m` does; a row's values
        the narrow table leaves out show in full below it."""
        self.show_row_detail()
        if message.cursor_row in self.more_rows and not self.fetching:
            self.action_more()

    def action_open(self) -> None:
        table = self.query_one("#followup-table", DataTable)
        if table.cursor_row is None or table.cursor_row >= len(self.row_targets):
            return
        target = self.row_targets[table.cursor_row]
        if target:
            self.app.open_pathway(target[0], case_reference=target[1])

    def on_followups_table_more_wanted(self) -> None:
        if not self.fetching:
            self.action_more()

    def on_data_table_row_selected(self) -> None:
        self.action_open()

    def action_more(self) -> None:
        """The next page of each list, the cursor staying where it is."""
        self.limit += PAGE
        self.reload()

    def action_back(self) -> None:
        self.dismiss()
