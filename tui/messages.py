"""Messages the workers post to the UI thread; widgets change only in their handlers.

A store call made for a screen answers with one message class per outcome (`ChecklistLoaded`, `ReferralRecorded`…),
so each screen handles each outcome in its own `on_…` method; a refused call answers with `StoreRefused`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.message import Message

if TYPE_CHECKING:
    from te_navigator.models.catalogue_view import CatalogueView


class CatalogueReady(Message):
    """The typed catalogue to show: the first paint's snapshot validated first, then the store's (with the search
    index)."""

    def __init__(self, catalogue: CatalogueView, index=None, from_store: bool = False) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.index = index
        self.from_store = from_store


class StoreFailed(Message):
    """The store could not be opened at all."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__()
        self.location = location
        self.reason = reason


class StoreResult(Message):
    """What a store call gave; each subclass is one kind of answer a screen waits for."""

    changes_store: ClassVar[bool] = False  # the call wrote casework: lists kept ready load again (StoreChanged)

    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


class StoreChanged(Message):
    """A store call of this app changed casework (its answer's `changes_store`)."""


class StoreRefused(Message):
    """A store call that was refused or failed: one line for the user and any problems; `failed` is the answer
    it would have given."""

    def __init__(self, failed: type[StoreResult], error: str, details: list[str] | None = None) -> None:
        super().__init__()
        self.failed = failed
        self.error = error
        self.details = details or []


class ChecklistLoaded(StoreResult):
    """A checklist template, the municipalities and any saved assessment to go on with."""


class AssessmentSaved(StoreResult):
    """(assessment id, version) of a saved assessment."""

    changes_store = True


class AssessmentsContextLoaded(StoreResult):
    """The municipalities and checklist templates the assessment list filters by."""


class AssessmentsListed(StoreResult):
    """The saved assessments that match the filters."""


class AssessmentDeleted(StoreResult):
    """An assessment removed with all its versions."""

    changes_store = True


class AssessmentHistoryLoaded(StoreResult):
    """One assessment with every saved version."""


class PathwayLoaded(StoreResult):
    """A pathway with the names it refers to and the case's referrals on it."""


class ReferralRecorded(StoreResult):
    """A referral planned or its status changed."""

    changes_store = True


class HandoutWritten(StoreResult):
    """The path of a written hand-out."""


class FollowupsLoaded(StoreResult):
    """Overdue and due referrals, the cases' targets, and the pathways to name the steps."""


class ChangesLoaded(StoreResult):
    """Every dated change of the catalogue, newest first."""


class CasesLoaded(StoreResult):
    """The saved cases' references and registration dates, for picking a case."""


class AreaLoaded(StoreResult):
    """The municipalities, their figures' periods and the service points, for the area screen."""


class PracticeCasesLoaded(StoreResult):
    pass


class PracticeChoicesLoaded(StoreResult):
    pass


class PracticeSaved(StoreResult):
    pass
