"""Daraja's result codes and error codes, with what each means for a clerk.

Result codes come in callbacks and STK queries (daraja-reference.md section 5.4); error codes come
in synchronous error bodies (section 5.2). Each entry keeps Daraja's own text and a plain-English
meaning: what happened, and what to do next.
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    """One code: Daraja's description and its meaning in plain words."""

    daraja_text: str
    meaning: str


RESULT_CODES: dict[str, Code] = {
    "0": Code("The service request is processed successfully.",
              "Completed successfully."),
    "1": Code("The balance is insufficient for the transaction.",
              "Not enough money in the paying account. Top up the account (for payouts: the "
              "Utility account) and try again."),
    "2": Code("Declined due to limit rule (below minimum)",
              "The amount is below the minimum M-Pesa allows. Use a larger amount."),
    "3": Code("Declined due to limit rule: greater than the maximum transaction amount.",
              "The amount is above the most M-Pesa allows in one transaction. Split it."),
    "4": Code("Declined due to limit rule: would exceed daily transfer limit",
              "The customer's daily M-Pesa limit would be exceeded. Try again tomorrow."),
    "8": Code("Declined due to limit rule: would exceed the maximum balance.",
              "The customer's wallet would go over its maximum balance. Send a smaller amount."),
    "11": Code("The DebitParty is in an invalid state.",
               "The paying account is not active. Ask Safaricom to check the shortcode."),
    "15": Code("Duplicate Detected",
               "M-Pesa saw this request before and ignored the repeat. Check the status of the "
               "first one before doing anything else."),
    "17": Code("Rule limited.",
               "The same amount was requested from this customer in the last 2 minutes. Wait "
               "and check the first request."),
    "18": Code("Initiator Credential Check Failure",
               "The initiator password or certificate was not accepted. Check the credentials."),
    "19": Code("Message Sequencing Failure",
               "M-Pesa could not process the request in order. Try again later."),
    "20": Code("Unresolved Initiator",
               "The initiator (API user) name is not known. Check the initiator name."),
    "21": Code("The initiator is not allowed to initiate this request",
               "The API user lacks the role for this operation. Ask your M-Pesa business "
               "administrator to grant it."),
    "22": Code("Initiator to Receiver Party Permission Failure",
               "This account may not pay that receiver. Check the receiver number."),
    "24": Code("Missing mandatory fields",
               "The request was missing information. Check the form and try again."),
    "25": Code("InvalidRequestParameters",
               "Some details in the request were not valid. Check the form and try again."),
    "26": Code("Traffic blocking condition in place",
               "M-Pesa is too busy right now. Try again in a few minutes."),
    "29": Code("InvalidCommand",
               "M-Pesa did not recognise the operation. Check the payment type."),
    "1001": Code("Unable to lock subscriber",
                 "The customer is in another M-Pesa session. Wait a minute and try again."),
    "1019": Code("Transaction has expired.",
                 "The customer did not finish in time and the request expired. Send a new one."),
    "1025": Code("An error occurred while sending a push request.",
                 "The payment prompt could not be sent to the phone. Try again."),
    "1032": Code("Request cancelled by user.",
                 "The customer cancelled the payment prompt. Nothing was paid."),
    "1037": Code("DS timeout user cannot be reached",
                 "The customer's phone did not respond (off or out of network). Nothing was "
                 "paid; try again later."),
    "2001": Code("The initiator information is invalid.",
                 "Wrong PIN or wrong initiator password. Check the password (or ask the "
                 "customer to retry with the right PIN)."),
    "2006": Code("Declined due to account rule: The account status does not allow this "
                 "transaction.",
                 "The account's status does not allow this transaction. Contact Safaricom."),
    "2028": Code("The request is not permitted according to product assignment.",
                 "This shortcode is not set up for this operation. Check the shortcode or ask "
                 "Safaricom to enable the product."),
    "2032": Code("The transaction receipt number does not exist.",
                 "No transaction with that receipt was found. Check the receipt number."),
    "2040": Code("Credit Party customer type (Unregistered or Registered Customer) can't be "
                 "supported by the service.",
                 "This phone number is not registered for M-Pesa, so it cannot receive this "
                 "payment."),
    "8006": Code("The security credential is locked.",
                 "The API user is locked after wrong passwords. Ask your M-Pesa business "
                 "administrator to unlock it."),
    "4999": Code("The transaction is still under processing.",
                 "The customer has not finished yet. Check again in a moment."),
    "SFC_IC0003": Code("The operator does not exist.",
                       "The shortcode or operator is not known to M-Pesa. Check the shortcode."),
    "R000001": Code("The transaction has already been reversed",
                    "This payment was already reversed. Nothing more to do."),
    "R000002": Code("The OriginalTransactionID is invalid",
                    "No payment with that receipt can be reversed. Check the receipt number."),
    "100000000": Code("Request cached", "M-Pesa queued the request. Wait for the result."),
    "100000001": Code("System overload", "M-Pesa is overloaded. Try again in a few minutes."),
    "100000002": Code("Throttling error", "Too many requests. Wait a little and try again."),
    "100000004": Code("Internal error", "M-Pesa had an internal error. Try again later."),
    "100000005": Code("Invalid input value",
                      "Some details were not valid. Check the form and try again."),
    "4001": Code("User cancelled transaction", "The payer cancelled. Nothing was paid."),
    "C2B00011": Code("Invalid MSISDN", "The payment was refused: invalid phone number."),
    "C2B00012": Code("Invalid Account Number", "The payment was refused: invalid account number."),
    "C2B00013": Code("Invalid Amount", "The payment was refused: invalid amount."),
    "C2B00014": Code("Invalid KYC Details", "The payment was refused: customer details invalid."),
    "C2B00015": Code("Invalid Shortcode", "The payment was refused: invalid shortcode."),
    "C2B00016": Code("Other Error", "The payment was refused by the validation service."),
}

ERROR_CODES: dict[str, Code] = {
    "400.002.02": Code("Bad Request - Invalid <Field>",
                       "Daraja found a field it does not accept. Check the details."),
    "400.002.05": Code("Invalid Request Payload",
                       "Daraja could not read the request. This is a program fault; report it."),
    "400.003.01": Code("Invalid Access Token",
                       "The access token was not accepted. Check the consumer key and secret."),
    "400.003.02": Code("Bad Request",
                       "Something required was missing from the request. Check the details."),
    "400.008.01": Code("Invalid authentication type passed",
                       "Daraja refused the login method. Check the consumer key and secret."),
    "400.008.02": Code("Invalid grant type passed",
                       "Daraja refused the login request. Check the server address."),
    "401.002.01": Code("Error Occurred - Invalid Access Token",
                       "Not authorised: the token was refused, or this API product is not "
                       "enabled on your Daraja app."),
    "403.002.1001": Code("You are not authorized to initiate this request",
                         "Your Daraja app is not allowed to do this. Ask Safaricom to enable "
                         "it."),
    "404.001.01": Code("Resource not found",
                       "The server address or operation is wrong. Check the profile's URL."),
    "404.001.03": Code("Invalid Access Token",
                       "The access token was not accepted. Check the consumer key and secret."),
    "404.001.04": Code("Invalid Authentication Header",
                       "Daraja refused the request headers. This is a program fault."),
    "404.002.01": Code("Resource not found",
                       "The server address or operation is wrong. Check the profile's URL."),
    "404.003.01": Code("Resource not found",
                       "The server address or operation is wrong. Check the profile's URL."),
    "405.001": Code("Method Not Allowed", "Daraja refused the request method (program fault)."),
    "500.001.1001": Code("Merchant does not exist / Wrong credentials / Unable to lock "
                         "subscriber / The transaction is being processed",
                         "Daraja refused the request: wrong shortcode or passkey, the "
                         "customer is busy in another transaction, or it is still being "
                         "processed. Read the message, wait a minute and check."),
    "500.002.1001": Code("Duplicate OriginatorConversationID",
                         "This request was already sent once. Check its status; do not send "
                         "it again."),
    "500.003.02": Code("Spike Arrest Violation",
                       "Daraja is limiting how fast requests arrive. Wait a few minutes and "
                       "try again more slowly."),
    "500.003.03": Code("Quota Violation",
                       "Your Daraja app has used up its request quota. Try again later or ask "
                       "Safaricom."),
    "500.003.1001": Code("Internal Server Error / Urls are already registered",
                         "Daraja could not do it (for C2B: the URLs are already registered; "
                         "remove them on the Daraja portal first)."),
}

INVALID_TOKEN_CODES = frozenset({"404.001.03", "401.002.01", "400.003.01"})


def _key(code: object) -> str:
    text = str(code).strip() if code is not None else ""
    if text.isdigit():
        return str(int(text))
    return text


def result_meaning(code: object) -> str:
    """Plain-English meaning of a callback/STK query ResultCode (number or string)."""
    entry = RESULT_CODES.get(_key(code))
    if entry:
        return entry.meaning
    return f"M-Pesa answered with code {code}. Check the transaction's status before retrying."


def result_text(code: object) -> str | None:
    """Daraja's own description of a ResultCode, when known."""
    entry = RESULT_CODES.get(_key(code))
    return entry.daraja_text if entry else None


def error_meaning(error_code: object) -> str:
    """Plain-English meaning of a synchronous errorCode such as ``500.003.02``."""
    entry = ERROR_CODES.get(str(error_code).strip() if error_code is not None else "")
    if entry:
        return entry.meaning
    return f"Daraja refused the request (code {error_code})."


def is_success(code: object) -> bool:
    """True for ResultCode/ResponseCode 0, including all-zero strings such as ``00000000``."""
    text = str(code).strip() if code is not None else ""
    return bool(text) and set(text) == {"0"}
