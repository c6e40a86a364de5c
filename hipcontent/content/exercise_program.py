"""How an exercise's dosage preset becomes a timer program (a list of timing.program.Phase).

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
* Every phase carries the exercise's ``id`` (``Phase.exercise_id``): the timer and the player look
  its steps, cues and picture up by id, never by name. A counted-reps phase carries its ``reps`` and
  the preset's ``tempo`` (one rep's steps), so the screen can pace each rep ("rep 4 of 10"). A phase
  on one side carries that side in the exercise's own words (``Exercise.side_labels``, e.g. "right
  knee down"), which the cues use too.

This module reads only the preset's and exercise's attributes, so it imports neither.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from hipcontent.content.errors import ExerciseDataError, Problem
from hipcontent.timing.program import Phase

if TYPE_CHECKING:
    from hipcontent.content.exercise_models import DosagePreset, Exercise


DEFAULT_SIDE_LABELS = ("left side", "right side")


def side_label(ex: Exercise, side: str | None) -> str:
    """The exercise's own words for a side (Exercise.side_labels: left, right); "" for no side."""
    if not side:
        return ""
    labels = ex.side_labels or DEFAULT_SIDE_LABELS
    return labels[0] if side == "left" else labels[1]


def derive_program(ex: Exercise, d: DosagePreset) -> list[Phase]:
    """The ordered timer phases for one preset of one exercise (rules in the module docstring)."""
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
    _side_word = lambda side: side_label(ex, side)  # noqa: E731
    tempo = tuple(d.tempo)
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
            phases.append(Phase("work", seconds, side, cue, name, label, reps=n_reps, tempo=tempo))

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
        phases.append(Phase("switch", d.switch_time.seconds, to, f"Switch sides: {_side_word(to)}.", name,
                            f"Switch: {_side_word(to)}"))

    def rest_sets(next_set, next_side=None):
        side_txt = f", {_side_word(next_side)}" if next_side else ""
        phases.append(
            Phase("rest", d.rest_between_sets.seconds, None, f"Rest. Next: set {next_set} of {sets}{side_txt}.",
                  name, f"Rest before set {next_set} of {sets}")
        )

    unilateral = ex.laterality == "unilateral"
    if d.prep:
        cue = f"Get ready: {ex.steps[0]}"
        if unilateral:
            cue += f" Start: {_side_word(first)}."
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
    return [dataclasses.replace(phase, exercise_id=ex.id, side_label=_side_word(phase.side)) for phase in phases]


def program_seconds(phases) -> float:
    """Total length of a timer program in seconds."""
    return sum(p.seconds for p in phases)
