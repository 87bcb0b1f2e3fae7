"""What every screen shares: the language switch, and the app typed as te-navigator's own."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

from te_navigator.tui.guard import Guarded
from te_navigator.tui.messages import StoreRefused
from te_navigator.tui.translate import translate_bindings

if TYPE_CHECKING:
    from te_navigator.tui.app import TeNavigatorApp

ResultType = TypeVar("ResultType")


class SwitchesLanguage:
    """A language switch (F2) calls `apply_language` on every screen on the stack: the keys' labels are translated
    again, the screen's own texts are put again by `show_texts`, and the footer is redrawn."""

    def apply_language(self) -> None:
        assert isinstance(self, Screen)  # mixed only into screens, below
        translate_bindings(self)
        self.show_texts()
        self.refresh_bindings()

    def show_texts(self) -> None:
        """Puts every text the screen shows again, in the current language."""

    def on_store_refused(self, message: StoreRefused) -> None:
        """A store call for this screen was refused: the reason and the first problems, as a notification."""
        self.show_refusal(message)

    def show_refusal(self, message: StoreRefused, after: str = "") -> None:
        assert isinstance(self, Screen)  # mixed only into screens, below
        detail = "\n".join(message.details[:5])
        self.notify("\n".join(part for part in (message.error, detail, after) if part), severity="error", timeout=12)


class AppScreen(Guarded, SwitchesLanguage, Screen[ResultType]):
    if TYPE_CHECKING:

        @property
        def app(self) -> TeNavigatorApp: ...  # type: ignore[override]


class AppModal(Guarded, SwitchesLanguage, ModalScreen[ResultType]):
    if TYPE_CHECKING:

        @property
        def app(self) -> TeNavigatorApp: ...  # type: ignore[override]
