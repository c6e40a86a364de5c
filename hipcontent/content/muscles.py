"""The controlled muscle vocabulary (data/muscles.yaml): muscle ids, and groups that stand for
their members (e.g. iliopsoas = psoas major + iliacus). Exercise files name these ids."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from hipcontent.content.errors import MuscleDataError
from hipcontent.content.reader import read_data
from hipcontent.content.schema import checked

FILE = "hipcontent/data/muscles.yaml"


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    members: tuple[str, ...] = ()  # a group lists its member muscle ids; a muscle lists none
    note: str = ""

    @property
    def is_group(self) -> bool:
        return bool(self.members)


def load_muscles(path=None) -> dict[str, Muscle]:
    """Read and check a muscle vocabulary (the package's own unless a path is given)."""
    document, display = read_data(path, "data/muscles.yaml", MuscleDataError)
    problems = checked(document, "muscles.schema.json", display, MuscleDataError)
    ids = [m["id"] for m in (*document["muscles"], *document["groups"])]
    for repeated in sorted({i for i in ids if ids.count(i) > 1}):
        problems.add(repeated, "id", "is used twice; muscle and group ids must be unique")
    singles = {m["id"] for m in document["muscles"]}
    for group in document["groups"]:
        for number, member in enumerate(group["members"]):
            if member not in singles:
                problems.add(group["id"], f"members[{number}]", f"{member!r} is not a muscle in this file")
    problems.raise_if_any(MuscleDataError)
    table = {m["id"]: Muscle(m["id"], m["name"], (), m.get("note", "")) for m in document["muscles"]}
    for g in document["groups"]:
        table[g["id"]] = Muscle(g["id"], g["name"], tuple(g["members"]), g.get("note", ""))
    return table


@cache
def muscles() -> dict[str, Muscle]:
    """The controlled muscle vocabulary: muscle and group ids -> Muscle (groups have members)."""
    return load_muscles()


def resolve_muscles(ids) -> frozenset[str]:
    """Muscle and group ids -> the set of individual muscle ids (groups expanded)."""
    table = muscles()
    out = set()
    for mid in ids:
        m = table[mid]
        out.update(m.members or (m.id,))
    return frozenset(out)
