"""``TransactionStatus``: ask what happened to a transaction (the correct Daraja endpoint).

``passcode`` is the SecurityCredential; ``shortcode`` is used as PartyA when ``party_a`` is
not given (DESIGN.md section 3.2).
"""

from __future__ import annotations

from typing import Any

from mpesa_desktop.api.auth import MpesaBase


class TransactionStatus(MpesaBase):
    """mpesa-py's ``TransactionStatus`` over ``/mpesa/transactionstatus/v1/query``."""

    def check_transaction_status(self, party_a: Any = None, identifier_type: Any = None,
                                 remarks: str | None = None, initiator: str | None = None,
                                 passcode: str | None = None, result_url: str | None = None,
                                 queue_timeout_url: str | None = None,
                                 transaction_id: str | None = None,
                                 occassion: str | None = None, shortcode: Any = None, *,
                                 original_conversation_id: str | None = None) -> dict:
        """Query by receipt ``transaction_id`` (or ``original_conversation_id``)."""
        use_shortcode = party_a is None or (isinstance(party_a, str) and not party_a.strip())
        return self._send("transaction_status", {
            "initiator": initiator,
            "security_credential": passcode,
            "transaction_id": transaction_id,
            "original_conversation_id": original_conversation_id,
            "party_a": shortcode if use_shortcode else party_a,
            "identifier_type": identifier_type,
            "remarks": remarks,
            "queue_timeout_url": queue_timeout_url,
            "result_url": result_url,
            "occasion": occassion,
        }, {"security_credential": "passcode", "occasion": "occassion",
            "party_a": "shortcode" if use_shortcode and shortcode is not None else "party_a"})
