"""Set up hipcontent and open the lessons, or run every test.

    python3 tools/course.py lab     # set up, then open lesson 00 in JupyterLab
    python3 tools/course.py test    # set up, then run the whole test suite
    python3 tools/course.py audit   # set up, then tools/audit.py (axe-core; report in test-artifacts/)
    python3 tools/course.py site    # set up, then build site/: the course as a static, offline site

Needs only Python 3.11+ from the standard library. Which Python environment it uses:

- an active virtual environment (venv, virtualenv): that one;
- an active conda environment other than `base`: that one (pip installs the pinned packages into
  it; it says so first);
- nothing active, or conda's `base` (conda's own environment, which a course should not change):
  it creates `.venv/` beside this repository's `pyproject.toml` and re-runs itself inside it, so
  nothing is installed into the system Python or into `base`.

`lab` starts JupyterLab on lesson 00 and prints that lesson's address. The course's JupyterLab
settings (no news pop-up) come from `jupyter-config/` in this repository, put on
`JUPYTER_CONFIG_PATH` for this server only: nothing is written to your home folder.
Extra arguments after `lab` go to JupyterLab, after `test` to pytest, after `audit` to
tools/audit.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import venv
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCAL_VENV = REPO / ".venv"
CHROMIUM = Path("/usr/bin/chromium")
FIRST_NOTEBOOK = "notebooks/00-start-here.ipynb"
# Jupyter config shipped with the course: labconfig/default_setting_overrides.d/hipcontent.json.
JUPYTER_CONFIG = REPO / "jupyter-config"
SERVER_START_TIMEOUT = 120  # seconds to wait for JupyterLab's jpserver-<pid>.json


def _say(message: str) -> None:
    print(f"[hipcontent] {message}", flush=True)


# --- Which Python environment ---------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """Where to install and run: `use_current` (this Python) or the project's own .venv."""

    use_current: bool
    note: str | None = None  # printed before anything is installed


def _same_path(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _is_conda_base(environ: Mapping[str, str], conda_prefix: str, is_dir: Callable[[str], bool]) -> bool:
    """True when the active conda environment is the root (`base`) installation."""
    if environ.get("CONDA_DEFAULT_ENV") == "base":
        return True
    roots = [environ.get("CONDA_ROOT"), environ.get("MAMBA_ROOT_PREFIX")]
    conda_exe = environ.get("CONDA_EXE")  # <root>/bin/conda or <root>\Scripts\conda.exe
    if conda_exe:
        roots.append(str(Path(conda_exe).parent.parent))
    if any(root and _same_path(root, conda_prefix) for root in roots):
        return True
    return is_dir(os.path.join(conda_prefix, "condabin"))  # only the root installation has it


def choose_environment(
    environ: Mapping[str, str],
    prefix: str,
    base_prefix: str,
    local_venv: Path = LOCAL_VENV,
    is_dir: Callable[[str], bool] = os.path.isdir,
) -> Choice:
    """Decide which environment the course uses, from the process environment and sys.prefix."""
    if prefix != base_prefix:  # a venv or virtualenv is running this script
        if _same_path(prefix, local_venv):
            return Choice(True)
        return Choice(True, f"using the active virtual environment {prefix}")
    conda_prefix = environ.get("CONDA_PREFIX")
    if not conda_prefix:
        return Choice(False)
    name = environ.get("CONDA_DEFAULT_ENV") or Path(conda_prefix).name
    if _is_conda_base(environ, conda_prefix, is_dir):
        return Choice(
            False,
            f"conda's base environment is active: the course does not install into it. Using the "
            f"project's own {local_venv.name}/ instead. To use conda, run `conda env create -f "
            f"environment.yml` and `conda activate hipcontent`, then this command again.",
        )
    if not _same_path(conda_prefix, prefix):
        return Choice(
            False,
            f"conda environment '{name}' is active, but this Python ({prefix}) is not its Python "
            f"(is python installed in it?). Using the project's own {local_venv.name}/ instead.",
        )
    return Choice(
        True,
        f"using the active conda environment '{name}' ({conda_prefix}): pip installs hipcontent "
        f"(editable) and its pinned dependencies into it. To leave it untouched, run "
        f"`conda deactivate` first and the course uses its own {local_venv.name}/.",
    )


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


# --- JupyterLab on lesson 00 ------------------------------------------------------------------


def lab_environment(environ: Mapping[str, str], config: Path = JUPYTER_CONFIG) -> dict[str, str]:
    """The server's environment: the course's Jupyter config first on JUPYTER_CONFIG_PATH."""
    paths = [str(config)]
    if environ.get("JUPYTER_CONFIG_PATH"):
        paths.append(environ["JUPYTER_CONFIG_PATH"])
    return dict(environ, JUPYTER_CONFIG_PATH=os.pathsep.join(paths))


def lab_command(extra: list[str], as_root: bool) -> list[str]:
    """`python -m jupyterlab` (one process, so its pid names its jpserver-<pid>.json) on lesson 00."""
    # Jupyter refuses to start as root unless told; root is common in containers and class servers.
    return [sys.executable, "-m", "jupyterlab", FIRST_NOTEBOOK, *(["--allow-root"] if as_root else []), *extra]


def lesson_url(info: Mapping, notebook: str = FIRST_NOTEBOOK, repo: Path = REPO) -> str | None:
    """The address of `notebook` on the server described by a jpserver-<pid>.json, or None."""
    try:
        relative = (repo / notebook).resolve().relative_to(Path(info["root_dir"]).resolve())
    except (KeyError, ValueError):
        return None  # served from elsewhere (--notebook-dir): lesson 00 is not under its root
    url = f"{info['url'].rstrip('/')}/lab/tree/{urllib.parse.quote(relative.as_posix())}"
    if info.get("token"):
        url += "?" + urllib.parse.urlencode({"token": info["token"]})
    return url


def wait_for_server_info(
    pid: int,
    runtime_dir: Path,
    running: Callable[[], bool],
    timeout: float = SERVER_START_TIMEOUT,
    poll: float = 0.2,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> dict | None:
    """Read jpserver-<pid>.json once the server has written it; None if it stops or times out."""
    path = Path(runtime_dir) / f"jpserver-{pid}.json"
    deadline = clock() + timeout
    while running() and clock() < deadline:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not there yet, or half written
            sleep(poll)
    return None


def _runtime_dir() -> Path | None:
    try:
        from jupyter_core.paths import jupyter_runtime_dir
    except ImportError:
        return None
    return Path(jupyter_runtime_dir())


def lab(extra: list[str]) -> int:
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    process = subprocess.Popen(lab_command(extra, as_root), cwd=REPO, env=lab_environment(os.environ))
    try:
        runtime = _runtime_dir()
        info = runtime and wait_for_server_info(process.pid, runtime, lambda: process.poll() is None)
        url = info and lesson_url(info)
        if url:
            _say(f"lesson 00 is at {url}")
            _say("(open that address if no browser window appeared; press Ctrl+C twice to stop JupyterLab)")
        elif process.poll() is None:
            _say(f"JupyterLab is running: open the address it printed above, then {FIRST_NOTEBOOK}")
    except KeyboardInterrupt:
        pass  # Ctrl+C reached JupyterLab too; let it finish shutting down
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue


MAX_TEST_WORKERS = 4  # each worker starts its own JupyterLab for the browser tests


def test_command(extra: list[str], cpus: int | None) -> list[str]:
    """pytest on one worker per core (at most MAX_TEST_WORKERS), via pytest-xdist.

    `--dist loadfile` keeps each file on one worker, in order: a notebook's nbval cells share one
    kernel, and a browser module shares one JupyterLab. Your own `-n`/`--numprocesses` (or
    `-p no:xdist`) after `test` wins."""
    workers = min(cpus or 1, MAX_TEST_WORKERS)
    chosen = any(a in ("-n", "--numprocesses", "no:xdist") or a.startswith(("-n", "--numprocesses="))
                 for a in extra)
    parallel = [] if chosen or workers < 2 else ["-n", str(workers), "--dist", "loadfile"]
    return [sys.executable, "-m", "pytest", *parallel, *extra]


def test(extra: list[str]) -> int:
    _ensure_chromium()
    return subprocess.call(test_command(extra, os.cpu_count()), cwd=REPO)


def audit(extra: list[str]) -> int:
    _ensure_chromium()
    return subprocess.call([sys.executable, str(REPO / "tools" / "audit.py"), *extra], cwd=REPO)


def site(extra: list[str]) -> int:
    return subprocess.call([sys.executable, str(REPO / "tools" / "static_site.py"), *extra], cwd=REPO)


COMMANDS = {"lab": lab, "test": test, "audit": audit, "site": site}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 {Path(__file__).name} {{{'|'.join(COMMANDS)}}} [arguments...]")
    if sys.version_info < (3, 11):  # noqa: UP036 -- runs, and says so, under an older python3
        sys.exit(f"hipcontent needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    choice = choose_environment(os.environ, sys.prefix, sys.base_prefix)
    if choice.note:
        _say(choice.note)
    if not choice.use_current:
        _reexec_in_local_venv()
    _install_requirements()
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))


if __name__ == "__main__":
    main()
