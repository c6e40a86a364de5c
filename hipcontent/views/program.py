"""Timer programs as notebook output: a small table of phases (number, phase, side, seconds,
label, cue), escaped HTML with a plain-text twin."""

from __future__ import annotations

from hipcontent.content.exercises import program_seconds
from hipcontent.views.display import HTMLBlock, table_html


def phase_table(phases, caption: str = "Timer program") -> HTMLBlock:
    """A timer program as a small table (number, phase, side, seconds, label, cue) with a text version."""
    rows, lines = [], []
    for i, p in enumerate(phases, 1):
        side = p.side or "-"
        rows.append((str(i), p.kind, side, f"{p.seconds:g}", p.label, p.cue))
        lines.append(f"{i:>2}  {p.kind:<6}  {side:<5}  {p.seconds:>5g} s  {p.label}")
    total = program_seconds(phases)
    html = table_html(f"{caption} (total {total:g} s)", ("#", "Phase", "Side", "Seconds", "Label", "Cue"), rows,
                      numeric=(0, 3))
    text = f"{caption} (total {total:g} s)\n" + "\n".join(lines)
    return HTMLBlock(html, text)
