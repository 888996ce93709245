"""Prefilled fields for each operation, from the profile and its callback URLs.

Forms show these and the command line uses them when an option is left out. Secrets are never
part of the defaults: the submit pipeline adds the SecurityCredential and the STK passkey itself.
The callback URLs here are the profile's shared ones; submit adds each request's own
``?ref=<reference>`` to its ResultURL, QueueTimeOutURL and STK CallBackURL
(``services.tagged_urls``).
"""

from __future__ import annotations

from dataclasses import dataclass

from mpesa_desktop import catalogue
from mpesa_desktop.config import Profile

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
    """The fields of ``operation`` the profile can fill in (its declaration's ``prefill``);
    values that are unknown are left out."""
    prefilled = catalogue.operation(operation).prefill(profile, urls)
    return {name: value for name, value in prefilled.items() if value}
