"""The services and the command line start without Qt, aiohttp or the simulator (DESIGN.md
section 4): those load only when the offline profile runs, or a simulator or relay command does.

Each check runs a fresh interpreter and reads what it imported (``-X importtime`` lists every
module an interpreter imports, on stderr), so nothing imported by this test process counts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mpesa_desktop.config import ConfigStore, new_profile
from mpesa_desktop.paths import app_paths

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("aiohttp", "mpesa_desktop.simulator", "mpesa_desktop.relay.embedded", "PySide6")


def imported(*args: str) -> set[str]:
    """Every module a fresh ``python -X importtime ARGS`` imports (it must exit 0)."""
    done = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


def heavy(modules: set[str]) -> set[str]:
    return {name for name in modules
            if any(name == package or name.startswith(f"{package}.") for package in HEAVY)}


def test_importing_the_services_loads_no_server_and_no_qt():
    modules = imported("-c", "import mpesa_desktop.services")
    assert "mpesa_desktop.services.app_services" in modules  # the check sees what it imports
    assert heavy(modules) == set()


def test_a_command_on_a_sandbox_profile_loads_no_server(app_home):
    ConfigStore(app_paths(app_home).ensure()).add(new_profile("sb", "sandbox"))
    for command in (["--help"], ["--profile", "sb", "log"], ["profile", "list"],
                    ["--profile", "sb", "export", "--out", str(app_home / "log.csv")]):
        modules = imported("-m", "mpesa_desktop", *command)
        assert "mpesa_desktop.cli" in modules
        assert heavy(modules) == set(), command


def test_the_offline_profile_loads_its_simulator_when_it_runs(app_home):
    modules = imported("-m", "mpesa_desktop", "--profile", "offline", "balance", "--json")
    assert {"aiohttp", "mpesa_desktop.simulator", "mpesa_desktop.relay.embedded"} <= modules
    assert "PySide6" not in modules
