"""The exercise library: one YAML file per exercise, checked, queried and turned into timer programs.

    library = load_library()                      # the built-in exercises
    library = load_library(["my-exercises"])      # plus a coach's own folder(s)
    library["supine-toe-tap"].timer_program()     # [Phase(kind="prep", ...), Phase("work", ...)]

Every file is read with a safe YAML loader, checked against ``data/exercise.schema.json`` and then
by the checks a schema cannot express (see ``_check_exercise`` and ``_check_links``). Loading is
all or nothing: every problem in every file is collected and raised together as one
``ExerciseDataError``; no exercise is silently skipped.

Overriding: a coach's exercise may not reuse a built-in id, because the same name would then mean
two different things in two rooms. Pass ``override=True`` to replace built-in exercises on purpose;
the replaced ids are listed in ``library.overridden``.

How dosage becomes a timer program (``Exercise.timer_program``):

* ``prep`` (if given) opens the program: a get-ready phase.
* ``mode: hold``: every rep is a ``hold`` phase of ``hold`` seconds; ``mode: timed``: every rep is a
  ``work`` phase of ``work`` seconds (a timed preset without ``reps`` has one rep per set).
* ``mode: reps``: counted reps have no duration of their own. A preset that states
  ``seconds_per_rep`` becomes one ``work`` phase per set (per side) lasting reps x seconds_per_rep,
  with the rep count in the cue. A preset without it **cannot** be played by a timer: its
  ``timeable`` is False and ``timer_program`` raises ``ExerciseDataError`` naming the missing field.
  The library never guesses a pace.
* Sides: a ``bilateral`` exercise has no sides. An ``alternating`` one (legs take turns inside the
  movement) plays each set as one phase with ``side=None``; reps counted ``per_side`` are doubled to
  get the set's length. A ``unilateral`` one follows ``side_sequence`` starting with ``first_side``:
  ``each_side_per_set`` (a set on one side, switch, the same set on the other), ``alternate_each_rep``
  (hold right, switch, hold left, switch, ...), or ``all_sets_one_side_first``. A ``switch`` phase of
  ``switch_time`` sits between the sides, so both sides get the same time.
* ``rest_between_reps`` separates consecutive reps on the same side; ``rest_between_sets`` separates
  sets (its phase label says which set comes next).
"""

from __future__ import annotations

import copy
import difflib
import math
import warnings
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hipcontent.content.errors import ContentError, ExerciseDataError, Problem
from hipcontent.content.reader import package_file, parse_yaml, read_bytes, read_yaml
from hipcontent.timing.program import MAX_PHASE_SECONDS, MAX_PROGRAM_SECONDS, MIN_PHASE_SECONDS, Phase

MAX_FILE_BYTES = 64 * 1024  # the largest built-in exercise is under 8 KiB
YAML_SUFFIXES = (".yaml", ".yml")
BUILTIN_FOLDER = "hipcontent/data/exercises"  # how built-in files are named in error messages

# Poses the card module can draw (hipcontent.figures.poses draws each; a test keeps the two in step).
POSES = (
    "supine-90-90",
    "supine-single-leg-90",
    "supine-heel-slide",
    "supine-march",
    "supine-straight-leg-raise",
    "standing-march",
    "seated-knee-lift",
    "hanging-knee-raise",
    "standing-split-stretch",
    "half-kneeling",
    "half-kneeling-side-bend",
)

def _vocabulary(name: str) -> tuple[str, ...]:
    """The allowed values of a top-level field, from the schema (so code and schema never differ)."""
    from hipcontent.content.schema import schema

    spec = schema("exercise.schema.json")["properties"][name]
    return tuple(spec.get("enum") or spec["items"]["enum"])


GOALS = _vocabulary("goals")
LEVELS = _vocabulary("level")
POSITIONS = _vocabulary("position")
EQUIPMENT = _vocabulary("equipment")


# --------------------------------------------------------------------------------------------
# Reading one file


def _parse_yaml(data: bytes, display: str) -> tuple[object, list[Problem]]:
    """Parse one file's bytes through the one hardened reader; returns (document, problems)."""
    try:
        document = parse_yaml(data, display, MAX_FILE_BYTES)
    except ContentError as error:
        return None, list(error.problems)
    if document is None:
        return None, [Problem(display, "", "", "is empty; an exercise file is a YAML mapping starting with 'schema_version'")]
    if not isinstance(document, dict):
        return None, [Problem(display, "", "", f"must be a YAML mapping of field: value, not a {_type_name(document)}")]
    return document, []


def _type_name(value) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


# --------------------------------------------------------------------------------------------
# Schema and vocabulary


@cache
def exercise_schema() -> dict:
    """The JSON Schema every exercise file must satisfy (a dict)."""
    from hipcontent.content.schema import schema

    return copy.deepcopy(schema("exercise.schema.json"))  # a copy: callers may not alter the cached one


def _validator():
    from hipcontent.content.schema import validator

    return validator("exercise.schema.json")


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    members: tuple[str, ...] = ()  # a group lists its member muscle ids; a muscle lists none
    note: str = ""

    @property
    def is_group(self) -> bool:
        return bool(self.members)


@cache
def muscles() -> dict[str, Muscle]:
    """The controlled muscle vocabulary: muscle and group ids -> Muscle (groups have members)."""
    data = read_yaml(package_file("data/muscles.yaml"), "hipcontent/data/muscles.yaml")
    table = {m["id"]: Muscle(m["id"], m["name"], (), m.get("note", "")) for m in data["muscles"]}
    for g in data["groups"]:
        table[g["id"]] = Muscle(g["id"], g["name"], tuple(g["members"]), g.get("note", ""))
    return table


def resolve_muscles(ids) -> frozenset[str]:
    """Muscle and group ids -> the set of individual muscle ids (groups expanded)."""
    table = muscles()
    out = set()
    for mid in ids:
        m = table[mid]
        out.update(m.members or (m.id,))
    return frozenset(out)


def _schema_problems(document: dict, display: str, exercise_id) -> list[Problem]:
    from hipcontent.content.schema import schema_problems

    found = schema_problems(document, "exercise.schema.json", display, entry=exercise_id or "")
    return sorted(found, key=lambda p: p.field)


# --------------------------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class Duration:
    """A length of time as written in the data (target, optional min/max, unit 's' or 'min')."""

    target: float
    unit: str
    min: float | None = None
    max: float | None = None

    @property
    def seconds(self) -> float:
        return self.target * (60 if self.unit == "min" else 1)

    def __str__(self) -> str:
        value = f"{self.target:g}"
        if self.min is not None and self.max is not None and self.min != self.max:
            return f"{value} {self.unit} (range {self.min:g}-{self.max:g} {self.unit})"
        return f"{value} {self.unit}"


@dataclass(frozen=True)
class Count:
    """A whole number of sets or reps: target, with an optional min-max range."""

    target: int
    min: int | None = None
    max: int | None = None

    def __str__(self) -> str:
        if self.min is not None and self.max is not None and self.min != self.max:
            return f"{self.target} (range {self.min}-{self.max})"
        return str(self.target)


@dataclass(frozen=True)
class DosagePreset:
    """One named dosage of an exercise (e.g. beginner, standard) with where its numbers come from."""

    id: str
    label: str
    mode: str  # reps | hold | timed
    sets: Count
    reps: Count | None
    count_basis: str  # per_side | total
    default: bool = False
    population: str = ""
    hold: Duration | None = None
    work: Duration | None = None
    seconds_per_rep: Duration | None = None
    side_sequence: str | None = None
    first_side: str | None = None
    rest_between_reps: Duration | None = None
    rest_between_sets: Duration | None = None
    switch_time: Duration | None = None
    prep: Duration | None = None
    intensity: str = ""
    frequency: str = ""
    basis_kind: str = "course_suggestion"  # cited | course_suggestion
    basis_note: str = ""
    index: int = 0  # position in the file's dosage list (for error messages)

    @property
    def timeable(self) -> bool:
        """False for counted reps without a stated seconds_per_rep (no timer program)."""
        return not (self.mode == "reps" and self.seconds_per_rep is None)

    def describe(self) -> str:
        """The dosage in one line of plain words, e.g. '2 sets x 10 reps per side, ...'."""
        side = " per side" if self.count_basis == "per_side" else ""
        sets = f"{self.sets} set" + ("s" if self.sets.target != 1 else "")
        if self.mode == "hold":
            text = f"{sets} x {self.reps} hold" + ("s" if self.reps.target != 1 else "") + f"{side} of {self.hold}"
        elif self.mode == "timed":
            reps = f"{self.reps} x " if self.reps else ""
            text = f"{sets} x {reps}{self.work}{side}"
        else:
            text = f"{sets} x {self.reps} reps{side}"
            if self.seconds_per_rep:
                text += f", about {self.seconds_per_rep} per rep"
        extras = []
        if self.rest_between_reps:
            extras.append(f"{self.rest_between_reps} rest between reps")
        if self.rest_between_sets:
            extras.append(f"{self.rest_between_sets} rest between sets")
        if self.switch_time and self.side_sequence:
            extras.append(f"{self.switch_time} to switch sides")
        if extras:
            text += "; " + ", ".join(extras)
        return text


@dataclass(frozen=True)
class Link:
    id: str
    when: str


@dataclass(frozen=True)
class Caution:
    action: str  # stop | modify | see_clinician
    text: str

    @property
    def action_label(self) -> str:
        return {"stop": "Stop", "modify": "Modify", "see_clinician": "See a clinician"}[self.action]


@dataclass(frozen=True)
class Source:
    citation: str
    supports: tuple[str, ...]
    grade: str = ""
    note: str = ""


@dataclass(frozen=True)
class Evidence:
    direct: bool
    statement: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Exercise:
    """One exercise, as loaded and checked from its YAML file."""

    id: str
    name: str
    summary: str
    goals: tuple[str, ...]
    level: str
    position: str
    laterality: str
    equipment: tuple[str, ...]
    action: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    dosage: tuple[DosagePreset, ...]
    cautions: tuple[Caution, ...]
    evidence: Evidence
    license_spdx: str
    license_attribution: str
    aliases: tuple[str, ...] = ()
    origin: str = ""
    muscle_note: str = ""
    common_faults: tuple[tuple[str, str], ...] = ()
    progressions: tuple[Link, ...] = ()
    regressions: tuple[Link, ...] = ()
    diagram_pose: str | None = None
    diagram_alt: str = ""
    source_file: str = field(default="", compare=False)
    builtin: bool = field(default=True, compare=False)

    # -- dosage and timers ------------------------------------------------------------------

    @property
    def default_preset(self) -> DosagePreset:
        return next((d for d in self.dosage if d.default), self.dosage[0])

    def preset(self, preset: str | None = None) -> DosagePreset:
        """The dosage preset with this id (None: the default one)."""
        if preset is None:
            return self.default_preset
        for d in self.dosage:
            if d.id == preset:
                return d
        known = ", ".join(d.id for d in self.dosage)
        raise KeyError(f"exercise {self.id!r} has no dosage preset {preset!r}; choose one of: {known}")

    def timer_program(self, preset: str | None = None) -> list[Phase]:
        """The ordered timer phases for one dosage preset (see the module docstring for the rules)."""
        return _derive_program(self, self.preset(preset))

    # -- muscles ----------------------------------------------------------------------------

    @property
    def primary_muscles(self) -> frozenset[str]:
        return resolve_muscles(self.primary)

    @property
    def all_muscles(self) -> frozenset[str]:
        return resolve_muscles(self.primary + self.secondary)

    def muscle_names(self, which: str = "primary") -> list[str]:
        table = muscles()
        return [table[m].name for m in (self.primary if which == "primary" else self.secondary)]

    def __repr__(self) -> str:
        return f"<Exercise {self.id}: {self.name}>"


# --------------------------------------------------------------------------------------------
# Timer programs


def _side_word(side: str | None) -> str:
    return f"{side} side" if side else ""


def _derive_program(ex: Exercise, d: DosagePreset) -> list[Phase]:
    if not d.timeable:
        raise ExerciseDataError(
            [
                Problem(
                    ex.source_file,
                    ex.id,
                    f"dosage[{d.index}].seconds_per_rep",
                    f"preset {d.id!r} counts reps but gives no seconds_per_rep, so it has no duration; "
                    "add seconds_per_rep to time it, or count the reps without a timer",
                )
            ],
            loading=False,
        )
    name = ex.name
    sets = d.sets.target
    reps = d.reps.target if d.reps else 1
    first = d.first_side or "right"
    second = "left" if first == "right" else "right"
    phases: list[Phase] = []
    cue_main = ex.cues[0]

    def set_label(set_no: int) -> str:
        return f"Set {set_no} of {sets}"

    def unit(side, set_no, rep_no, rep_total, n_reps=None):
        """One work/hold phase."""
        label = set_label(set_no)
        where = f" ({_side_word(side)})" if side else ""
        if d.mode == "hold":
            if rep_total > 1:
                label += f", hold {rep_no} of {rep_total}"
            phases.append(Phase("hold", d.hold.seconds, side, f"Hold{where}. {cue_main}", name, label))
        elif d.mode == "timed":
            if rep_total > 1:
                label += f", round {rep_no} of {rep_total}"
            if ex.laterality == "alternating":
                cue = f"Alternate sides, {first} first. {cue_main}"
            else:
                cue = f"Go{where}. {cue_main}"
            phases.append(Phase("work", d.work.seconds, side, cue, name, label))
        else:
            if ex.laterality == "alternating":
                per = n_reps // 2 if d.count_basis == "per_side" else n_reps
                cue = f"{per} reps " + ("per side" if d.count_basis == "per_side" else "in all")
                cue += f", alternating, {first} first. {cue_main}"
            else:
                cue = f"{n_reps} reps{where}. {cue_main}"
            seconds = n_reps * d.seconds_per_rep.seconds
            phases.append(Phase("work", seconds, side, cue, name, label))

    def block(side, set_no):
        """All reps of one set on one side (or both sides together)."""
        if d.mode == "reps":
            n = reps * (2 if ex.laterality == "alternating" and d.count_basis == "per_side" else 1)
            unit(side, set_no, 1, 1, n_reps=n)
            return
        for rep in range(1, reps + 1):
            unit(side, set_no, rep, reps)
            if rep < reps and d.rest_between_reps:
                phases.append(
                    Phase("rest", d.rest_between_reps.seconds, side, "Relax, stay in place.", name,
                          f"{set_label(set_no)}, rest")
                )

    def switch(to):
        phases.append(Phase("switch", d.switch_time.seconds, to, f"Switch to the {to} side.", name,
                            f"Switch to {to} side"))

    def rest_sets(next_set, next_side=None):
        side_txt = f", {next_side} side" if next_side else ""
        phases.append(
            Phase("rest", d.rest_between_sets.seconds, None, f"Rest. Next: set {next_set} of {sets}{side_txt}.",
                  name, f"Rest before set {next_set} of {sets}")
        )

    unilateral = ex.laterality == "unilateral"
    if d.prep:
        cue = f"Get ready: {ex.steps[0]}"
        if unilateral:
            cue += f" Start with the {first} side."
        phases.append(Phase("prep", d.prep.seconds, first if unilateral else None, cue, name, "Get ready"))

    if not unilateral:
        for s in range(1, sets + 1):
            block(None, s)
            if s < sets:
                rest_sets(s + 1)
    elif d.side_sequence == "all_sets_one_side_first":
        for side in (first, second):
            for s in range(1, sets + 1):
                block(side, s)
                if s < sets:
                    rest_sets(s + 1, side)
            if side == first:
                switch(second)
    elif d.side_sequence == "alternate_each_rep":
        for s in range(1, sets + 1):
            for rep in range(1, reps + 1):
                for side in (first, second):
                    if d.mode == "reps":
                        unit(side, s, 1, 1, n_reps=1)
                    else:
                        unit(side, s, rep, reps)
                    if side == first:
                        switch(second)
                if rep < reps:
                    switch(first)
            if s < sets:
                rest_sets(s + 1, first)
    else:  # each_side_per_set
        for s in range(1, sets + 1):
            block(first, s)
            switch(second)
            block(second, s)
            if s < sets:
                rest_sets(s + 1, first)
    return phases


def program_seconds(phases) -> float:
    """Total length of a timer program in seconds."""
    return sum(p.seconds for p in phases)


# --------------------------------------------------------------------------------------------
# Building and checking one exercise


def _duration(raw) -> Duration | None:
    if raw is None:
        return None
    number = lambda value: None if value is None else float(value)  # noqa: E731 (numpy numbers too)
    return Duration(float(raw["target"]), raw["unit"], number(raw.get("min")), number(raw.get("max")))


def _whole(value) -> int | None:
    """A whole number written 2, 2.0 or as a numpy integer, as an int (the schema has checked it)."""
    return None if value is None else int(value)


def _count(raw) -> Count | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        return Count(_whole(raw))
    return Count(_whole(raw["target"]), _whole(raw.get("min")), _whole(raw.get("max")))


def _check_exercise(doc: dict, stem: str, display: str) -> list[Problem]:
    """Checks the schema cannot express. Assumes the document passed the schema."""
    eid = doc["id"]
    problems = []

    def bad(field_path, reason):
        problems.append(Problem(display, eid, field_path, reason))

    if eid != stem:
        bad("id", f"must match the file name: file is {stem!r}.yaml but id is {eid!r}")

    vocabulary = muscles()
    for key in ("primary", "secondary"):
        for i, mid in enumerate(doc["muscles"].get(key, [])):
            if mid not in vocabulary:
                hint = difflib.get_close_matches(mid, sorted(vocabulary), n=1)
                bad(f"muscles.{key}[{i}]", f"{mid!r} is not in the muscle vocabulary"
                    + (f" (did you mean {hint[0]!r}?)" if hint else "; see hipcontent.content.exercises.muscles()"))
    known = [m for m in doc["muscles"]["primary"] if m in vocabulary]
    known2 = [m for m in doc["muscles"].get("secondary", []) if m in vocabulary]
    both = sorted(resolve_muscles(known) & resolve_muscles(known2))
    if both:
        bad("muscles.secondary", "lists muscles already counted as primary: " + ", ".join(both))

    diagram = doc.get("diagram")
    if diagram and diagram["pose"] not in POSES:
        bad("diagram.pose", f"{diagram['pose']!r} is not a pose the cards can draw; choose one of: " + ", ".join(POSES))

    presets = doc["dosage"]
    ids = [d["id"] for d in presets]
    for i, pid in enumerate(ids):
        if pid in ids[:i]:
            bad(f"dosage[{i}].id", f"preset id {pid!r} is used twice")
    defaults = [i for i, d in enumerate(presets) if d.get("default")]
    if len(presets) > 1 and len(defaults) != 1:
        bad("dosage", f"with {len(presets)} presets exactly one must say 'default: true' (found {len(defaults)})")
    for i, d in enumerate(presets):
        problems.extend(_check_dosage(d, doc["laterality"], f"dosage[{i}]", display, eid))

    for key in ("progressions", "regressions"):
        for i, link in enumerate(doc.get(key, [])):
            if link["id"] == eid:
                bad(f"{key}[{i}].id", "an exercise cannot be its own progression or regression")
    prog = {link["id"] for link in doc.get("progressions", [])}
    for i, link in enumerate(doc.get("regressions", [])):
        if link["id"] in prog:
            bad(f"regressions[{i}].id", f"{link['id']!r} is listed as both a progression and a regression")
    return problems


def _check_dosage(d: dict, laterality: str, at: str, display: str, eid: str) -> list[Problem]:
    problems = []

    def bad(name, reason):
        problems.append(Problem(display, eid, f"{at}.{name}" if name else at, reason))

    mode = d["mode"]
    # Ranges and positive durations.
    for name in ("sets", "reps"):
        raw = d.get(name)
        if isinstance(raw, dict):
            lo, tg, hi = raw.get("min", raw["target"]), raw["target"], raw.get("max", raw["target"])
            if not lo <= tg <= hi:
                bad(name, f"needs min <= target <= max; got min {lo}, target {tg}, max {hi}")
    for name in ("hold", "work", "seconds_per_rep", "rest_between_reps", "rest_between_sets", "switch_time", "prep"):
        raw = d.get(name)
        if raw is None:
            continue
        values = {k: raw[k] for k in ("min", "target", "max") if k in raw}
        scale = 60 if raw["unit"] == "min" else 1
        outside = {k: v for k, v in values.items() if not MIN_PHASE_SECONDS <= v * scale <= MAX_PHASE_SECONDS}
        if outside:
            too_long = any(v * scale > MAX_PHASE_SECONDS for v in outside.values())
            bad(name, f"every duration must be from {MIN_PHASE_SECONDS} s to 1 hour; got "
                + ", ".join(f"{k} {v:g} {raw['unit']}" for k, v in outside.items())
                + (" (check the unit: 's' or 'min')" if too_long else ""))
            continue
        lo, tg, hi = values.get("min", values["target"]), values["target"], values.get("max", values["target"])
        if not lo <= tg <= hi:
            bad(name, f"needs min <= target <= max; got min {lo:g}, target {tg:g}, max {hi:g} {raw['unit']}")

    # Fields that only make sense with some modes: refuse rather than ignore them.
    only = {"hold": "hold", "work": "timed", "seconds_per_rep": "reps"}
    for name, needed in only.items():
        if name in d and mode != needed:
            bad(name, f"is only used when mode is {needed!r}; this preset's mode is {mode!r}")
    if "rest_between_reps" in d and mode == "reps":
        bad("rest_between_reps", "is not used for counted reps (they run as one set); remove it or use mode 'hold'")

    sets = _count(d["sets"]).target
    reps = _count(d.get("reps")).target if d.get("reps") is not None else 1
    if sets > 1 and "rest_between_sets" not in d:
        bad("rest_between_sets", f"is required with {sets} sets (how long to rest between them)")
    if sets == 1 and "rest_between_sets" in d and not (isinstance(d["sets"], dict) and d["sets"].get("max", 1) > 1):
        bad("rest_between_sets", "is given but there is only one set")

    # Sides.
    sequence = d.get("side_sequence")
    if laterality == "bilateral":
        if d["count_basis"] != "total":
            bad("count_basis", "a bilateral exercise works both sides at once, so it counts 'total', not 'per_side'")
        for name in ("side_sequence", "first_side", "switch_time"):
            if name in d:
                bad(name, "is not used for a bilateral exercise (both sides work at once)")
    elif laterality == "unilateral":
        if d["count_basis"] != "per_side":
            bad("count_basis", "a unilateral exercise works one side at a time, so it counts 'per_side'")
        for name in ("side_sequence", "first_side", "switch_time"):
            if name not in d:
                bad(name, "is required for a unilateral exercise (which side first, in what order, "
                          "and how long to switch)")
        if mode == "reps" and sequence == "alternate_each_rep":
            bad("side_sequence", "alternating sides every rep suits holds; use 'each_side_per_set' for counted reps")
    else:  # alternating
        for name in ("side_sequence", "switch_time"):
            if name in d:
                bad(name, "is not used for an alternating exercise (the sides take turns inside the set)")
        if mode == "hold":
            bad("mode", "an alternating exercise moves continuously; use 'reps' or 'timed', or make it unilateral")
        if mode == "timed" and d["count_basis"] != "total":
            bad("count_basis", "a timed set of alternating movement lasts 'work' in total; use 'total'")

    # Consecutive holds or rounds on the same side would merge into one without a pause.
    same_side_repeats = reps > 1 and mode in ("hold", "timed") and (
        laterality != "unilateral" or sequence in ("each_side_per_set", "all_sets_one_side_first")
    )
    if same_side_repeats and "rest_between_reps" not in d:
        bad("rest_between_reps", f"is required: {reps} {mode}s follow each other on the same side")
    return problems


def _build(doc: dict, display: str, builtin: bool) -> Exercise:
    presets = []
    for i, d in enumerate(doc["dosage"]):
        presets.append(
            DosagePreset(
                id=d["id"], label=d["label"], mode=d["mode"], sets=_count(d["sets"]), reps=_count(d.get("reps")),
                count_basis=d["count_basis"], default=bool(d.get("default", len(doc["dosage"]) == 1)),
                population=d.get("population", ""), hold=_duration(d.get("hold")), work=_duration(d.get("work")),
                seconds_per_rep=_duration(d.get("seconds_per_rep")), side_sequence=d.get("side_sequence"),
                first_side=d.get("first_side"), rest_between_reps=_duration(d.get("rest_between_reps")),
                rest_between_sets=_duration(d.get("rest_between_sets")), switch_time=_duration(d.get("switch_time")),
                prep=_duration(d.get("prep")), intensity=d.get("intensity", ""), frequency=d.get("frequency", ""),
                basis_kind=d["basis"]["kind"], basis_note=d["basis"]["note"].strip(), index=i,
            )
        )
    ev = doc["evidence"]
    diagram = doc.get("diagram") or {}
    return Exercise(
        id=doc["id"], name=doc["name"], summary=doc["summary"].strip(), goals=tuple(doc["goals"]),
        level=doc["level"], position=doc["position"], laterality=doc["laterality"],
        equipment=tuple(doc["equipment"]), action=doc["muscles"]["action"],
        primary=tuple(doc["muscles"]["primary"]), secondary=tuple(doc["muscles"].get("secondary", ())),
        steps=tuple(s.strip() for s in doc["steps"]), cues=tuple(c.strip() for c in doc["cues"]),
        dosage=tuple(presets),
        cautions=tuple(Caution(c["action"], c["text"].strip()) for c in doc["cautions"]),
        evidence=Evidence(
            ev["direct"], ev["statement"].strip(),
            tuple(Source(s["citation"], tuple(s["supports"]), s.get("grade", ""), s.get("note", ""))
                  for s in ev["sources"]),
        ),
        license_spdx=doc["license"]["spdx"], license_attribution=doc["license"]["attribution"],
        aliases=tuple(doc.get("aliases", ())), origin=doc.get("origin", ""),
        muscle_note=doc["muscles"].get("note", "").strip(),
        common_faults=tuple((f["fault"].strip(), f["fix"].strip()) for f in doc.get("common_faults", ())),
        progressions=tuple(Link(x["id"], x["when"].strip()) for x in doc.get("progressions", ())),
        regressions=tuple(Link(x["id"], x["when"].strip()) for x in doc.get("regressions", ())),
        diagram_pose=diagram.get("pose"), diagram_alt=diagram.get("alt", "").strip(),
        source_file=display, builtin=builtin,
    )


def load_exercise_file(data: bytes, display: str, stem: str, builtin: bool = False):
    """Parse and check one file's bytes. Returns (Exercise or None, id or None, problems)."""
    doc, problems = _parse_yaml(data, display)
    if problems:
        return None, None, problems
    eid = doc.get("id") if isinstance(doc.get("id"), str) else None
    problems = _schema_problems(doc, display, eid)
    if problems:
        return None, eid, problems
    problems = _check_exercise(doc, stem, display)
    if problems:
        return None, eid, problems
    exercise = _build(doc, display, builtin)
    problems = _check_programs(exercise)
    if problems:
        return None, eid, problems
    return exercise, eid, []


def _check_programs(exercise: Exercise) -> list[Problem]:
    """Every timeable preset becomes a timer program within the course's bounds."""
    problems = []
    for d in exercise.dosage:
        if not d.timeable:
            continue
        where = f"dosage[{d.index}]"
        try:
            total = program_seconds(_derive_program(exercise, d))
        except ValueError as error:  # a derived phase breaks a bound (e.g. 100 reps x 60 s in one set)
            problems.append(Problem(exercise.source_file, exercise.id, where,
                                    f"preset {d.id!r} makes a timer phase the timers refuse: {error}"))
            continue
        if total > MAX_PROGRAM_SECONDS:
            problems.append(Problem(exercise.source_file, exercise.id, where,
                                    f"preset {d.id!r} runs {total / 3600:.1f} hours; a preset's timer program "
                                    f"may last at most {MAX_PROGRAM_SECONDS // 3600} hours"))
    return problems


# --------------------------------------------------------------------------------------------
# The library


class ExerciseNotFound(KeyError, ValueError):
    """No such exercise in the library (the message names the id and the closest ids)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "no such exercise"


class SkippedFilesWarning(UserWarning):
    """load_library passed over files in an exercise folder (listed in library.skipped)."""


class ExerciseLibrary:
    """All loaded exercises by id, with queries and the progression graph."""

    def __init__(self, exercises, overridden=(), skipped=()):
        self._by_id = {ex.id: ex for ex in exercises}
        self.overridden = tuple(overridden)
        self.skipped = tuple(skipped)  # (file, why) for every folder entry not read as an exercise

    # -- container --------------------------------------------------------------------------
    def __getitem__(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except (KeyError, TypeError):
            shown = str(exercise_id)[:80]
            hint = difflib.get_close_matches(shown, self.ids, n=3)
            raise ExerciseNotFound(
                f"no exercise {shown!r} in the library"
                + (f"; did you mean {', '.join(map(repr, hint))}?" if hint else "")
            ) from None

    def resolve(self, item) -> Exercise:
        """An Exercise as given, or the exercise with this id in this library.

        Raises ExerciseNotFound (a KeyError and a ValueError) naming the id and the closest ids."""
        if isinstance(item, Exercise):
            return item
        if not isinstance(item, str):
            raise ExerciseNotFound(f"exercise must be an Exercise or an exercise id (text); got {type(item).__name__}")
        return self[item]

    def __contains__(self, exercise_id) -> bool:
        return exercise_id in self._by_id

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def __repr__(self) -> str:
        return f"<ExerciseLibrary: {len(self)} exercises>"

    # -- queries ----------------------------------------------------------------------------
    def query(self, goal=None, level=None, equipment=None, position=None, muscle=None,
              primary_only: bool = False) -> list[Exercise]:
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
            if muscle not in muscles():
                raise KeyError(f"{muscle!r} is not in the muscle vocabulary; choose one of: "
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
        return out

    # -- progression graph ------------------------------------------------------------------
    def _edges(self) -> dict[str, list[str]]:
        """easier -> harder edges, from both sides' declarations, in declaration order."""
        harder: dict[str, list[str]] = {eid: [] for eid in self._by_id}
        for ex in self:
            for link in ex.progressions:
                if link.id in harder and link.id not in harder[ex.id]:
                    harder[ex.id].append(link.id)
            for link in ex.regressions:
                if link.id in harder and ex.id not in harder[link.id]:
                    harder[link.id].append(ex.id)
        return harder

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

    def progressions(self, exercise_id: str) -> list[Exercise]:
        """The next harder exercises (one step)."""
        self[exercise_id]
        return [self[i] for i in self._edges()[exercise_id]]

    def regressions(self, exercise_id: str) -> list[Exercise]:
        """The next easier exercises (one step)."""
        self[exercise_id]
        return [self[i] for i in self._reverse()[exercise_id]]

    def harder(self, exercise_id: str) -> list[Exercise]:
        """Every exercise reachable by progressing, nearest first."""
        return self._walk(exercise_id, self._edges())

    def easier(self, exercise_id: str) -> list[Exercise]:
        """Every exercise reachable by regressing, nearest first."""
        return self._walk(exercise_id, self._reverse())

    def chain(self, exercise_id: str) -> list[Exercise]:
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
        return before[::-1] + [start] + after

    def _walk(self, exercise_id, edges):
        self[exercise_id]
        seen, order, queue = {exercise_id}, [], deque([exercise_id])
        while queue:
            for nxt in edges[queue.popleft()]:
                if nxt not in seen:
                    seen.add(nxt)
                    order.append(self[nxt])
                    queue.append(nxt)
        return order


def _check_choice(name, value, choices):
    if value is not None and (not isinstance(value, str) or value not in choices):
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {str(value)[:80]!r}")


def _check_links(exercises: dict[str, Exercise], known_ids: set[str]) -> list[Problem]:
    """Links point at existing exercises, and progressing never leads back (no cycles)."""
    problems = []
    for ex in exercises.values():
        for key in ("progressions", "regressions"):
            for i, link in enumerate(getattr(ex, key)):
                if link.id not in exercises and link.id not in known_ids:
                    hint = difflib.get_close_matches(link.id, sorted(exercises), n=1)
                    problems.append(Problem(ex.source_file, ex.id, f"{key}[{i}].id",
                                            f"links to {link.id!r}, which is not in the library"
                                            + (f" (did you mean {hint[0]!r}?)" if hint else "")))
    library = ExerciseLibrary(exercises.values())
    edges = library._edges()
    problems.extend(_cycles(exercises, library._edges()))
    return problems


def _cycles(exercises: dict[str, Exercise], edges: dict[str, list[str]]) -> list[Problem]:
    """Each cycle in the progression graph, once, found by an iterative depth-first search (a
    chain of thousands of exercises needs no recursion and no copied paths)."""
    problems, reported = [], set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in sorted(edges):
        if root in state:
            continue
        path, position = [root], {root: 0}
        stack = [iter(edges[root])]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:  # every successor of path[-1] visited
                stack.pop()
                state[path.pop()] = 2
                continue
            if state.get(nxt) == 1:
                cycle = path[position[nxt]:] + [nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    ex = exercises[nxt]
                    problems.append(Problem(ex.source_file, ex.id, "progressions",
                                            "progressions lead back to this exercise: " + " -> ".join(cycle)))
            elif nxt not in state:
                state[nxt] = 1
                position[nxt] = len(path)
                path.append(nxt)
                stack.append(iter(edges[nxt]))
    return problems


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
    as (name, why) so it can be named in a note, never passed over silently."""
    files = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        why = _passed_over(entry)
        if why:
            skipped.append((f"{display}/{entry.name}", why))
        else:
            files.append(entry)
    return files


def _user_files(folder, problems, skipped):
    path = Path(folder)
    display = str(folder)
    if not path.is_dir():
        problems.append(Problem(display, None, "", "is not a folder (give the folder that holds your .yaml files)"))
        return []
    files = _list_folder(path, str(path), skipped)
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
    if isinstance(extra_dirs, (str, Path)):
        extra_dirs = [extra_dirs]
    builtin = {ex.id: ex for ex in _builtin()}
    problems: list[Problem] = []
    skipped: list[tuple[str, str]] = []
    _builtin_files(skipped)
    user: dict[str, Exercise] = {}
    seen_ids: set[str] = set()
    for folder in extra_dirs:
        for path in _user_files(folder, problems, skipped):
            display = str(Path(folder) / path.name)
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
        problems.extend(_check_links(merged, seen_ids))
    else:  # still report dangling links, but not links to files that failed for another reason
        problems.extend(p for p in _check_links(merged, seen_ids) if "not in the library" in p.reason)
    if problems:
        raise ExerciseDataError(problems)
    if skipped:
        warnings.warn("load_library passed over " + "; ".join(f"{name} ({why})" for name, why in skipped)
                      + ". See library.skipped.", SkippedFilesWarning, stacklevel=2)
    return ExerciseLibrary(merged.values(), overridden, skipped)


def exercise_template() -> str:
    """The YAML text of a documented example exercise, to copy into your own folder and edit.

    The text is read through the hardened reader first, so the template is always valid YAML."""
    display = "hipcontent/data/exercise-template.yaml"
    data = read_bytes(package_file("data/exercise-template.yaml"), display)
    parse_yaml(data, display)
    return data.decode("utf-8")


def __getattr__(name: str):
    # phase_table (a table of phases: HTML) moved to hipcontent.views.program; this keeps
    # `from hipcontent.content.exercises import phase_table` working for older code.
    if name == "phase_table":
        from hipcontent.views.program import phase_table

        return phase_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
