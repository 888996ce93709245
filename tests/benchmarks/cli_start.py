"""Benchmark: the command line's cold start, against bare interpreters started the same way.

    python -m tests.benchmarks.cli_start [-n N]

Runs, N times each and interleaved (so load from other processes falls on all alike), in fresh
interpreters on a temporary home:

- ``python -c pass`` and ``python -c "import requests"`` (the baselines);
- ``python -m mpesa_desktop --help``;
- ``python -m mpesa_desktop log`` (the active offline profile's log, empty);
- ``python -m mpesa_desktop --profile sb log`` (a sandbox profile's log).

Prints each median and its ratio to both baselines, and whether each command loaded aiohttp,
the simulator or Qt (DESIGN.md section 4: a command's cold start loads none of them unless the
offline profile runs). Nothing is asserted: timings go in a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("aiohttp", "mpesa_desktop.simulator", "PySide6")
# Runs a command in this interpreter, then says which heavy packages it loaded (on stderr).
PROBE = (
    "import runpy, sys\n"
    "sys.argv = ['mpesa-desktop', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('mpesa_desktop', run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    f"print('loaded:', ', '.join(m for m in {HEAVY!r} if m in sys.modules) or 'none',"
    " file=sys.stderr)\n"
)


def commands(python: str) -> dict[str, list[str]]:
    return {
        "python -c pass": [python, "-c", "pass"],
        "python -c 'import requests'": [python, "-c", "import requests"],
        "mpesa-desktop --help": [python, "-m", "mpesa_desktop", "--help"],
        "mpesa-desktop log (offline)": [python, "-m", "mpesa_desktop", "log"],
        "mpesa-desktop log (sandbox)": [python, "-m", "mpesa_desktop", "--profile", "sb", "log"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def loaded(argv: list[str], env: dict[str, str]) -> str:
    """Which of ``HEAVY`` the command loads (the CLI commands only)."""
    if "mpesa_desktop" not in argv:
        return ""
    probe = [argv[0], "-c", PROBE, *argv[argv.index("mpesa_desktop") + 1:]]
    done = subprocess.run(probe, env=env, capture_output=True, text=True, check=False)
    lines = [line for line in done.stderr.splitlines() if line.startswith("loaded:")]
    return lines[-1] if lines else f"? (exit {done.returncode})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each command (15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "MPESA_DESKTOP_HOME": home,
               "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        python = sys.executable
        subprocess.run([python, "-m", "mpesa_desktop", "profile", "add", "sb", "--kind",
                        "sandbox"], env=env, check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs = commands(python)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for argv in runs.values():  # warm the file cache and the bytecode
            run_once(argv, env)
        for _ in range(args.n):
            for name, argv in runs.items():
                times[name].append(run_once(argv, env))
        medians = {name: statistics.median(values) for name, values in times.items()}
        bare, requests_only = medians["python -c pass"], medians["python -c 'import requests'"]
        print(f"cold start, median of {args.n} runs ({Path(python).name}, {os.cpu_count()} CPUs)")
        print(f"{'command':<30} {'median':>9} {'x pass':>8} {'x requests':>11}  loads")
        for name, argv in runs.items():
            median = medians[name]
            print(f"{name:<30} {median * 1000:7.1f}ms {median / bare:7.2f}x "
                  f"{median / requests_only:10.2f}x  {loaded(argv, env)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
