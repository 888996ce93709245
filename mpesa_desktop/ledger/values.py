"""How values are checked and turned into what the ledger stores: whole shillings, balance
amounts to the cent, JSON and result fields without secrets (``redaction``), the operator's
name."""

from __future__ import annotations

import getpass
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from mpesa_desktop.redaction import redact, redact_text

MAX_AMOUNT = 2**63 - 1  # SQLite's largest INTEGER


def current_operator() -> str:
    """The OS user name, or "unknown" when the system cannot tell."""
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError, ImportError):
        return "unknown"


def whole_shillings(amount: Any) -> int | None:
    """``amount`` as an int of shillings; ValueError unless it is a whole number, 0 or more."""
    if amount is None:
        return None
    rule = f"amount must be whole shillings, 0 or more (got {amount!r})"
    if isinstance(amount, bool):
        raise ValueError(rule)
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise ValueError(rule) from None
    if not value.is_finite() or value != value.to_integral_value() or value < 0:
        raise ValueError(rule)
    if value > MAX_AMOUNT:
        raise ValueError(f"amount must be whole shillings up to {MAX_AMOUNT:,} (got {amount!r})")
    return int(value)


def json_without_secrets(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(redact(value), ensure_ascii=False, default=str)


def fields_without_secrets(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Result fields (``result_desc``...) with any secret in their text replaced."""
    return {key: redact_text(value) if isinstance(value, str) else value
            for key, value in fields.items()}


def cents_text(value: Any) -> str | None:
    """A balance amount as decimal text to the cent (``"1000.50"``); None stays None."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValueError(f"balance amount must be a number (got {value!r})")
    return str(number.quantize(Decimal("0.01")))


def part(item: Any, name: str) -> Any:
    """``item[name]`` of a mapping or ``item.name`` of an object (None when absent)."""
    return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)
