"""Binding descriptions through gettext: translated at mount and again on every language switch.

Textual keeps bindings as frozen objects per node; we keep each binding's English msgid (its class-level
description) and swap in a translated copy, then ask the screen to refresh its footer.
"""

from __future__ import annotations

import dataclasses
from weakref import WeakKeyDictionary, WeakSet

from textual.binding import Binding
from textual.dom import DOMNode

from te_navigator.models.i18n import N_, _


# Each node's bindings as first declared (English), keyed by (key, action); forgotten with the node.
_ENGLISH: WeakKeyDictionary[DOMNode, dict[tuple[str, str], Binding]] = WeakKeyDictionary()


def translate_bindings(node: DOMNode) -> None:
    from textual.screen import Screen

    if isinstance(node, Screen):
        translate_builtin_widgets(node)
        node.call_after_refresh(translate_builtin_widgets, node)  # widgets a recompose brings in later
    originals = _ENGLISH.get(node)
    if originals is None:
        originals = {
            (key, binding.action): binding
            for key, bindings in node._bindings.key_to_bindings.items()
            for binding in bindings
        }
        _ENGLISH[node] = originals
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            _translated(originals.get((key, binding.action), binding)) for binding in bindings
        ]


def _translated(binding: Binding) -> Binding:
    return dataclasses.replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
    )


# Textual's own words that reach our screens; listed so that extraction keeps them in the catalogs.
TEXTUAL_WORDS = (N_("Dismiss menu"), N_("Select"), N_("Show menu"))
SELECT_PROMPT = N_("Choose…")
_OUR_PROMPTS: WeakSet = WeakSet()  # drop-downs whose empty prompt we set, so a language switch sets it again


def translate_builtin_widgets(screen: DOMNode) -> None:
    """The drop-down menus' key label and their empty prompt ("Select") in the current language."""
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    for overlay in screen.query(SelectOverlay):
        translate_bindings(overlay)
        overlay.refresh_bindings()
    for select in screen.query(Select):
        if select.prompt == "Select" or select in _OUR_PROMPTS:
            _OUR_PROMPTS.add(select)
            select.prompt = _(SELECT_PROMPT)
