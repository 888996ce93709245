"""Fault injection: latency, 500/503 answers, spike arrest, dropped connections, lost or
doubled callbacks. Each fault applies to the next ``count`` matching requests (or callbacks)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mpesa_desktop.simulator.config import FAULT_KINDS, Fault

ANSWER_FAULTS = ("error_500", "error_503", "spike_arrest")
CALLBACK_FAULTS = ("callback_lost", "callback_twice")


@dataclass
class RequestFaults:
    """What to do to one request: wait ``latency`` seconds, answer with an error instead of
    processing (``answer``), or process it and then drop the connection (``drop``)."""

    latency: float = 0.0
    answer: str | None = None
    drop: bool = False


class FaultBoard:
    def __init__(self, faults: list[Fault] | None = None):
        self._faults: list[Fault] = []
        for fault in faults or []:
            self.add(fault)

    def add(self, fault: Fault) -> None:
        if fault.kind not in FAULT_KINDS:
            raise ValueError(
                f"unknown fault {fault.kind!r}; choose one of {', '.join(FAULT_KINDS)}")
        if fault.count is not None and fault.count < 1:
            raise ValueError("count must be 1 or more (or null for until cleared)")
        if fault.seconds < 0:
            raise ValueError("seconds must be 0 or more")
        self._faults.append(replace(fault))

    def clear(self) -> None:
        self._faults.clear()

    def active(self) -> list[dict]:
        return [
            {"kind": f.kind, "count": f.count, "seconds": f.seconds, "path": f.path}
            for f in self._faults
        ]

    def _consume(self, fault: Fault) -> None:
        if fault.count is not None:
            fault.count -= 1
            if fault.count <= 0:
                self._faults.remove(fault)

    def for_request(self, path: str, is_api: bool) -> RequestFaults:
        """The faults that hit this request (counts are used up)."""
        outcome = RequestFaults()
        for fault in list(self._faults):
            if fault.kind in CALLBACK_FAULTS:
                continue
            if not (fault.path == path or (fault.path is None and is_api)):
                continue
            if fault.kind == "latency":
                outcome.latency += fault.seconds
            elif fault.kind == "drop":
                if outcome.drop or outcome.answer:
                    continue
                outcome.drop = True
            else:
                if outcome.answer or outcome.drop:
                    continue
                outcome.answer = fault.kind
            self._consume(fault)
        return outcome

    def for_callback(self) -> str | None:
        """``callback_lost``, ``callback_twice`` or None for the next callback."""
        for fault in self._faults:
            if fault.kind in CALLBACK_FAULTS:
                self._consume(fault)
                return fault.kind
        return None
