"""Helpers of the packaging tests: the scripts of ``packaging/`` loaded as modules (that folder is
not a package: a package named ``packaging`` would hide the PyPI one that pip and pytest use)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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
