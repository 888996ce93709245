"""Pull Transactions: M-Pesa's own record of the payments a shortcode received, asked for online
(daraja-reference.md 1.2): register the shortcode once, then query a time range, a page at a time
(``OffSetValue``). Both are answered at once by their acknowledgement; the query's answer holds
the transactions (``reconcile.pulled`` reads them). Daraja keeps the last 48 hours of C2B.

The answers' shape is not in daraja-reference.md [UNCERTAIN]: the app reads the portal's sample
as the project recalls it: register ``{ResponseRefID, ResponseStatus "1000", ShortCode,
ResponseDescription}``; query ``{ResponseRefID, ResponseCode "1000", ResponseMessage, Response:
[[{transactionId, trxDate, msisdn, sender, transactiontype, billreference, amount,
organizationname}]]}`` (so "1000" is a success here, ``success_codes``).
"""

from __future__ import annotations

from mpesa_desktop.catalogue.fields import FROM_PROFILE, FieldKind, FieldRule, phone, shortcode, url
from mpesa_desktop.catalogue.model import Answer, Op, Operation, Option

PULL_REGISTER = Operation(
    name=Op.PULL_REGISTER, label="Pull register", noun="Pull Transactions registration",
    command="pull-register", summary="register the shortcode for Pull Transactions",
    path="/pulltransactions/v1/register",
    wire=(("ShortCode", "shortcode"), ("RequestType", "=Pull"),
          ("NominatedNumber", "nominated_number"), ("CallBackURL", "callback_url")),
    fields={
        "shortcode": shortcode("Shortcode"),
        "nominated_number": phone("Nominated number"),
        "callback_url": url("Callback URL"),
    },
    options=(
        Option("--shortcode", "shortcode", FROM_PROFILE),
        Option("--nominated-number", "nominated_number", "the phone M-Pesa tells of it"),
        Option("--callback-url", "callback_url", "(default: the relay's)"),
    ),
    columns=lambda v: {"amount": None, "party_a": v["shortcode"],
                       "phone": v["nominated_number"],
                       "remarks": "Register for Pull Transactions"},
    prefill=lambda p, u: {"shortcode": p.shortcode, "nominated_number": p.test_msisdn,
                          "callback_url": u.result},
    answer=Answer.AT_ONCE,
)

PULL_QUERY = Operation(
    name=Op.PULL_QUERY, label="Pull query", noun="Pull Transactions query",
    command="pull", summary="fetch M-Pesa's record of payments received in a time range",
    path="/pulltransactions/v1/query",
    wire=(("ShortCode", "shortcode"), ("StartDate", "start_date"), ("EndDate", "end_date"),
          ("OffSetValue", "offset")),
    fields={
        "shortcode": shortcode("Shortcode"),
        "start_date": FieldRule("From", FieldKind.TIME),
        "end_date": FieldRule("To", FieldKind.TIME),
        "offset": FieldRule("Offset", FieldKind.COUNT, required=False, default="0"),
    },
    options=(
        Option("--shortcode", "shortcode", FROM_PROFILE),
        Option("--start", "start_date"),
        Option("--end", "end_date"),
        Option("--offset", "offset", "rows already fetched (paging)"),
    ),
    columns=lambda v: {"amount": None, "party_a": v["shortcode"],
                       "remarks": f"Pull {v['start_date']} to {v['end_date']}"},
    prefill=lambda p, u: {"shortcode": p.shortcode, "offset": "0"},
    answer=Answer.AT_ONCE,
    success_codes=("1000",),
)
