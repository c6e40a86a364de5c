"""The hip-angle explorer widget, kernel side: sliders as synced angles (checked and bounded), the
words and alt text that follow them, one shared payload the browser draws from (schema and size),
the joined front end, the stored text, and no pyplot."""

import json
import subprocess
import sys

import numpy as np
import pytest
import traitlets

import hipcontent
from hipcontent.model import bones
from hipcontent.model import paths as model
from hipcontent.widgets import explorer as explorer_module
from hipcontent.widgets.explorer import (
    SLIDERS,
    HipAngleExplorer,
    explore_hip_angles,
    short_alt,
)

PAYLOAD_BUDGET = 150_000  # bytes: the site's 15 MB budget is shared by every lesson


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


def test_a_slider_move_changes_the_alt_text_and_words():
    shown = explore_hip_angles(flexion=30)
    assert repr(shown) == "HipAngleExplorer(flexion=30°, adduction=0°, rotation=0°)"
    assert shown.alt == short_alt(30, 0, 0) and "flexion 30°" in shown.alt
    shown.flexion = 100  # what the browser's slider does
    assert repr(shown) == "HipAngleExplorer(flexion=100°, adduction=0°, rotation=0°)"
    assert "flexion 100°" in shown.alt
    words = shown.describe()
    assert "Flexion 100°" in words and "beyond 70°: model unreliable" in words
    expected_arm = model.moment_arm("iliacus", "flexion", 100.0) * 1000
    assert f"iliacus {model.path_length('iliacus', 100.0) * 1000:.1f} mm long" in words
    assert f"flexion moment arm {expected_arm:.1f} mm" in words
    shown.rotation = 15
    assert "rotation 15°" in shown.describe() and "internal rotation 15°" in shown.alt
    assert len(shown.alt) < 300  # short alt; the numbers are the longer description


def test_set_moves_the_sliders_together_and_draws_nothing_in_the_kernel():
    shown = explore_hip_angles()
    seen = []
    shown.observe(lambda change: seen.append(change["name"]), names=traitlets.All)
    shown.set(60, 10, 5)
    assert (shown.flexion, shown.adduction, shown.rotation) == (60, 10, 5)
    assert repr(shown) == "HipAngleExplorer(flexion=60°, adduction=10°, rotation=5°)"
    assert sorted(seen) == ["adduction", "flexion", "rotation"]  # no picture, no words sent
    assert not {"png", "alt", "description", "ground"} & set(shown.keys)


def test_every_explorer_shares_one_payload_text():
    first, second = explore_hip_angles(0), explore_hip_angles(90, 10, -5)
    assert first.payload is second.payload is explorer_module.PAYLOAD
    with pytest.raises(traitlets.TraitError):
        first.payload = "{}"


def test_the_payload_has_the_model_the_bones_and_the_style_and_stays_small():
    text = explorer_module.PAYLOAD
    assert len(text.encode("utf-8")) < PAYLOAD_BUDGET, len(text)
    data = json.loads(text)
    assert data["version"] == 1
    assert [m["name"] for m in data["muscles"]] == list(model.MUSCLES)
    assert data["active_range_tolerance_rad"] == model.ACTIVE_RANGE_TOLERANCE_RAD
    for muscle in data["muscles"]:
        locations, on_femur, ranges = model._geometry(muscle["name"])
        assert [p["location"] for p in muscle["points"]] == locations.tolist()  # exact, not rounded
        assert [p["body"] == "femur" for p in muscle["points"]] == on_femur.tolist()
        assert [p["active_range_rad"] for p in muscle["points"]] == [None if r is None else list(r) for r in ranges]
    assert data["via_point_switch_deg"] == model.via_point_switch_deg("psoas")
    unit = data["mesh_unit_m"]
    assert unit == 1e-4
    for key, names in (("pelvis", bones.PELVIS_MESHES), ("femur", bones.FEMUR_MESHES)):
        vertices = np.array(data[key]["vertices"]).reshape(-1, 3) * unit
        faces = np.array(data[key]["faces"]).reshape(-1, 3)
        expected = np.concatenate([bones.mesh(n).vertices for n in names])
        assert vertices.shape == expected.shape and np.abs(vertices - expected).max() <= unit / 2 + 1e-12
        assert faces.min() == 0 and faces.max() == len(vertices) - 1
        assert len(faces) == sum(len(bones.mesh(n).faces) for n in names)
    low, high = data["curve_limits_mm"]["arm"]
    assert low < 0 < high  # the sign change in deep flexion is inside the panel
    style = data["style"]
    assert set(style["muscles"]) == set(model.MUSCLES) and style["trusted_flexion_deg"] == 70.0
    assert {"positive", "negative"} == set(style["lever"])


def test_the_femur_mesh_is_closed_and_wound_outwards():
    """explorer_draw.js leaves out the femur's faces turned away from the viewer: exact only for a
    closed mesh whose faces all wind outwards (each edge run once each way, positive volume)."""
    data = json.loads(explorer_module.PAYLOAD)["femur"]
    faces = np.array(data["faces"]).reshape(-1, 3)
    edges = {(int(a), int(b)) for face in faces for a, b in zip(face, np.roll(face, -1))}
    assert len(edges) == 3 * len(faces) and all((b, a) in edges for a, b in edges)
    triangles = (np.array(data["vertices"]).reshape(-1, 3) * 1.0)[faces]
    volume = np.einsum("ij,ij->i", triangles[:, 0], np.cross(triangles[:, 1], triangles[:, 2])).sum() / 6
    assert volume > 0


def test_the_front_end_is_its_modules_joined_with_no_local_imports():
    text = explorer_module.static_text("explorer.js")
    assert HipAngleExplorer._esm == text
    for module in explorer_module.MODULES:
        assert f"// ---- {module} ----" in text
    assert '"./' not in text and text.count("export default") == 1
    with pytest.raises(ValueError, match="no front-end file"):
        explorer_module.static_text("other.js")


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
    script = explorer_module.static_text("explorer.js")
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
