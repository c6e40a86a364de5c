"""A stand-alone session player: one HTML file that plays a timer program with no Python and no network.

`save_player(plan_or_program, "session.html")` writes a single file holding the browser timer's
own script and style (hipcontent/widgets/static/clock.js and clock.css, inlined), and the program
as JSON. Open it on a laptop, a projector PC or a phone: it counts, beeps, speaks, flashes, keeps
the screen awake, goes full screen, and shows each exercise's name, steps and cues as it plays.

It loads nothing from anywhere: no CDN, no web fonts, and a Content-Security-Policy that forbids
every fetch, so it works from an e-mail attachment, a USB stick or a shared drive. The file is
written atomically (a temporary file in the same folder, then renamed over the target), so a
failed write never leaves half a player behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hipcontent.printing.files import replacing
from hipcontent.timing import timers
from hipcontent.timing.payload import timer_payload
from hipcontent.timing.program import Phase
from hipcontent.timing.timers import check_program
from hipcontent.views.display import escape
from hipcontent.widgets.clock import (
    BrowserTimer,
    bounded_exercises,
    exercise_objects,
    exercise_pictures,
    static_text,
)

__all__ = ["CSP", "SavedPlayer", "player_html", "player_template", "save_player"]


@dataclass(frozen=True)
class SavedPlayer:
    """A written player page: where it is (as you gave it), how many phases it plays and for how long."""

    path: Path
    phases: int
    seconds: float

    def __fspath__(self) -> str:
        return str(self.path)

    def __repr__(self) -> str:
        return (
            f"Player written: {self.path.as_posix()} ({self.phases} phase{'s' if self.phases != 1 else ''}, "
            f"{timers.format_seconds(self.seconds)}; opens in any web browser, no internet needed)"
        )

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "media-src data: blob:; base-uri 'none'; form-action 'none'"
)

# The page around the timer: light or dark with the device's setting, two columns on a wide screen.
PAGE_CSS = """
:root { color-scheme: light dark;
  --jp-ui-font-color0: #111111; --jp-ui-font-color1: #2b2b2b; --jp-layout-color0: #ffffff;
  --jp-layout-color2: #ececec; --jp-layout-color3: #bdbdbd; --jp-ui-font-color2: #6b6b6b; }
@media (prefers-color-scheme: dark) { :root {
  --jp-ui-font-color0: #f4f4f4; --jp-ui-font-color1: #d6d6d6; --jp-layout-color0: #121212;
  --jp-layout-color2: #2a2a2a; --jp-layout-color3: #555555; --jp-ui-font-color2: #a0a0a0; } }
html, body { margin: 0; background: var(--jp-layout-color0); color: var(--jp-ui-font-color0); }
main { max-width: 1800px; margin: 0 auto; padding: 1rem 1.5rem 2rem; }
.hipcontent-player-footer { font-size: 0.95rem; color: var(--jp-ui-font-color1); margin-top: 1.5rem;
  font-family: system-ui, "DejaVu Sans", sans-serif; }
@media (min-width: 1000px) {
  main .hipcontent-clock { display: grid; grid-template-columns: minmax(0, 2.4fr) minmax(16rem, 1fr);
    grid-template-rows: auto minmax(0, 1fr) repeat(7, auto); column-gap: 2rem; align-items: start;
    min-height: calc(100vh - 2rem); }
  main .hipcontent-clock > * { grid-column: 1; }
  main .hipcontent-clock > .hipcontent-clock-stage { align-self: stretch; }
  main .hipcontent-clock-button { min-width: 4.8rem; padding: 0.3rem 0.7rem; }
  main .hipcontent-clock-stage > .hipcontent-clock-panel { display: flex; flex-direction: column;
    justify-content: center; }
  /* Long steps scroll in their own column, never push the clock off the screen. */
  main .hipcontent-clock > .hipcontent-clock-details { grid-column: 2; grid-row: 1 / span 9; margin-top: 0;
    max-height: calc(100vh - 3rem); overflow-y: auto; }
}
/* Sized by the screen's height too, so the buttons stay on screen on a laptop or a projector. */
main .hipcontent-clock-projector { --hc-title: clamp(1.4rem, min(3vw, 4.5vh), 2.4rem);
  --hc-word: clamp(1.6rem, min(4.2vw, 6.5vh), 4.5rem); --hc-digits: clamp(4.5rem, min(17vw, 25vh), 16rem);
  --hc-cue: clamp(1.1rem, min(2.2vw, 3.4vh), 2.2rem); --hc-picture: 50vh; }
@media (min-width: 1000px) { main .hipcontent-clock-projector { --hc-digits: clamp(4.5rem, min(11vw, 27vh), 18rem); } }
@media (max-width: 600px) { main { padding: 0.4rem 0.4rem 1rem; } main .hipcontent-clock-projector {
  --hc-digits: clamp(4rem, 26vw, 7rem); --hc-picture: 30vh; } }
"""

BOOT = """
const data = JSON.parse(document.getElementById("hipcontent-program").textContent);
const player = mountPlayer(document.getElementById("hipcontent-player"), data);
document.querySelector("#hipcontent-player .hipcontent-clock").focus({ preventScroll: true });
window.hipcontentPlayer = player;
"""


def _json_for_script(data: object) -> str:
    """JSON that cannot end its <script> block: every <, > and & written as a \\u escape."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _what(source: object, *, preset, library, exercises) -> tuple[tuple[Phase, ...], str | None, object, str]:
    """(program, default title, the exercises it plays, side word) of whatever was passed.

    Any iterable program is read once, lazily, up to timing's bound (timers.check_program)."""
    from hipcontent.content.exercises import Exercise

    if isinstance(source, Exercise):
        chosen = timers.resolve_preset(source, preset)
        program = timers.exercise_program(source, chosen)
        title = source.name if preset is None else f"{source.name} ({chosen.id})"
        return check_program(program), title, [source], "side"
    if isinstance(source, BrowserTimer):  # a timer already made in the notebook: the same on any device
        return source.program, source.title, json.loads(source.payload)["exercises"], source.side_word
    from hipcontent.widgets.timer import ExerciseTimer

    if isinstance(source, ExerciseTimer):
        return source.engine.program, source.title, None, source.side_word
    if isinstance(source, str):
        return _what(timers.resolve_exercise(source, library), preset=preset, library=library, exercises=None)
    if isinstance(source, Iterable) and not isinstance(source, (bytes, Mapping)):
        return check_program(source), None, exercises, "leg"
    raise ValueError(
        "save_player needs an Exercise (or its id), a timer, or a list of Phase (a session plan: plan.save_player); "
        f"got {type(source).__name__}"
    )


def player_html(
    source: object,
    *,
    title: str | None = None,
    preset=None,
    library=None,
    sound: bool = True,
    voice: bool = True,
    side_word: str | None = None,
    exercises: Mapping | None = None,
) -> str:
    """The player page as text (see save_player)."""
    return _page(source, title=title, preset=preset, library=library, sound=sound, voice=voice,
                 side_word=side_word, exercises=exercises)[1]


def _page(source, *, title, preset, library, sound, voice, side_word, exercises) -> tuple[tuple[Phase, ...], str]:
    program, default, chosen, default_side = _what(source, preset=preset, library=library, exercises=exercises)
    chosen = bounded_exercises(chosen)
    data = timer_payload(
        program, title=title if title else default, size="projector", sound=sound, voice=voice,
        side_word=side_word if side_word is not None else default_side, exercises=chosen, library=library,
        pictures=exercise_pictures(exercise_objects(chosen)),
    )
    data["fonts"] = []  # the page sizes its text to the screen (PAGE_CSS), not to a notebook column
    script = static_text("clock.js")
    style = static_text("clock.css")
    for name, text in (("clock.js", script), ("clock.css", style)):
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError(f"{name} must not contain a closing tag: it is inlined into the page")
    schedule = timers.schedule(program, data["side_word"])  # for a browser with scripts off
    return program, _assemble(escape(data["title"]), schedule.html, _json_for_script(data), style, script)


def _assemble(title_html: str, schedule_html: str, data_json: str, style: str, script: str) -> str:
    """The player page around its parts (each already escaped or checked by the caller)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title_html} — timer</title>\n"
        f"<style>\n{style}\n{PAGE_CSS}</style>\n</head>\n<body>\n"
        '<main id="hipcontent-player">\n'
        f"<noscript><h1>{title_html}</h1><p>This timer needs JavaScript. The plan:</p>"
        f"{schedule_html}</noscript>\n</main>\n"
        f'<script type="application/json" id="hipcontent-program">{data_json}</script>\n'
        f'<script type="module">\n{script}\n{BOOT}</script>\n'
        "</body>\n</html>\n"
    )


# Where a front end puts its own parts into player_template()'s page (none occurs in the parts).
TEMPLATE_MARKS = {"title": "{{hipcontent:title}}", "schedule": "{{hipcontent:schedule}}",
                  "data": "{{hipcontent:data}}", "style": "{{hipcontent:style}}", "script": "{{hipcontent:script}}"}


def player_template() -> dict:
    """The player page with a mark for each part, for a front end that writes the same page itself
    (the session form with no kernel): {"page": text, "marks": TEMPLATE_MARKS, "style": clock.css,
    "script": clock.js}. Put in escaped title, the escaped schedule table, the program JSON with every
    <, > and & as a \\u escape, and the style and script as given."""
    marks = TEMPLATE_MARKS
    page = _assemble(marks["title"], marks["schedule"], marks["data"], marks["style"], marks["script"])
    return {"page": page, "marks": dict(marks), "style": static_text("clock.css"), "script": static_text("clock.js")}


def save_player(
    source: object,
    path: str | os.PathLike,
    *,
    title: str | None = None,
    preset=None,
    library=None,
    sound: bool = True,
    voice: bool = True,
    side_word: str | None = None,
    exercises: object = None,
    overwrite: bool = False,
) -> SavedPlayer:
    """Write the stand-alone player for `source` to `path` (one .html file); say where and how long.

    source: an Exercise or its id (at `preset`, in `library`), a timer made in the notebook
    (BrowserTimer or ExerciseTimer), or any timer program (a list of Phase), with `exercises`
    (the Exercises it plays, or a mapping exercise id -> Exercise) for each exercise's picture,
    steps and cues, looked up by each phase's exercise_id; a session plan writes its own with
    SessionPlan.save_player. title: the heading (default: the exercise's or timer's).
    overwrite: an existing file is never replaced unless this is True (FileExistsError names it);
    the file is written atomically, so on any error the old file, if any, is left as it was.
    Returns where it wrote (a path-like SavedPlayer that also says how long the program is).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ValueError(f"path must be a file path; got {type(path).__name__}")
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"the player is an HTML page: give a path ending in .html; got {target.as_posix()!r}")
    folder = target.parent
    if not folder.is_dir():
        raise ValueError(f"the folder {folder.as_posix()!r} does not exist: create it first")
    if target.is_dir():
        raise ValueError(f"{target.as_posix()!r} is a folder: give a file name ending in .html")
    if not isinstance(overwrite, bool):
        raise ValueError(f"overwrite must be True or False; got {type(overwrite).__name__}")
    if target.exists() and not overwrite:
        raise FileExistsError(
            f"{target.as_posix()} already exists and was left as it is: pass overwrite=True to replace it, "
            "or give another name"
        )
    program, html = _page(
        source, title=title, preset=preset, library=library, sound=sound, voice=voice, side_word=side_word,
        exercises=exercises,
    )
    with replacing(target, text=True) as out:
        out.write(html)
    return SavedPlayer(target, len(program), timers.program_seconds(program))
