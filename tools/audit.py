"""Accessibility audit of the lessons' outputs: axe-core (WCAG 2.2 AA) in JupyterLab + Chromium.

    python3 tools/course.py audit                                  # every lesson, Run All first
    .venv/bin/python tools/audit.py --json audit.json              # the same, report elsewhere
    .venv/bin/python tools/audit.py --json a.json --stored notebooks/01-anatomy.ipynb

For each lesson notebook (a temporary copy; the repository is never touched) and each theme
(JupyterLab Light and Dark) it opens the notebook at 1280x800 (or --viewport), runs every cell (or, with
`--stored`, keeps the stored outputs), sets `html, body { height: 100% }` (JupyterLab's body has
height 0, and axe then skips colour contrast without a word), and scrolls the notebook one
screen at a time, running axe on the course outputs (`.jp-OutputArea-output`) that touch the
screen with the WCAG 2.0/2.1/2.2 A and AA rules. Nodes found on several screens count once.

It also counts course text under 12 px: text nodes inside outputs whose computed font size is
below 12 CSS px (SVG text scaled by its drawing's transform).

Prints a table per notebook and theme (rule, impact, nodes), then the serious and critical ones
together, and writes everything to the JSON file. Exit status 0 even with violations: this is a
measuring tool, not a test.

axe-core itself is not in the repository: the first run gets the pinned version with
`npm pack` (its sha512 checked) into ~/.cache/hipcontent/ (or $HIPCONTENT_CACHE); later runs are
offline. `--axe path/to/axe.min.js` uses a copy you already have.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}

AXE_VERSION = "4.14.1"
# npm's "integrity" of axe-core-4.14.1.tgz (sha512 of the tarball, base64).
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
OUTPUTS = ".jp-OutputArea-output"
SMALL_PX = 12.0
SERIOUS = ("serious", "critical")

LAB_SETTINGS = {  # a quiet JupyterLab that renders every cell (no windowing) for the audit
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

# --- JavaScript run in the page ---------------------------------------------------------------

KERNEL_IDLE = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle'; }"""
CELL_STATE = """() => { const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  const notRun = []; let code = 0;
  for (let i = 0; i < cells.length; i++) { const c = cells.get(i);
    if (c.type === 'code') { code++; if (c.executionCount == null) notRun.push(code); } }
  const k = w.sessionContext.session.kernel;
  const running = Array.from(w.content.node.querySelectorAll('.jp-InputPrompt'))
    .filter(p => p.textContent.includes('*')).length;
  return {idle: k.status === 'idle', running, not_run: notRun}; }"""
FULL_HEIGHT = """() => { if (!document.getElementById('hip-audit-height')) {
  const s = document.createElement('style'); s.id = 'hip-audit-height';
  s.textContent = 'html, body { height: 100% !important; }'; document.head.appendChild(s); }
  return document.body.getBoundingClientRect().height; }"""
SCROLLER = """() => { const nb = window.jupyterapp.shell.currentWidget.content.node;
  return nb.querySelector('.jp-WindowedPanel-outer') || nb; }"""
# Scroll to screen i; return the outputs that touch the visible part of the notebook.
SCREEN = """([i, selector]) => { const sc = (__SCROLLER__)();
  sc.scrollTop = i * sc.clientHeight;
  const box = sc.getBoundingClientRect();
  const outs = Array.from(sc.querySelectorAll(selector)).filter(o => {
    const r = o.getBoundingClientRect();
    return r.height > 0 && r.bottom > box.top && r.top < box.bottom; });
  return {top: sc.scrollTop, height: sc.clientHeight, total: sc.scrollHeight, outputs: outs.length}; }""".replace("__SCROLLER__", SCROLLER)
AXE_ON_SCREEN = """async ([selector, tags]) => { const sc = (__SCROLLER__)();
  const box = sc.getBoundingClientRect();
  const outs = Array.from(sc.querySelectorAll(selector)).filter(o => {
    const r = o.getBoundingClientRect();
    return r.height > 0 && r.bottom > box.top && r.top < box.bottom; });
  if (!outs.length) return [];
  const result = await axe.run({include: outs}, {runOnly: {type: 'tag', values: tags},
                                                 resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 300), impact: n.impact,
                               summary: (n.failureSummary || '').slice(0, 400)}))})); }""".replace("__SCROLLER__", SCROLLER)
# How many outputs were audited, and any that did not render (a sign the audit saw too little).
OUTPUT_CENSUS = """(selector) => { const outs = Array.from(document.querySelectorAll(selector));
  const bad = outs.filter(o => /Error displaying widget|Loading widget|model not found/.test(o.textContent));
  return {count: outs.length, not_rendered: bad.map(o => o.textContent.trim().slice(0, 120))}; }"""
OUTLINE = """([targets, on]) => { for (const t of targets) {
    const el = t.length === 1 ? document.querySelector(t[0]) : null; if (!el) continue;
    el.style.outline = on ? '3px solid #e00000' : ''; el.style.outlineOffset = on ? '1px' : ''; } }"""
SMALL_TEXT = """([selector, limit]) => { const found = [];
  for (const out of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(out, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const text = t.data.trim(); const el = t.parentElement;
      if (!text || !el || !el.getClientRects().length) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      let px = parseFloat(cs.fontSize);
      if (el.closest('svg') && el.getScreenCTM) { const m = el.getScreenCTM(); if (m) px *= Math.hypot(m.c, m.d); }
      if (px < limit) found.push({px: Math.round(px * 10) / 10, text: text.slice(0, 60),
        element: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
          ? '.' + el.className.trim().split(/\\s+/).join('.') : '')}); } }
  return found; }"""


# --- axe-core, fetched once -------------------------------------------------------------------


def _cache_dir() -> Path:
    base = os.environ.get("HIPCONTENT_CACHE") or Path.home() / ".cache" / "hipcontent"
    return Path(base) / f"axe-core-{AXE_VERSION}"


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def axe_script(explicit: Path | None = None) -> Path:
    """axe.min.js: the given file, the cached copy, or the pinned npm tarball (checked, then cached)."""
    if explicit:
        return explicit
    target = _cache_dir() / "axe.min.js"
    if target.exists():
        return target
    npm = shutil.which("npm")
    if not npm:
        sys.exit(f"axe-core {AXE_VERSION} is not cached in {target.parent} and npm is missing: "
                 "install Node.js, or pass --axe path/to/axe.min.js")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"[audit] fetching axe-core {AXE_VERSION} with npm pack (once)", flush=True)
        subprocess.check_call([npm, "pack", f"axe-core@{AXE_VERSION}", "--silent"], cwd=tmp,
                              stdout=subprocess.DEVNULL)
        tarball = Path(tmp) / f"axe-core-{AXE_VERSION}.tgz"
        if _integrity(tarball) != AXE_INTEGRITY:
            sys.exit(f"{tarball.name}: sha512 differs from the pinned one; not using it")
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as archive:
            for name in ("axe.min.js", "LICENSE"):
                member = archive.extractfile(f"package/{name}")
                (target.parent / name).write_bytes(member.read())
    return target


# --- a throwaway JupyterLab -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(root: Path, work: Path, timeout: float = 90) -> Iterator[str]:
    """JupyterLab serving `root` on a free local port, no token; yields its base URL."""
    settings = work / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    port = _free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(work / "config"), JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
               "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root}",
               "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
               "--LabApp.expose_app_in_browser=True"]
    log = (work / "server.log").open("wb")
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"JupyterLab exited: see {work / 'server.log'}")
            try:
                with urllib.request.urlopen(f"{base}/api/status", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not answer in {timeout} s") from None
                time.sleep(0.25)
        yield base
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(server.pid, sig)
                server.wait(timeout=15)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()


# --- one notebook in one theme ----------------------------------------------------------------


def load_axe(page, axe: Path) -> None:
    page.add_script_tag(path=str(axe))
    version = page.evaluate("() => window.axe && window.axe.version")
    if not version:
        raise RuntimeError("axe-core did not load into the page")


def set_theme(page, theme: str) -> None:
    page.evaluate("(t) => { void window.jupyterapp.commands.execute('apputils:change-theme', {theme: t}); }", theme)
    page.wait_for_function("(t) => document.body.dataset.jpThemeName === t", arg=theme, timeout=30000)
    page.wait_for_timeout(500)  # let the theme's CSS apply


def open_notebook(page, base: str, name: str, run_all: bool, timeout: float = 240) -> list[int]:
    """Open a notebook; with run_all, run every cell. Returns the code cells that did not run.

    Run All stops at a cell that raises (unless it is tagged raises-exception): the audit then
    goes on with what ran, and the report names the cells that did not."""
    page.goto(f"{base}/lab/tree/{name}?reset")
    page.wait_for_function(KERNEL_IDLE, timeout=90000)
    not_run: list[int] = []
    if run_all:
        page.evaluate("() => { void window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        deadline = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < deadline:
            state = page.evaluate(CELL_STATE)
            not_run = state["not_run"]
            if not not_run and state["idle"]:
                break
            busy = not state["idle"] or state["running"]
            quiet_since = None if busy else (quiet_since or time.monotonic())
            if quiet_since and time.monotonic() - quiet_since > 5:
                break  # idle for 5 s with cells left: Run All stopped at an error
            time.sleep(0.5)
        else:
            raise TimeoutError(f"{name}: cells still running after {timeout} s")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # images, widgets and fonts settle
    return not_run


def _screenshot(page, targets: list[list[str]], path: Path) -> None:
    """Save the screen with the given axe targets outlined in red (outlines removed afterwards)."""
    page.evaluate(OUTLINE, [targets, True])
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    page.evaluate(OUTLINE, [targets, False])


def audit_page(
    page,
    tags: list[str] = WCAG_TAGS,
    selector: str = OUTPUTS,
    max_screens: int = 200,
    full_height: bool = True,
    shots: Path | None = None,
    max_shots: int = 3,
) -> dict:
    """Scroll one screen at a time and run axe on the outputs in view; merge nodes by target.

    With `shots`, the first `max_shots` screens showing new serious or critical nodes are saved
    there as `screen-NN.png`, those nodes outlined in red.
    `full_height=False` only exists to show why it is on: axe then skips colour contrast."""
    if full_height:
        page.evaluate(FULL_HEIGHT)
    rules: dict[str, dict] = {}
    screens = 0
    saved: list[str] = []
    for i in range(max_screens):
        screen = page.evaluate(SCREEN, [i, selector])
        screens += 1
        page.wait_for_timeout(150)
        new_serious = []
        for violation in page.evaluate(AXE_ON_SCREEN, [selector, tags]):
            rule = rules.setdefault(violation["id"], {**{k: violation[k] for k in ("id", "impact", "help", "helpUrl")},
                                                      "nodes": {}})
            for node in violation["nodes"]:
                key = json.dumps(node["target"])
                if key not in rule["nodes"] and (node.get("impact") or violation["impact"]) in SERIOUS:
                    new_serious.append(node["target"])
                rule["nodes"].setdefault(key, node)
        if shots and new_serious and len(saved) < max_shots:
            path = shots / f"screen-{i:02d}.png"
            _screenshot(page, new_serious, path)
            saved.append(str(path))
        if screen["top"] + screen["height"] >= screen["total"] - 1:
            break
    page.evaluate(SCREEN, [0, selector])
    violations = [{**rule, "nodes": list(rule["nodes"].values()), "count": len(rule["nodes"])}
                  for rule in rules.values()]
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    violations.sort(key=lambda v: (order.get(v["impact"], 4), v["id"]))
    return {"screens": screens, "violations": violations, "screenshots": saved}


def small_text(page, selector: str = OUTPUTS, limit: float = SMALL_PX) -> dict:
    found = page.evaluate(SMALL_TEXT, [selector, limit])
    sizes: dict[str, int] = {}
    for item in found:
        key = f"{float(item['px']):g}"
        sizes[key] = sizes.get(key, 0) + 1
    return {"count": len(found), "by_px": dict(sorted(sizes.items(), key=lambda kv: float(kv[0]))),
            "examples": found[:15]}


# --- report -----------------------------------------------------------------------------------


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    line = lambda row: "  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def print_report(report: dict) -> None:
    for name, entry in report["notebooks"].items():
        if entry.get("error"):
            print(f"\n{name}: not audited: {entry['error']}")
        if entry.get("code_cells_not_run"):
            print(f"\n{name}: Run All stopped; code cells not run: {entry['code_cells_not_run']}")
        for theme, result in entry["themes"].items():
            print(f"\n{name} — {theme} theme ({result['screens']} screens)")
            rows = [[v["id"], v["impact"], v["count"]] for v in result["violations"]]
            print(table(rows, ["rule", "impact", "nodes"]) if rows else "  no violations")
        outputs = entry.get("outputs")
        if outputs:
            print(f"  outputs audited: {outputs['count']}; not rendered: {len(outputs['not_rendered'])}")
        small = entry.get("small_text")
        if small:
            print(f"  text under {SMALL_PX:g} px in outputs: {small['count']} text nodes {small['by_px']}")
    rows = [[name, theme, v["id"], v["impact"], v["count"]]
            for name, entry in report["notebooks"].items() for theme, result in entry["themes"].items()
            for v in result["violations"] if v["impact"] in SERIOUS]
    print("\nSerious and critical violations in course outputs")
    print(table(rows, ["notebook", "theme", "rule", "impact", "nodes"]) if rows else "  none")
    for theme in dict.fromkeys(t for entry in report["notebooks"].values() for t in entry["themes"]):
        total = sum(row[4] for row in rows if row[1] == theme)
        print(f"  {theme}: {total} serious/critical nodes")
    rows = [[name, entry["small_text"]["count"]] for name, entry in report["notebooks"].items() if "small_text" in entry]
    print(f"\nText nodes under {SMALL_PX:g} px in outputs")
    print(table(rows, ["notebook", "count"]))


def lessons() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def run(
    notebooks: list[Path],
    axe: Path,
    run_all: bool,
    themes: dict[str, str],
    shots: Path | None = None,
    viewport: dict[str, int] = VIEWPORT,
) -> dict:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    report = {"axe_core": AXE_VERSION, "tags": WCAG_TAGS, "selector": OUTPUTS, "viewport": viewport,
              "run_all": run_all, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "notebooks": {}}
    with tempfile.TemporaryDirectory(prefix="hipcontent-audit-") as tmp:
        work = Path(tmp)
        root = work / "notebooks"
        shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        with jupyterlab(root, work) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for notebook in notebooks:
                    started = time.monotonic()
                    context = browser.new_context(viewport=viewport)
                    page = context.new_page()
                    entry = {"themes": {}}
                    try:
                        entry["code_cells_not_run"] = open_notebook(page, base, notebook.name, run_all)
                        load_axe(page, axe)
                        for label, theme in themes.items():
                            set_theme(page, theme)
                            folder = shots / notebook.stem / label if shots else None
                            entry["themes"][label] = audit_page(page, shots=folder)
                        entry["small_text"] = small_text(page)
                        entry["outputs"] = page.evaluate(OUTPUT_CENSUS, OUTPUTS)
                    except (PlaywrightError, TimeoutError, RuntimeError) as error:  # one broken lesson must not hide the rest
                        entry["error"] = f"{type(error).__name__}: {error}".splitlines()[0][:300]
                    entry["seconds"] = round(time.monotonic() - started, 1)
                    report["notebooks"][notebook.name] = entry
                    print(f"[audit] {notebook.name}: {entry['seconds']} s", flush=True)
                    context.close()
            finally:
                browser.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="lesson notebooks (default: every lesson)")
    parser.add_argument("--json", type=Path, default=REPO / "test-artifacts" / "audit.json",
                        help="where to write the JSON report (default: test-artifacts/audit.json)")
    parser.add_argument("--stored", action="store_true", help="audit the stored outputs, without Run All")
    parser.add_argument("--theme", choices=sorted(THEMES), action="append", help="only this theme (repeatable)")
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="save up to 3 screens per notebook and theme with serious/critical nodes outlined")
    parser.add_argument("--viewport", default="1280x800", metavar="WxH",
                        help="browser size (default 1280x800, a learner's laptop; 1920x1080 for a projector)")
    parser.add_argument("--axe", type=Path, help="a local axe.min.js instead of the pinned, cached one")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} is missing (apt-get install chromium)")
    notebooks = [Path(n).resolve() for n in args.notebooks] or lessons()
    themes = {k: THEMES[k] for k in (args.theme or THEMES)}
    shots = args.screenshots.resolve() if args.screenshots else None
    width, _, height = args.viewport.partition("x")
    if not (width.isdigit() and height.isdigit()):
        parser.error(f"--viewport {args.viewport!r}: expected WIDTHxHEIGHT, e.g. 1920x1080")
    viewport = {"width": int(width), "height": int(height)}
    report = run(notebooks, axe_script(args.axe), not args.stored, themes, shots, viewport)
    print_report(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(f"\n[audit] report written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
