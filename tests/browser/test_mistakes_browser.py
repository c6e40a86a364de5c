"""A mistake made on purpose, run live in JupyterLab: one box (what, where, how to fix it) at 12 px
or more in the light and dark themes, and no traceback; the learner's own error keeps its traceback."""

from __future__ import annotations

import nbformat
import pytest

pytestmark = pytest.mark.browser

CELLS = [
    "from hipcontent import ExerciseTimer, mistake_on_purpose",
    "with mistake_on_purpose():\n    ExerciseTimer.countdown(0)",
    "with mistake_on_purpose():\n    int('not a number')",
]

OUTPUTS = """() => Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell')).map((cell) => ({
  boxes: cell.querySelectorAll('.jp-OutputArea-output .hip-mistake').length,
  notes: cell.querySelectorAll('.jp-OutputArea-output .hip-mistake[role="note"]').length,
  errors: cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
  text: (cell.querySelector('.jp-OutputArea') || {innerText: ''}).innerText,
}))"""

BOX_SIZES = """() => {
  const sizes = [];
  for (const box of document.querySelectorAll('.hip-mistake')) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent.trim()) sizes.push(parseFloat(getComputedStyle(node.parentElement).fontSize));
    }
  }
  return sizes;
}"""


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark"])
def test_a_deliberate_mistake_shows_one_box_and_no_traceback(lab, theme):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, lab.server.root_dir / "mistake-check.ipynb")
    lab.open("mistake-check.ipynb")
    lab.page.evaluate(f"() => window.jupyterapp.commands.execute('apputils:change-theme', {{theme: '{theme}'}})")
    lab.run_all()
    lab.page.wait_for_selector(".hip-mistake")
    _, mistake, own = lab.page.evaluate(OUTPUTS)
    assert mistake["boxes"] == mistake["notes"] == 1 and mistake["errors"] == 0, mistake
    for words in ("Mistake made on purpose: ValueError", "Where:", "ExerciseTimer.countdown", "What is wrong:",
                  "How to fix it:"):
        assert words in mistake["text"], mistake["text"]
    assert "Traceback" not in mistake["text"] and "site-packages" not in mistake["text"]
    assert own["boxes"] == 0 and own["errors"] == 1 and "invalid literal" in own["text"], own  # its traceback
    sizes = lab.page.evaluate(BOX_SIZES)
    assert sizes and min(sizes) >= 12, sizes
    lab.page.locator(".jp-CodeCell").nth(1).scroll_into_view_if_needed()
    lab.screenshot(f"mistake-box-{theme.split()[-1].lower()}")


def test_the_stored_mistake_in_lesson_04_is_one_box_without_running(lab):
    """As a learner opens the lesson (untrusted, nothing run): the stored box, and no traceback."""
    lab.open("04-exercises.ipynb")
    box = lab.page.locator(".jp-OutputArea-output .hip-mistake")
    box.first.scroll_into_view_if_needed()
    assert box.count() == 1
    text = box.first.inner_text()
    for words in ("Mistake made on purpose: ExerciseDataError", "Where: my-exercises/wall-march.yaml",
                  "What is wrong: 'seconds' is not one of: s, min", "How to fix it:"):
        assert words in text, text
    assert lab.page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    sizes = lab.page.evaluate(BOX_SIZES)
    assert sizes and min(sizes) >= 12, sizes  # JupyterLab's own sizes: the stylesheet was sanitized away
    lab.screenshot("mistake-box-stored-04")
