"""The picture an operation answers with (its declaration's ``image_answer``: Dynamic QR's
``QRCode``, a base64 PNG), read back from the row's events: one reading for the window (the QR
code tab) and the command line (``qr --save``). Blocking: run it in the worker.
"""

from __future__ import annotations

import base64
import binascii

from mpesa_desktop.catalogue import operation
from mpesa_desktop.ledger import Ledger


def answer_image(ledger: Ledger, reference: str) -> bytes | None:
    """The picture in the latest answer of row ``reference`` that holds one; None when none
    holds one, or it does not decode."""
    row = ledger.get(reference)
    key = None if row is None else operation(row.operation).image_answer
    if key is None:
        return None
    for event in reversed(ledger.events(reference)):
        payload = event.payload
        if isinstance(payload, dict) and payload.get(key):
            try:
                return base64.b64decode(payload[key], validate=True) or None
            except (binascii.Error, TypeError, ValueError):
                return None
    return None
