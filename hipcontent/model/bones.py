"""Real bone geometry for the figures: right hip bone, sacrum, lumbar vertebrae L1-L5 and right femur.

Data: hipcontent/data/bones.json, written by tools/extract_bones.py from the pinned `myo-sim` wheel
(MyoSuite's MuJoCo models, Apache-2.0; meshes after the OpenSim models of Rajagopal et al.
2016 and Delp et al. 1990). The file carries the package, version, the wheel's SHA-256, each mesh's
source path inside the wheel, the licence notice and a SHA-256 of the mesh data, which is checked
here when the file is read (once per process: everything below is cached).

Frames. The meshes come in OpenSim body frames (x anterior, y superior, z to the right): the hip
bone, sacrum and lumbar vertebrae in the pelvis frame (origin at the sacrum), the femur in its own
frame (origin at the hip centre). The course draws everything relative to the hip centre of
gait2392 (hipcontent.model.gait2392), whose muscle paths it shows:

* pelvis-frame meshes are moved by gait2392's hip centre in the pelvis frame, so gait2392's pelvis
  path points land on the hip bone where the model puts them (the iliacus origin within 3 mm);
  the two models share the pelvis frame (origin at the sacrum), which this placement relies on;
* the femur's origin is the hip centre, as in gait2392, so the femur path points sit on it (the
  lesser-trochanter insertions within 2 mm).

The femoral head and the socket (measured; tests/test_bones.py checks each number). The hip-bone
mesh is MyoSuite's pelvis, from Rajagopal et al. 2016, whose hip centre in the pelvis frame is
(-56.3, -78.5, 77.3) mm; gait2392's is (-70.7, -66.1, 83.5) mm (Delp et al. 1990's pelvis). The two
differ by (+14.4, -12.4, -6.2) mm, 20.0 mm (`acetabulum_offset`). A sphere fitted to the mesh's
socket (`acetabulum_sphere`) is centred 4 mm from MyoSuite's hip centre and 18 mm from gait2392's,
radius 27 mm; one fitted to the femur mesh's head is centred on the femur frame's origin (within
1 mm, radius 23 mm). So the frames are read correctly and no offset is lost in extraction: the two
models place the hip joint in different pelvises. MyoSuite's own gait2392-based leg
(models/leg/assets/myolegs26_chain.xml in the same wheel) hangs the same femur mesh at gait2392's
hip centre under the same hip-bone mesh, with the same 20 mm gap. The course draws the femur about
gait2392's hip centre because the muscle paths, their moment arms and the femur's rotation are
gait2392's; the femoral head therefore sits up to 20 mm off the socket's centre. It cannot be closed
by moving the pelvis meshes: closing it moves gait2392's pelvic path points 11-23 mm off the bone
(they are 3-6 mm now), because the pelvises differ in shape (gait2392's brim point is 48 mm from its
hip centre, the mesh's iliopubic eminence 30 mm from its socket's centre). The best rigid shift found
(2, -11, -8) mm still leaves 12.6 mm. Tests in tests/test_bones.py measure every attachment's
distance to its bone.

The lumbar vertebrae are placed by MyoSuite's lumbar model (its body chain at zero joint angles,
composed by the extraction tool); the psoas major's vertebral origins come from the same model's
psoas fascicles (`psoas_origins`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache

import numpy as np

from hipcontent.content.errors import ContentError, Problem
from hipcontent.content.reader import package_file, read_bytes
from hipcontent.model import gait2392

DATA_FILE = "data/bones.json"
DISPLAY = f"hipcontent/{DATA_FILE}"
PELVIS_MESHES = ("r_pelvis", "sacrum", "lumbar5", "lumbar4", "lumbar3", "lumbar2", "lumbar1", "thoracic12_s")
FEMUR_MESHES = ("r_femur",)
MESHES = PELVIS_MESHES + FEMUR_MESHES
VERTEBRAE = ("L1", "L2", "L3", "L4", "L5")


class BonesDataError(ContentError):
    """The bone data file is missing, damaged or not what the course expects."""


@dataclass(frozen=True)
class Mesh:
    """A triangle mesh in metres relative to the hip centre (pelvis meshes) or in the femur frame."""

    name: str
    frame: str  # "pelvis" or "femur_r"
    vertices: np.ndarray  # (n, 3) metres
    faces: np.ndarray  # (m, 3) vertex indices
    source: str  # the mesh's path inside the wheel


def canonical(meshes: dict) -> bytes:
    """The bytes `data_sha256` is computed over (same as tools/extract_bones.py)."""
    return json.dumps(meshes, sort_keys=True, separators=(",", ":")).encode("utf-8")


@cache
def raw() -> dict:
    """The data file as published, its integrity checked (SHA-256 of the meshes)."""
    data = read_bytes(package_file(DATA_FILE), DISPLAY, max_bytes=512 * 1024)
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BonesDataError(Problem(DISPLAY, reason=f"is not valid UTF-8 JSON ({exc})")) from None
    missing = [key for key in ("package", "version", "wheel_sha256", "license", "license_notice",
                               "credit", "data_sha256", "meshes", "sources") if key not in record]
    if missing:
        raise BonesDataError(Problem(DISPLAY, field=missing[0], reason="is missing; re-run tools/extract_bones.py"))
    if hashlib.sha256(canonical(record["meshes"])).hexdigest() != record["data_sha256"]:
        raise BonesDataError(Problem(DISPLAY, field="meshes", reason=(
            "do not match data_sha256: the file was changed by hand; re-run tools/extract_bones.py")))
    absent = [name for name in MESHES if name not in record["meshes"]]
    if absent:
        raise BonesDataError(Problem(DISPLAY, entry=absent[0], reason="mesh is missing"))
    return record


def credit() -> str:
    return raw()["credit"]


def source_line() -> str:
    """Two short lines for a figure's source: the bone models, the licence and the muscle paths."""
    record = raw()
    return (f"Bones: MyoSuite {record['package']} {record['version']} meshes ({record['license']}), after the "
            "OpenSim models\nof Rajagopal et al. 2016 and Delp et al. 1990; muscle paths: gait2392 (CC BY 3.0).")


def gait2392_hip_centre_in_pelvis() -> np.ndarray:
    """gait2392's hip centre in the pelvis frame (hip_r parent-frame translation)."""
    return np.array(gait2392.raw()["model"]["joint_hip_r"]["parent_frame"]["translation"], dtype=float)


@cache
def mesh(name: str) -> Mesh:
    """One mesh, pelvis meshes relative to gait2392's hip centre, the femur in its own frame."""
    if name not in MESHES:
        raise ValueError(f"mesh must be one of {', '.join(map(repr, MESHES))}; got {name!r}")
    record = raw()
    entry = record["meshes"][name]
    quantum = float(record["conventions"]["quantum_m"])
    vertices = np.asarray(entry["vertices"], dtype=float).reshape(-1, 3) * quantum
    faces = np.asarray(entry["faces"], dtype=np.intp).reshape(-1, 3)
    if faces.size and (faces.min() < 0 or faces.max() >= len(vertices)):
        raise BonesDataError(Problem(DISPLAY, entry=name, field="faces", reason="index a vertex that is not there"))
    if entry["frame"] == "pelvis":
        vertices = vertices - gait2392_hip_centre_in_pelvis()
    vertices.setflags(write=False)
    faces.setflags(write=False)
    return Mesh(name=name, frame=entry["frame"], vertices=vertices, faces=faces, source=entry["source"])


@cache
def psoas_origins() -> dict[str, np.ndarray]:
    """MyoSuite's right psoas fascicle origins on L1-L5 (vertebral bodies, discs, transverse
    processes), relative to gait2392's hip centre; keys like "L3_TP", "L1_VB", "L2_L3_IVD"."""
    shift = gait2392_hip_centre_in_pelvis()
    return {name: np.asarray(point, dtype=float) - shift for name, point in raw()["psoas_origins_m"].items()}


def acetabulum_offset() -> np.ndarray:
    """The bone model's hip centre minus gait2392's, in metres (how far the drawn femoral head is
    from the centre of the hip-bone mesh's socket)."""
    return np.asarray(raw()["hip_centre_in_pelvis_m"], dtype=float) - gait2392_hip_centre_in_pelvis()


def _sphere(points: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Least-squares sphere through points: (centre, radius, rms distance from the sphere), metres."""
    matrix = np.column_stack([2 * points, np.ones(len(points))])
    solution, *_ = np.linalg.lstsq(matrix, (points**2).sum(axis=1), rcond=None)
    centre = solution[:3]
    radius = float(np.sqrt(solution[3] + centre @ centre))
    rms = float(np.sqrt(((np.linalg.norm(points - centre, axis=1) - radius) ** 2).mean()))
    return centre, radius, rms


def acetabulum_sphere(window_m: float = 0.032) -> tuple[np.ndarray, float, float]:
    """A sphere fitted to the hip-bone mesh's socket: its vertices within `window_m` of the bone
    model's own hip centre. (centre relative to gait2392's hip centre, radius, rms), metres."""
    vertices = mesh("r_pelvis").vertices
    near = vertices[np.linalg.norm(vertices - acetabulum_offset(), axis=1) < window_m]
    return _sphere(near)


def femoral_head_sphere(window_m: float = 0.025) -> tuple[np.ndarray, float, float]:
    """A sphere fitted to the femur mesh's head (vertices within `window_m` of the femur frame's
    origin): (centre in the femur frame, radius, rms), metres."""
    vertices = mesh("r_femur").vertices
    return _sphere(vertices[np.linalg.norm(vertices, axis=1) < window_m])


def _nearest(vertices: np.ndarray, point) -> np.ndarray:
    return vertices[np.argmin(np.linalg.norm(vertices - np.asarray(point, dtype=float), axis=1))]


@cache
def landmarks() -> dict[str, np.ndarray]:
    """Named landmarks on the meshes (metres from the hip centre, upright pose), each a mesh vertex
    picked by a simple rule written next to it, so every label points at the bone itself."""
    pelvis = mesh("r_pelvis").vertices
    femur = mesh("r_femur").vertices
    midline = -gait2392_hip_centre_in_pelvis()[2]
    wing = pelvis[pelvis[:, 1] > 0.03]
    found = {
        # the most anterior point of the ilium above the acetabulum
        "ASIS": wing[np.argmax(wing[:, 0])],
        "iliac crest": wing[np.argmax(wing[:, 1])],  # the highest point of the hip bone
    }
    # the most anterior point of the ilium between the acetabulum's roof and 25 mm below the ASIS
    below = pelvis[(pelvis[:, 1] > 0.005) & (pelvis[:, 1] < found["ASIS"][1] - 0.025) & (pelvis[:, 2] > 0.0)]
    found["AIIS"] = below[np.argmax(below[:, 0])]
    # 15-35 mm from the midline, the most anterior-superior point of the pubis
    pubis = pelvis[(pelvis[:, 2] > midline + 0.015) & (pelvis[:, 2] < midline + 0.035) & (pelvis[:, 1] < 0.0)]
    found["pubic tubercle"] = pubis[np.argmax(pubis[:, 0] + pubis[:, 1])]
    psoas = gait2392.muscle("psoas").points
    iliacus = gait2392.muscle("iliacus").points
    # the iliacus origin of gait2392 lies in the fossa (within 3 mm of the bone)
    found["iliac fossa"] = _nearest(pelvis, iliacus[0].location)
    # the hip-bone point nearest gait2392's pelvic-brim path point (where the tendon turns)
    found["iliopubic eminence"] = _nearest(pelvis, psoas[1].location)
    found["femoral head"] = _nearest(femur, (0.0, 0.03, 0.0))  # the top of the head
    # the greater trochanter: the most lateral point of the femur above the lesser trochanter
    top = femur[femur[:, 1] > -0.05]
    found["greater trochanter"] = top[np.argmax(top[:, 2])]
    found["femoral neck"] = _nearest(femur, 0.55 * found["greater trochanter"] * (1.0, 0.0, 1.0))
    found["lesser trochanter"] = _nearest(femur, psoas[-1].location)  # gait2392's psoas insertion
    for number in range(1, 6):
        vertebra = mesh(f"lumbar{number}").vertices
        body = vertebra[vertebra[:, 0] > vertebra[:, 0].max() - 0.02]  # the front 20 mm: the body
        found[f"L{number} body"] = _nearest(body, body.mean(axis=0) * (1, 1, 0) + (0, 0, body[:, 2].max()))
        found[f"L{number} transverse process"] = vertebra[np.argmax(vertebra[:, 2])]
    for value in found.values():
        value.setflags(write=False)
    return found
