"""The processes of the fault soak (``tests/soak_support.py``): the simulator server and the
clerks.

- ``SimulatorProcess``: ``mpesa-desktop simulator --port 0`` in a process of its own, its faults,
  scenarios and books reached through its admin API.
- ``ClerkFarm`` starts clerks: each clerk is a process of its own running ``mpesa-desktop ARGV``
  (``cli.main``), killed with SIGKILL by its pid. Hundreds are needed, and importing the app
  costs about half a second of CPU, so the farm imports it once in a process (no thread, no
  file, no socket open) that forks one child per clerk, as a fork server does. A child waits at
  its own named pipe for ``go``, so a kill lands in the command itself and two clerks can start
  at the same moment; the farm reaps the children and reports their exit codes.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import requests

B2C_PATH = "/mpesa/b2c/v3/paymentrequest"

# The fork server: one JSON request a line on standard input -> a forked clerk; prints
# {"spawned": id, "pid": pid} and, when a clerk ends, {"exit": pid, "code": code}.
FARM = r"""
import json, os, select, sys, threading, traceback
from mpesa_desktop.cli import main

assert threading.active_count() == 1, "the app started a thread at import: cannot fork safely"

def clerk(request):
    code = 1
    try:
        for fd, path in ((1, request["out"]), (2, request["err"])):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.environ.update(request["env"])
        with open(request["go"]) as go:
            go.readline()
        code = main(request["argv"])
    except SystemExit as ended:
        code = ended.code if isinstance(ended.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

def report(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()

children, pending = 0, b""
while True:
    ready, _, _ = select.select([0], [], [], 0.005)
    if ready:
        chunk = os.read(0, 1 << 16)
        if not chunk:
            break
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                clerk(request)
            children += 1
            report({"spawned": request["id"], "pid": pid})
    while children:
        pid, status = os.waitpid(-1, os.WNOHANG)
        if not pid:
            break
        children -= 1
        report({"exit": pid, "code": os.waitstatus_to_exitcode(status)})
while children:
    pid, status = os.waitpid(-1, 0)
    children -= 1
    report({"exit": pid, "code": os.waitstatus_to_exitcode(status)})
"""


class SimulatorProcess:
    """``mpesa-desktop simulator --port 0`` in a process of its own, driven by its admin API."""

    def __init__(self, directory: Path, callback_delay: float):
        self.log_path = directory / "simulator.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed by stop()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "mpesa_desktop", "simulator", "--port", "0",
             "--callback-delay", str(callback_delay)],
            stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self._http = requests.Session()
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for word in self.log_path.read_text().split():
                if word.startswith("http://127.0.0.1:"):
                    return word
            if self._process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the simulator did not start: {self.log_path.read_text()}")

    def _post(self, path: str, body: dict) -> dict:
        answer = self._http.post(f"{self.url}/admin/{path}", json=body, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def fault(self, kind: str, count: int = 1, seconds: float = 0.0,
              path: str | None = B2C_PATH) -> None:
        self._post("fault", {"kind": kind, "count": count, "seconds": seconds, "path": path})

    def clear_faults(self) -> None:
        self._post("fault", {"clear": True})

    def scenario(self, phone: str, name: str) -> None:
        self._post("scenario", {"scenario": name, "phone": phone})

    def transactions(self) -> list[dict]:
        """What it executed (``GET /admin/transactions``)."""
        answer = self._http.get(f"{self.url}/admin/transactions", timeout=30)
        answer.raise_for_status()
        return answer.json()

    def stop(self) -> None:
        self._http.close()
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()


class ClerkFarm:
    """Forks clerks from one process that has imported the app (see the module docstring)."""

    def __init__(self, directory: Path, env: dict[str, str]):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._spawned: dict[int, Future[int]] = {}
        self._exits: dict[int, Future[int]] = {}
        self._count = 0
        self._process = subprocess.Popen(
            [sys.executable, "-c", FARM], env=env, text=True, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE)
        self._reader = threading.Thread(target=self._read, name="clerk-farm", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self._process.stdout:
            message = json.loads(line)
            with self._lock:
                if "spawned" in message:
                    self._spawned.pop(message["spawned"]).set_result(message["pid"])
                else:
                    self._exit_of(message["exit"]).set_result(message["code"])

    def _exit_of(self, pid: int) -> Future[int]:
        return self._exits.setdefault(pid, Future())

    def clerk(self, argv: list[str], env: dict[str, str]) -> Clerk:
        """A new clerk for ``mpesa-desktop ARGV`` with ``env`` added to its environment."""
        with self._lock:
            self._count += 1
            number = self._count
            spawned: Future[int] = Future()
            self._spawned[number] = spawned
        files = {name: str(self.directory / f"{number}.{name}") for name in ("go", "out", "err")}
        os.mkfifo(files["go"])
        request = {"id": number, "argv": argv, "env": env, **files}
        with self._lock:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        pid = spawned.result(timeout=60)
        with self._lock:
            ended = self._exit_of(pid)
        return Clerk(argv, pid, ended, files)

    def close(self) -> None:
        """Kill the clerks still running (a broken run), then end the farm."""
        with self._lock:
            running = [pid for pid, ended in self._exits.items() if not ended.done()]
        for pid in running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._process.stdin.close()
        self._process.wait(timeout=120)
        self._reader.join(timeout=30)
        self._process.stdout.close()


class Clerk:
    """One forked ``mpesa-desktop`` command, waiting for ``go`` at its named pipe."""

    def __init__(self, argv: list[str], pid: int, ended: Future[int], files: dict[str, str]):
        self.argv = argv
        self.pid = pid
        self.started = 0.0
        self._ended = ended
        self._files = files
        self._go: int | None = None

    def ready(self) -> Clerk:
        """Wait until it waits for ``go`` (its pipe has a reader)."""
        deadline = time.monotonic() + 60
        while self._go is None:
            try:
                self._go = os.open(self._files["go"], os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader yet
                if self._ended.done() or time.monotonic() > deadline:
                    raise RuntimeError(f"clerk {self.argv} did not start: "
                                       f"{self.finish(timeout=5)}") from None
                time.sleep(0.002)
        return self

    def go(self) -> None:
        assert self._go is not None, "ready() first"
        self.started = time.monotonic()
        os.write(self._go, b"go\n")
        os.close(self._go)

    def kill_after(self, delay: float) -> float | None:
        """SIGKILL it ``delay`` seconds after ``go``; when, or None if it ended first."""
        try:
            self._ended.result(timeout=max(0.0, self.started + delay - time.monotonic()))
            return None
        except TimeoutError:
            # Had it ended meanwhile, its pid would not be another's so soon.
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            after = time.monotonic() - self.started
        self.finish(timeout=30)
        return after

    def finish(self, timeout: float = 120.0) -> tuple[int, str, str]:
        """Wait for its end (killed after ``timeout``); exit code, output, errors."""
        note = ""
        try:
            code = self._ended.result(timeout=timeout)
        except TimeoutError:
            os.kill(self.pid, signal.SIGKILL)
            code = self._ended.result(timeout=30)
            note = f"\n(hung: killed after {timeout:g} s)"
        self.seconds = time.monotonic() - self.started
        out, err = (Path(self._files[name]).read_text(errors="replace") for name in ("out", "err"))
        for path in self._files.values():
            Path(path).unlink(missing_ok=True)
        return code, out, err + note
