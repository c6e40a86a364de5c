"""pyproject.toml is the one source of truth; environment.yml (Binder, conda) must mirror it."""

import glob
import re
import tomllib
from pathlib import Path

import yaml
from conftest import REPO


def _pyproject():
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def _environment():
    return yaml.safe_load((REPO / "environment.yml").read_text())


def test_environment_pip_list_equals_runtime_and_test_pins():
    project = _pyproject()["project"]
    expected = project["dependencies"] + project["optional-dependencies"]["test"]
    conda = _environment()["dependencies"]
    pip_lists = [entry["pip"] for entry in conda if isinstance(entry, dict)]
    assert len(pip_lists) == 1, "environment.yml should have exactly one pip: list"
    assert sorted(pip_lists[0]) == sorted(expected)


def test_every_pin_is_exact():
    project = _pyproject()["project"]
    requirements = project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]
    loose = [r for r in requirements if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", r)]
    assert not loose, f"pin these exactly (nbval compares outputs they produce): {loose}"


def test_environment_python_satisfies_requires_python():
    conda = _environment()["dependencies"]
    pythons = [e for e in conda if isinstance(e, str) and e.startswith("python=")]
    assert len(pythons) == 1, "pin python= in environment.yml (Binder's default changes)"
    env_version = tuple(int(p) for p in pythons[0].split("=")[1].split("."))
    minimum = re.fullmatch(r">=(\d+)\.(\d+)", _pyproject()["project"]["requires-python"])
    assert env_version >= (int(minimum[1]), int(minimum[2]))


def test_postbuild_installs_the_package_without_touching_pins():
    postbuild = (REPO / "postBuild").read_text()
    assert "set -e" in postbuild
    assert "pip install --no-deps -e ." in postbuild


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    command = "python3 tools/course.py test"
    assert f"    {command}" in readme or f"\n{command}\n" in readme
    assert [line for line in ci.splitlines() if line and not line.startswith("#")][-1] == command


def test_package_data_ships_every_file_the_package_reads():
    """A wheel (not only an editable install) must carry the data, stylesheets and widget scripts."""
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["hipcontent"]
    package = REPO / "hipcontent"
    files = [p.relative_to(package) for p in package.rglob("*")
             if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert any(f.parts[:2] == ("widgets", "static") for f in files)  # the check sees the scripts
    shipped = {Path(m) for pattern in patterns for m in glob.glob(pattern, root_dir=package, recursive=True)}
    missing = [str(f) for f in files if f not in shipped]
    assert not missing, f"add these to [tool.setuptools.package-data]: {missing}"
