// hipcontent projector switch (anywidget front end).
//
// One toggle for the whole course: it sets --hip-scale on the page's root element (course.css sizes
// every course output and widget from it) and data-hip-projector (course.css then also enlarges the
// lesson's prose and code), remembers the choice in localStorage so every lesson opened on this
// browser starts the way the coach left it, and tells the kernel (the `on` trait) so figures drawn
// afterwards use the projector style. It also puts the course stylesheet into the page head once,
// so stored outputs of lessons that were never run (or not trusted: JupyterLab strips their
// <style>) get the course look too.
//
// One source of truth per page: every switch on the page (every open lesson, any number of them)
// registers with one page state. A change goes to that state once; the state sets the page and
// tells each other switch to follow, and a switch that follows finds the state already so and
// tells no one: no event echoes back and forth, so 60 switches cost 60 updates, never a stack of
// nested ones (issue 21 item 8: the old per-switch events overflowed the stack at 45-60 switches).

const KEY = "hipcontent.projector"; // localStorage: "on" or "off"
const STYLE_ID = "hip-course-css";
const PAGE = Symbol.for("hipcontent.projector.page"); // shared by every copy of this module on the page

function pageState() {
  if (!window[PAGE]) window[PAGE] = { on: null, switches: new Set() };
  return window[PAGE];
}

// Make the page `on` (true/false) once; each other switch follows without telling anyone back.
export function setPage(on, scale, from) {
  const state = pageState();
  if (state.on === on) return false; // already so: a follower's echo stops here
  state.on = on;
  applyScale(on, scale);
  remember(on);
  for (const other of [...state.switches]) if (other !== from) other.follow(on);
  return true;
}

function remembered() {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === "on" ? true : value === "off" ? false : null;
  } catch (error) {
    return null; // storage blocked: the switch still works for this page
  }
}

function remember(on) {
  try {
    window.localStorage.setItem(KEY, on ? "on" : "off");
  } catch (error) {
    /* storage blocked */
  }
}

export function ensureStylesheet(css) {
  let style = document.getElementById(STYLE_ID);
  if (!style) {
    style = document.createElement("style");
    style.id = STYLE_ID;
    document.head.appendChild(style);
  }
  if (style.textContent !== css) style.textContent = css;
}

export function applyScale(on, scale) {
  const root = document.documentElement;
  if (on) {
    root.style.setProperty("--hip-scale", String(scale));
    root.setAttribute("data-hip-projector", "");
  } else {
    root.style.removeProperty("--hip-scale");
    root.removeAttribute("data-hip-projector");
  }
}

function render({ model, el }) {
  ensureStylesheet(model.get("css"));

  const root = document.createElement("div");
  root.className = "hip hip-projector";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "hip-button hip-projector-button";
  button.textContent = "Projector mode";
  const status = document.createElement("span");
  status.className = "hip-note hip-projector-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  root.append(button, " ", status);
  el.appendChild(root);

  const show = () => {
    const on = model.get("on");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    status.textContent = on
      ? "On: course text, tables and figures are twice as large; figures drawn from now on use projector sizes."
      : "Off: normal sizes. Press the button before class to make everything readable from the back of the room.";
  };

  // This switch's value changed (its button, the kernel, or following the page): the page follows once.
  const changed = () => {
    setPage(model.get("on"), model.get("scale"), self);
    show();
  };
  const self = {
    follow(on) {
      if (on === model.get("on")) return;
      model.set("on", on); // its change handler finds the page already so and tells no one
      model.save_changes();
    },
  };
  const onStorage = (event) => { // another tab of this browser changed the choice
    const on = event.key === KEY ? remembered() : null;
    if (on !== null) setPage(on, model.get("scale"), null);
  };

  // First show: a choice the kernel asked for explicitly wins and the page follows it; otherwise the
  // page's current state (another switch already shown), else the coach's remembered choice.
  const state = pageState();
  const stored = state.switches.size && state.on !== null ? state.on : remembered();
  if (!model.get("requested") && stored !== null && stored !== model.get("on")) {
    model.set("on", stored);
    model.save_changes();
  }
  state.switches.add(self);
  if (!setPage(model.get("on"), model.get("scale"), self)) applyScale(model.get("on"), model.get("scale"));
  if (model.get("requested")) remember(model.get("on"));
  show();

  button.addEventListener("click", () => {
    model.set("on", !model.get("on"));
    model.save_changes();
  });
  model.on("change:on", changed);
  model.on("change:css", () => ensureStylesheet(model.get("css")));
  window.addEventListener("storage", onStorage);
  return () => {
    model.off("change:on", changed);
    state.switches.delete(self);
    window.removeEventListener("storage", onStorage);
  };
}

export default { render };
