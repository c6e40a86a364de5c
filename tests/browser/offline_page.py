"""One widget on a page of its own, hosted as the static site hosts it (no kernel): for widget tests.

    path = offline_page(widget, tmp_path / "page.html")
    page.goto(path.as_uri())
    page.wait_for_function(OFFLINE_READY)

The page carries the widget's state (and the state of the widgets it refers to) as the site's
lessons do, one view script, and tools/site_assets/host.js, which passes
`experimental.hipcontentOffline === true` to the front end's initialize and render.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from ipywidgets.embed import dependency_state

REPO = Path(__file__).resolve().parents[2]
HOST = REPO / "tools" / "site_assets" / "host.js"
OFFLINE_READY = "document.documentElement.dataset.hipWidgets === 'ready'"


def _script_json(value) -> str:
    return json.dumps(value).replace("</", "<\\/")


def offline_page(widget, path: Path, title: str = "Offline widget") -> Path:
    state = {"version_major": 2, "version_minor": 0, "state": dependency_state([widget], drop_defaults=False)}
    view = {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}
    path.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{html.escape(title)}</title>"
        "</head><body><main>"
        f"<script type='application/vnd.jupyter.widget-state+json'>{_script_json(state)}</script>"
        f"<script type='application/vnd.jupyter.widget-view+json'>{_script_json(view)}</script>"
        f"</main><script type='module'>{HOST.read_text(encoding='utf-8')}</script></body></html>",
        encoding="utf-8",
    )
    return path


_IMPORT = """async ([text, name]) => {
  const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  window[name] = await import(url);
  return Object.keys(window[name]).length;
}"""


def import_module(page, text: str, name: str) -> int:
    """Import a pure ES module's text into `page` as `window[name]` (from a blob: URL, as the site's
    host imports a front end) and return how many names it exports."""
    return page.evaluate(_IMPORT, [text, name])
