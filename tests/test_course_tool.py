"""tools/course.py: which environment it uses, where `lab` points, and the shipped settings.

The unit tests call course.py's functions with made-up environments; nothing is installed.
The browser test starts JupyterLab the way `course.py lab` does, on a copy of lesson 00, and
checks the first screen a learner sees at 1280x800.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import course  # tools/ is on sys.path (tests/conftest.py)
import pytest

REPO = Path(__file__).resolve().parent.parent
NEWS_PLUGIN = "@jupyterlab/apputils-extension:notification"
SHIPPED = REPO / "jupyter-config" / "labconfig" / "default_setting_overrides.d" / "hipcontent.json"
SYSTEM = "/usr"  # a Python without a virtual environment: sys.prefix == sys.base_prefix
CONDA = "/opt/conda"


def never_a_dir(path: str) -> bool:
    return False


# --- choose_environment -----------------------------------------------------------------------


def test_plain_python_gets_the_project_venv_without_a_note():
    choice = course.choose_environment({}, SYSTEM, SYSTEM, is_dir=never_a_dir)
    assert choice == course.Choice(use_current=False, note=None)


def test_an_active_virtual_environment_is_used_and_named(tmp_path):
    other = tmp_path / "my-env"
    choice = course.choose_environment({}, str(other), SYSTEM, local_venv=tmp_path / ".venv")
    assert choice.use_current
    assert str(other) in choice.note


def test_the_project_venv_itself_is_used_silently(tmp_path):
    local = tmp_path / ".venv"
    choice = course.choose_environment({}, str(local), SYSTEM, local_venv=local)
    assert choice == course.Choice(use_current=True, note=None)


def test_conda_base_is_never_installed_into():
    environ = {"CONDA_PREFIX": CONDA, "CONDA_DEFAULT_ENV": "base"}
    choice = course.choose_environment(environ, CONDA, CONDA, is_dir=never_a_dir)
    assert not choice.use_current
    assert "base" in choice.note and ".venv/" in choice.note
    assert "conda env create -f environment.yml" in choice.note


@pytest.mark.parametrize(
    "environ",
    [
        {"CONDA_PREFIX": CONDA, "CONDA_DEFAULT_ENV": CONDA, "CONDA_EXE": f"{CONDA}/bin/conda"},
        {"CONDA_PREFIX": CONDA, "CONDA_ROOT": CONDA},
        {"CONDA_PREFIX": CONDA, "MAMBA_ROOT_PREFIX": CONDA},
    ],
    ids=["conda-exe", "conda-root", "mamba-root"],
)
def test_conda_base_is_recognised_without_its_name(environ):
    # `conda activate /opt/conda` sets CONDA_DEFAULT_ENV to the path, not to "base".
    choice = course.choose_environment(environ, CONDA, CONDA, is_dir=never_a_dir)
    assert not choice.use_current
    assert "base" in choice.note


def test_conda_base_is_recognised_by_its_condabin_folder():
    environ = {"CONDA_PREFIX": CONDA, "CONDA_DEFAULT_ENV": "anaconda3"}
    has_condabin = lambda path: Path(path) == Path(CONDA, "condabin")
    choice = course.choose_environment(environ, CONDA, CONDA, is_dir=has_condabin)
    assert not choice.use_current


def test_another_conda_env_is_used_and_says_what_it_does():
    prefix = f"{CONDA}/envs/hipcontent"
    environ = {
        "CONDA_PREFIX": prefix,
        "CONDA_DEFAULT_ENV": "hipcontent",
        "CONDA_EXE": f"{CONDA}/bin/conda",
    }
    choice = course.choose_environment(environ, prefix, prefix, is_dir=never_a_dir)
    assert choice.use_current
    assert "'hipcontent'" in choice.note
    assert "pip installs" in choice.note and "conda deactivate" in choice.note


def test_a_conda_env_whose_python_is_not_running_gets_the_project_venv():
    # e.g. an env without python: `python3` is then the system one, which must not be installed into
    environ = {"CONDA_PREFIX": f"{CONDA}/envs/r-only", "CONDA_DEFAULT_ENV": "r-only"}
    choice = course.choose_environment(environ, SYSTEM, SYSTEM, is_dir=never_a_dir)
    assert not choice.use_current
    assert "'r-only'" in choice.note and ".venv/" in choice.note


def test_a_venv_made_from_conda_base_is_a_venv(tmp_path):
    environ = {"CONDA_PREFIX": CONDA, "CONDA_DEFAULT_ENV": "base"}
    choice = course.choose_environment(environ, str(tmp_path / "venv"), CONDA, is_dir=never_a_dir)
    assert choice.use_current


def test_main_under_conda_base_says_so_and_moves_to_the_project_venv(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["course.py", "lab"])
    monkeypatch.setattr(sys, "prefix", CONDA)
    monkeypatch.setattr(sys, "base_prefix", CONDA)
    monkeypatch.setenv("CONDA_PREFIX", CONDA)
    monkeypatch.setenv("CONDA_DEFAULT_ENV", "base")

    def reexec():
        raise SystemExit("re-exec in .venv")

    def must_not_run(*args):
        raise AssertionError("installed into conda base")

    monkeypatch.setattr(course, "_reexec_in_local_venv", reexec)
    monkeypatch.setattr(course, "_install_requirements", must_not_run)
    with pytest.raises(SystemExit, match="re-exec in .venv"):
        course.main()
    assert "conda's base environment is active" in capsys.readouterr().out


def test_audit_runs_tools_audit_with_the_arguments(monkeypatch):
    calls = []
    monkeypatch.setattr(course, "_ensure_chromium", lambda: None)
    monkeypatch.setattr(course.subprocess, "call", lambda command, cwd: calls.append((command, cwd)) or 0)
    assert course.COMMANDS["audit"](["--json", "a.json"]) == 0
    assert calls == [([sys.executable, str(REPO / "tools" / "audit.py"), "--json", "a.json"], REPO)]


# --- lab: command, environment, address -----------------------------------------------------


def test_lab_command_opens_lesson_00_and_passes_extra_arguments():
    command = course.lab_command(["--port=9999"], as_root=False)
    assert command[:4] == [sys.executable, "-m", "jupyterlab", course.FIRST_NOTEBOOK]
    assert command[-1] == "--port=9999" and "--allow-root" not in command
    assert "--allow-root" in course.lab_command([], as_root=True)


def test_lab_environment_puts_the_course_config_first(tmp_path):
    env = course.lab_environment({"HOME": "/home/x"}, config=tmp_path)
    assert env["JUPYTER_CONFIG_PATH"] == str(tmp_path) and env["HOME"] == "/home/x"
    env = course.lab_environment({"JUPYTER_CONFIG_PATH": "/site/jupyter"}, config=tmp_path)
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(tmp_path), "/site/jupyter"]


INFO = {"url": "http://localhost:8890/", "token": "abc123", "root_dir": str(REPO)}


def test_lesson_url_from_the_repository_root():
    assert course.lesson_url(INFO) == (
        "http://localhost:8890/lab/tree/notebooks/00-start-here.ipynb?token=abc123"
    )


def test_lesson_url_when_jupyter_serves_the_notebook_folder():
    # `jupyter lab notebooks/00-start-here.ipynb` makes notebooks/ the root directory.
    info = dict(INFO, root_dir=str(REPO / "notebooks"), token="")
    assert course.lesson_url(info) == "http://localhost:8890/lab/tree/00-start-here.ipynb"


def test_lesson_url_keeps_a_base_url_and_quotes_the_path(tmp_path):
    (tmp_path / "my course").mkdir()
    info = {"url": "http://host:8000/user/ann/", "token": "t", "root_dir": str(tmp_path)}
    url = course.lesson_url(info, notebook="my course/00.ipynb", repo=tmp_path)
    assert url == "http://host:8000/user/ann/lab/tree/my%20course/00.ipynb?token=t"


def test_lesson_url_is_none_when_lesson_00_is_outside_the_served_folder(tmp_path):
    assert course.lesson_url(dict(INFO, root_dir=str(tmp_path))) is None


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = 0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds
        self.sleeps += 1


def test_wait_for_server_info_reads_the_file_once_it_is_complete(tmp_path):
    clock = FakeClock()
    path = tmp_path / "jpserver-42.json"

    def sleep(seconds):
        clock.sleep(seconds)
        if clock.sleeps == 2:
            path.write_text('{"url": "http://loc')  # half written: read again later
        if clock.sleeps == 3:
            path.write_text(json.dumps(INFO))

    info = course.wait_for_server_info(42, tmp_path, lambda: True, clock=clock, sleep=sleep)
    assert info == INFO and clock.sleeps == 3


def test_wait_for_server_info_gives_up_when_the_server_stops_or_is_slow(tmp_path):
    clock = FakeClock()
    assert course.wait_for_server_info(42, tmp_path, lambda: False, clock=clock, sleep=clock.sleep) is None
    info = course.wait_for_server_info(42, tmp_path, lambda: True, timeout=5, clock=clock, sleep=clock.sleep)
    assert info is None and clock.now >= 5


# --- the shipped setting ----------------------------------------------------------------------


def test_the_shipped_setting_turns_the_news_question_off():
    overrides = json.loads(SHIPPED.read_text())
    assert overrides == {NEWS_PLUGIN: {"fetchNews": "false", "checkForUpdates": False}}
    assert course.JUPYTER_CONFIG == REPO / "jupyter-config"


def test_jupyterlab_reads_the_shipped_setting_through_jupyter_config_path(monkeypatch, tmp_path):
    """jupyterlab_server merges labconfig/default_setting_overrides.d/*.json from every config dir."""
    settings_utils = pytest.importorskip("jupyterlab_server.settings_utils")
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    if not (schemas / "@jupyterlab" / "apputils-extension" / "notification.json").exists():
        pytest.skip(f"JupyterLab's schemas are not in {schemas}")
    for name, value in course.lab_environment({}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "config"))  # not this machine's ~/.jupyter
    result, _warnings = settings_utils.get_settings(
        str(tmp_path / "app-settings"), str(schemas), str(tmp_path / "user-settings"), schema_name=NEWS_PLUGIN
    )
    properties = result["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false"
    assert "false" in [option["const"] for option in properties["fetchNews"]["oneOf"]]  # a valid value
    assert properties["checkForUpdates"]["default"] is False


# --- the first screen in a real browser -------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
TOASTS = ".Toastify__toast"


def _require_chromium():
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Python playwright is missing: pip install -e '.[browser]'"
    if reason and os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    if reason:
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.browser
def test_first_screen_is_lesson_00_without_the_news_question(tmp_path):
    """`course.py lab`'s command, environment and printed address, in Chromium at 1280x800."""
    _require_chromium()
    from playwright.sync_api import expect, sync_playwright

    (tmp_path / "notebooks").mkdir()
    shutil.copy(REPO / course.FIRST_NOTEBOOK, tmp_path / course.FIRST_NOTEBOOK)
    env = course.lab_environment(os.environ)
    for name in ("CONFIG_DIR", "RUNTIME_DIR"):  # nothing from this machine's ~/.jupyter
        env[f"JUPYTER_{name}"] = str(tmp_path / name.lower())
    env["JUPYTERLAB_SETTINGS_DIR"] = str(tmp_path / "user-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp_path / "workspaces")
    command = course.lab_command(
        [f"--port={_free_port()}", "--ServerApp.port_retries=0", "--no-browser"], as_root=True
    )
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        info = course.wait_for_server_info(
            server.pid, tmp_path / "runtime_dir", lambda: server.poll() is None, timeout=60
        )
        assert info, (tmp_path / "server.log").read_text(errors="replace")[-2000:]
        url = course.lesson_url(info, repo=tmp_path)
        assert url and "/lab/tree/00-start-here.ipynb?token=" in url
        with urllib.request.urlopen(f"{info['url']}api/status?token={info['token']}", timeout=10):
            pass
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless=new", "--no-sandbox", "--disable-gpu"]
            )
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(url)
                notebook = page.locator(".jp-NotebookPanel")
                expect(notebook.locator("h1").first).to_contain_text("Start here", timeout=60000)
                expect(page.locator(".jp-StatusBar-Widget", has_text="Idle").first).to_be_visible(timeout=60000)
                # Without the setting the question shows about as soon as the notebook does; allow more.
                page.wait_for_timeout(2500)
                assert page.locator(TOASTS).all_inner_texts() == []
                expect(page.locator(".lm-DockPanel .lm-TabBar-tab.lm-mod-current")).to_have_text(
                    "00-start-here.ipynb"
                )
                assert page.locator(".jp-Launcher").count() == 0
                artifacts = REPO / "test-artifacts"
                artifacts.mkdir(exist_ok=True)
                page.screenshot(path=str(artifacts / "first-screen-1280x800.png"))
            finally:
                browser.close()
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def test_the_suite_runs_on_one_worker_per_core_keeping_each_file_together():
    command = course.test_command([], cpus=2)
    assert command[1:] == ["-m", "pytest", "-n", "2", "--dist", "loadfile"]
    assert course.test_command(["-x"], cpus=64)[3:6] == ["-n", str(course.MAX_TEST_WORKERS), "--dist"]


def test_one_core_or_the_learners_own_worker_choice_means_no_added_workers():
    assert course.test_command(["-x"], cpus=1)[1:] == ["-m", "pytest", "-x"]
    assert course.test_command(["-n", "3"], cpus=2)[1:] == ["-m", "pytest", "-n", "3"]
    assert course.test_command(["-p", "no:xdist"], cpus=2)[1:] == ["-m", "pytest", "-p", "no:xdist"]
    assert course.test_command([], cpus=None)[1:] == ["-m", "pytest"]
