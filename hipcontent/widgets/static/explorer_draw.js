// hipcontent hip-angle explorer: the picture on a <canvas>, drawn in the browser from the payload
// (hipcontent/model/browser.py + hipcontent.figures.function.explorer_style) and the model's maths
// (explorer_model.js). What the old matplotlib figure showed: the right hip from the side on the
// real bones (pelvis drawn once per size and theme; the femur turned, shaded and sorted back to
// front on every frame), the two model paths, the psoas lever bar, and the length and moment-arm
// curves over the flexion sweep with the current angle marked. Sizes in CSS pixels, drawn at the
// device pixel ratio.

import { curves, lever, matrix, pose } from "./explorer_model.js";

// ---- colours: read from the page, adjusted for contrast ----

function parseColour(text) {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(text || "");
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{6})$/i.exec(text || "");
  if (h) return [0, 2, 4].map((i) => parseInt(h[1].slice(i, i + 2), 16));
  return null;
}

const css = (rgb) => `rgb(${rgb.map((v) => Math.round(v)).join(",")})`;
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t); // t = 0: a, 1: b

function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// The colour moved towards the text colour just enough to reach `ratio` against the ground.
function readable(rgb, ground, text, ratio) {
  for (let t = 0; t <= 1.0001; t += 0.05) {
    const c = mix(rgb, text, t);
    if (contrast(c, ground) >= ratio) return c;
  }
  return text;
}

// The palette for one page: `ground` and `text` come from the page (CSS), the rest from the style.
export function palette(style, ground, text) {
  const muscles = {};
  for (const [name, s] of Object.entries(style.muscles)) {
    const rgb = parseColour(s.color);
    muscles[name] = { line: css(readable(rgb, ground, text, 3)), text: css(readable(rgb, ground, text, 4.5)) };
  }
  return {
    ground: css(ground), text: css(text), dark: luminance(ground) < 0.2,
    soft: css(mix(text, ground, 0.3)), grid: css(mix(text, ground, 0.82)), shade: css(mix(text, ground, 0.88)),
    rule: css(mix(text, ground, 0.5)), muscles, bone: parseColour(style.bone),
    lever: { positive: style.lever.positive.color, negative: style.lever.negative.color },
  };
}

// ---- layout ----

// The key's entries: the two model paths, then the lever bar's two signs.
function keyEntries(style) {
  const entries = Object.entries(style.muscles).map(([name, s]) => ({ name, text: `${s.label} ${style.path_label}` }));
  for (const sign of ["positive", "negative"]) entries.push({ sign, text: style.lever[sign].label });
  return entries;
}

// The key's entries placed left to right, a new row when the next would not fit in `width`; an
// entry too long for a row of its own (a phone) is broken at a space onto two rows.
function flowKey(entries, width, font, measure) {
  const places = [];
  let x = 0, row = 0;
  for (const entry of entries) {
    let lines = [entry.text];
    if (font * 3.3 + measure(entry.text) > width) {
      const words = entry.text.split(" ");
      let cut = words.length - 1;
      while (cut > 1 && font * 3.3 + measure(words.slice(0, cut).join(" ")) > width) cut--;
      lines = [words.slice(0, cut).join(" "), words.slice(cut).join(" ")];
    }
    const w = font * 2.8 + Math.max(...lines.map(measure)) + font * 1.5;
    if (x > 0 && (x + w > width || lines.length > 1)) { x = 0; row++; }
    places.push({ x, row, lines });
    x += w;
    if (lines.length > 1) { x = 0; row += lines.length; }
  }
  return { places, rows: x > 0 ? row + 1 : row };
}

// Rectangles (CSS px) for a canvas `width` wide at text size `font` (`measure`: a key text's width):
// wide screens put the side view on the left and the two curve panels on the right, the key under
// both; narrow ones stack the side view, the key and the panels.
export function layout(width, font, style, measure) {
  const [x0, x1] = style.side_xlim, [y0, y1] = style.side_ylim;
  const aspect = (y1 - y0) / (x1 - x0);
  const title = Math.round(font * 2);
  const keyRow = Math.round(font * 1.6);
  const pad = Math.round(font * 0.6);
  const left = Math.round(font * 4.6); // y tick labels and the y label
  const bottom = Math.round(font * 3.2); // x tick labels and the x label
  const right = Math.round(font * 1.4); // half the last x tick label
  const keyFlow = flowKey(keyEntries(style), width - font, font, measure);
  if (width >= 44 * font) {
    const sideW = Math.round(width * 0.42);
    const sideH = Math.round(sideW * aspect);
    const key = { x: 0, y: title + sideH + pad, w: width, h: keyRow * keyFlow.rows, flow: keyFlow, row: keyRow };
    const plotX = sideW + pad * 2 + left, plotW = width - plotX - right;
    const panelH = Math.round((sideH - bottom - pad) / 2);
    return {
      width, height: key.y + key.h + pad, title: { x: 0, y: 0, h: title }, side: { x: 0, y: title, w: sideW, h: sideH },
      key, length: { x: plotX, y: title, w: plotW, h: panelH }, arm: { x: plotX, y: title + panelH + pad, w: plotW, h: panelH },
    };
  }
  const sideW = Math.min(width, Math.round(font * 30)), sideH = Math.round(sideW * aspect);
  const key = { x: 0, y: title + sideH + pad, w: width, h: keyRow * keyFlow.rows, flow: keyFlow, row: keyRow };
  const plotX = left, plotW = width - left - right;
  const panelH = Math.round(Math.max(font * 11, plotW * 0.5));
  const lengthY = key.y + key.h + pad * 2;
  const armY = lengthY + panelH + pad;
  return {
    width, height: armY + panelH + bottom, title: { x: 0, y: 0, h: title },
    side: { x: Math.round((width - sideW) / 2), y: title, w: sideW, h: sideH }, key,
    length: { x: plotX, y: lengthY, w: plotW, h: panelH }, arm: { x: plotX, y: armY, w: plotW, h: panelH },
  };
}

// ---- the side view ----

function sideMap(rect, style) {
  const [x0, x1] = style.side_xlim, [y0, y1] = style.side_ylim;
  const scale = Math.min(rect.w / (x1 - x0), rect.h / (y1 - y0));
  const ox = rect.x + (rect.w - (x1 - x0) * scale) / 2, oy = rect.y + (rect.h - (y1 - y0) * scale) / 2;
  return { scale, x: (x) => ox + (x - x0) * scale, y: (y) => oy + (y1 - y) * scale };
}

// Shaded triangles back to front (figures/meshes.py: ambient + (1 - ambient)·|n_z|, painter's
// order). `closed`: the mesh is closed and wound outwards (the femur: tests check), so the faces
// turned away from the viewer are hidden behind the others and are left out, half the work.
function drawMesh(ctx, vertices, faces, map, bone, ambient, closed) {
  const count = faces.length / 3;
  const depth = new Float64Array(count), light = new Float64Array(count), order = [];
  for (let f = 0; f < count; f++) {
    const a = 3 * faces[3 * f], b = 3 * faces[3 * f + 1], c = 3 * faces[3 * f + 2];
    const ux = vertices[b] - vertices[a], uy = vertices[b + 1] - vertices[a + 1], uz = vertices[b + 2] - vertices[a + 2];
    const vx = vertices[c] - vertices[a], vy = vertices[c + 1] - vertices[a + 1], vz = vertices[c + 2] - vertices[a + 2];
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    if (closed && nz <= 0) continue;
    const norm = Math.hypot(nx, ny, nz);
    light[f] = ambient + (1 - ambient) * (norm > 0 ? Math.abs(nz) / norm : 0);
    depth[f] = vertices[a + 2] + vertices[b + 2] + vertices[c + 2];
    order.push(f);
  }
  order.sort((a, b) => depth[a] - depth[b] || a - b);
  const path = (f) => {
    const a = 3 * faces[3 * f], b = 3 * faces[3 * f + 1], c = 3 * faces[3 * f + 2];
    ctx.moveTo(map.x(vertices[a]), map.y(vertices[a + 1]));
    ctx.lineTo(map.x(vertices[b]), map.y(vertices[b + 1]));
    ctx.lineTo(map.x(vertices[c]), map.y(vertices[c + 1]));
    ctx.closePath();
  };
  // An underlay of every triangle in one fill, in a middle shade: the thin seams that antialiasing
  // leaves between neighbouring triangles show bone, not the page (cheaper than stroking each edge).
  ctx.fillStyle = css(bone.map((v) => v * (ambient + 1) / 2));
  ctx.beginPath();
  for (const f of order) path(f);
  ctx.fill();
  const shades = new Map();
  for (const f of order) {
    const level = Math.round(light[f] * 64);
    let colour = shades.get(level);
    if (!colour) {
      colour = css(bone.map((v) => Math.min(255, v * level / 64)));
      shades.set(level, colour);
    }
    ctx.fillStyle = colour;
    ctx.beginPath();
    path(f);
    ctx.fill();
  }
}

function marker(ctx, kind, x, y, size, fill, stroke, width) {
  ctx.beginPath();
  if (kind === "square") ctx.rect(x - size, y - size, 2 * size, 2 * size);
  else ctx.arc(x, y, size, 0, 2 * Math.PI);
  if (fill) { ctx.fillStyle = fill; ctx.fill(); }
  if (stroke) { ctx.strokeStyle = stroke; ctx.lineWidth = width; ctx.stroke(); }
}

function line(ctx, points, colour, width, dashes) {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.setLineDash(dashes.map((d) => d * width));
  ctx.lineCap = "round";
  ctx.beginPath();
  points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.stroke();
  ctx.setLineDash([]);
}

// ---- the curve panels ----

function ticks(low, high, count) {
  const raw = (high - low) / count, power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

// Text (a string, or lines) on a light box of the ground colour, centred on y, kept inside `rect`.
function boxedText(ctx, text, x, y, p, font, rect) {
  const lines = Array.isArray(text) ? text : [text];
  const step = font * 1.15;
  const w = Math.max(...lines.map((t) => ctx.measureText(t).width));
  const align = ctx.textAlign;
  let left = align === "center" ? x - w / 2 : align === "right" ? x - w : x;
  const shift = Math.min(0, rect.x + rect.w - 4 - (left + w)) + Math.max(0, rect.x + 4 - left);
  left += shift;
  x += shift;
  const top = y - step * lines.length / 2;
  ctx.fillStyle = p.ground;
  ctx.globalAlpha = 0.8;
  ctx.fillRect(left - 3, top - 1, w + 6, step * lines.length + 2);
  ctx.globalAlpha = 1;
  ctx.fillStyle = p.soft;
  lines.forEach((t, i) => ctx.fillText(t, x, top + step * (i + 0.5)));
}

// A panel's data-to-pixel maps: flexion across, `limits` (mm) with room above and below.
function scales(rect, limits, view) {
  const [fx0, fx1] = view.payload.sweep_deg;
  const [y0, y1] = limits;
  const lo = y0 - 0.08 * (y1 - y0), hi = y1 + 0.12 * (y1 - y0);
  return {
    lo, hi, X: (f) => rect.x + (f - fx0) / (fx1 - fx0) * rect.w, Y: (v) => rect.y + (hi - v) / (hi - lo) * rect.h,
    width: Math.max(1.5, view.font / 7),
  };
}

// What a panel shows at every flexion (drawn once per adduction/rotation, into the background).
function panel(ctx, rect, key, data, limits, view) {
  const { payload, style, p, font } = view;
  const [fx0, fx1] = payload.sweep_deg;
  const { lo, hi, X, Y, width } = scales(rect, limits, view);
  const small = `${Math.round(font * 0.9)}px ${view.family}`;
  // the unreliable range, shaded
  const trusted = style.trusted_flexion_deg;
  ctx.fillStyle = p.shade;
  ctx.fillRect(X(trusted), rect.y, X(fx1) - X(trusted), rect.h);
  // grid
  ctx.strokeStyle = p.grid;
  ctx.lineWidth = 1;
  ctx.font = small;
  ctx.fillStyle = p.text;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of ticks(lo, hi, 6)) {
    ctx.beginPath(); ctx.moveTo(rect.x, Y(v)); ctx.lineTo(rect.x + rect.w, Y(v)); ctx.stroke();
    ctx.fillText(String(v), rect.x - font * 0.4, Y(v));
  }
  const xticks = ticks(fx0, fx1, 8);
  for (const f of xticks) { ctx.beginPath(); ctx.moveTo(X(f), rect.y); ctx.lineTo(X(f), rect.y + rect.h); ctx.stroke(); }
  if (key === "arm") {
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const f of xticks) ctx.fillText(String(f), X(f), rect.y + rect.h + font * 0.3);
    ctx.fillText(style.words.flexion, rect.x + rect.w / 2, rect.y + rect.h + font * 1.6);
    ctx.strokeStyle = p.text;
    ctx.beginPath(); ctx.moveTo(rect.x, Y(0)); ctx.lineTo(rect.x + rect.w, Y(0)); ctx.stroke();
  }
  // the via-point switch
  const sw = X(payload.via_point_switch_deg);
  ctx.strokeStyle = p.rule;
  ctx.setLineDash([2, 3]);
  ctx.beginPath(); ctx.moveTo(sw, rect.y); ctx.lineTo(sw, rect.y + rect.h); ctx.stroke();
  ctx.setLineDash([]);
  // the y label, turned
  ctx.save();
  ctx.font = small;
  const label = style.words[key]; // lines: on one line when it fits along the panel
  const lines = ctx.measureText(label.join(" ")).width <= rect.h - 4 ? [label.join(" ")] : label;
  ctx.translate(rect.x - font * (lines.length > 1 ? 4.0 : 3.6), rect.y + rect.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillStyle = p.text;
  lines.forEach((text, i) => ctx.fillText(text, 0, i * font));
  ctx.restore();
  // curves and their names
  ctx.save();
  ctx.beginPath(); ctx.rect(rect.x, rect.y, rect.w, rect.h); ctx.clip();
  for (const [name, s] of Object.entries(style.muscles)) {
    const values = data[name][key];
    ctx.strokeStyle = p.muscles[name].line;
    ctx.lineWidth = width;
    ctx.setLineDash(s.dashes.map((d) => d * width));
    ctx.beginPath();
    let pen = false;
    data.flexion.forEach((f, i) => {
      const v = values[i];
      if (v === null) { pen = false; return; }
      if (pen) ctx.lineTo(X(f), Y(v)); else ctx.moveTo(X(f), Y(v));
      pen = true;
    });
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.font = `bold ${small}`;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  const at = data.flexion.indexOf(style.label_at_deg);
  for (const [name, s] of Object.entries(style.muscles)) {
    const y = Y(data[name][key][at]) + (name === "psoas" ? -font * 0.9 : font * 0.9);
    ctx.fillStyle = p.muscles[name].text;
    ctx.fillText(s.label, X(style.label_at_deg) + 4, y);
  }
  ctx.font = small;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  boxedText(ctx, style.words.unreliable, (X(trusted) + X(fx1)) / 2, rect.y + font * 1.5, p, font, rect);
  ctx.textAlign = "left";
  boxedText(ctx, style.words.switch, sw + 4, rect.y + rect.h - font * 1.5, p, font, rect);
  if (key === "arm") boxedText(ctx, style.words.sign, X(fx0) + 6, Y(0), p, font, rect);
  ctx.restore();
  ctx.strokeStyle = p.rule;
  ctx.lineWidth = 1;
  ctx.strokeRect(rect.x, rect.y, rect.w, rect.h);
}

// The current angle on a panel: a cursor and a hollow marker on each curve (every frame).
function cursor(ctx, rect, key, pose, limits, view) {
  const { payload, style, p, font } = view;
  const [fx0, fx1] = payload.sweep_deg;
  const { X, Y, width } = scales(rect, limits, view);
  ctx.save();
  ctx.beginPath(); ctx.rect(rect.x, rect.y, rect.w, rect.h); ctx.clip();
  const f = Math.min(fx1, Math.max(fx0, pose.flexion));
  ctx.strokeStyle = p.text;
  ctx.lineWidth = 1.5;
  ctx.beginPath(); ctx.moveTo(X(f), rect.y); ctx.lineTo(X(f), rect.y + rect.h); ctx.stroke();
  for (const [name, s] of Object.entries(style.muscles)) {
    const path = pose.paths[name];
    const v = (key === "length" ? path.length : path.arm) * 1000;
    marker(ctx, s.marker, X(f), Y(v), font * 0.45, p.ground, p.muscles[name].line, width);
  }
  ctx.restore();
}

function drawKey(ctx, rect, view) {
  const { style, p, font } = view;
  const width = Math.max(1.5, font / 7) * 1.2;
  ctx.font = `${Math.round(font * 0.9)}px ${view.family}`;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  keyEntries(style).forEach((e, i) => {
    const place = rect.flow.places[i];
    const x = rect.x + place.x + font * 0.5, y = rect.y + (place.row + 0.5) * rect.row;
    if (e.name) {
      const s = style.muscles[e.name];
      line(ctx, [[x, y], [x + font * 2.2, y]], p.muscles[e.name].line, width, s.dashes);
      marker(ctx, s.marker, x + font * 1.1, y, font * 0.3, p.muscles[e.name].line, null, 0);
    } else {
      line(ctx, [[x, y], [x + font * 2.2, y]], p.lever[e.sign], width * 1.4, style.lever[e.sign].dashes);
    }
    ctx.fillStyle = p.text;
    place.lines.forEach((text, k) => ctx.fillText(text, x + font * 2.8, y + k * rect.row));
  });
}

// ---- one explorer's picture ----

export class Picture {
  constructor(canvas, payload) {
    this.canvas = canvas;
    this.payload = payload;
    this.style = payload.style;
    const unit = payload.mesh_unit_m;
    this.pelvis = { vertices: Float64Array.from(payload.pelvis.vertices, (v) => v * unit), faces: Uint32Array.from(payload.pelvis.faces) };
    this.femur = { vertices: Float64Array.from(payload.femur.vertices, (v) => v * unit), faces: Uint32Array.from(payload.femur.faces) };
    this.turned = new Float64Array(this.femur.vertices.length);
    this.bones = null; // the pelvis, the key and "front": drawn once per size and theme
    this.back = null; // the bones and the curve panels: once per size, theme, adduction and rotation
    this.curveKey = null;
  }

  // Size (CSS px), text size, font family, ground and text colours: a new look redraws the background.
  setLook(width, font, family, ground, text) {
    const ratio = window.devicePixelRatio || 1;
    const key = [width, font, family, ground, text, ratio].join("|");
    if (key === this.lookKey) return false;
    this.lookKey = key;
    this.font = font;
    this.family = family;
    this.ratio = ratio;
    this.p = palette(this.style, ground, text);
    const ctx = this.canvas.getContext("2d");
    ctx.font = `${Math.round(font * 0.9)}px ${family}`;
    this.box = layout(width, font, this.style, (words) => ctx.measureText(words).width);
    this.canvas.width = Math.round(this.box.width * ratio);
    this.canvas.height = Math.round(this.box.height * ratio);
    this.canvas.style.width = `${this.box.width}px`;
    this.canvas.style.height = `${this.box.height}px`;
    this.bones = null;
    this.back = null;
    return true;
  }

  layer() {
    const back = document.createElement("canvas");
    back.width = this.canvas.width;
    back.height = this.canvas.height;
    const ctx = back.getContext("2d");
    ctx.scale(this.ratio, this.ratio);
    return { back, ctx };
  }

  boneLayer() {
    const { back, ctx } = this.layer();
    const map = sideMap(this.box.side, this.style);
    drawMesh(ctx, this.pelvis.vertices, this.pelvis.faces, map, this.p.bone, this.style.ambient);
    drawKey(ctx, this.box.key, this);
    ctx.font = `${Math.round(this.font * 0.9)}px ${this.family}`;
    ctx.fillStyle = this.p.text;
    ctx.textAlign = "right";
    ctx.textBaseline = "bottom";
    ctx.fillText(this.style.words.front, this.box.side.x + this.box.side.w - 4, this.box.side.y + this.box.side.h - 2);
    return back;
  }

  curveLayer() {
    const { back, ctx } = this.layer();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.bones, 0, 0);
    ctx.scale(this.ratio, this.ratio);
    const limits = this.payload.curve_limits_mm;
    panel(ctx, this.box.length, "length", this.curveData, limits.length, this);
    panel(ctx, this.box.arm, "arm", this.curveData, limits.arm, this);
    return back;
  }

  // Draw the whole picture at these angles (degrees). Returns the model's answers at the pose.
  draw(flexion, adduction, rotation) {
    const ctx = this.canvas.getContext("2d");
    if (!this.bones) this.bones = this.boneLayer();
    const curveKey = `${adduction}|${rotation}`;
    if (curveKey !== this.curveKey) {
      this.curveData = curves(this.payload, adduction, rotation);
      this.curveKey = curveKey;
      this.back = null;
    }
    if (!this.back) this.back = this.curveLayer();
    const paths = pose(this.payload, flexion, adduction, rotation);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.back, 0, 0);
    ctx.scale(this.ratio, this.ratio);
    const map = sideMap(this.box.side, this.style);
    // the femur, turned
    const R = matrix(flexion, adduction, rotation), v = this.femur.vertices, t = this.turned;
    for (let i = 0; i < v.length; i += 3) {
      const x = v[i], y = v[i + 1], z = v[i + 2];
      t[i] = R[0][0] * x + R[0][1] * y + R[0][2] * z;
      t[i + 1] = R[1][0] * x + R[1][1] * y + R[1][2] * z;
      t[i + 2] = R[2][0] * x + R[2][1] * y + R[2][2] * z;
    }
    const side = this.box.side;
    ctx.save();
    ctx.beginPath();
    ctx.rect(side.x, side.y, side.w, side.h);
    ctx.clip(); // as the old figure's axes: the femur and paths stay inside the side view
    drawMesh(ctx, t, this.femur.faces, map, this.p.bone, this.style.ambient, true);
    // the model paths and the psoas lever bar
    const width = Math.max(1.5, this.font / 7) * 1.2;
    for (const [name, s] of Object.entries(this.style.muscles)) {
      const pts = paths[name].points.map((q) => [map.x(q[0]), map.y(q[1])]);
      line(ctx, pts, this.p.muscles[name].line, width, s.dashes);
      for (const [x, y] of pts) marker(ctx, s.marker, x, y, this.font * 0.3, this.p.muscles[name].line, null, 0);
    }
    const bar = lever(paths.psoas);
    const sign = bar.positive ? "positive" : "negative";
    line(ctx, [[map.x(0), map.y(0)], [map.x(bar.tip[0]), map.y(bar.tip[1])]], this.p.lever[sign], width * 1.4,
      this.style.lever[sign].dashes);
    ctx.restore();
    // the title
    ctx.font = `bold ${Math.round(this.font * 1.1)}px ${this.family}`;
    ctx.fillStyle = this.p.text;
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.fillText(`Flexion ${flexion}°, adduction ${adduction}°, rotation ${rotation}°`, this.box.title.x + 2,
      this.box.title.y + this.box.title.h / 2);
    const at = { flexion, paths };
    cursor(ctx, this.box.length, "length", at, this.payload.curve_limits_mm.length, this);
    cursor(ctx, this.box.arm, "arm", at, this.payload.curve_limits_mm.arm, this);
    return paths;
  }
}
