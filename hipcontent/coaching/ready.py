"""Ready-made classes of 15, 30 and 45 minutes, to run straight away or to start your own from.

    plan = ready_class(30)          # a SessionPlan: warm-up, main block, cool-down
    plan.timer()                    # run it now
    plan.participant_sheet("class-sheet.pdf")

Each class opens with a general warm-up (marching on the spot), then warm-up drills for the hip
flexors (leg swings) and the trunk (pelvic tilts); its main block is built around the course's
three signature exercises (supine toe tap, psoas march, deep lunge with side bend) with the steps
before and after them on their progression ladders; it closes with an easy walk (and, in the 45-
minute class, a standing hip-flexor stretch). The rests between exercises are transitions of well
under the 2-3 minutes ACSM's 2009 resistance-training position stand gives between heavy
multi-joint sets (bodyweight control drills do not need those: a course choice), and
a drill whose only dose rests that long is left out of a class until its file has a "class" dose; they
are set so the class lasts what its name says (within a few seconds). A preset with id "class" is
used where an exercise file has one (a group-class dose); otherwise the listed ones.

The coach's own library can be passed as `library=`: its versions of these exercises are used
(an id the library lacks is an error naming it), so a class follows the coach's presets.
"""

from __future__ import annotations

import math

from hipcontent.coaching.session import SessionPlan, make_item
from hipcontent.content.exercises import Exercise, ExerciseLibrary
from hipcontent.timing.timers import library_or_builtin

MIN_REST, MAX_REST = 15, 90  # seconds between exercises: time to move, not strength-set recovery

# minutes -> (section, exercise id, preferred preset ids in order) in class order. An exercise whose
# only preferred preset is "class" is left out when its file has no such preset.
CLASSES: dict[int, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    15: (
        ("Warm-up", "march-on-the-spot", ("warm-up",)),
        ("Warm-up", "standing-leg-swing", ("warm-up",)),
        ("Warm-up", "supine-pelvic-tilt", ("warm-up",)),
        ("Main", "supine-toe-tap", ("post-60s",)),
        ("Main", "psoas-march", ("class", "beginner")),
        ("Main", "deep-lunge-side-bend-stretch", ("standard",)),
        ("Cool-down", "easy-walk-cool-down", ("cool-down",)),
    ),
    30: (
        ("Warm-up", "march-on-the-spot", ("warm-up-long", "warm-up")),
        ("Warm-up", "standing-leg-swing", ("warm-up",)),
        ("Warm-up", "supine-pelvic-tilt", ("warm-up",)),
        ("Main", "heel-slide", ("beginner",)),
        ("Main", "single-leg-toe-tap", ("beginner",)),
        ("Main", "supine-toe-tap", ("class", "standard")),
        ("Main", "psoas-march", ("class", "standard")),
        ("Main", "half-kneeling-hip-flexor-stretch", ("standard",)),
        ("Main", "deep-lunge-side-bend-stretch", ("standard",)),
        ("Cool-down", "easy-walk-cool-down", ("cool-down",)),
    ),
    45: (
        ("Warm-up", "march-on-the-spot", ("warm-up-long", "warm-up")),
        ("Warm-up", "standing-leg-swing", ("warm-up",)),
        ("Warm-up", "supine-pelvic-tilt", ("warm-up",)),
        ("Main", "heel-slide", ("class", "standard")),
        ("Main", "single-leg-toe-tap", ("class", "standard")),
        ("Main", "supine-toe-tap", ("class", "standard")),
        ("Main", "psoas-march", ("class", "standard")),
        ("Main", "straight-leg-raise", ("class",)),  # only with a class dose: its standard rests 2 min
        ("Main", "seated-knee-lift", ("class", "standard")),
        ("Main", "half-kneeling-hip-flexor-stretch", ("standard",)),
        ("Main", "deep-lunge-side-bend-stretch", ("short-holds", "standard")),
        ("Cool-down", "easy-walk-cool-down", ("cool-down",)),
        ("Cool-down", "standing-hip-flexor-stretch", ("standard",)),
    ),
}
SIGNATURE = ("supine-toe-tap", "psoas-march", "deep-lunge-side-bend-stretch")


def _preset(exercise: Exercise, preferred: tuple[str, ...]):
    known = {d.id: d for d in exercise.dosage if d.timeable}
    for preset_id in preferred:
        if preset_id in known:
            return known[preset_id]
    if exercise.default_preset.timeable:
        return exercise.default_preset
    if known:
        return next(iter(known.values()))
    raise ValueError(f"exercise {exercise.id!r} has no preset a timer can play (a counted preset needs "
                     "seconds_per_rep); give it one to use it in a ready class")


def ready_class(minutes: int, *, library: ExerciseLibrary | None = None) -> SessionPlan:
    """A ready-made class lasting `minutes` (15, 30 or 45): warm-up, main block, cool-down.

    library: the exercise library to take the exercises from (None: the built-in one); pass the
    library you loaded with `load_library` so your own versions and presets are used.
    Raises ValueError for another length, or when the library lacks one of the class's exercises.
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes not in CLASSES:
        raise ValueError(f"minutes must be one of {', '.join(map(str, CLASSES))} (a ready class's length); "
                         f"got {minutes!r}")
    library = library_or_builtin(library)
    chosen = []
    for section, exercise_id, preferred in CLASSES[minutes]:
        if exercise_id not in library:
            raise ValueError(f"the library has no exercise {exercise_id!r}, which the {minutes}-minute class "
                             "uses; pass a library that includes the built-in exercises (load_library does)")
        exercise = library[exercise_id]
        if preferred == ("class",) and not any(d.id == "class" for d in exercise.dosage):
            continue
        chosen.append((section, make_item(exercise, _preset(exercise, preferred), library=library)))
    items = tuple(item for _, item in chosen)
    working = math.fsum(item.seconds for item in items)
    rest = math.floor((minutes * 60 - working) / (len(items) - 1))
    if not MIN_REST <= rest <= MAX_REST:
        raise ValueError(f"the {minutes}-minute class's exercises last {working / 60:.1f} minutes at these presets, "
                         f"leaving {rest} s between exercises (a ready class allows {MIN_REST}-{MAX_REST} s); "
                         "check the presets of your library's versions")
    return SessionPlan(items, rest, title=f"{minutes}-minute ready class",
                       sections=tuple(section for section, _ in chosen), library=library)
