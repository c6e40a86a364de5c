"""Real `Exercise`/`DosagePreset` objects with chosen timings, for the timer, session and card tests.

The library's own types, never look-alikes: each exercise is a built-in one with its id, name and
dosage replaced, so everything that reads an exercise sees exactly what the library gives it.
"""

from __future__ import annotations

import copy
import dataclasses

from hipcontent.content.exercises import Count, DosagePreset, Duration, Exercise, load_library


def preset(preset_id: str, work: float, *, prep: float | None = None, sets: int = 1, reps: int = 1,
           rest_reps: float | None = None, rest_sets: float | None = None, default: bool = False,
           label: str | None = None) -> DosagePreset:
    """A timed preset: `sets` sets of `reps` bouts of `work` seconds, with an optional get-ready time."""
    seconds = lambda value: Duration(value, "s") if value else None  # noqa: E731
    return DosagePreset(
        id=preset_id, label=label or f"{preset_id} label", mode="timed", sets=Count(sets),
        reps=Count(reps) if reps > 1 else None, count_basis="total", default=default, work=Duration(work, "s"),
        prep=seconds(prep), rest_between_reps=seconds(rest_reps), rest_between_sets=seconds(rest_sets),
        basis_kind="course_suggestion", basis_note="A test preset.",
    )


def exercise(exercise_id: str, name: str, *presets: DosagePreset, base: str = "hanging-knee-raise") -> Exercise:
    """A built-in exercise (both sides together) renamed, with these presets (the first is the default
    unless one says default=True); with no presets given it keeps the built-in ones."""
    if not presets:
        return dataclasses.replace(load_library()[base], id=exercise_id, name=name, builtin=False)
    if not any(p.default for p in presets):
        presets = (dataclasses.replace(presets[0], default=True), *presets[1:])
    presets = tuple(dataclasses.replace(p, index=i) for i, p in enumerate(presets))
    return dataclasses.replace(load_library()[base], id=exercise_id, name=name, dosage=presets, builtin=False)


COACH_NAME = "Coach's own toe tap"


def coach_library(folder):
    """`load_library([folder], override=True)` with the coach's version of the built-in supine-toe-tap:
    another name, 45 s of work in its default preset, and a preset the built-in one lacks."""
    from importlib import resources

    import yaml

    text = resources.files("hipcontent").joinpath("data/exercises/supine-toe-tap.yaml").read_text("utf-8")
    document = yaml.safe_load(text)
    document["name"] = COACH_NAME
    default = next(d for d in document["dosage"] if d.get("default"))
    default["work"] = {"target": 45, "unit": "s"}
    extra = copy.deepcopy(default)  # a copy, not a second reference (which YAML would write as an alias)
    extra.update(id="coach-only", label="Coach only: 1 set of 45 s", default=False)
    document["dosage"].append(extra)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "supine-toe-tap.yaml").write_text(yaml.safe_dump(document, sort_keys=False), "utf-8")
    library = load_library([folder], override=True)
    assert library.overridden == ("supine-toe-tap",) and library["supine-toe-tap"].name == COACH_NAME
    return library
