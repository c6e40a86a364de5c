// hipcontent session form with no kernel (the static site): what its buttons do in the browser.
//
// - Show the timer: the player's own code (clock.js mountPlayer, from the payload's player script,
//   imported once from a blob: URL) plays the payload session_plan.js assembles (= plan.timer()).
// - Save the player: the page printing.player writes, as a download (the browser picks a free name).
// - Print the handout: a printable HTML page (the plan's table, each exercise's dose, steps, cues
//   and cautions, the pain rule), built with textContent in a new window, then print().
// - Print the class sheets: both sheets as one printable page (session_sheets.js), then print().
// Text from data goes into pages with textContent, or escaped in the downloaded page.

import { formatSeconds, playerPage, tableNode, PLAN_HEADER, timerPayload } from "./session_plan.js";
import { fillSheets } from "./session_sheets.js";

let clockModule = null;
let clockStyled = false;

function loadClock(data) {
  if (!clockModule) {
    const url = URL.createObjectURL(new Blob([data.player_page.script], { type: "text/javascript" }));
    clockModule = import(url);
  }
  if (!clockStyled) { // the clock's stylesheet, once per page
    clockStyled = true;
    const style = document.createElement("style");
    style.dataset.hipcontent = "session-clock";
    style.textContent = data.player_page.style;
    document.head.append(style);
  }
  return clockModule;
}

// Mount the player for `plan` in `box` (emptied first); returns {controller, view} of mountPlayer.
export async function mountTimer(data, plan, box) {
  const { mountPlayer } = await loadClock(data);
  box.replaceChildren();
  return mountPlayer(box, timerPayload(data, plan));
}

export function stopTimer(player) {
  if (!player) return;
  try {
    if (player.view && player.view.dispose) player.view.dispose();
    if (player.controller && player.controller.dispose) player.controller.dispose();
  } catch (error) {
    /* already gone */
  }
}

// Offer the player page as a download; returns the file name offered.
export function downloadPlayer(data, plan, doc = document) {
  const text = playerPage(data, plan);
  const name = (data.player || "session-player.html").split("/").pop();
  const url = URL.createObjectURL(new Blob([text], { type: "text/html" }));
  const link = doc.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}

const HANDOUT_CSS = `
body { font: 11pt/1.45 system-ui, "DejaVu Sans", sans-serif; color: #000; background: #fff; margin: 1.5em auto;
  max-width: 46em; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0 0 0.2em; } h2 { font-size: 14pt; margin: 1.2em 0 0.3em; }
h3 { font-size: 11.5pt; margin: 0.7em 0 0.2em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
th, td { border-bottom: 1px solid #888; padding: 0.25em 0.5em; }
thead th { border-bottom: 2px solid #000; }
.hip-num { white-space: nowrap; }
section { break-inside: avoid; } .note { font-style: italic; }
.label { font-weight: 700; margin: 0.6em 0 0.1em; } ol, ul { margin-top: 0.1em; }
.pain-rule { border-left: 4px solid #b45309; padding-left: 0.6em; font-weight: 600; margin-top: 1.5em; }
@media print { body { margin: 0; max-width: none; } }`;

function add(doc, parent, tag, text) {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text;
  parent.append(node);
  return node;
}

// The handout's body, built in `doc` (a new window's document) with textContent only.
export function fillHandout(doc, data, plan) {
  doc.title = `${data.plan_title}: handout`;
  const style = doc.createElement("style");
  style.textContent = HANDOUT_CSS;
  doc.head.append(style);
  const main = add(doc, doc.body, "main");
  add(doc, main, "h1", data.plan_title);
  add(doc, main, "p", `${plan.totalLine}.`);
  main.append(tableNode(doc, plan.caption, PLAN_HEADER, plan.rows));
  if (plan.rest) add(doc, main, "p", `Rest ${formatSeconds(plan.rest)} between exercises.`);
  add(doc, main, "h2", "The exercises");
  const seen = new Set();
  plan.items.forEach(({ exercise, preset }, index) => {
    const key = `${exercise.id}\u0000${preset.id}`;
    if (seen.has(key)) return; // each exercise at each preset once, as the PDF's cards
    seen.add(key);
    const part = add(doc, main, "section");
    add(doc, part, "h3", `${index + 1}. ${exercise.name} (${exercise.section})`);
    add(doc, part, "p", `${preset.label}: ${preset.dose}`);
    if (exercise.details.summary) add(doc, part, "p", exercise.details.summary);
    const lists = [["Steps", "ol", exercise.details.steps], ["Cues", "ul", exercise.details.cues],
      ["Stop or change", "ul", exercise.cautions.map(([word, text]) => `${word}: ${text}`)]];
    for (const [title, tag, lines] of lists) {
      if (!lines.length) continue;
      add(doc, part, "p", title).className = "label";
      const list = add(doc, part, tag);
      for (const line of lines) add(doc, list, "li", line);
    }
  });
  if (data.pain_rule) add(doc, main, "p", data.pain_rule).className = "pain-rule";
  add(doc, main, "p", data.closing_note).className = "note";
  return main;
}

// A new window to print from, or null when the browser blocked it.
function printWindow() {
  const win = window.open("", "_blank");
  if (!win) return null;
  const doc = win.document;
  doc.documentElement.lang = "en";
  const meta = doc.createElement("meta");
  meta.setAttribute("charset", "utf-8");
  doc.head.append(meta);
  return win;
}

// Open the printable handout in a new window and print it; false when the browser blocked the window.
export function printHandout(data, plan) {
  const win = printWindow();
  if (!win) return false;
  fillHandout(win.document, data, plan);
  win.setTimeout(() => win.print(), 200);
  return true;
}

// Open the class sheet and the coach's sheet in a new window and print them; false when blocked.
export async function printSheets(data, plan) {
  const win = printWindow(); // opened at the press, before anything is awaited (pop-up rules)
  if (!win) return false;
  const { drawingFrom } = await loadClock(data); // the player's safe copy of a drawing
  fillSheets(win.document, data, plan, drawingFrom);
  win.setTimeout(() => win.print(), 200);
  return true;
}
