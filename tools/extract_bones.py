"""Take the bone meshes the course draws from the pinned `myo-sim` wheel and write them as one
small data file, hipcontent/data/bones.json (maintainer tool; learners never run it).

    .venv/bin/python tools/extract_bones.py            # pip download the pinned wheel, write the file
    .venv/bin/python tools/extract_bones.py --wheel path/to/myo_sim-0.2.4-py3-none-any.whl

Where the bones come from. `myo-sim` (Apache-2.0; the MuJoCo musculoskeletal models of MyoSuite)
ships STL meshes converted from the OpenSim lower-limb and lumbar-spine models: `r_pelvis`,
`sacrum`, `r_femur`, `lumbar1`-`lumbar5` and `thoracic12_s` (T12). The wheel is fetched with
`pip download --no-deps myo-sim==VERSION` (no simulator is installed) and read as a zip; the meshes
are parsed by the small STL reader below (binary and ASCII). Installing myo-sim as a dependency
would pull in mujoco, PyOpenGL and glfw (about 150 MB) for about 300 KB of meshes.

Frames (OpenSim body frames: x anterior, y superior, z to the right, metres). The placement is
read from the wheel's own `models/scene/myobody_skeleton_decor.xml`, the skeleton MyoSuite draws:

* `r_pelvis` and `sacrum` sit in the pelvis frame (origin at the sacrum) with no offset;
* `r_femur` sits in the femur frame, whose origin is the hip centre; the femur body is placed at
  `femur_r pos` in the pelvis frame (MyoSuite's Rajagopal-based leg: (-0.056276, -0.07849,
  0.07726) m), which the file records as `hip_centre_in_pelvis_m`;
* `lumbar5` ... `lumbar1` and T12 (`thoracic12_s`, on MyoSuite's torso body) hang from the sacrum as a chain of bodies (MyoSuite's lumbar model: each
  body's `pos`, then the mesh geom's own `pos` and `euler` about z, in radians); this tool composes
  that chain for the neutral (zero-angle) spine and stores every vertebra already in the pelvis
  frame. The transforms used are recorded in the file.

The left side is not stored: `l_pelvis` and `l_femur` are the mirror images of the right ones
(z -> -z; this tool checks that to 0.5 mm and refuses to write otherwise), so the course mirrors.

Format: JSON (one file, read once with the standard library, diffable, no binary blobs in git),
with vertices quantised to integers of 0.1 mm (`quantum_m` = 1e-4; the meshes themselves are
coarser than that, so nothing visible is lost) and triangles as vertex-index triples after merging
duplicate vertices. That keeps the file near 100 KB where float text would be about three times as
big, and needs no numpy to read. `data_sha256` is the SHA-256 of the canonical JSON of `meshes`
(sorted keys, no spaces), so the course can check what it reads; `wheel_sha256` is the SHA-256 of
the wheel the meshes came from.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import numpy as np

PACKAGE = "myo-sim"
VERSION = "0.2.4"
QUANTUM_M = 1e-4
MESH_DIR = "myo_sim/models/meshes/"
DECOR_XML = "myo_sim/models/scene/myobody_skeleton_decor.xml"
TORSO_XML = "myo_sim/models/torso/assets/myotorso_chain.xml"
LICENSE_FILE = f"myo_sim-{VERSION}.dist-info/licenses/LICENSE"
LUMBAR = ("lumbar5", "lumbar4", "lumbar3", "lumbar2", "lumbar1")  # sacrum upwards, as chained
# T12 (psoas major and minor arise from it) rides on MyoSuite's "torso" body above L1.
CHAIN = (*LUMBAR, "torso")
MESH_OF = {"torso": "thoracic12_s"}
OUT = Path(__file__).resolve().parents[1] / "hipcontent" / "data" / "bones.json"

LICENSE_NOTICE = (
    "Apache License 2.0 (https://www.apache.org/licenses/LICENSE-2.0). The meshes are from the "
    "myo-sim package (MyoSuite's MuJoCo musculoskeletal models, Copyright MyoSuite authors), "
    "licensed under the Apache License, Version 2.0; you may not use this file except in "
    "compliance with the License. Distributed on an \"AS IS\" BASIS, WITHOUT WARRANTIES OR "
    "CONDITIONS OF ANY KIND. Changes made here: the meshes were converted from STL to quantised "
    "JSON, duplicate vertices merged, and the lumbar vertebrae placed in the pelvis frame.")
CREDIT = (
    "Bone meshes: MyoSuite (Caggiano V., Wang H., Durandau G., Sartori M., Kumar V. (2022) MyoSuite: "
    "a contact-rich simulation suite for musculoskeletal motor control. L4DC; myo-sim package, "
    "Apache-2.0); MyoSuite's leg model derives from the OpenSim models of Rajagopal A. et al. (2016) Full-body "
    "musculoskeletal model for muscle-driven simulation of human gait. IEEE Trans Biomed Eng "
    "63:2068-2079, and Delp S.L. et al. (1990) IEEE Trans Biomed Eng 37:757-767; lumbar spine as "
    "placed by MyoSuite's lumbar model.")


def read_stl(data: bytes) -> np.ndarray:
    """Triangles (n, 3, 3) from binary or ASCII STL bytes."""
    if len(data) >= 84:
        count = struct.unpack_from("<I", data, 80)[0]
        if 84 + 50 * count == len(data):
            record = np.dtype([("normal", "<f4", 3), ("v", "<f4", (3, 3)), ("attr", "<u2")])
            return np.frombuffer(data, dtype=record, count=count, offset=84)["v"].astype(float)
    text = data.decode("ascii", errors="strict")
    if not text.lstrip().lower().startswith("solid"):
        raise ValueError("neither binary STL (size does not match the triangle count) nor ASCII STL")
    values = [list(map(float, line.split()[1:4])) for line in text.splitlines()
              if line.strip().lower().startswith("vertex")]
    if not values or len(values) % 3:
        raise ValueError("ASCII STL without whole triangles")
    return np.array(values, dtype=float).reshape(-1, 3, 3)


def rot_z(angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def vec(text: str | None) -> np.ndarray:
    return np.array([float(v) for v in (text or "0 0 0").split()])


def placement(decor: str) -> dict:
    """Pelvis-frame placement of each mesh from MyoSuite's skeleton decor XML."""
    root = ET.fromstring(decor)
    bodies = {b.get("name"): b for b in root.iter("body")}
    femur = bodies["femur_r"]
    assert femur.find("geom").get("mesh") == "r_femur"
    place = {"hip_centre_in_pelvis_m": vec(femur.get("pos")).tolist(), "lumbar": {}}
    rotation, origin = np.eye(3), np.zeros(3)
    for body_name in CHAIN:
        name = MESH_OF.get(body_name, body_name)
        body = bodies[body_name]
        if body.get("euler") or body.get("quat"):
            raise ValueError(f"{body_name}: a rotated body is not expected here")
        origin = origin + rotation @ vec(body.get("pos"))
        geom = next(g for g in body.findall("geom") if g.get("mesh") == name)
        euler = vec(geom.get("euler"))
        if geom.get("quat"):  # a rotation about z only: (cos a/2, 0, 0, sin a/2)
            w, qx, qy, qz = vec(geom.get("quat"))
            if abs(qx) > 0 or abs(qy) > 0:
                raise ValueError(f"{name}: only rotations about z are expected")
            euler = np.array([0.0, 0.0, 2 * math.atan2(qz, w)])
        if abs(euler[0]) > 0 or abs(euler[1]) > 0:
            raise ValueError(f"{name}: only rotations about z are expected")
        place["lumbar"][name] = {
            "body_pos_m": vec(body.get("pos")).tolist(), "geom_pos_m": vec(geom.get("pos")).tolist(),
            "geom_euler_z_rad": float(euler[2]),
            "rotation": rotation @ rot_z(euler[2]), "offset": origin + rotation @ vec(geom.get("pos")),
            "body_origin": origin}
    return place


def psoas_origins(torso: str, lumbar: dict) -> dict:
    """The right psoas fascicles' vertebral origins (sites `Ps_*-P1_r`) of MyoSuite's lumbar model,
    in the pelvis frame (each site is in its vertebra's body frame; bodies are not rotated)."""
    root = ET.fromstring(torso)
    origins = {}
    for name in LUMBAR:
        body = next(b for b in root.iter("body") if b.get("name") == name)
        if body.get("pos") is None or vec(body.get("pos")).tolist() != lumbar[name]["body_pos_m"]:
            raise SystemExit(f"{name}: the torso model places it differently from the skeleton")
        for site in body.findall("site"):
            match = re.fullmatch(r"Ps_(\w+?)_Ps_\w+-P1_r", site.get("name", ""))
            if match:
                origins[match.group(1)] = [round(v, 7) for v in lumbar[name]["body_origin"] + vec(site.get("pos"))]
    return origins


def quantise(triangles: np.ndarray) -> dict:
    """Merge duplicate vertices; integers of QUANTUM_M; drop triangles that collapse."""
    q = np.rint(triangles.reshape(-1, 3) / QUANTUM_M).astype(np.int64)
    unique, inverse = np.unique(q, axis=0, return_inverse=True)
    faces = inverse.reshape(-1, 3)
    keep = (faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])
    return {"vertices": unique.ravel().tolist(), "faces": faces[keep].ravel().tolist()}


def canonical(meshes: dict) -> bytes:
    return json.dumps(meshes, sort_keys=True, separators=(",", ":")).encode("utf-8")


def check_mirror(wheel: zipfile.ZipFile, name: str) -> None:
    right = read_stl(wheel.read(f"{MESH_DIR}r_{name}.stl")).reshape(-1, 3)
    left = read_stl(wheel.read(f"{MESH_DIR}l_{name}.stl")).reshape(-1, 3) * [1, 1, -1]
    a = np.unique(np.rint(right / 5e-4), axis=0)
    b = np.unique(np.rint(left / 5e-4), axis=0)
    if a.shape != b.shape or np.abs(a - b).max() > 1:
        raise SystemExit(f"l_{name} is not the mirror image of r_{name}; store both")


def build(wheel_path: Path) -> dict:
    digest = hashlib.sha256(wheel_path.read_bytes()).hexdigest()
    with zipfile.ZipFile(wheel_path) as wheel:
        place = placement(wheel.read(DECOR_XML).decode("utf-8"))
        for name in ("pelvis", "femur"):
            check_mirror(wheel, name)
        license_text = wheel.read(LICENSE_FILE).decode("utf-8")
        if "Apache License" not in license_text or "Version 2.0" not in license_text:
            raise SystemExit("the wheel's LICENSE is not the Apache License 2.0 any more: check it")
        meshes, sources = {}, {}
        for name, body in (("r_pelvis", "pelvis"), ("sacrum", "pelvis"), ("r_femur", "femur_r"), *[
                (vertebra, "pelvis") for vertebra in (*LUMBAR, "thoracic12_s")]):
            source = f"{MESH_DIR}{name}.stl"
            triangles = read_stl(wheel.read(source))
            if name in place["lumbar"]:
                p = place["lumbar"][name]
                triangles = triangles @ p["rotation"].T + p["offset"]
            meshes[name] = {"frame": body, "source": source, **quantise(triangles)}
            sources[name] = source
        origins = psoas_origins(wheel.read(TORSO_XML).decode("utf-8"), place["lumbar"])
    lumbar = {k: {key: v for key, v in p.items() if key not in ("rotation", "offset", "body_origin")}
              for k, p in place["lumbar"].items()}
    return {
        "what": "Bone meshes for the course's anatomy figures: right hip bone, sacrum, lumbar "
                "vertebrae L1-L5, T12 and right femur, in OpenSim body frames.",
        "package": PACKAGE, "version": VERSION, "wheel": wheel_path.name, "wheel_sha256": digest,
        "license": "Apache-2.0", "license_notice": LICENSE_NOTICE, "credit": CREDIT,
        "conventions": {
            "units": "vertices are integers of quantum_m metres; faces are vertex-index triples",
            "quantum_m": QUANTUM_M,
            "axes": "x anterior, y superior, z to the right (OpenSim); mirror z for the left side",
            "frames": "pelvis: origin at the sacrum (r_pelvis, sacrum, lumbar*); femur_r: origin "
                      "at the hip centre. The femur frame's origin is at hip_centre_in_pelvis_m.",
            "lumbar": "lumbar vertebrae placed in the pelvis frame by composing MyoSuite's lumbar "
                      "body chain (myobody_skeleton_decor.xml) at zero joint angles",
        },
        "placement_source": DECOR_XML,
        "hip_centre_in_pelvis_m": place["hip_centre_in_pelvis_m"],
        "lumbar_chain": lumbar,
        "psoas_origins_source": TORSO_XML,
        "psoas_origins_m": origins,
        "sources": sources,
        "data_sha256": hashlib.sha256(canonical(meshes)).hexdigest(),
        "meshes": meshes,
    }


def download(directory: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                    f"{PACKAGE}=={VERSION}", "-d", str(directory)], check=True)
    return next(directory.glob("myo_sim-*.whl"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help="a wheel already downloaded")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download(Path(tmp))
        record = build(wheel)
    text = json.dumps(record, separators=(",", ":"))
    # One mesh per line keeps diffs readable.
    text = text.replace(',"meshes":{', ',\n"meshes":{\n').replace('},"', '},\n"')
    args.out.write_text(text + "\n", encoding="utf-8")
    sizes = {k: (len(m["vertices"]) // 3, len(m["faces"]) // 3) for k, m in record["meshes"].items()}
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB): {sizes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
