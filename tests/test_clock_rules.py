"""The browser timer's pure rules (clock_rules.js: m:ss, the clock, paced reps, which picture shows)
under `node --test` (tests/js/clock_rules.test.mjs); skipped where node is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent / "js"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_pure_timer_rules_pass_under_node():
    result = subprocess.run(["node", "--test", str(TESTS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
