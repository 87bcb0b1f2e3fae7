"""Where a fact comes from, readable in either language.

The plan's section names and the laws' citations exist only in Finnish: shown as they are, but in Swedish they
are labelled as Finnish. The team's reference files (changes-since-plan.md …) are named in words.
"""

from __future__ import annotations

import re

from te_navigator.models.i18n import N_, gettext_for

REFERENCE_FILES = {
    "changes-since-plan": N_("facts checked since the plan"),
    "glossary-fi-sv": N_("the Finnish–Swedish glossary"),
    "domain-vocabulary": N_("the vocabulary of the field"),
}
_REFERENCE_FILE = re.compile(r"\b(" + "|".join(map(re.escape, REFERENCE_FILES)) + r")(\.md)?\b")


def source_text(source: str | None, lang: str) -> str:
    """The source with the reference files named in `lang`; in Swedish marked as Finnish text."""
    _ = gettext_for(lang)
    if not source:
        return "–"
    text = _REFERENCE_FILE.sub(lambda found: _(REFERENCE_FILES[found.group(1)]), source)
    if lang != "fi":
        text = _("{source} (in Finnish)").format(source=text)
    return text


def source_label(lang: str) -> str:
    return gettext_for(lang)("Source in the plan")
