// hipcontent projector switch (anywidget front end).
//
// One toggle for the whole course: it sets --hip-scale on the page's root element (course.css sizes
// every course output and widget from it) and data-hip-projector (course.css then also enlarges the
// lesson's prose and code), remembers the choice in localStorage so every lesson opened on this
// browser starts the way the coach left it, and tells the kernel (the `on` trait) so figures drawn
// afterwards use the projector style. It also puts the course stylesheet into the page head once,
// so stored outputs of lessons that were never run (or not trusted: JupyterLab strips their
// <style>) get the course look too.

const KEY = "hipcontent.projector"; // localStorage: "on" or "off"
const STYLE_ID = "hip-course-css";
const EVENT = "hip-projector"; // tells the other switches on the page (other lessons)

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

  const changed = () => {
    const on = model.get("on");
    applyScale(on, model.get("scale"));
    remember(on);
    show();
    window.dispatchEvent(new CustomEvent(EVENT, { detail: { on } }));
  };

  // Another switch on this page (or another tab of this browser) changed: follow it.
  const follow = (on) => {
    if (on !== null && on !== model.get("on")) {
      model.set("on", on);
      model.save_changes();
    }
  };
  const onEvent = (event) => follow(event.detail.on);
  const onStorage = (event) => {
    if (event.key === KEY) follow(remembered());
  };

  // First show: the coach's remembered choice wins, unless the kernel asked for one explicitly.
  const stored = remembered();
  if (!model.get("requested") && stored !== null && stored !== model.get("on")) {
    model.set("on", stored);
    model.save_changes();
  }
  applyScale(model.get("on"), model.get("scale"));
  if (model.get("requested")) remember(model.get("on"));
  show();

  button.addEventListener("click", () => {
    model.set("on", !model.get("on"));
    model.save_changes();
  });
  model.on("change:on", changed);
  model.on("change:css", () => ensureStylesheet(model.get("css")));
  window.addEventListener(EVENT, onEvent);
  window.addEventListener("storage", onStorage);
  return () => {
    model.off("change:on", changed);
    window.removeEventListener(EVENT, onEvent);
    window.removeEventListener("storage", onStorage);
  };
}

export default { render };
