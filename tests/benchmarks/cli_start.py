"""Benchmark: the command line's cold start, against a bare interpreter and the sqlite3 CLI.

    python -m tests.benchmarks.cli_start [-n N] [--rows ROWS]

Runs, N times each and interleaved (so load from other processes falls on all alike), in fresh
interpreters, with bytecode written and used as an installed copy would (a warm-up run first):

- on a fresh home: ``python -c pass`` (the baseline), ``mpesa-desktop --help``, ``paths`` and
  ``log --limit 10`` (the empty offline log); acceptance (issue 18): ``paths`` and
  ``log --limit 10`` at most 6x ``python -c pass``;
- on a home whose offline log has ROWS demo rows (default 100,000): ``log --limit 10`` against
  the ``sqlite3`` CLI running the same two queries (the page and its count and total) on the
  same file, when the ``sqlite3`` CLI is installed.

Prints each median and its ratio to the baseline, and which heavy packages each command loaded
(aiohttp, the simulator, Qt, requests, keyring, cryptography: none of them for these commands).
Nothing is asserted here: timings go in a benchmark, not a test (``tests/test_lazy_imports.py``
asserts what is loaded).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mpesa_desktop.ledger import queries
from mpesa_desktop.ledger.reads import SELECT_TRANSACTION

HEAVY = ("aiohttp", "mpesa_desktop.simulator", "PySide6", "requests", "keyring", "cryptography")
BUDGET = 6.0  # x python -c pass, for paths and log --limit 10
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


def app(python: str, home: Path, *args: str) -> list[str]:
    return [python, "-m", "mpesa_desktop", "--home", str(home), *args]


def sqlite_script() -> str:
    """What ``log --limit 10`` asks of the log, with no filter, as one sqlite3 CLI script."""
    page, _ = queries.page_sql(SELECT_TRANSACTION, None, None, 10, amount_index=False,
                               text_index=False, sort_index=True)
    summary, _ = queries.summary_sql(None)
    return f"{page.replace(':limit', '10').replace(':offset', '0')};\n{summary};\n"


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def loaded(argv: list[str], env: dict[str, str]) -> str:
    """Which of ``HEAVY`` the command loads (the app's commands only)."""
    if "mpesa_desktop" not in argv:
        return ""
    probe = [argv[0], "-c", PROBE, *argv[argv.index("mpesa_desktop") + 1:]]
    done = subprocess.run(probe, env=env, capture_output=True, text=True, check=False)
    lines = [line for line in done.stderr.splitlines() if line.startswith("loaded:")]
    return lines[-1] if lines else f"? (exit {done.returncode})"


def measure(runs: dict[str, list[str]], env: dict[str, str], n: int) -> dict[str, float]:
    for argv in runs.values():  # warm the file cache and write the bytecode
        run_once(argv, env)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(n):
        for name, argv in runs.items():
            times[name].append(run_once(argv, env))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each command (15)")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the big log (100,000)")
    args = parser.parse_args()
    python = sys.executable
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    with tempfile.TemporaryDirectory() as fresh, tempfile.TemporaryDirectory() as big:
        subprocess.run(app(python, Path(big), "demo-data", "--rows", str(args.rows)), env=env,
                       check=True, stdout=subprocess.DEVNULL)
        log_file = subprocess.run(app(python, Path(big), "paths"), env=env, check=True,
                                  capture_output=True, text=True).stdout
        ledger = next(line.split(None, 2)[2] for line in log_file.splitlines()
                      if line.startswith("log offline:"))
        runs = {
            "python -c pass": [python, "-c", "pass"],
            "mpesa-desktop --help": app(python, Path(fresh), "--help"),
            "mpesa-desktop paths": app(python, Path(fresh), "paths"),
            "mpesa-desktop log --limit 10": app(python, Path(fresh), "log", "--limit", "10"),
            f"log --limit 10 ({args.rows:,} rows)": app(python, Path(big), "log", "--limit",
                                                         "10"),
        }
        sqlite3 = shutil.which("sqlite3")
        if sqlite3:
            runs[f"sqlite3 CLI ({args.rows:,} rows)"] = [sqlite3, ledger, sqlite_script()]
        medians = measure(runs, env, args.n)
        bare = medians["python -c pass"]
        print(f"cold start, median of {args.n} interleaved runs ({Path(python).name}, "
              f"{os.cpu_count()} CPUs)")
        print(f"{'command':<34} {'median':>9} {'x pass':>8}  loads")
        for name, argv in runs.items():
            print(f"{name:<34} {medians[name] * 1000:7.1f}ms {medians[name] / bare:7.2f}x  "
                  f"{loaded(argv, env)}")
        for name in ("mpesa-desktop paths", "mpesa-desktop log --limit 10"):
            ratio = medians[name] / bare
            print(f"{name}: {ratio:.2f}x python -c pass (budget {BUDGET:g}x): "
                  f"{'within' if ratio <= BUDGET else 'OVER'}")
        if sqlite3:
            ratio = medians[f"log --limit 10 ({args.rows:,} rows)"] / medians[
                f"sqlite3 CLI ({args.rows:,} rows)"]
            print(f"log --limit 10 on {args.rows:,} rows: {ratio:.2f}x the sqlite3 CLI")
        else:
            print("sqlite3 CLI not installed: no comparison with it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
