"""Dynamic QR (/mpesa/qrcode/v1/generate): a synchronous answer carrying a real PNG of Size x Size
pixels whose code holds the documented payload (daraja-reference.md section 1.2)."""

from __future__ import annotations

import base64
import re
import struct
import zlib

import pytest
import segno
from PySide6.QtGui import QImage

from tests.fixtures.simulator import wait_until

PATH = "/mpesa/qrcode/v1/generate"
# the portal's sample body, as the SDKs copy it
SAMPLE = {"MerchantName": "TEST SUPERMARKET", "RefNo": "Invoice Test", "Amount": 2000,
          "TrxCode": "BG", "CPI": "373132", "Size": "300"}
SAMPLE_PAYLOAD = ("MPESA-SIMULATOR-QR?TrxCode=BG&CPI=373132&Amount=2000&RefNo=Invoice+Test"
                  "&MerchantName=TEST+SUPERMARKET")


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG's chunks, each CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def _modules(image: QImage) -> list[list[int]]:
    """The code's modules (1 = dark) read back from the pixels: the top-left finder pattern is
    7 modules wide, so its first dark run gives the module size."""
    def dark(x: int, y: int) -> bool:
        return image.pixelColor(x, y).lightness() < 128

    size = image.width()
    top = next(y for y in range(size) if any(dark(x, y) for x in range(size)))
    left = next(x for x in range(size) if dark(x, top))
    run = next(x for x in range(left, size) if not dark(x, top)) - left
    module = run / 7
    right = max(x for x in range(size) if dark(x, top))
    count = round((right - left + 1) / module)
    return [[int(dark(int(left + (col + 0.5) * module), int(top + (row + 0.5) * module)))
             for col in range(count)] for row in range(count)]


def _expected(payload: str) -> list[list[int]]:
    code = segno.make(payload, error="m", mode="byte", micro=False, boost_error=False)
    return [list(row) for row in code.matrix]


def _image(answer) -> tuple[bytes, QImage]:
    png = base64.b64decode(answer.json()["QRCode"], validate=True)
    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    return png, image


def test_the_answer_and_its_png(simulator, daraja_http):
    answer = daraja_http.post(PATH, SAMPLE)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"ResponseCode", "RequestID", "ResponseDescription", "QRCode"}
    assert body["ResponseCode"] == "00"
    assert body["ResponseDescription"] == "The service request is processed successfully."
    assert re.fullmatch(r"\d{5}-\d{7}-1", body["RequestID"])
    png, image = _image(answer)
    chunks = _chunks(png)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height = struct.unpack(">II", chunks[0][1][:8])
    assert (width, height) == (300, 300) == (image.width(), image.height())
    assert _modules(image) == _expected(SAMPLE_PAYLOAD)
    assert simulator.transactions() == []  # nothing is paid by making a code


@pytest.mark.parametrize(("trx_code", "cpi", "size"), [
    ("PB", "600997", 512), ("SM", "0708920430", "250"), ("WA", "12345", 100),
    ("SB", "254708374149", "2000")])
def test_every_transaction_type_and_size(simulator, daraja_http, trx_code, cpi, size):
    body = {**SAMPLE, "TrxCode": trx_code, "CPI": cpi, "Size": size, "Amount": "10",
            "RefNo": "A&B=C ?", "MerchantName": "Mama Mboga"}
    _png, image = _image(daraja_http.post(PATH, body))
    assert image.width() == image.height() == int(size)
    payload = (f"MPESA-SIMULATOR-QR?TrxCode={trx_code}&CPI={cpi}&Amount=10"
               "&RefNo=A%26B%3DC+%3F&MerchantName=Mama+Mboga")
    assert _modules(image) == _expected(payload)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"MerchantName": None}, "MerchantName"),
    ({"RefNo": ""}, "RefNo"),
    ({"Amount": 0}, "Amount"),
    ({"Amount": "12.5"}, "Amount"),
    ({"TrxCode": "bg"}, "TrxCode"),
    ({"TrxCode": None}, "TrxCode"),
    ({"CPI": "07-089"}, "CPI"),
    ({"Size": None}, "Size"),
    ({"Size": "99"}, "Size"),
    ({"Size": "2001"}, "Size"),
    ({"Size": "300px"}, "Size"),
    ({"MerchantName": None, "Size": "1"}, "MerchantName"),  # the first bad field is named
    ({"RefNo": "&" * 100, "MerchantName": "&" * 100, "Size": 100}, "Size"),  # cannot fit
])
def test_bad_fields(simulator, daraja_http, overrides, field):
    body = {k: v for k, v in {**SAMPLE, **overrides}.items() if v is not None}
    answer = daraja_http.post(PATH, body)
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "400.002.02"
    assert answer.json()["errorMessage"] == f"Bad Request - Invalid {field}"


def test_a_bad_token_and_the_request_count(simulator, daraja_http):
    refused = daraja_http.post(PATH, SAMPLE, token="q" * 28)
    assert (refused.status_code, refused.json()["errorCode"]) == (404, "404.001.03")
    assert daraja_http.post(PATH, SAMPLE).ok
    wait_until(lambda: simulator.stats()["paths"].get(PATH) == 2)
