// hipcontent hip-angle explorer: the picture on a <canvas>, drawn in the browser from the payload
// (hipcontent/model/browser.py + hipcontent.figures.function.explorer_style) and the model's maths
// (explorer_model.js). What the old matplotlib figure showed: the right hip from the side on the
// real bones (pelvis drawn once per size and theme; the femur turned, shaded and sorted back to
// front on every frame), the two model paths, the psoas lever bar, and the length and moment-arm
// curves over the flexion sweep with the current angle marked. Sizes in CSS pixels, drawn at the
// device pixel ratio.

import { curves, lever, matrix, pose } from "./explorer_model.js";
import { css, cursor, drawKey, layout, line, marker, palette, panel } from "./explorer_look.js";

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
