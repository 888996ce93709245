"""Notices of status changes: the sentence, the masked phone, the non-modal stack."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from mpesa_desktop.services.events import StatusChange
from mpesa_desktop.ui.notices import NoticeArea, mask_phone, notice_text


def _completed_b2c(ledger):
    row = ledger.create("b2c", amount=1500, party_a="600000", party_b="254708374149")
    ledger.transition(row.reference, "accepted", source="ack", conversation_id="AG_1")
    return ledger.transition(
        row.reference, "completed", source="callback", receipt="QKJ3ABCDEF", result_code="0",
        result_desc="The service request is processed successfully.",
    )


def test_mask_phone_keeps_only_the_ends():
    assert mask_phone("254708374149") == "2547•••149"
    assert mask_phone("+254708374149") == "+254•••149"
    assert mask_phone("600000") == "600000"
    assert mask_phone(None) == ""


def test_completed_payout_names_amount_masked_phone_and_receipt(ledger):
    done = _completed_b2c(ledger)
    text = notice_text(done, "completed")
    assert text == "KES 1,500 to 2547•••149 completed, receipt QKJ3ABCDEF"
    assert "254708374149" not in text


def test_failure_gives_the_reason_and_acceptance_gives_no_notice(ledger):
    row = ledger.create("stk_push", amount=20, phone="0711000001", party_b="174379")
    assert notice_text(row, "accepted") is None
    ledger.transition(row.reference, "accepted", source="ack")
    failed = ledger.transition(
        row.reference, "failed", source="callback", result_code="1",
        result_desc="The balance is insufficient for the transaction.",
    )
    text = notice_text(failed, "failed")
    assert text == (
        "Payment request of KES 20 from 2547•••001 failed: "
        "The balance is insufficient for the transaction."
    )


def test_notice_area_stacks_without_taking_focus(qtbot, ledger):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    area = NoticeArea(window, limit=2)
    done = _completed_b2c(ledger)
    area.show_change(StatusChange(done, "accepted", "completed"))
    area.show_change(StatusChange(done, "accepted", "accepted"))
    assert area.texts() == ["KES 1,500 to 2547•••149 completed, receipt QKJ3ABCDEF"]
    assert area.isVisible()
    assert QApplication.activeModalWidget() is None
    assert area.geometry().right() <= window.width()
    for number in range(3):
        area.show_text(f"notice {number}", "failed")
    assert area.texts() == ["notice 1", "notice 2"]
    area.notices()[0].dismissed.emit()
    assert area.texts() == ["notice 2"]
    assert not any(notice.hasFocus() for notice in area.notices())


def test_notices_close_by_themselves(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    area = NoticeArea(window, timeout_ms=30)
    area.show_text("KES 10 to 2547•••149 completed", "completed")
    qtbot.waitUntil(lambda: area.texts() == [], timeout=2000)
    assert not area.isVisible()


def test_every_line_of_a_long_notice_is_visible(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(900, 500)
    central = QWidget(window)
    area = NoticeArea(central)
    QVBoxLayout(central).addWidget(area, 0, Qt.AlignmentFlag.AlignRight)
    window.setCentralWidget(central)
    window.show()
    area.show_text("KES 1,500 to 2547•••149 completed, receipt QKJ3ABCDEF", "completed")
    area.show_text(
        "KES 250,000 to 2547•••001 failed: The balance is insufficient for the transaction; "
        "move money to the Utility account and try again",
        "failed",
    )
    qtbot.wait(20)  # the window lays the stack out
    for notice in area.notices():
        label = notice.label
        assert label.height() >= label.heightForWidth(label.width())  # no line cut off
    tops = [notice.geometry().top() for notice in area.notices()]
    assert tops == sorted(tops)
    assert area.geometry().bottom() < window.height()
