"""``MpesaExpress``: STK push (a PIN prompt on the customer's phone) and its status query."""

from __future__ import annotations

from typing import Any

from mpesa_desktop.api.auth import MpesaBase


class MpesaExpress(MpesaBase):
    """mpesa-py's ``MpesaExpress``; ``passcode`` is the STK passkey (never sent as is)."""

    def stk_push(self, business_shortcode: Any = None, passcode: str | None = None,
                 amount: Any = None, callback_url: str | None = None,
                 reference_code: str | None = None, phone_number: Any = None,
                 description: str | None = None, *, transaction_type: str | None = None,
                 party_b: Any = None) -> dict:
        """Ask ``phone_number`` to pay ``amount``; for a till pass
        ``transaction_type="CustomerBuyGoodsOnline"`` and the till as ``party_b``."""
        return self._send("stk_push", {
            "business_shortcode": business_shortcode,
            "passkey": passcode,
            "transaction_type": transaction_type,
            "amount": amount,
            "phone_number": phone_number,
            "party_b": party_b,
            "callback_url": callback_url,
            "account_reference": reference_code,
            "transaction_desc": description,
        }, {"passkey": "passcode", "account_reference": "reference_code",
            "transaction_desc": "description", "party_a": "phone_number"})

    def query(self, business_shortcode: Any = None, checkout_request_id: str | None = None,
              passcode: str | None = None) -> dict:
        """The state of an STK push, by its CheckoutRequestID."""
        return self._send("stk_query", {
            "business_shortcode": business_shortcode,
            "passkey": passcode,
            "checkout_request_id": checkout_request_id,
        }, {"passkey": "passcode"})
