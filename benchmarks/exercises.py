"""How fast the exercise library loads, and how fast it rejects hostile files.

    python benchmarks/exercises.py

Prints times measured in this run and their ratios to reading one ordinary exercise file, so
the numbers compare across machines. Target: every hostile file is rejected in less time than
loading a normal exercise file takes (ratio < 1), i.e. nothing is expanded or parsed at length.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hipcontent import exercises  # noqa: E402
from hipcontent.content.exercises import MAX_FILE_BYTES, load_exercise_file  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "exercise_files"


def best_of(fn, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    normal = (ROOT / "hipcontent/data/exercises/supine-toe-tap.yaml").read_bytes()
    base = best_of(lambda: load_exercise_file(normal, "supine-toe-tap.yaml", "supine-toe-tap"))
    cases = {
        "billion laughs (9 levels of aliases)": (FIXTURES / "billion-laughs/billion-laughs.yaml").read_bytes(),
        "deep nesting (40 levels)": (FIXTURES / "deep-nesting/deep-nesting.yaml").read_bytes(),
        "huge file (1 MiB)": b"a: '" + b"x" * (1 << 20) + b"'\n",
        "python tag": (FIXTURES / "python-tag/python-tag.yaml").read_bytes(),
    }
    print(f"one normal exercise file: {base * 1000:.2f} ms")
    worst = 0.0
    for name, data in cases.items():
        t = best_of(lambda: load_exercise_file(data, "x.yaml", "x"))
        worst = max(worst, t / base)
        print(f"{name:<40} {t * 1000:8.3f} ms   ratio {t / base:.3f}")
    exercises._builtin.cache_clear()
    full = best_of(lambda: (exercises._builtin.cache_clear(), exercises.load_library()), repeat=3)
    print(f"whole built-in library ({len(exercises.load_library())} files): {full * 1000:.1f} ms, "
          f"ratio {full / base:.1f} to one file")
    print(f"size cap {MAX_FILE_BYTES // 1024} KiB; worst hostile ratio {worst:.3f} (target < 1)")
    return 0 if worst < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
