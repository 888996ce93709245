"""The summary and the confirmation of a whole bulk run: the number of payees, the total in
figures and words, the payment types and the file's checksum; the confirmation with the LIVE
band and the retyped total of a single payment (``ui.confirm.ConfirmDialog``). Rows whose phone
was paid the same amount lately are listed as warnings; the clerk must tick the box to pay them
again. Every word is in the window's language (context ``Bulk``; the payment types as the Pay a
customer tab's choices, the amount in words in Swahili too); the file's name and checksum are
data. ``describe_batch`` runs in the worker (``QCoreApplication.translate`` is thread-safe).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from mpesa_desktop.kenya import format_kes
from mpesa_desktop.services.bulk import BulkPayout
from mpesa_desktop.ui.confirm import ConfirmDialog, amount_in_words
from mpesa_desktop.ui.i18n import moment_text, translate

# The payment types as the "Pay a customer" tab names them.
from mpesa_desktop.ui.tabs.b2c_tab import PAYMENT_TYPES

TYPE_NAMES = dict(PAYMENT_TYPES)
SHOWN_REPEATS = 5


def type_name(kind: str) -> str:
    """A payment type (``SalaryPayment``) as the Pay a customer tab names it, translated."""
    return translate("Catalogue", TYPE_NAMES[kind]) if kind in TYPE_NAMES else kind


def payees(count: int) -> str:
    text = (translate("Bulk", "{count} payee") if count == 1
            else translate("Bulk", "{count} payees"))
    return text.fill(count=f"{count:,}")


def describe_batch(bulk: BulkPayout) -> str:
    """The preview's summary: payees, the total in figures and words, the totals by payment
    type, rows sent earlier, repeats and the file's checksum."""
    lines: list[str] = [translate("Bulk", "{payees} to pay, {amount} ({words}).").fill(
        payees=payees(bulk.payees), amount=format_kes(bulk.total),
        words=amount_in_words(bulk.total))]
    lines += [f"{type_name(kind)}: {payees(count)}, {format_kes(amount)}"
              for kind, (count, amount) in sorted(bulk.totals_by_type().items())]
    if bulk.skipped:
        lines.append(translate(
            "Bulk", "{payees} already sent by an earlier run of this file (never sent "
                    "again).").fill(payees=payees(len(bulk.skipped))))
    if bulk.repeats:
        count = len(bulk.repeats)
        repeated = (translate("Bulk", "1 row pays a phone the same amount as a payment of the "
                                      "last 48 hours (see Note).") if count == 1 else
                    translate("Bulk", "{count} rows pay a phone the same amount as a payment "
                                      "of the last 48 hours (see Note).").fill(
                        count=f"{count:,}"))
        lines.append(repeated)
    lines.append(translate("Bulk", "File checksum: {digest}").fill(digest=bulk.digest))
    return "\n".join(lines)


def bulk_confirmation(bulk: BulkPayout, profile: Any, parent: QWidget) -> ConfirmDialog:
    """The dialog asking to pay ``bulk``'s rows due to be sent (opened by the caller)."""
    details = [(type_name(kind), f"{payees(count)}, {format_kes(amount)}")
               for kind, (count, amount) in sorted(bulk.totals_by_type().items())]
    if bulk.skipped:
        details.append((translate("Bulk", "Sent earlier"),
                        translate("Bulk", "{payees}: not sent again").fill(
                            payees=payees(len(bulk.skipped)))))
    details.append((translate("Bulk", "File checksum"), bulk.digest))
    repeats = bulk.repeats
    warnings = [translate("Bulk", "Row {row} pays {phone} {amount}, as {reference} did on "
                                  "{when}.").fill(
                    row=outcome.row, phone=outcome.phone, amount=format_kes(outcome.amount),
                    reference=earlier.reference, when=moment_text(earlier.created_at))
                for outcome, earlier in repeats[:SHOWN_REPEATS]]
    if len(repeats) > SHOWN_REPEATS:
        warnings.append(translate("Bulk", "…and {count} more rows paid the same lately.").fill(
            count=len(repeats) - SHOWN_REPEATS))
    dialog = ConfirmDialog(
        title=translate("Bulk", "Confirm bulk payment"),
        action=translate("Bulk", "Pay {payees}").fill(payees=payees(bulk.payees)),
        amount=bulk.total,
        recipient=translate("Bulk", "{payees} from {file}").fill(
            payees=payees(bulk.payees), file=bulk.file.path.name),
        purpose=translate("Bulk", "Bulk payment (B2C), one request per row"),
        details=details,
        warnings=warnings,
        repeat=bool(repeats),
        retype=bulk.needs_retyped_total,
        live=profile.is_live,
        parent=parent,
    )
    dialog.repeat_box.setText(translate("Bulk", "Yes, pay the rows listed above a &second time"))
    return dialog
