"""The hip-angle explorer in a real browser (JupyterLab + Chromium), with the keyboard only:
named sliders, arrow keys that move a slider and never the notebook, alt text and words that
follow the angle, one live region updated in place."""

from __future__ import annotations

import pytest

from hipcontent.widgets.explorer import short_alt
from tests.browser.test_quiz_browser import NOTEBOOK_POSITION, _cell, write_notebook

try:
    from playwright.sync_api import expect
except ImportError:  # the lab fixture skips (or under CI fails) with the reason
    expect = None

pytestmark = pytest.mark.browser

NOTEBOOK = "explorer-keyboard-test.ipynb"


@pytest.fixture
def explorer_lab(lab, lab_server):
    write_notebook(lab_server.root_dir, NOTEBOOK, [
        _cell("# Explorer keyboard test", "markdown"),
        _cell("from hipcontent import explore_hip_angles\nexplore_hip_angles(flexion=30)"),
        _cell("1 + 1"),
    ])
    lab.open(NOTEBOOK)
    lab.run_all()
    lab.page.locator(".hip-explorer img[alt]").first.wait_for()
    return lab


def test_arrow_keys_move_a_named_slider_and_the_words_follow(explorer_lab):
    page = explorer_lab.page
    explorer = page.locator(".hip-explorer").first
    flexion = explorer.get_by_role("slider", name="Hip flexion (degrees)")
    expect(flexion).to_have_count(1)
    expect(explorer.get_by_role("slider", name="Adduction (degrees)")).to_have_count(1)
    expect(explorer.get_by_role("slider", name="Internal rotation (degrees)")).to_have_count(1)
    expect(flexion).to_have_value("30")
    expect(flexion).to_have_attribute("aria-valuetext", "30 degrees of flexion")
    image = explorer.locator("img")
    expect(image).to_have_attribute("alt", short_alt(30, 0, 0))
    assert "flexion 30°" in short_alt(30, 0, 0)
    words = explorer.locator(".hip-explorer-words")
    expect(words).to_have_attribute("aria-live", "polite")
    expect(words).to_contain_text("Flexion 30°")
    assert image.get_attribute("aria-describedby") == words.get_attribute("id")
    words.evaluate("node => { window.__hipWords = node; }")

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
    expect(image).to_have_attribute("alt", short_alt(45, 0, 0), timeout=10000)
    expect(words).to_contain_text("Flexion 45°", timeout=10000)
    assert words.evaluate("node => node === window.__hipWords")  # the live region was updated, not replaced
    assert page.evaluate(NOTEBOOK_POSITION)["cell"] == before["cell"]
    assert page.evaluate(NOTEBOOK_POSITION)["scroll"] == before["scroll"]

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
    expect(image).to_have_attribute("alt", short_alt(120, 0, -5), timeout=10000)
    expect(words).to_contain_text("rotation -5°", timeout=10000)
    assert page.evaluate(NOTEBOOK_POSITION)["cell"] == before["cell"]


@pytest.mark.parametrize("width, height, scale", [(1280, 800, 1), (1920, 1080, 2)])
def test_the_picture_fits_the_screen_and_its_text_stays_readable(explorer_lab, width, height, scale):
    """Issue 19: at 1280x800 the chart text (at least 14 pt in an 11-inch figure scaled to its CSS
    width) is at least 12 CSS px; in projector mode at 1920x1080 the picture fits the visible height."""
    page = explorer_lab.page
    page.set_viewport_size({"width": width, "height": height})
    if scale > 1:
        page.evaluate("() => { document.documentElement.style.setProperty('--hip-scale', '2');"
                      " document.documentElement.setAttribute('data-hip-projector', ''); }")
    image = page.locator(".hip-explorer img").first
    image.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = image.evaluate("node => { const r = node.getBoundingClientRect(); return {w: r.width, h: r.height,"
                         " nw: node.naturalWidth, nh: node.naturalHeight}; }")
    explorer_lab.screenshot(f"explorer-{width}x{height}")
    assert box["h"] <= height, box
    # The picture keeps its proportions (object-fit) and its smallest text, 'small' of 14 pt in an
    # 11-inch-wide figure (x scale), is at least 12 CSS px at the width it is shown.
    shown = min(box["w"], box["h"] * box["nw"] / box["nh"])
    assert 14 * 0.833 / 72 * shown / (11 * scale) >= 12 * 0.97 or scale > 1, box


CORNER_RED = """img => { if (!img.complete || !img.naturalWidth) return -1;
  const canvas = document.createElement('canvas'); canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
  return g.getImageData(img.naturalWidth - 3, 2, 1, 1).data[0]; }"""


def test_the_picture_follows_the_dark_theme(explorer_lab):
    """Issue 19: no white box in the dark theme. The front end sends the page's ground colour and
    the kernel draws the JPEG on it; switching back to the light theme draws it on white again."""
    page = explorer_lab.page
    image = page.locator(".hip-explorer img").first
    assert image.evaluate(CORNER_RED) > 240  # light theme: white ground
    for theme, dark in (("JupyterLab Dark", True), ("JupyterLab Light", False)):
        page.evaluate(f"() => window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})")
        test = "red => red >= 0 && red < 40" if dark else "red => red > 240"
        page.wait_for_function(f"img => ({test})(({CORNER_RED})(img))", arg=image.element_handle(),
                               timeout=20000, polling=200)
        if dark:
            explorer_lab.screenshot("explorer-dark-theme")
