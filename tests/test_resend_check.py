"""A failed payout is sent again only after M-Pesa, asked again (Transaction Status, here the
offline simulator), reports it failed or does not know it (issue 9, point 3). Completed, no
answer, or unreachable: refused, nothing sent. A forged failure never opens a re-send."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from mpesa_desktop.daraja.errors import TransportError
from mpesa_desktop.services import AppServices
from mpesa_desktop.services.errors import DuplicateError
from tests import services_support
from tests.fixtures.relay import b2c_result
from tests.fixtures.simulator import PATHS
from tests.services_support import executed, run

WAIT = 15.0
services = services_support.services
PAYMENT = {"amount": 1500, "party_b": "0708374149", "remarks": "Customer refund"}
SHORT_OF_FUNDS = {"amount": 1500, "party_b": "0711000001", "remarks": "Customer refund"}


def failed_payout(services: AppServices) -> Any:
    """A B2C M-Pesa really failed (insufficient balance scenario)."""
    async def pay() -> Any:
        row = await services.submit("b2c", SHORT_OF_FUNDS)
        return await services.wait_final(row.reference, WAIT)

    row = run(services, pay())
    assert (row.status, row.result_code) == ("failed", "1")
    return row


def send_again(services: AppServices, row: Any, fields: dict[str, Any]) -> Any:
    async def again() -> Any:
        new = await services.submit("b2c", fields, retry_of=row.reference)
        return await services.wait_final(new.reference, WAIT)

    return run(services, again())


def refused(services: AppServices, row: Any, fields: dict[str, Any]) -> str:
    with pytest.raises(DuplicateError) as caught:
        send_again(services, row, fields)
    assert caught.value.reference == row.reference
    return str(caught.value)


def test_a_payout_mpesa_reports_failed_is_sent_again(services):
    row = failed_payout(services)
    again = send_again(services, row, SHORT_OF_FUNDS)
    assert again.retry_of == row.reference and again.status == "failed"
    assert len(executed(services, "b2c")) == 2
    assert len(executed(services, "transaction_status")) == 1  # asked first


def test_a_completed_payout_recorded_as_failed_is_not_paid_twice(services):
    services.simulator.set_fault("drop", path=PATHS["b2c"])  # paid; the answer is lost

    async def lost() -> Any:
        with pytest.raises(TransportError) as caught:
            await services.submit("b2c", PAYMENT)
        return caught.value.transaction

    row = run(services, lost())
    assert row.status == "unknown"
    # Someone resolves it by hand, wrongly: "failed".
    row = run(services, services.resolve(row.reference, "failed", "Customer says no SMS came"))
    assert row.status == "failed"
    message = refused(services, row, PAYMENT)
    assert "completed" in message and "Not sent again" in message
    assert len(executed(services, "b2c")) == 1
    assert len(executed(services, "transaction_status")) == 1
    assert services.ledger.query(limit=10)[0].operation == "transaction_status"


def test_no_answer_from_mpesa_refuses_the_resend(services):
    row = failed_payout(services)
    services.simulator.set_fault("callback_lost", count=None)
    services.status_answer_wait = 1.0
    message = refused(services, row, SHORT_OF_FUNDS)
    assert "could not say" in message
    assert len(executed(services, "b2c")) == 1


def test_mpesa_unreachable_refuses_the_resend(services):
    row = failed_payout(services)
    services.simulator.set_fault("error_503", count=None, path=PATHS["transaction_status"])
    message = refused(services, row, SHORT_OF_FUNDS)
    assert "could not be asked" in message
    assert len(executed(services, "b2c")) == 1


def test_a_forged_failure_over_the_relay_never_opens_a_resend(services):
    services.simulator.set_fault("callback_lost")  # the real result never arrives

    async def accepted() -> Any:
        return await services.submit("b2c", PAYMENT)

    row = run(services, accepted())
    assert row.status == "accepted" and row.conversation_id
    forged = b2c_result(row.reference, "AG_20991231_made_up", code=1)
    url = services.relay.callback_url("result") + f"?ref={row.reference}"
    assert requests.post(url, json=forged, timeout=10).status_code == 200
    assert run(services, services.poll_once()) == 1
    assert services.ledger.get(row.reference).status == "accepted"
    message = refused(services, row, PAYMENT)
    assert "'accepted'" in message
    assert len(executed(services, "b2c")) == 1
