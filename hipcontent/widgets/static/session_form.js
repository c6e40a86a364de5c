// hipcontent session form (anywidget front end): choose exercises, put them in order, pick presets,
// see the plan and its total time, then show the timer, print the handout or save the player.
//
// Native controls only (select, button, number box); every control has an accessible name.
// The browser makes the plan (session_plan.js, from the payload: every exercise's phases at every
// preset), so the table, the total and a refusal follow every change at once, in JupyterLab and
// on the static site alike; the table shown is always the browser's. With a kernel, Python keeps
// `builder.plan` in step (the same plan: tests/browser/test_session_plan_js.py), owns the status
// line and does the buttons (files written in Python). With no kernel (experimental.hipcontentOffline,
// the static site) this view says the status itself and the buttons act in the browser
// (session_offline.js): the timer is the player's own code, the player a download, the handout a
// printable page, the class sheets one printable page of both sheets (session_sheets.js).
// Every refusal is said in the status line (a live region, announced again whenever "said"
// changes); the action buttons never vanish and answer a press with the reason.
// Keys pressed inside the form are kept from JupyterLab (its command-mode shortcuts would move to
// another cell or scroll); Tab, Escape and shortcuts with Ctrl, Alt or Cmd pass as usual.

import { buildPlan, formatSeconds, PLAN_HEADER, tableNode } from "./session_plan.js";
import { downloadPlayer, mountTimer, printHandout, printSheets, stopTimer } from "./session_offline.js";

let forms = 0;

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label, name, className) {
  const b = make("button", `hip-button ${className || ""}`.trim(), label);
  b.type = "button";
  if (name) b.setAttribute("aria-label", name);
  return b;
}

function render({ model, el, experimental }) {
  const offline = Boolean(experimental && experimental.hipcontentOffline === true);
  const key = `hipsf${++forms}`;
  const data = JSON.parse(model.get("payload"));
  const byId = new Map(data.exercises.map((exercise) => [exercise.id, exercise]));

  const root = make("div", "hip hip-session-form");
  root.setAttribute("role", "region");
  const title = make("h3", "hip-session-title", data.title);
  title.id = `${key}-title`;
  root.setAttribute("aria-labelledby", title.id);
  root.append(title, make("p", "hip-session-how", data.how));

  // Start from a ready class (hipcontent.ready_class from the form's library): one drop-down, one button.
  const readyRow = make("div", "hip-session-ready");
  const readyLabel = make("label", "", "Start from a ready class ");
  const readyPick = make("select", "hip-session-ready-pick");
  readyPick.id = `${key}-ready`;
  readyLabel.htmlFor = readyPick.id;
  for (const minutes of data.ready || []) readyPick.append(new Option(`${minutes} minutes`, String(minutes)));
  const readyButton = button("Start from this class", "", "hip-session-ready-button");
  readyButton.title = "Put the ready class's exercises in the list (it replaces the list; the status line says so)";
  if (data.ready_chosen) readyPick.value = String(data.ready_chosen);
  readyRow.append(readyLabel, readyPick, readyButton);
  readyRow.hidden = !(data.ready || []).length;

  // Add an exercise: one drop-down of the library, one button.
  const addRow = make("div", "hip-session-add");
  const pickLabel = make("label", "", "Exercise ");
  const pick = make("select", "hip-session-pick");
  pick.id = `${key}-pick`;
  pickLabel.htmlFor = pick.id;
  for (const exercise of data.exercises) pick.append(new Option(exercise.name, exercise.id));
  const addButton = button("Add to the session", "", "hip-session-add-button");
  addButton.title = "Add the chosen exercise at the end of the session";
  addRow.append(pickLabel, pick, addButton);

  const listTitle = make("h4", "hip-session-list-title", "The session, in order");
  listTitle.id = `${key}-list`;
  const empty = make("p", "hip-session-empty", "No exercises yet: choose one above and press Add to the session.");
  const list = make("ol", "hip-session-list");
  list.setAttribute("aria-labelledby", listTitle.id);

  const restRow = make("div", "hip-session-rest");
  const restLabel = make("label", "", "Rest between exercises (seconds) ");
  const rest = make("input", "hip-session-rest-input");
  rest.type = "number";
  rest.min = "0";
  rest.max = String(data.max_rest);
  rest.step = "5";
  rest.id = `${key}-rest`;
  restLabel.htmlFor = rest.id;
  restRow.append(restLabel, rest);

  const total = make("p", "hip-session-total");
  const plan = make("div", "hip-session-plan");

  const actions = make("div", "hip-session-actions");
  actions.setAttribute("role", "group");
  actions.setAttribute("aria-label", "Use the plan");
  const timerButton = button("Show the timer", "", "hip-session-timer");
  timerButton.title = "Put the whole session below as one timer; then press its Start (or Space)";
  const printButton = button("Print the handout", "", "hip-session-print");
  printButton.title = `Write the handout PDF (plan, timeline, each exercise's card) to ${data.handout}`;
  const sheetsButton = button("Print the class sheets", "", "hip-session-sheets");
  sheetsButton.title = `Write the one-page class sheet and the coach's sheet to ${data.sheets}`;
  const saveButton = button("Save the player", "", "hip-session-save");
  saveButton.title = `Write one HTML file that plays the session in any browser, no Python, to ${data.player}`;
  for (const b of [printButton, sheetsButton, saveButton]) b.title += " (a file already there is kept: the next free name is used)";
  if (offline) { // no kernel: the browser does what it can, and says what it cannot
    timerButton.title = "Play the whole session below with the course's timer; then press its Start (or Space)";
    printButton.title = "Open the plan, each exercise's steps, cues and cautions as a page to print";
    saveButton.title = "Download one HTML file that plays the session in any browser, no internet needed";
    sheetsButton.title = "Open the class sheet and the coach's sheet as one page to print";
  }
  actions.append(timerButton, printButton, sheetsButton, saveButton);

  const status = make("p", "hip-session-status");
  status.setAttribute("role", "status"); // made once, updated in place: screen readers hear each result
  status.setAttribute("aria-live", "polite");
  status.setAttribute("aria-atomic", "true");
  status.id = `${key}-status`;
  const moved = make("p", "hip-session-moved hip-visually-hidden");
  moved.setAttribute("aria-live", "polite");

  root.append(readyRow, addRow, listTitle, empty, list, restRow, total, plan, actions, status, moved);
  const timerBox = make("div", "hip-session-timer-box"); // offline: the player plays here, under the form
  el.append(root, timerBox);

  // --- state ---
  const chosen = () => (model.get("chosen") || []).map((pair) => [pair[0], pair[1]]);
  const commit = (pairs) => {
    model.set("chosen", pairs);
    model.save_changes();
    drawList();
  };
  const nameOf = (id) => (byId.get(id) || { name: id }).name;

  function drawList(focus) {
    const pairs = chosen();
    // Keep the focus on the same control of the same row across a redraw.
    if (!focus && root.contains(document.activeElement) && document.activeElement.dataset.row !== undefined) {
      focus = { row: Number(document.activeElement.dataset.row), action: document.activeElement.dataset.action };
    }
    list.replaceChildren();
    empty.hidden = pairs.length > 0;
    pairs.forEach(([id, preset], index) => {
      const exercise = byId.get(id);
      if (!exercise) return;
      const label = `${exercise.name} (exercise ${index + 1} of ${pairs.length})`;
      const item = make("li", "hip-session-item");
      item.dataset.id = id;
      const number = make("span", "hip-session-number", `${index + 1}.`);
      number.setAttribute("aria-hidden", "true"); // a list item says its place to a screen reader already
      const name = make("span", "hip-session-name", exercise.name);
      const choose = make("select", "hip-session-preset");
      choose.setAttribute("aria-label", `Preset for ${label}`);
      for (const option of exercise.presets) choose.append(new Option(option.option, option.id));
      choose.value = preset;
      choose.dataset.row = String(index);
      choose.dataset.action = "preset";
      choose.addEventListener("change", () => {
        const now = chosen();
        now[index] = [id, choose.value];
        commit(now);
      });
      const up = button("↑ Up", `Move ${label} up`, "hip-session-up");
      const down = button("↓ Down", `Move ${label} down`, "hip-session-down");
      const remove = button("Remove", `Remove ${label}`, "hip-session-remove");
      const step = (by) => {
        const now = chosen();
        const to = index + by;
        if (to < 0 || to >= now.length) return;
        [now[index], now[to]] = [now[to], now[index]];
        model.set("chosen", now);
        model.save_changes();
        drawList({ row: to, action: by < 0 ? "up" : "down" });
        moved.textContent = `${exercise.name} moved to place ${to + 1} of ${now.length}.`;
      };
      up.addEventListener("click", () => step(-1));
      down.addEventListener("click", () => step(1));
      remove.addEventListener("click", () => {
        const now = chosen();
        now.splice(index, 1);
        model.set("chosen", now);
        model.save_changes();
        drawList({ row: Math.min(index, now.length - 1), action: "remove" });
        moved.textContent = `${exercise.name} removed; ${now.length} left.`;
        if (!now.length) pick.focus();
      });
      for (const [control, action, off] of [[up, "up", index === 0], [down, "down", index === pairs.length - 1],
        [remove, "remove", false]]) {
        control.dataset.row = String(index);
        control.dataset.action = action;
        // aria-disabled, not disabled: the button keeps the focus after it has moved its row to an end.
        if (off) control.setAttribute("aria-disabled", "true");
      }
      const controls = make("span", "hip-session-controls");
      controls.append(up, down, remove);
      item.append(number, name, choose, controls);
      list.append(item);
    });
    if (focus && focus.row >= 0) {
      const target = list.querySelector(`[data-row="${focus.row}"][data-action="${focus.action}"]`);
      if (target) target.focus();
    }
  }

  function drawRest() {
    if (document.activeElement !== rest) rest.value = String(model.get("rest"));
  }

  // The plan, made in the browser from the payload on every change (the same plan as the kernel's).
  let current = buildPlan(data, chosen(), model.get("rest"));
  function drawPlan() {
    current = buildPlan(data, chosen(), model.get("rest"));
    if (current.program) {
      plan.replaceChildren(tableNode(document, current.caption, PLAN_HEADER, current.rows));
      total.textContent = current.totalLine;
    } else {
      plan.replaceChildren();
      total.textContent = current.problem ? data.words.no_total : "";
    }
    const ready = Boolean(current.program);
    const busy = model.get("busy");
    total.classList.toggle("hip-session-refused", Boolean(current.problem));
    for (const b of [timerButton, printButton, sheetsButton, saveButton]) {
      // aria-disabled, never hidden: a press still answers, in the status line, why nothing happens.
      if (!ready || busy) {
        b.setAttribute("aria-disabled", "true");
        b.setAttribute("aria-describedby", status.id);
      } else {
        b.removeAttribute("aria-disabled");
        b.removeAttribute("aria-describedby");
      }
    }
  }

  let said = -1;
  function drawStatus() {
    const text = model.get("status");
    status.classList.toggle("hip-session-refused", Boolean(model.get("problem")) || text.startsWith("Could not"));
    if (said === model.get("said") && status.textContent === text) return;
    said = model.get("said");
    if (status.textContent === text && text) {
      // The same words again (the same refusal after another press): cleared first, so they are heard again.
      status.textContent = "";
      window.setTimeout(() => { status.textContent = model.get("status"); }, 50);
    } else {
      status.textContent = text;
    }
  }
  // Drawn once after the changes of one message (status, said, problem set one by one here with no
  // kernel; the kernel sends them together): the same words are announced again only when repeated.
  let statusQueued = false;
  function queueStatus() {
    if (statusQueued) return;
    statusQueued = true;
    queueMicrotask(() => {
      statusQueued = false;
      drawStatus();
    });
  }
  function say(text) { // a message of the browser's own (the kernel's next one replaces it)
    if (offline) { // no kernel: the status line is the browser's, kept in the model as the kernel would
      model.set("problem", current.problem || "");
      model.set("status", text);
      model.set("said", (model.get("said") || 0) + 1);
      return;
    }
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  // --- events ---
  addButton.addEventListener("click", () => {
    const exercise = byId.get(pick.value);
    if (!exercise) return;
    const now = chosen();
    now.push([exercise.id, exercise.default]);
    commit(now);
    moved.textContent = `${exercise.name} added as exercise ${now.length}.`;
  });
  let acceptedRest = model.get("rest"); // offline: the last rest accepted (a bad one typed is reverted)
  rest.addEventListener("change", () => {
    const value = Number(rest.value);
    const seconds = rest.value.trim() !== "" && Number.isFinite(value) ? Math.round(value) : -1;
    if (offline && !(seconds >= 0 && seconds <= data.max_rest)) { // SessionBuilder._on_rest's words
      rest.value = String(acceptedRest);
      say(`The rest must be from 0 to ${data.max_rest} seconds; kept ${acceptedRest} s.`);
      return;
    }
    if (offline) acceptedRest = seconds;
    model.set("rest", seconds);
    model.save_changes();
  });
  const act = (action, extra) => () => {
    if (model.get("busy")) {
      say("Still working on the last button: wait for its message here, then press again.");
      return;
    }
    if (offline) offlineAct(action, extra ? extra() : undefined);
    else model.send({ action, ...(extra ? extra() : {}) }); // with no plan, the kernel says why in the status line
  };
  timerButton.addEventListener("click", act("timer"));
  printButton.addEventListener("click", act("print"));
  sheetsButton.addEventListener("click", act("sheets"));
  readyButton.addEventListener("click", act("ready", () => ({ minutes: Number(readyPick.value) })));
  saveButton.addEventListener("click", act("save"));

  // --- with no kernel: what SessionBuilder does, done in the browser, in the same words ---
  let player = null; // the player mounted under the form
  let playing = ""; // the program it plays (JSON), to say when the list has changed since
  function offlineUpdate() { // SessionBuilder._update
    const words = [];
    if (!chosen().length) words.push(data.words.start);
    else if (current.problem) words.push(`No plan for these choices: ${current.problem}.`);
    if (player && (!current.program || JSON.stringify(current.program) !== playing)) {
      words.push("The timer below still plays the earlier plan: press Show the timer for this one.");
    }
    if (words.length || model.get("status")) say(words.join(" "));
  }
  function startFrom(minutes) { // SessionBuilder.start_from
    const ready = data.ready_classes[String(minutes)];
    if (!ready || ready.error) {
      say(`Could not do that: ${ready ? ready.error : `there is no ${minutes}-minute class`}`);
      return;
    }
    const replaced = chosen().length;
    acceptedRest = ready.rest;
    model.set("rest", ready.rest);
    model.set("chosen", ready.items.map((pair) => [...pair]));
    const kept = replaced ? ` (it replaced the ${replaced} exercise${replaced !== 1 ? "s" : ""} you had)` : "";
    const length = current.program ? formatSeconds(current.total) : "";
    say(`Started from ${ready.title}${kept}: ${ready.items.length} exercises, ${length}. `
      + "Change anything, then time, print or save it.");
  }
  async function offlineAct(action, extra) {
    if (action === "ready") return startFrom(extra.minutes);
    if (!current.program) {
      say(current.problem ? `Could not do that: these choices make no plan: ${current.problem}`
        : "Could not do that: no exercises chosen: add at least one exercise to the session first");
      return;
    }
    const length = formatSeconds(current.total);
    try {
      if (action === "timer") {
        stopTimer(player);
        player = await mountTimer(data, current, timerBox);
        playing = JSON.stringify(current.program);
        say(`Timer ready below (${length}): press its Start button, or Space while it has the focus.`);
        const clock = timerBox.querySelector(".hipcontent-clock");
        if (clock) clock.focus();
      } else if (action === "print") {
        if (printHandout(data, current)) {
          say("The handout is open in a new window with the print dialog: choose a printer, or Save as PDF.");
        } else {
          say("Could not do that: the browser blocked the handout's new window; allow pop-ups for this page and press again.");
        }
      } else if (action === "sheets") {
        if (await printSheets(data, current)) {
          say("The class sheet and the coach's sheet are open in a new window with the print dialog "
            + "(the coach's sheet starts on a new page): choose a printer, or Save as PDF.");
        } else {
          say("Could not do that: the browser blocked the sheets' new window; allow pop-ups for this page and press again.");
        }
      } else if (action === "save") {
        const name = downloadPlayer(data, current);
        const phases = current.program.length;
        say(`Player saved as a download: ${name} (${phases} phase${phases !== 1 ? "s" : ""}, ${length}; `
          + "opens in any web browser, no internet needed). Your browser's downloads list shows where it went.");
      }
    } catch (error) {
      say(`Could not do that (${error && error.name}): ${error && error.message}`);
    }
  }

  root.addEventListener("keydown", (event) => {
    if (event.key === "Tab" || event.key === "Escape" || event.ctrlKey || event.metaKey || event.altKey) return;
    event.stopPropagation(); // no notebook shortcut from a key pressed in the form
    const tag = event.target && event.target.tagName;
    const scrolls = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "PageUp", "PageDown", "Home", "End"];
    if (tag === "BUTTON" && scrolls.includes(event.key)) event.preventDefault(); // no scrolling either
  });

  // The timer the kernel has just put below the form takes the focus, so Space starts it.
  let shown = model.get("timer_shown");
  const onTimer = () => {
    if (model.get("timer_shown") === shown) return;
    shown = model.get("timer_shown");
    const started = performance.now();
    const look = () => {
      const box = root.closest(".hipcontent-session-builder");
      const timer = box && box.querySelector(".hipcontent-clock");
      if (timer && timer.dataset.state === "ready") timer.focus();
      else if (performance.now() - started < 5000) setTimeout(look, 100);
    };
    look();
  };

  const changed = () => {
    drawPlan();
    if (offline) offlineUpdate();
  };
  const handlers = [
    ["change:chosen", () => { drawList(); changed(); }],
    ["change:rest", () => { drawRest(); changed(); }],
    ["change:busy", drawPlan],
    ["change:status change:said change:problem", queueStatus],
    ["change:timer_shown", onTimer],
  ];
  // One name per on/off call: the static site's host (like the anywidget docs) knows no "a b" lists.
  for (const [events, handler] of handlers) for (const name of events.split(" ")) model.on(name, handler);
  drawList();
  drawRest();
  drawPlan();
  drawStatus();
  return () => {
    for (const [events, handler] of handlers) for (const name of events.split(" ")) model.off(name, handler);
    stopTimer(player);
    root.remove();
    timerBox.remove();
  };
}

export default { render };
