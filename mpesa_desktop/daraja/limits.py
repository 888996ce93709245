"""Daraja's field rules as ONE table, and the pure functions that apply it.

The client, the services, the command line and the GUI forms (live hints, counters, labels) all
use these functions, so a rule is written once (daraja-reference.md sections 2 and 3):

- ``rule(operation, field)`` gives a field's :class:`FieldRule`;
- ``check_field(...)`` gives a short message naming the broken rule, or None;
- ``validate(...)`` checks every field of an operation, raises ValidationError listing EVERY bad
  field, and returns the normalised fields (MSISDN to 2547/2541 + 8 digits, amounts to int by
  the one strict reader in ``daraja.amounts``, shortcodes to str, defaults filled in).

The Kenyan facts these rules use (the phone, shortcode and receipt patterns) are
declared in ``mpesa_desktop.kenya``. Each rule's words are a ``messages.message`` template (the
window says them in its language); a rule raised as ``ValueError(message)`` keeps its
``Message`` on the way to the errors (``messages.said``).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from mpesa_desktop.catalogue import OPERATIONS as CATALOGUE, FieldRule
from mpesa_desktop.daraja.amounts import read_amount
from mpesa_desktop.daraja.errors import ValidationError
from mpesa_desktop.kenya import (
    EAT,
    RECEIPT_HINT,
    is_receipt,
    normalise_msisdn,
    normalise_shortcode,
)
from mpesa_desktop.messages import message, said

ENVIRONMENTS = ("offline", "sandbox", "production", "custom")
C2B_FORBIDDEN_WORDS = ("m-pesa", "mpesa", "safaricom", "exec", "exe", "cmd", "sql", "query")

_WHITESPACE = re.compile(r"\s")
REQUIRED = message("is required")
NOT_TEXT = message("must be text")
NO_SPACES = message("must not contain spaces")
URL_HINT = message("must be a web address like https://example.com/callback")


TABLE: dict[str, Mapping[str, FieldRule]] = {
    name: declared.fields for name, declared in CATALOGUE.items()
}
OPERATIONS = tuple(TABLE)


def fields_of(operation: str) -> Mapping[str, FieldRule]:
    """The rules of every field of an operation, in form order."""
    try:
        return TABLE[operation]
    except KeyError:
        raise ValueError(
            f"unknown operation {operation!r}; choose one of {', '.join(OPERATIONS)}"
        ) from None


def rule(operation: str, field: str) -> FieldRule:
    """The rule of one field (ValueError for an unknown operation or field)."""
    rules = fields_of(operation)
    try:
        return rules[field]
    except KeyError:
        raise ValueError(f"{operation} has no field {field!r}") from None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---- single-value normalisers: each returns the normalised value or raises ValueError(rule) ----

def normalise_amount(value: Any, field_rule: FieldRule) -> int:
    """Whole shillings within the rule's bounds, read by the one strict reader
    (``daraja.amounts``: ``"1,500"``, ``"KES 1,500.00"``, 1500 accepted; ``"1500,00"`` not)."""
    return read_amount(value, field_rule.min_amount or 1, field_rule.max_amount)


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(value: Any, environment: str = "sandbox", *, c2b: bool = False) -> str:
    """A callback URL Daraja will accept in this environment; raises ValueError(rule)."""
    if not isinstance(value, str):
        raise ValueError(URL_HINT)
    url = value.strip()
    if _WHITESPACE.search(url):
        raise ValueError(NO_SPACES)
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        host = ""
    if not host or parts.scheme not in ("http", "https"):
        raise ValueError(URL_HINT)
    if parts.scheme != "https":
        if environment == "production":
            raise ValueError(message("must start with https:// in production"))
        if environment == "custom" and not _is_loopback(host):
            raise ValueError(message("must start with https:// (http only for this computer)"))
    if len(url) > 1000:
        raise ValueError(message("at most {high} characters", high=1000))
    if c2b:
        lowered = url.lower()
        for word in C2B_FORBIDDEN_WORDS:
            if word in lowered:
                raise ValueError(message(
                    "must not contain the word '{word}' (Daraja refuses it)", word=word))
    return url


def _length_text(field_rule: FieldRule) -> str:
    low, high = field_rule.min_len, field_rule.max_len
    if low and low > 1 and high:
        return message("must be {low} to {high} characters", low=low, high=high)
    if low and low > 1:
        return message("at least {low} characters", low=low)
    return message("at most {high} characters", high=high)


def _normalise_text(value: Any, field_rule: FieldRule) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError(NOT_TEXT)
    text = str(value).strip()
    if "\n" in text or "\r" in text:
        raise ValueError(message("must be a single line"))
    if (field_rule.min_len and len(text) < field_rule.min_len) or (
        field_rule.max_len and len(text) > field_rule.max_len
    ):
        raise ValueError(_length_text(field_rule))
    return text


def _normalise_choice(value: Any, field_rule: FieldRule) -> str:
    text = str(value).strip()
    for choice in field_rule.choices:
        if text.lower() == choice.lower():
            return choice
    raise ValueError(message("must be one of: {choices}", choices=", ".join(field_rule.choices)))


def _normalise_value(field_rule: FieldRule, value: Any, environment: str,
                     fields: dict[str, Any]) -> Any:
    """Normalise one present value, raising ValueError(rule message) when it is bad."""
    kind = field_rule.kind
    if kind == "amount":
        return normalise_amount(value, field_rule)
    if kind == "msisdn":
        return normalise_msisdn(value)
    if kind == "shortcode":
        code = normalise_shortcode(value)
        if field_rule.choices and code not in field_rule.choices:
            raise ValueError(message("must be {choices}",
                                     choices=" or ".join(field_rule.choices)))
        return code
    if kind == "party":
        identifier = str(fields.get("identifier_type") or "4").strip()
        if identifier == "1":
            return normalise_msisdn(value)
        return normalise_shortcode(value)
    if kind in ("url", "c2b_url"):
        return check_url(value, environment, c2b=kind == "c2b_url")
    if kind == "choice":
        return _normalise_choice(value, field_rule)
    if kind == "secret":
        if not isinstance(value, str):
            raise ValueError(NOT_TEXT)
        return value.strip()
    if kind == "receipt":
        receipt = str(value).strip().upper()
        if not is_receipt(receipt):
            raise ValueError(RECEIPT_HINT)
        return receipt
    if kind == "time":
        return normalise_time(value)
    if kind == "count":
        text = str(value).strip()
        if isinstance(value, bool) or not text.isdigit() or not text.isascii():
            raise ValueError(message("must be a whole number from 0"))
        return str(int(text))
    if kind == "id":
        text = _normalise_text(value, field_rule)
        if _WHITESPACE.search(text):
            raise ValueError(NO_SPACES)
        return text
    return _normalise_text(value, field_rule)


TIME_HINT = message("must be a time like 2026-11-28 14:00:00 (East Africa Time) or a date")
_TIME_FORMS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")


def normalise_time(value: Any) -> str:
    """A time as Pull Transactions takes it, ``YYYY-MM-DD HH:MM:SS`` in East Africa Time (a
    date alone is its midnight; an aware datetime is converted)."""
    if isinstance(value, datetime):
        moment = value.astimezone(EAT) if value.tzinfo else value
        return moment.strftime(_TIME_FORMS[0])
    text = " ".join(str(value).split())
    for form in _TIME_FORMS:
        try:
            return datetime.strptime(text, form).strftime(_TIME_FORMS[0])
        except ValueError:
            continue
    raise ValueError(TIME_HINT)


def _cross_field_errors(operation: str, values: dict[str, Any],
                        environment: str) -> dict[str, str]:
    """Rules that join two fields (after single-field checks)."""
    errors: dict[str, str] = {}
    if operation == "b2b" and values.get("command_id") == "BusinessPayBill" and _blank(
        values.get("account_reference")
    ):
        errors["account_reference"] = message("is required for a paybill payment")
    if operation == "transaction_status" and _blank(values.get("transaction_id")) and _blank(
        values.get("original_conversation_id")
    ):
        errors["transaction_id"] = message(
            "give the M-Pesa receipt or the originator conversation ID")
    start, end = values.get("start_date"), values.get("end_date")
    if operation == "pull_query" and start and end:
        try:
            if normalise_time(end) <= normalise_time(start):
                errors["end_date"] = message("must be after the start")
        except ValueError:
            pass  # each is named by its own rule
    if operation == "c2b_simulate" and environment == "production":
        errors["shortcode"] = message("C2B simulate works only in the sandbox or offline")
    return errors


def _check_environment(environment: str) -> None:
    if environment not in ENVIRONMENTS:
        raise ValueError(
            f"unknown environment {environment!r}; choose one of {', '.join(ENVIRONMENTS)}"
        )


def check_field(operation: str, field: str, value: Any, environment: str = "sandbox",
                fields: dict[str, Any] | None = None) -> str | None:
    """The short rule ``value`` breaks (for live hints), or None when it is fine.

    ``fields`` (the rest of the form) lets rules that join fields apply, e.g. the account
    reference a paybill payment needs.
    """
    _check_environment(environment)
    field_rule = rule(operation, field)
    others = dict(fields or {})
    others[field] = value
    if _blank(value):
        broken = _cross_field_errors(operation, others, environment).get(field)
        if broken:
            return broken
        return REQUIRED if field_rule.required and field_rule.default is None else None
    try:
        _normalise_value(field_rule, value, environment, others)
    except ValueError as error:
        return said(error)
    return _cross_field_errors(operation, others, environment).get(field)


def validate(operation: str, fields: dict[str, Any], environment: str = "sandbox") -> dict:
    """Check every field; return them normalised with defaults filled in.

    Raises ValidationError naming EVERY bad field (unknown fields included); nothing else
    happens, so nothing is sent.
    """
    _check_environment(environment)
    rules = fields_of(operation)
    errors: dict[str, str] = {}
    for name, value in fields.items():
        if name not in rules and not _blank(value):
            errors[name] = message("is not a field of {operation}", operation=operation)
    values: dict[str, Any] = {}
    for name, field_rule in rules.items():
        value = fields.get(name)
        if _blank(value):
            if field_rule.default is not None:
                values[name] = field_rule.default
            elif field_rule.required:
                errors[name] = REQUIRED
            continue
        try:
            values[name] = _normalise_value(field_rule, value, environment, fields)
        except ValueError as error:
            errors[name] = said(error)
    for name, broken in _cross_field_errors(operation, values, environment).items():
        errors.setdefault(name, broken)
    if errors:
        raise ValidationError(errors)
    if operation == "stk_push":
        values.setdefault("party_a", values["phone_number"])
        values.setdefault("party_b", values["business_shortcode"])
    return values
