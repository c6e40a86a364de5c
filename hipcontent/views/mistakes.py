"""Mistakes made on purpose: a lesson shows a deliberate error as one friendly box, not a traceback.

    with mistake_on_purpose():
        ExerciseTimer.countdown(0)

The box says what is wrong, where, and how to fix it, live and in the stored output, and never
shows a traceback or a path on this machine. Only the course's own errors are caught: a
`ContentError` (a data file is wrong), or a ValueError, TypeError or KeyError raised inside
hipcontent (a bad argument to one of its functions). An error from the learner's or coach's own
code, or from another library, goes on as usual, with its full traceback. A block that does not
fail shows a box saying so and raises AssertionError, so a lesson whose mistake stopped being
one fails its check (nbval) instead of teaching something untrue.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from hipcontent.content.errors import ContentError
from hipcontent.views.display import HTMLBlock, escape

__all__ = ["Mistake", "MistakeOnPurpose", "mistake_box", "mistake_on_purpose", "no_mistake_box"]

ARGUMENT_ERRORS = (ValueError, TypeError, KeyError)  # what hipcontent raises for a bad argument
MAX_SHOWN = 12  # problems listed in one box; the rest are counted
MAX_TEXT = 1000  # characters of one reason or message shown; the rest is cut with "…"
PACKAGE = "hipcontent"
PACKAGE_DIR = Path(__file__).resolve().parent.parent


# --- whose error is it? -------------------------------------------------------------------------


def _module_of(frame) -> str:
    return str(frame.f_globals.get("__name__", ""))


def _in_hipcontent(frame) -> bool:
    """A frame runs hipcontent's code: its module is hipcontent or one of its sub-modules."""
    name = _module_of(frame)
    return name == PACKAGE or name.startswith(PACKAGE + ".")


def _frames(traceback: TracebackType | None) -> list:
    frames = []
    while traceback is not None:
        frames.append(traceback.tb_frame)
        traceback = traceback.tb_next
    return frames


def raised_by_hipcontent(error: BaseException) -> bool:
    """True for the course's own errors: every ContentError, and an argument error (ValueError,
    TypeError, KeyError) whose innermost frame, where it was raised, is hipcontent's code.
    An error raised in a coach's function that hipcontent called, or inside numpy, is not."""
    if isinstance(error, ContentError):
        return True
    if not isinstance(error, ARGUMENT_ERRORS):
        return False
    frames = _frames(error.__traceback__)
    return bool(frames) and _in_hipcontent(frames[-1])


def _called(error: BaseException) -> str:
    """The hipcontent function the learner's code called (the outermost hipcontent frame)."""
    for frame in _frames(error.__traceback__):
        if _in_hipcontent(frame):
            code = frame.f_code
            name = getattr(code, "co_qualname", code.co_name)
            name = name.rsplit("<locals>.", 1)[-1]  # a function defined inside another: its own name
            owner = frame.f_locals.get("cls", type(frame.f_locals.get("self", None)))
            if "." in name and isinstance(owner, type) and owner is not type(None):
                name = f"{owner.__name__}.{name.rsplit('.', 1)[1]}"  # the class called, not a base it inherits from
            if name.endswith("__init__"):
                name = name[: -len(".__init__")] or name
            return name if name != "<module>" else ""
    return ""


# --- no paths from this machine -------------------------------------------------------------------


def _places() -> list[tuple[str, str]]:
    """(prefix, shown as) for the folders a message may name: the package, the working folder, home."""
    places = [(str(PACKAGE_DIR) + os.sep, "hipcontent/")]
    try:
        places.append((str(Path.cwd()) + os.sep, ""))
    except OSError:  # the working folder was deleted
        pass
    home = str(Path.home())
    if len(home) > 1:
        places.append((home + os.sep, "~/"))
    return places


def shown_file(file: str) -> str:
    """A data file as the box names it: relative to the working folder or the package, never an
    absolute path on this machine (an absolute path elsewhere shows as its file name)."""
    file = str(file)
    if not file:
        return ""
    path = Path(file)
    if not path.is_absolute():
        return path.as_posix()
    for prefix, shown in _places():
        if file.startswith(prefix):
            return (shown + file[len(prefix):]).replace(os.sep, "/")
    return path.name


_ABSOLUTE = re.compile(r"(?<![\w.~:/])(?:/|[A-Za-z]:\\)[^\s'\"),;]*")  # not a URL's //host/...


def shown_text(text: str) -> str:
    """Text a box can always show and store: lone surrogates (a file name that is not UTF-8, a
    broken character in the data being refused) written as escapes such as \\udce9, and at most
    MAX_TEXT characters."""
    text = str(text)
    text = text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def without_paths(text: str) -> str:
    """`text` with this machine's folders made relative, and any other absolute path cut to its
    file name (a message quotes the path it was given); always showable (see shown_text)."""
    text = shown_text(text)
    for prefix, shown in sorted(_places(), key=lambda place: -len(place[0])):
        text = text.replace(prefix, shown)
    return _ABSOLUTE.sub(lambda match: Path(match.group(0)).name or match.group(0), text)


# --- what the box says ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One problem: where (file, entry, field) and what is wrong."""

    where: str
    what: str


@dataclass(frozen=True)
class Mistake:
    """What a box says about one caught error: its kind, each problem, and how to fix it."""

    kind: str  # the error's class name, e.g. "ExerciseDataError"
    summary: str  # one sentence: what went wrong
    places: tuple[Place, ...]
    more: int  # problems not listed
    fix: str

    @classmethod
    def from_error(cls, error: BaseException) -> Mistake:
        notes = [without_paths(str(note)) for note in getattr(error, "__notes__", ()) or ()]
        if isinstance(error, ContentError):
            problems = error.problems
            places = tuple(
                Place(_where(p.file, p.entry, p.field), without_paths(p.reason)) for p in problems[:MAX_SHOWN]
            )
            count = len(problems)
            what = getattr(type(error), "what", "the data")
            summary = f"{count} problems in {what}." if count > 1 else f"A problem in {what}."
            fix = " ".join(notes) or _content_fix(error, count)
            return cls(type(error).__name__, summary, places, max(0, count - MAX_SHOWN), fix)
        message = error.args[0] if isinstance(error, KeyError) and len(error.args) == 1 else str(error)
        message = without_paths(str(message)) or type(error).__name__
        called = _called(error)
        where = f"the arguments given to {called}" if called else "the arguments given to hipcontent"
        fix = " ".join(notes) or ("Change the value the message names (it says what is allowed) "
                                   "and run the cell again.")
        return cls(type(error).__name__, "A hipcontent function refused its arguments.", (Place(where, message),), 0,
                   fix)


def _where(file: str, entry: str, field: str) -> str:
    parts = [shown_file(shown_text(file))] if file else []
    if entry:
        parts.append(f"entry {entry!r}")
    if field:
        parts.append(f"field {field}")
    return shown_text(", ".join(parts)) or "the data"


def _content_fix(error: ContentError, count: int) -> str:
    files = list(dict.fromkeys(shown_file(shown_text(p.file)) for p in error.problems if p.file))
    target = f"in {', '.join(files)}" if files and len(files) <= 3 else "in the file(s) named above"
    fix = f"Correct {'each field' if count > 1 else 'the field'} {target} as the reason says."
    after = type(error).after if error.loading else ""
    return f"{fix} {after}" if after else f"{fix} Then run the cell again."


# --- the boxes ---------------------------------------------------------------------------------------


def mistake_box(error: BaseException) -> HTMLBlock:
    """The friendly box for a caught error: heading, what/where per problem, how to fix it."""
    mistake = Mistake.from_error(error)
    title = f"Mistake made on purpose: {mistake.kind}"
    rows = "".join(
        f'<li><span class="hip-mistake-where"><strong>Where:</strong> {escape(p.where)}</span><br>'
        f'<span class="hip-mistake-what"><strong>What is wrong:</strong> {escape(p.what)}</span></li>'
        for p in mistake.places
    )
    more = f"<p>… and {mistake.more} more problem{'s' if mistake.more != 1 else ''}.</p>" if mistake.more else ""
    html = (
        f'<div class="hip-mistake" role="note">'
        f'<p class="hip-mistake-title"><strong>{escape(title)}</strong></p>'
        f"<p>{escape(mistake.summary)}</p>"
        f'<ul class="hip-mistake-problems">{rows}</ul>{more}'
        f'<p class="hip-mistake-fix"><strong>How to fix it:</strong> {escape(mistake.fix)}</p>'
        "<p>This error was expected: the lesson made it on purpose, and the rest of the notebook runs on.</p>"
        "</div>"
    )
    lines = [title, mistake.summary]
    for p in mistake.places:
        lines += [f"- Where: {p.where}", f"  What is wrong: {p.what}"]
    if mistake.more:
        lines.append(f"… and {mistake.more} more problem{'s' if mistake.more != 1 else ''}.")
    lines.append(f"How to fix it: {mistake.fix}")
    return HTMLBlock(html, "\n".join(lines))


NO_MISTAKE = ("This cell was meant to fail, to show a mistake and its message, but nothing went wrong. "
              "The lesson's example is out of date: tell the course maintainers.")


def no_mistake_box() -> HTMLBlock:
    """The box for a mistake that did not happen (the lesson's example no longer fails)."""
    title = "Expected a mistake, and none happened"
    html = (f'<div class="hip-mistake hip-mistake-missing" role="alert">'
            f'<p class="hip-mistake-title"><strong>{escape(title)}</strong></p><p>{escape(NO_MISTAKE)}</p></div>')
    return HTMLBlock(html, f"{title}\n{NO_MISTAKE}")


def _show(block: HTMLBlock) -> None:
    try:
        from IPython.display import display
    except ImportError:  # plain Python: the text is the output
        print(block.text)
        return
    display(block)


class MistakeOnPurpose:
    """The context manager behind `mistake_on_purpose()`; `.mistake` is the error caught (or None)."""

    def __init__(self, expected: type[BaseException] | tuple[type[BaseException], ...] = Exception):
        kinds = expected if isinstance(expected, tuple) else (expected,)
        if not kinds or not all(isinstance(k, type) and issubclass(k, Exception) for k in kinds):
            raise TypeError(f"expected must be an exception class or a tuple of them; got {expected!r}")
        self.expected = kinds
        self.mistake: BaseException | None = None
        self.box: HTMLBlock | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None:
            self.box = no_mistake_box()
            _show(self.box)
            raise AssertionError(NO_MISTAKE)
        if not isinstance(error, self.expected) or not raised_by_hipcontent(error):
            return False  # the learner's own error, another error, an interrupt: as usual, with its traceback
        self.mistake, self.box = error, mistake_box(error)
        _show(self.box)
        return True


def mistake_on_purpose(
    expected: type[BaseException] | tuple[type[BaseException], ...] = Exception,
) -> MistakeOnPurpose:
    """Run a block that is meant to fail with one of hipcontent's errors, and show that error as
    one box (what is wrong, where, how to fix it) instead of a traceback.

        with mistake_on_purpose():
            plan_session(["supine-toe-tap"], rest_between=-30)

    expected: the kind of error the lesson means to show (e.g. `ExerciseDataError`); any other
    error goes on with its usual traceback, so a lesson notices when its mistake changes.
    Errors from your own code, or any other error, keep their usual traceback. If the block does
    not fail, a box says so and AssertionError is raised."""
    return MistakeOnPurpose(expected)
