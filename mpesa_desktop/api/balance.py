"""``Balance``: ask for the balances of a shortcode's accounts (Account Balance API)."""

from __future__ import annotations

from typing import Any

from mpesa_desktop.api.auth import MpesaBase, fixed_value


class Balance(MpesaBase):
    """mpesa-py's ``Balance`` over ``/mpesa/accountbalance/v1/query``."""

    def get_balance(self, initiator: str | None = None, security_credential: str | None = None,
                    command_id: str | None = None, party_a: Any = None,
                    identifier_type: Any = None, remarks: str | None = None,
                    queue_timeout_url: str | None = None,
                    result_url: str | None = None) -> dict:
        """Request the balances of ``party_a``; they arrive at ``result_url``."""
        errors: dict[str, str] = {}
        fixed_value(errors, "command_id", command_id, ("AccountBalance",),
                    "must be AccountBalance")
        return self._send("account_balance", {
            "initiator": initiator,
            "security_credential": security_credential,
            "party_a": party_a,
            "identifier_type": identifier_type,
            "remarks": remarks,
            "queue_timeout_url": queue_timeout_url,
            "result_url": result_url,
        }, {}, errors)
