"""``Reversal``: refund a customer payment (a C2B or STK receipt)."""

from __future__ import annotations

from typing import Any

from mpesa_desktop.api.auth import MpesaBase, fixed_value


class Reversal(MpesaBase):
    """mpesa-py's ``Reversal`` over ``/mpesa/reversal/v1/request``."""

    def reverse(self, initiator: str | None = None, security_credential: str | None = None,
                command_id: str | None = "TransactionReversal", transaction_id: str | None = None,
                amount: Any = None, receiver_party: Any = None,
                receiver_identifier_type: Any = None, queue_timeout_url: str | None = None,
                result_url: str | None = None, remarks: str | None = None,
                occassion: str | None = None) -> dict:
        """Reverse the payment with receipt ``transaction_id`` received by ``receiver_party``."""
        errors: dict[str, str] = {}
        fixed_value(errors, "command_id", command_id, ("TransactionReversal",),
                    "must be TransactionReversal")
        fixed_value(errors, "receiver_identifier_type", receiver_identifier_type, ("11",),
                    "must be 11 (Daraja requires it for reversals)")
        return self._send("reversal", {
            "initiator": initiator,
            "security_credential": security_credential,
            "transaction_id": transaction_id,
            "amount": amount,
            "receiver_party": receiver_party,
            "remarks": remarks,
            "queue_timeout_url": queue_timeout_url,
            "result_url": result_url,
            "occasion": occassion,
        }, {"occasion": "occassion"}, errors)
