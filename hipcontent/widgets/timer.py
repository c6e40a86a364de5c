"""Exercise timers as ipywidgets: a projector view readable from the back of a room, and a compact one.

`ExerciseTimer(program)` plays any timer program (a list of `hipcontent.timing.program.Phase`); its
class methods build the usual ones: `ExerciseTimer.countdown(30)`, `.intervals(40, 20, 3)`,
`.alternating(30)`, `.for_exercise("supine-toe-tap")` and `.for_session([...])`.

How it ticks: the Start click creates one asyncio task on the kernel's running event loop. The
task redraws, then sleeps until the shown second changes; every redraw reads the
`TimerEngine`, which works from monotonic timestamps, so a late redraw (a busy kernel) shows the
true time and never stretches the exercise. No threads, no printing. The task is cancelled on
Pause, Reset and `close()`, and when the cell that made the timer runs again.

Sound: short cues synthesised by `hipcontent.sound`, played by a hidden Audio widget, only after
someone pressed Start (browsers allow sound after a click), and never when Sound is off.
"""

from __future__ import annotations

import asyncio
import collections
import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import anywidget
import ipywidgets as widgets
import traitlets

from hipcontent.figures.palette import OKABE_ITO
from hipcontent.timing import timers
from hipcontent.timing.payload import FONTS as _FONTS  # one look for both timers
from hipcontent.timing.payload import PHASE_LOOK, SIZES
from hipcontent.timing.program import MAX_PHASE_TEXT, Phase
from hipcontent.timing.sound import cue_wav
from hipcontent.views.display import course_css, escape
from hipcontent.widgets.cells import CellOwned, needs_python
from hipcontent.widgets.constructors import TimerConstructors

if TYPE_CHECKING:
    from hipcontent.content.exercises import Exercise, ExerciseLibrary

__all__ = ["ExerciseTimer", "session_timer", "stop_all_timers"]

BEEP_MIN_PHASE = 10  # beep the last 3 s only of phases this long: 3 beeps every 5-s rep is noise


# Visible focus on the timer's buttons: ipywidgets draws a 1 px outline (the issue measured
# 1.2-2.1:1); the course's rule is 3 px in the theme's brand colour. Carried by the status line.
TIMER_CSS = """
.hipcontent-timer .jupyter-widgets.jupyter-button:focus-visible:enabled,
.hipcontent-timer .jupyter-widgets.jupyter-button:focus:enabled {
  outline: 3px solid var(--jp-brand-color1);
  outline-offset: 2px;
}
.hipcontent-timer .hipcontent-timer-buttons { overflow: visible; padding: 6px; }
"""


class LiveRegion(anywidget.AnyWidget):
    """One polite status line for screen readers: the page makes its `role="status"` node once and
    then only updates its text (a node removed and re-inserted on each change may not be read).
    Setting the same text again sends nothing, so it speaks on phase and state changes only.
    It also brings the course stylesheet and the timer's focus rule (TIMER_CSS) to the page."""

    _esm = """
function render({ model, el }) {
  const node = document.createElement("div");
  node.className = "hipcontent-timer-status-text";
  node.setAttribute("role", "status");
  node.setAttribute("aria-live", "polite");
  node.setAttribute("aria-atomic", "true");
  node.style.lineHeight = "1.3";
  const show = () => {
    node.textContent = model.get("text");
    node.style.fontSize = model.get("font_size");
  };
  model.on("change:text", show);
  model.on("change:font_size", show);
  show();
  el.append(node);
  return () => { model.off("change:text", show); model.off("change:font_size", show); };
}
export default { render };
"""
    _css = course_css() + TIMER_CSS
    text = traitlets.Unicode("").tag(sync=True)
    font_size = traitlets.Unicode("1rem").tag(sync=True)

    @property
    def value(self) -> str:
        """The status line as the HTML the page holds (text escaped)."""
        return f'<div role="status" aria-live="polite" aria-atomic="true">{escape(self.text)}</div>'


# Strong references to running ticking tasks (the event loop keeps only weak ones).
_LIVE_TASKS: set[asyncio.Task] = set()
# Re-running a cell stops the timers its earlier run made (no orphan ticking).
CELLS = CellOwned()


def _side_words(side: str | None, side_word: str) -> str:
    return f"{side.upper()} {side_word}".strip() if side else ""


def stop_all_timers() -> None:
    """Stop every ticking timer in this kernel (their displays stay, frozen)."""
    for task in list(_LIVE_TASKS):
        task.get_loop().call_soon_threadsafe(task.cancel)


class ExerciseTimer(TimerConstructors, widgets.VBox):
    """A timer view over any program (list of Phase): big m:ss, phase in words, side, next, total.

    size: "projector" (big digits for a room) or "compact". clock: the engine's clock (tests
    pass a fake one). sound: start with sound on. side_word: what a side is called ("leg").
    """

    def __init__(
        self,
        program: Sequence[Phase],
        *,
        title: str | None = None,
        size: str = "projector",
        clock: Callable[[], float] = time.monotonic,
        sound: bool = True,
        side_word: str = "leg",
    ):
        self._task: asyncio.Task | None = None  # first, so close() works even if a check below fails
        self.engine = timers.TimerEngine(program, clock=clock)
        if size not in SIZES:
            raise ValueError(f"size must be 'projector' or 'compact'; got {size!r}")
        if title is not None and not isinstance(title, str):
            raise ValueError(f"title must be text; got {type(title).__name__}")
        if title is not None and len(title) > MAX_PHASE_TEXT:
            raise ValueError(f"title must be at most {MAX_PHASE_TEXT} characters; got {len(title)}")
        if not isinstance(side_word, str) or len(side_word) > 40:
            raise ValueError(f"side_word must be a short word such as 'leg' (at most 40 characters); got {side_word!r:.60}")
        self.size = size
        self.title = title if title else _default_title(self.engine.program)
        self.side_word = side_word
        self._lock = threading.RLock()  # callbacks may arrive on a kernel subshell thread
        self._home_loop = _running_loop()
        self._sound_unlocked = False  # becomes True on the first Start click
        self._audio_variant = 0
        self._last_index: int | None = None
        self._last_shown: int | None = None
        self.cues_played: collections.deque[str] = collections.deque(maxlen=100)
        self.last_error: BaseException | None = None

        fonts = _FONTS[size]
        self.heading = widgets.HTML(
            f'<div class="hipcontent-timer-title" style="font-size:{fonts[0]};font-weight:700">'
            f"{escape(self.title)}</div>"
        )
        self.display_html = widgets.HTML()
        self.display_html.add_class("hipcontent-timer-display")
        self.status_html = LiveRegion(font_size=fonts[3])
        self.status_html.add_class("hipcontent-timer-status")
        self.progress = widgets.FloatProgress(
            value=0.0, min=0.0, max=1.0, description="Phase", layout=widgets.Layout(width="100%")
        )
        self.info_html = widgets.HTML()
        self.info_html.add_class("hipcontent-timer-info")
        button_layout = widgets.Layout(min_width="8rem", height="3rem" if size == "projector" else "2.2rem")
        self.start_button = widgets.Button(
            description="Start", icon="play", button_style="primary", layout=button_layout,
            tooltip="Start or pause the timer (Enter or Space when focused)",
        )
        self.reset_button = widgets.Button(
            description="Reset", icon="undo", layout=button_layout, tooltip="Stop and go back to the first phase"
        )
        self.skip_button = widgets.Button(
            description="Skip", icon="forward", layout=button_layout, tooltip="Jump to the next phase"
        )
        self.sound_button = widgets.ToggleButton(
            value=bool(sound), description="Sound on" if sound else "Sound off",
            icon="volume-up" if sound else "volume-off", layout=button_layout,
            tooltip="Turn the beeps on or off (the screen shows every cue either way)",
        )
        for name, button in (("start", self.start_button), ("reset", self.reset_button),
                             ("skip", self.skip_button), ("sound", self.sound_button)):
            button.add_class(f"hipcontent-timer-{name}")
        self.audio = widgets.Audio(
            value=cue_wav("silence"), format="wav", autoplay=True, loop=False, controls=False,
            layout=widgets.Layout(display="none"),
        )
        self.start_button.on_click(self._on_start)
        self.reset_button.on_click(self._on_reset)
        self.skip_button.on_click(self._on_skip)
        self.sound_button.observe(self._on_sound, names="value")
        buttons = widgets.HBox([self.start_button, self.reset_button, self.skip_button, self.sound_button])
        buttons.add_class("hipcontent-timer-buttons")  # room for the focus outline (TIMER_CSS)
        super().__init__(
            [self.heading, self.display_html, self.progress, self.info_html, self.status_html, buttons, self.audio]
        )
        self.add_class("hipcontent-timer")
        self.add_class(f"hipcontent-timer-{size}")
        self.tick()
        CELLS.adopt(self, lambda old: old.close())

    def schedule(self):
        """The whole program as a table: a handout, or a fallback where widgets do not show."""
        return timers.schedule(self.engine.program, self.side_word)

    # -- what the buttons do --
    def _on_start(self, _button=None) -> None:
        with self._lock:
            was = self.engine.state
            if was == timers.FINISHED:
                self.engine.reset()
                self._last_index = self._last_shown = None
            self.engine.toggle()
            self._sound_unlocked = True
            if was in (timers.READY, timers.FINISHED) and self.engine.running:
                self._play(self.engine.phase.kind)
        if self.engine.running:
            self._ensure_ticking()
        else:
            self._stop_ticking()
        self.tick()

    def _on_reset(self, _button=None) -> None:
        with self._lock:
            self.engine.reset()
            self._last_index = self._last_shown = None
        self._stop_ticking()
        self.tick()

    def _on_skip(self, _button=None) -> None:
        with self._lock:
            self.engine.skip()
        self.tick()
        self._ensure_ticking()

    def _on_sound(self, change) -> None:
        on = bool(change["new"])
        self.sound_button.description = "Sound on" if on else "Sound off"
        self.sound_button.icon = "volume-up" if on else "volume-off"

    # -- drawing --
    def tick(self) -> None:
        """Redraw from the engine's clock now and play any cue that is due (the ticking task calls this)."""
        with self._lock:
            snapshot = self.engine.snapshot()
            self._cue(snapshot)
            self._draw(snapshot)

    def _cue(self, s: dict) -> None:
        index, shown = s["phase_index"], math.ceil(s["phase_remaining"] - 1e-9)
        if self._last_index is not None and s["state"] in (timers.RUNNING, timers.FINISHED):
            if index != self._last_index:
                self._play("done" if s["phase"] is None else s["phase"].kind)
            elif shown != self._last_shown and 1 <= shown <= 3 and s["phase"].seconds >= BEEP_MIN_PHASE:
                self._play("beep")
        self._last_index, self._last_shown = index, shown

    def _play(self, cue: str) -> None:
        self.cues_played.append(cue)
        if self._sound_unlocked and self.sound_button.value:
            self._audio_variant ^= 1  # the Audio view plays again only when its data changes
            self.audio.value = cue_wav(cue, self._audio_variant)

    def _draw(self, s: dict) -> None:
        state, phase, upcoming = s["state"], s["phase"], s["next_phase"]
        kind = "done" if phase is None else phase.kind
        word, icon, background, colour = PHASE_LOOK[kind]
        side = _side_words(phase.side, self.side_word) if phase else ""
        digits = timers.format_seconds(s["phase_remaining"] if phase else 0)
        title_font, word_font, digit_font, cue_font = _FONTS[self.size]
        headline = f"{word} — {side}" if side else word
        # The exercise's name is shown above the panel already, unless a session moves between exercises.
        notes = [phase.exercise if phase.exercise != self.title else "", phase.label] if phase else ["Well done"]
        flag = {timers.READY: "Press Start", timers.PAUSED: "PAUSED"}.get(state, "")
        cue = phase.cue if phase else ""
        self.display_html.value = (
            f'<div class="hipcontent-timer-panel" data-state="{state}" data-kind="{kind}" style="'
            f"background:{background};color:{colour};border-radius:12px;padding:0.4em 0.8em;"
            f'text-align:center;font-family:system-ui,sans-serif;line-height:1.15">'
            f'<div style="font-size:{cue_font}">{escape(" · ".join(n for n in notes if n))}&nbsp;</div>'
            f'<div class="hipcontent-timer-phase" style="font-size:{word_font};font-weight:800">'
            f'<span aria-hidden="true">{icon}</span> {escape(headline)}</div>'
            f'<div class="hipcontent-timer-digits" role="timer" aria-label="time left in this phase" '
            f'style="font-size:{digit_font};font-weight:800;font-variant-numeric:tabular-nums">{digits}</div>'
            f'<div style="font-size:{cue_font}">{escape(flag or cue)}&nbsp;</div>'
            "</div>"
        )
        length = phase.seconds if phase else 1.0
        self.progress.value = 1.0 if phase is None else min(1.0, max(0.0, 1 - s["phase_remaining"] / length))
        self.progress.style.bar_color = background if phase else OKABE_ITO["blue"]
        if upcoming is not None:
            up_word = PHASE_LOOK[upcoming.kind][0]
            up_side = _side_words(upcoming.side, self.side_word)
            up_name = f" ({upcoming.exercise})" if upcoming.exercise and upcoming.exercise != (phase and phase.exercise) else ""
            next_text = f"Next: {up_word}{' — ' + up_side if up_side else ''}{up_name} {timers.format_seconds(upcoming.seconds)}"
        else:
            next_text = "Next: the end" if phase else "Finished"
        position = f"Phase {min(s['phase_index'] + 1, len(self.engine.program))} of {len(self.engine.program)}"
        info = f"{next_text} · Total left {timers.format_seconds(s['total_remaining'])} · {position}"
        self.info_html.value = f'<div style="font-size:{cue_font};line-height:1.3">{escape(info)}</div>'
        # Screen readers: a polite status that changes only when the phase or the state changes.
        if phase is None:
            spoken = "Finished. Well done."
        else:
            spoken = f"{side + '. ' if side else ''}{word.capitalize()}, {_spoken_seconds(phase.seconds)}."
            spoken = {timers.READY: f"Ready. {spoken}", timers.PAUSED: f"Paused. {spoken}"}.get(state, spoken)
        self.status_html.text = spoken  # the same text again sends nothing: phase changes only
        label = {timers.RUNNING: ("Pause", "pause"), timers.PAUSED: ("Resume", "play"),
                 timers.FINISHED: ("Start again", "play")}.get(state, ("Start", "play"))
        self.start_button.description, self.start_button.icon = label

    # -- ticking --
    def _ensure_ticking(self) -> None:
        if not self.engine.running or (self._task is not None and not self._task.done()):
            return
        here = _running_loop()
        home = self._home_loop if self._home_loop is not None and self._home_loop.is_running() else here
        if home is None:
            return  # no event loop (plain Python, a test): call tick() to redraw
        if here is not home:  # a callback on a kernel subshell thread: hand over to the main loop
            home.call_soon_threadsafe(self._ensure_ticking)
            return
        self._task = home.create_task(self._run())
        _LIVE_TASKS.add(self._task)
        self._task.add_done_callback(_LIVE_TASKS.discard)

    def _stop_ticking(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            if _running_loop() is task.get_loop():
                task.cancel()
            else:
                task.get_loop().call_soon_threadsafe(task.cancel)

    async def _run(self) -> None:
        try:
            while True:
                self.tick()
                if not self.engine.running:
                    return
                await asyncio.sleep(self.engine.seconds_to_next_change())
        except asyncio.CancelledError:
            raise
        except Exception as error:  # keep the kernel quiet; show the problem in the timer instead
            self.last_error = error
            self.status_html.text = f"Timer stopped: {error}"

    @property
    def ticking(self) -> bool:
        """True while a ticking task is alive."""
        return self._task is not None and not self._task.done()


    def close(self) -> None:
        """Stop ticking and remove the timer's widgets from the page."""
        self._stop_ticking()
        for child in self._all_parts():
            child.close()
        super().close()

    def _all_parts(self) -> list[widgets.Widget]:
        names = ("heading", "display_html", "progress", "info_html", "status_html", "start_button",
                 "reset_button", "skip_button", "sound_button", "audio")
        parts = [getattr(self, name, None) for name in names]
        rows = [child for child in getattr(self, "children", ()) if isinstance(child, widgets.HBox)]
        return [part for part in parts if part is not None] + rows

    def _repr_mimebundle_(self, **kwargs):
        # An unrun, untrusted lesson shows only text/plain: say how to bring the timer to life.
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if isinstance(data, dict):
            data["text/plain"] = needs_python(f'The timer "{self.title}"')
        return bundle

    def __repr__(self) -> str:
        count = len(self.engine.program)
        return (
            f"Timer: {self.title} — {count} phase{'s' if count != 1 else ''}, "
            f"{timers.format_seconds(self.engine.total)} total"
        )


def session_timer(
    exercises: Iterable[Exercise | str],
    rest_between: float | None = 30,
    *,
    library: ExerciseLibrary | None = None,
    **options,
) -> ExerciseTimer:
    """A timer for a whole session: the exercises (or their ids in `library`) in order, with rests between them."""
    return ExerciseTimer.for_session(exercises, rest_between, library=library, **options)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def _spoken_seconds(seconds: float) -> str:
    whole = math.ceil(seconds - 1e-9)
    minutes, secs = divmod(whole, 60)
    parts = ([f"{minutes} minute{'s' if minutes != 1 else ''}"] if minutes else []) + (
        [f"{secs} second{'s' if secs != 1 else ''}"] if secs or not minutes else []
    )
    return " ".join(parts)


def _default_title(program: Sequence[Phase]) -> str:
    names = list(dict.fromkeys(phase.exercise for phase in program if phase.exercise))
    if len(names) == 1:
        return names[0]
    if len(names) > 1:
        return f"Session: {len(names)} exercises"
    return "Timer"
