"""What a non-editable install ships: every package of the source tree and the resources."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_in_the_tree_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    in_tree = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "mpesa_desktop").rglob("__init__.py")
    }
    assert in_tree - listed == set()


def test_certificates_and_the_simulator_key_are_resources():
    files = resources.files("mpesa_desktop.resources")
    for name in ("certs/sandbox.cer", "certs/production.cer", "simulator/simulator.cer",
                 "simulator/simulator.key"):
        assert b"-----BEGIN" in (files / name).read_bytes()
