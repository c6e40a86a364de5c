"""The hip-angle explorer widget, kernel side: sliders as synced angles, the picture, its alt text
and words that follow the angles, the stored text, and no pyplot."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import traitlets

import hipcontent
from hipcontent.model import paths as model
from hipcontent.widgets import explorer as explorer_module
from hipcontent.widgets.explorer import (
    SLIDERS,
    HipAngleExplorer,
    explore_hip_angles,
    short_alt,
)

JPEG_SIGNATURE = b"\xff\xd8\xff"  # the live picture is a JPEG: three times faster to encode than PNG


def test_public_names_come_from_the_widgets_package():
    assert hipcontent.explore_hip_angles is explore_hip_angles
    assert hipcontent.HipAngleExplorer is HipAngleExplorer


def test_sliders_are_named_by_angle_and_unit():
    shown = explore_hip_angles(flexion=30)
    records = json.loads(shown.sliders)
    assert [r["name"] for r in records] == ["flexion", "adduction", "rotation"]
    assert [r["label"] for r in records] == ["Hip flexion (degrees)", "Adduction (degrees)",
                                             "Internal rotation (degrees)"]
    assert all(r["unit"].startswith("degrees of ") for r in records)  # the slider's spoken value
    assert (records[0]["min"], records[0]["max"], records[0]["step"]) == (-30, 120, 5)


def test_a_slider_move_redraws_and_the_alt_text_and_words_follow():
    shown = explore_hip_angles(flexion=30)
    assert repr(shown) == "HipAngleExplorer(flexion=30°, adduction=0°, rotation=0°)"
    assert shown.png.startswith(JPEG_SIGNATURE)
    assert shown.alt == short_alt(30, 0, 0) and "flexion 30°" in shown.alt
    before = shown.png
    shown.flexion = 100  # what the browser's slider does
    assert repr(shown) == "HipAngleExplorer(flexion=100°, adduction=0°, rotation=0°)"
    assert shown.png != before
    assert "flexion 100°" in shown.alt
    assert "Flexion 100°" in shown.description and "unreliable" in shown.description
    expected_arm = model.moment_arm("iliacus", "flexion", 100.0) * 1000
    assert f"iliacus {model.path_length('iliacus', 100.0) * 1000:.1f} mm long" in shown.description
    assert f"flexion moment arm {expected_arm:.1f} mm" in shown.description
    shown.rotation = 15
    assert "rotation 15°" in shown.describe() and "internal rotation 15°" in shown.alt
    assert shown.description == shown.describe()
    assert len(shown.alt) < 300  # short alt; the numbers are the longer description


def test_set_moves_the_sliders_and_redraws_once():
    shown = explore_hip_angles()
    drawn = []
    shown.observe(lambda change: drawn.append(change["name"]), names="png")
    shown.set(60, 10, 5)
    assert (shown.flexion, shown.adduction, shown.rotation) == (60, 10, 5)
    assert repr(shown) == "HipAngleExplorer(flexion=60°, adduction=10°, rotation=5°)"
    assert drawn == ["png"]


def test_stored_text_says_how_to_bring_it_to_life():
    shown = explore_hip_angles(flexion=30)
    data, _ = shown._repr_mimebundle_()
    assert data["text/plain"] == (
        "▶ The hip-angle explorer (sliders for hip flexion, adduction and rotation) needs Python: "
        "click this cell and press Shift+Enter (or Run ▸ Run All Cells).")
    assert "application/vnd.jupyter.widget-view+json" in data
    assert repr(shown) == "HipAngleExplorer(flexion=30°, adduction=0°, rotation=0°)"


def test_bad_angles_are_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="flexion must be finite"):
        explore_hip_angles(flexion=float("nan"))
    shown = explore_hip_angles()
    with pytest.raises(traitlets.TraitError):
        shown.adduction = SLIDERS["adduction"][3] + 5  # beyond the slider: the browser cannot send it
    assert shown.adduction == 0


def test_the_front_end_sets_no_html():
    script = (Path(explorer_module.__file__).parent / "static" / "explorer.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


def test_explorer_never_uses_pyplot():
    code = (
        "import sys\n"
        "from hipcontent.widgets.explorer import explore_hip_angles\n"
        "import hipcontent.figures.function as f\n"
        "e = explore_hip_angles(30); e.set(60, 10, 5); f.show_flexion_curves().png_bytes(); f.side_view_figure(20)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
