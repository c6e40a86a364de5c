"""Offline: once installed, no notebook and no `import hipcontent...` reaches for the network.

How it is proved. Every notebook is run (nbclient, one fresh kernel each) and every hipcontent
module is imported, in a child process that has:

1. a socket guard, loaded at interpreter start (a `sitecustomize` put first on PYTHONPATH, so
   the kernels inherit it): a `sys.addaudithook` hook that refuses and records every connect,
   send or DNS lookup aimed anywhere but loopback or a unix socket. Recording means a notebook
   that swallows the error is still caught;
2. where `unshare -n` works (Linux, as root; CI runs so), a network namespace of its own with
   only the loopback interface up, so even calls that bypass Python's socket module cannot
   leave the machine.

The kernel talks to its client over loopback TCP, which both layers allow. The deliberately
bad notebooks below show that the test fails when a notebook does try a network call.

This file is also the child process: `python tests/test_offline.py RESULT.json NOTEBOOK...`.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
LOG_VARIABLE = "HIPCONTENT_NETWORK_LOG"

GUARD = textwrap.dedent(
    '''
    """Test-only socket guard (written by tests/test_offline.py): loopback and unix sockets only."""
    import ipaddress
    import os
    import socket
    import sys

    _LOCAL_NAMES = {None, "", "localhost", "localhost.localdomain", "ip6-localhost"}


    def _is_local_host(host):
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if host in _LOCAL_NAMES:
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False


    def _is_local_address(sock, address):
        if getattr(sock, "family", None) not in (socket.AF_INET, socket.AF_INET6):
            return True  # unix sockets, netlink: never leave the machine
        host = address[0] if isinstance(address, tuple) and address else address
        return _is_local_host(host)


    def _hook(event, args):
        if not event.startswith("socket."):
            return
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            sock, address = args[0], args[1]
            if address is None or _is_local_address(sock, address):
                return
            target = address
        elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
            if _is_local_host(args[0]):
                return
            target = args[0]
        else:
            return
        record = f"{event} {target!r}"
        log = os.environ.get("''' + LOG_VARIABLE + '''")
        if log:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(record + "\\n")
        raise PermissionError(f"offline test: network call refused: {record}")


    sys.addaudithook(_hook)
    '''
)


# --- the child process ------------------------------------------------------------------------


def _attempts(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def _import_every_module() -> str | None:
    import importlib
    import pkgutil

    import hipcontent

    for module in sorted(info.name for info in pkgutil.walk_packages(hipcontent.__path__, "hipcontent.")):
        try:
            importlib.import_module(module)
        except Exception as error:  # an import that fails is a failure too, named
            return f"import {module}: {type(error).__name__}: {error}"
    for name in hipcontent.__all__:  # the lazy exports resolve without the network as well
        getattr(hipcontent, name)
    return None


def _child(result_path: str, *notebook_paths: str) -> int:
    import nbformat
    from nbclient import NotebookClient

    logs = Path(result_path).parent
    results = {}
    os.environ[LOG_VARIABLE] = str(logs / "imports.log")
    results["import hipcontent"] = {"error": _import_every_module(), "attempts": _attempts(logs / "imports.log")}
    for index, notebook_path in enumerate(map(Path, notebook_paths)):
        log = logs / f"notebook-{index}.log"
        os.environ[LOG_VARIABLE] = str(log)  # the kernel started below inherits it
        notebook = nbformat.read(notebook_path, as_version=4)
        client = NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=300,
            record_timing=False,
            resources={"metadata": {"path": str(notebook_path.parent)}},
        )
        try:
            client.execute()
            error = None
        except Exception as failure:
            error = f"{type(failure).__name__}: {str(failure)[-600:]}"
        results[notebook_path.name] = {"error": error, "attempts": _attempts(log)}
    Path(result_path).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


# --- the test side ------------------------------------------------------------------------------


@functools.cache
def network_namespace_available() -> bool:
    """True when `unshare -n` can give a child its own network namespace with loopback up."""
    if not (shutil.which("unshare") and shutil.which("ip")):
        return False
    probe = subprocess.run(
        ["unshare", "--net", "--", "ip", "link", "set", "lo", "up"], capture_output=True, timeout=30
    )
    return probe.returncode == 0


def run_offline(notebook_paths, workdir: Path) -> dict:
    """Run the notebooks guarded (and namespaced when possible); {name: {"error", "attempts"}}."""
    guard_dir = workdir / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(guard_dir), env.get("PYTHONPATH")]))
    env.pop(LOG_VARIABLE, None)
    result = workdir / "result.json"
    command = [sys.executable, str(Path(__file__).resolve()), str(result), *map(str, notebook_paths)]
    if network_namespace_available():
        command = ["unshare", "--net", "--", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', *command]
    completed = subprocess.run(command, env=env, cwd=workdir, capture_output=True, text=True, timeout=1800)
    assert completed.returncode == 0 and result.exists(), f"offline runner failed:\n{completed.stderr[-3000:]}"
    return json.loads(result.read_text(encoding="utf-8"))


def _notebook(path: Path, *sources: str) -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(notebook, path)
    return path


def test_every_notebook_and_import_runs_without_the_network(tmp_path):
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert notebooks
    results = run_offline(notebooks, tmp_path)
    assert set(results) == {"import hipcontent", *(path.name for path in notebooks)}
    attempts = {name: result["attempts"] for name, result in results.items() if result["attempts"]}
    assert not attempts, f"network calls were attempted: {attempts}"
    errors = {name: result["error"] for name, result in results.items() if result["error"]}
    assert not errors, f"failed without the network: {errors}"


@pytest.fixture(scope="module")
def deliberate(tmp_path_factory):
    """Three small notebooks run offline in one go: one hides its network calls, one needs the
    network, one uses loopback only (allowed: the kernel itself talks over loopback)."""
    folder = tmp_path_factory.mktemp("deliberate")
    notebooks = [
        _notebook(
            folder / "hides.ipynb",
            "import urllib.request\ntry:\n    urllib.request.urlopen('http://example.org/', timeout=3)\nexcept Exception:\n    pass",
            "import socket\ntry:\n    socket.socket().connect(('192.0.2.1', 80))\nexcept OSError:\n    pass",
        ),
        _notebook(folder / "needs.ipynb", "import urllib.request\nurllib.request.urlopen('https://example.org/', timeout=3)"),
        _notebook(
            folder / "loopback.ipynb",
            "import socket\nserver = socket.create_server(('127.0.0.1', 0))\n"
            "socket.create_connection(server.getsockname(), timeout=3).close()",
        ),
    ]
    return run_offline(notebooks, folder)


def test_a_notebook_that_tries_the_network_is_caught_even_when_it_hides_the_error(deliberate):
    result = deliberate["hides.ipynb"]
    assert result["error"] is None  # the notebook hid the failure...
    attempts = result["attempts"]  # ...but the guard recorded both attempts
    assert any("getaddrinfo" in attempt and "example.org" in attempt for attempt in attempts), attempts
    assert any("socket.connect" in attempt and "192.0.2.1" in attempt for attempt in attempts), attempts


def test_a_notebook_that_needs_the_network_fails(deliberate):
    result = deliberate["needs.ipynb"]
    assert result["error"] and "CellExecutionError" in result["error"]
    assert result["attempts"]


def test_loopback_is_allowed(deliberate):
    assert deliberate["loopback.ipynb"] == {"error": None, "attempts": []}


def test_the_network_namespace_has_no_route_out():
    """Outside Python's socket module (here: a Python started without the guard) nothing gets out."""
    if not network_namespace_available():
        pytest.skip("unshare -n is not available here (needs Linux and root); the socket guard still runs")
    probe = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=3)\nexcept OSError as e:\n    print(e.errno)"
    completed = subprocess.run(
        ["unshare", "--net", "--", sys.executable, "-I", "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert completed.stdout.strip() == str(errno.ENETUNREACH), completed


if __name__ == "__main__":
    sys.exit(_child(*sys.argv[1:]))
