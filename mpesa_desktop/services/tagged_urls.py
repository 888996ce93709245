"""Per-transaction callback URLs: each request's ResultURL, QueueTimeOutURL and STK CallBackURL
carry the reference of its own log row as ``?ref=<reference>``.

Daraja posts the result to the URL exactly as given, and the relay keeps the ``ref`` with the
stored callback (``relay.reference``), so ``services.settle`` can find the row even when the
acknowledgement that named Daraja's OriginatorConversationID and ConversationID was lost. The
C2B URLs are registered once per shortcode and shared by every payment: they are never tagged.

A URL's other query parameters are kept as they are; an earlier ``ref`` (a URL copied from
another request) is replaced. A reference that is not a well-formed ref (a B2C
OriginatorConversationID chosen by hand) tags nothing: that row is matched by its id anyway.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mpesa_desktop.relay.reference import REF_PARAM, valid_ref

TAGGED_FIELDS = ("result_url", "queue_timeout_url", "callback_url")


def with_reference(url: str, reference: str) -> str:
    """``url`` with its ``ref`` query parameter set to ``reference``."""
    parts = urlsplit(url)
    kept = [pair for pair in parts.query.split("&")
            if pair and pair.split("=", 1)[0] != REF_PARAM]
    query = "&".join([*kept, f"{REF_PARAM}={reference}"])
    return urlunsplit(parts._replace(query=query))


def tag_callback_urls(fields: dict[str, Any], reference: str) -> dict[str, Any]:
    """A copy of an operation's fields whose callback URLs carry ``reference``."""
    if valid_ref(reference) is None:
        return dict(fields)
    tagged = dict(fields)
    for name in TAGGED_FIELDS:
        value = tagged.get(name)
        if isinstance(value, str) and value:
            tagged[name] = with_reference(value, reference)
    return tagged
