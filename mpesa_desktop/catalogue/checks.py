"""The checks: account balance and transaction status, both answered by a Result callback."""

from __future__ import annotations

from mpesa_desktop.catalogue.fields import (
    CALLBACKS,
    FROM_PROFILE,
    IDENTIFIER_TYPE,
    INITIATOR_WIRE,
    OCCASION,
    REMARKS,
    SIGNED,
    URLS_RESULT_FIRST_WIRE,
    URLS_WIRE,
    FieldKind,
    FieldRule,
)
from mpesa_desktop.catalogue.model import Op, Operation, Option
from mpesa_desktop.catalogue.prefill import Prefill, signed

IDENTIFIER_NOTE = "4 shortcode, 2 till, 1 phone"


def _check_prefill(remarks: str) -> Prefill:
    return lambda p, u: {**signed(p, u), "party_a": p.shortcode, "identifier_type": "4",
                         "remarks": remarks}


ACCOUNT_BALANCE = Operation(
    name=Op.ACCOUNT_BALANCE, label="Balance", noun="balance check", command="balance",
    summary="ask for the account balances", path="/mpesa/accountbalance/v1/query",
    wire=(*INITIATOR_WIRE, ("CommandID", "=AccountBalance"), ("PartyA", "party_a"),
          ("IdentifierType", "identifier_type"), ("Remarks", "remarks"), *URLS_WIRE),
    fields={
        **SIGNED,
        "party_a": FieldRule("Shortcode", FieldKind.PARTY),
        "identifier_type": IDENTIFIER_TYPE,
        "remarks": REMARKS,
        **CALLBACKS,
    },
    options=(
        Option("--party-a", "party_a", FROM_PROFILE),
        Option("--identifier-type", "identifier_type", IDENTIFIER_NOTE),
        Option("--remarks", "remarks"),
    ),
    columns=lambda v: {"amount": None, "remarks": v.get("remarks"), "party_a": v["party_a"]},
    prefill=_check_prefill("Balance check"),
)

TRANSACTION_STATUS = Operation(
    name=Op.TRANSACTION_STATUS, label="Status check", noun="status check", command="status",
    summary="ask what happened to a transaction", path="/mpesa/transactionstatus/v1/query",
    wire=(*INITIATOR_WIRE, ("CommandID", "=TransactionStatusQuery"),
          ("TransactionID", "transaction_id?"),
          ("OriginalConversationID", "original_conversation_id?"), ("PartyA", "party_a"),
          ("IdentifierType", "identifier_type"), *URLS_RESULT_FIRST_WIRE, ("Remarks", "remarks"),
          ("Occasion", "occasion?")),
    fields={
        **SIGNED,
        "transaction_id": FieldRule("M-Pesa receipt", FieldKind.RECEIPT, required=False),
        "original_conversation_id": FieldRule("Originator conversation ID", FieldKind.ID,
                                              required=False, max_len=128),
        "party_a": FieldRule("Shortcode", FieldKind.PARTY),
        "identifier_type": IDENTIFIER_TYPE,
        "remarks": REMARKS,
        **CALLBACKS,
        "occasion": OCCASION,
    },
    options=(
        Option("--receipt", "transaction_id"),
        Option("--originator-id", "original_conversation_id", "the OriginatorConversationID"),
        Option("--party-a", "party_a", FROM_PROFILE),
        Option("--identifier-type", "identifier_type", IDENTIFIER_NOTE),
        Option("--remarks", "remarks"),
        Option("--occasion", "occasion"),
    ),
    columns=lambda v: {"amount": None, "remarks": v.get("remarks"), "party_a": v["party_a"],
                       "account_reference": v.get("transaction_id")
                       or v.get("original_conversation_id")},
    asks_about_another=True,
    prefill=_check_prefill("Status check"),
)
