"""Build the course as one static, offline site (issue 22): `python3 tools/course.py site`.

    site/index.html              the lessons in order, the ready classes, the sheets, the exercises
    site/NN-name.html            every lesson, executed, its widgets working in the browser
    site/players/ready-NN.html   the stand-alone player of each ready class (15, 30, 45 minutes)
    site/sheets/*.pdf            the 30-minute class's participant and coach sheets
    site/exercises/<id>.html     a page per exercise: drawing, card, steps, cues, cautions, sources
    site/manifest.webmanifest, site/sw.js, site/icon.svg   add to home screen; offline after one visit

Nothing is fetched from a network: the lessons are exported with nbconvert through our own
template (no require.js, no MathJax, no widget manager from a CDN); tools/site_assets/host.js gives
the anywidget front ends their model from the saved widget state. A lesson that already carries its
widget state (notebook metadata "widgets") is exported as stored; otherwise it is executed first, in
a temporary copy of notebooks/ (the repository is never touched).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
ASSETS = Path(__file__).resolve().parent / "site_assets"
STATE = "application/vnd.jupyter.widget-state+json"
READY_MINUTES = (15, 30, 45)
BUDGET_BYTES = 15_000_000  # the budget: 15 MB
SHARED_KEYS = ("_esm", "_css")  # long strings each widget of a kind repeats: stored once per page


def lesson_files() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def execute(notebook: Path, workdir: Path, timeout: int = 600):
    """Run a copy of the lesson in `workdir` (where it writes its example files) and keep its widget state."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return nb


def share_strings(nb) -> list[str]:
    """Move each repeated `_esm`/`_css` string out of the saved widget state into one table."""
    table: list[str] = []
    index: dict[str, int] = {}
    state = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    for entry in state.values():
        values = entry.get("state", {})
        for key in SHARED_KEYS:
            text = values.get(key)
            if isinstance(text, str) and len(text) > 200:
                if text not in index:
                    index[text] = len(table)
                    table.append(text)
                values[key] = {"$shared": index[text]}
    return table


LINK = re.compile(r"(\]\(|href=\")(\d\d-[a-z0-9-]+)\.ipynb")


# An exercise card as hipcontent.printing.cards writes it: its accessible name is the exercise's name.
CARD = re.compile(r'(<section class="hip-card exercise-card" aria-label="([^"]*)">\s*(?:<h[1-6][^>]*>.*?</h[1-6]>)?)', re.S)


def exercise_links(text: str) -> str:
    """Each exercise card in a lesson gets a link to that exercise's own page on the site."""
    from hipcontent.content.library import load_library

    ids = {html.escape(exercise.name): exercise.id for exercise in load_library()}

    def linked(match):
        exercise_id = ids.get(match.group(2))
        if exercise_id is None:
            return match.group(1)
        return (f'{match.group(1)}<p class="hip-site-exercise-link"><a href="exercises/{exercise_id}.html">'
                f'The {match.group(2).lower()} on its own page, with its drawing</a></p>')

    return CARD.sub(linked, text)


def site_links(nb) -> None:
    """Links between lessons point at the site's pages, not at notebooks; exercise cards link to
    the exercise's page."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK.sub(r"\1\2.html", cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                text = data["text/html"]
                text = "".join(text) if isinstance(text, list) else text
                data["text/html"] = exercise_links(LINK.sub(r"\1\2.html", text))


HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", re.M)
COLLAPSED = "jp-MarkdownHeadingCollapsed"  # where JupyterLab 4.6 keeps a collapsed heading


def _level(cell) -> int:
    """A markdown cell's heading level as JupyterLab reads it (its smallest), 7 for none."""
    if cell.cell_type != "markdown":
        return 7
    return min((len(m.group(1)) for m in HEADING.finditer(cell.source)), default=7)


def deeper_sections(nb) -> None:
    """A lesson's collapsed "Go deeper" sections become closed <details> on the page: the heading
    cell gives the summary, and the section ends where JupyterLab would end it (the next heading
    of the same or a higher level)."""
    open_level = None
    last = None
    for cell in nb.cells:
        level = _level(cell)
        if open_level is not None and level <= open_level:
            last.metadata["hip_site_close"] = True
            open_level = None
        if cell.cell_type == "markdown" and cell.metadata.get(COLLAPSED) and level < 7:
            cell.metadata["hip_site_open"] = HEADING.search(cell.source).group(2)
            open_level = level
        last = cell
    if open_level is not None and last is not None:
        last.metadata["hip_site_close"] = True


def dark_theme() -> str:
    """JupyterLab's dark theme variables as nbconvert's lab template ships them (for a media query)."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("nbconvert", "templates", "lab", "static"):
        path = Path(folder) / "theme-dark.css"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError("nbconvert's lab template has no static/theme-dark.css")


def export(nb, title: str) -> str:
    from nbconvert import HTMLExporter

    shared = share_strings(nb)
    site_links(nb)
    deeper_sections(nb)
    exporter = HTMLExporter(template_name="hipsite", extra_template_basedirs=[str(ASSETS / "templates")])
    nb.metadata["title"] = title
    resources = {"hip_shared": shared, "hip_host": (ASSETS / "host.js").read_text(encoding="utf-8"),
                 "hip_site_css": (ASSETS / "site.css").read_text(encoding="utf-8"),
                 "hip_dark_theme": dark_theme(),
                 "hip_register": (ASSETS / "register.js").read_text(encoding="utf-8").replace("__SW_URL__", "sw.js")}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def page(title: str, body: str, *, depth: int = 0) -> str:
    """A plain site page in the course's look (index, exercises)."""
    from hipcontent.views.display import course_css

    up = "../" * depth
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{html.escape(title)}</title><link rel="manifest" href="{up}manifest.webmanifest">'
            f'<link rel="icon" href="{up}icon.svg"><style>{course_css()}'
            f'{(ASSETS / "site.css").read_text(encoding="utf-8")}</style></head>'
            f'<body class="hip-site"><header class="hip-site-bar"><a href="{up}index.html">hipcontent · home</a>'
            f'</header><main class="hip hip-site-main">{body}</main>'
            f'<script>{(ASSETS / "register.js").read_text(encoding="utf-8").replace("__SW_URL__", up + "sw.js")}</script>'
            f'</body></html>\n')


def exercise_pages(out: Path) -> list[tuple[str, str]]:
    from hipcontent.content.library import load_library
    from hipcontent.figures.pictures import exercise_svg
    from hipcontent.printing.cards import exercise_card

    folder = out / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for exercise in load_library():
        body = (f'<h1>{html.escape(exercise.name)}</h1><figure class="hip-site-drawing">{exercise_svg(exercise)}</figure>'
                f'{exercise_card(exercise).html}'
                '<p><a href="../04-exercises.html">Lesson 04: the exercise library</a> · '
                '<a href="../index.html#exercises">every exercise</a></p>')
        (folder / f"{exercise.id}.html").write_text(page(exercise.name, body, depth=1), encoding="utf-8")
        made.append((exercise.id, exercise.name))
    return made


def class_files(out: Path) -> list[tuple[str, str]]:
    from hipcontent.coaching.ready import ready_class

    (out / "players").mkdir(parents=True, exist_ok=True)
    (out / "sheets").mkdir(parents=True, exist_ok=True)
    made = []
    for minutes in READY_MINUTES:
        ready_class(minutes).save_player(out / "players" / f"ready-{minutes}.html")
        made.append((f"players/ready-{minutes}.html", f"Play the {minutes}-minute class"))
    plan = ready_class(30)
    plan.participant_sheet(out / "sheets" / "class-30-participant.pdf")
    plan.coach_sheet(out / "sheets" / "class-30-coach.pdf")
    made += [("sheets/class-30-participant.pdf", "30-minute class: sheet for participants (PDF, 1 page)"),
             ("sheets/class-30-coach.pdf", "30-minute class: coach's sheet (PDF)")]
    return made


def index_page(lessons, classes, exercises) -> str:
    def items(pairs):
        return "".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for href, text in pairs)

    lesson_items = [(Path(lesson.file).with_suffix(".html").name, f"{lesson.number} · {lesson.title}")
                    for lesson in lessons]
    body = ("<h1>The iliopsoas: a course for coaches and self-learners</h1>"
            "<p>Every lesson, the ready classes and the exercises, working in this browser with no "
            "network after your first visit: the quizzes, the timers, the hip-angle explorer, the session "
            "builder and the spaced review all run here, with no Python. Your review progress is kept in "
            "this browser, on this device only.</p>"
            f"<h2>Lessons</h2><ol class='hip-site-list'>{items(lesson_items)}</ol>"
            f"<h2>Teach a class</h2><ul class='hip-site-list'>{items(classes)}</ul>"
            f"<h2 id='exercises'>Exercises</h2><ul class='hip-site-list'>"
            f"{items((f'exercises/{i}.html', name) for i, name in exercises)}</ul>")
    return page("hipcontent: the iliopsoas course", body)


def offline_files(out: Path) -> None:
    """The web app manifest, the icon and a service worker that caches every file of this build."""
    shutil.copy(ASSETS / "icon.svg", out / "icon.svg")
    manifest = {"name": "hipcontent: the iliopsoas course", "short_name": "hipcontent", "start_url": "index.html",
                "display": "standalone", "background_color": "#ffffff", "theme_color": "#0072b2",
                "icons": [{"src": "icon.svg", "sizes": "any", "type": "image/svg+xml"}]}
    (out / "manifest.webmanifest").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "sw.js")
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + (out / name).read_bytes())
    worker = (ASSETS / "sw.js").read_text(encoding="utf-8")
    worker = worker.replace("__VERSION__", digest.hexdigest()[:16]).replace("__FILES__", json.dumps(["./", *files]))
    (out / "sw.js").write_text(worker, encoding="utf-8")


def build(out: Path, *, execute_all: bool = False, quiet: bool = False) -> dict:
    import nbformat

    from hipcontent.content.lessons import lessons as course_lessons

    say = (lambda *_: None) if quiet else (lambda text: print(f"[site] {text}", flush=True))
    started = time.monotonic()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    titles = {lesson.file: lesson for lesson in course_lessons()}
    with tempfile.TemporaryDirectory(prefix="hipcontent-site-") as tmp:
        work = Path(tmp) / "notebooks"
        shutil.copytree(NOTEBOOKS, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "example-*", "my-*"))
        for notebook in lesson_files():
            stored = nbformat.read(notebook, as_version=4)
            nb = stored if (STATE in stored.metadata.get("widgets", {}) and not execute_all) else execute(work / notebook.name, work)
            lesson = titles.get(notebook.name)
            title = f"{lesson.number} · {lesson.title}" if lesson else notebook.stem
            (out / notebook.with_suffix(".html").name).write_text(export(nb, title), encoding="utf-8")
            say(f"{notebook.name} → {notebook.stem}.html")
    classes = class_files(out)
    exercises = exercise_pages(out)
    (out / "index.html").write_text(index_page(list(titles.values()), classes, exercises), encoding="utf-8")
    offline_files(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    report = {"bytes": size, "budget": BUDGET_BYTES, "seconds": round(time.monotonic() - started, 1),
              "pages": sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))}
    say(f"{len(report['pages'])} pages, {size / 1e6:.1f} MB (budget {BUDGET_BYTES / 1e6:.1f} MB), {report['seconds']} s")
    if size > BUDGET_BYTES:
        say("over the size budget")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "site", help="where to build (default: site/)")
    parser.add_argument("--execute", action="store_true", help="run every lesson even if it carries widget state")
    args = parser.parse_args(argv)
    report = build(args.out, execute_all=args.execute)
    return 0 if report["bytes"] <= BUDGET_BYTES else 1


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
