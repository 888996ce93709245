"""Dynamic QR, ``POST /mpesa/qrcode/v1/generate``: a real, scannable PNG, answered at once.

The request (daraja-reference.md section 1.2; the portal's parameter table as SDKs copy it):
``MerchantName``, ``RefNo``, ``Amount`` (whole shillings), ``TrxCode`` (``BG`` buy goods, ``WA``
withdraw at an agent till, ``PB`` paybill, ``SM`` send money, ``SB`` send to a business), ``CPI``
(the credit party: till, paybill, agent or phone number, digits) and ``Size`` (pixels; the image
is square). The first missing or bad field, in that order, gets ``400.002.02 Bad Request - Invalid
<Field>``. Bounds Daraja does not publish are the simulator's: names and references 1-100
characters, CPI 5-12 digits, Size 100-2000 pixels.

The answer: ``{"ResponseCode": "00", "RequestID", "ResponseDescription": "The service request is
processed successfully.", "QRCode": <base64 PNG>}``, as SDKs record the sandbox's (the portal's
own sample shows a ConversationID as ResponseCode and "QR Code Successfully Generated.").

What the code holds: Safaricom does not publish its payload (only the M-Pesa app reads it), so the
simulator's says plainly what it stands for, and that it is not M-Pesa's: a fixed prefix, then
the fields URL-encoded in the request's order, e.g.

    MPESA-SIMULATOR-QR?TrxCode=BG&CPI=373132&Amount=2000&RefNo=Invoice+Test&MerchantName=TEST+SHOP

encoded by segno in byte mode at error correction level M (``qr_code``). The image is exactly
Size x Size pixels, a 1-bit greyscale PNG: whole pixels per module, the code centred in a white
quiet zone of at least four modules (``png``).
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import segno

from mpesa_desktop.simulator import identifiers
from mpesa_desktop.simulator.state import SimulatorState
from mpesa_desktop.simulator.validation import validate
from mpesa_desktop.simulator.wire import invalid_field

PAYLOAD_PREFIX = "MPESA-SIMULATOR-QR?"
ERROR_LEVEL = "m"
QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
GENERATED = "The service request is processed successfully."


def payload(body: dict[str, Any]) -> str:
    """The text the code holds (see the module docstring)."""
    fields = {"TrxCode": body["TrxCode"], "CPI": body["CPI"], "Amount": int(float(body["Amount"])),
              "RefNo": body["RefNo"], "MerchantName": body["MerchantName"]}
    return PAYLOAD_PREFIX + urlencode(fields)


def qr_code(text: str) -> segno.QRCode:
    return segno.make(text, error=ERROR_LEVEL, mode="byte", micro=False, boost_error=False)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(matrix: Sequence[Sequence[int]], size: int) -> bytes | None:
    """A ``size`` x ``size`` 1-bit greyscale PNG of ``matrix`` (truthy = dark), or None when the
    code and its quiet zone do not fit."""
    scale = size // (len(matrix) + 2 * QUIET_ZONE)
    if scale < 1:
        return None
    margin = (size - scale * len(matrix)) // 2
    padded = -size % 8  # each row is whole bytes

    def pixel_row(modules: Sequence[int]) -> bytes:
        bits = ("1" * margin + "".join(("0" if dark else "1") * scale for dark in modules)
                ).ljust(size + padded, "1")
        return b"\x00" + int(bits, 2).to_bytes(len(bits) // 8, "big")  # filter type 0

    white = pixel_row([])
    rows = [white] * margin
    for modules in matrix:
        rows += [pixel_row(modules)] * scale
    rows += [white] * (size - len(rows))
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


async def generate(state: SimulatorState, body: dict[str, Any]) -> dict:
    validate("dynamic_qr", body)
    image = png(qr_code(payload(body)).matrix, int(str(body["Size"])))
    if image is None:
        raise invalid_field("Size")
    return {
        "ResponseCode": "00",
        "RequestID": identifiers.request_id(),
        "ResponseDescription": GENERATED,
        "QRCode": base64.b64encode(image).decode("ascii"),
    }
