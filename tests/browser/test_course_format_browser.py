"""The course formats in a real JupyterLab (contract formats 1 and 3): a quiet citation marker jumps
to the lesson's References heading, and a go-deeper section opens collapsed.

JupyterLab 4.6 gives rendered headings no `id`; it keeps `data-jupyter-id="References"` and
resolves a `#References` link to it, which is what tests/test_citations.py requires of every marker.
One notebook, no code run."""

import pytest

pytestmark = pytest.mark.browser

LESSON = "05-timers.ipynb"  # short, with markers and go-deeper sections

REFERENCES_TOP = """() => { const h = [...document.querySelectorAll('.jp-MarkdownOutput h2')]
  .find(e => e.textContent.trim().startsWith('References'));
  return h ? h.getBoundingClientRect().top : null; }"""


def test_a_marker_jumps_to_references_and_go_deeper_opens_collapsed(lab):
    lab.open(LESSON)
    page = lab.page
    heading = page.locator(".jp-MarkdownOutput h3", has_text="Go deeper:").first
    heading.wait_for(timeout=30000)
    cell = heading.locator("xpath=ancestor::div[contains(@class, 'jp-MarkdownCell')]").first
    assert "jp-mod-collapsed" in (cell.get_attribute("class") or "") or \
        page.locator(".jp-showHiddenCellsButton").count() > 0, "the go-deeper heading did not open collapsed"
    hidden = page.evaluate("() => document.querySelectorAll('.jp-Notebook .jp-Cell.lm-mod-hidden').length")
    assert hidden >= 1, "no cell is hidden under a collapsed go-deeper heading"

    marker = page.locator('.jp-MarkdownOutput sup a[href="#References"]').first
    assert marker.get_attribute("title")  # the source's label, shown on hover
    marker.scroll_into_view_if_needed()
    viewport = page.viewport_size["height"]
    before = page.evaluate(REFERENCES_TOP)
    assert before is not None and before > viewport, "References should start below the screen"
    marker.click()
    page.wait_for_function(f"() => {{ const t = ({REFERENCES_TOP})(); return t !== null && t >= 0 && t < {viewport}; }}",
                           timeout=5000)
    assert page.evaluate(
        "() => [...document.querySelectorAll('.jp-MarkdownOutput h2')].some(h => "
        "h.getAttribute('data-jupyter-id') === 'References')")
