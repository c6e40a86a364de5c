// hipcontent hip-angle explorer (anywidget front end).
//
// Native range inputs named by their labels; the kernel redraws the picture and sends the PNG,
// its alt text and the pose in words (this view sends the page's ground colour for the picture).
// Keys pressed on a slider are handled here and kept from JupyterLab (its command-mode shortcuts
// would move to another cell, and the notebook would scroll). The words are one live region, made
// once and updated when the sliders settle.

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
      model.save_changes();
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
  const img = make("img", "hip-explorer-image");
  const words = make("p", "hip-explorer-words");
  words.id = `${key}-words`;
  words.setAttribute("aria-live", "polite");
  words.setAttribute("aria-atomic", "true");
  img.setAttribute("aria-describedby", words.id);
  figure.append(img, words);
  root.append(controls, figure);
  el.append(root);

  function show(name, value) {
    const { spec, input, shown } = inputs.get(name);
    input.value = String(value);
    shown.textContent = `${value}°`;
    input.setAttribute("aria-valuetext", `${value} ${spec.unit}`);
  }

  let url = null;
  function showPicture() {
    const data = model.get("png");
    if (!data || !data.byteLength) return;
    const bytes = new Uint8Array(data.buffer || data);
    const type = bytes[0] === 0xff && bytes[1] === 0xd8 ? "image/jpeg" : "image/png";
    const next = URL.createObjectURL(new Blob([data], { type }));
    img.src = next;
    if (url) URL.revokeObjectURL(url);
    url = next;
  }

  function showAlt() {
    img.alt = model.get("alt");
  }

  let settle = null;
  function showWords() {
    clearTimeout(settle);
    settle = setTimeout(() => {
      words.textContent = model.get("description");
    }, words.textContent ? SETTLE_MS : 0);
  }

  const angleHandlers = specs.map((spec) => {
    const handler = () => show(spec.name, model.get(spec.name));
    model.on(`change:${spec.name}`, handler);
    handler();
    return [spec.name, handler];
  });
  model.on("change:png", showPicture);
  model.on("change:alt", showAlt);
  model.on("change:description", showWords);
  showPicture();
  showAlt();
  showWords();

  // Draw the picture on the page's own ground: now (once the view is on the page) and whenever
  // the JupyterLab theme changes (its style sheet may apply a moment after the attribute).
  const timers = [];
  function sendGround() {
    if (!el.isConnected) return;
    const ground = pageGround(el);
    if (ground !== model.get("ground")) {
      model.set("ground", ground);
      model.save_changes();
    }
  }
  function groundSoon() {
    for (const ms of [0, 150, 600, 2000]) timers.push(setTimeout(sendGround, ms));
  }
  const themeWatch = new MutationObserver(groundSoon);
  themeWatch.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light", "data-jp-theme-name"] });
  groundSoon();

  return () => {
    for (const [name, handler] of angleHandlers) model.off(`change:${name}`, handler);
    model.off("change:png", showPicture);
    model.off("change:alt", showAlt);
    model.off("change:description", showWords);
    clearTimeout(settle);
    for (const t of timers) clearTimeout(t);
    themeWatch.disconnect();
    if (url) URL.revokeObjectURL(url);
  };
}

export default { render };
