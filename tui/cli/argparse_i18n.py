"""argparse's own words (usage:, options:, its error messages) through our catalogs.

argparse looks up its module globals `_` and `ngettext` each time it builds a message, so pointing them at our
gettext makes its help and errors follow --lang. Its msgids are listed here so that extraction keeps them in
our .pot and the completeness test covers them.
"""

from __future__ import annotations

import argparse

from te_navigator.models import i18n
from te_navigator.models.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unexpected option string: %s"),
)


def ngettext_plural(singular: str, plural: str, count: int) -> str:
    return i18n.ngettext(singular, plural, count)


def translate_argparse() -> None:
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = ngettext_plural  # type: ignore[attr-defined]
