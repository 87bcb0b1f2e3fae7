"""A pathway drawn as text: steps as boxes in layers, alternatives side by side, arrows between layers.

Plain Rich text (no Textual), so the command line can print the same drawing the navigator shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from te_navigator.models.formatting import clip, wrap_lines

if TYPE_CHECKING:
    from te_navigator.models.entities import Pathway, PathwayStep

GAP = 2
MAX_BOX = 30
MIN_BOX = 14
STATUS_MARKS = {"planned": "○", "referred": "→", "started": "●", "done": "✓", "cancelled": "✗"}


def layers(pathway: Pathway) -> list[list[str]]:
    """Steps grouped by their distance from the start along forward edges (loops back are not followed)."""
    steps = {step.id: step for step in pathway.steps}
    order: list[str] = []
    on_path: set[str] = set()
    back_edges: set[tuple[str, str]] = set()

    def visit(step_id: str) -> None:
        on_path.add(step_id)
        for target in steps[step_id].next:
            if target in on_path:
                back_edges.add((step_id, target))
            elif target not in order and target in steps:
                visit(target)
        on_path.discard(step_id)
        order.insert(0, step_id)

    if pathway.start in steps:
        visit(pathway.start)
    order += [step_id for step_id in steps if step_id not in order]
    depth = dict.fromkeys(order, 0)
    for step_id in order:
        for target in steps[step_id].next:
            if (step_id, target) not in back_edges and target in depth:
                depth[target] = max(depth[target], depth[step_id] + 1)
    grouped: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for step_id in sorted(order, key=lambda s: (depth[s], order.index(s))):
        grouped[depth[step_id]].append(step_id)
    return grouped


def draw_pathway(
    pathway: Pathway,
    lang: str,
    width: int = 80,
    current: str | None = None,
    statuses: dict[str, str] | None = None,
    status_labels: dict[str, str] | None = None,
) -> Text:
    steps = {step.id: step for step in pathway.steps}
    grouped = layers(pathway)
    layer_of = {step_id: index for index, layer in enumerate(grouped) for step_id in layer}
    statuses = statuses or {}
    status_labels = status_labels or {}
    output = Text()
    centres: list[dict[str, int]] = []
    for index, layer in enumerate(grouped):
        box_width = max(MIN_BOX, min(MAX_BOX, (width - GAP * (len(layer) - 1)) // len(layer)))
        total = box_width * len(layer) + GAP * (len(layer) - 1)
        left = max(0, (width - total) // 2)
        boxes = []
        for step_id in layer:
            step = steps[step_id]
            lines = wrap_lines(step.name.text(lang), box_width - 4, max_lines=3)
            status = statuses.get(step_id)
            if status:
                lines.append(clip(f"{STATUS_MARKS[status]} {status_labels.get(status, status)}", box_width - 4))
            if step.exit:
                lines.append("◆")
            for target in step.next:
                if layer_of.get(target, index + 1) != index + 1 and target in steps:
                    arrow = "↺" if layer_of[target] <= index else "↓"
                    lines.append(clip(f"{arrow} {steps[target].name.text(lang)}", box_width - 4))
            boxes.append((step_id, lines))
        height = max(len(lines) for _id, lines in boxes)
        positions = {}
        rows = [Text(" " * left) for _ in range(height + 2)]
        for number, (step_id, lines) in enumerate(boxes):
            if number:
                for row in rows:
                    row.append(" " * GAP)
            positions[step_id] = len(rows[0].plain) + box_width // 2
            style = "bold reverse" if step_id == current else ("dim" if statuses.get(step_id) == "cancelled" else "")
            heavy = step_id == current
            top, side, bottom = ("┏━┓", "┃", "┗━┛") if heavy else ("╭─╮", "│", "╰─╯")
            rows[0].append(top[0] + top[1] * (box_width - 2) + top[2], style=style)
            for line_number in range(height):
                text = lines[line_number] if line_number < len(lines) else ""
                rows[line_number + 1].append(f"{side} {text.ljust(box_width - 4)} {side}", style=style)
            rows[-1].append(bottom[0] + bottom[1] * (box_width - 2) + bottom[2], style=style)
        centres.append(positions)
        if index:
            output.append_text(_connector(grouped[index - 1], layer, centres[index - 1], positions, steps))
        for row in rows:
            output.append_text(row)
            output.append("\n")
    return output


def _connector(
    sources: list[str],
    targets: list[str],
    source_at: dict[str, int],
    target_at: dict[str, int],
    steps: dict[str, PathwayStep],
) -> Text:
    """Three rows of arrows from a layer's boxes to the next layer's boxes they lead to."""
    edges = [(s, t) for s in sources for t in steps[s].next if t in target_at]
    if not edges:
        return Text("\n")
    from_x = sorted({source_at[s] for s, _t in edges})
    to_x = sorted({target_at[t] for _s, t in edges})
    width = max(from_x + to_x) + 1
    down = [" "] * width
    for x in from_x:
        down[x] = "│"
    rule = [" "] * width
    low, high = min(from_x + to_x), max(from_x + to_x)
    for x in range(low, high + 1):
        rule[x] = "─"
    for x in range(low, high + 1):
        up, below = x in from_x, x in to_x
        if up and below:
            rule[x] = "│" if low == high else "┼"
        elif up:
            rule[x] = "┴"
        elif below:
            rule[x] = "┬"
    if low == high:
        rule[low] = "│"
    else:
        rule[low] = {"┴": "└", "┬": "┌", "┼": "├"}.get(rule[low], rule[low])
        rule[high] = {"┴": "┘", "┬": "┐", "┼": "┤"}.get(rule[high], rule[high])
    arrows = [" "] * width
    for x in to_x:
        arrows[x] = "▼"
    if low == high:  # one straight arrow needs no rule
        return Text("".join(down) + "\n" + "".join(arrows) + "\n", style="bold")
    return Text("".join(down) + "\n" + "".join(rule) + "\n" + "".join(arrows) + "\n", style="bold")
