"""Anatomy facts as notebook output: cards and tables, each an HTMLBlock (escaped HTML plus a
plain-text twin). The facts themselves come from hipcontent.content.anatomy.

    fact_card("iliacus")          one muscle, topic by topic, with sources
    comparison_table()            the three muscles side by side
    key_relations()               the neighbours a coach should know
    where_sources_disagree()      each disagreement with every position and its sources
    popular_claims_corrected()    what the popular summary gets wrong
    anatomy_references()          the full citation of every source used
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from hipcontent.content.anatomy import (
    MUSCLES,
    TOPICS,
    AnatomyFacts,
    check_muscle,
    facts,
)
from hipcontent.content.bibliography import GRADES as _GRADES
from hipcontent.views.display import HTMLBlock, escape, link, table_html

_TEXT_WIDTH = 88


# --------------------------------------------------------------------------- rendering helpers


def _labels(source_ids: Iterable[str], data: AnatomyFacts) -> list[str]:
    return [data.sources[source_id].label for source_id in source_ids]


def _sources_html(source_ids: Iterable[str], data: AnatomyFacts) -> str:
    labels = "; ".join(escape(label) for label in _labels(source_ids, data))
    return f'<span class="hip-sources">[{labels}]</span>'


def _sources_text(source_ids: Iterable[str], data: AnatomyFacts) -> str:
    return f"[{'; '.join(_labels(source_ids, data))}]"


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), width=_TEXT_WIDTH, initial_indent=indent, subsequent_indent=indent)


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


# --------------------------------------------------------------------------- notebook-facing views


def fact_card(muscle: str, data: AnatomyFacts | None = None) -> HTMLBlock:
    """One muscle, topic by topic, each fact with its sources (and a caution where evidence is weak)."""
    data = data or facts()
    entry = data.muscles[check_muscle(muscle)]
    crosses = (
        f"Crosses the hip: {_yes_no(entry.crosses_hip)}. "
        f"Crosses the lumbar spine: {_yes_no(entry.crosses_lumbar_spine)}."
    )
    rows, lines = [("Crosses", escape(crosses))], [f"{entry.name}: fact card", crosses]
    for topic, title in TOPICS.items():
        fact = entry.fact(topic)
        if fact is None:
            continue
        caution_html = (
            f'<br><strong>Caution:</strong> {escape(fact.caution)}' if fact.caution else ""
        )
        rows.append((escape(title), f"{escape(fact.text)} {_sources_html(fact.sources, data)}{caution_html}"))
        lines.append(f"{title}:")
        lines.append(_wrap(f"{fact.text} {_sources_text(fact.sources, data)}"))
        if fact.caution:
            lines.append(_wrap(f"Caution: {fact.caution}"))
    markup = table_html(f"{entry.name}: fact card", ("Topic", "What the sources say"), rows,
                        row_headers=True, markup=True, css_class="hip-card hip-fact-card")
    return HTMLBlock(markup, "\n".join(lines))


def comparison_table(data: AnatomyFacts | None = None) -> HTMLBlock:
    """The three muscles side by side, one row per topic, in the short wording."""
    data = data or facts()
    muscles = [data.muscles[key] for key in MUSCLES]
    rows = [
        ("Crosses the hip", [_yes_no(m.crosses_hip) for m in muscles]),
        ("Crosses the lumbar spine", [_yes_no(m.crosses_lumbar_spine) for m in muscles]),
    ]
    for topic, title in TOPICS.items():
        if topic == "shape":
            continue
        rows.append((title, [(m.fact(topic).short if m.fact(topic) else "(no entry)") for m in muscles]))
    markup = table_html(
        "Psoas major, psoas minor and iliacus compared (sources on each fact card)",
        ("", *(m.name for m in muscles)), [(title, *cells) for title, cells in rows],
        numeric=(), row_headers=True, css_class="hip-comparison",
    )
    lines = ["Psoas major, psoas minor and iliacus compared (sources on each fact card)"]
    for title, cells in rows:
        lines.append(f"{title}:")
        lines.extend(f"  {m.name}: {cell}" for m, cell in zip(muscles, cells, strict=True))
    return HTMLBlock(markup, "\n".join(lines))


def key_relations(data: AnatomyFacts | None = None) -> HTMLBlock:
    """The neighbours a coach should know: plexus, femoral nerve, muscular lacuna, bursa."""
    data = data or facts()
    items_html, lines = [], ["Key relations of the iliopsoas"]
    for relation in data.relations:
        items_html.append(
            f"<li><strong>{escape(relation.title)}.</strong> {escape(relation.text)} "
            f"{_sources_html(relation.sources, data)}</li>"
        )
        lines.append(f"- {relation.title}.")
        lines.append(_wrap(f"{relation.text} {_sources_text(relation.sources, data)}"))
    markup = ('<div class="hip-relations"><p class="hip-subtitle">Key relations of the iliopsoas</p><ul class="hip-list">'
              + "".join(items_html) + "</ul></div>")
    return HTMLBlock(markup, "\n".join(lines))


def where_sources_disagree(muscle: str | None = None, data: AnatomyFacts | None = None) -> HTMLBlock:
    """Every disagreement (or those about one muscle): each position with its sources, then how to teach it."""
    data = data or facts()
    if muscle is not None:
        check_muscle(muscle)
    chosen = [d for d in data.disagreements if muscle is None or muscle in d.muscles]
    title = "Where sources disagree" + (f": {data.muscles[muscle].name}" if muscle else "")
    blocks, lines = [], [title]
    for number, disagreement in enumerate(chosen, start=1):
        positions_html = "".join(
            f"<li>{escape(position.claim)} {_sources_html(position.sources, data)}</li>"
            for position in disagreement.positions
        )
        blocks.append(
            f"<p><strong>{number}. {escape(disagreement.question)}</strong></p><ul class=\"hip-list\">{positions_html}</ul>"
            f"<p><em>How to teach it:</em> {escape(disagreement.teaching)}</p>"
        )
        lines.append(f"{number}. {disagreement.question}")
        for position in disagreement.positions:
            lines.append(_wrap(f"- {position.claim} {_sources_text(position.sources, data)}", indent="   "))
        lines.append(_wrap(f"How to teach it: {disagreement.teaching}", indent="   "))
    markup = f'<div class="hip-disagreements"><p class="hip-title">{escape(title)}</p>{"".join(blocks)}</div>'
    return HTMLBlock(markup, "\n".join(lines))


def popular_claims_corrected(data: AnatomyFacts | None = None) -> HTMLBlock:
    """What the popular summary says, next to what the sources say."""
    data = data or facts()
    rows = [(escape(c.popular), f"{escape(c.correction)} {_sources_html(c.sources, data)}") for c in data.corrections]
    markup = table_html("Popular claims, corrected", ("Popular claim", "What the sources say"), rows,
                        markup=True, css_class="hip-corrections")
    lines = ["Popular claims, corrected"]
    for correction in data.corrections:
        lines.append(f'- Popular claim: "{correction.popular}"')
        lines.append(_wrap(f"Sources say: {correction.correction} {_sources_text(correction.sources, data)}", indent="    "))
    return HTMLBlock(markup, "\n".join(lines))


def anatomy_references(data: AnatomyFacts | None = None) -> HTMLBlock:
    """Full citation of every source the anatomy facts use, in order of first use."""
    data = data or facts()
    items_html, lines = [], ["References for the anatomy facts"]
    for source_id in data.cited_source_ids():
        source = data.sources[source_id]
        extra = f" Grade {source.grade}: {_GRADES[source.grade]}."
        if not source.checked:
            extra += " Not checked against the original."
        if source.note:
            extra += f" {source.note}"
        link_html = f" {link(source.url)}" if source.url else ""
        items_html.append(f"<li><strong>{escape(source.label)}</strong>: {escape(source.citation)}{link_html}{escape(extra)}</li>")
        lines.append(_wrap(f"- {source.label}: {source.citation}{' ' + source.url if source.url else ''}{extra}", indent=""))
    markup = ('<div class="hip-references"><p class="hip-subtitle">References for the anatomy facts</p><ul class="hip-list">'
              + "".join(items_html) + "</ul></div>")
    return HTMLBlock(markup, "\n".join(lines))
