"""README's rehearsal of a team ledger on one machine, run line by line as a reader would: each
line of the block after ``<!-- team rehearsal -->`` runs in bash, in a folder of its own, with a
real PostgreSQL server from the ``pgserver`` wheel and the ``mpesa-desktop`` command."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def rehearsal_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- team rehearsal -->\s*```\n(.*?)```", text, re.S)
    assert block, "README.md has no team rehearsal block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.slow
def test_the_team_rehearsal_runs_as_written(tmp_path):
    folder = tmp_path / "office"
    folder.mkdir()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONWARNINGS": "ignore"}  # platformdirs warns on a machine without XDG_RUNTIME_DIR
    env.pop("MPESA_DESKTOP_HOME", None)
    outputs = []
    try:
        for line in rehearsal_lines():
            done = subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, (line, done.stdout, done.stderr)
            outputs.append(done.stdout)
    finally:
        subprocess.run([sys.executable, "-c", "import pgserver; pgserver.get_server("
                        "'office-db', cleanup_mode='stop').cleanup()"], cwd=folder, env=env,
                       capture_output=True, timeout=60)
    copied = next(out for line, out in zip(rehearsal_lines(), outputs, strict=True)
                  if "ledger copy" in line)
    assert "transactions  copied       200" in copied and "DIFFERENT" not in copied
    log = next(out for line, out in zip(rehearsal_lines(), outputs, strict=True)
               if line.endswith("log --limit 3"))
    assert "showing 3 of 200" in log
    with open(folder / "month.csv", newline="", encoding="utf-8") as exported:
        assert len(list(csv.reader(exported))) == 201
