"""Widgets whose size the stylesheet fixes, so that a change of their content never lays out the whole screen.

Textual lays out the whole screen whenever one widget asks for it. An Input asks on every keystroke (its
scrollable width follows its text) and an OptionList whenever its number of lines changes, although neither's size
depends on its content when the stylesheet fixes it (tui/app.tcss: the service map's search box is one line of its
fixed-width column, the results list the rest of that column). Without the layout only they are redrawn: their
text, and their scrolling, which follows their content as before. A layout that something else asks for (the
terminal resized, a pane shown or hidden) still places them.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Input, OptionList


class FixedSizeInput(Input):
    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False):
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)


class FixedSizeOptionList(OptionList):
    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False):
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)
