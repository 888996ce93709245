"""The mpesa-py compatible Python API (DESIGN.md section 3.2), a thin layer over daraja/.

Same modules, classes, constructors, methods and keyword parameters as mpesa-py; each method
returns Daraja's acknowledgement dict and raises ``mpesa_desktop.daraja.errors`` exceptions.
Like mpesa-py it keeps no log: every call is sent, so the log's rules (no twin of a payout in
flight, no unasked repeat of a completed one) belong to the app's services, not to this facade.
"""

from mpesa_desktop.api.auth import MpesaBase
from mpesa_desktop.api.b2b import B2B
from mpesa_desktop.api.b2c import B2C
from mpesa_desktop.api.balance import Balance
from mpesa_desktop.api.c2b import C2B
from mpesa_desktop.api.mpesa_express import MpesaExpress
from mpesa_desktop.api.reversal import Reversal
from mpesa_desktop.api.transaction_status import TransactionStatus

__all__ = ["B2B", "B2C", "C2B", "Balance", "MpesaBase", "MpesaExpress", "Reversal",
           "TransactionStatus"]
