"""Deterministic outcomes chosen by the customer's phone number (or set through the admin API).

The phone is B2C's (or B2Pochi's) PartyB or STK's PhoneNumber. A scenario that does not apply to
an operation (say 1032 on a B2C) leaves that operation to succeed. The table is documented in the
package docstring (``mpesa_desktop.simulator``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

PAYOUTS = frozenset({"b2c", "b2pochi"})  # to a customer's phone, from the Utility Account
PAYMENTS = PAYOUTS | {"stk_push", "b2b", "tax_remittance", "reversal"}
INITIATOR_OPERATIONS = PAYOUTS | {
    "b2b", "tax_remittance", "account_balance", "reversal", "transaction_status"}
WITH_RESULT = INITIATOR_OPERATIONS | {"stk_push"}


@dataclass(frozen=True)
class Scenario:
    name: str
    result_code: int
    result_desc: str
    applies_to: frozenset[str]
    queue_timeout: bool = False
    lose_callback: bool = False


SUCCESS = Scenario("success", 0, "The service request is processed successfully.", WITH_RESULT)

SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    SUCCESS,
    Scenario("insufficient_funds", 1, "The balance is insufficient for the transaction.",
             PAYMENTS),
    Scenario("cancelled", 1032, "Request cancelled by user", frozenset({"stk_push"})),
    Scenario("no_response", 1037, "DS timeout user cannot be reached",
             frozenset({"stk_push"})),
    Scenario("wrong_pin", 2001, "The initiator information is invalid.", WITH_RESULT),
    Scenario("unregistered", 2040, "Credit Party customer type (Unregistered or Registered "
             "Customer) can't be supported by the service.", PAYOUTS),
    Scenario("queue_timeout", 0, SUCCESS.result_desc, INITIATOR_OPERATIONS,
             queue_timeout=True),
    Scenario("lost_callback", 0, SUCCESS.result_desc, WITH_RESULT, lose_callback=True),
)}

PHONE_SCENARIOS: dict[str, str] = {
    "254708374149": "success",
    "254711000001": "insufficient_funds",
    "254711001032": "cancelled",
    "254711001037": "no_response",
    "254711002001": "wrong_pin",
    "254711002040": "unregistered",
    "254711000408": "queue_timeout",
    "254711000404": "lost_callback",
}


def scenario_named(name: str) -> Scenario:
    try:
        return SCENARIOS[name]
    except KeyError:
        raise ValueError(
            f"unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}") from None


class ScenarioBoard:
    """Picks the scenario of each operation: queued ones first, then phone overrides, then the
    fixed phone table; success otherwise."""

    def __init__(self) -> None:
        self._phones: dict[str, str] = {}
        self._queued: deque[Scenario] = deque()

    def set_phone(self, phone: str, name: str) -> None:
        scenario_named(name)
        self._phones[str(phone)] = name

    def queue(self, name: str, count: int = 1) -> None:
        scenario = scenario_named(name)
        self._queued.extend([scenario] * count)

    def reset(self) -> None:
        self._phones.clear()
        self._queued.clear()

    def pick(self, operation: str, phone: str | None = None) -> Scenario:
        if self._queued and operation in self._queued[0].applies_to:
            return self._queued.popleft()
        name = None
        if phone is not None:
            name = self._phones.get(str(phone)) or PHONE_SCENARIOS.get(str(phone))
        scenario = SCENARIOS.get(name or "success", SUCCESS)
        return scenario if operation in scenario.applies_to else SUCCESS
