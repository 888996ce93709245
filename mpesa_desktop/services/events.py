"""The one stream of status-change events the services publish to both faces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StatusChange:
    """A ledger row changed status: ``transaction`` is the row after the change.

    ``old`` is None for a newly written row.
    """

    transaction: Any
    old: str | None
    new: str
