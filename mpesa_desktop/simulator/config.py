"""Settings of the offline simulator: credentials it accepts, its organisations and its timing.

Every default is a value a new user can copy from Safaricom's sandbox tutorials
(daraja-reference.md section 6.3), so a script written for the sandbox runs unchanged offline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mpesa_desktop.kenya import KRA_SHORTCODE

SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"
DEFAULT_INITIATORS = {"testapi": "Safaricom999!*!"}
DEFAULT_CUSTOMER_BALANCE = 100_000


@dataclass(frozen=True)
class Organisation:
    """An organisation shortcode in the book: its kind ("paybill" or "till"), name and balances.

    ``balances`` maps an account name (``Working Account``, ``Utility Account``, ...) to whole
    shillings. A store's head office (``head_office``): for a till, the shortcode used for its
    STK pushes; a head office may reverse payments made to its stores.
    """

    shortcode: str
    kind: str
    name: str
    balances: dict[str, float]
    head_office: str | None = None


# The public sandbox's organisation shortcodes: every Daraja app gets its "Shortcode 1" and
# "Shortcode 2" from this range (daraja-reference.md section 6.3: 600000, 600978, 600984,
# 600992, 600996-600999 ...), so tutorials use them all.
SANDBOX_SHORTCODES = range(600_000, 601_000)
SANDBOX_BALANCES = {"Working Account": 500_000, "Utility Account": 1_000_000,
                    "Charges Paid Account": 0}


def sandbox_organisation(shortcode: str) -> Organisation:
    """A sandbox test organisation: a paybill (B2C and B2B too) named as the sandbox names them
    (``600992 - Safaricom Daraja 992``, reference 4.2), with the opening ``SANDBOX_BALANCES``."""
    return Organisation(shortcode, "paybill", f"Safaricom Daraja {shortcode[-3:]}",
                        dict(SANDBOX_BALANCES))


def default_organisations() -> list[Organisation]:
    """600000 paybill + B2C, 600001 a second paybill, till 600100, STK 174379 and KRA 572572.

    174379 (the public Express shortcode) is a store of head office 600000, as the offline
    profile's business has both: 600000 may reverse a payment made to 174379
    (``book.Book.may_reverse``)."""
    return [
        sandbox_organisation("600000"),
        Organisation("600001", "paybill", "Biller Company", {
            "Working Account": 200_000, "Utility Account": 50_000,
            "Charges Paid Account": 0}),
        Organisation("600100", "till", "Daraja Test Shop", {
            "Merchant Account": 0, "Working Account": 0, "Charges Paid Account": 0,
            "Organization Settlement Account": 0}, head_office="174379"),
        Organisation("174379", "paybill", "Safaricom Daraja Express", {
            "Working Account": 100_000, "Utility Account": 0, "Charges Paid Account": 0},
            head_office="600000"),
        Organisation(KRA_SHORTCODE, "paybill", "Kenya Revenue Authority", {
            "Working Account": 0, "Utility Account": 0, "Charges Paid Account": 0}),
    ]


@dataclass
class Fault:
    """A fault to inject into the next ``count`` API requests (``None``: until cleared).

    kind: ``latency`` (``seconds`` added before answering; the request was read before, so a
    client that gives up meanwhile still has it executed), ``error_500``, ``error_503``,
    ``spike_arrest`` (HTTP 500, 500.003.02), ``drop`` (the request is executed, then the
    connection is closed without an answer), ``callback_lost`` (the next callbacks are not sent),
    ``callback_twice`` (the next callbacks are delivered twice).
    ``path``: only requests to this path (e.g. ``/mpesa/b2c/v3/paymentrequest``, or
    ``/oauth/v1/generate``); ``None`` means every Daraja API POST (never OAuth or admin).
    """

    kind: str
    count: int | None = 1
    seconds: float = 0.0
    path: str | None = None


FAULT_KINDS = ("latency", "error_500", "error_503", "spike_arrest", "drop",
               "callback_lost", "callback_twice")


@dataclass
class SimulatorConfig:
    """How the simulator behaves. ``consumer_key``/``consumer_secret`` None: accept any.

    ``sandbox_shortcodes``: a shortcode in this range that ``organisations`` does not name is
    opened on first use as ``sandbox_organisation(shortcode)`` (``range(0)``: never).
    ``c2b_validation``: the shortcodes with External Validation enabled, whose C2B payments go to
    the registered ValidationURL before the ConfirmationURL. Daraja enables it per shortcode on
    request and it is off by default (daraja-reference.md section 4.5), so none by default.
    """

    callback_delay: float = 1.0
    token_ttl: int = 3599
    consumer_key: str | None = None
    consumer_secret: str | None = None
    stk_passkeys: dict[str, str] = field(default_factory=lambda: {"174379": SANDBOX_PASSKEY})
    initiators: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_INITIATORS))
    accept_any_credential: bool = False
    organisations: list[Organisation] = field(default_factory=default_organisations)
    sandbox_shortcodes: range = SANDBOX_SHORTCODES
    c2b_validation: frozenset[str] = frozenset()
    customer_balance: float = DEFAULT_CUSTOMER_BALANCE
    allow_remote_callbacks: bool = False
    callback_timeout: float = 10.0
    faults: list[Fault] = field(default_factory=list)
