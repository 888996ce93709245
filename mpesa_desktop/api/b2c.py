"""``B2C``: pay a customer's M-Pesa number (B2C v3, fresh OriginatorConversationID)."""

from __future__ import annotations

from typing import Any

from mpesa_desktop.api.auth import MpesaBase


class B2C(MpesaBase):
    """mpesa-py's ``B2C`` over Daraja's B2C v3 endpoint."""

    def transact(self, initiator_name: str | None = None, security_credential: str | None = None,
                 command_id: str | None = None, amount: Any = None, party_a: Any = None,
                 party_b: Any = None, remarks: str | None = None,
                 queue_timeout_url: str | None = None, result_url: str | None = None,
                 occassion: str | None = None, *,
                 originator_conversation_id: str | None = None) -> dict:
        """Pay ``amount`` (10 to 250,000 shillings) from shortcode ``party_a`` to ``party_b``."""
        return self._send("b2c", {
            "originator_conversation_id": originator_conversation_id,
            "initiator": initiator_name,
            "security_credential": security_credential,
            "command_id": command_id,
            "amount": amount,
            "party_a": party_a,
            "party_b": party_b,
            "remarks": remarks,
            "queue_timeout_url": queue_timeout_url,
            "result_url": result_url,
            "occasion": occassion,
        }, {"initiator": "initiator_name", "occasion": "occassion"})
