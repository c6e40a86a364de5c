"""Real-browser fixtures: a throwaway JupyterLab server and Debian's headless Chromium.

Use them in any test marked `@pytest.mark.browser`:

    def test_something(lab):
        lab.open("05-timers.ipynb")   # a temporary copy; the repository's notebooks are never touched
        lab.run_all()                 # every code cell has run and the kernel is idle
        lab.page.locator(".my-widget-class").click()

`lab_server` (one per test session) serves a temporary copy of `notebooks/` on 127.0.0.1 at a free
port with no token, fresh workspaces and settings (no news toast, no notebook windowing), and
`expose_app_in_browser` so tests can reach `window.jupyterapp`. `chromium` (one per session) is
/usr/bin/chromium driven by Python Playwright; nothing is downloaded. When /usr/bin/chromium is
missing the tests are skipped, unless the environment variable CI is set: then they fail, because
CI must run them. On failure a screenshot and the browser console go to `test-artifacts/`.
Server, kernels and browser are stopped at the end of the session.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SERVER_START_TIMEOUT = 90  # seconds

KERNEL_IDLE = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle'; }"""
ALL_RUN = """() => { const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  for (let i = 0; i < cells.length; i++) { const c = cells.get(i);
    if (c.type === 'code' && c.executionCount == null) return false; }
  return w.sessionContext.session.kernel.status === 'idle'; }"""
CELL_STATES = """() => { const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  const counts = []; for (let i = 0; i < cells.length; i++) { const c = cells.get(i);
    if (c.type === 'code') counts.push(c.executionCount); }
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return {kernel: k ? k.status : null, execution_counts: counts}; }"""
# Shared by the tests that drive one notebook cell by cell (see Lab.run_cell and friends).
RUN_CELL = """index => { const w = window.jupyterapp.shell.currentWidget; w.content.activeCellIndex = index;
  void window.jupyterapp.commands.execute('notebook:run-cell'); }"""
ASK_KERNEL = """async (expression) => { const w = window.jupyterapp.shell.currentWidget;
  const reply = await w.sessionContext.session.kernel.requestExecute({code: '', silent: true,
    user_expressions: {x: expression}}).done;
  return reply.content.user_expressions.x.data['text/plain']; }"""
NOTEBOOK_PLACE = """() => { const w = window.jupyterapp.shell.currentWidget;
  const scroller = w.content.node.closest('.jp-WindowedPanel-outer') || w.content.node;
  return {scroll: scroller.scrollTop, active: w.content.activeCellIndex, cells: w.content.model.cells.length,
          mode: w.content.mode}; }"""

# Settings for a quiet, predictable JupyterLab in tests.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

SERVER_CONFIG = """\
# Written by tests/browser/conftest.py, in the style of jupyterlab.galata.configure_jupyter_server.
from pathlib import Path
import jupyterlab.galata

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = {port}
c.ServerApp.port_retries = 0
c.ServerApp.open_browser = False
c.ServerApp.root_dir = {root!r}
c.ServerApp.allow_root = True
c.ServerApp.password = ""
c.IdentityProvider.token = ""
c.ServerApp.disable_check_xsrf = True
c.LabApp.expose_app_in_browser = True
c.LabApp.workspaces_dir = {workspaces!r}
c.LabServerApp.extra_labextensions_path = str(Path(jupyterlab.galata.__file__).parent)
"""


def require_chromium() -> None:
    """Skip (or, under CI, fail) when the browser cannot run."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Python playwright is missing: pip install -e '.[browser]'"
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    base_url: str
    root_dir: Path
    process: subprocess.Popen
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        """Stop the server and its kernels (they share its process group)."""
        if self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        try:  # kernels that outlived the server in the same group
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """JupyterLab on 127.0.0.1 serving a temporary copy of notebooks/."""
    require_chromium()
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "notebooks"
    shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    workspaces = base / "workspaces"
    settings = base / "settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port = _free_port()
    config = base / "jupyter_server_test_config.py"
    config.write_text(SERVER_CONFIG.format(port=port, root=str(root), workspaces=str(workspaces)))
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(workspaces),
        PYTHONUNBUFFERED="1",
    )
    log_path = base / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", f"--config={config}"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: one signal stops server and kernels
        )
    server = LabServer(f"http://127.0.0.1:{port}", root, process, log_path)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n{server.log_tail()}")
            try:
                with urllib.request.urlopen(f"{server.base_url}/api/status", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")
            time.sleep(0.25)
        yield server
    finally:
        server.stop()


# Module scope, not session: Playwright's sync API keeps an asyncio loop running on the main
# thread while it is started, which would break every later test that calls asyncio.run().
@pytest.fixture(scope="module")
def chromium():
    """Headless Debian Chromium via Python Playwright (no browser download)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@dataclass
class Lab:
    """One browser page on the test JupyterLab, with helpers to open and run notebooks."""

    page: object
    server: LabServer
    console: list[str] = field(default_factory=list)

    def open(self, notebook: str, timeout: float = 90) -> None:
        """Open a notebook (from the server's copy) and wait until its kernel is idle."""
        self.page.goto(f"{self.server.base_url}/lab/tree/{notebook}?reset")
        self.page.wait_for_function(KERNEL_IDLE, timeout=timeout * 1000)

    def wait_idle(self, timeout: float = 60) -> None:
        """Wait until the current notebook's kernel is idle."""
        self.page.wait_for_function(KERNEL_IDLE, timeout=timeout * 1000, polling=100)

    def run_all(self, timeout: float = 180) -> None:
        """Run every cell; return when each code cell has an execution count and the kernel is idle."""
        # Not awaited on purpose: awaiting commands.execute inside evaluate has hung before.
        self.page.evaluate("() => { void window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        try:
            self.page.wait_for_function(ALL_RUN, timeout=timeout * 1000, polling=250)
        except Exception as error:
            raise AssertionError(f"not every cell ran within {timeout} s: {self.cell_states()}") from error

    ASK_KERNEL = ASK_KERNEL  # for a page.wait_for_function expression that asks the kernel

    def run_cell(self, index: int) -> None:
        """Run the current notebook's cell `index` (not awaited, like run_all)."""
        self.page.evaluate(RUN_CELL, index)

    def ask_kernel(self, expression: str) -> str:
        """The text/plain repr of a Python expression evaluated silently in the notebook's kernel."""
        return self.page.evaluate(ASK_KERNEL, expression)

    def notebook_place(self) -> dict:
        """Scroll position, active cell, cell count and mode: what a stray key would change."""
        return self.page.evaluate(NOTEBOOK_PLACE)

    def cell_states(self) -> dict:
        """Kernel status and each code cell's execution count (None: not run), for error messages."""
        return self.page.evaluate(CELL_STATES)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        (ARTIFACTS / f"{name}.console.txt").write_text("\n".join(self.console) + "\n")
        return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def lab(request, lab_server, chromium):
    """A fresh browser context and page on the test server; screenshot on failure."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    helper = Lab(page, lab_server)
    page.on("console", lambda message: helper.console.append(f"{message.type}: {message.text}"))
    try:
        yield helper
    finally:
        report = getattr(request.node, "report_call", None)
        if report is None or report.failed:
            safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in request.node.name)
            try:
                helper.screenshot(safe)
            except Exception as error:  # the page may be gone; the failure itself is what matters
                print(f"could not save a screenshot: {error}", file=sys.stderr)
        context.close()
