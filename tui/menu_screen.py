"""The Screens menu (F4): every screen of the app with its key, from the one list in tui/screens.py."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from te_navigator.models.i18n import N_, _
from te_navigator.tui.base import AppModal
from te_navigator.tui.screens import MENU_KEY, SCREENS, entry


class ScreensMenu(AppModal[str | None]):
    """Enter (or a screen's own key) opens the screen; Esc or F4 closes the menu."""

    BINDINGS = [
        Binding("escape", "close", N_("Back"), id="menu-back"),
        Binding(MENU_KEY, "close", N_("Back"), id="menu-close", show=False),
        *[
            Binding(screen.key, f"choose('{screen.id}')", screen.title, id=f"menu-{screen.id}", show=False)
            for screen in SCREENS
            if len(screen.key) == 1
        ],
    ]

    def __init__(self) -> None:
        super().__init__(id="screens-menu", classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="menu-dialog"):
            yield Label(id="menu-title", classes="dialog-title")
            yield OptionList(id="menu-options")

    def on_mount(self) -> None:
        self.apply_language()
        self.query_one("#menu-options", OptionList).focus()

    def show_texts(self) -> None:
        self.query_one("#menu-title", Label).update(_("Screens") + "  " + _("(Enter or the key opens, Esc closes)"))
        options = self.query_one("#menu-options", OptionList)
        highlighted = options.highlighted
        options.set_options(
            [
                Option(menu_line(screen.key_label(), _(screen.title), _(screen.description)), id=screen.id)
                for screen in SCREENS
            ]
        )
        options.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected, "#menu-options")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option.id or "")

    def action_choose(self, screen_id: str) -> None:
        self.dismiss(None)
        entry(screen_id).open(self.app)

    def action_close(self) -> None:
        self.dismiss(None)


def menu_line(key: str, title: str, description: str) -> Text:
    """One screen on one line: its key, its name, and (cut with … where the menu is narrow) what it is for."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{key:<4}", style="bold")
    line.append(title, style="bold")
    line.append("  " + description, style="dim")
    return line
