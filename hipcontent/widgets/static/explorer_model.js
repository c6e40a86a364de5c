// hipcontent hip-angle explorer: the gait2392 path model in the browser (a port of
// hipcontent/model/paths.py, float64 throughout) and the explorer's words (the same sentences as
// hipcontent.widgets.explorer's describe() and short_alt()). Pure functions of the payload
// (hipcontent/model/browser.py) and the angles in degrees: no DOM, so a test can run them alone.

const RAD = Math.PI / 180;

// The femur-to-pelvis rotation R = Rz(flex) Rx(add) Ry(rot) as its trig values (paths._moved).
export function trig(flexion, adduction, rotation) {
  const a = flexion * RAD, b = adduction * RAD, c = rotation * RAD;
  return [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b), Math.cos(c), Math.sin(c)];
}

// A femur-frame point carried into the pelvis frame, and its rate with flexion (per radian).
export function moved(point, t) {
  const [ca, sa, cb, sb, cc, sc] = t;
  const [fx, fy, fz] = point;
  const qx = fx * cc + fz * sc, qy = fy, qz = fz * cc - fx * sc; // Ry
  const rx = qx, ry = qy * cb - qz * sb, rz = qy * sb + qz * cb; // Rx
  return { at: [rx * ca - ry * sa, rx * sa + ry * ca, rz], rate: [-rx * sa - ry * ca, rx * ca - ry * sa, 0] };
}

// The 3x3 matrix R (rows), for turning many points (the femur mesh): same maths as `moved`.
export function matrix(flexion, adduction, rotation) {
  const [ca, sa, cb, sb, cc, sc] = trig(flexion, adduction, rotation);
  // Rz Rx Ry written out.
  return [
    [ca * cc - sa * sb * sc, -sa * cb, ca * sc + sa * sb * cc],
    [sa * cc + ca * sb * sc, ca * cb, sa * sc - ca * sb * cc],
    [-cb * sc, sb, cb * cc],
  ];
}

function active(point, flexionRad, tolerance) {
  const range = point.active_range_rad;
  return !range || (flexionRad >= range[0] - tolerance && flexionRad <= range[1] + tolerance);
}

// One muscle at one pose: its active points (pelvis frame, metres), which of them are on the
// femur, the path length (m) and the flexion moment arm (m, -dL/dflexion per radian).
export function musclePath(payload, muscle, flexion, adduction, rotation) {
  const t = trig(flexion, adduction, rotation);
  const tolerance = payload.active_range_tolerance_rad;
  const points = [], rates = [], femur = [];
  for (const point of muscle.points) {
    if (!active(point, flexion * RAD, tolerance)) continue;
    if (point.body === "femur") {
      const m = moved(point.location, t);
      points.push(m.at);
      rates.push(m.rate);
      femur.push(true);
    } else {
      points.push(point.location.slice());
      rates.push([0, 0, 0]);
      femur.push(false);
    }
  }
  let length = 0, arm = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1], b = points[i];
    const d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const distance = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    length += distance;
    if (femur[i] !== femur[i - 1]) { // only a segment that crosses the hip changes length
      const r = femur[i] ? rates[i] : rates[i - 1].map((v) => -v);
      arm -= (d[0] * r[0] + d[1] * r[1] + d[2] * r[2]) / distance;
    }
  }
  return { points, femur, length, arm };
}

// Every muscle at one pose, by name.
export function pose(payload, flexion, adduction, rotation) {
  const result = {};
  for (const muscle of payload.muscles) result[muscle.name] = musclePath(payload, muscle, flexion, adduction, rotation);
  return result;
}

// Length and moment arm (mm) of each muscle over the flexion sweep, with a gap (null) next to
// the via-point switch, where the path jumps (as the lesson's curves figure breaks its line).
export function curves(payload, adduction, rotation) {
  const [low, high, step] = payload.sweep_deg;
  const flexion = [];
  for (let f = low; f <= high + step / 2; f += step) flexion.push(f);
  const out = { flexion };
  for (const muscle of payload.muscles) {
    const length = [], arm = [];
    for (const f of flexion) {
      if (Math.abs(f - payload.via_point_switch_deg) < 0.51) { length.push(null); arm.push(null); continue; }
      const p = musclePath(payload, muscle, f, adduction, rotation);
      length.push(p.length * 1000);
      arm.push(p.arm * 1000);
    }
    out[muscle.name] = { length, arm };
  }
  return out;
}

// The psoas lever bar in the side view (screen x, y): from the hip centre towards the segment that
// crosses the hip, as long as the flexion moment arm (its sign is shown by colour and dashes).
export function lever(path) {
  const n = path.points.length;
  const a = path.points[n - 3], b = path.points[n - 2];
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const norm = Math.hypot(dx, dy);
  const ux = dx / norm, uy = dy / norm;
  const along = a[0] * ux + a[1] * uy;
  const foot = [a[0] - along * ux, a[1] - along * uy];
  const size = Math.hypot(foot[0], foot[1]);
  const arm = Math.abs(path.arm);
  const tip = size > 1e-9 ? [foot[0] / size * arm, foot[1] / size * arm] : foot;
  return { tip, positive: path.arm > 0 };
}

// Python's "{:g}" for the sliders' whole degrees, and "{:.1f}" (round half to even on the exact
// binary value; JavaScript's toFixed rounds such exact ties away from zero).
export function g(value) {
  return Object.is(value, -0) ? "-0" : String(value);
}

export function fixed1(value) {
  // An exact tie (x.x5 held exactly in binary) is a quarter: value * 4 an odd whole number.
  const quarters = value * 4;
  if (Number.isInteger(quarters) && quarters % 2 !== 0) {
    const down = Math.floor(value * 10);
    return ((down % 2 === 0 ? down : down + 1) / 10).toFixed(1);
  }
  return value.toFixed(1);
}

// The pose and the model's numbers in words: hipcontent.widgets.explorer's describe().
export function describe(payload, style, flexion, adduction, rotation) {
  const paths = pose(payload, flexion, adduction, rotation);
  const parts = payload.muscles.map((muscle) => {
    const length = paths[muscle.name].length * 1000;
    const arm = paths[muscle.name].arm * 1000;
    const sign = arm < 0 ? " (negative: the model's pull would extend the hip)" : "";
    return `${style.muscles[muscle.name].label} ${fixed1(length)} mm long, flexion moment arm ${fixed1(arm)} mm${sign}`;
  });
  const head = `Flexion ${g(flexion)}°, adduction ${g(adduction)}°, rotation ${g(rotation)}°`;
  const warning = flexion > style.trusted_flexion_deg ? ` (beyond ${g(style.trusted_flexion_deg)}°: model unreliable)` : "";
  return `${head}${warning}: ${parts.join("; ")}.`;
}

// The picture's short alt text: hipcontent.widgets.explorer.short_alt().
export function shortAlt(flexion, adduction, rotation) {
  return `Hip-angle explorer at flexion ${g(flexion)}°, adduction ${g(adduction)}°, internal rotation ` +
    `${g(rotation)}°: the right hip from the side with the model's psoas and iliacus paths, and ` +
    "their length and flexion moment arm across the flexion range with the current angle marked.";
}
