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
