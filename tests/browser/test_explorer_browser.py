"""The hip-angle explorer in a real browser (Chromium), with no kernel and in JupyterLab.

- The browser's model (static/explorer_model.js, run in Chromium) equals hipcontent.model.paths to
  1e-9 m: path points, length and flexion moment arm over a grid of poses with 45° exactly (the
  via-point switch), either side of OpenSim's tolerance and the sliders' extremes; its words equal
  the kernel's describe() for a grid of poses.
- Offline (the static site's host, no kernel): arrow keys and a slider set by script change the
  canvas's pixels and the words.
- JupyterLab, keyboard and mouse: named sliders, arrow keys that move a slider and never the
  notebook, the canvas's pixels, its aria-label and the words follow; the kernel's angles follow;
  the picture fits the screen, its text is readable and follows the dark theme.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from hipcontent.figures.function import _describe
from hipcontent.model import paths as model
from hipcontent.widgets import explorer as explorer_module
from hipcontent.widgets.explorer import explore_hip_angles, short_alt
from tests.browser.offline_page import OFFLINE_READY, offline_page
from tests.browser.test_quiz_browser import NOTEBOOK_POSITION, _cell, write_notebook

try:
    from playwright.sync_api import expect
except ImportError:  # the lab fixture skips (or under CI fails) with the reason
    expect = None

pytestmark = pytest.mark.browser

NOTEBOOK = "explorer-keyboard-test.ipynb"
# A hash of the canvas's pixels: changes when the picture does.
CANVAS_HASH = """canvas => { const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let h = 2166136261; for (let i = 0; i < d.length; i += 7) { h = Math.imul(h ^ d[i], 16777619); } return h >>> 0; }"""
# The brightest red value among the opaque pixels of the title band (the top 5 % of the canvas).
TITLE_RED = """canvas => { const h = Math.round(canvas.height * 0.05);
  const d = canvas.getContext('2d').getImageData(0, 0, Math.round(canvas.width * 0.3), h).data;
  let best = -1; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200) best = Math.max(best, d[i]);
  let least = 256; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200) least = Math.min(least, d[i]);
  return [least, best]; }"""

FLEXIONS = (-30.0, -10.0, 0.0, 30.0, 44.0, 45.0, 45.0005, 45.0006, 46.0, 70.0, 99.0, 100.0, 110.0, 120.0)
SIDEWAYS = ((0.0, 0.0), (-30.0, -30.0), (30.0, 30.0), (-30.0, 30.0), (17.0, -8.0))


# --------------------------------------------------------------------------- the model in Chromium


@pytest.fixture(scope="module")
def js_model(chromium):
    """A blank page with the front end's pure and drawing modules loaded (window.hx) and the payload (window.payload)."""
    page = chromium.new_page()
    page.set_content("<!DOCTYPE html><title>explorer model</title>")
    source = "\n".join(line for name in explorer_module.MODULES[:-1]  # all but the widget
                       for line in (explorer_module.STATIC / name).read_text(encoding="utf-8").splitlines()
                       if not (line.startswith("import ") and '"./' in line))
    page.add_script_tag(type="module", content=source + "\nwindow.hx = { musclePath, pose, describe, shortAlt, "
                        "lever, fixed1, matrix, curves, layout, contrast, palette };\n")
    page.wait_for_function("() => !!window.hx")
    page.evaluate("text => { window.payload = JSON.parse(text); }", explorer_module.PAYLOAD)
    yield page
    page.close()


def _poses():
    return [(f, a, r) for f in FLEXIONS for a, r in SIDEWAYS]


def test_the_browser_model_equals_the_python_model_to_a_nanometre(js_model):
    poses = _poses()
    answers = js_model.evaluate("""poses => poses.map(([f, a, r]) => {
        const out = {}; for (const m of window.payload.muscles) {
          const p = window.hx.musclePath(window.payload, m, f, a, r);
          out[m.name] = { points: p.points, length: p.length, arm: p.arm }; }
        return out; })""", [list(p) for p in poses])
    switches = 0
    for (flexion, adduction, rotation), answer in zip(poses, answers):
        for name in model.MUSCLES:
            length, arm = model.length_and_moment_arm(name, "flexion", flexion, adduction, rotation)
            got = answer[name]
            where = f"{name} at {flexion}/{adduction}/{rotation}"
            assert abs(got["length"] - length) < 1e-9, where
            assert abs(got["arm"] - arm) < 1e-9, where
            points = model.path_points(name, flexion, adduction, rotation)
            assert np.array(got["points"]).shape == points.shape, where  # the via point on or off alike
            assert np.abs(np.array(got["points"]) - points).max() < 1e-9, where
            switches += len(points) == 5
    assert 0 < switches < len(poses) * 2  # the grid sees the femoral-head point both on and off
    on = [len(model.path_points("psoas", f)) for f in (45.0, 45.0005, 45.0006)]
    assert on == [5, 5, 4]  # OpenSim's tolerance, as paths.py keeps it


def test_the_browser_rotation_matrix_is_the_models(js_model):
    for pose in ((30.0, 10.0, -20.0), (-30.0, -30.0, 30.0), (120.0, 30.0, 30.0)):
        got = np.array(js_model.evaluate("p => window.hx.matrix(...p)", list(pose)))
        assert np.abs(got - model.femur_rotation(*pose)).max() < 1e-15


def _lever_tip(flexion, adduction, rotation):
    """The psoas lever bar the old kernel figure drew (figures/function.py ModelSideView, removed)."""
    points = model.path_points("psoas", flexion, adduction, rotation)
    a, b = points[-3, :2], points[-2, :2]
    direction = (b - a) / np.linalg.norm(b - a)
    foot = a - np.dot(a, direction) * direction
    signed = model.moment_arm("psoas", "flexion", flexion, adduction, rotation)
    return foot / np.linalg.norm(foot) * abs(signed), signed > 0


def test_the_lever_bar_is_as_long_as_the_moment_arm_and_shows_its_sign(js_model):
    for pose in ((0.0, 0.0, 0.0), (90.0, 0.0, 0.0), (110.0, 0.0, 0.0), (60.0, 20.0, -10.0)):
        got = js_model.evaluate("p => window.hx.lever(window.hx.pose(window.payload, ...p).psoas)", list(pose))
        tip, positive = _lever_tip(*pose)
        assert np.abs(np.array(got["tip"]) - tip).max() < 1e-9 and got["positive"] == positive, pose
    assert js_model.evaluate("() => window.hx.lever(window.hx.pose(window.payload, 110, 0, 0).psoas).positive") is False


def test_the_browser_words_are_the_kernels(js_model):
    poses = [(f, a, r) for f in range(-30, 121, 5) for a, r in ((0, 0), (-30, 30), (15, -5), (30, -30))]
    words = js_model.evaluate("""poses => poses.map(([f, a, r]) =>
        [window.hx.describe(window.payload, window.payload.style, f, a, r), window.hx.shortAlt(f, a, r)])""",
                              [list(p) for p in poses])
    for (flexion, adduction, rotation), (said, alt) in zip(poses, words):
        assert said == _describe(float(flexion), float(adduction), float(rotation)), (flexion, adduction, rotation)
        assert alt == short_alt(float(flexion), float(adduction), float(rotation))
    assert any("beyond 70°: model unreliable" in w for w, _ in words)
    assert any("(negative: the model's pull would extend the hip)" in w for w, _ in words)


def test_the_browser_rounds_to_a_tenth_as_python_does(js_model):
    values = [0.25, -0.25, 0.35, 1.45, -2.55, 12.05, 239.44999, 43.15, -0.04, -0.0501, 1e-12, 999.95, 0.75]
    values += list(np.random.default_rng(22).uniform(-60, 300, 200))
    got = js_model.evaluate("vs => vs.map((v) => window.hx.fixed1(v))", values)
    assert got == [f"{v:.1f}" for v in values]


KEY_FITS = """([width, font]) => { const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${Math.round(font * 0.9)}px sans-serif`; const measure = (t) => ctx.measureText(t).width;
  const box = window.hx.layout(width, font, window.payload.style, measure);
  const ends = box.key.flow.places.map((p) => p.x + font * 3.3 + Math.max(...p.lines.map(measure)));
  return {ends, rows: box.key.flow.rows, keyRows: box.key.h / box.key.row, lines: box.key.flow.places.map((p) => p.lines),
          panels: [box.length, box.arm].map((r) => [r.x, r.x + r.w]), side: [box.side.x, box.side.x + box.side.w]}; }"""


@pytest.mark.parametrize("width, font", [(320, 14), (390, 14), (700, 14), (1100, 14), (1232, 28)])
def test_the_layout_keeps_the_key_and_panels_inside_the_picture(js_model, width, font):
    got = js_model.evaluate(KEY_FITS, [width, font])
    assert max(got["ends"]) <= width, got  # no key text runs off the canvas (a phone breaks the long one)
    assert got["rows"] == got["keyRows"] and all(len(lines) <= 2 for lines in got["lines"])
    assert all(0 < left < right <= width for left, right in got["panels"]) and got["side"][1] <= width
    assert [" ".join(lines) for lines in got["lines"]][-1] == "psoas moment arm: would extend it (artefact)"
    if width == 320:
        assert len(got["lines"][-1]) == 2  # broken at a space onto two rows


def test_the_colours_are_readable_on_light_and_dark_grounds(js_model):
    """Lines at least 3:1 against the page, the curve names (text) at least 4.5:1 (WCAG 2.2 AA)."""
    for ground, text in (([255, 255, 255], [0, 0, 0]), ([17, 17, 17], [213, 213, 213])):
        ratios = js_model.evaluate(r"""([ground, text]) => { const p = window.hx.palette(window.payload.style, ground, text);
            const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
            return Object.values(p.muscles).map((m) => [window.hx.contrast(rgb(m.line), ground),
                                                         window.hx.contrast(rgb(m.text), ground)]); }""", [ground, text])
        assert all(line >= 3 and words >= 4.5 for line, words in ratios), (ground, ratios)


# --------------------------------------------------------------------------- offline (the site's host)


@pytest.fixture
def offline(chromium, tmp_path):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(offline_page(explore_hip_angles(flexion=30), tmp_path / "explorer.html").as_uri())
    page.wait_for_function(OFFLINE_READY)
    page.wait_for_function("() => document.querySelector('.hip-explorer canvas[data-pose]')")
    yield page
    assert errors == []
    page.close()


def test_offline_the_keys_and_the_sliders_change_the_picture_and_the_words(offline):
    page = offline
    canvas = page.locator(".hip-explorer canvas")
    words = page.locator(".hip-explorer-words")
    expect(words).to_have_text(_describe(30.0, 0.0, 0.0))
    expect(canvas).to_have_attribute("role", "img")
    expect(canvas).to_have_attribute("aria-label", short_alt(30, 0, 0))
    first = canvas.evaluate(CANVAS_HASH)
    flexion = page.get_by_role("slider", name="Hip flexion (degrees)")
    flexion.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 40°
    expect(canvas).to_have_attribute("data-pose", "40,0,0")
    expect(canvas).to_have_attribute("aria-label", short_alt(40, 0, 0))
    expect(words).to_have_text(_describe(40.0, 0.0, 0.0), timeout=5000)
    second = canvas.evaluate(CANVAS_HASH)
    assert second != first
    page.keyboard.press("End")
    expect(words).to_have_text(_describe(120.0, 0.0, 0.0), timeout=5000)
    # A slider moved as a pointer moves it (an input event), no key.
    page.get_by_role("slider", name="Adduction (degrees)").evaluate(
        "input => { input.value = '20'; input.dispatchEvent(new Event('input', {bubbles: true})); }")
    expect(canvas).to_have_attribute("data-pose", "120,20,0")
    expect(words).to_have_text(_describe(120.0, 20.0, 0.0), timeout=5000)
    assert canvas.evaluate(CANVAS_HASH) not in (first, second)
    page.keyboard.press("Home")  # the focus stayed on flexion
    expect(words).to_have_text(_describe(-30.0, 20.0, 0.0), timeout=5000)


def test_offline_the_picture_fits_a_phone(chromium, tmp_path):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(offline_page(explore_hip_angles(flexion=30), tmp_path / "phone.html").as_uri())
    page.wait_for_function("() => document.querySelector('.hip-explorer canvas[data-pose]')")
    box = page.locator(".hip-explorer canvas").evaluate("c => { const r = c.getBoundingClientRect(); "
                                                         "return {w: r.width, right: r.right, px: c.width}; }")
    assert box["right"] <= 390 and box["w"] > 300, box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.close()


# --------------------------------------------------------------------------- JupyterLab


@pytest.fixture
def explorer_lab(lab, lab_server):
    write_notebook(lab_server.root_dir, NOTEBOOK, [
        _cell("# Explorer keyboard test", "markdown"),
        _cell("from hipcontent import explore_hip_angles\nshown = explore_hip_angles(flexion=30)\nshown"),
        _cell("1 + 1"),
    ])
    lab.open(NOTEBOOK)
    lab.run_all()
    lab.page.locator(".hip-explorer canvas[data-pose]").first.wait_for()
    return lab


def test_arrow_keys_move_a_named_slider_and_the_picture_and_words_follow(explorer_lab):
    page = explorer_lab.page
    explorer = page.locator(".hip-explorer").first
    flexion = explorer.get_by_role("slider", name="Hip flexion (degrees)")
    expect(flexion).to_have_count(1)
    expect(explorer.get_by_role("slider", name="Adduction (degrees)")).to_have_count(1)
    expect(explorer.get_by_role("slider", name="Internal rotation (degrees)")).to_have_count(1)
    expect(flexion).to_have_value("30")
    expect(flexion).to_have_attribute("aria-valuetext", "30 degrees of flexion")
    canvas = explorer.locator("canvas")
    expect(canvas).to_have_attribute("role", "img")
    expect(canvas).to_have_attribute("aria-label", short_alt(30, 0, 0))
    words = explorer.locator(".hip-explorer-words")
    expect(words).to_have_attribute("aria-live", "polite")
    expect(words).to_have_text(_describe(30.0, 0.0, 0.0))
    assert canvas.get_attribute("aria-describedby") == words.get_attribute("id")
    words.evaluate("node => { window.__hipWords = node; }")
    first = canvas.evaluate(CANVAS_HASH)

    flexion.focus()
    before = page.evaluate(NOTEBOOK_POSITION)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")  # 30 + 3 x 5 + 5 - 5
    page.keyboard.press("j")  # notebook shortcuts (next cell) do not reach JupyterLab from a slider
    page.keyboard.press("k")
    expect(flexion).to_have_value("45")
    expect(flexion).to_have_attribute("aria-valuetext", "45 degrees of flexion")
    expect(canvas).to_have_attribute("aria-label", short_alt(45, 0, 0))
    expect(canvas).to_have_attribute("data-pose", "45,0,0")
    assert canvas.evaluate(CANVAS_HASH) != first
    expect(words).to_have_text(_describe(45.0, 0.0, 0.0), timeout=10000)
    assert words.evaluate("node => node === window.__hipWords")  # the live region was updated, not replaced
    assert page.evaluate(NOTEBOOK_POSITION)["cell"] == before["cell"]
    assert page.evaluate(NOTEBOOK_POSITION)["scroll"] == before["scroll"]
    _kernel_says(explorer_lab, "shown.flexion", "45")

    page.keyboard.press("End")
    expect(flexion).to_have_value("120")
    expect(words).to_contain_text("beyond 70°: model unreliable", timeout=10000)
    page.keyboard.press("PageDown")  # three steps
    expect(flexion).to_have_value("105")
    page.keyboard.press("PageUp")
    expect(flexion).to_have_value("120")
    rotation = explorer.get_by_role("slider", name="Internal rotation (degrees)")
    rotation.focus()
    page.keyboard.press("ArrowLeft")
    expect(rotation).to_have_value("-5")
    expect(canvas).to_have_attribute("aria-label", short_alt(120, 0, -5))
    expect(words).to_have_text(_describe(120.0, 0.0, -5.0), timeout=10000)
    assert page.evaluate(NOTEBOOK_POSITION)["cell"] == before["cell"]
    _kernel_says(explorer_lab, "(shown.flexion, shown.adduction, shown.rotation)", "(120, 0, -5)")
    _kernel_says(explorer_lab, "shown.describe() == " + json.dumps(_describe(120.0, 0.0, -5.0)), "True")


def _kernel_says(lab, expression: str, expected: str, timeout: float = 10000) -> None:
    """Wait until the kernel's repr of `expression` is `expected` (a comm message may still be on its way)."""
    seen = None
    for _ in range(int(timeout / 250)):
        seen = lab.ask_kernel(expression)
        if seen == expected:
            return
        lab.page.wait_for_timeout(250)
    raise AssertionError(f"the kernel says {expression} = {seen}, not {expected}")


def test_dragging_the_slider_changes_the_picture_and_the_kernel_can_move_it(explorer_lab):
    page = explorer_lab.page
    canvas = page.locator(".hip-explorer canvas").first
    words = page.locator(".hip-explorer-words").first
    flexion = page.get_by_role("slider", name="Hip flexion (degrees)").first
    first = canvas.evaluate(CANVAS_HASH)
    box = flexion.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):  # a drag: many input events, one drawing per frame
        page.mouse.move(box["x"] + box["width"] * (0.4 + 0.05 * step), box["y"] + box["height"] / 2)
    page.mouse.up()
    value = int(flexion.input_value())
    assert value > 60, value
    expect(canvas).to_have_attribute("data-pose", f"{value},0,0")
    assert canvas.evaluate(CANVAS_HASH) != first
    expect(words).to_have_text(_describe(float(value), 0.0, 0.0), timeout=10000)
    _kernel_says(explorer_lab, "shown.flexion", str(value))
    # The kernel moves the sliders (Python's set), and the picture follows.
    explorer_lab.ask_kernel("shown.set(-20, 10, 5)")
    expect(flexion).to_have_value("-20", timeout=10000)
    expect(canvas).to_have_attribute("data-pose", "-20,10,5", timeout=10000)
    expect(words).to_have_text(_describe(-20.0, 10.0, 5.0), timeout=10000)


@pytest.mark.parametrize("width, height, scale", [(1280, 800, 1), (1920, 1080, 2)])
def test_the_picture_fits_the_screen_and_its_text_stays_readable(explorer_lab, width, height, scale):
    """Issue 19: at 1280x800 the text is at least 12 CSS px; in projector mode at 1920x1080 the picture
    fits the visible height."""
    page = explorer_lab.page
    page.set_viewport_size({"width": width, "height": height})
    if scale > 1:
        page.evaluate("() => { document.documentElement.style.setProperty('--hip-scale', '2');"
                      " document.documentElement.setAttribute('data-hip-projector', ''); }")
    canvas = page.locator(".hip-explorer canvas").first
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(600)
    box = canvas.evaluate("node => { const r = node.getBoundingClientRect(); return {w: r.width, h: r.height,"
                          " px: node.width, font: parseFloat(getComputedStyle(node.closest('.hip-explorer')).fontSize)}; }")
    explorer_lab.screenshot(f"explorer-{width}x{height}")
    assert box["h"] <= height, box
    assert box["font"] * 0.9 >= 12 * scale * 0.97, box  # the smallest canvas text: 0.9 of the explorer's
    assert box["px"] >= box["w"]  # drawn at the device's pixel ratio, not stretched


def test_the_picture_follows_the_dark_theme(explorer_lab):
    """Issue 19: readable in the dark theme. The canvas has no ground of its own and draws its text in
    the page's text colour: dark on the light theme, light on the dark one, and back."""
    page = explorer_lab.page
    canvas = page.locator(".hip-explorer canvas").first
    least, _ = canvas.evaluate(TITLE_RED)
    assert least < 60  # light theme: dark title text
    for theme, dark in (("JupyterLab Dark", True), ("JupyterLab Light", False)):
        page.evaluate(f"() => window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})")
        test = "([least, best]) => least > 150" if dark else "([least, best]) => least < 60"
        page.wait_for_function(f"c => ({test})(({TITLE_RED})(c))", arg=canvas.element_handle(),
                               timeout=20000, polling=200)
        if dark:
            explorer_lab.screenshot("explorer-dark-theme")


def test_an_explorer_saved_without_model_data_says_so(chromium, tmp_path):
    """State from an older explorer (no payload) or a damaged one: a clear sentence, no exception."""
    shown = explore_hip_angles(flexion=30)
    path = offline_page(shown, tmp_path / "old.html")
    text = path.read_text(encoding="utf-8")
    payload = json.dumps(explorer_module.PAYLOAD)[1:-1].replace("</", "<\\/")
    assert payload in text
    path.write_text(text.replace(payload, "not json"), encoding="utf-8")
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function(OFFLINE_READY)
    expect(page.locator(".hip-explorer-words")).to_have_text(
        "This explorer was saved by an older version of the course and has no model data: run its cell again.")
    assert page.locator(".hip-explorer canvas").count() == 0 and errors == []
    page.close()
