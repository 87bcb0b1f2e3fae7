"""Binding descriptions through gettext: translated at mount and again on every language switch.

Textual keeps bindings as frozen objects per node; we keep each binding's English msgid (its class-level
description) and swap in a translated copy, then ask the screen to refresh its footer.
"""

from __future__ import annotations

import dataclasses
from weakref import WeakKeyDictionary

from textual.binding import Binding
from textual.dom import DOMNode

from te_navigator.models.i18n import _


# Each node's bindings as first declared (English), keyed by (key, action); forgotten with the node.
_ENGLISH: WeakKeyDictionary[DOMNode, dict[tuple[str, str], Binding]] = WeakKeyDictionary()


def translate_bindings(node: DOMNode) -> None:
    originals = _ENGLISH.get(node)
    if originals is None:
        originals = {(key, binding.action): binding
                     for key, bindings in node._bindings.key_to_bindings.items() for binding in bindings}
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
