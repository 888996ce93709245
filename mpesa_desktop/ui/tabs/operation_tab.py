"""What every operation tab shares: a heading, a validated form, the live outcome, the send flow.

A tab subclass declares its operation, its fields (``FieldSpec``) and, for money, what the
confirmation says. The flow is the same everywhere:

1. the form locks itself and emits its values (one send per click or key press);
2. money operations ask for confirmation (``ConfirmDialog``, opened window-modal, no nested loop);
   live profiles above the threshold ask for the amount to be typed again;
3. ``services.submit`` runs through the bridge (validation, guards, write-ahead log, the request
   in the worker); the outcome panel shows Sending, then follows the ledger row live;
4. the form unlocks; money fields are emptied after a send so Enter cannot repeat it.

``resend(transaction)`` (the log's "Send again…" on a rejected or failed payment) fills the form
from that row and marks it as a re-send of it: the next send passes ``retry_of`` so the new row is
linked to the original. The mode ends once a row is recorded, on "Cancel re-send", or when the
profile changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from mpesa_desktop import kenya
from mpesa_desktop.config import guard
from mpesa_desktop.daraja import limits
from mpesa_desktop.daraja.amounts import AmountError, parse_amount
from mpesa_desktop.daraja.errors import TransportError
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.confirm import ConfirmDialog
from mpesa_desktop.ui.errors import explain
from mpesa_desktop.ui.forms import FieldSpec, OperationForm
from mpesa_desktop.ui.i18n import QT_TRANSLATE_NOOP, core_text, show_text, translate
from mpesa_desktop.ui.look import HEADING_COLOUR, HINT_COLOUR, PlainLabel, emphasise, text_colour
from mpesa_desktop.ui.outcome_panel import OutcomePanel
from mpesa_desktop.ui.resend import ResendBar, form_values

BODY_WIDTH = 780
# The initiator and its callback URLs, folded under the advanced settings of every tab of an
# initiator operation (B2C, B2B, refund, balance, status).
INITIATOR_SPECS = (
    FieldSpec("initiator", advanced=True),
    FieldSpec("result_url", advanced=True),
    FieldSpec("queue_timeout_url", advanced=True),
)
LIVE_MONEY_OFF = QT_TRANSLATE_NOOP(
    "Tabs",
    "Money operations are turned off for this live profile. Turn them on in "
    "Profile > Settings of this profile before paying from it.",
)


def centred_scroll(body: QWidget, parent: QWidget) -> QScrollArea:
    """A frameless scroll area showing ``body`` centred across the tab's width."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(body, 6)
    row.addStretch(1)
    scroll = QScrollArea(parent)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; they scroll in view
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(holder)
    return scroll


class OperationTab(QWidget):
    """Base of the operation tabs (subclasses set the class attributes and ``specs``).

    Signals are those of the form (``form.submitted``) and of the bridge; a tab emits none itself.
    """

    # Set by each tab class; a tab whose choice changes what it sends (Pay a business: KRA tax)
    # sets it on the instance and tells its form (``OperationForm.set_operation``).
    operation: str
    heading: ClassVar[str]
    blurb: ClassVar[str] = ""
    send_text: ClassVar[str] = "Send"
    clear_after_send: ClassVar[tuple[str, ...]] = ()
    scrolls: ClassVar[bool] = True  # False for a section inside a bigger tab

    def __init__(self, bridge: ServicesBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.confirm_dialog: ConfirmDialog | None = None
        self.last_transaction: Any | None = None
        self.retry_of: str | None = None  # the rejected or failed row being sent again

        title = PlainLabel(self)
        show_text(title, "setText", translate("Tabs", self.heading))
        title.setObjectName("tabHeading")
        emphasise(title, HEADING_COLOUR, points_up=4)
        blurb = PlainLabel(self)
        if self.blurb:
            show_text(blurb, "setText", translate("Tabs", self.blurb))
        blurb.setWordWrap(True)
        text_colour(blurb, HINT_COLOUR)
        blurb.setVisible(bool(self.blurb))

        self.form = OperationForm(
            self.operation,
            self.specs(),
            environment=bridge.services.environment,
            send_text=translate("Tabs", self.send_text),
            checks=self.checks(),
            parent=self,
        )
        self.form.submitted.connect(self._on_submitted)
        self.resend_bar = ResendBar(self)
        self.resend_bar.cancelled.connect(self.cancel_resend)
        self.outcome = OutcomePanel(self)  # before add_extras, which may add to it

        self.body = QWidget(self)
        self.body.setMaximumWidth(BODY_WIDTH)
        column = QVBoxLayout(self.body)
        column.setContentsMargins(24, 18, 24, 18)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(blurb)
        column.addWidget(self.resend_bar)
        column.addWidget(self.form)
        self.add_extras(column)
        column.addWidget(self.outcome)
        column.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if self.scrolls:
            outer.addWidget(centred_scroll(self.body, self))
        else:
            column.setContentsMargins(0, 0, 0, 0)
            outer.addWidget(self.body)

        bridge.status_changed.connect(self.on_status_changed)
        self.reload()

    # ---- what subclasses declare ----

    def specs(self) -> list[FieldSpec]:
        raise NotImplementedError

    def checks(self) -> list[Any]:
        """Extra checks over the form's values (field -> message), beyond the limits table."""
        return []

    def add_extras(self, column: QVBoxLayout) -> None:
        """Add widgets between the form and the outcome panel (balance table, STK status...)."""

    def describe(self, fields: dict[str, str]) -> str:
        """One line naming the request, shown while it is sent."""
        amount = fields.get("amount")
        heading = translate("Tabs", self.heading)
        return f"{heading}: {self._kes(amount)}" if amount else heading

    def confirmation(self, fields: dict[str, str]) -> dict[str, Any] | None:
        """For money operations: ConfirmDialog arguments (action, recipient, purpose, details).

        None means the operation needs no confirmation.
        """
        return None

    def prepare(self, fields: dict[str, str]) -> dict[str, Any]:
        """The fields handed to ``services.submit`` (the form's values by default)."""
        return dict(fields)

    # ---- profile ----

    @property
    def services(self) -> Any:
        return self.bridge.services

    def reload(self) -> None:
        """The profile changed (or was opened): nothing typed for the previous profile stays;
        environment, defaults and the money guard follow the new one."""
        services = self.services
        self.last_transaction = None
        self._end_resend()
        self.outcome.reset()
        self.form.reset()
        self.form.set_environment(services.environment)
        self.form.set_defaults(services.defaults(self.operation))
        profile = services.profile
        blocked = (
            profile.is_live
            and not profile.money_enabled
            and guard.is_money_operation(self.operation)
        )
        self.form.set_blocked(translate("Tabs", LIVE_MONEY_OFF) if blocked else None)

    # ---- sending a rejected or failed payment again ----

    def resend(self, transaction: Any) -> None:
        """Fill the form from ``transaction`` (the profile's settings stay in the folded fields)
        and mark the next send as its re-send; the clerk still confirms."""
        self.form.reset()
        self.form.set_defaults(self.services.defaults(self.operation))
        rows = self.form.rows
        self.form.set_values({
            name: value for name, value in form_values(transaction).items()
            if name in rows and not rows[name].spec.advanced
        })
        self.retry_of = transaction.reference
        self.resend_bar.show_for(transaction)
        self.outcome.reset()

    def cancel_resend(self) -> None:
        """Leave re-send mode: the form is emptied, nothing is sent."""
        self._end_resend()
        self.form.reset()
        self.form.set_defaults(self.services.defaults(self.operation))
        self.form.set_status(translate("OperationTab", "Re-send cancelled; nothing was sent."))

    def _end_resend(self) -> None:
        self.retry_of = None
        self.resend_bar.hide()

    # ---- the send flow ----

    def _on_submitted(self, fields: dict[str, str]) -> None:
        prepared = self.prepare(fields)
        confirm = self.confirmation(fields)
        if confirm is None:
            self.send(prepared)
            return
        # What the log knows of this payment (the original of a refund, a recent identical
        # payout) is looked up in the worker before the confirmation opens.
        self.bridge.run(self.services.review(self.operation, prepared),
                        lambda review: self._confirm(prepared, confirm, review),
                        self._on_failed)

    def _confirm(self, prepared: dict[str, Any], confirm: dict[str, Any], review: Any) -> None:
        details = [*confirm.get("details", []),
                   *((core_text(label), value) for label, value in review.facts)]
        if self.retry_of:
            details.append((translate("OperationTab", "Sends again"), self.retry_of))
        profile = self.services.profile
        amount = limits.normalise_amount(prepared["amount"], limits.rule(self.operation, "amount"))
        dialog = ConfirmDialog(
            title=translate("OperationTab", "Confirm payment"),
            amount=amount,
            retype=guard.needs_retype(profile, self.operation, amount),
            live=profile.is_live,
            parent=self,
            warnings=[core_text(warning) for warning in review.warnings],
            repeat=review.recent_twin is not None,
            **{**confirm, "details": details},
        )
        self.confirm_dialog = dialog

        def accepted() -> None:
            self.confirm_dialog = None
            self.send(prepared, confirmed_amount=dialog.confirmed_amount,
                      allow_repeat=dialog.second_payment)
            dialog.deleteLater()

        def rejected() -> None:
            self.confirm_dialog = None
            self.form.unlock()
            self.form.set_status(translate("OperationTab", "Cancelled; nothing was sent."))
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.open()

    def send(self, fields: dict[str, Any], confirmed_amount: int | None = None,
             allow_repeat: bool = False) -> None:
        """Submit through the services; the form stays locked until the answer.
        ``allow_repeat``: the clerk ticked "this is a second payment" in the confirmation."""
        self.form.set_status("")
        self.outcome.show_sending(self.describe(fields))
        coro = self.services.submit(self.operation, fields, confirmed_amount=confirmed_amount,
                                    retry_of=self.retry_of, allow_repeat=allow_repeat)
        self.bridge.run(coro, self._on_sent, self._on_failed, reaches_server=True)

    def _on_sent(self, transaction: Any) -> None:
        self.last_transaction = transaction
        self._end_resend()
        self.outcome.track(transaction)
        self.form.clear(self.clear_after_send)
        self.form.unlock()
        self.after_sent(transaction)

    def after_sent(self, transaction: Any) -> None:
        """Hook: the request was accepted by M-Pesa (the row is ``accepted``)."""

    def _on_failed(self, error: Exception) -> None:
        row = self._row_of(error)
        if row is not None:  # the re-send is in the log (linked); a further one starts afresh
            self._end_resend()
        self.outcome.show_error(explain(error, self.form.labels()), row)
        if isinstance(error, TransportError) and error.maybe_delivered:
            # The payment may have gone: never leave the same values one key press away.
            self.form.clear(self.clear_after_send)
        self.form.unlock()

    def _row_of(self, error: Exception) -> Any | None:
        """The ledger row the services recorded for a failed submit, when they say which."""
        return getattr(error, "transaction", None)

    def on_status_changed(self, change: Any) -> None:
        self.outcome.apply(change)

    @staticmethod
    def _kes(amount: object) -> str:
        try:
            return kenya.format_kes(parse_amount(amount))
        except AmountError:
            return str(amount)
