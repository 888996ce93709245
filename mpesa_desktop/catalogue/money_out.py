"""The payouts: money out of the business (B2C, B2Pochi, B2B, KRA tax, reversal).

Each is confirmed by the clerk, capped and counted by the guard, keyed against twins by the
ledger, settled by its Result callback or, failing that, by a Transaction Status query.
"""

from __future__ import annotations

from typing import Any

from mpesa_desktop.catalogue.fields import (
    CALLBACKS,
    FROM_PROFILE,
    INITIATOR_WIRE,
    OCCASION,
    REMARKS,
    REMARKS_2,
    SIGNED,
    URLS_RESULT_FIRST_WIRE,
    URLS_WIRE,
    FieldKind,
    FieldRule,
    amount,
    choice,
    phone,
    shortcode,
    text,
)
from mpesa_desktop.catalogue.model import Key, Money, Op, Operation, Option, Values
from mpesa_desktop.catalogue.prefill import ProfileFacts, signed
from mpesa_desktop.kenya import KRA_SHORTCODE
from mpesa_desktop.messages import message

_B2B_TYPES = (("SenderIdentifierType", "=4"), ("RecieverIdentifierType", "=4"))


def _to_phone(v: Values) -> dict[str, Any]:
    return {"amount": v.get("amount"), "remarks": v.get("remarks"), "party_a": v["party_a"],
            "party_b": v["party_b"], "phone": v["party_b"]}


def _to_business(v: Values) -> dict[str, Any]:
    return {"amount": v.get("amount"), "remarks": v.get("remarks"), "party_a": v["party_a"],
            "party_b": v["party_b"], "phone": v.get("requester"),
            "account_reference": v.get("account_reference")}


def _business_recipient(v: Values) -> str:
    account = v.get("account_reference")
    if account:
        return message("to business {business}, account {account}", business=v["party_b"],
                       account=account)
    return message("to business {business}", business=v["party_b"])


def _b2c_shortcode(profile: ProfileFacts) -> str | None:
    return profile.b2c_shortcode or profile.shortcode


def _phone_payout(name: Op, label: str, noun: str, command: str, summary: str, path: str,
                  command_id: FieldRule, command_options: tuple[Option, ...]) -> Operation:
    """B2C v3 and B2Pochi: one wire body, told apart by the path and the CommandID."""
    return Operation(
        name=name, label=label, noun=noun, command=command, summary=summary, path=path,
        wire=(
            ("OriginatorConversationID", "originator_conversation_id"),
            ("InitiatorName", "initiator"), ("SecurityCredential", "security_credential"),
            ("CommandID", "command_id"), ("Amount", "amount"), ("PartyA", "party_a"),
            ("PartyB", "party_b"), ("Remarks", "remarks"), *URLS_WIRE,
            ("Occassion", "occasion?"),
        ),
        fields={
            "originator_conversation_id": FieldRule(
                "Originator conversation ID", FieldKind.ID, required=False, max_len=100),
            **SIGNED,
            "command_id": command_id,
            "amount": amount("Amount", 10, 250_000),
            "party_a": shortcode("Paying shortcode"),
            "party_b": phone("Phone number"),
            "remarks": REMARKS_2,
            **CALLBACKS,
            "occasion": OCCASION,
        },
        options=(
            Option("--phone", "party_b", "the customer's phone"),
            Option("--amount", "amount"),
            Option("--remarks", "remarks"),
            *command_options,
            Option("--occasion", "occasion"),
            Option("--party-a", "party_a", FROM_PROFILE),
        ),
        columns=_to_phone,
        key=Key.PAYMENT,
        recipient=lambda v: message("to phone {phone}", phone=v["party_b"]),
        prefill=lambda p, u: {**signed(p, u), "command_id": command_id.choices[0],
                              "party_a": _b2c_shortcode(p)},
        money=Money.OUT, settled_by_query=True,
    )


B2C = _phone_payout(
    Op.B2C, "Pay customer", "payment to a customer", "b2c", "pay a customer (B2C)",
    "/mpesa/b2c/v3/paymentrequest",
    choice("Payment type", ("BusinessPayment", "SalaryPayment", "PromotionPayment")),
    (Option("--command-id", "command_id"),))

B2POCHI = _phone_payout(
    Op.B2POCHI, "Pay Pochi", "payment to a Pochi la Biashara wallet", "b2pochi",
    "pay a Pochi la Biashara wallet (B2Pochi)", "/mpesa/b2pochi/v1/paymentrequest",
    choice("Payment type", ("BusinessPayToPochi",), default="BusinessPayToPochi"), ())

B2B = Operation(
    name=Op.B2B, label="Pay business", noun="payment to a business", command="b2b",
    summary="pay a business (B2B)", path="/mpesa/b2b/v1/paymentrequest",
    wire=(
        *INITIATOR_WIRE, ("CommandID", "command_id"), *_B2B_TYPES, ("Amount", "amount"),
        ("PartyA", "party_a"), ("PartyB", "party_b"),
        ("AccountReference", "account_reference?"), ("Requester", "requester?"),
        ("Remarks", "remarks"), *URLS_WIRE, ("Occassion", "occasion?"),
    ),
    fields={
        **SIGNED,
        "command_id": choice("Payment type",
                             ("BusinessPayBill", "BusinessBuyGoods", "BusinessPayToBulk")),
        "amount": amount("Amount", 1),
        "party_a": shortcode("Paying shortcode"),
        "party_b": shortcode("Receiving paybill or till"),
        "account_reference": text("Account reference", 1, 13, required=False),
        "requester": phone("On behalf of (phone)", required=False),
        "remarks": REMARKS,
        **CALLBACKS,
        "occasion": OCCASION,
    },
    options=(
        Option("--party-b", "party_b"),
        Option("--amount", "amount"),
        Option("--account-ref", "account_reference", "required for a paybill"),
        Option("--remarks", "remarks"),
        Option("--command-id", "command_id"),
        Option("--requester", "requester", "the customer paid for"),
        Option("--occasion", "occasion"),
        Option("--party-a", "party_a", FROM_PROFILE),
    ),
    columns=_to_business,
    key=Key.PAYMENT,
    recipient=_business_recipient,
    money=Money.OUT, settled_by_query=True,
    prefill=lambda p, u: {**signed(p, u), "command_id": "BusinessPayBill",
                          "party_a": p.shortcode},
)

TAX_REMITTANCE = Operation(
    name=Op.TAX_REMITTANCE, label="Tax remittance", noun="tax payment", command="tax",
    summary="pay tax to KRA with a payment number (PRN)", path="/mpesa/b2b/v1/remittax",
    wire=(
        *INITIATOR_WIRE, ("CommandID", "=PayTaxToKRA"), *_B2B_TYPES, ("Amount", "amount"),
        ("PartyA", "party_a"), ("PartyB", "party_b"),
        ("AccountReference", "account_reference"), ("Remarks", "remarks"), *URLS_WIRE,
    ),
    fields={
        **SIGNED,
        "amount": amount("Amount", 1),
        "party_a": shortcode("Paying shortcode"),
        "party_b": FieldRule("KRA shortcode", FieldKind.SHORTCODE, required=False,
                             choices=(KRA_SHORTCODE,), default=KRA_SHORTCODE),
        "account_reference": text("KRA payment number (PRN)", 1, 13),
        "remarks": REMARKS,
        **CALLBACKS,
    },
    options=(
        Option("--prn", "account_reference", "from the KRA iTax payment slip"),
        Option("--amount", "amount"),
        Option("--remarks", "remarks"),
        Option("--party-a", "party_a", FROM_PROFILE),
    ),
    columns=_to_business,
    key=Key.PAYMENT,
    recipient=_business_recipient,
    money=Money.OUT, settled_by_query=True,
    short="tax payment",
    prefill=lambda p, u: {**signed(p, u), "party_a": p.shortcode, "party_b": KRA_SHORTCODE},
)


def _reversal_columns(v: Values) -> dict[str, Any]:
    return {"amount": v.get("amount"), "remarks": v.get("remarks"),
            "party_a": v["receiver_party"], "account_reference": v["transaction_id"]}


REVERSAL = Operation(
    name=Op.REVERSAL, label="Refund", noun="refund (reversal)", command="reversal",
    summary="refund a customer payment (reversal)", path="/mpesa/reversal/v1/request",
    wire=(
        *INITIATOR_WIRE, ("CommandID", "=TransactionReversal"),
        ("TransactionID", "transaction_id"), ("Amount", "amount"),
        ("ReceiverParty", "receiver_party"), ("RecieverIdentifierType", "=11"),
        *URLS_RESULT_FIRST_WIRE, ("Remarks", "remarks"), ("Occasion", "occasion?"),
    ),
    fields={
        **SIGNED,
        "transaction_id": FieldRule("M-Pesa receipt to reverse", FieldKind.RECEIPT),
        "amount": amount("Amount", 1),
        "receiver_party": shortcode("Your shortcode"),
        "remarks": REMARKS_2,
        **CALLBACKS,
        "occasion": OCCASION,
    },
    options=(
        Option("--receipt", "transaction_id", "of the payment to reverse"),
        Option("--amount", "amount"),
        Option("--remarks", "remarks"),
        Option("--occasion", "occasion"),
        Option("--receiver-party", "receiver_party", FROM_PROFILE),
    ),
    columns=_reversal_columns,
    key=Key.RECEIPT,
    recipient=lambda v: message("back to the payer of receipt {receipt}",
                                receipt=v["transaction_id"]),
    short="refund",
    prefill=lambda p, u: {**signed(p, u), "receiver_party": p.shortcode},
    money=Money.OUT, settled_by_query=True,
)
