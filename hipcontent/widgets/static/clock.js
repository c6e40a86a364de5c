// hipcontent browser timer: one source for the notebook widget (anywidget) and the stand-alone player.
//
// The browser owns the clock. Elapsed time is worked out from performance.now() timestamps
// (time banked while paused + now - the moment it last started), never by counting ticks, so a
// late redraw shows the true time and a phase never gets longer. The kernel only sends the program
// and settings; the widget reports state back on phase changes and pauses, not every frame.
//
// Everything that comes from data (titles, cues, steps) goes into the page with textContent.

const BEEP_MIN_PHASE = 10; // 3-2-1 beeps only on phases at least this long
const HALFWAY_MIN_HOLD = 20; // "halfway" only on holds at least this long
const ADD_SECONDS = 30;

function formatSeconds(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-9));
  const minutes = Math.floor(whole / 60);
  const secs = whole % 60;
  return `${minutes}:${String(secs).padStart(2, "0")}`;
}

function spokenSeconds(seconds) {
  const whole = Math.ceil(seconds - 1e-9);
  const minutes = Math.floor(whole / 60);
  const secs = whole % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes !== 1 ? "s" : ""}`);
  if (secs || !minutes) parts.push(`${secs} second${secs !== 1 ? "s" : ""}`);
  return parts.join(" ");
}

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
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
// Sound (Web Audio tones) and speech (speechSynthesis), both unlocked by the first click.

class Voice {
  constructor(cues) {
    this.cues = cues || {};
    this.context = null;
  }

  unlock() {
    try {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!this.context && Context) this.context = new Context();
      if (this.context && this.context.state === "suspended") this.context.resume();
    } catch (error) {
      this.context = null;
    }
  }

  tone(name) {
    const notes = this.cues[name];
    const context = this.context;
    if (!notes || !context) return;
    let at = context.currentTime + 0.01;
    for (const [frequency, seconds] of notes) {
      if (frequency > 0) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(0.4, at + 0.01);
        gain.gain.setValueAtTime(0.4, Math.max(at + 0.01, at + seconds - 0.01));
        gain.gain.linearRampToValueAtTime(0, at + seconds);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(at);
        oscillator.stop(at + seconds + 0.02);
      }
      at += seconds;
    }
  }

  get speechAvailable() {
    const synth = window.speechSynthesis;
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return false;
    try {
      return synth.getVoices().length > 0;
    } catch (error) {
      return false;
    }
  }

  say(text) {
    try {
      const utterance = new window.SpeechSynthesisUtterance(text);
      utterance.rate = 1.0;
      window.speechSynthesis.speak(utterance);
      return true;
    } catch (error) {
      return false;
    }
  }

  hush() {
    try {
      if (window.speechSynthesis) window.speechSynthesis.cancel();
    } catch (error) {
      /* nothing to stop */
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The controller: one per timer (per widget model, or per player page). Views subscribe to it.

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
  restore(saved) {
    if (!saved || !Array.isArray(saved.lengths) || saved.lengths.length !== this.data.phases.length) return;
    if (saved.state !== "running" && saved.state !== "paused" && saved.state !== "finished") return;
    const clock = this.clock;
    clock.lengths = saved.lengths.map(Number);
    clock._ends();
    const away = saved.state === "running" ? Math.max(0, (Date.now() - saved.at) / 1000) : 0;
    clock.banked = Math.min(clock.total, Number(saved.elapsed) + away);
    clock.started = true;
    clock.runStart = saved.state === "running" && clock.banked < clock.total ? clock.now() : null;
    const s = clock.snapshot();
    this.lastIndex = s.index; // no burst of cues for what happened while the page was away
    this.lastShown = Math.ceil(s.phaseRemaining - 1e-9);
    this.halfwayDone = s.phase && s.phaseRemaining <= s.length / 2 ? s.index : -1;
    this.changed();
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
      if (was === "ready" || was === "finished") this.phaseCue(this.clock.snapshot(), true);
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
    this.lastIndex = this.lastShown = null;
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
    const wait = this.clock.msToNextChange();
    if (wait === null) return;
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
    let changed = false;
    if (this.lastIndex !== null && (s.state === "running" || s.state === "finished")) {
      if (s.index !== this.lastIndex) {
        changed = true;
        this.phaseCue(s, false);
      } else if (shown !== this.lastShown && shown >= 1 && shown <= 3 && s.length >= BEEP_MIN_PHASE) {
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
    if (phase.kind === "switch") return "Switch sides";
    const word = (this.data.look[phase.kind] || [phase.kind])[0];
    const text = word.charAt(0) + word.slice(1).toLowerCase();
    return phase.side ? `${text}, ${phase.side} ${this.data.side_word || "side"}` : text;
  }

  // One cue: a flash on every view, a tone when Sound is on, words when Voice is on.
  emit(name, words) {
    // Voice on and a voice to speak with: say the words.
    const spoken = this.voiceOn && this.voice.speechAvailable && this.voice.say(words);
    // Tones: with Sound on, every cue but "halfway" (a spoken-only cue), and no 3-2-1 beeps while
    // the numbers are being spoken; with Voice on but no voice, tones stand in for the words.
    let tone = false;
    if (this.sound) tone = name !== "halfway" && !(name === "beep" && spoken);
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

// ---------------------------------------------------------------------------------------------
// The view: the same projector and compact layouts, words and symbols as the kernel-side timer.

const KEY_HELP = "Keys while the timer has focus: Space pause or resume, right arrow next phase, " +
  "left arrow previous phase, plus adds 30 seconds.";

export class View {
  constructor(el, controller, options = {}) {
    this.controller = controller;
    const data = controller.data;
    this.data = data;
    this.showDetails = options.details !== undefined ? options.details : !!data.details;
    this.lastStatus = null;
    this.lastExercise = null;

    const root = make("div", `hipcontent-clock hipcontent-clock-${data.size || "projector"}`);
    root.tabIndex = 0;
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", `Timer: ${data.title}. ${KEY_HELP}`);
    const fonts = data.fonts || [];
    ["--hc-title", "--hc-word", "--hc-digits", "--hc-cue"].forEach((name, i) => {
      if (fonts[i]) root.style.setProperty(name, fonts[i]);
    });
    this.root = root;
    root.hipcontentController = controller; // for tests and benchmarks: its clock and cue log

    this.heading = make("div", "hipcontent-clock-title", data.title);
    this.panel = make("div", "hipcontent-clock-panel");
    this.notes = make("div", "hipcontent-clock-notes");
    this.phaseLine = make("div", "hipcontent-clock-phase");
    this.icon = make("span", "hipcontent-clock-icon");
    this.icon.setAttribute("aria-hidden", "true");
    this.word = make("span", "hipcontent-clock-word");
    this.phaseLine.append(this.icon, this.word);
    this.digits = make("div", "hipcontent-clock-digits", "0:00");
    this.digits.setAttribute("role", "timer");
    this.digits.setAttribute("aria-live", "off");
    this.digits.setAttribute("aria-label", "time left in this phase");
    this.cueLine = make("div", "hipcontent-clock-cue");
    this.panel.append(this.notes, this.phaseLine, this.digits, this.cueLine);

    this.progress = make("div", "hipcontent-clock-progress");
    this.progress.setAttribute("role", "progressbar");
    this.progress.setAttribute("aria-label", "Phase progress");
    this.progress.setAttribute("aria-valuemin", "0");
    this.progress.setAttribute("aria-valuemax", "100");
    this.bar = make("div", "hipcontent-clock-bar");
    this.progress.append(this.bar);

    this.info = make("div", "hipcontent-clock-info");
    this.status = make("div", "hipcontent-clock-status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.status.setAttribute("aria-atomic", "true");

    const row = make("div", "hipcontent-clock-buttons");
    const button = (name, label, tip, action, extra) => {
      const b = make("button", `hipcontent-clock-button hipcontent-clock-${name}`, label);
      b.type = "button";
      b.title = tip;
      b.addEventListener("click", (event) => {
        event.stopPropagation();
        action();
      });
      if (extra) extra(b);
      row.append(b);
      return b;
    };
    this.startButton = button("start", "Start", "Start, pause or resume the timer (Space)", () => controller.toggle());
    this.resetButton = button("reset", "Reset", "Stop and go back to the first phase", () => controller.reset());
    this.backButton = button("back", "← Back", "Go to the previous phase (left arrow)", () => controller.back(),
      (b) => b.setAttribute("aria-label", "Back"));
    this.skipButton = button("skip", "Skip →", "Jump to the next phase (right arrow)", () => controller.next(),
      (b) => b.setAttribute("aria-label", "Skip"));
    this.addButton = button("add", "+30 s", "Add 30 seconds to this phase (+ key)", () => controller.addTime(),
      (b) => b.setAttribute("aria-label", "+30 s: add 30 seconds"));
    this.soundButton = button("sound", "Sound", "Turn the beeps on or off (the screen flashes with every cue either way)",
      () => controller.setSound(!controller.sound), (b) => b.setAttribute("aria-label", "Sound"));
    this.voiceButton = button("voice", "Voice", "Turn the spoken cues on or off (tones stand in when the browser has no voice)",
      () => controller.setVoice(!controller.voiceOn), (b) => b.setAttribute("aria-label", "Voice"));
    this.fullButton = button("fullscreen", "Full screen", "Show the timer on the whole screen (Esc leaves)",
      () => this.toggleFullscreen());
    if (!root.requestFullscreen) this.fullButton.hidden = true;
    this.onFullscreen = () => this.drawToggles();
    document.addEventListener("fullscreenchange", this.onFullscreen);

    const keys = make("div", "hipcontent-clock-keys", "Keys: Space pause · → next · ← back · + 30 s");
    keys.setAttribute("aria-hidden", "true"); // the group's label says it in words

    root.append(this.heading, this.panel, this.progress, this.info, this.status, row, keys);

    if (this.showDetails) {
      this.details = make("section", "hipcontent-clock-details");
      this.details.setAttribute("aria-label", "The exercise: steps and cues");
      root.append(this.details);
    }

    this.onKey = (event) => this.key(event);
    root.addEventListener("keydown", this.onKey);
    el.append(root);
    this.unsubscribe = controller.subscribe(this);
  }

  dispose() {
    this.unsubscribe();
    document.removeEventListener("fullscreenchange", this.onFullscreen);
    this.root.removeEventListener("keydown", this.onKey);
    this.root.remove();
  }

  key(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const onButton = event.target && event.target.closest && event.target.closest("button");
    const c = this.controller;
    switch (event.key) {
      case " ":
      case "Spacebar":
      case "Enter":
        if (onButton) {
          event.stopPropagation(); // the button does its own job; the notebook must not act on it
          return;
        }
        if (event.key !== "Enter") c.toggle(); // Enter on the panel: nothing, and nothing for the notebook
        break;
      case "ArrowRight":
        c.next();
        break;
      case "ArrowLeft":
        c.back();
        break;
      case "+":
      case "=":
      case "Add":
        c.addTime();
        break;
      case "Tab":
      case "Escape":
        return; // leave the timer / leave full screen as usual
      default:
        // Any other key: keep it from the notebook (no cell moved, cut or deleted by a stray key).
        if (event.key && event.key.length === 1) event.stopPropagation();
        return;
    }
    event.preventDefault(); // no scrolling
    event.stopPropagation(); // and no notebook shortcut
  }

  toggleFullscreen() {
    if (document.fullscreenElement) {
      if (document.exitFullscreen) document.exitFullscreen().catch(() => {});
    } else if (this.root.requestFullscreen) {
      const asked = this.root.requestFullscreen();
      if (asked && asked.catch) asked.catch(() => {});
    }
  }

  flash(name) {
    const panel = this.panel;
    panel.classList.remove("hipcontent-clock-flash");
    void panel.offsetWidth; // restart the animation
    panel.classList.add("hipcontent-clock-flash");
    panel.dataset.cue = name;
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => panel.classList.remove("hipcontent-clock-flash"), 400);
  }

  drawToggles() {
    const c = this.controller;
    this.soundButton.setAttribute("aria-pressed", String(c.sound));
    this.soundButton.dataset.on = c.sound ? "on" : "off";
    this.voiceButton.setAttribute("aria-pressed", String(c.voiceOn));
    this.voiceButton.dataset.on = c.voiceOn ? "on" : "off";
    const full = document.fullscreenElement === this.root;
    this.fullButton.textContent = full ? "Leave full screen" : "Full screen";
  }

  draw(s, phaseChanged) {
    const data = this.data;
    const phase = s.phase;
    const kind = phase ? phase.kind : "done";
    const [word, icon, background, colour] = data.look[kind];
    const sideWord = data.side_word || "leg";
    const side = phase && phase.side ? `${phase.side.toUpperCase()} ${sideWord.toUpperCase()}` : "";
    const headline = side ? `${word} — ${side}` : word;
    const notes = phase ? [phase.exercise !== data.title ? phase.exercise : "", phase.label] : ["Well done"];
    const flag = { ready: "Press Start", paused: "PAUSED" }[s.state] || "";

    this.root.dataset.state = s.state;
    this.root.dataset.kind = kind;
    this.root.dataset.index = String(s.index);
    this.panel.dataset.state = s.state;
    this.panel.dataset.kind = kind;
    this.panel.style.background = background;
    this.panel.style.color = colour;
    setText(this.notes, notes.filter(Boolean).join(" · ") || "\u00a0");
    setText(this.icon, icon);
    setText(this.word, ` ${headline}`);
    setText(this.digits, formatSeconds(phase ? s.phaseRemaining : 0));
    setText(this.cueLine, flag || (phase && phase.cue) || "\u00a0");

    const fraction = phase ? Math.min(1, Math.max(0, 1 - s.phaseRemaining / s.length)) : 1;
    this.bar.style.width = `${(fraction * 100).toFixed(1)}%`;
    this.bar.style.background = background;
    this.progress.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));

    let nextText;
    if (s.next) {
      const upWord = data.look[s.next.kind][0];
      const upSide = s.next.side ? ` — ${s.next.side.toUpperCase()} ${sideWord.toUpperCase()}` : "";
      const upName = s.next.exercise && s.next.exercise !== (phase && phase.exercise) ? ` (${s.next.exercise})` : "";
      nextText = `Next: ${upWord}${upSide}${upName} ${formatSeconds(s.nextLength)}`;
    } else {
      nextText = phase ? "Next: the end" : "Finished";
    }
    const count = data.phases.length;
    setText(this.info, `${nextText} · Total left ${formatSeconds(s.totalRemaining)} · Phase ${Math.min(s.index + 1, count)} of ${count}`);

    // Screen readers: one polite region, its text changed only when the phase or the state changes.
    let spoken;
    if (!phase) spoken = "Finished. Well done.";
    else {
      const sideSpoken = phase.side ? `${phase.side.charAt(0).toUpperCase()}${phase.side.slice(1)} ${sideWord}. ` : "";
      const name = phase.exercise && phase.exercise !== data.title ? `${phase.exercise}. ` : "";
      spoken = `${name}${sideSpoken}${word.charAt(0)}${word.slice(1).toLowerCase()}, ${spokenSeconds(s.length)}.`;
      if (s.state === "ready") spoken = `Ready. ${spoken}`;
      if (s.state === "paused") spoken = `Paused. ${spoken}`;
    }
    if (spoken !== this.lastStatus) {
      this.status.textContent = spoken;
      this.lastStatus = spoken;
    }

    const label = { running: "Pause", paused: "Resume", finished: "Start again" }[s.state] || "Start";
    setText(this.startButton, label);
    this.startButton.dataset.state = s.state;
    this.backButton.disabled = false;
    this.skipButton.disabled = !phase;
    this.addButton.disabled = !phase;
    this.drawToggles();
    if (this.details) this.drawDetails(s);
  }

  drawDetails(s) {
    // Between two exercises, show the one that comes next.
    const name = (s.phase && (s.phase.exercise || (s.next && s.next.exercise))) || "";
    const about = (this.data.exercises || {})[name];
    if (name === this.lastExercise) return;
    this.lastExercise = name;
    const box = this.details;
    box.replaceChildren();
    if (!name || !about) {
      box.hidden = !(this.data.note);
      if (this.data.note) box.append(make("p", "hipcontent-clock-note", this.data.note));
      return;
    }
    box.hidden = false;
    box.append(make("h2", "hipcontent-clock-exercise", name));
    if (about.summary) box.append(make("p", "hipcontent-clock-summary", about.summary));
    const list = (title, items, tag) => {
      if (!items || !items.length) return;
      box.append(make("h3", "", title));
      const ol = make(tag);
      for (const item of items) ol.append(make("li", "", item));
      box.append(ol);
    };
    list("Steps", about.steps, "ol");
    list("Cues", about.cues, "ul");
  }
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// ---------------------------------------------------------------------------------------------
// anywidget: one controller per model (made in initialize, stopped when the model closes); one
// view per displayed output. The model's "payload" trait holds the program and settings.

const controllers = new Map();

function controllerFor(model) {
  const key = model.get("_key");
  let entry = controllers.get(key);
  if (!entry) {
    const data = JSON.parse(model.get("payload"));
    const controller = new Controller(data, {
      report: (state) => {
        model.set("state", state.state);
        model.set("phase_index", state.phase_index);
        model.set("remaining", state.remaining);
        model.set("elapsed", state.elapsed);
        model.set("sound", state.sound);
        model.set("voice", state.voice);
        model.set("_resume", JSON.stringify(state.resume));
        model.save_changes();
      },
    });
    entry = { controller };
    controllers.set(key, entry);
    try {
      controller.restore(JSON.parse(model.get("_resume") || "null"));
    } catch (error) {
      /* nothing usable to carry on from: start fresh */
    }
  }
  return entry.controller;
}

function initialize({ model }) {
  const controller = controllerFor(model);
  const key = model.get("_key");
  const onMessage = (message) => {
    const command = message && message.command;
    if (command === "start") controller.start();
    else if (command === "pause") controller.pause();
    else if (command === "reset") controller.reset();
    else if (command === "next") controller.next();
    else if (command === "back") controller.back();
    else if (command === "add") controller.addTime();
    else if (command === "report") controller.report(controller.stateFor(controller.clock.snapshot()));
  };
  model.on("msg:custom", onMessage);
  // The kernel may switch sound or voice too (timer.sound = False).
  const onSound = () => { if (model.get("sound") !== controller.sound) controller.setSound(model.get("sound")); };
  const onVoice = () => { if (model.get("voice") !== controller.voiceOn) controller.setVoice(model.get("voice")); };
  model.on("change:sound", onSound);
  model.on("change:voice", onVoice);
  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:sound", onSound);
    model.off("change:voice", onVoice);
    controller.dispose();
    controllers.delete(key);
  };
}

function render({ model, el }) {
  const view = new View(el, controllerFor(model), { details: false });
  return () => view.dispose();
}

export default { initialize, render };

// The stand-alone player: the same controller and view over the JSON block in the page.
export function mountPlayer(el, data) {
  const controller = new Controller(data);
  const view = new View(el, controller, { details: true });
  return { controller, view };
}
