"""Set up hipcontent and open the lessons, or run every test.

    python3 tools/course.py lab     # set up, then open the notebooks in JupyterLab
    python3 tools/course.py test    # set up, then run the whole test suite

Needs only Python 3.11+ from the standard library. With no virtual environment active it
creates `.venv/` beside this repository's `pyproject.toml` and re-runs itself inside it, so
nothing is installed into the system Python. Extra arguments after `test` go to pytest.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCAL_VENV = REPO / ".venv"
CHROMIUM = Path("/usr/bin/chromium")
FIRST_NOTEBOOK = "notebooks/00-start-here.ipynb"


def _say(message: str) -> None:
    print(f"[hipcontent] {message}", flush=True)


def _in_virtual_env() -> bool:
    return sys.prefix != sys.base_prefix or "CONDA_PREFIX" in os.environ


def _venv_python() -> Path:
    return LOCAL_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _reexec_in_local_venv() -> None:
    """Create .venv if needed and run this same command with its Python."""
    python = _venv_python()
    if not python.exists():
        _say(f"creating a virtual environment in {LOCAL_VENV.name}/")
        venv.EnvBuilder(with_pip=True).create(LOCAL_VENV)
    env = dict(os.environ, HIPCONTENT_COURSE_VENV="1")
    sys.exit(subprocess.call([str(python), str(Path(__file__).resolve()), *sys.argv[1:]], env=env))


def _install_requirements() -> None:
    """pip install the package with its test extras, skipped when pyproject.toml is unchanged."""
    fingerprint = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    stamp = Path(sys.prefix) / ".hipcontent-installed"
    if stamp.exists() and stamp.read_text().strip() == fingerprint:
        return
    _say("installing hipcontent and its pinned dependencies (first run takes a few minutes)")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.check_call([*pip, "install", "--quiet", "-e", f"{REPO}[test,browser]"])
    stamp.write_text(fingerprint + "\n")


def _ensure_chromium() -> None:
    """Browser tests drive Debian's Chromium; install it with apt when we may."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        _say("installing Debian's chromium for the browser tests")
        quiet = {"stdout": subprocess.DEVNULL}
        subprocess.check_call(["apt-get", "update", "-qq"], **quiet)
        subprocess.check_call(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
            **quiet,
        )
    else:
        _say(f"{CHROMIUM} is missing and cannot be installed here: browser tests will be skipped")


def lab(extra: list[str]) -> int:
    # Jupyter refuses to start as root unless told; root is common in containers and class servers.
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return subprocess.call(
        [sys.executable, "-m", "jupyter", "lab", FIRST_NOTEBOOK, *as_root, *extra], cwd=REPO
    )


def test(extra: list[str]) -> int:
    _ensure_chromium()
    return subprocess.call([sys.executable, "-m", "pytest", *extra], cwd=REPO)


COMMANDS = {"lab": lab, "test": test}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 {Path(__file__).name} {{{'|'.join(COMMANDS)}}} [arguments...]")
    if sys.version_info < (3, 11):
        sys.exit(f"hipcontent needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not _in_virtual_env():
        _reexec_in_local_venv()
    _install_requirements()
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))


if __name__ == "__main__":
    main()
