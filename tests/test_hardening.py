"""Bad input and a hostile environment: one translated line and exit 1, never a traceback, never lost data.

Hand-outs never overwrite the store, its backups, an existing file (without --force) or anything behind a
symlink; personal identity codes are refused in every free-text field however they are typed; dates and
numbers are bounded; a broken store, a folder, a FIFO, another program's database or an unknown URL is
refused untouched; an unexpected error lands in the error log and the user gets one line naming it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest

from te_navigator.tui.cli.main import main
from te_navigator.models import referrals
from te_navigator.models.assessments import AssessmentError, save_assessment

CASE = ["POR-2026-5", "challenging-position", "work-ability-coordinator"]


def run(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as exited:  # argparse's refusals
        code = exited.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_refusal(code: int, err: str, *expected: str) -> None:
    assert code == 1
    assert "Traceback" not in err and "errors.log" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    for text in expected:
        assert text in err, err


def settled_bytes(path) -> bytes:
    """The store file's bytes once its write-ahead log is folded in (closing a store may fold it in too)."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path.read_bytes()


@pytest.fixture
def referred(capsys, store_url):
    code, _out, err = run(capsys, "refer", *CASE, "--db", store_url, "--date", "2026-03-09")
    assert code == 0, err
    return store_url


# --- 1. files -----------------------------------------------------------------------------------------------


def test_handout_never_overwrites_the_store(capsys, referred, store_path):
    before = settled_bytes(store_path)
    for extra in ([], ["--force"]):
        code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(store_path), *extra)
        assert_one_line_refusal(code, err, "tietovarasto")
    assert settled_bytes(store_path) == before


def test_handout_never_overwrites_the_store_under_another_name(capsys, referred, store_path, tmp_path):
    hard_link = tmp_path / "looks-harmless.md"
    os.link(store_path, hard_link)
    roundabout = tmp_path / "sub" / ".." / store_path.name
    (tmp_path / "sub").mkdir()
    before = settled_bytes(store_path)
    for target in (hard_link, roundabout):
        code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(target), "--force")
        assert_one_line_refusal(code, err, "tietovarasto")
    assert settled_bytes(store_path) == before


def test_handout_never_overwrites_a_backup(capsys, referred, store_path):
    backup = store_path.with_name(store_path.name + ".0003_assessments.20260101-000000.bak")
    backup.write_bytes(b"SQLite format 3\x00 backup")
    code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(backup), "--force")
    assert_one_line_refusal(code, err)
    assert backup.read_bytes() == b"SQLite format 3\x00 backup"


def test_handout_refuses_an_existing_file_unless_forced(capsys, referred, tmp_path):
    out = tmp_path / "handout.md"
    out.write_text("the customer's earlier hand-out\n")
    code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(out))
    assert_one_line_refusal(code, err, "--force")
    assert out.read_text() == "the customer's earlier hand-out\n"
    code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(out), "--force")
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_handout_does_not_follow_a_symlink(capsys, referred, tmp_path, store_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    for target in (precious, store_path):
        link = tmp_path / f"link-to-{target.name}"
        link.symlink_to(target)
        for extra in ([], ["--force"]):
            code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(link), *extra)
            assert_one_line_refusal(code, err)
        assert link.is_symlink()
    assert precious.read_text() == "keep me"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(dangling))
    assert_one_line_refusal(code, err)
    assert not (tmp_path / "nowhere").exists()


def test_handout_into_a_folder_that_does_not_exist(capsys, referred, tmp_path):
    code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(tmp_path / "no" / "x.md"))
    assert_one_line_refusal(code, err, "x.md")


# --- 2. personal identity codes -----------------------------------------------------------------------------

HETU_SPELLINGS = [
    "131052-308T",
    "K131052-308T",
    "131052 308T",
    "131052\u2013308T",
    "131052y308t",
    "010594Y9021",
    "131052B308T",
]


@pytest.mark.parametrize("code", HETU_SPELLINGS)
def test_codes_refused_in_case_reference_and_note(capsys, store_url, code):
    reference = code.replace(" ", "-") if " " in code else code
    code_ref, _out, err = run(capsys, "refer", reference, *CASE[1:], "--db", store_url)
    assert_one_line_refusal(code_ref, err, "henkilötunnus")
    code_note, _out, err = run(capsys, "refer", *CASE, "--db", store_url, "--note", f"asiakas {code} soitti")
    assert_one_line_refusal(code_note, err, "henkilötunnus")


@pytest.mark.parametrize("code", HETU_SPELLINGS)
def test_codes_refused_in_area_and_period(store, code):
    template = store.checklist("tier1-area")
    for area, period in ((f"Porvoo {code}", "2026"), ("Porvoo", code)):
        with pytest.raises(AssessmentError, match="henkilötunnus"):
            save_assessment(store, template, {}, area=area, period=period)


def test_an_invalid_control_character_is_not_a_code(store):
    template = store.checklist("tier1-area")
    save_assessment(store, template, {}, area="Porvoo 131052-308U", period="2026")


# --- 4. bounded input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, value",
    [
        ("--date", "9999-12-31"),
        ("--date", "1899-12-31"),
        ("--due", "2101-01-01"),
        ("--registered-on", "2999-01-01"),
        ("--date", "2026-02-30"),
        ("--registered-on", (dt.date.today() + dt.timedelta(days=1)).isoformat()),
    ],
)
def test_dates_out_of_bounds_refused(capsys, store_url, store, option, value):
    code, _out, err = run(capsys, "refer", *CASE, "--db", store_url, option, value)
    assert_one_line_refusal(code, err, option)
    assert referrals.case_referrals(store, CASE[0]) == []


def test_models_bound_dates_too(store):
    with pytest.raises(referrals.ReferralError):
        referrals.plan_step(store, CASE[0], CASE[1], CASE[2], on=dt.date(9999, 1, 1))
    with pytest.raises(referrals.ReferralError):
        referrals.plan_step(store, CASE[0], CASE[1], CASE[2], registered_on=dt.date.today() + dt.timedelta(days=3))


@pytest.mark.parametrize(
    "args",
    [
        ["search", "työ", "--limit", "99999999999999999999999"],
        ["search", "työ", "--limit", "0"],
        ["assessments", "show", "99999999999999999999999"],
        ["assessments", "show", "-1"],
        ["purge", "--older-than", "99999999999999999999"],
        ["purge", "--older-than", "-5"],
        ["costs", "--total", "1e999999"],
        ["costs", "--total", "NaN"],
        ["costs", "--total", "99999999999999999999"],
        ["followups", "--today", "0001-01-01"],
        ["assessments", "list", "--since", "9999-01-01"],
        ["changes", "--since", "0001-01-01"],
        ["changes", "--since", "9999-12-31"],
    ],
)
def test_numbers_and_dates_out_of_bounds_give_one_line(capsys, store_url, args):
    code, _out, err = run(capsys, *args, "--db", store_url)
    assert_one_line_refusal(code, err)


def test_non_utf8_argument_refused(capsys, store_url):
    broken = b"caf\xe9".decode("utf-8", "surrogateescape")
    code, _out, err = run(capsys, "search", broken, "--db", store_url)
    assert_one_line_refusal(code, err, "UTF-8")


def test_lone_surrogate_and_control_characters_in_answers(capsys, store_url, tmp_path):
    for content in ('{"note": "\\ud800"}', '{"note": "a\\u0000b"}', b'{"note": "caf\xe9"}'):
        answers = tmp_path / "answers.json"
        answers.write_bytes(content if isinstance(content, bytes) else content.encode())
        code, _out, err = run(
            capsys, "assess", "--template", "tier3-jobseeker", "--answers", str(answers), "--db", store_url
        )
        assert code == 1 and "Traceback" not in err and "errors.log" not in err
        assert "note" in err or "answers.json" in err, err


def test_note_too_long_refused(capsys, store_url):
    code, _out, err = run(capsys, "refer", *CASE, "--db", store_url, "--note", "x" * 6000)
    assert_one_line_refusal(code, err, "5000")


# --- 4. the store and its surroundings ----------------------------------------------------------------------


def test_folder_and_fifo_as_store(capsys, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (tmp_path, fifo):
        code, _out, err = run(capsys, "facts", "--db", str(target))
        assert_one_line_refusal(code, err, str(target))


def test_unknown_url_scheme(capsys):
    code, _out, err = run(capsys, "facts", "--db", "gopher://example.org/store")
    assert_one_line_refusal(code, err, "gopher://example.org/store")


def test_another_programs_sqlite_file_is_refused_untouched(capsys, tmp_path):
    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO photo (name) VALUES ('summer.jpg')")
    connection.close()
    before = path.read_bytes()
    code, _out, err = run(capsys, "facts", "--db", str(path))
    assert_one_line_refusal(code, err, str(path))
    assert path.read_bytes() == before


def test_store_missing_a_table(capsys, store_path):
    with sqlite3.connect(store_path) as connection:
        connection.execute("DROP TABLE referral")
    connection.close()
    code, _out, err = run(capsys, "followups", "--db", str(store_path))
    assert_one_line_refusal(code, err, "referral")


def test_corrupt_store(capsys, store_path):
    data = bytearray(store_path.read_bytes())
    data[100 : 4096 * 8] = os.urandom(4096 * 8 - 100)
    store_path.write_bytes(bytes(data))
    code, _out, err = run(capsys, "facts", "--db", str(store_path))
    assert code == 1 and "Traceback" not in err and err.strip()


def test_read_only_store(capsys, store_path, monkeypatch):
    if os.geteuid() != 0:
        store_path.chmod(0o400)
        code, _out, err = run(capsys, "refer", *CASE, "--db", str(store_path))
        assert_one_line_refusal(code, err, str(store_path))
    # A read-only disk (root ignores file modes, so SQLite is told to refuse writes, as on a read-only mount).
    store_path.chmod(0o600)
    cap_engine(monkeypatch, "PRAGMA query_only = ON")
    code, _out, err = run(capsys, "refer", *CASE, "--db", str(store_path))
    assert_one_line_refusal(code, err, "read")


def cap_engine(monkeypatch, *pragmas: str) -> None:
    """Every SQLite connection runs `pragmas` first ({pages} is the file's page count): the full way (the ORM's
    engine) and the light way (plain sqlite3) both connect through sqlite3.connect."""
    real_connect = sqlite3.connect

    def capped_connect(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        for pragma in pragmas:
            connection.execute(pragma.format(pages=pages))
        return connection

    monkeypatch.setattr(sqlite3, "connect", capped_connect)


def test_full_disk_while_saving(capsys, store_url, monkeypatch):
    """SQLite's own 'database or disk is full', provoked by capping the file's pages at what it has."""
    cap_engine(monkeypatch, "PRAGMA max_page_count = {pages}")
    code, _out, err = run(capsys, "refer", *CASE, "--db", store_url, "--note", "x" * 4900)
    assert_one_line_refusal(code, err)
    assert "full" in err


def test_unexpected_error_goes_to_the_log(capsys, store_url, monkeypatch):
    from te_navigator.models import referrals as referrals_module

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(referrals_module, "followups", broken)
    code, _out, err = run(capsys, "followups", "--db", store_url)
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    named = err.strip().rsplit(" ", 1)[-1]
    assert named.endswith("errors.log")
    with open(named, encoding="utf-8") as log:
        text = log.read()
    assert "Traceback" in text and "ZeroDivisionError: a bug" in text
    assert named.startswith(os.environ["TE_NAVIGATOR_STATE"])
    assert oct(os.stat(named).st_mode & 0o777) == "0o600"


# --- what came since: the staff id, the config file, costs inputs, the practice store -----------------------


@pytest.mark.parametrize("staff", ["131052-308T", "k131052 308t", "a\x1b[2Jb", "caf\udce9"])
def test_a_staff_id_that_is_an_identity_code_or_broken_text_is_never_stored(capsys, store_url, monkeypatch, staff):
    monkeypatch.setenv("TE_NAVIGATOR_STAFF", staff)
    code, _out, err = run(capsys, "refer", *CASE, "--db", store_url)
    assert_one_line_refusal(code, err, "TE_NAVIGATOR_STAFF")
    with sqlite3.connect(store_url.removeprefix("sqlite:///")) as connection:
        assert connection.execute("SELECT count(*) FROM referral").fetchone() == (0,)


def test_a_staff_id_in_the_config_file_is_checked_too(capsys, store_url, monkeypatch, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('staff_id = "asiakas 131052-308T"\n', encoding="utf-8")
    monkeypatch.setenv("TE_NAVIGATOR_CONFIG", str(config))
    monkeypatch.delenv("TE_NAVIGATOR_STAFF", raising=False)
    code, _out, err = run(capsys, "--lang", "sv", "refer", *CASE, "--db", store_url)
    assert_one_line_refusal(code, err, "staff_id", str(config), "personbeteckning")


def test_a_fifo_or_a_folder_as_the_config_file_neither_hangs_nor_stops_a_command(
    capsys, store_url, monkeypatch, tmp_path
):
    fifo = tmp_path / "config-fifo"
    os.mkfifo(fifo)
    for config in (fifo, tmp_path):
        monkeypatch.setenv("TE_NAVIGATOR_CONFIG", str(config))
        code, out, err = run(capsys, "show", "askola", "--db", store_url)
        assert code == 0 and "Askola" in out, err


@pytest.mark.parametrize("figure", ["1e999999999", "1e-999999999", "1E+400000000"])
def test_a_figure_with_a_huge_exponent_is_refused_at_once(capsys, store_url, tmp_path, figure):
    inputs = tmp_path / "inputs.json"
    criteria = ("working_age", "unemployed", "foreign_language")
    towns = ("askola", "lapinjarvi", "loviisa", "myrskyla", "porvoo", "pukkila")
    figures = {c: dict.fromkeys(towns, 100) for c in criteria}
    figures["unemployed"]["porvoo"] = figure
    inputs.write_text(__import__("json").dumps(figures), encoding="utf-8")
    code, _out, err = run(capsys, "costs", "--total", "1000", "--inputs", str(inputs), "--db", store_url)
    assert_one_line_refusal(code, err, "inputs.json", "unemployed.porvoo", figure)


@pytest.mark.parametrize("paid", ['{"paid": 5}', '{"paid": [[1]]}', '{"paid": null}', '{"askola": {"x": 1}}'])
def test_a_paid_file_of_the_wrong_shape_is_one_line(capsys, store_url, tmp_path, paid):
    path = tmp_path / "paid.json"
    path.write_text(paid, encoding="utf-8")
    code, _out, err = run(
        capsys, "costs", "--total", "1000", "--settle", str(path), "--actual", "1000", "--db", store_url
    )
    assert_one_line_refusal(code, err, "paid.json")


@pytest.mark.parametrize("year", ['"\\u001b[2J"', "99999", "1066", '"2026; DROP"', "true"])
def test_an_inputs_year_outside_1900_2100_is_refused(capsys, store_url, tmp_path, year):
    towns = ("askola", "lapinjarvi", "loviisa", "myrskyla", "porvoo", "pukkila")
    figures = {c: dict.fromkeys(towns, 100) for c in ("working_age", "unemployed", "foreign_language")}
    path = tmp_path / "inputs.json"
    path.write_text(f'{{"year": {year}, ' + __import__("json").dumps(figures)[1:], encoding="utf-8")
    code, _out, err = run(capsys, "costs", "--total", "1000", "--inputs", str(path), "--db", store_url)
    assert_one_line_refusal(code, err, "inputs.json", "year")


def test_followups_limit_out_of_range_names_the_option(capsys, store_url):
    code, _out, err = run(capsys, "followups", "--limit", "99999999999999999999", "--db", store_url)
    assert_one_line_refusal(code, err, "--limit")


def test_a_folder_as_an_answers_or_inputs_file_is_named(capsys, store_url, tmp_path):
    for args in (
        ["assess", "--template", "tier3-jobseeker", "--answers", str(tmp_path)],
        ["costs", "--total", "1000", "--inputs", str(tmp_path)],
    ):
        code, _out, err = run(capsys, *args, "--db", store_url)
        assert_one_line_refusal(code, err, str(tmp_path))


async def test_f2_with_the_store_as_the_config_file_leaves_the_store_and_says_so(store_path, monkeypatch):
    from te_navigator.tui.app import TeNavigatorApp
    from tests.apphelpers import settle

    monkeypatch.setenv("TE_NAVIGATOR_CONFIG", str(store_path))
    before = settled_bytes(store_path)
    app = TeNavigatorApp(f"sqlite:///{store_path}", lang="fi", theme="dark", steady=True, save_settings=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.lang == "sv"
        assert any("left as it is" in str(n.message) or "lämnades" in str(n.message) for n in app._notifications)
    assert settled_bytes(store_path)[:100] == before[:100]
    assert store_path.read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.parametrize("name", ["store.sqlite-wal", "store.sqlite-shm", "store.sqlite-journal", "other.db-wal"])
def test_no_journal_or_wal_file_becomes_a_practice_store(capsys, store_url, store_path, name):
    target = store_path.with_name(name)
    code, _out, err = run(capsys, "practice", "list", "--db", store_url, "--practice-db", str(target))
    assert_one_line_refusal(code, err, str(target))
    assert not target.exists()


def test_the_store_not_yet_made_is_not_taken_as_the_practice_store(capsys, tmp_path):
    store = tmp_path / "new-store.sqlite"
    code, _out, err = run(capsys, "practice", "list", "--db", str(store), "--practice-db", str(store))
    assert_one_line_refusal(code, err, str(store))
    assert not store.exists()


def test_a_practice_store_is_never_made_through_a_link(capsys, store_url, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "practice.sqlite"
    link.symlink_to(tmp_path / "elsewhere" / "made-through-the-link.sqlite")
    code, _out, err = run(capsys, "--lang", "sv", "practice", "list", "--db", store_url, "--practice-db", str(link))
    assert_one_line_refusal(code, err, str(link), "symbolisk länk")
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("url", ["postgresql://trainer:secret@h:notaport/x", "gopher://x/y", "mysql://x/y"])
def test_a_practice_store_address_that_cannot_be_read_is_one_line_without_the_password(capsys, store_url, url):
    code, _out, err = run(capsys, "practice", "results", "--db", store_url, "--practice-db", url)
    assert code == 1 and "Traceback" not in err and "errors.log" not in err, err
    assert "secret" not in err


def test_an_unexpected_error_with_a_fifo_as_the_error_log_is_one_line_not_a_hang(capsys, store_url, monkeypatch):
    from te_navigator.models import referrals as referrals_module

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a bug")

    state = os.environ["TE_NAVIGATOR_STATE"]
    os.makedirs(state, exist_ok=True)
    os.mkfifo(os.path.join(state, "errors.log"))
    monkeypatch.setattr(referrals_module, "followups", broken)
    code, _out, err = run(capsys, "followups", "--db", store_url)
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "ZeroDivisionError" in err


def test_handout_never_overwrites_the_practice_store(capsys, referred, store_path, tmp_path, monkeypatch):
    beside = store_path.with_name("practice.sqlite")  # where it is by default
    chosen = tmp_path / "chosen-practice.sqlite"  # given with --practice-db or TE_NAVIGATOR_PRACTICE_DB
    for practice in (beside, chosen):
        assert run(capsys, "practice", "list", "--db", referred, "--practice-db", str(practice))[0] == 0
    before = {path: path.read_bytes() for path in (beside, chosen)}
    code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(beside), "--force")
    assert_one_line_refusal(code, err, str(beside))
    code, _out, err = run(
        capsys, "--practice-db", str(chosen), "handout", CASE[0], "--db", referred, "--out", str(chosen), "--force"
    )
    assert_one_line_refusal(code, err, str(chosen))
    monkeypatch.setenv("TE_NAVIGATOR_PRACTICE_DB", str(chosen))
    code, _out, err = run(capsys, "handout", CASE[0], "--db", referred, "--out", str(chosen), "--force")
    assert_one_line_refusal(code, err, str(chosen))
    assert {path: path.read_bytes() for path in (beside, chosen)} == before
