"""Prefilled fields for each operation, from the profile and its callback URLs.

Forms show these and the command line uses them when an option is left out. Secrets are never
part of the defaults: the submit pipeline adds the SecurityCredential and the STK passkey itself.
The callback URLs here are the profile's shared ones; submit adds each request's own
``?ref=<reference>`` to its ResultURL, QueueTimeOutURL and STK CallBackURL
(``services.tagged_urls``).
"""

from __future__ import annotations

from dataclasses import dataclass

from mpesa_desktop.config import Profile
from mpesa_desktop.kenya import KRA_SHORTCODE

CALLBACK_PATHS = {
    "result": "/result",
    "timeout": "/timeout",
    "stk": "/stk",
    "c2b_validation": "/c2b/validation",
    "c2b_confirmation": "/c2b/confirmation",
}


@dataclass(frozen=True)
class CallbackUrls:
    """Where Daraja (or the simulator) posts results for one profile; None when unknown."""

    result: str | None = None
    timeout: str | None = None
    stk: str | None = None
    c2b_validation: str | None = None
    c2b_confirmation: str | None = None

    @classmethod
    def for_profile(cls, profile: Profile, callback_base: str | None) -> CallbackUrls:
        """The profile's own URL settings win; the rest derive from the relay's callback base."""
        base = callback_base.rstrip("/") if callback_base else None

        def pick(override: str | None, kind: str) -> str | None:
            if override:
                return override
            return f"{base}{CALLBACK_PATHS[kind]}" if base else None

        return cls(
            result=pick(profile.result_url, "result"),
            timeout=pick(profile.queue_timeout_url, "timeout"),
            stk=pick(profile.stk_callback_url, "stk"),
            c2b_validation=pick(profile.validation_url, "c2b_validation"),
            c2b_confirmation=pick(profile.confirmation_url, "c2b_confirmation"),
        )


def operation_defaults(profile: Profile, urls: CallbackUrls, operation: str) -> dict[str, str]:
    """The fields of ``operation`` the profile can fill in; values that are unknown are left out."""
    initiator = {
        "initiator": profile.initiator,
        "queue_timeout_url": urls.timeout,
        "result_url": urls.result,
    }
    shortcode = profile.shortcode
    table: dict[str, dict[str, str | None]] = {
        "stk_push": {
            "business_shortcode": profile.stk_shortcode,
            "transaction_type": "CustomerPayBillOnline",
            "callback_url": urls.stk,
            "transaction_desc": "Payment",
        },
        "stk_query": {"business_shortcode": profile.stk_shortcode},
        "c2b_register": {
            "shortcode": shortcode,
            "response_type": "Completed",
            "confirmation_url": urls.c2b_confirmation,
            "validation_url": urls.c2b_validation,
            "version": "v2",
        },
        "c2b_simulate": {
            "shortcode": shortcode,
            "command_id": "CustomerPayBillOnline",
            "msisdn": profile.test_msisdn,
        },
        "b2c": {
            **initiator,
            "command_id": "BusinessPayment",
            "party_a": profile.b2c_shortcode or shortcode,
        },
        "b2pochi": {**initiator, "party_a": profile.b2c_shortcode or shortcode},
        "b2b": {**initiator, "command_id": "BusinessPayBill", "party_a": shortcode},
        "tax_remittance": {**initiator, "party_a": shortcode, "party_b": KRA_SHORTCODE},
        "account_balance": {
            **initiator,
            "party_a": shortcode,
            "identifier_type": "4",
            "remarks": "Balance check",
        },
        "reversal": {**initiator, "receiver_party": shortcode},
        # A QR code pays the till (buy goods) when the profile has one, else the paybill.
        "dynamic_qr": {"trx_code": "BG", "cpi": profile.till_number, "size": "300"}
        if profile.till_number else {"trx_code": "PB", "cpi": shortcode, "size": "300"},
        "transaction_status": {
            **initiator,
            "party_a": shortcode,
            "identifier_type": "4",
            "remarks": "Status check",
        },
    }
    try:
        values = table[operation]
    except KeyError:
        raise ValueError(f"unknown operation {operation!r}") from None
    return {name: value for name, value in values.items() if value}
