"""``C2B``: register the URLs that hear about customer payments, and simulate one (sandbox)."""

from __future__ import annotations

from typing import Any

from mpesa_desktop.api.auth import MpesaBase


class C2B(MpesaBase):
    """mpesa-py's ``C2B`` over C2B register URL (v2) and C2B simulate."""

    def register(self, shortcode: Any = None, response_type: str | None = None,
                 confirmation_url: str | None = None, validation_url: str | None = None,
                 *, version: str = "v2") -> dict:
        """Register the confirmation and validation URLs of ``shortcode``."""
        return self._send("c2b_register", {
            "shortcode": shortcode,
            "response_type": response_type,
            "confirmation_url": confirmation_url,
            "validation_url": validation_url,
            "version": version,
        }, {})

    def simulate(self, shortcode: Any = None, command_id: str | None = None, amount: Any = None,
                 msisdn: Any = None, bill_ref_number: str | None = None) -> dict:
        """Simulate a customer paying ``amount`` to ``shortcode`` (sandbox/offline only)."""
        return self._send("c2b_simulate", {
            "shortcode": shortcode,
            "command_id": command_id,
            "amount": amount,
            "msisdn": msisdn,
            "bill_ref_number": bill_ref_number,
        }, {})
