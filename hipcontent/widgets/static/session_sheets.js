// hipcontent session form with no kernel: the class sheet and the coach's sheet as one printable
// HTML page, with the words of hipcontent.printing.sheets (whose PDFs matplotlib draws in Python).
// Built with textContent in the new window's document; the drawings are the player's own safe
// copies of the exercise pictures (clock_picture.js drawingFrom: parsed as inert XML, copied node
// by node). The safety texts are the course's one record (content.safety), word for word.

import { formatSeconds } from "./session_plan.js";

const SHEETS_CSS = `
body { font: 10.5pt/1.4 system-ui, "DejaVu Sans", sans-serif; color: #000; background: #fff; margin: 1.2em auto;
  max-width: 50em; padding: 0 1em; }
h1 { font-size: 18pt; margin: 0 0 0.2em; } h2 { font-size: 12.5pt; margin: 1em 0 0.3em; }
.grey { color: #333; } .closing { color: #333; font-size: 9pt; margin-top: 1.2em; }
.pain { border: 1.5px solid #8a6d00; background: #fff4d6; border-radius: 4px; padding: 0.4em 0.7em; margin: 0.6em 0; }
.pain strong { display: block; }
.tiles { columns: 2 18em; column-gap: 1.5em; }
.tile { break-inside: avoid; display: flex; gap: 0.6em; align-items: flex-start; margin: 0 0 0.6em; }
.tile svg { width: 6.5em; height: 4.8em; flex: none; }
.tile p { margin: 0 0 0.1em; } .cue { font-style: italic; }
.section { font-weight: 700; color: #00557f; margin: 0.5em 0 0.2em; break-after: avoid; }
.start { display: inline-block; min-width: 3.2em; margin-right: 0.6em; font-variant-numeric: tabular-nums; font-weight: 600; }
.options { color: #333; font-size: 9pt; margin: 0 0 0.2em 3.8em; }
.coach { break-before: page; margin-top: 2em; }
.two { columns: 2 20em; column-gap: 1.5em; }
ul { margin: 0.1em 0 0.5em; padding-left: 1.2em; } li { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } .coach { margin-top: 0; } }`;

function put(doc, parent, tag, text, className) {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  parent.append(node);
  return node;
}

// Python's round(): halves to the even number ("about 30 minutes" for 29.5).
function roundHalfEven(value) {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

// plan.section_rows(): the plan's parts in order, each with its items' indexes.
function sectionRows(plan) {
  const parts = [];
  plan.items.forEach(({ exercise }, index) => {
    const last = parts[parts.length - 1];
    if (last && last[0] === exercise.section) last[1].push(index);
    else parts.push([exercise.section, [index]]);
  });
  return parts;
}

function painBox(doc, parent, rule) {
  const box = put(doc, parent, "div", undefined, "pain");
  put(doc, box, "strong", "Pain rule");
  put(doc, box, "strong", rule);
}

function putList(doc, parent, heading, lines) {
  if (!lines || !lines.length) return;
  put(doc, parent, "h2", heading);
  const ul = put(doc, parent, "ul");
  for (const line of lines) put(doc, ul, "li", line);
}

function participant(doc, main, data, plan, drawingFrom) {
  const safety = data.safety;
  put(doc, main, "h1", data.plan_title);
  put(doc, main, "p", `${plan.items.length} exercises, about ${roundHalfEven(plan.total / 60)} minutes with short `
    + "rests. Work at your own level: the coach shows an easier and a harder option.", "grey");
  painBox(doc, main, safety.pain_rule);
  const tiles = put(doc, main, "div", undefined, "tiles");
  let number = 0;
  for (const [section, indexes] of sectionRows(plan)) {
    put(doc, tiles, "p", section, "section");
    for (const index of indexes) {
      const { exercise, preset } = plan.items[index];
      number += 1;
      const tile = put(doc, tiles, "div", undefined, "tile");
      const drawing = exercise.has_picture ? drawingFrom(exercise.details.picture) : null;
      if (drawing) tile.append(doc.importNode(drawing, true));
      const words = put(doc, tile, "div");
      put(doc, words, "p", `${number}. ${exercise.name}`).style.fontWeight = "700";
      put(doc, words, "p", preset.dose_line);
      if (exercise.details.cues.length) put(doc, words, "p", exercise.details.cues[0], "cue");
    }
  }
  putList(doc, main, "When to stop: stop now and tell the coach if you have", safety.stop_signs);
  put(doc, main, "p", data.sheet_closing, "closing");
}

function coach(doc, main, data, plan) {
  const safety = data.safety;
  const part = put(doc, main, "section", undefined, "coach");
  put(doc, part, "h1", `${data.plan_title} · coach's sheet`);
  const summary = plan.caption.slice(data.plan_title.length + 2);
  put(doc, part, "p", `${summary.slice(0, 1).toUpperCase()}${summary.slice(1)}.`, "grey");
  painBox(doc, part, safety.pain_rule);
  put(doc, part, "h2", "The plan, with start times");
  for (const [section, indexes] of sectionRows(plan)) {
    put(doc, part, "p", section, "section");
    for (const index of indexes) {
      const { exercise, preset } = plan.items[index];
      const line = put(doc, part, "p");
      put(doc, line, "span", plan.rows[index][1], "start");
      line.append(doc.createTextNode(`${exercise.name}: ${preset.dose_line}; lasts ${formatSeconds(preset.seconds)}`));
      if (exercise.options) put(doc, part, "p", exercise.options, "options");
    }
  }
  if (plan.rest) {
    put(doc, part, "p", `Between exercises: ${formatSeconds(plan.rest)} to change position (part of the times above).`)
      .style.fontStyle = "italic";
  }
  const two = put(doc, part, "div", undefined, "two");
  put(doc, two, "h2", "Before the session: the screen");
  for (const [name, note, url] of safety.screens) {
    put(doc, two, "p", name).style.fontWeight = "700";
    put(doc, two, "p", `${note} (${url})`);
  }
  put(doc, two, "p", "At every session, ask who has something new, and how the last session felt the next day.");
  putList(doc, two, "Stop now (participant tells the coach)", safety.stop_signs);
  putList(doc, two, "Stop and refer (red flags: refer, do not adapt)", safety.refer);
  putList(doc, two, "In pregnancy: stop and contact the midwife or doctor", safety.pregnancy_stop_signs);
  put(doc, two, "h2", "The pain rule, and why");
  put(doc, two, "p", safety.pain_rule_detail);
  put(doc, part, "p", data.sheet_closing, "closing");
}

// Both sheets in `doc` (a new window's document): the class sheet, then the coach's on a new page.
export function fillSheets(doc, data, plan, drawingFrom) {
  doc.title = `${data.plan_title}: class sheet and coach's sheet`;
  const style = doc.createElement("style");
  style.textContent = SHEETS_CSS;
  doc.head.append(style);
  const main = put(doc, doc.body, "main");
  participant(doc, main, data, plan, drawingFrom);
  coach(doc, main, data, plan);
  return main;
}
