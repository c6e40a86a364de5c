// hipcontent hip-angle explorer: how the picture looks, apart from the bones. Colours read from
// the page and adjusted for contrast, the layout for a width and text size, the key, and the
// length and moment-arm panels (drawn once per adduction and rotation) with the cursor on them
// (every frame). Sizes in CSS pixels. Used by explorer_draw.js.

// ---- colours: read from the page, adjusted for contrast ----

function parseColour(text) {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(text || "");
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{6})$/i.exec(text || "");
  if (h) return [0, 2, 4].map((i) => parseInt(h[1].slice(i, i + 2), 16));
  return null;
}

export const css = (rgb) => `rgb(${rgb.map((v) => Math.round(v)).join(",")})`;
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

export function marker(ctx, kind, x, y, size, fill, stroke, width) {
  ctx.beginPath();
  if (kind === "square") ctx.rect(x - size, y - size, 2 * size, 2 * size);
  else ctx.arc(x, y, size, 0, 2 * Math.PI);
  if (fill) { ctx.fillStyle = fill; ctx.fill(); }
  if (stroke) { ctx.strokeStyle = stroke; ctx.lineWidth = width; ctx.stroke(); }
}

export function line(ctx, points, colour, width, dashes) {
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
export function panel(ctx, rect, key, data, limits, view) {
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
export function cursor(ctx, rect, key, pose, limits, view) {
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

export function drawKey(ctx, rect, view) {
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
