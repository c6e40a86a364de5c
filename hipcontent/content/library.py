"""The exercise library: the built-in exercises plus a coach's folders, loaded all or nothing,
queried by goal, level, position, equipment and muscle, and walked along progressions.

Overriding: a coach's exercise may not reuse a built-in id, because the same name would then mean
two different things in two rooms. Pass ``override=True`` to replace built-in exercises on purpose;
the replaced ids are listed in ``library.overridden``. Files a folder holds that are not read
(sub-folders, hidden files, other extensions, ``.YAML``) are listed in ``library.skipped`` and
named in a SkippedFilesWarning.
"""

from __future__ import annotations

import itertools
import os
import warnings
import weakref
from collections import deque
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from hipcontent.content.errors import ContentError, ExerciseDataError, Problem
from hipcontent.content.exercise_checks import (
    MAX_FILE_BYTES,
    check_links,
    close_ids,
    load_exercise_file,
)
from hipcontent.content.exercise_models import (
    BUILTIN_FOLDER,
    EQUIPMENT,
    GOALS,
    LEVELS,
    POSITIONS,
    YAML_SUFFIXES,
    Exercise,
    progression_edges,
)
from hipcontent.content.muscles import muscles, resolve_muscles
from hipcontent.content.reader import package_file, parse_yaml, read_bytes
from hipcontent.content.shown import ExerciseList, list_html, list_text


class ExerciseNotFound(KeyError, ValueError):
    """No such exercise in the library (the message names the id and the closest ids)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "no such exercise"


class SkippedFilesWarning(UserWarning):
    """load_library passed over files in an exercise folder (listed in library.skipped)."""


MAX_FOLDERS = 20  # coach's folders in one load_library call
MAX_FOLDER_ENTRIES = 1000  # entries in one folder (files and anything else it holds)

# Every library loaded with a coach's folders in this process (weakly: a library nobody holds
# goes away). Only used to say, when an id is missing, which loaded library has it.
_LOADED: weakref.WeakSet = weakref.WeakSet()


class ExerciseLibrary:
    """All loaded exercises by id, with queries and the progression graph."""

    def __init__(self, exercises, overridden=(), skipped=(), folders=None):
        self._by_id = {ex.id: ex for ex in exercises}
        self.overridden = tuple(overridden)
        self.skipped = tuple(skipped)  # (file, why) for every folder entry not read as an exercise
        # The coach's folders it was loaded from: () for load_library() (built-in only), None for
        # a library built in Python from exercises at hand.
        self.folders = None if folders is None else tuple(folders)

    # -- container --------------------------------------------------------------------------
    def __getitem__(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except (KeyError, TypeError):
            raise ExerciseNotFound(self._missing(exercise_id)) from None

    def _missing(self, exercise_id) -> str:
        """Why an id is not here, and what to do: the closest ids, or the loaded library that has it."""
        shown = str(exercise_id)[:80]
        builtin_only = self.folders == ()
        where = ("the built-in library" if builtin_only else "the library" if self.folders is None
                 else "the library loaded from " + ", ".join(map(repr, self.folders)))
        message = f"no exercise {shown!r} in {where}"
        elsewhere = [lib for lib in list(_LOADED) if lib is not self and exercise_id in lib]
        if elsewhere:
            folders = ", ".join(map(repr, elsewhere[0].folders))
            return (f"{message}: it is in the library loaded from {folders}, which this call was not given. "
                    f"Pass library= with that library, e.g. library = load_library([{folders}]) and then "
                    "plan_session(..., library=library); the same goes for cards, timers, the player and the form")
        hint = close_ids(shown, self.ids, n=3)
        if hint:
            message += f"; did you mean {', '.join(map(repr, hint))}?"
        if builtin_only:
            message += (". If it is one of your own exercises, load your folder and pass it as library=, "
                        "e.g. library = load_library(['my-exercises']) and then plan_session(..., library=library)")
        return message

    def resolve(self, item) -> Exercise:
        """An Exercise as given, or the exercise with this id in this library.

        Raises ExerciseNotFound (a KeyError and a ValueError) naming the id and the closest ids."""
        if isinstance(item, Exercise):
            return item
        if not isinstance(item, str):
            raise ExerciseNotFound(f"exercise must be an Exercise or an exercise id (text); got {type(item).__name__}")
        return self[item]

    def __contains__(self, exercise_id) -> bool:
        return isinstance(exercise_id, str) and exercise_id in self._by_id

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def __repr__(self) -> str:
        return f"<ExerciseLibrary: {len(self)} exercises>"

    # In a notebook the library shows as words (a numbered list of its exercises), not the repr above.
    def _repr_html_(self) -> str:
        return list_html(list(self), "Exercise library")

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(list_text(list(self), "Exercise library"))

    # -- queries ----------------------------------------------------------------------------
    def query(self, goal=None, level=None, equipment=None, position=None, muscle=None,
              primary_only: bool = False) -> ExerciseList:
        """Exercises matching every criterion given.

        goal, level, position: one value each. equipment: an item the exercise uses; pass "none"
        for exercises that need nothing but a floor or a mat. muscle: a muscle or group id
        (e.g. "iliopsoas" matches anything working psoas major or iliacus); primary_only limits
        the match to primary muscles.
        """
        _check_choice("goal", goal, GOALS)
        _check_choice("level", level, LEVELS)
        _check_choice("position", position, POSITIONS)
        _check_choice("equipment", equipment, (*EQUIPMENT, "none"))
        wanted = None
        if muscle is not None:
            if not isinstance(muscle, str) or muscle not in muscles():
                raise KeyError(f"muscle {str(muscle)[:80]!r} is not in the muscle vocabulary; choose one of: "
                               + ", ".join(sorted(muscles())))
            wanted = resolve_muscles([muscle])
        out = []
        for ex in self:
            if goal is not None and goal not in ex.goals:
                continue
            if level is not None and ex.level != level:
                continue
            if position is not None and ex.position != position:
                continue
            if equipment is not None:
                if equipment == "none":
                    if set(ex.equipment) - {"mat"}:
                        continue
                elif equipment not in ex.equipment:
                    continue
            if wanted is not None:
                have = ex.primary_muscles if primary_only else ex.all_muscles
                if not have & wanted:
                    continue
            out.append(ex)
        return ExerciseList(out)

    # -- progression graph ------------------------------------------------------------------
    def _edges(self) -> dict[str, list[str]]:
        """easier -> harder edges, from both sides' declarations, in declaration order."""
        return progression_edges(list(self))

    def _reverse(self) -> dict[str, list[str]]:
        easier: dict[str, list[str]] = {eid: [] for eid in self._by_id}
        for ex in self:  # regressions first, in the exercise's own order
            for link in ex.regressions:
                if link.id in easier and link.id not in easier[ex.id]:
                    easier[ex.id].append(link.id)
        for src, targets in self._edges().items():
            for t in targets:
                if src not in easier[t]:
                    easier[t].append(src)
        return easier

    def progressions(self, exercise_id: str) -> ExerciseList:
        """The next harder exercises (one step)."""
        self[exercise_id]
        return ExerciseList(self[i] for i in self._edges()[exercise_id])

    def regressions(self, exercise_id: str) -> ExerciseList:
        """The next easier exercises (one step)."""
        self[exercise_id]
        return ExerciseList(self[i] for i in self._reverse()[exercise_id])

    def harder(self, exercise_id: str) -> ExerciseList:
        """Every exercise reachable by progressing, nearest first."""
        return self._walk(exercise_id, self._edges())

    def easier(self, exercise_id: str) -> ExerciseList:
        """Every exercise reachable by regressing, nearest first."""
        return self._walk(exercise_id, self._reverse())

    def chain(self, exercise_id: str) -> ExerciseList:
        """The main line through an exercise, easiest first: follow the first-listed regression
        back and the first-listed progression forward."""
        start = self[exercise_id]
        back, forward = self._reverse(), self._edges()
        before, node = [], exercise_id
        while back[node]:
            node = back[node][0]
            before.append(self[node])
        after, node = [], exercise_id
        while forward[node]:
            node = forward[node][0]
            after.append(self[node])
        return ExerciseList(before[::-1] + [start] + after)

    def _walk(self, exercise_id, edges):
        self[exercise_id]
        seen, order, queue = {exercise_id}, [], deque([exercise_id])
        while queue:
            for nxt in edges[queue.popleft()]:
                if nxt not in seen:
                    seen.add(nxt)
                    order.append(self[nxt])
                    queue.append(nxt)
        return ExerciseList(order)


def _check_choice(name, value, choices):
    if value is not None and (not isinstance(value, str) or value not in choices):
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {str(value)[:80]!r}")


def _builtin_files(skipped: list | None = None):
    return _list_folder(package_file("data/exercises"), BUILTIN_FOLDER, [] if skipped is None else skipped)


def _passed_over(entry) -> str:
    """Why a folder entry is not read as an exercise file ("" if it is one)."""
    name = entry.name
    if entry.is_dir():
        return "is a sub-folder; only the files directly in the folder are read"
    if name.startswith("."):
        return "is a hidden file"
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix in YAML_SUFFIXES:
        return ""
    if suffix.lower() in YAML_SUFFIXES:
        return f"ends in {suffix!r}; only lower-case .yaml and .yml files are read (rename it)"
    return "is not a .yaml file"


def _list_folder(folder, display: str, skipped: list) -> list:
    """The exercise files in a folder, sorted by name; every other entry goes into `skipped`
    as (name, why) so it can be named in a note, never passed over silently.

    At most MAX_FOLDER_ENTRIES entries are read (lazily); a folder holding more is refused."""
    entries = list(itertools.islice(folder.iterdir(), MAX_FOLDER_ENTRIES + 1))
    if len(entries) > MAX_FOLDER_ENTRIES:
        raise ExerciseDataError(Problem(display, "", "", f"holds more than {MAX_FOLDER_ENTRIES:,} files and folders; "
                                        "give a folder that holds only your exercise files"))
    files = []
    for entry in sorted(entries, key=lambda e: e.name):
        why = _passed_over(entry)
        if _shown_name(entry.name) != entry.name:
            why = "has a name that is not UTF-8 text; rename it"
        if why:
            skipped.append((f"{display}/{_shown_name(entry.name)}", why))
        else:
            files.append(entry)
    return files


def _user_files(folder, problems, skipped):
    path = Path(folder)
    display = str(folder)
    if not path.is_dir():
        problems.append(Problem(display, None, "", "is not a folder (give the folder that holds your .yaml files)"))
        return []
    try:
        files = _list_folder(path, str(path), skipped)
    except ContentError as error:
        problems.extend(error.problems)
        return []
    if not files:
        problems.append(Problem(display, None, "", "holds no .yaml exercise files"))
    return files


def _read_user_file(path: Path, display: str) -> bytes:
    return read_bytes(path, display, MAX_FILE_BYTES)  # regular files only; at most MAX_FILE_BYTES + 1


@cache
def _builtin() -> tuple[Exercise, ...]:
    problems, out = [], []
    for entry in _builtin_files():
        display = f"{BUILTIN_FOLDER}/{entry.name}"
        ex, _eid, found = load_exercise_file(read_bytes(entry, display, MAX_FILE_BYTES), display,
                                             entry.name.rsplit(".", 1)[0], True)
        problems.extend(found)
        if ex:
            out.append(ex)
    if problems:
        raise ExerciseDataError(problems)
    return tuple(out)


def load_library(extra_dirs=(), override: bool = False) -> ExerciseLibrary:
    """Load the built-in exercises plus any coach's folders of YAML files, all checked the same way.

    extra_dirs: folders (str or Path) of ``<id>.yaml`` files. A folder that does not exist or
    holds no .yaml file is an error. override: if False (the default) a coach's exercise may not
    reuse a built-in id; if True it replaces the built-in exercise (listed in ``.overridden``).
    Two of the coach's own files may never share an id.

    Raises ExerciseDataError listing every problem in every file; nothing is loaded then.
    """
    folders = _folders(extra_dirs)
    if not isinstance(override, bool):
        raise TypeError(f"override must be True or False; got {_shown_value(override)}. Pass override=True "
                        "to let your exercises replace built-in ones of the same id")
    builtin = {ex.id: ex for ex in _builtin()}
    problems: list[Problem] = []
    skipped: list[tuple[str, str]] = []
    _builtin_files(skipped)
    user: dict[str, Exercise] = {}
    seen_ids: set[str] = set()
    for folder in folders:
        for path in _user_files(folder, problems, skipped):
            display = str(Path(folder) / _shown_name(path.name))
            try:
                data = _read_user_file(path, display)
            except ContentError as error:
                problems.extend(error.problems)
                continue
            ex, eid, found = load_exercise_file(data, display, path.stem, False)
            problems.extend(found)
            if eid:
                if eid in seen_ids:
                    first = next((e.source_file for e in user.values() if e.id == eid), "another file")
                    problems.append(Problem(display, eid, "id", f"is already used by {first}"))
                    continue
                seen_ids.add(eid)
                if eid in builtin and not override:
                    problems.append(Problem(display, eid, "id",
                                            "is the id of a built-in exercise; choose another id, or pass "
                                            "override=True to replace the built-in exercise on purpose"))
            if ex:
                user[ex.id] = ex
    merged = dict(builtin)
    merged.update(user)
    overridden = sorted(set(user) & set(builtin))
    if not problems:
        problems.extend(check_links(merged, seen_ids, frozenset(overridden)))
    else:  # still report dangling links, but not links to files that failed for another reason
        problems.extend(p for p in check_links(merged, seen_ids) if "not in the library" in p.reason)
    if problems:
        raise ExerciseDataError(problems)
    if skipped:
        warnings.warn("load_library passed over " + "; ".join(f"{name} ({why})" for name, why in skipped)
                      + ". See library.skipped.", SkippedFilesWarning, stacklevel=2)
    library = ExerciseLibrary(merged.values(), overridden, skipped, folders)
    if folders:
        _LOADED.add(library)
    return library


def _shown_value(value) -> str:
    """A value as an error message shows it: its type and a short repr."""
    shown = repr(value[:60] if isinstance(value, (str, bytes)) else value)
    shown = shown if len(shown) <= 80 else shown[:79] + "…"
    return shown if isinstance(value, str) or value is None else f"{type(value).__name__} {shown}"


def _folders(extra_dirs) -> tuple[str, ...]:
    """The coach's folders as given to load_library, checked: each a non-empty str or path-like,
    each given once, at most MAX_FOLDERS; any iterable is read once, lazily, up to that bound."""
    usage = ("give a folder as text or a Path, or a list of them, e.g. load_library('my-exercises') or "
             "load_library(['my-exercises', 'club-exercises'])")
    if extra_dirs is None or isinstance(extra_dirs, Mapping) or not (
            isinstance(extra_dirs, (str, bytes, bytearray, os.PathLike)) or hasattr(extra_dirs, "__iter__")):
        hint = " (with no folder, call load_library() for the built-in exercises)" if extra_dirs is None else ""
        raise TypeError(f"extra_dirs must be a folder or a list of folders; got {_shown_value(extra_dirs)}{hint}: {usage}")
    single = isinstance(extra_dirs, (str, bytes, bytearray, os.PathLike))
    folders: list[str] = []
    where: dict[str, str] = {}
    for i, folder in enumerate([extra_dirs] if single else extra_dirs):  # read lazily, once, up to the bound
        if i >= MAX_FOLDERS:
            raise ValueError(f"extra_dirs gives more than {MAX_FOLDERS} folders; put your exercise files in a few "
                             "folders (one is usual)")
        name = "extra_dirs" if single else f"extra_dirs[{i}]"
        if isinstance(folder, (bytes, bytearray)) or (isinstance(folder, os.PathLike)
                                                      and not isinstance(os.fspath(folder), str)):
            raise TypeError(f"{name} is bytes ({_shown_value(folder)}); give the folder as text, e.g. "
                            f"load_library({os.fsdecode(bytes(folder if isinstance(folder, (bytes, bytearray)) else os.fspath(folder)))[:60]!r})")
        if not isinstance(folder, (str, os.PathLike)):
            raise TypeError(f"{name} must be a folder (text or a Path); got {_shown_value(folder)}: {usage}")
        text = os.fspath(folder)
        if not text.strip():
            raise ValueError(f"{name} is empty text, which would mean the current folder; {usage}")
        if "\x00" in text:
            raise ValueError(f"{name} {text[:60]!r} holds a NUL character, which no folder name can; type it again")
        key = os.path.normcase(os.path.realpath(text))
        if key in where:
            raise ValueError(f"{name} {text[:80]!r} is the same folder as {where[key]!r}, given before: "
                             "give each folder once")
        where[key] = text
        folders.append(text)
    return tuple(folders)


def _shown_name(name: str) -> str:
    """A file name as text that can be shown anywhere: bytes that are not UTF-8 (kept by Python as
    lone surrogates) are written as escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def exercise_template() -> str:
    """The YAML text of a documented example exercise, to copy into your own folder and edit.

    The text is read through the hardened reader first, so the template is always valid YAML."""
    display = "hipcontent/data/exercise-template.yaml"
    data = read_bytes(package_file("data/exercise-template.yaml"), display)
    parse_yaml(data, display)
    return data.decode("utf-8")
