"""The Qt binding we pin keeps Python's reference counts right.

PySide6 6.12.0 released one reference to ``True``/``False`` on every signal emitted from Python
with a bool argument; after a few thousand emits the interpreter aborts ("bool_dealloc"). The
app emits such signals all day, so the pin in pyproject.toml must exclude any release that does.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)
    anything = Signal(object)


def test_emitting_bools_keeps_true_and_false_alive(qapp):
    emitter = _Emitter()
    seen: list[object] = []
    emitter.flag.connect(seen.append)
    emitter.anything.connect(seen.append)
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.flag.emit(True)
        emitter.anything.emit(False)
    seen.clear()
    gc.collect()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
