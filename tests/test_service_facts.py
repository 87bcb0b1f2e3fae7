"""What a caseworker looks up about a service ([service.facts]): validated with file and line, stored, and shown
in the detail pane's text, `show` (text and JSON) and the customer hand-out, labelled in the current language."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue
from te_navigator.models.handout import handout_content, to_html, to_markdown
from te_navigator.models.i18n import _, gettext_for
from te_navigator.models.referrals import case_referrals, plan_step
from te_navigator.models.store import Store
from te_navigator.tui.cli.main import main
from te_navigator.tui.describe import describe_entry, service_text

FACTS = """
[service.facts]
for_whom = { fi = "Työtön työnhakija, jolle se on sovittu suunnitelmassa.", sv = "Arbetslös arbetssökande enligt planen." }
duration_and_amounts = "not-stated"
customer_cost = { fi = "Maksuton.", sv = "Avgiftsfri." }
legal_basis = "laki työvoimapalveluiden järjestämisestä 380/2023"
web_page = "https://tyomarkkinatori.fi/henkiloasiakkaat/esimerkki"
source = "testilähde"
"""


def _with_facts(seed_dir, service_id: str, facts: str = FACTS) -> int:
    """Adds `facts` after the service's own keys; returns the line number of the facts' first key."""
    path = next(p for p in (seed_dir / "services").glob("*.toml") if f'id = "{service_id}"' in p.read_text("utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f'id = "{service_id}"')
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[[")), len(lines))
    shipped = next((i for i in range(start, end) if lines[i].strip() == "[service.facts]"), None)
    if shipped is not None:  # replace the shipped facts with the test's own
        del lines[shipped:end]
        end = shipped
    while end > start and not lines[end - 1].strip():
        end -= 1
    added = facts.strip("\n").splitlines()
    lines[end:end] = added
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return end + 2  # 1-based line of the first key after the [service.facts] header


def _problems(seed_dir):
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(seed_dir)
    return caught.value.problems


def test_facts_are_accepted_and_kept(seed_copy):
    _with_facts(seed_copy, "starttiraha")
    facts = load_catalogue(seed_copy).by_id("service")["starttiraha"]["facts"]
    assert facts["customer_cost"] == {"fi": "Maksuton.", "sv": "Avgiftsfri."}
    assert facts["duration_and_amounts"] == "not-stated"


@pytest.mark.parametrize(
    "broken, field, offset",
    [
        ('web_page = "tyomarkkinatori.fi"', "facts.web_page", 4),
        ('customer_cost = "free"', "facts.customer_cost", 2),
        ('customer_cost = { fi = "Maksuton." }', "facts.customer_cost", 2),
        ('legal_basis = ""', "facts.legal_basis", 3),
        ('colour = "red"', "facts.colour", 6),
    ],
)
def test_a_bad_fact_names_file_line_entry_and_field(seed_copy, broken, field, offset):
    key = broken.split(" =")[0]
    facts = "\n".join(broken if line.startswith(key + " =") else line for line in FACTS.strip("\n").splitlines())
    if key == "colour":
        facts += "\n" + broken
    first_key_line = _with_facts(seed_copy, "starttiraha", facts)
    [problem] = _problems(seed_copy)
    assert (problem.file, problem.entry, problem.field) == ("services/01-finding-work.toml", "starttiraha", field)
    assert problem.line == first_key_line + offset
    assert str(problem).startswith(f"services/01-finding-work.toml:{problem.line} › starttiraha › {field}: ")


def test_a_missing_fact_is_refused_rather_than_guessed(seed_copy):
    _with_facts(seed_copy, "starttiraha", FACTS.replace('duration_and_amounts = "not-stated"\n', ""))
    [problem] = _problems(seed_copy)
    assert problem.field == "facts.duration_and_amounts" and problem.message == _("missing field")


def test_stated_facts_need_a_source(seed_copy):
    _with_facts(seed_copy, "starttiraha", FACTS.replace('source = "testilähde"\n', ""))
    [problem] = _problems(seed_copy)
    assert problem.field == "facts.source" and "customer_cost" in problem.message


def test_all_not_stated_needs_no_source(seed_copy):
    facts = "\n".join(
        ["[service.facts]"]
        + [
            f'{name} = "not-stated"'
            for name in ("for_whom", "duration_and_amounts", "customer_cost", "legal_basis", "web_page")
        ]
    )
    _with_facts(seed_copy, "starttiraha", facts)
    assert load_catalogue(seed_copy).by_id("service")["starttiraha"]["facts"]["web_page"] == "not-stated"


@pytest.fixture
def facts_store(seed_copy, tmp_path):
    _with_facts(seed_copy, "tyokokeilu")
    store = Store.open(f"sqlite:///{tmp_path / 'facts.sqlite'}", seed_copy)
    yield store
    store.close()


def test_show_text_labels_facts_in_each_language(facts_store):
    service = facts_store.service("tyokokeilu")
    finnish = describe_entry("service", service, "fi", facts_store)
    assert "Kenelle" in finnish and "Työtön työnhakija, jolle se on sovittu suunnitelmassa." in finnish
    assert "Kesto ja määrät" in finnish and "ei mainittu" in finnish
    assert "Lakiperuste" in finnish and "380/2023" in finnish
    assert "https://tyomarkkinatori.fi/henkiloasiakkaat/esimerkki" in finnish
    swedish = describe_entry("service", service, "sv", facts_store)
    assert "För vem" in swedish and "Arbetslös arbetssökande enligt planen." in swedish
    assert "inte angivet" in swedish and "Avgiftsfri." in swedish
    assert "Rättslig grund (på finska)" in swedish and "ei mainittu" not in swedish


def test_detail_pane_text_has_the_facts(facts_store):
    service = facts_store.service("tyokokeilu")
    text = service_text(service, "sv", facts_store.names(), with_name=True).plain
    assert "Kostnad för kunden: Avgiftsfri." in text and "Rättslig grund (på finska): laki" in text


def test_show_command_in_both_languages_and_json(capsys, store_url):
    assert main(["show", "starttiraha", "--db", store_url, "--lang", "sv"]) == 0
    swedish = capsys.readouterr().out
    assert "Rättslig grund (på finska)" in swedish and "Jobbmarknadens sida" in swedish
    assert main(["show", "starttiraha", "--db", store_url, "--lang", "fi"]) == 0
    finnish = capsys.readouterr().out
    assert "Maksu asiakkaalle" in finnish and "Työmarkkinatorin sivu" in finnish
    assert main(["show", "starttiraha", "--db", store_url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "facts" in data


def test_handout_gives_the_steps_service_facts(facts_store):
    pathway = facts_store.pathway("challenging-position")
    step = next(s for s in pathway.steps if s.service == "tyokokeilu")
    plan_step(
        facts_store,
        "POR-2026-7",
        pathway.id,
        step.id,
        status="referred",
        on=dt.date(2026, 3, 9),
        registered_on=dt.date(2026, 3, 2),
    )
    rows = case_referrals(facts_store, "POR-2026-7")
    services = {s.id: s for s in facts_store.services()}
    for lang, cost_label, cost in (
        ("fi", "Maksu asiakkaalle", "Maksuton."),
        ("sv", "Kostnad för kunden", "Avgiftsfri."),
    ):
        content = handout_content(
            "POR-2026-7", rows, {pathway.id: pathway}, facts_store.names(), lang, services=services
        )
        markdown, html = to_markdown(content), to_html(content, lang)
        assert f"{cost_label}: {cost}" in markdown and cost in html
        assert "https://tyomarkkinatori.fi/henkiloasiakkaat/esimerkki" in markdown
        assert gettext_for(lang)("not stated") in markdown


def test_every_service_of_groups_01_to_05_has_its_facts():
    from te_navigator.models.catalogue import shipped_seed_dir

    files = sorted((shipped_seed_dir() / "services").glob("0[1-5]-*.toml"))
    ids = {
        line.split('"')[1]
        for path in files
        for line in path.read_text("utf-8").splitlines()
        if line.startswith('id = "')
    }
    services = load_catalogue().by_id("service")
    assert ids and all(services[i].get("facts") for i in ids), sorted(i for i in ids if not services[i].get("facts"))


def test_shipped_pay_subsidy_facts_in_show(capsys, store_url):
    assert main(["show", "palkkatuki", "--db", store_url, "--lang", "sv"]) == 0
    out = capsys.readouterr().out
    assert "nedsatt arbetsförmåga" in out and "Rättslig grund (på finska)" in out and "380/2023" in out
