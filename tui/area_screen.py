"""The area screen (Alue / Området) for trainers: the six municipalities side by side, bar charts of the plan's
figures, the service points, and the cost sharing of section 4 worked out as `te-navigator costs` does it."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from te_navigator.models import costs
from te_navigator.models.i18n import N_, _, current_language
from te_navigator.tui import area_view
from te_navigator.tui.base import AppScreen
from te_navigator.tui.messages import AreaLoaded, StoreRefused
from te_navigator.tui.translate import translate_bindings

if TYPE_CHECKING:
    from textual.timer import Timer

    from te_navigator.models.entities import Municipality, Periods, ServicePoint

TABS = (
    ("area-figures", N_("Figures")),
    ("area-charts", N_("Charts")),
    ("area-points", N_("Service points")),
    ("area-costs", N_("Cost sharing")),
)
MONEY_INPUTS = (
    ("cost-total", N_("Costs to share (€)")),
    ("cost-actual", N_("Actual costs of the year (€)")),
    ("cost-prep", N_("Preparation costs 2023–2024 (€)")),
)
RECOMPUTE_DELAY = 0.08  # seconds
CRITERION_HEADINGS = {
    "working_age": N_("Aged 18–64"),
    "unemployed": N_("Unemployed ≈"),
    "foreign_language": N_("Foreign-lang."),
}


@dataclass(frozen=True)
class AreaData:
    municipalities: list[Municipality]
    periods: Periods | None
    service_points: list[ServicePoint]


class FiguresView(Static, can_focus=True):
    """The table of the six municipalities; left and right choose the municipality the card below describes."""

    BINDINGS = [
        Binding("left", "move(-1)", N_("Municipality"), id="area-previous", key_display="← →"),
        Binding("right", "move(1)", N_("Next municipality"), id="area-next", show=False),
    ]

    def action_move(self, step: int) -> None:
        screen = self.screen
        assert isinstance(screen, AreaScreen)  # only composed there
        screen.move_selection(step)


class AreaScreen(AppScreen):
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="area-back"),
        Binding("1", "tab('area-figures')", N_("Figures"), id="area-tab-figures", show=False),
        Binding("2", "tab('area-charts')", N_("Charts"), id="area-tab-charts", show=False),
        Binding("3", "tab('area-points')", N_("Service points"), id="area-tab-points", show=False),
        Binding("4", "tab('area-costs')", N_("Cost sharing"), id="area-tab-costs", show=False),
    ]

    def __init__(self, municipality_id: str | None = None) -> None:
        super().__init__(id="area")
        self.selected = municipality_id
        self.data: AreaData | None = None
        self.failed = False
        self.plan_criteria: list[costs.Criterion] = []
        self.errors: dict[str, str] = {}  # input id → why its value was refused
        self.sharing: costs.CostSharing | None = None
        self.with_euros = False
        self.recompute_timer: Timer | None = None
        self.accepted: dict[str, int] = {}  # money input id → the last amount taken from it, in cents
        self.accepted_figures: dict[str, Fraction] = {}  # figure input id → the last figure taken from it

    @property
    def keys_ready(self) -> bool:
        """Keys typed before the figures are here (a budget, say) wait for them (the app holds them)."""
        return self.data is not None or self.failed

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="area-tabs", initial="area-figures"):
            with TabPane("", id="area-figures"), VerticalScroll(classes="area-pane"):
                yield FiguresView(id="area-table")
                yield Static(id="area-card")
                yield Static(id="area-notes")
            with TabPane("", id="area-charts"), Horizontal(classes="area-pane"):
                yield OptionList(id="chart-metrics")
                with VerticalScroll(id="chart-pane"):
                    yield Static(id="chart")
            with TabPane("", id="area-points"), VerticalScroll(classes="area-pane", id="points-pane"):
                yield Static(id="points-text")
            with TabPane("", id="area-costs"), VerticalScroll(classes="area-pane", id="costs-pane"):
                with Grid(id="money-inputs"):
                    for input_id, _label in MONEY_INPUTS:
                        yield Label(id=f"{input_id}-label")
                        yield Input(id=input_id, classes="area-input", select_on_focus=False)
                yield Static(id="cost-errors", classes="cost-errors", markup=False)
                yield Static(id="cost-shares")
                yield Static(id="cost-chart")
                yield Static(id="cost-settlement")
                yield Static(id="cost-preparation")
                yield Static(id="cost-inputs-title")
                yield Grid(id="cost-inputs")
                yield Static(id="cost-input-errors", classes="cost-errors", markup=False)
                yield Static(id="cost-notes")
        yield Footer()

    def on_mount(self) -> None:
        if getattr(self.app, "steady", False):
            for field in self.query(Input):
                field.cursor_blink = False
        self.apply_language()
        self.query_one("#area-table").focus()
        self.load()

    @work(thread=True, exclusive=True, group="area-load")
    def load(self) -> None:
        def read(store) -> AreaData:
            return AreaData(store.municipalities(), store.periods(), store.service_points())

        self.app.run_store_call(read, self, AreaLoaded)

    def on_area_loaded(self, message: AreaLoaded) -> None:
        self.data = message.result
        municipalities = self.data.municipalities
        if self.selected not in {m.id for m in municipalities}:
            self.selected = municipalities[0].id if municipalities else None
        self.plan_criteria = costs.plan_criteria(municipalities)
        self.build_criteria_inputs()
        self.refresh_content()
        self.recompute()

    def on_store_refused(self, message: StoreRefused) -> None:
        self.failed = True  # the held keys need not wait any longer; the base class shows the reason

    # --- texts -------------------------------------------------------------------------------------------

    def show_texts(self) -> None:
        self.app.sub_title = _("Area") + " · " + current_language().upper()
        tabs = self.query_one("#area-tabs", TabbedContent)
        for number, (pane_id, label) in enumerate(TABS, start=1):
            tabs.get_tab(pane_id).label = f"{number} {_(label)}"
        for input_id, label in MONEY_INPUTS:
            self.query_one(f"#{input_id}-label", Label).update(_(label))
            self.query_one(f"#{input_id}", Input).placeholder = _("euros, empty: none")
        self.query_one("#cost-total", Input).placeholder = _("euros, e.g. 4 500 000")
        translate_bindings(self.query_one("#area-table"))
        if self.data is not None:
            self.build_criteria_inputs()
        self.fill_metrics()
        self.refresh_content()
        if self.errors:  # a refusal on the screen says it again in the new language
            self.recompute()

    def fill_metrics(self) -> None:
        metrics = self.query_one("#chart-metrics", OptionList)
        highlighted = metrics.highlighted
        metrics.set_options([Option(_(metric.label), id=metric.id) for metric in area_view.METRICS])
        metrics.highlighted = highlighted or 0
        metrics.border_title = _("Figure")

    def refresh_content(self) -> None:
        if self.data is None:
            self.query_one("#area-table", Static).update(_("Loading the figures…"))
            return
        lang = current_language()
        data = self.data
        width = self.content_width()
        self.query_one("#area-table", Static).update(
            area_view.figures_table(data.municipalities, lang, self.selected, width)
        )
        selected = next((m for m in data.municipalities if m.id == self.selected), None)
        if selected is not None:
            fraction = costs.fractions(self.plan_criteria)[selected.id]
            self.query_one("#area-card", Static).update(
                area_view.municipality_card(
                    selected, sum(fraction.values(), Fraction(0)), data.service_points, data.periods, lang
                )
            )
        self.query_one("#area-notes", Static).update(area_view.figures_notes(data.periods, lang))
        self.show_chart()
        self.query_one("#points-text", Static).update(
            area_view.points_text(data.service_points, data.municipalities, lang)
        )
        self.show_costs()

    def content_width(self) -> int:
        return max(40, self.app.size.width - 4)

    def show_chart(self) -> None:
        if self.data is None:
            return
        metrics = self.query_one("#chart-metrics", OptionList)
        metric = area_view.METRICS[metrics.highlighted or 0]
        width = max(30, self.app.size.width - 34)
        self.query_one("#chart", Static).update(
            area_view.metric_chart(
                metric, self.data.municipalities, self.data.periods, current_language(), self.selected, width
            )
        )

    @on(TabbedContent.TabActivated, "#area-tabs")
    def tab_shown(self) -> None:
        metrics = self.query_one("#chart-metrics", OptionList)
        if metrics.highlighted is None:  # an option list highlights nothing until it has been shown
            metrics.highlighted = 0

    @on(OptionList.OptionHighlighted, "#chart-metrics")
    def metric_chosen(self) -> None:
        self.show_chart()

    def on_resize(self) -> None:
        self.refresh_content()

    # --- choosing a municipality and a tab -----------------------------------------------------------------

    def show_municipality(self, municipality_id: str | None) -> None:
        """Opened again from the palette: that municipality's figures."""
        if municipality_id:
            self.selected = municipality_id
        self.action_tab("area-figures")
        self.refresh_content()

    def move_selection(self, step: int) -> None:
        if self.data is None or not self.data.municipalities:
            return
        ids = [m.id for m in self.data.municipalities]
        position = ids.index(self.selected) if self.selected in ids else 0
        self.selected = ids[(position + step) % len(ids)]
        self.refresh_content()

    def action_tab(self, pane_id: str) -> None:
        self.query_one("#area-tabs", TabbedContent).active = pane_id
        focus = {
            "area-figures": "#area-table",
            "area-charts": "#chart-metrics",
            "area-points": "#points-pane",
            "area-costs": "#cost-total",
        }[pane_id]
        self.query_one(focus).focus()

    def action_back(self) -> None:
        self.dismiss()

    # --- the cost calculator -----------------------------------------------------------------------------

    def build_criteria_inputs(self) -> None:
        """One row per municipality: its three criteria's figures and what it paid; empty means the default."""
        assert self.data is not None
        grid = self.query_one("#cost-inputs", Grid)
        lang = current_language()
        self.query_one("#cost-inputs-title", Static).update(
            _(
                "The figures shared by (empty: the plan's figure, shown dim) and what each municipality paid "
                "(empty: its twelve instalments):"
            )
        )
        if not grid.children:
            widgets: list[Label | Input] = [Label("", classes="cost-heading")]
            widgets += [Label("", classes="cost-heading", id=f"heading-{cid}") for cid in CRITERION_HEADINGS]
            widgets.append(Label("", classes="cost-heading", id="heading-paid"))
            for m in self.data.municipalities:
                widgets.append(Label("", id=f"name-{m.id}", classes="cost-name"))
                widgets += [
                    Input(id=f"fig-{cid}-{m.id}", classes="area-input", select_on_focus=False)
                    for cid in CRITERION_HEADINGS
                ]
                widgets.append(Input(id=f"paid-{m.id}", classes="area-input", select_on_focus=False))
            grid.mount_all(widgets)
            if getattr(self.app, "steady", False):
                for field in widgets:
                    if isinstance(field, Input):
                        field.cursor_blink = False
            self.call_after_refresh(self.build_criteria_inputs)  # the texts once the widgets are mounted
            return
        for cid, heading in CRITERION_HEADINGS.items():
            self.query_one(f"#heading-{cid}", Label).update(_(heading))
        self.query_one("#heading-paid", Label).update(_("Paid (€)"))
        for m in self.data.municipalities:
            self.query_one(f"#name-{m.id}", Label).update(m.name.text(lang))
            for criterion in self.plan_criteria:
                default = area_view.stat_text(round(float(criterion.values[m.id]), 1), criterion.id, lang)
                estimated = criterion.id == "unemployed"  # the plan gives a rate and a labour force, not a count
                self.query_one(f"#fig-{criterion.id}-{m.id}", Input).placeholder = (
                    f"≈ {default}" if estimated else default
                )
            self.query_one(f"#paid-{m.id}", Input).placeholder = _("12 instalments")

    @on(Input.Changed, ".area-input")
    def input_changed(self) -> None:
        # Worked out once typing pauses: a budget typed digit by digit is drawn once, not seven times.
        if self.recompute_timer is not None:
            self.recompute_timer.stop()
        self.recompute_timer = self.set_timer(RECOMPUTE_DELAY, self.recompute)

    def recompute(self) -> None:
        """Reads every input, refusing bad values with the reason, and works out the shares from the rest."""
        if self.data is None:
            return
        self.errors = {}
        municipalities = self.data.municipalities
        total = self.money("cost-total", _("Costs to share"))
        actual = self.money("cost-actual", _("Actual costs of the year"))
        prep = self.money("cost-prep", _("Preparation costs 2023–2024"))
        criteria = self.plan_criteria
        paid: dict[str, int] = {}
        lang = current_language()
        for m in municipalities:
            name = m.name.text(lang)
            for cid, heading in CRITERION_HEADINGS.items():
                input_id = f"fig-{cid}-{m.id}"
                what = f"{name}, {_(heading)}"
                text = self.field_text(input_id)
                if not text:
                    self.accepted_figures.pop(input_id, None)
                    continue
                try:
                    figure = costs.parse_figure(text, what)
                    criteria = costs.with_figure(criteria, cid, m.id, figure, what)
                    self.accepted_figures[input_id] = figure
                except costs.CostInputError as error:
                    self.errors[input_id] = str(error)
                    last = self.accepted_figures.get(input_id)  # the last figure taken stands meanwhile
                    if last is not None:
                        with suppress(costs.CostInputError):
                            criteria = costs.with_figure(criteria, cid, m.id, last, what)
            amount = self.money(f"paid-{m.id}", f"{name}, {_('Paid (€)')}")
            if amount is not None:
                paid[m.id] = amount
        for field in self.query(".area-input").results(Input):
            field.set_class(field.id in self.errors, "-invalid")
        self.with_euros = total is not None
        self.sharing = costs.share_costs(total or 0, criteria, municipalities, prep, actual, paid)
        self.show_costs()

    def field_text(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value.strip()

    def money(self, input_id: str, what: str) -> int | None:
        """The euros typed in an input, in cents; None when empty. A refused amount is noted with the reason and
        the last amount taken stands meanwhile, so one wrong key does not blank the table."""
        text = self.field_text(input_id)
        if not text:
            self.accepted.pop(input_id, None)
            return None
        try:
            self.accepted[input_id] = costs.parse_euros(text, what)
        except costs.CostInputError as error:
            self.errors[input_id] = str(error)
        return self.accepted.get(input_id)

    def show_costs(self) -> None:
        if self.data is None or self.sharing is None:
            return
        lang = current_language()
        sharing, municipalities = self.sharing, self.data.municipalities
        # Each refusal shows right under the inputs it is about: the money above, the figures below the table.
        money_ids = {input_id for input_id, _label in MONEY_INPUTS}
        for selector, mine in (("#cost-errors", True), ("#cost-input-errors", False)):
            messages = [message for input_id, message in self.errors.items() if (input_id in money_ids) == mine]
            errors = self.query_one(selector, Static)
            errors.update("\n".join(messages))
            errors.display = bool(messages)
        shares = area_view.shares_table(sharing, municipalities, lang, self.with_euros, self.selected)
        if not self.with_euros:
            shares.append(
                "\n" + _("Type the costs to share to see each municipality's euros and instalments."), style="dim"
            )
        self.query_one("#cost-shares", Static).update(shares)
        self.query_one("#cost-chart", Static).update(
            area_view.shares_chart(sharing, municipalities, lang, self.with_euros, self.content_width())
        )
        settlement = self.query_one("#cost-settlement", Static)
        if sharing.settlement is not None:
            text = area_view.Text(_("Year-end settlement (positive: to pay, negative: to refund):"), style="bold")
            text.append("\n")
            text.append_text(area_view.settlement_table(sharing, municipalities, lang, self.selected))
            settlement.update(text)
        else:
            settlement.update(
                area_view.Text(_("Type the actual costs of the year to see the year-end settlement."), style="dim")
            )
        preparation = self.query_one("#cost-preparation", Static)
        preparation.display = sharing.preparation is not None
        if sharing.preparation is not None:
            text = area_view.Text(_("Preparation costs 2023–2024, by population:"), style="bold")
            text.append("\n")
            text.append_text(area_view.preparation_table(sharing, municipalities, lang))
            preparation.update(text)
        notes = area_view.criteria_text(sharing, lang)
        notes.append(
            "\n"
            + _(
                "Defaults: the criteria's figures are the plan's (the unemployed an estimate); a "
                "municipality whose payments are not typed is taken to have paid its twelve "
                "instalments."
            ),
            style="dim",
        )
        self.query_one("#cost-notes", Static).update(notes)
