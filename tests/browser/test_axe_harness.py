"""tools/audit.py's axe harness finds what it should, on a made-up notebook (not the lessons).

The lessons' own audit is `tools/audit.py` (a report, not a test: the fixes belong to the
content owners). This checks the harness: colour contrast is really measured (JupyterLab's body
has height 0 and axe then skips contrast silently), nodes below the first screen are reached by
scrolling, nodes seen on two screens count once, and text under 12 px is counted.
"""

from __future__ import annotations

import json
import subprocess

import audit  # tools/ is on sys.path (tests/conftest.py)
import pytest

LOW_CONTRAST = '<p class="faint" style="color:#767676;background:#8a8a8a">Faint text {n}</p>'
HTML = "\n".join(
    [
        LOW_CONTRAST.format(n=1),
        '<p style="font-size:10px;color:#000;background:#fff">Small print</p>',
        '<div style="height:2400px">tall</div>',  # pushes the next paragraph three screens down
        LOW_CONTRAST.format(n=2),
    ]
)


def _axe():
    try:
        return audit.axe_script()
    except (SystemExit, subprocess.CalledProcessError, OSError) as error:
        pytest.skip(f"axe-core {audit.AXE_VERSION} is not cached and could not be fetched: {error}")


def _notebook(html: str) -> dict:
    output = {"output_type": "display_data", "data": {"text/html": html, "text/plain": "html"}, "metadata": {}}
    cell = {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "source": "show()",
            "outputs": [output]}
    return {"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
            "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}


@pytest.mark.browser
def test_audit_measures_contrast_on_every_screen_and_counts_small_text(lab, tmp_path):
    axe = _axe()
    (lab.server.root_dir / "audit-probe.ipynb").write_text(json.dumps(_notebook(HTML)))
    lab.page.set_viewport_size(audit.VIEWPORT)
    lab.open("audit-probe.ipynb")
    audit.load_axe(lab.page, axe)

    without = audit.audit_page(lab.page, full_height=False)
    assert "color-contrast" not in [v["id"] for v in without["violations"]]  # axe's silent skip

    result = audit.audit_page(lab.page, shots=tmp_path)
    assert result["screens"] >= 3
    assert len(result["screenshots"]) == 2  # the screen of each faint paragraph, outlined
    contrast = {v["id"]: v for v in result["violations"]}["color-contrast"]
    assert contrast["count"] == 2 and contrast["impact"] == "serious"  # top and bottom, once each
    assert all("faint" in node["html"] for node in contrast["nodes"])

    small = audit.small_text(lab.page)
    assert small["count"] == 1 and small["by_px"] == {"10": 1}
    assert small["examples"][0]["text"] == "Small print"

    audit.set_theme(lab.page, audit.THEMES["dark"])
    assert lab.page.evaluate("() => document.body.dataset.jpThemeName") == "JupyterLab Dark"


def test_report_table_lists_serious_violations(capsys):
    violation = {"id": "color-contrast", "impact": "serious", "count": 3}
    report = {"notebooks": {"01-x.ipynb": {
        "themes": {"light": {"screens": 4, "violations": []}, "dark": {"screens": 4, "violations": [violation]}},
        "small_text": {"count": 2, "by_px": {"10.8": 2}, "examples": []}}}}
    audit.print_report(report)
    out = capsys.readouterr().out
    assert "01-x.ipynb  dark   color-contrast  serious  3" in out
    assert "no violations" in out


def test_axe_is_pinned_and_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("HIPCONTENT_CACHE", str(tmp_path))
    cached = tmp_path / f"axe-core-{audit.AXE_VERSION}" / "axe.min.js"
    cached.parent.mkdir()
    cached.write_text("/* axe */")
    assert audit.axe_script() == cached  # a cached copy is used offline, npm is not called
    assert audit.axe_script(tmp_path / "mine.js") == tmp_path / "mine.js"
    assert audit.AXE_INTEGRITY.startswith("sha512-")  # the npm tarball is checked against it
