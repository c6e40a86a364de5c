// hipcontent browser timer: sound (Web Audio tones) and speech (speechSynthesis), unlocked by the first click.

export class Voice {
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
