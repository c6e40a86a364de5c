"""The bone data file's record, its integrity check, and the muscles placed on the real bones."""

import hashlib
import json

import numpy as np
import pytest

from hipcontent.model import bones, gait2392


def _surface_distance(point, name: str, matrix=None) -> float:
    """Distance (m) from a point to the nearest triangle of a mesh (exact point-triangle distance)."""
    mesh = bones.mesh(name)
    vertices = mesh.vertices if matrix is None else mesh.vertices @ matrix.T
    tri = vertices[mesh.faces]
    p = np.asarray(point, dtype=float)
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    normal = np.cross(b - a, c - a)
    normal /= np.linalg.norm(normal, axis=1, keepdims=True) + 1e-30
    foot = p - ((p - a) * normal).sum(1)[:, None] * normal
    v0, v1, v2 = b - a, c - a, foot - a
    d00, d01, d11 = (v0 * v0).sum(1), (v0 * v1).sum(1), (v1 * v1).sum(1)
    d20, d21 = (v2 * v0).sum(1), (v2 * v1).sum(1)
    den = d00 * d11 - d01 * d01 + 1e-30
    v, w = (d11 * d20 - d01 * d21) / den, (d00 * d21 - d01 * d20) / den
    inside = (v >= 0) & (w >= 0) & (v + w <= 1)
    dist = np.where(inside, np.linalg.norm(p - foot, axis=1), np.inf)
    for s, e in ((a, b), (b, c), (c, a)):
        t = np.clip(((p - s) * (e - s)).sum(1) / ((e - s) ** 2).sum(1).clip(1e-30), 0, 1)
        dist = np.minimum(dist, np.linalg.norm(p - (s + t[:, None] * (e - s)), axis=1))
    return float(dist.min())


def test_record_names_package_version_wheel_licence_and_each_mesh_source():
    record = bones.raw()
    assert (record["package"], record["version"]) == ("myo-sim", "0.2.4")
    assert len(record["wheel_sha256"]) == 64 and int(record["wheel_sha256"], 16) >= 0
    assert record["license"] == "Apache-2.0" and "Apache License" in record["license_notice"]
    for name in ("Rajagopal", "Delp", "MyoSuite"):
        assert name in bones.credit()
    for name in bones.MESHES:
        assert record["sources"][name] == f"myo_sim/models/meshes/{name}.stl"
        assert bones.mesh(name).source == record["sources"][name]
    assert hashlib.sha256(bones.canonical(record["meshes"])).hexdigest() == record["data_sha256"]
    assert "Apache-2.0" in bones.source_line() and "Rajagopal" in bones.source_line()


def test_a_changed_mesh_is_refused(monkeypatch, tmp_path):
    record = json.loads(json.dumps(bones.raw()))
    record["meshes"]["r_femur"]["vertices"][0] += 1
    changed = tmp_path / "bones.json"
    changed.write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(bones, "package_file", lambda _relative: changed)
    bones.raw.cache_clear()
    try:
        with pytest.raises(bones.BonesDataError, match="data_sha256"):
            bones.raw()
    finally:
        bones.raw.cache_clear()


def test_meshes_are_read_once():
    bones.raw()
    before = bones.raw.cache_info().hits
    assert bones.mesh("r_femur") is bones.mesh("r_femur")
    bones.raw()
    assert bones.raw.cache_info().hits > before and bones.raw.cache_info().currsize == 1


@pytest.mark.parametrize("muscle", gait2392.MUSCLES)
def test_gait2392_origin_and_insertion_lie_on_the_bones(muscle):
    points = gait2392.muscle(muscle).points
    # Origin on the pelvis: the iliacus in the iliac fossa; the psoas start point is the model's
    # belly point in front of L4-L5 (gait2392 has no spine), so it is checked against the vertebrae.
    origin_bones = ("lumbar4", "lumbar5") if muscle == "psoas" else ("r_pelvis",)
    origin = min(_surface_distance(points[0].location, b) for b in origin_bones)
    insertion = _surface_distance(points[-1].location, "r_femur")
    assert insertion < 0.005, f"{muscle} insertion {insertion * 1000:.1f} mm from the femur"
    limit = 0.030 if muscle == "psoas" else 0.005
    assert origin < limit, f"{muscle} origin {origin * 1000:.1f} mm from its bone"


def test_pelvic_brim_points_lie_on_the_hip_bone():
    for muscle in gait2392.MUSCLES:
        brim = gait2392.muscle(muscle).points[1].location
        assert _surface_distance(brim, "r_pelvis") < 0.008


def test_psoas_vertebral_origins_lie_on_their_vertebrae():
    for name, point in bones.psoas_origins().items():
        level = int(name[1])
        near = [f"lumbar{level}"] + ([f"lumbar{level + 1}"] if "IVD" in name else [])
        distance = min(_surface_distance(point, b) for b in near)
        # L5's transverse-process site sits 10 mm off the coarse L5 mesh; the others within 6 mm.
        assert distance < (0.011 if name == "L5_TP" else 0.006), f"{name}: {distance * 1000:.1f} mm"


def test_insertion_moves_with_the_femur():
    from hipcontent.model import paths

    matrix = paths.femur_rotation(60.0, 0.0, 0.0)
    point = gait2392.muscle("psoas").points[-1].location @ matrix.T
    assert _surface_distance(point, "r_femur", matrix) < 0.005


def test_landmarks_are_points_of_their_bones():
    found = bones.landmarks()
    for name in ("ASIS", "AIIS", "pubic tubercle", "iliac fossa", "iliopubic eminence"):
        assert _surface_distance(found[name], "r_pelvis") < 1e-9
    for name in ("femoral head", "femoral neck", "greater trochanter", "lesser trochanter"):
        assert _surface_distance(found[name], "r_femur") < 1e-9
    assert found["ASIS"][0] > found["AIIS"][0] and found["ASIS"][1] > found["AIIS"][1]
    assert found["greater trochanter"][2] > found["lesser trochanter"][2]  # lateral vs medial
    assert found["lesser trochanter"][1] < found["greater trochanter"][1]


def test_unknown_mesh_names_the_choices():
    with pytest.raises(ValueError, match="'r_femur'"):
        bones.mesh("tibia")


def test_the_socket_is_the_bone_models_and_the_femoral_head_is_gait2392s():
    """Why the femoral head sits up to 20 mm from the socket's centre (model/bones.py docstring):
    the hip-bone mesh's socket is centred on the bone model's own hip centre, the femur mesh's head
    on its frame's origin, and the course turns the femur about gait2392's hip centre, 20 mm away."""
    offset = bones.acetabulum_offset()
    assert np.linalg.norm(offset) * 1000 == pytest.approx(20.0, abs=0.1)
    socket, radius, rms = bones.acetabulum_sphere()
    assert 0.020 < radius < 0.032 and rms < 0.003  # a socket-sized sphere fits the mesh
    assert np.linalg.norm(socket - offset) < 0.006  # centred on the bone model's hip centre
    assert 0.015 < np.linalg.norm(socket) < 0.021  # and not on gait2392's (the drawing's origin)
    head, head_radius, head_rms = bones.femoral_head_sphere()
    assert np.linalg.norm(head) < 0.001 and 0.021 < head_radius < 0.025 and head_rms < 0.002


def test_closing_the_gap_by_moving_the_pelvis_would_lift_the_muscles_off_the_bone():
    """The documented reason the pelvis meshes stay where the shared pelvis frame puts them."""
    shift = bones.acetabulum_offset()  # move the meshes so the socket's centre is gait2392's hip centre
    brim = gait2392.muscle("psoas").points[1].location
    origin = gait2392.muscle("iliacus").points[0].location
    assert _surface_distance(brim, "r_pelvis") < 0.008 and _surface_distance(origin, "r_pelvis") < 0.005
    assert _surface_distance(brim + shift, "r_pelvis") > 0.015
    assert _surface_distance(origin + shift, "r_pelvis") > 0.010
