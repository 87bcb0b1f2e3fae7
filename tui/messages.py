"""Messages the workers post to the UI thread; widgets change only in their handlers."""

from __future__ import annotations

from textual.message import Message


class CatalogueReady(Message):
    """Catalogue content to show: from the snapshot cache first, then from the store (with the search index)."""

    def __init__(self, catalogue: dict, index=None, from_store: bool = False) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.index = index
        self.from_store = from_store


class StoreFailed(Message):
    def __init__(self, location: str, reason: str) -> None:
        super().__init__()
        self.location = location
        self.reason = reason


class StoreAnswer(Message):
    """The result of a store call made for a screen: `result`, or `error` (a message for the user)."""

    def __init__(self, request: str, result=None, error: str | None = None, details: list[str] | None = None):
        super().__init__()
        self.request = request
        self.result = result
        self.error = error
        self.details = details or []
