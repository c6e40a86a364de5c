// hipcontent browser timer: the view. The same projector and compact layouts, words and symbols as the
// kernel-side timer. Everything that comes from data (titles, cues, steps) goes in with textContent.

import { formatSeconds, paceAt, pictureIndexes, spokenSeconds } from "./clock_rules.js";
import { Pictures } from "./clock_picture.js";

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const SYMBOLS = { start: "▶", reset: "↺", back: "←", skip: "→", add: "+30", sound: "♪", voice: "❝", fullscreen: "⤢" };

const KEY_HELP = "Keys while the timer has focus: Space pause or resume, right arrow next phase, " +
  "left arrow previous phase, plus adds 30 seconds.";

export class View {
  constructor(el, controller, options = {}) {
    this.controller = controller;
    const data = controller.data;
    this.data = data;
    this.showDetails = options.details !== undefined ? options.details : !!data.details;
    this.lastStatus = null;
    this.lastExercise = null;
    this.lastPicture = null;
    this.exercises = data.exercises || {}; // exercise id -> details: identity is the id
    this.pictures = new Pictures(this.exercises);
    this.shownAt = pictureIndexes(data.phases);

    const root = make("div", `hipcontent-clock hipcontent-clock-${data.size || "projector"}`);
    root.tabIndex = 0;
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", `Timer: ${data.title}. ${KEY_HELP}`);
    const fonts = data.fonts || [];
    ["--hc-title", "--hc-word", "--hc-digits", "--hc-cue"].forEach((name, i) => {
      if (fonts[i]) root.style.setProperty(name, fonts[i]);
    });
    this.root = root;
    root.hipcontentController = controller; // for tests and benchmarks: its clock and cue log

    this.heading = make("div", "hipcontent-clock-title", data.title);
    this.panel = make("div", "hipcontent-clock-panel");
    this.notes = make("div", "hipcontent-clock-notes");
    this.phaseLine = make("div", "hipcontent-clock-phase");
    this.icon = make("span", "hipcontent-clock-icon");
    this.icon.setAttribute("aria-hidden", "true");
    this.word = make("span", "hipcontent-clock-word");
    this.phaseLine.append(this.icon, this.word);
    this.digits = make("div", "hipcontent-clock-digits", "0:00");
    this.digits.setAttribute("role", "timer");
    this.digits.setAttribute("aria-live", "off");
    this.digits.setAttribute("aria-label", "time left in this phase");
    this.repLine = make("div", "hipcontent-clock-reps");
    this.repLine.hidden = true;
    this.cueLine = make("div", "hipcontent-clock-cue");
    this.panel.append(this.notes, this.phaseLine, this.digits, this.repLine, this.cueLine);

    // The stage: the clock panel with the exercise's drawing beside it (the next one's in rests).
    this.stage = make("div", "hipcontent-clock-stage");
    this.figure = make("figure", "hipcontent-clock-picture");
    this.art = make("div", "hipcontent-clock-art");
    this.caption = make("figcaption", "hipcontent-clock-caption");
    this.figure.append(this.art, this.caption);
    this.figure.hidden = true;
    this.stage.append(this.panel, this.figure);
    this.levels = make("div", "hipcontent-clock-levels");
    this.levels.hidden = true;
    this.safety = make("div", "hipcontent-clock-safety", data.pain_rule || "");
    this.safety.hidden = !data.pain_rule;

    this.progress = make("div", "hipcontent-clock-progress");
    this.progress.setAttribute("role", "progressbar");
    this.progress.setAttribute("aria-label", "Phase progress");
    this.progress.setAttribute("aria-valuemin", "0");
    this.progress.setAttribute("aria-valuemax", "100");
    this.bar = make("div", "hipcontent-clock-bar");
    this.progress.append(this.bar);

    this.info = make("div", "hipcontent-clock-info");
    this.status = make("div", "hipcontent-clock-status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.status.setAttribute("aria-atomic", "true");

    const row = make("div", "hipcontent-clock-buttons");
    // Each button: its words, and a symbol that stands in for them on a phone's one-row bar.
    const button = (name, label, tip, action, extra) => {
      const b = make("button", `hipcontent-clock-button hipcontent-clock-${name}`);
      const symbol = make("span", "hipcontent-clock-symbol", SYMBOLS[name] || "");
      symbol.setAttribute("aria-hidden", "true");
      b.append(symbol, make("span", "hipcontent-clock-label", label));
      b.type = "button";
      b.title = tip;
      b.addEventListener("click", (event) => {
        event.stopPropagation();
        action();
      });
      if (extra) extra(b);
      row.append(b);
      return b;
    };
    this.startButton = button("start", "Start", "Start, pause or resume the timer (Space)", () => controller.toggle());
    this.resetButton = button("reset", "Reset", "Stop and go back to the first phase", () => controller.reset());
    this.backButton = button("back", "← Back", "Go to the previous phase (left arrow)", () => controller.back(),
      (b) => b.setAttribute("aria-label", "Back"));
    this.skipButton = button("skip", "Skip →", "Jump to the next phase (right arrow)", () => controller.next(),
      (b) => b.setAttribute("aria-label", "Skip"));
    this.addButton = button("add", "+30 s", "Add 30 seconds to this phase (+ key)", () => controller.addTime(),
      (b) => b.setAttribute("aria-label", "+30 s: add 30 seconds"));
    this.soundButton = button("sound", "Sound", "Turn the beeps on or off (the screen flashes with every cue either way)",
      () => controller.setSound(!controller.sound), (b) => b.setAttribute("aria-label", "Sound"));
    this.voiceButton = button("voice", "Voice", "Turn the spoken cues on or off (tones stand in when the browser has no voice)",
      () => controller.setVoice(!controller.voiceOn), (b) => b.setAttribute("aria-label", "Voice"));
    this.fullButton = button("fullscreen", "Full screen", "Show the timer on the whole screen (Esc leaves)",
      () => this.toggleFullscreen());
    if (!root.requestFullscreen) this.fullButton.hidden = true;
    this.onFullscreen = () => this.drawToggles();
    document.addEventListener("fullscreenchange", this.onFullscreen);

    const keys = make("div", "hipcontent-clock-keys", "Keys: Space pause · → next · ← back · + 30 s");
    keys.setAttribute("aria-hidden", "true"); // the group's label says it in words

    root.append(this.heading, this.stage, this.levels, this.safety, this.progress, this.info, this.status, row, keys);

    if (this.showDetails) {
      this.details = make("section", "hipcontent-clock-details");
      this.details.setAttribute("aria-label", "The exercise: steps and cues");
      root.append(this.details);
    }

    this.onKey = (event) => this.key(event);
    root.addEventListener("keydown", this.onKey);
    el.append(root);
    this.unsubscribe = controller.subscribe(this);
  }

  dispose() {
    this.unsubscribe();
    document.removeEventListener("fullscreenchange", this.onFullscreen);
    this.root.removeEventListener("keydown", this.onKey);
    this.root.remove();
  }

  key(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const onButton = event.target && event.target.closest && event.target.closest("button");
    const c = this.controller;
    switch (event.key) {
      case " ":
      case "Spacebar":
      case "Enter":
        if (onButton) {
          event.stopPropagation(); // the button does its own job; the notebook must not act on it
          return;
        }
        if (event.key !== "Enter") c.toggle(); // Enter on the panel: nothing, and nothing for the notebook
        break;
      case "ArrowRight":
        c.next();
        break;
      case "ArrowLeft":
        c.back();
        break;
      case "+":
      case "=":
      case "Add":
        c.addTime();
        break;
      case "Tab":
      case "Escape":
        return; // leave the timer / leave full screen as usual
      default:
        // Any other key: keep it from the notebook (no cell moved, cut or deleted by a stray key).
        if (event.key && event.key.length === 1) event.stopPropagation();
        return;
    }
    event.preventDefault(); // no scrolling
    event.stopPropagation(); // and no notebook shortcut
  }

  toggleFullscreen() {
    if (document.fullscreenElement) {
      if (document.exitFullscreen) document.exitFullscreen().catch(() => {});
    } else if (this.root.requestFullscreen) {
      const asked = this.root.requestFullscreen();
      if (asked && asked.catch) asked.catch(() => {});
    }
  }

  flash(name) {
    const panel = this.panel;
    panel.classList.remove("hipcontent-clock-flash");
    void panel.offsetWidth; // restart the animation
    panel.classList.add("hipcontent-clock-flash");
    panel.dataset.cue = name;
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => panel.classList.remove("hipcontent-clock-flash"), 400);
  }

  drawToggles() {
    const c = this.controller;
    this.soundButton.setAttribute("aria-pressed", String(c.sound));
    this.soundButton.dataset.on = c.sound ? "on" : "off";
    this.voiceButton.setAttribute("aria-pressed", String(c.voiceOn));
    this.voiceButton.dataset.on = c.voiceOn ? "on" : "off";
    const full = document.fullscreenElement === this.root;
    setLabel(this.fullButton, full ? "Leave full screen" : "Full screen");
  }

  draw(s, phaseChanged) {
    const data = this.data;
    const phase = s.phase;
    const kind = phase ? phase.kind : "done";
    const [word, icon, background, colour] = data.look[kind];
    const sideWord = data.side_word || "leg";
    const side = phase && phase.side ? sideText(phase, sideWord).toUpperCase() : "";
    const headline = side ? `${word} — ${side}` : word;
    const notes = phase ? [phase.exercise !== data.title ? phase.exercise : "", phase.label] : ["Well done"];
    const flag = { ready: "Press Start", paused: "PAUSED" }[s.state] || "";

    this.root.dataset.state = s.state;
    this.root.dataset.kind = kind;
    this.root.dataset.index = String(s.index);
    this.panel.dataset.state = s.state;
    this.panel.dataset.kind = kind;
    this.panel.style.background = background;
    this.panel.style.color = colour;
    setText(this.notes, notes.filter(Boolean).join(" · ") || "\u00a0");
    setText(this.icon, icon);
    setText(this.word, ` ${headline}`);
    setText(this.digits, formatSeconds(phase ? s.phaseRemaining : 0));
    setText(this.cueLine, flag || (phase && phase.cue) || "\u00a0");

    const fraction = phase ? Math.min(1, Math.max(0, 1 - s.phaseRemaining / s.length)) : 1;
    this.bar.style.width = `${(fraction * 100).toFixed(1)}%`;
    this.bar.style.background = background;
    this.progress.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));

    let nextText;
    if (s.next) {
      const upWord = data.look[s.next.kind][0];
      const upSide = s.next.side ? ` — ${sideText(s.next, sideWord).toUpperCase()}` : "";
      const upName = s.next.exercise && s.next.exercise !== (phase && phase.exercise) ? ` (${s.next.exercise})` : "";
      nextText = `Next: ${upWord}${upSide}${upName} ${formatSeconds(s.nextLength)}`;
    } else {
      nextText = phase ? "Next: the end" : "Finished";
    }
    const count = data.phases.length;
    setText(this.info, `${nextText} · Total left ${formatSeconds(s.totalRemaining)} · Phase ${Math.min(s.index + 1, count)} of ${count}`);

    // Screen readers: one polite region, its text changed only when the phase or the state changes.
    let spoken;
    if (!phase) spoken = "Finished. Well done.";
    else {
      const said = phase.side ? sideText(phase, sideWord) : "";
      const sideSpoken = said ? `${said.charAt(0).toUpperCase()}${said.slice(1)}. ` : "";
      const name = phase.exercise && phase.exercise !== data.title ? `${phase.exercise}. ` : "";
      spoken = `${name}${sideSpoken}${word.charAt(0)}${word.slice(1).toLowerCase()}, ${spokenSeconds(s.length)}.`;
      if (s.state === "ready") spoken = `Ready. ${spoken}`;
      if (s.state === "paused") spoken = `Paused. ${spoken}`;
    }
    if (spoken !== this.lastStatus) {
      this.status.textContent = spoken;
      this.lastStatus = spoken;
    }

    const label = { running: "Pause", paused: "Resume", finished: "Start again" }[s.state] || "Start";
    setLabel(this.startButton, label);
    setText(this.startButton.firstChild, { running: "❚❚", finished: "↻" }[s.state] || "▶");
    this.startButton.dataset.state = s.state;
    this.backButton.disabled = false;
    this.skipButton.disabled = !phase;
    this.addButton.disabled = !phase;
    this.drawToggles();
    this.drawReps(s);
    this.drawPicture(s);
    if (this.details) this.drawDetails(s);
  }

  // "Rep 4 of 10 · LOWER" while a paced phase plays.
  drawReps(s) {
    const pace = s.phase ? paceAt(s.phase, s.length - s.phaseRemaining) : null;
    this.repLine.hidden = !pace;
    if (!pace) return;
    const action = pace.action ? ` · ${pace.action.toUpperCase()}` : "";
    setText(this.repLine, `Rep ${pace.rep} of ${pace.reps}${pace.over ? "" : action}`);
    this.repLine.dataset.rep = String(pace.rep);
    this.repLine.dataset.step = String(pace.step);
  }

  // The drawing of the exercise now playing, or of the next one during get-ready and rests; and
  // one line with its easier and harder options.
  drawPicture(s) {
    const at = s.phase ? this.shownAt[s.index] : -1;
    const shown = at >= 0 ? this.data.phases[at] : null;
    const id = shown ? shown.exercise_id : "";
    const upcoming = !!shown && (at !== s.index || s.phase.kind === "prep" || s.phase.kind === "rest");
    const key = `${id}|${upcoming}`;
    if (key === this.lastPicture) return;
    this.lastPicture = key;
    const about = id ? this.exercises[id] : null;
    const drawing = id ? this.pictures.drawing(id) : null;
    this.art.replaceChildren(...(drawing ? [drawing] : []));
    this.figure.hidden = !drawing;
    this.figure.dataset.exercise = drawing ? id : "";
    this.stage.classList.toggle("hipcontent-clock-with-picture", !!drawing);
    const name = (about && about.name) || (shown && shown.exercise) || "";
    setText(this.caption, name ? (upcoming ? `Next: ${name}` : name) : "");
    const easier = about && about.easier && about.easier.length ? `Easier: ${about.easier.join(" or ")}` : "";
    const harder = about && about.harder && about.harder.length ? `Harder: ${about.harder.join(" or ")}` : "";
    const levels = [easier, harder].filter(Boolean).join(" · ");
    this.levels.hidden = !levels || upcoming;
    setText(this.levels, levels);
  }

  drawDetails(s) {
    // Between two exercises, show the one that comes next.
    const at = s.phase ? this.shownAt[s.index] : -1;
    const id = at >= 0 ? this.data.phases[at].exercise_id : "";
    const about = id ? this.exercises[id] : null;
    if (id === this.lastExercise) return;
    this.lastExercise = id;
    const name = about ? about.name || id : "";
    const box = this.details;
    box.replaceChildren();
    if (!name || !about) {
      box.hidden = !(this.data.note);
      if (this.data.note) box.append(make("p", "hipcontent-clock-note", this.data.note));
      return;
    }
    box.hidden = false;
    box.append(make("h2", "hipcontent-clock-exercise", name));
    if (about.summary) box.append(make("p", "hipcontent-clock-summary", about.summary));
    const list = (title, items, tag) => {
      if (!items || !items.length) return;
      box.append(make("h3", "", title));
      const ol = make(tag);
      for (const item of items) ol.append(make("li", "", item));
      box.append(ol);
    };
    list("Steps", about.steps, "ol");
    list("Cues", about.cues, "ul");
  }
}

function sideText(phase, sideWord) {
  return phase.side_label || `${phase.side} ${sideWord}`;
}

function setLabel(button, text) {
  setText(button.lastChild, text);
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
