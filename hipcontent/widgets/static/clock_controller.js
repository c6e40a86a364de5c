// hipcontent browser timer: the controller, one per timer (per widget model, or per player page).
// It owns the clock, plays the cues, keeps the screen awake and reports state; views subscribe to it.

import { ADD_SECONDS, BEEP_MIN_PHASE, Clock, HALFWAY_MIN_HOLD, checkedResume, paceAt, paceWords } from "./clock_rules.js";
import { Voice } from "./clock_voice.js";

export class Controller {
  // data: {title, phases, look, cues, side_word, exercises, sound, voice}
  // report(state): called on phase changes, starts, pauses, resets (not every frame).
  constructor(data, options = {}) {
    this.data = data;
    this.clock = new Clock(data.phases, options.now);
    this.report = options.report || (() => {});
    this.sound = data.sound !== false;
    this.voiceOn = data.voice !== false;
    this.voice = new Voice(data.cues);
    this.views = new Set();
    this.timer = null;
    this.lastIndex = null;
    this.lastShown = null;
    this.lastPace = null; // "rep:step" of a paced phase at the last tick
    this.halfwayDone = -1;
    this.wakeLock = null;
    this.cueLog = []; // the last cues, newest last (tests and benchmarks read it)
    this.onVisibility = () => {
      if (document.visibilityState === "visible" && this.clock.running) this.keepAwake(true);
    };
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  dispose() {
    this.stopTicking();
    this.keepAwake(false);
    this.voice.hush();
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.views.clear();
  }

  subscribe(view) {
    this.views.add(view);
    view.draw(this.clock.snapshot(), true);
    return () => this.views.delete(view);
  }

  // Carry on from the state last reported to the kernel (the page was reloaded, the kernel kept it).
  restore(raw) {
    const saved = checkedResume(raw, this.data.phases, ADD_SECONDS);
    if (!saved) return false; // damaged or foreign: start fresh, never show NaN:NaN
    const clock = this.clock;
    clock.lengths = saved.lengths;
    clock._ends();
    const away = saved.state === "running" ? Math.max(0, (Date.now() - saved.at) / 1000) : 0;
    clock.banked = Math.min(clock.total, saved.elapsed + away);
    clock.started = true;
    clock.runStart = saved.state === "running" && clock.banked < clock.total ? clock.now() : null;
    const s = clock.snapshot();
    this.lastIndex = s.index; // no burst of cues for what happened while the page was away
    this.lastShown = Math.ceil(s.phaseRemaining - 1e-9);
    this.lastPace = this.paceOf(s);
    this.halfwayDone = s.phase && s.phaseRemaining <= s.length / 2 ? s.index : -1;
    this.changed();
    return true;
  }

  // Where a paced phase is (rep, tempo step), or null.
  paceOf(s) {
    return s.phase ? paceAt(s.phase, s.length - s.phaseRemaining) : null;
  }

  // -- controls (each one is a user action or a kernel command) --
  unlock() {
    this.voice.unlock();
  }

  toggle() {
    this.unlock();
    const was = this.clock.state;
    if (was === "finished") this.resetClock();
    if (this.clock.running) {
      this.clock.pause();
      this.voice.hush();
    } else {
      this.clock.start();
      if (was === "ready" || was === "finished") {
        const s = this.clock.snapshot();
        this.phaseCue(s, true);
        const pace = this.paceOf(s);
        if (pace && !pace.over) this.emit("count", paceWords(pace));
        this.lastPace = pace ? pace.key : null;
      }
    }
    this.changed();
  }

  start() {
    if (!this.clock.running) this.toggle();
  }

  pause() {
    if (this.clock.running) this.toggle();
  }

  reset() {
    this.resetClock();
    this.voice.hush();
    this.changed();
  }

  resetClock() {
    this.clock.reset();
    this.lastIndex = this.lastShown = this.lastPace = null;
    this.halfwayDone = -1;
  }

  next() {
    this.unlock();
    this.clock.next();
    this.changed();
  }

  back() {
    this.unlock();
    this.clock.back();
    this.halfwayDone = -1; // a hold we go back to gets its "halfway" again
    this.changed();
  }

  addTime() {
    this.clock.add(ADD_SECONDS);
    this.changed();
  }

  setSound(on) {
    this.sound = !!on;
    if (on) this.unlock();
    this.changed();
  }

  setVoice(on) {
    this.voiceOn = !!on;
    if (on) this.unlock();
    this.changed();
  }

  // -- the tick: redraw, play due cues, sleep until the next change --
  changed() {
    this.tick(true);
    if (this.clock.running) this.keepAwake(true);
    else this.keepAwake(false);
  }

  tick(forceReport = false) {
    const s = this.clock.snapshot();
    const phaseChanged = this.cue(s);
    for (const view of this.views) view.draw(s, phaseChanged || forceReport);
    if (phaseChanged || forceReport) this.report(this.stateFor(s));
    this.schedule();
  }

  stateFor(s) {
    return {
      state: s.state,
      phase_index: s.index,
      remaining: Math.round(s.phaseRemaining * 1000) / 1000,
      elapsed: Math.round(s.elapsed * 1000) / 1000,
      sound: this.sound,
      voice: this.voiceOn,
      resume: { state: s.state, elapsed: s.elapsed, at: Date.now(), lengths: this.clock.lengths.slice() },
    };
  }

  schedule() {
    this.stopTicking();
    if (!this.clock.running) return;
    let wait = this.clock.msToNextChange();
    if (wait === null) return;
    const pace = this.paceOf(this.clock.snapshot());
    if (pace && !pace.over) wait = Math.min(wait, pace.until * 1000); // the next rep or tempo step
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
      if (!this.clock.running) this.keepAwake(false);
    }, Math.max(1, Math.ceil(wait))); // a timer that fires early just schedules the rest
  }

  stopTicking() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  // -- cues: returns true when the phase changed --
  cue(s) {
    const shown = Math.ceil(s.phaseRemaining - 1e-9);
    const pace = this.paceOf(s);
    const paceKey = pace ? pace.key : null;
    let changed = false;
    if (this.lastIndex !== null && (s.state === "running" || s.state === "finished")) {
      if (s.index !== this.lastIndex) {
        changed = true;
        this.phaseCue(s, false);
        if (pace && !pace.over) this.emit("count", paceWords(pace));
      } else if (pace && !pace.over && paceKey !== this.lastPace) {
        this.emit(pace.step <= 0 ? "count" : "tempo", paceWords(pace)); // a paced rep counts, not 3-2-1
      } else if (!pace && shown !== this.lastShown && shown >= 1 && shown <= 3 && s.length >= BEEP_MIN_PHASE) {
        this.emit("beep", String(shown));
      } else if (
        s.phase && s.phase.kind === "hold" && s.length >= HALFWAY_MIN_HOLD &&
        this.halfwayDone !== s.index && s.phaseRemaining <= s.length / 2 + 1e-6
      ) {
        this.halfwayDone = s.index;
        this.emit("halfway", "halfway");
      }
    } else if (this.lastIndex === null || s.index !== this.lastIndex) {
      changed = true;
    }
    if (s.phase && s.phase.kind === "hold" && s.phaseRemaining <= s.length / 2 + 1e-6 && this.halfwayDone !== s.index
        && s.state !== "running") {
      this.halfwayDone = s.index; // jumped past the middle while stopped: no late "halfway"
    }
    this.lastIndex = s.index;
    this.lastShown = shown;
    this.lastPace = paceKey;
    return changed;
  }

  phaseCue(s, first) {
    const phase = s.phase;
    if (!phase) {
      this.emit("done", "Done. Well done.");
      return;
    }
    const previous = s.index > 0 ? this.data.phases[s.index - 1] : null;
    const words = [];
    if (phase.exercise && (first || !previous || previous.exercise !== phase.exercise)) words.push(phase.exercise);
    words.push(this.phaseWords(phase));
    this.emit(phase.kind, words.join(". "));
  }

  phaseWords(phase) {
    if (phase.kind === "switch") return phase.side_label ? `Switch sides, ${phase.side_label}` : "Switch sides";
    const word = (this.data.look[phase.kind] || [phase.kind])[0];
    const text = word.charAt(0) + word.slice(1).toLowerCase();
    if (!phase.side) return phase.reps > 0 ? `${text}, ${phase.reps} reps` : text;
    const side = phase.side_label || `${phase.side} ${this.data.side_word || "side"}`;
    return phase.reps > 0 ? `${text}, ${side}, ${phase.reps} reps` : `${text}, ${side}`;
  }

  // One cue: a flash on every view, a tone when Sound is on, words when Voice is on.
  emit(name, words) {
    // Voice on and a voice to speak with: say the words.
    const spoken = this.voiceOn && this.voice.speechAvailable && this.voice.say(words);
    // Tones: with Sound on, every cue but "halfway" (a spoken-only cue), and no 3-2-1 beeps while
    // the numbers are being spoken; with Voice on but no voice, tones stand in for the words.
    let tone = false;
    const counted = name === "beep" || name === "count" || name === "tempo"; // numbers and tempo words
    if (this.sound) tone = name !== "halfway" && !(counted && spoken);
    if (this.voiceOn && !spoken) tone = tone || name === "halfway" || !this.sound;
    if (tone) this.voice.tone(name === "halfway" ? "beep" : name);
    this.cueLog.push({ cue: name, words: spoken ? words : "", tone, at: this.clock.now() });
    if (this.cueLog.length > 5000) this.cueLog.shift();
    // And always a flash, for a noisy gym or anyone who cannot hear it.
    for (const view of this.views) view.flash(name);
  }

  keepAwake(on) {
    const wakeLock = navigator.wakeLock;
    if (on) {
      if (this.wakeLock || !wakeLock || document.visibilityState !== "visible") return;
      this.wakeLock = "pending";
      wakeLock.request("screen").then(
        (lock) => {
          if (this.wakeLock !== "pending" || !this.clock.running) {
            Promise.resolve().then(() => lock.release()).catch(() => {});
            this.wakeLock = null;
            return;
          }
          this.wakeLock = lock;
          lock.addEventListener && lock.addEventListener("release", () => {
            if (this.wakeLock === lock) this.wakeLock = null;
          });
        },
        () => {
          this.wakeLock = null;
        },
      );
    } else if (this.wakeLock) {
      const lock = this.wakeLock;
      this.wakeLock = null;
      if (lock !== "pending") Promise.resolve().then(() => lock.release()).catch(() => {});
    }
  }
}
