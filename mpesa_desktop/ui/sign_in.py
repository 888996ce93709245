"""Who is at the desk: the sign-in dialog, and the session that locks the window.

On a log with users (issue 13) the window asks who is signing in before it shows the tabs, shows
who is signed in in the status bar, and locks itself after :data:`IDLE_MINUTES` without a key
press or a click (and on File > Lock): the tabs are hidden and the next person signs in, which
may be someone else. What a form held is kept; what the new user may do is checked by the
services on every action. A log without users never asks. The password is checked in the worker
(scrypt takes a tenth of a second); a refusal is shown in the dialog, which stays open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mpesa_desktop.ui.i18n import error_text, name_buttons, translate
from mpesa_desktop.ui.look import ERROR_COLOUR, PlainLabel, text_colour

if TYPE_CHECKING:
    from mpesa_desktop.ui.bridge import ServicesBridge

IDLE_MINUTES = 10
_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})


class SignInDialog(QDialog):
    """Asks for a user name and password and signs them in; ``signed_in(user)`` on success."""

    signed_in = Signal(object)

    def __init__(self, bridge: ServicesBridge, parent: QWidget | None = None,
                 name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(translate("SignIn", "Sign in"))
        self.setMinimumWidth(360)
        self.bridge = bridge
        self.name = QLineEdit(name, self)
        self.name.setObjectName("signInName")
        self.name.setAccessibleName(translate("SignIn", "User name"))
        self.password = QLineEdit(self)
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(translate("SignIn", "Password"))
        self.message = PlainLabel("", self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        text_colour(self.message, ERROR_COLOUR)
        intro = PlainLabel(translate("SignIn", "This log has users: sign in to work in it."),
                           self)
        form = QFormLayout()
        form.addRow(translate("SignIn", "&User name"), self.name)
        form.addRow(translate("SignIn", "&Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        name_buttons(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("SignIn", "Sign in"))
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if name else self.name).setFocus()

    def try_sign_in(self) -> None:
        name, password = self.name.text().strip(), self.password.text()
        if not name or not password:
            self.message.setText(translate("SignIn", "Type your user name and password."))
            return
        self.buttons.setEnabled(False)
        self.bridge.run(self.bridge.services.sign_in(name, password), self._done, self._refused)

    def _done(self, user: Any) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.signed_in.emit(user)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(error_text(error))


class Session(QObject):
    """Locks ``content`` (showing ``cover`` in its place) until someone signs in (on a log with
    users), and again after ``idle_minutes`` without input. ``changed(user)`` when who is
    signed in changes (None: locked)."""

    changed = Signal(object)

    def __init__(self, bridge: ServicesBridge, content: QWidget, cover: QWidget,
                 parent: QWidget, idle_minutes: float = IDLE_MINUTES) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.content = content
        self.cover = cover
        self.dialog: SignInDialog | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(idle_minutes * 60_000))
        self.idle.timeout.connect(self.lock)

    @property
    def user(self) -> Any:
        return self.bridge.services.user

    def check(self) -> None:
        """Lock when the log has users and nobody is signed in (read in the worker)."""
        self.bridge.run_blocking(lambda: self.bridge.services.ledger.has_users,
                                 on_result=self._checked)

    def _checked(self, has_users: bool) -> None:
        if has_users and self.user is None:
            self.lock()

    def lock_now(self) -> None:
        """File > Lock: lock when the log has users (a log without them has no one to ask)."""
        def checked(has_users: bool) -> None:
            if has_users:
                self.lock()

        self.bridge.run_blocking(lambda: self.bridge.services.ledger.has_users,
                                 on_result=checked)

    def lock(self) -> None:
        """Hide the work and ask who is signing in (the signed-in user is signed out)."""
        if self.dialog is not None:
            return
        previous = self.user
        if previous is not None:
            self.bridge.run(self.bridge.services.sign_out())
        self._watch_input(False)
        self.content.setEnabled(False)
        self.content.hide()
        self.cover.show()
        self.changed.emit(None)
        window = self.parent()
        assert isinstance(window, QWidget)
        self.dialog = SignInDialog(self.bridge, window,
                                   previous.name if previous is not None else "")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.signed_in.connect(self._unlocked)
        self.dialog.rejected.connect(window.close)
        self.dialog.open()

    def _unlocked(self, user: Any) -> None:
        self.dialog = None
        self.cover.hide()
        self.content.setEnabled(True)
        self.content.show()
        self._watch_input(True)
        self.changed.emit(user)

    def _watch_input(self, watching: bool) -> None:
        """While someone is signed in, every key press and click starts the idle time again
        (an application-wide filter: only then, so a log without users pays nothing for it)."""
        app = QApplication.instance()
        if watching:
            self.idle.start()
            if app is not None:
                app.installEventFilter(self)
        else:
            self.idle.stop()
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.idle.start()  # again from now
        return False
