"""Timer programs as notebook output: a small table of phases (number, phase, side, seconds,
label, cue), escaped HTML with a plain-text twin."""

from __future__ import annotations

from hipcontent.content.exercises import program_seconds
from hipcontent.views.display import HTMLBlock, escape


def phase_table(phases, caption: str = "Timer program") -> HTMLBlock:
    """A timer program as a small table (number, phase, side, seconds, label, cue) with a text version."""
    rows, lines = [], []
    for i, p in enumerate(phases, 1):
        side = p.side or "-"
        rows.append(
            f"<tr><td>{i}</td><td>{escape(p.kind)}</td><td>{escape(side)}</td>"
            f"<td>{p.seconds:g}</td><td>{escape(p.label)}</td><td>{escape(p.cue)}</td></tr>"
        )
        lines.append(f"{i:>2}  {p.kind:<6}  {side:<5}  {p.seconds:>5g} s  {p.label}")
    total = program_seconds(phases)
    html = (
        f"<table><caption>{escape(caption)} (total {total:g} s)</caption>"
        "<thead><tr><th>#</th><th>Phase</th><th>Side</th><th>Seconds</th><th>Label</th><th>Cue</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    text = f"{caption} (total {total:g} s)\n" + "\n".join(lines)
    return HTMLBlock(html, text)
