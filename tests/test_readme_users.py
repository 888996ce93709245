"""README's first morning of an office with users (issue 13), run line by line as a reader
would: each line of the block after ``<!-- team users -->`` runs in bash with the real
``mpesa-desktop`` command on a fresh home (the offline profile). Where a line asks for a
password, the test gives it as a script would (the user's in ``MPESA_DESKTOP_USER_PASSWORD``, a
new user's as one line of standard input); ``REF`` is the reference ``approvals`` listed.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
PASSWORDS = {"amina": "amina-pass-1", "brian": "brian-pass-2", "chebet": "chebet-pass-3",
             "esther": "esther-pass-4"}


def walkthrough() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- team users -->\s*```\n(.*?)```", text, re.S)
    assert block, "README.md has no team users block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_office_walkthrough_runs_as_written(tmp_path):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "MPESA_DESKTOP_HOME": str(tmp_path / "office"), "PYTHONWARNINGS": "ignore"}
    outputs: dict[str, str] = {}
    reference = None
    for line in walkthrough():
        user = re.search(r"--user (\w+)", line)
        added = re.search(r"user add (\w+)", line)
        line_env = dict(env)
        if user:
            line_env["MPESA_DESKTOP_USER_PASSWORD"] = PASSWORDS[user.group(1)]
        command = line.replace(" REF ", f" {reference} ") if reference else line
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=line_env, text=True,
                              input=PASSWORDS[added.group(1)] + "\n" if added else "",
                              capture_output=True, timeout=120)
        assert done.returncode == 0, (line, done.stdout, done.stderr)
        outputs[line] = done.stdout
        if line.endswith(" approvals"):
            found = re.findall(r"\b([0-9a-f]{32})\b", done.stdout)
            assert len(found) == 1, done.stdout
            reference = found[0]
    said = list(outputs.values())
    assert "added amina as admin" in said[0]
    assert any("awaiting_approval" in out for out in said)
    assert any("1 awaiting approval" in out and "brian" in out for out in said)
    assert any("approved and sent: accepted" in out for out in said)
    assert any("the audit trail is whole" in out for out in said)
    with open(tmp_path / "audit.csv", newline="", encoding="utf-8") as exported:
        actions = [row["action"] for row in csv.DictReader(exported)]
    assert actions[:2] == ["user_added", "sign_in"]
    assert {"policy_set", "submitted", "approved", "audit_verified"} <= set(actions)
