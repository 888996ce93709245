"""Pull Transactions, answered from the simulator's books (``catalogue.pull``).

``register`` keeps the shortcode's nominated number and callback URL; ``query`` lists the
payments the shortcode received (completed STK pushes and C2B payments credited to it) whose
completion falls in ``StartDate``..``EndDate`` (East Africa Time, both included), oldest first,
``PAGE`` at a time from ``OffSetValue``. Daraja wants the shortcode registered once; the
simulator keeps registrations for its run only, so it answers a query without one (a restarted
simulator would otherwise refuse a shortcode registered before). The answer's shape follows
the portal's sample as the project recalls it ([UNCERTAIN], ``catalogue.pull``):
``ResponseCode`` "1000" and the rows in ``Response[0]``, each ``trxDate`` an ISO time with its
+03:00 offset.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mpesa_desktop.kenya import EAT
from mpesa_desktop.simulator import identifiers
from mpesa_desktop.simulator.state import SimulatorState
from mpesa_desktop.simulator.validation import validate
from mpesa_desktop.simulator.wire import invalid_field

PAGE = 1000
SUCCESS = "1000"
RECEIVED = {"stk_push": "c2b-pay-bill-debit", "c2b_simulate": "c2b-pay-bill-debit"}


async def register(state: SimulatorState, body: dict[str, Any]) -> dict:
    validate("pull_register", body)
    shortcode = str(body["ShortCode"])
    if state.book.org(shortcode) is None:
        raise invalid_field("ShortCode")
    state.pull_registrations[shortcode] = {"nominated_number": str(body["NominatedNumber"]),
                                           "callback_url": body["CallBackURL"]}
    return {"ResponseRefID": identifiers.daraja_originator_id(), "ResponseStatus": SUCCESS,
            "ShortCode": shortcode, "ResponseDescription": "Shortcode Registered Successfully"}


def _time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=EAT)


async def query(state: SimulatorState, body: dict[str, Any]) -> dict:
    validate("pull_query", body)
    shortcode = str(body["ShortCode"])
    if state.book.org(shortcode) is None:
        raise invalid_field("ShortCode")
    start, end = _time(body["StartDate"]), _time(body["EndDate"])
    offset = int(str(body.get("OffSetValue") or "0"))
    received = sorted(
        (entry for entry in state.journal.all()
         if entry.operation in RECEIVED and entry.status == "completed"
         and entry.credited_shortcode == shortcode and entry.completed_at is not None
         and start <= entry.completed_at.astimezone(EAT) <= end),
        key=lambda entry: (entry.completed_at, entry.id))
    page = received[offset:offset + PAGE]
    rows = [{
        "transactionId": entry.receipt,
        "trxDate": entry.completed_at.astimezone(EAT).isoformat(timespec="seconds")
        if entry.completed_at else None,
        "msisdn": int(entry.phone or entry.party_a or 0),
        "sender": "MPESA",
        "transactiontype": RECEIVED[entry.operation],
        "billreference": entry.account_reference or "",
        "amount": f"{entry.amount:.2f}" if entry.amount is not None else "0",
        "organizationname": shortcode,
    } for entry in page]
    return {"ResponseRefID": identifiers.daraja_originator_id(), "ResponseCode": SUCCESS,
            "ResponseMessage": "Success", "Response": [rows]}
