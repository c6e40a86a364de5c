"""Reading and checking one exercise file, and the checks across files (links, cycles).

Each file goes through the one reader (content.reader), then the schema
(data/exercise.schema.json, via content.schema), then the checks a schema cannot express:
`check_exercise` and `check_dosage` (sides, modes, ranges, the bounds of every duration),
`check_programs` (every timeable preset derives a program within the timers' bounds), and, once
all files are read, `check_links` (links exist; progressing never leads back).
"""

from __future__ import annotations

import bisect
import difflib

from hipcontent.content.bibliography import check_citations
from hipcontent.content.errors import ContentError, Problem
from hipcontent.content.exercise_models import (
    POSES,
    Caution,
    Citation,
    Count,
    DosagePreset,
    Duration,
    Evidence,
    Exercise,
    Link,
    progression_edges,
    side_labels_from_data,
    tempo_from_data,
    tempo_problems,
)
from hipcontent.content.exercise_program import derive_program, program_seconds
from hipcontent.content.muscles import muscles, resolve_muscles
from hipcontent.content.reader import parse_yaml
from hipcontent.content.schema import schema_problems
from hipcontent.timing.program import (
    MAX_PHASE_SECONDS,
    MAX_PROGRAM_SECONDS,
    MIN_PHASE_SECONDS,
)

MAX_FILE_BYTES = 64 * 1024  # the largest built-in exercise is under 9 KiB
MAX_LIST_ITEMS = 50  # entries in any list or mapping of an exercise file; the longest built-in has 22
MAX_VALUES = 1000  # values in one exercise file; the largest built-in has about 380
MAX_SUGGESTED = 10  # broken links that get a "did you mean" (the rest are listed without one)


def _parse_yaml(data: bytes, display: str) -> tuple[object, list[Problem]]:
    """Parse one file's bytes through the one hardened reader; returns (document, problems)."""
    try:
        document = parse_yaml(data, display, MAX_FILE_BYTES, max_items=MAX_LIST_ITEMS, max_nodes=MAX_VALUES)
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


def _schema_problems(document: dict, display: str, exercise_id) -> list[Problem]:
    found = schema_problems(document, "exercise.schema.json", display, entry=exercise_id or "")
    return sorted(found, key=lambda p: p.field)


def _duration(raw) -> Duration | None:
    if raw is None:
        return None
    number = lambda value: None if value is None else float(value)  # numpy numbers too
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

    for i, source in enumerate(doc["evidence"]["sources"]):
        check_citations(source.get("bibliography", ()), problems, display, eid, f"evidence.sources[{i}].bibliography")

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
    for name, reason in tempo_problems(d):
        bad(name, reason)

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
                tempo=tempo_from_data(d.get("tempo")),
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
            tuple(Citation(s["citation"], tuple(s["supports"]), s.get("grade", ""), s.get("note", ""),
                         tuple(s.get("bibliography", ())))
                  for s in ev["sources"]),
        ),
        license_spdx=doc["license"]["spdx"], license_attribution=doc["license"]["attribution"],
        aliases=tuple(doc.get("aliases", ())), origin=doc.get("origin", ""),
        muscle_note=doc["muscles"].get("note", "").strip(),
        common_faults=tuple((f["fault"].strip(), f["fix"].strip()) for f in doc.get("common_faults", ())),
        progressions=tuple(Link(x["id"], x["when"].strip()) for x in doc.get("progressions", ())),
        regressions=tuple(Link(x["id"], x["when"].strip()) for x in doc.get("regressions", ())),
        diagram_pose=diagram.get("pose"), diagram_alt=diagram.get("alt", "").strip(),
        source_file=display, builtin=builtin, side_labels=side_labels_from_data(doc.get("sides")),
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
    problems = check_programs(exercise)
    if problems:
        return None, eid, problems
    return exercise, eid, []


def check_programs(exercise: Exercise) -> list[Problem]:
    """Every timeable preset becomes a timer program within the course's bounds."""
    problems = []
    for d in exercise.dosage:
        if not d.timeable:
            continue
        where = f"dosage[{d.index}]"
        try:
            total = program_seconds(derive_program(exercise, d))
        except ValueError as error:  # a derived phase breaks a bound (e.g. 100 reps x 60 s in one set)
            problems.append(Problem(exercise.source_file, exercise.id, where,
                                    f"preset {d.id!r} makes a timer phase the timers refuse: {error}"))
            continue
        if total > MAX_PROGRAM_SECONDS:
            problems.append(Problem(exercise.source_file, exercise.id, where,
                                    f"preset {d.id!r} runs {total / 3600:.1f} hours; a preset's timer program "
                                    f"may last at most {MAX_PROGRAM_SECONDS // 3600} hours"))
    return problems


MAX_CANDIDATES = 50  # ids compared with a misspelt one, at most


def id_index(ids) -> dict[str, tuple[list[str], list[int]]]:
    """Ids grouped by first letter, each group sorted by length (with the lengths), for close_ids."""
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(i[:1], []).append(i)
    return {first: (sorted(group, key=len), sorted(map(len, group))) for first, group in groups.items()}


def close_ids(word: str, ids, n: int = 1, index=None) -> list[str]:
    """The ids most like `word` ("did you mean"), at bounded cost: only ids starting with the same
    letter and nearest in length are compared, at most MAX_CANDIDATES of them (difflib compares
    every pair of letters, so 2,000 misspelt links against 2,000 ids never finished). Pass
    `index=id_index(ids)` when asking for many words."""
    word = str(word)[:100]
    if not word:
        return []
    group, lengths = (index if index is not None else id_index(ids)).get(word[:1], ([], []))
    middle = bisect.bisect_left(lengths, len(word))
    start = max(0, middle - MAX_CANDIDATES // 2)
    return difflib.get_close_matches(word, group[start:start + MAX_CANDIDATES], n=n)


def check_links(exercises: dict[str, Exercise], known_ids: set[str], overridden=frozenset()) -> list[Problem]:
    """Links point at existing exercises, and progressing never leads back (no cycles).

    The first MAX_SUGGESTED broken links get a "did you mean" (see close_ids); the rest are
    listed without one, so thousands of broken links cost about as much as a normal load."""
    problems, suggested, index = [], 0, None
    for ex in exercises.values():
        for key in ("progressions", "regressions"):
            for i, link in enumerate(getattr(ex, key)):
                if link.id not in exercises and link.id not in known_ids:
                    hint = []
                    if suggested < MAX_SUGGESTED:
                        index = index if index is not None else id_index(exercises)  # built once
                        hint = close_ids(link.id, (), index=index)
                    suggested += 1
                    problems.append(Problem(ex.source_file, ex.id, f"{key}[{i}].id",
                                            f"links to {link.id!r}, which is not in the library"
                                            + (f" (did you mean {hint[0]!r}?)" if hint else "")))
    problems.extend(_cycles(exercises, progression_edges(list(exercises.values())), overridden))
    return problems


def _cycles(exercises: dict[str, Exercise], edges: dict[str, list[str]], overridden=frozenset()) -> list[Problem]:
    """Each cycle in the progression graph, once, found by an iterative depth-first search (a
    chain of thousands of exercises needs no recursion and no copied paths), blamed on the file
    that closes it (see _cycle_problem)."""
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
                    problems.append(_cycle_problem(exercises, cycle, overridden))
            elif nxt not in state:
                state[nxt] = 1
                position[nxt] = len(path)
                path.append(nxt)
                stack.append(iter(edges[nxt]))
    return problems


def _declared(exercises: dict[str, Exercise], easier: str, harder: str):
    """(exercise, field) of each declaration of the step easier -> harder: the easier exercise's
    progression or the harder one's regression."""
    for ex, key, target in ((exercises[easier], "progressions", harder), (exercises[harder], "regressions", easier)):
        for i, link in enumerate(getattr(ex, key)):
            if link.id == target:
                yield ex, f"{key}[{i}].id"


def _cycle_problem(exercises: dict[str, Exercise], cycle: list[str], overridden=frozenset()) -> Problem:
    """A loop, blamed on the file that closes it: a coach's file (an override or a new exercise)
    rather than a built-in file the coach cannot and need not change."""
    steps = list(zip(cycle, cycle[1:]))
    declared = [found for easier, harder in steps for found in _declared(exercises, easier, harder)]
    own = [(ex, field) for ex, field in declared if not ex.builtin]
    ex, field = (own or declared or [(exercises[cycle[0]], "progressions")])[0]
    loop = " -> ".join(cycle)
    if own:
        override = " (your file replaces the built-in exercise of this id)" if ex.id in overridden else ""
        return Problem(ex.source_file, ex.id, field,
                       f"progressions lead back in a loop: {loop}{override}; this link closes the loop: "
                       "remove it or point it at an exercise further along")
    return Problem(ex.source_file, ex.id, field, f"progressions lead back to this exercise: {loop}")

