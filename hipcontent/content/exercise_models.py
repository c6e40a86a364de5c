"""The exercise library's types: an Exercise with its dosage presets (durations and counts),
cautions, evidence and links to easier and harder exercises, and the vocabularies the exercise
schema allows. Loading and checking live in exercise_checks.py and library.py."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cache

from hipcontent.content.exercise_program import derive_program
from hipcontent.content.muscles import muscles, resolve_muscles
from hipcontent.content.schema import schema
from hipcontent.content.shown import exercise_html, exercise_line
from hipcontent.timing.program import Phase

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
    "supine-pelvic-tilt",
    "march-on-the-spot",
    "easy-walk",
    "standing-leg-swing",
)

def _vocabulary(name: str) -> tuple[str, ...]:
    """The allowed values of a top-level field, from the schema (so code and schema never differ)."""
    spec = schema("exercise.schema.json")["properties"][name]
    return tuple(spec.get("enum") or spec["items"]["enum"])


@cache
def exercise_schema() -> dict:
    """The JSON Schema every exercise file must satisfy (a dict)."""
    return copy.deepcopy(schema("exercise.schema.json"))  # a copy: callers may not alter the cached one


GOALS = _vocabulary("goals")
LEVELS = _vocabulary("level")
POSITIONS = _vocabulary("position")
EQUIPMENT = _vocabulary("equipment")


# Where a preset's numbers come from, as a card says it.
BASIS_WORDS = {
    "cited": "Source",
    "popular_source": "Popular source",
    "course_suggestion": "Course suggestion",
}


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
class TempoStep:
    """One part of a counted rep, e.g. TempoStep("Lower", 2.0): what the class does and for how long.
    A preset's tempo steps add up to its seconds_per_rep (exercise_checks keeps them in step)."""

    action: str
    seconds: float

    def __str__(self) -> str:
        return f"{self.action.lower()} {self.seconds:g} s"


DEFAULT_SIDE_LABELS = ("left side", "right side")  # when an exercise file names no sides
MAX_TEMPO_STEPS = 6  # the schema's maxItems for a preset's tempo


def tempo_from_data(raw) -> tuple[TempoStep, ...]:
    """A preset's `tempo` list as read from a checked file (None or missing: no tempo)."""
    if not raw:
        return ()
    return tuple(TempoStep(str(step["action"]).strip(), float(step["seconds"])) for step in raw)


def side_labels_from_data(raw) -> tuple[str, str]:
    """An exercise's `sides` mapping as (left, right) labels; the defaults when the file has none."""
    if not raw:
        return DEFAULT_SIDE_LABELS
    return (str(raw["left"]).strip(), str(raw["right"]).strip())


def tempo_problems(preset: dict) -> list[tuple[str, str]]:
    """(field, reason) for a schema-checked preset whose tempo cannot be played: tempo is for
    counted reps only, and its steps add up to seconds_per_rep (to a hundredth of a second)."""
    tempo = preset.get("tempo")
    if not tempo:
        return []
    if preset.get("mode") != "reps":
        return [("tempo", f"is only used when mode is 'reps'; this preset's mode is {preset.get('mode')!r}")]
    pace = preset.get("seconds_per_rep")
    if pace is None:
        return [("seconds_per_rep", "is required with a tempo (the seconds of one whole rep)")]
    per_rep = float(pace["target"]) * (60 if pace["unit"] == "min" else 1)
    total = sum(float(step["seconds"]) for step in tempo)
    if abs(total - per_rep) > 0.01:
        return [("tempo", f"steps add up to {total:g} s but seconds_per_rep is {per_rep:g} s; make them equal")]
    return []


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
    basis_kind: str = "course_suggestion"  # a key of BASIS_WORDS
    basis_note: str = ""
    index: int = 0  # position in the file's dosage list (for error messages)
    tempo: tuple[TempoStep, ...] = ()  # the parts of one counted rep; empty when the data gives none

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
                if self.tempo:
                    text += " (" + ", ".join(str(step) for step in self.tempo) + ")"
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
class Citation:
    """One source an exercise's evidence names: the citation in words, what it supports, and the
    course bibliography ids it stands for (content.bibliography.Source holds those entries)."""

    citation: str
    supports: tuple[str, ...]
    grade: str = ""
    note: str = ""
    bibliography: tuple[str, ...] = ()  # ids in the course bibliography (data/bibliography.yaml)


Source = Citation  # the name this type had before the course bibliography took "Source"


@dataclass(frozen=True)
class Evidence:
    direct: bool
    statement: str
    sources: tuple[Citation, ...]


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
    side_labels: tuple[str, str] = DEFAULT_SIDE_LABELS  # (left, right), in the exercise's own words
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

    def side_label(self, side: str) -> str:
        """The exercise's own name for a side: side_label("right") -> e.g. "right knee down"."""
        if side not in ("left", "right"):
            raise ValueError(f"side must be 'left' or 'right', not {side!r}")
        return self.side_labels[0 if side == "left" else 1]

    def timer_program(self, preset: str | None = None) -> list[Phase]:
        """The ordered timer phases for one dosage preset (see the module docstring for the rules)."""
        return derive_program(self, self.preset(preset))

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

    # In a notebook an exercise shows as one line of words (content/shown.py), not the repr above.
    def _repr_html_(self) -> str:
        return f"<p>{exercise_html(self)}</p>"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(exercise_line(self))


def progression_edges(exercises) -> dict[str, list[str]]:
    """easier -> harder edges between the given exercises, from both sides' declarations
    (A lists B as a progression, or B lists A as a regression), in declaration order."""
    harder: dict[str, list[str]] = {ex.id: [] for ex in exercises}
    for ex in exercises:
        for link in ex.progressions:
            if link.id in harder and link.id not in harder[ex.id]:
                harder[ex.id].append(link.id)
        for link in ex.regressions:
            if link.id in harder and ex.id not in harder[link.id]:
                harder[link.id].append(ex.id)
    return harder
