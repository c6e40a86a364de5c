// hipcontent browser timer, pure rules: time formats, the clock (a program played against timestamps)
// and the cue rules. No DOM here, so `node --test tests/js` can run it.
//
// The browser owns the clock. Elapsed time is worked out from performance.now() timestamps
// (time banked while paused + now - the moment it last started), never by counting ticks, so a
// late redraw shows the true time and a phase never gets longer.

export const BEEP_MIN_PHASE = 10; // 3-2-1 beeps only on phases at least this long
export const HALFWAY_MIN_HOLD = 20; // "halfway" only on holds at least this long
export const ADD_SECONDS = 30;

export function formatSeconds(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-9));
  const minutes = Math.floor(whole / 60);
  const secs = whole % 60;
  return `${minutes}:${String(secs).padStart(2, "0")}`;
}

export function spokenSeconds(seconds) {
  const whole = Math.ceil(seconds - 1e-9);
  const minutes = Math.floor(whole / 60);
  const secs = whole % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes !== 1 ? "s" : ""}`);
  if (secs || !minutes) parts.push(`${secs} second${secs !== 1 ? "s" : ""}`);
  return parts.join(" ");
}

// ---------------------------------------------------------------------------------------------
// The clock: a program of phases played against timestamps.

export class Clock {
  constructor(phases, now) {
    this.phases = phases;
    this.now = now || (() => performance.now());
    this.reset();
  }

  reset() {
    this.lengths = this.phases.map((p) => p.seconds);
    this._ends();
    this.banked = 0; // seconds played before the current run
    this.runStart = null; // now() when the current run began (ms), or null when stopped
    this.started = false;
  }

  _ends() {
    let total = 0;
    this.ends = this.lengths.map((s) => (total += s));
    this.total = total;
  }

  elapsed() {
    let e = this.banked;
    if (this.runStart !== null) e += Math.max(0, (this.now() - this.runStart) / 1000);
    return Math.min(e, this.total);
  }

  indexAt(elapsed) {
    let i = 0; // phases are few: a scan is plenty
    while (i < this.ends.length && this.ends[i] <= elapsed) i++;
    return i;
  }

  startOf(index) {
    return index <= 0 ? 0 : this.ends[index - 1];
  }

  get finished() {
    return this.elapsed() >= this.total;
  }

  get running() {
    return this.runStart !== null && !this.finished;
  }

  get state() {
    if (this.finished) return "finished";
    if (this.runStart !== null) return "running";
    return this.started ? "paused" : "ready";
  }

  start() {
    if (this.runStart === null && !this.finished) {
      this.runStart = this.now();
      this.started = true;
    }
  }

  pause() {
    if (this.runStart !== null) {
      this.banked = this.elapsed();
      this.runStart = null;
    }
  }

  jumpTo(seconds) {
    this.banked = Math.max(0, Math.min(seconds, this.total));
    if (this.runStart !== null) this.runStart = this.now();
    if (this.banked >= this.total) this.runStart = null;
    this.started = true;
  }

  next() {
    if (this.finished) return;
    this.jumpTo(this.ends[this.indexAt(this.elapsed())]);
  }

  back() {
    const index = this.indexAt(this.elapsed());
    if (index >= this.phases.length) {
      // from the end: the start of the last phase, paused
      this.runStart = null;
      this.jumpTo(this.startOf(this.phases.length - 1));
      return;
    }
    this.jumpTo(this.startOf(Math.max(0, index - 1)));
  }

  add(seconds) {
    const elapsed = this.elapsed();
    const index = this.indexAt(elapsed);
    if (index >= this.phases.length) return;
    if (this.runStart !== null) {
      this.banked = elapsed;
      this.runStart = this.now();
    }
    this.lengths[index] += seconds;
    this._ends();
  }

  snapshot() {
    const elapsed = this.elapsed();
    const index = this.indexAt(elapsed);
    const done = index >= this.phases.length;
    return {
      state: this.state,
      elapsed,
      index,
      phase: done ? null : this.phases[index],
      length: done ? 0 : this.lengths[index],
      next: index + 1 < this.phases.length ? this.phases[index + 1] : null,
      nextLength: index + 1 < this.phases.length ? this.lengths[index + 1] : 0,
      phaseRemaining: done ? 0 : this.ends[index] - elapsed,
      totalRemaining: this.total - elapsed,
    };
  }

  msToNextChange() {
    const s = this.snapshot();
    if (s.phase === null) return null;
    let until = s.phaseRemaining - Math.floor(s.phaseRemaining);
    if (until < 1e-6) until = 1;
    if (s.phase.kind === "hold" && s.length >= HALFWAY_MIN_HOLD) {
      const half = s.phaseRemaining - s.length / 2;
      if (half > 1e-6 && half < until) until = half;
    }
    return until * 1000;
  }
}

// ---------------------------------------------------------------------------------------------
// Paced reps: a phase with `reps` plays each rep from its tempo (steps of [action, seconds]) or, with
// no tempo, as equal parts of the phase. Pure: from the phase, the seconds played in it, nothing else.

export function repSeconds(phase) {
  if (!phase || !(phase.reps > 0)) return 0;
  const tempo = phase.tempo || [];
  const sum = tempo.reduce((total, step) => total + step[1], 0);
  return sum > 0 ? sum : phase.seconds / phase.reps;
}

// Where a paced phase is after `played` seconds: {rep, reps, step, action, key, until}, or null for a
// phase without counted reps. Past the last rep (time added with +30 s) it stays on the last rep, with
// `over` true and no further changes. `until`: seconds to the next rep or tempo step.
export function paceAt(phase, played) {
  const each = repSeconds(phase);
  if (!each) return null;
  const reps = phase.reps;
  const tempo = phase.tempo || [];
  const t = Math.max(0, played) + 1e-9;
  if (t >= reps * each) {
    return { rep: reps, reps, step: -1, action: "", key: `${reps}:end`, until: Infinity, over: true };
  }
  const rep = Math.floor(t / each) + 1;
  let inRep = t - (rep - 1) * each;
  let step = 0;
  let until = each - inRep;
  if (tempo.length) {
    let start = 0;
    for (step = 0; step < tempo.length - 1 && inRep >= start + tempo[step][1]; step++) start += tempo[step][1];
    until = start + tempo[step][1] - inRep;
  }
  const action = tempo.length ? tempo[step][0] : "";
  return { rep, reps, step, action, key: `${rep}:${step}`, until: Math.max(until, 1e-3), over: false };
}

// The words of a pace change: the count at the start of each rep, the action at each later step.
export function paceWords(pace) {
  if (!pace || pace.over) return "";
  if (pace.step <= 0) return pace.action ? `${pace.rep}, ${pace.action.toLowerCase()}` : String(pace.rep);
  return pace.action.toLowerCase();
}

// For each phase index, the index of the exercise the screen shows: its own for work, hold and switch;
// for get-ready and rests, the next phase that names an exercise (what the class is about to do).
export function pictureIndexes(phases) {
  const shown = new Array(phases.length).fill(-1);
  let upcoming = -1;
  for (let i = phases.length - 1; i >= 0; i--) {
    if (phases[i].exercise_id) upcoming = i;
    const resting = phases[i].kind === "rest" || phases[i].kind === "prep";
    shown[i] = phases[i].exercise_id && !resting ? i : upcoming;
  }
  return shown;
}

// Saved state (a page reload, a notebook saved with its widget state) is input like any other: the
// state it names, its phase lengths (each its phase's own, plus whole +30 s additions, within an hour),
// the time played and when it was saved. Anything damaged: null, and the timer starts fresh.
export const MAX_ADDED_SECONDS = 3600;

export function checkedResume(saved, phases, addSeconds = 30) {
  if (!saved || typeof saved !== "object" || !Array.isArray(saved.lengths)) return null;
  if (saved.lengths.length !== phases.length) return null;
  if (saved.state !== "running" && saved.state !== "paused" && saved.state !== "finished") return null;
  const lengths = [];
  for (let i = 0; i < phases.length; i++) {
    const value = saved.lengths[i];
    const added = value - phases[i].seconds;
    if (typeof value !== "number" || !Number.isFinite(value) || added < -1e-6 || added > MAX_ADDED_SECONDS) return null;
    if (Math.abs(added / addSeconds - Math.round(added / addSeconds)) > 1e-6) return null;
    lengths.push(value);
  }
  const total = lengths.reduce((sum, value) => sum + value, 0);
  const elapsed = saved.elapsed;
  if (typeof elapsed !== "number" || !Number.isFinite(elapsed) || elapsed < 0 || elapsed > total + 1e-6) return null;
  const at = saved.at;
  if (saved.state === "running" && (typeof at !== "number" || !Number.isFinite(at))) return null;
  return { state: saved.state, lengths, elapsed: Math.min(elapsed, total), at: saved.state === "running" ? at : 0 };
}
