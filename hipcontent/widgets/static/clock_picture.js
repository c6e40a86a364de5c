// hipcontent browser timer: an exercise's drawing, from the SVG text in the program, as inline SVG.
//
// The player's Content-Security-Policy blocks <img src="data:..."> and every fetch, and text from data
// never goes in as HTML. So the SVG text is parsed as an inert XML document (DOMParser runs no script)
// and rebuilt node by node with createElementNS, keeping only drawing elements and attributes: no
// script, no event handlers, no <style>, no foreignObject, no link or reference that leaves the drawing.

const SVG_NS = "http://www.w3.org/2000/svg";
const ELEMENTS = new Set([
  "svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "title", "desc", "defs",
  "clipPath", "use", "linearGradient", "radialGradient", "stop",
]);
const ATTRIBUTES = new Set([
  "viewBox", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "width", "height", "points",
  "transform", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-dasharray",
  "stroke-dashoffset", "stroke-miterlimit", "opacity", "fill-opacity", "stroke-opacity", "fill-rule",
  "clip-rule", "clip-path", "id", "role", "aria-label", "aria-hidden", "preserveAspectRatio", "offset",
  "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "style", "vector-effect", "class",
  "href", "clipPathUnits",
]);
const LOCAL_URL = /^url\(\s*#[\w.:-]+\s*\)$/;
const MAX_NODES = 20000;

function safeValue(name, value) {
  const v = value.trim();
  if (/javascript:|expression\(|@\s*import|\\/i.test(v)) return false;
  if (name === "href") return /^#[\w.:-]+$/.test(v); // a reference inside the drawing only
  if (name === "style") return !/url\(/i.test(v.replace(/url\(\s*#[\w.:-]+\s*\)/g, ""));
  return !/url\(/i.test(v) || LOCAL_URL.test(v);
}

function copy(source, budget) {
  const name = source.localName;
  if (source.namespaceURI !== SVG_NS || !ELEMENTS.has(name) || budget.left-- <= 0) return null;
  const node = document.createElementNS(SVG_NS, name);
  for (const attribute of Array.from(source.attributes)) {
    const attr = attribute.localName;
    if (ATTRIBUTES.has(attr) && safeValue(attr, attribute.value)) node.setAttribute(attr, attribute.value);
  }
  if (name === "title" || name === "desc") {
    node.textContent = source.textContent;
    return node;
  }
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType !== 1) continue; // drawings have no text (titles aside)
    const kept = copy(child, budget);
    if (kept) node.append(kept);
  }
  return node;
}

// The drawing as a new <svg> element, or null when the text is not a usable drawing.
export function drawingFrom(text) {
  if (typeof text !== "string" || !text || typeof DOMParser !== "function") return null;
  let parsed;
  try {
    parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  } catch (error) {
    return null;
  }
  const root = parsed.documentElement;
  if (!root || root.localName !== "svg" || parsed.getElementsByTagName("parsererror").length) return null;
  const svg = copy(root, { left: MAX_NODES });
  if (!svg) return null;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("role", "img");
  svg.setAttribute("focusable", "false");
  const title = svg.querySelector("title");
  if (title && title.textContent) svg.setAttribute("aria-label", title.textContent);
  return svg;
}

// One drawing per exercise id, made once and cloned for each showing.
export class Pictures {
  constructor(exercises) {
    this.exercises = exercises || {};
    this.made = new Map();
  }

  drawing(id) {
    if (!this.made.has(id)) {
      const about = this.exercises[id];
      this.made.set(id, about ? drawingFrom(about.picture) : null);
    }
    const svg = this.made.get(id);
    return svg ? svg.cloneNode(true) : null;
  }
}
