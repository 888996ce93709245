"""The services and the command line start without Qt, aiohttp or the simulator (DESIGN.md
section 4): those load only when the offline profile runs, or a simulator or relay command does.

Each check runs a fresh interpreter and reads what it imported (``sys.modules`` as the program
ends, printed on a file descriptor of its own), so nothing imported by this test process counts.
(``-X importtime`` would not do: it does not list a module a package imports in its PEP 562
``__getattr__``, as ``ledger`` and ``services`` do.)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from mpesa_desktop.config import ConfigStore, new_profile
from mpesa_desktop.paths import app_paths

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("aiohttp", "mpesa_desktop.simulator", "mpesa_desktop.relay.embedded", "PySide6")


# Runs ``-c CODE`` or ``-m MODULE ARGS...`` as python would, then writes the names in
# sys.modules to the file named by the first argument (the program's own output is left alone).
PROBE = """
import atexit, runpy, sys
out, how, what, *rest = sys.argv[1:]
atexit.register(lambda: open(out, "w").write("\\n".join(sys.modules)))
sys.argv = [what, *rest]
if how == "-c":
    exec(compile(what, "<string>", "exec"), {"__name__": "__main__"})
else:
    runpy.run_module(what, run_name="__main__", alter_sys=True)
"""


def imported(*args: str) -> set[str]:
    """Every module a fresh ``python ARGS`` (``-c CODE`` or ``-m MODULE ...``) has imported when
    it ends (it must exit 0)."""
    out = Path(tempfile.mkstemp(prefix="modules-")[1])
    try:
        done = subprocess.run([sys.executable, "-c", PROBE, str(out), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        return set(out.read_text().splitlines())
    finally:
        out.unlink()


def heavy(modules: set[str]) -> set[str]:
    return {name for name in modules
            if any(name == package or name.startswith(f"{package}.") for package in HEAVY)}


def test_importing_the_services_loads_no_server_and_no_qt():
    modules = imported("-c", "from mpesa_desktop.services import AppServices")
    assert "mpesa_desktop.services.app_services" in modules  # the check sees what it imports
    assert heavy(modules) == set()


def test_a_command_on_a_sandbox_profile_loads_no_server(app_home):
    ConfigStore(app_paths(app_home).ensure()).add(new_profile("sb", "sandbox"))
    for command in (["--help"], ["--profile", "sb", "log"], ["profile", "list"],
                    ["--profile", "sb", "export", "--out", str(app_home / "log.csv")]):
        modules = imported("-m", "mpesa_desktop", *command)
        assert "mpesa_desktop.cli" in modules
        assert heavy(modules) == set(), command


# What a command that only reads the config and the log never needs (issue 18: start fast).
NOT_FOR_READING = (*HEAVY, "requests", "keyring", "cryptography", "asyncio",
                   "mpesa_desktop.services.app_services", "mpesa_desktop.daraja.client")


def test_paths_and_log_load_only_what_they_use(app_home):
    """``paths`` and ``log --limit 10`` on a fresh offline home: neither Qt, aiohttp nor the
    simulator, and no HTTP client, keyring or cryptography either (nothing is sent or signed);
    ``paths`` does not even open the log."""
    for command in (["paths"], ["log", "--limit", "10"], ["--profile", "offline", "log"]):
        modules = imported("-m", "mpesa_desktop", *command)
        assert "mpesa_desktop.cli" in modules
        loaded = {name for name in modules if any(
            name == package or name.startswith(f"{package}.") for package in NOT_FOR_READING)}
        assert loaded == set(), command
    assert "mpesa_desktop.ledger.reads" not in imported("-m", "mpesa_desktop", "paths")
    assert "mpesa_desktop.ledger.reads" in imported("-m", "mpesa_desktop", "log")


def test_the_offline_profile_loads_its_simulator_when_it_runs(app_home):
    modules = imported("-m", "mpesa_desktop", "--profile", "offline", "balance", "--json")
    assert {"aiohttp", "mpesa_desktop.simulator", "mpesa_desktop.relay.embedded"} <= modules
    assert "PySide6" not in modules
