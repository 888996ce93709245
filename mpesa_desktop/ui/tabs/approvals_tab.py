"""Approvals: the payouts waiting for an approver (issue 13), approved or declined here.

The queue lists each held payout with its maker, amount, payee, purpose and how many of the
approvals it needs it has. Approving one shows exactly the confirmation its maker saw (the tab
that sends that operation words it: amount in figures and words, payee, purpose), plus the
maker's name; approving several at once (a bulk file's rows) shows their count and total. The
approval that releases a payout sends it from this desk (``services.approve``). Declining asks
for a reason. What the signed-in user may not do (their own payout, an auditor...) is refused by
the services and the log, and said in the status line. The queue is read in the worker, again
when the tab is shown and shortly after any change in the log.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.kenya import EAT, format_kes
from mpesa_desktop.team.roles import Right
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.confirm import ConfirmDialog
from mpesa_desktop.ui.i18n import (
    QT_TRANSLATE_NOOP,
    error_text,
    on_language_change,
    show_text,
    translate,
)
from mpesa_desktop.ui.log_labels import OPERATION_LABELS
from mpesa_desktop.ui.look import PlainLabel
from mpesa_desktop.ui.tab_registry import register_tab

REFRESH_AFTER_MS = 300
COLUMNS = (QT_TRANSLATE_NOOP("Approvals", "Submitted"), QT_TRANSLATE_NOOP("Approvals", "Maker"),
           QT_TRANSLATE_NOOP("Approvals", "Operation"), QT_TRANSLATE_NOOP("Approvals", "Amount"),
           QT_TRANSLATE_NOOP("Approvals", "Payee"), QT_TRANSLATE_NOOP("Approvals", "Purpose"),
           QT_TRANSLATE_NOOP("Approvals", "Approvals"),
           QT_TRANSLATE_NOOP("Approvals", "Reference"))


class ApprovalsTab(QWidget):
    """The approvals queue of the open profile's log."""

    def __init__(self, bridge: ServicesBridge, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("approvalsTab")
        self.bridge = bridge
        self.queue: list[tuple[Any, Any]] = []
        self._reading = 0  # the number of the latest reading of the queue
        self.shown: list[tuple[Any, Any]] = []
        self.dialog: ConfirmDialog | None = None
        self.decline_dialog: QInputDialog | None = None

        self.heading = PlainLabel("", self)
        self.heading.setObjectName("approvalsHeading")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("approvalsFilter")
        show_text(self.filter, "setPlaceholderText",
                  translate("Approvals", "Filter by maker, payee or purpose"))
        show_text(self.filter, "setAccessibleName", translate("Approvals", "Filter the queue"))
        self.filter.textChanged.connect(self._show)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("approvalsTable")
        show_text(self.table, "setAccessibleName",
                  translate("Approvals", "Payouts awaiting approval"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.approve_button = QPushButton(self)
        show_text(self.approve_button, "setText", translate("Approvals", "&Approve…"))
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(self.approve_selected)
        self.decline_button = QPushButton(self)
        show_text(self.decline_button, "setText", translate("Approvals", "&Decline…"))
        self.decline_button.setObjectName("declineButton")
        self.decline_button.clicked.connect(self.decline_selected)
        self.refresh_button = QPushButton(self)
        show_text(self.refresh_button, "setText", translate("Approvals", "&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.status = PlainLabel("", self)
        self.status.setObjectName("approvalsStatus")
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(REFRESH_AFTER_MS)
        self._later.timeout.connect(self.refresh)
        bridge.status_changed.connect(lambda _change: self._later.start())
        on_language_change(self._show)
        self._selection_changed()
        self.refresh()

    def reload(self) -> None:
        """Another profile is open: its queue."""
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the queue again (only the latest reading is shown: one asked for while the
        window was locked may come back after the next user signed in)."""
        self._reading += 1
        reading = self._reading
        self.bridge.run(self.bridge.services.awaiting_approval(),
                        lambda queue: self._loaded(queue, reading),
                        lambda error: self._unread(error, reading))

    def _loaded(self, queue: list[tuple[Any, Any]], reading: int) -> None:
        if reading == self._reading:
            self.queue = queue
            self._show()

    def _unread(self, error: Exception, reading: int) -> None:
        if reading == self._reading:
            self._failed(error)

    def _failed(self, error: Exception) -> None:
        self.queue = []
        self._show()
        self.status.setText(error_text(error))

    def _show(self) -> None:
        """The queue through the filter; the rows chosen before stay chosen."""
        chosen = {row.reference for row, _ in self.selected()}
        words = self.filter.text().strip().lower()
        self.shown = [(row, hold) for row, hold in self.queue
                      if not words or words in " ".join(
                          (row.operator, row.party_b or "", row.remarks or "")).lower()]
        self.table.setHorizontalHeaderLabels([translate("Approvals", c) for c in COLUMNS])
        self.heading.setText(translate("Approvals", "{count} payouts awaiting approval").fill(
            count=len(self.queue)))
        self.table.setRowCount(len(self.shown))
        for line, (row, hold) in enumerate(self.shown):
            cells = (row.created_at.astimezone(EAT).strftime("%Y-%m-%d %H:%M"), row.operator,
                     translate("Catalogue", OPERATION_LABELS.get(row.operation, row.operation)),
                     format_kes(row.amount or 0), row.party_b or "", row.remarks or "",
                     f"{len(hold.approvers)} / {hold.approvals_needed}", row.reference)
            for column, text in enumerate(cells):
                self.table.setItem(line, column, QTableWidgetItem(text))
        selection = self.table.selectionModel()
        for line, (row, _) in enumerate(self.shown):
            if row.reference in chosen:
                selection.select(self.table.model().index(line, 0),
                                 QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        self._selection_changed()

    def selected(self) -> list[tuple[Any, Any]]:
        lines = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.shown[line] for line in lines if line < len(self.shown)]


    def _selection_changed(self) -> None:
        """Approve and Decline wake up for a choice, and for a user who may approve."""
        user = self.bridge.services.user
        may = user is None or user.may(Right.APPROVE)
        self.approve_button.setEnabled(may and bool(self.selected()))
        self.decline_button.setEnabled(may and len(self.selected()) == 1)

    # ---- approving ----

    def approve_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        dialog = self._confirmation(chosen)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._approve([row.reference for row, _ in chosen]))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def _confirmation(self, chosen: list[tuple[Any, Any]]) -> ConfirmDialog:
        """The maker's own confirmation of one payout, with their name; a summary of several."""
        live = self.bridge.services.profile.is_live
        maker = translate("Approvals", "Prepared by")
        if len(chosen) == 1:
            row, hold = chosen[0]
            tab = self.window().tab_handling(row.operation)  # type: ignore[attr-defined]
            confirm = tab.confirmation({key: str(value) for key, value in hold.fields.items()})
            details = [*confirm.get("details", []), (maker, row.operator)]
            return ConfirmDialog(title=translate("Approvals", "Approve payment"),
                                 amount=row.amount or 0, live=live, parent=self,
                                 **{**confirm, "details": details})
        makers = ", ".join(sorted({row.operator for row, _ in chosen}))
        purposes = ", ".join(sorted({row.remarks or "" for row, _ in chosen}))
        return ConfirmDialog(
            title=translate("Approvals", "Approve payments"),
            action=translate("Approvals", "Approve {count} payouts").fill(count=len(chosen)),
            amount=sum(row.amount or 0 for row, _ in chosen),
            recipient=translate("Approvals", "{count} payees").fill(count=len(chosen)),
            purpose=purposes, details=[(maker, makers)], live=live, parent=self)

    def _approve(self, references: list[str]) -> None:
        async def approve_all() -> list[str]:
            said = []
            for reference in references:
                try:
                    row = await self.bridge.services.approve(reference)
                except Exception as error:  # each refusal is said; the others go on
                    said.append(f"{reference}: {error_text(error)}")
                else:
                    said.append(f"{reference}: {_outcome(row.status)}")
            return said

        self.status.setText(translate("Approvals", "Approving…"))
        self.bridge.run(approve_all(), self._said, self._failed, reaches_server=True)

    def _said(self, lines: list[str]) -> None:
        self.status.setText("\n".join(lines))
        self.refresh()

    # ---- declining ----

    def decline_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        row, _ = chosen[0]
        dialog = QInputDialog(self)
        dialog.setObjectName("declineDialog")
        dialog.setWindowTitle(translate("Approvals", "Decline payment"))
        dialog.setLabelText(translate("Approvals", "Why is {reference} declined?").fill(
            reference=row.reference))
        dialog.textValueSelected.connect(lambda reason: self._decline(row.reference, reason))
        self.decline_dialog = dialog
        dialog.open()

    def _decline(self, reference: str, reason: str) -> None:
        self.bridge.run(self.bridge.services.decline(reference, reason),
                        lambda after: self._said([f"{after.reference}: {_outcome(after.status)}"]),
                        self._failed)


def _outcome(status: str) -> str:
    if status == "awaiting_approval":
        return translate("Approvals", "approved; it waits for another approver")
    if status == "declined":
        return translate("Approvals", "declined")
    return translate("Approvals", "approved and sent ({status})").fill(status=status)


register_tab(ApprovalsTab, name="approvals", title="Approvals", order=103)
