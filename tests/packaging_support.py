"""Helpers of the packaging tests: the scripts of ``packaging/`` loaded as modules (that folder is
not a package: a package named ``packaging`` would hide the PyPI one that pip and pytest use), and
``program_folder``, a fixture for a built or installed copy of the program (take it by name:
``program_folder = packaging_support.program_folder``).

Built and installed copies live outside pytest's temporary folder: the secret scan
(``test_zz_secret_scan``) reads what the app wrote there, and the program itself quotes the
simulator's public test values.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def packaging_module(name: str) -> ModuleType:
    """``packaging/<name>.py``, imported once."""
    key = f"_packaging_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, PACKAGING / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


@pytest.fixture
def program_folder() -> Iterator[Path]:
    """A folder for a copy of the program, deleted after the test."""
    with tempfile.TemporaryDirectory(prefix="mpesa-program-") as folder:
        yield Path(folder)
