"""The static site's widget host (tools/site_assets/host.js) on its own, with small made-up widgets.

What a front end may rely on with no kernel: the anywidget model interface over the saved state
(get, set, on/off with one or several event names), `experimental.hipcontentOffline`, boxes shown
child by child, and a plain ipywidget (no browser front end) saying that it needs Python.
"""

from __future__ import annotations

import anywidget
import ipywidgets
import pytest
import traitlets
from offline_page import OFFLINE_READY, offline_page

pytestmark = pytest.mark.browser

PROBE = """
export default {
  initialize({ model, experimental }) { model.set("seen", experimental && experimental.hipcontentOffline === true ? "offline" : "kernel"); },
  render({ model, el, experimental }) {
    let changes = 0;
    const count = () => { changes += 1; el.dataset.changes = String(changes); };
    model.on("change:a change:b", count);
    model.set("a", model.get("a") + 1);
    model.set("b", "two");
    model.off("change:a change:b", count);
    model.set("a", 99);  // no longer heard
    el.className = "probe";
    el.dataset.seen = model.get("seen");
    el.dataset.offline = String(!!(experimental && experimental.hipcontentOffline));
  },
};
"""


class Probe(anywidget.AnyWidget):
    _esm = PROBE
    a = traitlets.Int(1).tag(sync=True)
    b = traitlets.Unicode("one").tag(sync=True)
    seen = traitlets.Unicode("").tag(sync=True)


def test_the_host_gives_front_ends_the_model_and_says_there_is_no_kernel(tmp_path, chromium):
    page = chromium.new_page()
    try:
        page.goto(offline_page(Probe(), tmp_path / "probe.html").as_uri())
        page.wait_for_function(OFFLINE_READY, timeout=20000)
        probe = page.locator(".probe")
        assert probe.get_attribute("data-changes") == "2"  # both names heard, then neither
        assert probe.get_attribute("data-seen") == "offline"  # initialize ran first, with the flag
        assert probe.get_attribute("data-offline") == "true"
    finally:
        page.close()


def test_a_box_shows_its_front_ends_and_says_what_needs_python(tmp_path, chromium):
    box = ipywidgets.VBox([Probe(), ipywidgets.HBox([]), ipywidgets.Checkbox(description="Studied")])
    page = chromium.new_page()
    try:
        page.goto(offline_page(box, tmp_path / "box.html").as_uri())
        page.wait_for_function(OFFLINE_READY, timeout=20000)
        assert page.locator(".probe").count() == 1
        assert page.locator(".hip-site-needs-python").count() == 1  # the checkbox, not the empty box
        only_python = ipywidgets.VBox([ipywidgets.Button(description="Save"), ipywidgets.Checkbox()])
        page.goto(offline_page(only_python, tmp_path / "python.html").as_uri())
        page.wait_for_function(OFFLINE_READY, timeout=20000)
        assert page.locator(".hip-site-needs-python").count() == 1  # one line for the whole box
    finally:
        page.close()
