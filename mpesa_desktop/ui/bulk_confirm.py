"""The summary and the confirmation of a whole bulk run: the number of payees, the total in
figures and words, the payment types and the file's checksum; the confirmation with the LIVE
band and the retyped total of a single payment (``ui.confirm.ConfirmDialog``). Rows whose phone
was paid the same amount lately are listed as warnings; the clerk must tick the box to pay them
again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from mpesa_desktop.kenya import amount_in_words, format_kes
from mpesa_desktop.services.bulk import BulkPayout
from mpesa_desktop.ui.confirm import ConfirmDialog

# The payment types as the "Pay a customer" tab names them.
from mpesa_desktop.ui.tabs.b2c_tab import PAYMENT_TYPES

TYPE_NAMES = dict(PAYMENT_TYPES)
SHOWN_REPEATS = 5


def payees(count: int) -> str:
    return f"{count:,} payee" + ("" if count == 1 else "s")


def describe_batch(bulk: BulkPayout) -> str:
    """The preview's summary: payees, the total in figures and words, the totals by payment
    type, rows sent earlier, repeats and the file's checksum."""
    lines = [f"{payees(bulk.payees)} to pay, {format_kes(bulk.total)} "
             f"({amount_in_words(bulk.total)})."]
    lines += [f"{TYPE_NAMES.get(kind, kind)}: {payees(count)}, {format_kes(amount)}"
              for kind, (count, amount) in sorted(bulk.totals_by_type().items())]
    if bulk.skipped:
        lines.append(f"{payees(len(bulk.skipped))} already sent by an earlier run of this "
                     "file (never sent again).")
    if bulk.repeats:
        count = len(bulk.repeats)
        lines.append(f"{count:,} {'row pays' if count == 1 else 'rows pay'} a phone the same "
                     "amount as a payment of the last 48 hours (see Note).")
    lines.append(f"File checksum: {bulk.digest}")
    return "\n".join(lines)


def bulk_confirmation(bulk: BulkPayout, profile: Any, parent: QWidget) -> ConfirmDialog:
    """The dialog asking to pay ``bulk``'s rows due to be sent (opened by the caller)."""
    details = [(f"{TYPE_NAMES.get(kind, kind)}", f"{payees(count)}, {format_kes(amount)}")
               for kind, (count, amount) in sorted(bulk.totals_by_type().items())]
    if bulk.skipped:
        details.append(("Sent earlier", f"{payees(len(bulk.skipped))}: not sent again"))
    details.append(("File checksum", bulk.digest))
    repeats = bulk.repeats
    warnings = [f"Row {outcome.row} pays {outcome.phone} {format_kes(outcome.amount)}, as "
                f"{earlier.reference} did on {earlier.created_at:%d %b %H:%M}."
                for outcome, earlier in repeats[:SHOWN_REPEATS]]
    if len(repeats) > SHOWN_REPEATS:
        warnings.append(f"…and {len(repeats) - SHOWN_REPEATS} more rows paid the same lately.")
    dialog = ConfirmDialog(
        title="Confirm bulk payment",
        action=f"Pay {payees(bulk.payees)}",
        amount=bulk.total,
        recipient=f"{payees(bulk.payees)} from {bulk.file.path.name}",
        purpose="Bulk payment (B2C), one request per row",
        details=details,
        warnings=warnings,
        repeat=bool(repeats),
        retype=bulk.needs_retyped_total,
        live=profile.is_live,
        parent=parent,
    )
    dialog.repeat_box.setText("Yes, pay the rows listed above a &second time")
    return dialog
