// hipcontent session form, the plan in the browser: pure functions, no DOM, no kernel.
//
// The form's payload (hipcontent.widgets.session_form) carries, for every offered exercise and
// preset, its timer phases exactly as hipcontent.timing.payload.phase_record writes them, its
// length, its table label and whether it can be timed; the rest template, the screen settings and
// the player page template. From these and the form's "chosen" and "rest", this module makes what
// Python's SessionPlan makes: the table rows and caption (SessionPlan.table), the total line, the
// refusal words (SessionBuilder._refusal), the timer payload (plan.timer()) and the stand-alone
// player page (plan.save_player()). tests/browser/test_session_plan_js.py compares them with Python.

const NUMBER = /^[-+−]?(\d+([.,:]\d+)*|\.\d+)\s*(%|°|s|min|mm|cm|m|kg|N|x|×|reps?)?$/;
export const PLAN_HEADER = ["#", "Starts", "Exercise", "Preset", "Length"];
export const SCHEDULE_HEADER = ["#", "Starts", "Phase", "Side", "Length", "What"];

// Python's math.fsum (Shewchuk's exact partial sums), so totals agree to the last bit.
export function fsum(values) {
  const partials = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let hi = 0;
  let n = partials.length;
  if (n) {
    hi = partials[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo) break;
    }
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
  }
  return hi;
}

// hipcontent.timing.timers.format_seconds: whole seconds rounded up, as m:ss.
export function formatSeconds(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-9));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

export function plural(count, word) {
  return `${count} ${word}${count !== 1 ? "s" : ""}`;
}

// views.display.number_columns: the columns whose every non-empty cell is a number.
export function numberColumns(rows) {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const found = new Set();
  for (let i = 0; i < columns; i++) {
    const cells = rows.filter((row) => i < row.length).map((row) => String(row[i]).trim())
      .filter((cell) => !["", "—", "-"].includes(cell));
    if (cells.length && cells.every((cell) => NUMBER.test(cell))) found.add(i);
  }
  return found;
}

// views.display.escape (html.escape with quotes), for the text of a downloaded page.
export function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

const CELL_STYLE = { true: "text-align:right;vertical-align:top", false: "text-align:left;vertical-align:top" };

// views.display.table_html as text (for a downloaded page), every cell escaped.
export function tableHtml(caption, header, rows) {
  const nums = numberColumns(rows);
  const attrs = (num) => (num ? ` class="hip-num" style="${CELL_STYLE.true}"` : ` style="${CELL_STYLE.false}"`);
  const head = header.map((name, i) => `<th scope="col"${attrs(nums.has(i))}>${escapeHtml(name)}</th>`).join("");
  const body = rows.map((row) => "<tr>" + row.map((value, i) => `<td${attrs(nums.has(i))}>${escapeHtml(value)}</td>`)
    .join("") + "</tr>").join("");
  return `<table class="hip-table"><caption>${escapeHtml(caption)}</caption>`
    + `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

// The same table as DOM (textContent only), for the form and the printed handout.
export function tableNode(doc, caption, header, rows) {
  const nums = numberColumns(rows);
  const cell = (tag, text, num) => {
    const node = doc.createElement(tag);
    if (num) node.className = "hip-num";
    node.setAttribute("style", CELL_STYLE[Boolean(num)]);
    node.textContent = text;
    return node;
  };
  const table = doc.createElement("table");
  table.className = "hip-table";
  const cap = doc.createElement("caption");
  cap.textContent = caption;
  const head = doc.createElement("thead");
  const headRow = doc.createElement("tr");
  header.forEach((name, i) => {
    const th = cell("th", name, nums.has(i));
    th.setAttribute("scope", "col");
    headRow.append(th);
  });
  head.append(headRow);
  const body = doc.createElement("tbody");
  for (const row of rows) {
    const tr = doc.createElement("tr");
    row.forEach((value, i) => tr.append(cell("td", value, nums.has(i))));
    body.append(tr);
  }
  table.append(cap, head, body);
  return table;
}

// The form's choices as items: unknown exercises or presets are left out (the kernel does the same).
export function planItems(data, chosen) {
  const byId = new Map(data.exercises.map((exercise) => [exercise.id, exercise]));
  const items = [];
  for (const pair of chosen || []) {
    const exercise = Array.isArray(pair) && byId.get(pair[0]);
    const preset = exercise && exercise.presets.find((p) => p.id === pair[1]);
    if (preset && items.length < data.limits.max_exercises) items.push({ exercise, preset });
  }
  return items;
}

const FIX = "; change a preset or the rest, or remove an exercise";

// The plan for these choices: {items, program, total, rows, caption, totalLine} or {items, problem}.
export function buildPlan(data, chosen, rest) {
  const items = planItems(data, chosen);
  if (!items.length) return { items, problem: "" };
  const untimed = items.findIndex((item) => !item.preset.timeable);
  if (untimed >= 0) {
    const { exercise, preset } = items[untimed];
    return { items, problem: `exercise ${untimed + 1}, ${exercise.name}, at “${preset.label}” counts reps but its `
      + "data give no pace (seconds per rep), so it cannot be timed: choose another preset or remove it" };
  }
  const broken = items.find((item) => item.preset.error);
  if (broken) return { items, problem: broken.preset.error + FIX };
  const restSeconds = Number(rest) > 0 ? Number(rest) : 0;
  const program = [];
  items.forEach((item, index) => {
    for (const phase of item.preset.phases) program.push(structuredClone(phase));
    if (restSeconds && index + 1 < items.length) {
      const phase = structuredClone(data.rest_template);
      phase.seconds = restSeconds;
      phase.cue = phase.cue.split(data.rest_next).join(items[index + 1].exercise.name);
      program.push(phase);
    }
  });
  const name = `the session ${data.title_repr}`;
  if (program.length > data.limits.max_phases) {
    return { items, problem: `${name} has more than ${data.limits.max_phases} phases (1 s each would pass 4 hours)${FIX}` };
  }
  const total = fsum(program.map((phase) => phase.seconds));
  if (total > data.limits.max_seconds) {
    return { items, problem: `${name} lasts ${formatSeconds(total)} (minutes:seconds); a timer program may last at most `
      + `${data.limits.max_seconds / 3600} hours${FIX}` };
  }
  const rows = [];
  let start = 0;
  items.forEach((item, index) => {
    rows.push([String(index + 1), formatSeconds(start), item.exercise.name, item.preset.label,
      formatSeconds(item.preset.seconds)]);
    start += item.preset.seconds;
    if (index + 1 < items.length && restSeconds) start += restSeconds;
  });
  const exercising = fsum(items.map((item) => item.preset.seconds));
  const resting = restSeconds ? `${formatSeconds(restSeconds)} rest between exercises` : "no rest between exercises";
  const caption = `${data.plan_title}: ${plural(items.length, "exercise")}, ${formatSeconds(total)} in total `
    + `(${formatSeconds(exercising)} exercising, ${resting})`;
  return {
    items, program, total, rows, caption, rest: restSeconds, problem: "",
    totalLine: `Total time: ${formatSeconds(total)} (minutes:seconds), rests included`,
  };
}

// What plan.timer() sends (hipcontent.timing.payload.timer_payload with the plan's options).
export function timerPayload(data, plan, { fonts = true } = {}) {
  const played = new Set(plan.program.map((phase) => phase.exercise_id).filter(Boolean));
  const exercises = {};
  for (const { exercise } of plan.items) {
    if (played.has(exercise.id) && !(exercise.id in exercises)) exercises[exercise.id] = exercise.details;
  }
  const screen = data.screen;
  return {
    title: `${data.plan_title}: ${plural(plan.items.length, "exercise")}`,
    size: screen.size,
    sound: screen.sound,
    voice: screen.voice,
    side_word: screen.side_word,
    phases: plan.program,
    look: screen.look,
    fonts: fonts ? screen.fonts : [],
    cues: screen.cues,
    exercises,
    pain_rule: played.size ? data.pain_rule : "",
  };
}

// timers.schedule: the program as a table, for a browser with scripts off.
export function scheduleRows(data, program, sideWord) {
  let start = 0;
  return program.map((phase, index) => {
    const row = [String(index + 1), formatSeconds(start), data.kind_words[phase.kind],
      phase.side ? `${phase.side} ${sideWord}` : "", formatSeconds(phase.seconds),
      [phase.exercise, phase.label, phase.cue].filter(Boolean).join(" · ")];
    start += phase.seconds;
    return row;
  });
}

// printing.player.player_html(plan): JSON that cannot end its <script> block.
export function jsonForScript(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// The stand-alone player page for this plan: the same page printing.player writes.
export function playerPage(data, plan) {
  const screen = timerPayload(data, plan, { fonts: false });
  const rows = scheduleRows(data, plan.program, screen.side_word);
  const schedule = tableHtml(`Timer schedule: ${plan.program.length} phases, ${formatSeconds(plan.total)} in all`,
    SCHEDULE_HEADER, rows);
  const { page, marks, style, script } = data.player_page;
  const parts = { title: escapeHtml(screen.title), schedule, data: jsonForScript(screen), style, script };
  const byMark = new Map(Object.entries(marks).map(([key, mark]) => [mark, parts[key]]));
  // One pass over the template: a part's own text is never searched for marks.
  return page.replace(/\{\{hipcontent:[a-z]+\}\}/g, (mark) => (byMark.has(mark) ? byMark.get(mark) : mark));
}
