"""The safety record as notebook output: one box, escaped HTML with a plain-text twin.

    safety_box()              # the class's pain rule and stop signs (what a group hears)
    safety_box("coach")       # + why, the red flags that mean refer, and the screening forms
    safety_box("pregnancy")   # ACOG's stop signs in pregnancy, postpartum signs, the pregnancy form
    safety_box("refer")       # red flags only
    safety_box("screens")     # the real forms, linked

Every word comes from data/safety.yaml (hipcontent.content.safety), so lesson, handout, cards,
timer and player cannot drift apart.
"""

from __future__ import annotations

from hipcontent.content.bibliography import bibliography
from hipcontent.content.safety import Safety, load_safety
from hipcontent.views.display import HTMLBlock, escape, link

KINDS = ("class", "coach", "pregnancy", "refer", "screens")


def _list(title: str, items, lines: list[str]) -> str:
    lines += [title] + [f"- {item}" for item in items]
    body = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f'<p class="hip-subtitle">{escape(title)}</p><ul class="hip-list">{body}</ul>'


def _screens(safety: Safety, lines: list[str], names: tuple[str, ...] | None = None) -> str:
    screens = [s for s in safety.screens if names is None or any(n in s.name for n in names)]
    lines.append("Screen with the real forms (use them whole, not a summary):")
    items = []
    for s in screens:
        lines.append(f"- {s.name}: {s.url} {s.note}")
        items.append(f"<li><strong>{link(s.url, s.name)}</strong>: {escape(s.note)}</li>")
    return ('<p class="hip-subtitle">Screen with the real forms (use them whole, not a summary)</p>'
            f'<ul class="hip-list">{"".join(items)}</ul>')


def _sources(safety: Safety, lines: list[str]) -> str:
    labels = [f"{bibliography()[s].label} [{bibliography()[s].grade}]" for s in safety.sources]
    lines.append("Sources: " + "; ".join(labels))
    return f'<p class="hip-sources">Sources: {escape("; ".join(labels))}</p>'


def safety_box(kind: str = "class", *, safety: Safety | None = None) -> HTMLBlock:
    """The safety record, or one part of it, as a box a lesson shows. `kind` is one of
    "class", "coach", "pregnancy", "refer" or "screens"."""
    if kind not in KINDS:
        raise ValueError(f"safety_box(kind=...) must be one of {', '.join(map(repr, KINDS))}, not {kind!r}")
    safety = load_safety() if safety is None else safety
    lines: list[str] = []
    parts: list[str] = []
    if kind in ("class", "coach"):
        lines.append(f"Pain rule: {safety.pain_rule}")
        parts.append(f'<p class="hip-title">Pain rule: {escape(safety.pain_rule)}</p>')
        parts.append(_list("Stop now and tell the coach if you notice", safety.stop_signs, lines))
    if kind == "coach":
        lines.append(safety.pain_rule_detail)
        parts.append(f"<p>{escape(safety.pain_rule_detail)}</p>")
    if kind in ("coach", "refer"):
        parts.append(_list("Red flags: stop and refer (do not adapt the exercise)", safety.refer, lines))
    if kind == "pregnancy":
        parts.append(_list("In pregnancy, stop and contact the midwife or doctor if you notice",
                           safety.pregnancy_stop_signs, lines))
        if safety.postpartum_signs:
            parts.append(_list("After birth", safety.postpartum_signs, lines))
        parts.append(_screens(safety, lines, ("Pregnancy",)))
    if kind in ("coach", "screens"):
        parts.append(_screens(safety, lines))
    parts.append(_sources(safety, lines))
    label = escape(f"Safety: {kind}")
    html = f'<section class="hip-warning" aria-label="{label}">{"".join(parts)}</section>'
    return HTMLBlock(html, "\n".join(lines))
