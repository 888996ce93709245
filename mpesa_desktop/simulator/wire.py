"""Daraja's synchronous answers: the error body and the refusal raised by operation handlers.

Error bodies have exactly the keys ``requestId``, ``errorCode``, ``errorMessage``
(daraja-reference.md section 5.1).
"""

from __future__ import annotations

from aiohttp import web

from mpesa_desktop.simulator import identifiers


class Refusal(Exception):
    """Daraja refuses the request synchronously with an error body."""

    def __init__(self, http_status: int, error_code: str, error_message: str):
        super().__init__(f"{error_code} {error_message}")
        self.http_status = http_status
        self.error_code = error_code
        self.error_message = error_message

    def response(self) -> web.Response:
        return error_response(self.http_status, self.error_code, self.error_message)


def invalid_field(field_name: str) -> Refusal:
    """``400.002.02 Bad Request - Invalid <Field>``, Daraja's answer to any bad field."""
    return Refusal(400, "400.002.02", f"Bad Request - Invalid {field_name}")


def invalid_payload() -> Refusal:
    """``400.002.05 Invalid Request Payload``: a body that is not a JSON object (section 5.2)."""
    return Refusal(400, "400.002.05", "Invalid Request Payload")


def error_response(http_status: int, error_code: str, error_message: str) -> web.Response:
    body = {
        "requestId": identifiers.request_id(),
        "errorCode": error_code,
        "errorMessage": error_message,
    }
    return web.json_response(body, status=http_status)


def not_found() -> web.Response:
    return error_response(404, "404.001.01", "Resource not found")


def method_not_allowed() -> web.Response:
    return error_response(405, "405.001", "Method Not Allowed")
