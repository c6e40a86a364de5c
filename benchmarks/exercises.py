"""How fast the content layer loads data, and how fast it refuses hostile files.

    python benchmarks/exercises.py

Prints times measured in this run and their ratios to reading one ordinary exercise file, so
the numbers compare across machines. Target: no hostile file costs more than two normal loads
(ratio < 2): nothing is expanded, nested or converted at length, a named pipe is refused without
waiting, and a file over the size cap is refused before it is parsed. (A 20,000-letter string
inside the size cap is parsed once, like any text, then refused: about one normal load.)
Also times the other data kinds through the same reader.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hipcontent.content import library
from hipcontent.content.errors import ContentError
from hipcontent.content.exercises import (
    MAX_FILE_BYTES,
    load_exercise_file,
    load_library,
)
from hipcontent.content.reader import read_yaml

FIXTURES = ROOT / "tests" / "data" / "exercise_files"
DATA = ROOT / "hipcontent" / "data"


def best_of(fn, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def refused(data: bytes) -> None:
    exercise, _eid, problems = load_exercise_file(data, "x.yaml", "x")
    assert exercise is None and problems, "a hostile file was accepted"


def main() -> int:
    normal = (DATA / "exercises/supine-toe-tap.yaml").read_bytes()
    base = best_of(lambda: load_exercise_file(normal, "supine-toe-tap.yaml", "supine-toe-tap"))
    cases = {
        "billion laughs (9 levels of aliases)": (FIXTURES / "billion-laughs/billion-laughs.yaml").read_bytes(),
        "deep nesting (40 levels)": (FIXTURES / "deep-nesting/deep-nesting.yaml").read_bytes(),
        "huge file (1 MiB)": b"a: '" + b"x" * (1 << 20) + b"'\n",
        "python tag": (FIXTURES / "python-tag/python-tag.yaml").read_bytes(),
        "repeated key": (FIXTURES / "duplicate-key/duplicate-key.yaml").read_bytes(),
        "20,000-letter name": normal.replace(b"name: Supine toe tap", b"name: " + b"x" * 20_000),
        "bidi override in a cue": normal.replace(b"cues:\n  - ", b'cues:\n  - "x \\u202e y"\n  - ', 1),
        "5,000-digit number": b"a: " + b"9" * 5000 + b"\n",
        "1e12-second work phase": normal.replace(b"work: {target: 30,", b"work: {target: 1e12,"),
    }
    print(f"one normal exercise file: {base * 1000:.2f} ms")
    worst = 0.0
    for name, data in cases.items():
        t = best_of(lambda data=data: refused(data))
        worst = max(worst, t / base)
        print(f"  refused: {name:<38} {t * 1000:8.3f} ms   ratio {t / base:.3f}")

    with tempfile.TemporaryDirectory() as folder:
        fifo = Path(folder) / "pipe.yaml"
        os.mkfifo(fifo)

        def pipe():
            try:
                read_yaml(fifo)
            except ContentError:
                return
            raise AssertionError("a named pipe was read")

        t = best_of(pipe)
        worst = max(worst, t / base)
        print(f"  refused: {'named pipe (never opened for reading)':<38} {t * 1000:8.3f} ms   ratio {t / base:.3f}")

    full = best_of(lambda: (library._builtin.cache_clear(), load_library()), repeat=3)
    print(f"whole built-in library ({len(load_library())} files): {full * 1000:.1f} ms, ratio {full / base:.1f} to one file")
    def everything():
        from hipcontent.content import bibliography, muscles, quiz
        from hipcontent.content.catalogue import check_all

        for cached in (library._builtin, quiz.load_quiz, quiz.diagram_structures, bibliography.bibliography,
                       muscles.muscles):
            cached.cache_clear()
        return check_all()

    t = best_of(everything, repeat=3)
    print(f"every data file read and checked (check_all: {sum(everything().values())} entries): {t * 1000:.0f} ms")
    for name in ("anatomy/facts.yaml", "bibliography.yaml", "quizzes/01-anatomy.yaml", "lesson03/evidence.yaml"):
        t = best_of(lambda name=name: read_yaml(DATA / name))
        print(f"read only (reader, no checks): {name:<28} {t * 1000:7.2f} ms")
    print(f"size cap {MAX_FILE_BYTES // 1024} KiB per exercise file; worst hostile ratio {worst:.3f} (target < 2)")
    return 0 if worst < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
