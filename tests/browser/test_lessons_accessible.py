"""Every lesson, after Run All, passes axe-core's WCAG 2.2 AA rules in the light and dark themes
with no serious or critical violation, and shows no course text under 12 px (issue 13).

tools/audit.py does the work (its harness is tested on a made-up notebook in test_axe_harness.py);
this test runs it over the real lessons once and asserts on its report.
"""

from __future__ import annotations

import os
import subprocess

import audit  # tools/ is on sys.path (tests/conftest.py)
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report():
    # tools/audit.py starts its own JupyterLab and browser, so the lab fixtures are not used here.
    if not audit.CHROMIUM.exists():
        message = f"{audit.CHROMIUM} is missing: install Debian's chromium"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    try:
        axe = audit.axe_script()
    except (SystemExit, subprocess.CalledProcessError, OSError) as error:
        pytest.skip(f"axe-core {audit.AXE_VERSION} is not cached and could not be fetched: {error}")
    return audit.run(audit.lessons(), axe, run_all=True, themes=audit.THEMES)


@pytest.mark.parametrize("lesson", [path.name for path in audit.lessons()])
def test_the_lesson_has_no_serious_violation_and_no_small_text(report, lesson):
    entry = report["notebooks"][lesson]
    assert "error" not in entry, entry.get("error")
    assert entry["code_cells_not_run"] == [], "Run All stopped early"
    assert entry["outputs"]["count"] > 0 and entry["outputs"]["not_rendered"] == []
    for theme, result in entry["themes"].items():
        assert result["screens"] > 0
        serious = [(v["id"], len(v["nodes"])) for v in result["violations"] if v["impact"] in audit.SERIOUS]
        assert not serious, f"{lesson}, {theme} theme: serious/critical axe violations {serious}"
    assert entry["small_text"]["count"] == 0, f"{lesson}: text under 12 px: {entry['small_text']['examples']}"
