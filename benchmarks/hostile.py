"""How fast the content layer and the public API refuse hostile input (issue 21, item 3).

    python benchmarks/hostile.py

Each hostile case is timed next to the normal load it stands for (one exercise file, a coach's
folder of the same number of files, a quiz file, the library call), all in this one run, and
printed as a ratio: refusal time / normal load time. Target: every ratio about 1 (below 2).
Each case runs in a child process stopped after LIMIT seconds, so a case that never finishes
is reported as such instead of hanging the benchmark.
"""

from __future__ import annotations

import copy
import itertools
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hipcontent.content.errors import ContentError  # noqa: E402
from hipcontent.content.exercise_checks import check_links, load_exercise_file  # noqa: E402
from hipcontent.content.library import load_library  # noqa: E402
from hipcontent.content.quiz import load_quiz_file  # noqa: E402
from hipcontent.content.reader import parse_yaml  # noqa: E402
from hipcontent.content.schema import schema_problems  # noqa: E402

DATA = ROOT / "hipcontent" / "data"
LIMIT = 30.0  # seconds a case may take before it counts as "never finishes"
FOLDER_FILES = 100  # exercise files in the coach's folder cases


def best_of(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def refused(fn) -> None:
    """fn must raise a ContentError (a data file) or a TypeError/ValueError (an argument)."""
    try:
        fn()
    except (ContentError, TypeError, ValueError):
        return
    raise AssertionError("hostile input was accepted")


def _exercise_doc() -> dict:
    return yaml.safe_load((DATA / "exercises/supine-toe-tap.yaml").read_bytes())


def _dump(document) -> bytes:
    return yaml.safe_dump(document, default_flow_style=None, width=10**6, sort_keys=False).encode()


def _fill(document, key, make, limit=63 * 1024) -> bytes:
    """The document with the longest list under `key` that keeps the file under `limit` bytes;
    its last item repeats the first (so the duplicate check has to look at every item)."""
    items = [make(i) for i in range(20_000)]
    low, high = 2, len(items)
    while low < high:  # bisect the number of items that fits
        mid = (low + high + 1) // 2
        document[key] = items[: mid - 1] + [copy.deepcopy(items[0])]  # a copy: an identical object would dump as an alias
        if len(_dump(document)) <= limit:
            low = mid
        else:
            high = mid - 1
    document[key] = items[: low - 1] + [copy.deepcopy(items[0])]
    return _dump(document)


def _one_file(data: bytes):
    exercise, _eid, problems = load_exercise_file(data, "hostile.yaml", "supine-toe-tap")
    if exercise is None:
        raise ContentError(problems)


def _folder(root: Path, name: str, count: int, link) -> Path:
    """A coach's folder of `count` valid exercise files; `link(i)` is file i's progression id."""
    folder = root / name
    folder.mkdir()
    base = _exercise_doc()
    base.pop("progressions", None)
    base.pop("regressions", None)
    for i in range(count):
        base["id"] = f"coach-ex-{i}"
        base["progressions"] = [{"id": link(i), "when": "when ten in a row feel easy"}]
        (folder / f"coach-ex-{i}.yaml").write_bytes(_dump(base))
    return folder


def fixtures(root: Path) -> None:
    """Write the files the cases read, once."""
    normal = (DATA / "exercises/supine-toe-tap.yaml").read_bytes()
    quiz_doc = yaml.safe_load((DATA / "quizzes/03-weakness-and-testing.yaml").read_bytes())
    (root / "quiz").mkdir()
    label = {"id": "q", "type": "label", "prompt": "Marker 1?",
             "diagram": "front-view", "marker": "iliacus",
             "options": [{"structure": s, "feedback": "See the pelvis.", "source": "gray1918"}
                         for s in ("iliacus", "psoas_major")]}
    quiz_doc["questions"] = [dict(copy.deepcopy(label), id=f"q{i}") for i in range(1000)]
    (root / "quiz" / "03-weakness-and-testing.yaml").write_bytes(_dump(quiz_doc))
    (root / "utf16.yaml").write_bytes(normal.decode().encode("utf-16"))
    _folder(root, "good", FOLDER_FILES, lambda i: f"coach-ex-{i + 1}" if i + 1 < FOLDER_FILES else "supine-toe-tap")
    _folder(root, "broken", FOLDER_FILES, lambda i: f"coach-exx-{i}")


def _chain(count: int, broken: bool) -> dict:
    """`count` exercises as check_links sees them, each linking to the next (or to a misspelt id)."""
    def make(i):
        target = f"coach-exercise-numberr-{i}" if broken else f"coach-exercise-number-{(i + 1) % count}"
        links = (SimpleNamespace(id=target),) if broken or i + 1 < count else ()
        return SimpleNamespace(id=f"coach-exercise-number-{i}", source_file=f"coach/{i}.yaml", builtin=False,
                               progressions=links, regressions=())
    return {f"coach-exercise-number-{i}": make(i) for i in range(count)}


def _refuse_links(exercises) -> None:
    problems = check_links(exercises, set())
    if problems:
        raise ContentError(problems)


def cases(root: Path) -> list[tuple[str, object, object]]:
    """(name, normal load, hostile call) for every case."""
    normal = (DATA / "exercises/supine-toe-tap.yaml").read_bytes()
    quiz_normal = DATA / "quizzes/03-weakness-and-testing.yaml"
    big_quiz = root / "quiz" / "03-weakness-and-testing.yaml"
    utf16, good, broken = root / "utf16.yaml", root / "good", root / "broken"
    one_file = lambda: _one_file(normal)  # noqa: E731
    builtin = lambda: load_library()  # noqa: E731
    links = _fill(_exercise_doc(), "progressions", lambda i: {"id": f"p-{i}", "when": "when it feels easy"})
    aliases = _fill(_exercise_doc(), "aliases", lambda i: f"alias {i}")
    items, keys = b"- a\n" * 60_000, b"".join(b"k%d: 1\n" % i for i in range(20_000))
    plain, linked = _exercise_doc(), _exercise_doc()
    linked["progressions"] = [{"id": f"p-{i}", "when": "when it feels easy"} for i in range(1500)]
    linked["progressions"].append({"when": "when it feels easy", "id": "p-0"})

    def schema_only(document):
        found = schema_problems(document, "exercise.schema.json", "python.yaml")
        if found:
            raise ContentError(found)

    return [
        ("2,000 exercises, each with a broken link (check_links: 'did you mean')",
         lambda: check_links(_chain(2000, broken=False), set()), lambda: _refuse_links(_chain(2000, broken=True))),
        ("exercise data from Python, 1,500 links, last repeats the first (schema check)",
         lambda: schema_only(plain), lambda: schema_only(linked)),
        (f"{len(links) // 1024} KiB exercise file, ~1,500 progression links (last repeats the first)", one_file,
         lambda: _one_file(links)),
        (f"{len(aliases) // 1024} KiB exercise file, ~6,000 aliases (last repeats the first)", one_file,
         lambda: _one_file(aliases)),
        ("250 KiB file: a list of 60,000 items", one_file, lambda: parse_yaml(items, "list.yaml")),
        ("250 KiB file: a mapping of 20,000 keys", one_file, lambda: parse_yaml(keys, "keys.yaml")),
        ("UTF-16 exercise file", one_file, lambda: _one_file(utf16.read_bytes())),
        (f"coach's folder: {FOLDER_FILES} files, each with a broken progression link", lambda: load_library([good]),
         lambda: load_library([broken])),
        ("quiz file of 1,000 label questions (loader only)", lambda: load_quiz_file(quiz_normal),
         lambda: load_quiz_file(big_quiz)),
        ("load_library(itertools.repeat(folder))", lambda: load_library([good]),
         lambda: load_library(itertools.repeat(good))),
        ("load_library(itertools.count())", builtin, lambda: load_library(itertools.count())),
        ("load_library([folder, folder]) (the same folder twice)", lambda: load_library([good]),
         lambda: load_library([good, good])),
        ("load_library(None)", builtin, lambda: load_library(None)),
        ("load_library(override='no')", builtin, lambda: load_library(override="no")),
    ]


def _run(index: int, root: str, out) -> None:
    name, normal, hostile = cases(Path(root))[index]
    normal()  # warm caches (schemas, the built-in library)
    base = best_of(normal)
    try:
        t = best_of(lambda: refused(hostile), repeat=1 if base > 1 else 3)
        out.send((base, t, ""))
    except AssertionError as error:
        out.send((base, None, str(error)))


def main() -> int:
    context = multiprocessing.get_context("fork")
    worst = 0.0
    with tempfile.TemporaryDirectory() as root:
        fixtures(Path(root))
        names = [name for name, _normal, _hostile in cases(Path(root))]
        print(f"{'hostile case':<78} {'normal':>9} {'refusal':>9}  ratio")
        for index, name in enumerate(names):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_run, args=(index, root, send))
            child.start()
            child.join(LIMIT * 4)
            if child.is_alive():
                child.kill()
                child.join()
                print(f"{name:<78} did not finish within {LIMIT * 4:.0f} s")
                worst = float("inf")
                continue
            base, t, failure = receive.recv() if receive.poll() else (0, None, "the child failed")
            if t is None:
                print(f"{name:<78} {base * 1000:7.1f}ms  NOT REFUSED: {failure}")
                worst = float("inf")
                continue
            worst = max(worst, t / base)
            print(f"{name:<78} {base * 1000:7.1f}ms {t * 1000:7.1f}ms  {t / base:6.2f}")
    print(f"worst ratio {worst:.2f} (target < 2)")
    return 0 if worst < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
