// hipcontent hip-angle explorer (anywidget front end; the same file in JupyterLab and on the
// static site, where there is no kernel).
//
// Native range inputs named by their labels. The browser draws the picture itself on a <canvas>
// (explorer_look.js, explorer_draw.js) from the model's payload (explorer_model.js does the path
// maths), once per animation frame however many input events arrive, and writes the words (the
// same sentence as the kernel's describe()) into one polite live region once the sliders settle. The angles are
// still sent to the kernel when there is one, and a change made there (explorer.set) moves the
// sliders here. Keys pressed on a slider are handled here and kept from JupyterLab (its
// command-mode shortcuts would move to another cell, and the notebook would scroll).

import { describe, shortAlt } from "./explorer_model.js";
import { Picture } from "./explorer_draw.js";

let views = 0;
const SETTLE_MS = 600; // announce the pose this long after the last change, not on every step

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const STEPS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 3, PageDown: -3 };
const RGB = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?/;

// The page's ground behind `node` as #rrggbb: the first ancestor with an opaque background
// (JupyterLab's notebook panel: white in the light theme, #111111 in the dark one).
function pageGround(node) {
  for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
    const m = RGB.exec(getComputedStyle(n).backgroundColor || "");
    if (!m) continue;
    const alpha = m[4] === undefined ? 1 : m[4].endsWith("%") ? parseFloat(m[4]) / 100 : Number(m[4]);
    if (alpha < 0.5) continue;
    return "#" + [m[1], m[2], m[3]].map((v) => Math.round(Number(v)).toString(16).padStart(2, "0")).join("");
  }
  return "#ffffff";
}

function parseRgb(hex) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex || "");
  if (m) return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
  const c = RGB.exec(hex || "");
  return c ? [Number(c[1]), Number(c[2]), Number(c[3])] : null;
}

function render({ model, el }) {
  const key = `hipx${++views}`;
  const specs = JSON.parse(model.get("sliders"));
  const root = make("div", "hip hip-explorer"); // "hip": the course stylesheet's root
  const controls = make("div", "hip-explorer-controls");
  const inputs = new Map();
  for (const spec of specs) {
    const row = make("div", "hip-explorer-row");
    const input = make("input");
    input.type = "range";
    input.id = `${key}-${spec.name}`;
    input.min = String(spec.min);
    input.max = String(spec.max);
    input.step = String(spec.step);
    const label = make("label", "hip-explorer-label", spec.label);
    label.htmlFor = input.id;
    const shown = make("output", "hip-explorer-value");
    shown.htmlFor = input.id;
    shown.setAttribute("aria-hidden", "true"); // the slider says its own value (aria-valuetext)
    row.append(label, input, shown);
    controls.append(row);
    inputs.set(spec.name, { spec, input, shown });

    const send = () => {
      show(spec.name, Number(input.value));
      model.set(spec.name, Number(input.value));
      model.save_changes(); // to the kernel, when there is one
    };
    input.addEventListener("input", send);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Tab" || event.key === "Escape" || event.ctrlKey || event.metaKey || event.altKey) return;
      event.stopPropagation(); // keep the notebook's shortcuts out
      let value = Number(input.value);
      const step = Number(spec.step);
      if (event.key in STEPS) value += STEPS[event.key] * step;
      else if (event.key === "Home") value = spec.min;
      else if (event.key === "End") value = spec.max;
      else return;
      event.preventDefault(); // no scrolling, no second move by the browser
      value = Math.min(spec.max, Math.max(spec.min, value));
      if (value === Number(input.value)) return;
      input.value = String(value);
      send();
    });
  }

  const figure = make("figure", "hip-explorer-figure");
  const canvas = make("canvas", "hip-explorer-canvas");
  canvas.setAttribute("role", "img");
  const words = make("p", "hip-explorer-words");
  words.id = `${key}-words`;
  words.setAttribute("aria-live", "polite");
  words.setAttribute("aria-atomic", "true");
  canvas.setAttribute("aria-describedby", words.id);
  figure.append(canvas, words);
  root.append(controls, figure);
  el.append(root);

  let payload = null;
  try {
    payload = JSON.parse(model.get("payload") || "null");
  } catch (error) {
    payload = null;
  }
  if (!payload || payload.version !== 1 || !payload.style) {
    // Saved by an older explorer (a picture from the kernel, no model data): say so, draw nothing.
    canvas.remove();
    words.textContent = "This explorer was saved by an older version of the course and has no model data: run its cell again.";
    return () => {};
  }
  const picture = new Picture(canvas, payload);
  const angles = {};
  for (const spec of specs) angles[spec.name] = Number(model.get(spec.name));

  function show(name, value) {
    const { spec, input, shown } = inputs.get(name);
    input.value = String(value);
    shown.textContent = `${value}°`;
    input.setAttribute("aria-valuetext", `${value} ${spec.unit}`);
    if (angles[name] !== value) {
      angles[name] = value;
      changed();
    }
  }

  // One drawing per animation frame, whatever the number of input events before it.
  let frame = 0;
  function drawSoon() {
    if (!frame) frame = requestAnimationFrame(drawNow);
  }
  function drawNow() {
    frame = 0;
    if (!el.isConnected || !look()) return;
    picture.draw(angles.flexion, angles.adduction, angles.rotation);
    canvas.dataset.pose = `${angles.flexion},${angles.adduction},${angles.rotation}`;
  }

  // The picture's size and colours from the page: the explorer's width, its text size (the
  // projector switch scales it), the page's ground and text colours (JupyterLab's theme, the site).
  function look() {
    const style = getComputedStyle(root);
    const font = Math.max(12, parseFloat(style.fontSize) || 14);
    const most = font / 14 * 1100;
    let width = Math.floor(Math.min(root.clientWidth || figure.clientWidth || 0, most));
    if (width < 200) width = Math.max(width, 280);
    const ground = parseRgb(pageGround(el)), text = parseRgb(style.color) || [0, 0, 0];
    picture.setLook(width, font, style.fontFamily || "sans-serif", ground, text);
    // Fit the visible height (sliders and words need room too): a narrower picture is shorter.
    const room = window.innerHeight - font * 12;
    if (picture.box.height > room && room > 200 && picture.box.width >= 44 * font) {
      const fit = Math.max(44 * font, Math.floor(width * room / picture.box.height));
      picture.setLook(Math.min(width, fit), font, style.fontFamily || "sans-serif", ground, text);
    }
    return true;
  }

  let settle = null;
  function changed() {
    canvas.setAttribute("aria-label", shortAlt(angles.flexion, angles.adduction, angles.rotation));
    drawSoon();
    clearTimeout(settle);
    settle = setTimeout(() => {
      words.textContent = describe(payload, payload.style, angles.flexion, angles.adduction, angles.rotation);
    }, words.textContent ? SETTLE_MS : 0);
  }

  const angleHandlers = specs.map((spec) => {
    const handler = () => show(spec.name, Number(model.get(spec.name)));
    model.on(`change:${spec.name}`, handler);
    handler();
    return [spec.name, handler];
  });
  changed();

  // Redraw when the size or the theme changes (JupyterLab's style sheet may apply a moment after
  // its theme attribute changes; the projector switch changes the text size).
  const timers = [];
  function restyleSoon() {
    for (const ms of [0, 150, 600, 2000]) timers.push(setTimeout(drawSoon, ms));
  }
  const themeWatch = new MutationObserver(restyleSoon);
  for (const node of [document.body, document.documentElement]) {
    themeWatch.observe(node, { attributes: true, attributeFilter: ["data-jp-theme-light", "data-jp-theme-name", "data-hip-projector", "style", "class"] });
  }
  const resizeWatch = typeof ResizeObserver === "function" ? new ResizeObserver(drawSoon) : null;
  if (resizeWatch) resizeWatch.observe(root);
  window.addEventListener("resize", drawSoon);
  const dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  if (dark && dark.addEventListener) dark.addEventListener("change", restyleSoon);
  restyleSoon();

  return () => {
    for (const [name, handler] of angleHandlers) model.off(`change:${name}`, handler);
    clearTimeout(settle);
    for (const t of timers) clearTimeout(t);
    if (frame) cancelAnimationFrame(frame);
    themeWatch.disconnect();
    if (resizeWatch) resizeWatch.disconnect();
    window.removeEventListener("resize", drawSoon);
    if (dark && dark.removeEventListener) dark.removeEventListener("change", restyleSoon);
  };
}

export default { render };
