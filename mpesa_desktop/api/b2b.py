"""``B2B``: pay another business's paybill or till (or top up a B2C account)."""

from __future__ import annotations

from typing import Any

from mpesa_desktop.api.auth import MpesaBase, fixed_value

_ONLY_4 = "must be 4 (organisation shortcode; Daraja accepts only 4)"


class B2B(MpesaBase):
    """mpesa-py's ``B2B`` over ``/mpesa/b2b/v1/paymentrequest``."""

    def transact(self, initiator: str | None = None, security_credential: str | None = None,
                 command_id: str | None = None, sender_identifier_type: Any = None,
                 receiver_identifier_type: Any = None, amount: Any = None, party_a: Any = None,
                 party_b: Any = None, remarks: str | None = None,
                 account_reference: str | None = None, queue_timeout_url: str | None = None,
                 result_url: str | None = None, *, requester: Any = None,
                 occassion: str | None = None) -> dict:
        """Pay ``amount`` from shortcode ``party_a`` to paybill/till ``party_b``."""
        errors: dict[str, str] = {}
        fixed_value(errors, "sender_identifier_type", sender_identifier_type, ("4",), _ONLY_4)
        fixed_value(errors, "receiver_identifier_type", receiver_identifier_type, ("4",),
                    _ONLY_4)
        return self._send("b2b", {
            "initiator": initiator,
            "security_credential": security_credential,
            "command_id": command_id,
            "amount": amount,
            "party_a": party_a,
            "party_b": party_b,
            "account_reference": account_reference,
            "requester": requester,
            "remarks": remarks,
            "queue_timeout_url": queue_timeout_url,
            "result_url": result_url,
            "occasion": occassion,
        }, {"occasion": "occassion"}, errors)
