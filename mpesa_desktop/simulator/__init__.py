"""An offline Daraja: Safaricom's M-Pesa API on loopback, for tests, demos and training.

It looks like Daraja on the wire (daraja-reference.md): the same paths, OAuth with Basic auth and
Bearer tokens (28 characters, ``expires_in`` "3599", a new token invalidates the previous one),
field checks in Daraja's order with its error bodies, its acknowledgements (spellings included),
and asynchronous callbacks after ``callback_delay`` seconds with Daraja's quirks. A book of
accounts keeps B2C, B2Pochi, B2B, STK, C2B, reversal and balance consistent. Dynamic QR answers
at once with a real PNG of the size asked for (``qr`` says what its code holds).

Embedded: ``Simulator(SimulatorConfig(...)).start()`` (see ``server``); standalone:
``mpesa-desktop simulator [--host H] [--port P] [--callback-delay S] [--state DIR]``. Admin API:
see ``admin``. With a state folder (``state_dir``, ``--state``; the offline profile's is
``<data>/simulator/<profile>``) balances, executed transactions, C2B registrations, sent
callbacks and work still to come survive a restart (``store``, ``jobs``); without one they live
in memory.

Defaults (Safaricom's public sandbox values): any consumer key and secret; STK shortcode 174379
with passkey ``bfb279f9...1ed2c919``; initiator ``testapi`` / ``Safaricom999!*!`` (credentials
encrypted with the simulator's certificate, ``GET /admin/certificate``); organisations 600000
(paybill and B2C), 600001 (a second paybill), till 600100 (head office 174379, itself a store of
600000), KRA 572572; and any other sandbox test shortcode 600000-600999 (reference 6.3), opened
as a paybill with 1,000,000 in its Utility and 500,000 in its Working Account the first time a
request names it (``config.SANDBOX_SHORTCODES``). Customer wallets open with KES 100,000. C2B
External Validation is off for every shortcode until enabled (``SimulatorConfig.c2b_validation``,
``POST /admin/c2b-validation``), as on Daraja.

Scenarios by phone (B2C and B2Pochi PartyB, STK PhoneNumber); a scenario that does not apply to
the operation lets it succeed:

==============  ==================  =========================================================
phone           scenario            outcome
==============  ==================  =========================================================
254708374149    success             ResultCode 0 (so is any phone not listed here)
254711000001    insufficient_funds  ResultCode 1, the balance is insufficient (STK, B2C)
254711001032    cancelled           ResultCode 1032, request cancelled by user (STK)
254711001037    no_response         ResultCode 1037, no response from user (STK)
254711002001    wrong_pin           ResultCode 2001: wrong PIN (STK), initiator invalid (B2C)
254711002040    unregistered        ResultCode 2040, unregistered customer (B2C, B2Pochi)
254711000408    queue_timeout       the payment is executed but only QueueTimeOutURL is told
                                    (a timeout notice); Transaction Status says Completed
254711000404    lost_callback       executed, the callback is lost: only STK Query or
                                    Transaction Status can tell (``/admin/resend`` can send it)
==============  ==================  =========================================================

Other outcomes come from the book and the request: insufficient Utility (B2C, B2Pochi) or Working
(B2B) account or customer wallet -> 1; B2C and B2Pochi below 10 -> 2, above 250,000 -> 3; STK
above 250,000 -> 3; a wrong initiator password -> 2001 on any initiator operation; STK to a till
with CustomerPayBillOnline (or the reverse) -> 2028; B2B to an unknown shortcode -> SFC_IC0003.
Reversal: only completed STK and C2B receipts (2028 for any other receipt, R000002 for an unknown
one), asked by the shortcode the payment credited or its head office (R000002 otherwise: not a
payment of that party), once (R000001 the second time), for at most the amount paid (ResultCode
25 InvalidRequestParameters above it; less reverses that part). Transaction Status of an unknown
receipt -> 2032.
Synchronous: duplicate OriginatorConversationID -> 500.002.1001; STK Password mismatch ->
500.001.1001 "Wrong credentials"; unknown STK shortcode -> 500.001.1001 "Merchant does not
exist"; STK Query before the customer answered -> 500.001.1001 "The transaction is being
processed".

Faults (``Simulator.set_fault`` or ``POST /admin/fault``): ``latency`` (the request is read
first and executed after it, even if its client went away meanwhile), ``error_500``,
``error_503`` (an HTML body), ``spike_arrest`` (500.003.02), ``drop`` (executed, then the
connection is closed without an answer), ``callback_lost``, ``callback_twice``.
Callbacks go to loopback URLs only (``allow_remote_callbacks`` to change it) and are never retried
(one cut short by a stop is sent again after the next start).
"""

from mpesa_desktop.simulator.config import Fault, Organisation, SimulatorConfig
from mpesa_desktop.simulator.server import Simulator

__all__ = ["Fault", "Organisation", "Simulator", "SimulatorConfig"]
