"""C2B URLs: register where M-Pesa announces customers' payments to your shortcode, and (outside
production only) simulate a customer paying, to try the set-up."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from mpesa_desktop.catalogue import Op
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.forms import FieldSpec
from mpesa_desktop.ui.i18n import show_text, translate
from mpesa_desktop.ui.look import HINT_COLOUR, PlainLabel, text_colour
from mpesa_desktop.ui.tab_registry import register_tab
from mpesa_desktop.ui.tabs.operation_tab import BODY_WIDTH, OperationTab, centred_scroll

RESPONSE_TYPES = (
    ("Completed", "Completed: accept the payment if the validation URL does not answer"),
    ("Cancelled", "Cancelled: refuse the payment if the validation URL does not answer"),
)
VERSIONS = (("v2", "v2 (masked phone numbers)"), ("v1", "v1"))
SIMULATE_COMMANDS = (
    ("CustomerPayBillOnline", "Paybill payment"),
    ("CustomerBuyGoodsOnline", "Till (buy goods) payment"),
)


class RegisterSection(OperationTab):
    """Register the confirmation and validation URLs of a shortcode."""

    operation = "c2b_register"
    heading = "Register C2B URLs"
    blurb = (
        "Tell M-Pesa where to announce payments customers make to your shortcode. In production "
        "this is done once; changing it later needs Safaricom's URL management page."
    )
    send_text = "Register URLs"
    scrolls = False

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("shortcode"),
            FieldSpec("response_type", choices=RESPONSE_TYPES),
            FieldSpec("confirmation_url"),
            FieldSpec("validation_url"),
            FieldSpec("version", choices=VERSIONS),
        ]


class SimulateSection(OperationTab):
    """Make the simulator (or the sandbox) pretend a customer paid the shortcode."""

    operation = "c2b_simulate"
    heading = "Simulate a customer payment"
    blurb = (
        "Sandbox and offline only: pretend a customer paid your shortcode. Register the URLs "
        "above first: M-Pesa announces payments only to registered URLs."
    )
    send_text = "Simulate payment"
    scrolls = False
    clear_after_send = ("amount",)

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("shortcode"),
            FieldSpec("command_id", choices=SIMULATE_COMMANDS),
            FieldSpec("msisdn", placeholder="0708 374 149"),
            FieldSpec("amount", label="Amount (KES)"),
            FieldSpec("bill_ref_number", placeholder="the account number the customer types"),
        ]


class C2BTab(QWidget):
    """The "C2B URLs" tab: the register section, and the simulate section outside production."""

    def __init__(self, bridge: ServicesBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.register = RegisterSection(bridge, self)
        self.simulate = SimulateSection(bridge, self)
        self.live_note = PlainLabel(self)
        show_text(self.live_note, "setText", translate(
            "Tabs", "Simulating payments is not possible in a live profile: real customers "
                    "pay you."))
        self.live_note.setWordWrap(True)
        text_colour(self.live_note, HINT_COLOUR)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        body = QWidget(self)
        body.setMaximumWidth(BODY_WIDTH)
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 18, 24, 18)
        column.setSpacing(16)
        column.addWidget(self.register)
        column.addWidget(line)
        column.addWidget(self.simulate)
        column.addWidget(self.live_note)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(centred_scroll(body, self))
        self._show_for_profile()

    def reload(self) -> None:
        self.register.reload()
        self.simulate.reload()
        self._show_for_profile()

    def _show_for_profile(self) -> None:
        live = self.bridge.services.profile.is_live
        self.simulate.setVisible(not live)
        self.live_note.setVisible(live)


register_tab(C2BTab, name="c2b", title="C2B URLs", order=90,
             handles=(Op.C2B_REGISTER, Op.C2B_SIMULATE))
