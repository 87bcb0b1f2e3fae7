"""The area screen (issue 12 point 1): the municipalities' figures, bar charts, service points and the cost sharing
worked out by the same code as `te-navigator costs`; municipalities found by both names. Pilot tests at 80×24 in
Finnish and Swedish, and unit tests of the models they use."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from textual.command import CommandList

from te_navigator.models import costs, formatting, i18n
from te_navigator.models.charts import Bar, bar, chart_lines
from tests.apphelpers import make_app, settle, static_text, wait_for
from tests.test_newcomer_screens import english_words, screen_text

SMALL = (80, 24)
IDS = ["askola", "lapinjarvi", "loviisa", "myrskyla", "porvoo", "pukkila"]


# --- models: bars, percentages, the cost sharing -----------------------------------------------------------


def test_bars_are_proportional_and_small_values_still_show():
    assert bar(50, 100, 10) == "█████"
    assert bar(100, 100, 10) == "█" * 10
    assert bar(1, 1000, 10) == "▏"  # a 0.08-character value still shows
    assert bar(0, 100, 10) == ""
    assert bar(3, 8, 1) == "▍"  # three eighths of one character


def test_chart_lines_fit_the_width_and_align_values():
    lines = chart_lines([Bar("Porvoo", 51232, "51 232"), Bar("Myrskylä", 1764, "1 764")], width=40)
    assert all(len(line) == 40 for line in lines)
    assert lines[0].endswith("51 232") and lines[1].endswith(" 1 764")
    assert lines[0].count("█") > 20 * lines[1].count("█") or lines[1].count("█") == 0


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_percent_in_the_language_format(lang):
    assert formatting.percent(9.2, lang) == "9,2\u00a0%"
    assert formatting.percent(68.8204, lang, 2) == "68,82\u00a0%"


def test_share_costs_adds_up_and_instalments_make_the_share(store):
    municipalities = store.municipalities()
    sharing = costs.share_costs(123_456_789, costs.plan_criteria(municipalities), municipalities)
    assert sum(row.cents for row in sharing.shares) == 123_456_789
    assert sum(row.fraction for row in sharing.shares) == 1
    for row in sharing.shares:
        assert row.monthly_cents * 11 + row.last_month_cents == row.cents
        assert 0 <= row.last_month_cents - row.monthly_cents < 12


def test_settlement_takes_untyped_payments_as_the_twelve_instalments(store):
    municipalities = store.municipalities()
    criteria = costs.plan_criteria(municipalities)
    sharing = costs.share_costs(100_000_00, criteria, municipalities, actual_cents=110_000_00, paid={"askola": 0})
    shares = {row.id: row.cents for row in sharing.shares}
    actual = costs.share(110_000_00, criteria)
    balances = {row.id: row for row in sharing.settlement}
    assert balances["askola"].paid_cents == 0
    assert balances["askola"].balance_cents == actual["askola"]["cents"]
    assert balances["porvoo"].balance_cents == actual["porvoo"]["cents"] - shares["porvoo"] > 0


@pytest.mark.parametrize(
    "text, refused",
    [("-5", "ei saa olla negatiivinen"), ("many", "ei ole luku"), ("1e12", "on enemmän kuin 100000000")],
)
def test_typed_figures_are_refused_with_the_reason(text, refused):
    i18n.set_language("fi")
    with pytest.raises(costs.CostInputError, match=refused):
        costs.parse_figure(text, "Askola, aged 18–64")


def test_typed_figures_accept_spaces_and_commas():
    assert costs.parse_figure("2 764", "x") == 2764
    assert costs.parse_figure("153,2", "x") == Fraction("153.2")


def test_a_criterion_whose_figures_all_become_zero_is_refused(store):
    criteria = costs.plan_criteria(store.municipalities())
    for municipality in IDS[:-1]:
        criteria = costs.with_figure(criteria, "foreign_language", municipality, Fraction(0), "x")
    i18n.set_language("fi")
    with pytest.raises(costs.CostInputError, match="lukujen summa on nolla"):
        costs.with_figure(criteria, "foreign_language", IDS[-1], Fraction(0), "x")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Lovisa", "loviisa"),
        ("Loviisa", "loviisa"),
        ("Mörskom", "myrskyla"),
        ("Myrskylä", "myrskyla"),
        ("Borgå", "porvoo"),
        ("Lappträsk", "lapinjarvi"),
    ],
)
def test_search_finds_municipalities_by_either_name(store, query, expected):
    hits = [(hit.kind, hit.id) for hit in store.search_index().search(query)]
    assert ("municipality", expected) in hits[:3]


# --- the screen --------------------------------------------------------------------------------------------


def expected_sharing(store, total_cents: int) -> costs.CostSharing:
    municipalities = store.municipalities()
    return costs.share_costs(total_cents, costs.plan_criteria(municipalities), municipalities)


async def open_costs(pilot) -> None:
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)


def rows_by_name(app) -> dict[str, str]:
    """The shares table's rows, by the municipality's name at the start of the row."""
    lines = static_text(app, "#cost-shares").splitlines()
    return {line.split()[0]: line for line in lines[1:] if line.strip()}


async def type_budget(pilot, text: str, cents: int) -> None:
    """Types into the budget (focused when the tab opens) and waits until the shares of `cents` show."""
    assert pilot.app.focused is pilot.app.screen.query_one("#cost-total")
    await pilot.press(*text)
    await wait_for(pilot, lambda: pilot.app.screen.sharing.total_cents == cents, "the shares of the typed budget")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_changing_the_budget_changes_each_share_and_instalment(store, store_url, lang):
    municipalities = {m.id: m.name.text(lang) for m in store.municipalities()}
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await open_costs(pilot)
        for typed, cents in (("1000000", 100_000_000), ("0", 1_000_000_000)):  # 1 000 000 €, then 10 000 000 €
            await type_budget(pilot, typed, cents)
            rows = rows_by_name(app)
            for share in expected_sharing(store, cents).shares:
                row = rows[municipalities[share.id]].replace("\u00a0", " ")
                for amount in (share.cents, share.monthly_cents, share.last_month_cents):
                    assert formatting.euros(amount, lang).replace("\u00a0", " ") in row, (share.id, row)
        assert screen_text(app).count("€") >= 6  # the shares are on the 80×24 screen without scrolling


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_the_screen_and_the_costs_command_agree(capsys, store, store_url, lang):
    from te_navigator.tui.cli.main import main

    assert main(["costs", "--total", "2500000", "--db", store_url, "--json"]) == 0
    report = {m["id"]: m for m in json.loads(capsys.readouterr().out)["municipalities"]}
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await open_costs(pilot)
        await type_budget(pilot, "2500000", 250_000_000)
        shown = {row.id: row for row in app.screen.sharing.shares}
        for municipality_id, row in report.items():
            assert round(row["share_eur"] * 100) == shown[municipality_id].cents
            assert round(row["monthly_eur"] * 100) == shown[municipality_id].monthly_cents


@pytest.mark.parametrize(
    "lang, money_refusal, figure_refusal",
    [
        ("fi", "ei ole euromäärä", "Askola, 18–64-vuotiaat: 'abc' ei ole luku"),
        ("sv", "är inte ett eurobelopp", "Askola, 18–64-åringar: 'abc' är inte ett tal"),
    ],
)
async def test_refused_inputs_say_why_and_leave_the_shares(store_url, lang, money_refusal, figure_refusal):
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await open_costs(pilot)
        await type_budget(pilot, "1000", 100_000)
        before = static_text(app, "#cost-shares")
        await pilot.press("x")
        await wait_for(pilot, lambda: bool(static_text(app, "#cost-errors")), "the refusal")
        assert money_refusal in static_text(app, "#cost-errors")
        assert app.screen.query_one("#cost-total").has_class("-invalid")
        assert static_text(app, "#cost-shares") == before  # the last budget taken stands meanwhile
        await pilot.press("backspace")
        await wait_for(pilot, lambda: not app.screen.errors, "the refusal gone")
        app.screen.query_one("#fig-working_age-askola").focus()
        await pilot.press(*"abc")
        await wait_for(pilot, lambda: bool(app.screen.errors), "the refusal")
        await settle(pilot)
        assert figure_refusal in static_text(app, "#cost-input-errors").replace("\u00a0", " ")
        assert static_text(app, "#cost-shares") == before  # the refused figure changed nothing
        await pilot.press("backspace", "backspace", "backspace", *"0")
        await wait_for(pilot, lambda: app.screen.sharing.criteria[0].values["askola"] == 0, "the figure taken")
        await settle(pilot)
        assert not app.screen.errors
        assert static_text(app, "#cost-shares") != before  # Askola's 18–64 now count as none


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_palette_opens_a_municipality_by_either_name(store_url, lang):
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for query, municipality_id, card in (
            ("Lovisa", "loviisa", "Loviisa · Lovisa"),
            ("Mörskom", "myrskyla", "Myrskylä · Mörskom"),
            ("Myrskylä", "myrskyla", "Myrskylä · Mörskom"),
            ("Loviisa", "loviisa", "Loviisa · Lovisa"),
        ):
            await pilot.press("ctrl+p", *query)
            await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, "the palette's hits")
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.id == "area" and app.screen.selected == municipality_id, query
            assert card in static_text(app, "#area-card")
            await pilot.press("escape")
            await settle(pilot)
        assert i18n.current_language() == lang


@pytest.mark.parametrize("lang, query", [("fi", "Lovisa"), ("sv", "Loviisa")])
async def test_the_service_map_search_finds_a_municipality_by_either_name_and_opens_its_figures(store_url, lang, query):
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *query)
        await wait_for(pilot, lambda: "loviisa" in app.screen.municipality_hits, "the municipality among the hits")
        await pilot.press("enter", "enter")  # into the results, then open the row
        await settle(pilot)
        assert app.screen.id == "area" and app.screen.selected == "loviisa"
        assert "Loviisa · Lovisa" in static_text(app, "#area-card")


@pytest.mark.parametrize(
    "lang, words",
    [
        ("fi", ("Väkiluku (2022)", "51 232", "10,3 %", "Henkilöstö htv (arvio)", "38,05")),
        ("sv", ("Invånarantal (2022)", "Borgå", "Mörskom", "10,3 %", "Årsverken (uppskattning)")),
    ],
)
async def test_figures_side_by_side_and_charts_in_the_language(store_url, lang, words):
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        shown = screen_text(app)
        for word in words:
            assert word in shown
        await pilot.press("2", "down")  # the labour force and its forecast
        await settle(pilot)
        chart = static_text(app, "#chart").replace("\u00a0", " ")
        assert "2035" in chart and "25 212" in chart and "24 908" in chart and "█" in chart
        if lang == "sv":
            await pilot.press("4")
            await settle(pilot)
            assert english_words(screen_text(app)) == []


# --- snapshots at 80×24 -----------------------------------------------------------------------------------


async def _area_costs(pilot) -> None:
    await open_costs(pilot)
    await type_budget(pilot, "4500000", 450_000_000)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_snapshot_figures(snap_compare, store_url, lang):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_area("loviisa")
        await settle(pilot)

    assert snap_compare(make_app(store_url, lang=lang), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_snapshot_cost_sharing(snap_compare, store_url, lang):
    assert snap_compare(make_app(store_url, lang=lang), terminal_size=SMALL, run_before=_area_costs)


JUNK = ["1e999999999", "1e-999999999", "nan", "-inf", "\x00\x1b[2J", "caf\udce9", "9" * 5000, "½", "3/0", "[/]", "-1"]


async def test_junk_pasted_into_every_cost_field_is_refused_and_the_app_goes_on(store_url):
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SMALL) as pilot:
        await open_costs(pilot)
        await type_budget(pilot, "1000", 100_000)
        before = static_text(app, "#cost-shares")
        fields = list(app.screen.query(".area-input"))
        for shift in (0, 5):  # every junk value in every kind of field: the money, the figures, the payments
            for index, field in enumerate(fields):
                field.value = JUNK[(index + shift) % len(JUNK)]
            await wait_for(pilot, lambda: len(app.screen.errors) > len(fields) // 2, "the refusals", timeout=10)
            await settle(pilot)
            assert static_text(app, "#cost-shares") == before  # the last values taken stand meanwhile
        for field in fields:
            field.value = "1000" if field.id == "cost-total" else ""
        await wait_for(pilot, lambda: not app.screen.errors, "the refusals gone")
        assert static_text(app, "#cost-shares") == before


async def test_text_that_reads_as_markup_is_shown_as_typed_in_refusals(store_url):
    """'[/]' or '[@click=app.quit]' typed in a field is quoted in its refusal as typed, never run as markup."""
    from textual.widgets import Input

    from te_navigator.tui.referral_dialog import CaseDialog

    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await open_costs(pilot)
        await pilot.press(*"[/]")
        await wait_for(pilot, lambda: bool(app.screen.errors), "the refusal")
        await settle(pilot)
        assert "'[/]'" in static_text(app, "#cost-errors")
        await pilot.press("f2")  # the refusal says it again in Swedish
        await settle(pilot)
        assert "'[/]' är inte ett eurobelopp" in static_text(app, "#cost-errors")
        await pilot.press("escape")
        await settle(pilot)
        app.open_pathway("initial-phase")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, CaseDialog)
        app.screen.query_one("#case-reference", Input).value = "POR-1"
        app.screen.query_one("#registered-on", Input).value = "[@click=app.quit]x[/]"
        app.screen.query_one("#registered-on", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "[@click=app.quit]x[/]" in static_text(app, "#dialog-problem")
        assert app.is_running
