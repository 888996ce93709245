"""What a profile fills in: the facts an operation's ``prefill`` reads, typed as Protocols.

``config.Profile`` and ``services.defaults.CallbackUrls`` have these attributes; the catalogue
stays a leaf by naming only the attributes it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class ProfileFacts(Protocol):
    """What a profile knows that fills an operation's fields."""

    @property
    def shortcode(self) -> str | None: ...
    @property
    def b2c_shortcode(self) -> str | None: ...
    @property
    def stk_shortcode(self) -> str | None: ...
    @property
    def till_number(self) -> str | None: ...
    @property
    def initiator(self) -> str | None: ...
    @property
    def test_msisdn(self) -> str | None: ...


class UrlFacts(Protocol):
    """Where Daraja posts the results of a profile's requests."""

    @property
    def result(self) -> str | None: ...
    @property
    def timeout(self) -> str | None: ...
    @property
    def stk(self) -> str | None: ...
    @property
    def c2b_validation(self) -> str | None: ...
    @property
    def c2b_confirmation(self) -> str | None: ...


Prefilled = dict[str, str | None]
Prefill = Callable[[ProfileFacts, UrlFacts], Prefilled]


def no_prefill(profile: ProfileFacts, urls: UrlFacts) -> Prefilled:
    return {}


def signed(profile: ProfileFacts, urls: UrlFacts) -> Prefilled:
    """The prefilled fields every operation signed by the initiator shares."""
    return {"initiator": profile.initiator, "queue_timeout_url": urls.timeout,
            "result_url": urls.result}
