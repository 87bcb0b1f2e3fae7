"""F1 help, from a Markdown file in the current language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from te_navigator.models.changes import fact_lines
from te_navigator.models.i18n import N_, _, current_language, gettext_for
from te_navigator.tui.base import AppModal

if TYPE_CHECKING:
    from te_navigator.models.entities import DatedFact

HELP_DIR = Path(__file__).parent


def help_text(lang: str, facts: list[DatedFact] | None = None) -> str:
    """The help file of the language, and the dated facts of the law from the catalogue after it."""
    text = (HELP_DIR / f"help_{lang}.md").read_text(encoding="utf-8")
    if not facts:
        return text
    _ = gettext_for(lang)
    lines = ["", "## " + _("Changes in the law"), ""]
    lines += [f"- **{heading}** – {body}" for heading, body in fact_lines(facts, lang)]
    return text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


class HelpScreen(AppModal[None]):
    BINDINGS = [
        Binding("escape", "close", N_("Back"), id="back"),
        Binding("i", "tour", N_("First-day tour"), id="help-tour"),
    ]

    def __init__(self) -> None:
        super().__init__(id="help", classes="card-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Markdown(id="help-text")

    def on_mount(self) -> None:
        self.apply_language()
        self.query_one("#help-scroll").focus()

    def show_texts(self) -> None:
        catalogue = self.app.catalogue
        facts = sorted(catalogue.dated_facts if catalogue else [], key=lambda fact: fact.valid_from)
        self.query_one("#help-text", Markdown).update(help_text(current_language(), facts))
        self.query_one("#help-scroll").border_title = _("Help")
        self.query_one("#help-scroll").border_subtitle = _("i: first-day tour · Esc: back")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_tour(self) -> None:
        self.dismiss(None)
        self.app.start_tour()
