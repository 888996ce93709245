"""The main window: it only assembles the mode banner, the tabs, the menus and the status bar.

Every operation lives in its own tab module, which registers the tab (``ui.tab_registry``): the
window builds the registered tabs in order on one ``ServicesBridge`` and names none of them; the
Ctrl+digit jumps and the log's hand-overs (Refund this, Send again…) go to the tab the registry
says handles the operation (``tab_for(name)``, ``tab_handling(operation)``). It keeps
the status bar (connection state, pending transactions) current, and switches profile without a
restart (banner, defaults and log follow at once). A production profile asks for its name to be
typed before it is opened. The profile dialogs (settings, sandbox set-up, new profile) are the
config helper's; the window only opens them and reloads the profile they change.
"""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QTabWidget, QVBoxLayout, QWidget

from mpesa_desktop.catalogue import Op
from mpesa_desktop.ui.banner import LedgerBanner, ModeBanner
from mpesa_desktop.ui.bridge import ServicesBridge
from mpesa_desktop.ui.errors import show_error
from mpesa_desktop.ui.help_menu import add_help_menu
from mpesa_desktop.ui.i18n import on_language_change, show_text, translate
from mpesa_desktop.ui.keyboard import jump_key
from mpesa_desktop.ui.look import PlainLabel
from mpesa_desktop.ui.notices import NoticeArea
from mpesa_desktop.ui.profile_wizard import (
    NewProfileDialog,
    ProductionConfirmDialog,
    SandboxSetupDialog,
)
from mpesa_desktop.ui.settings_dialog import SettingsDialog
from mpesa_desktop.ui.sign_in import Session
from mpesa_desktop.ui.tab_registry import LOG_TAB, handling, registered_tabs

if TYPE_CHECKING:
    from mpesa_desktop.services import AppServices

PENDING_REFRESH_MS = 100
# Fits a 1024x600 laptop screen under a panel and a title bar; the tabs scroll below that.
MINIMUM_SIZE = (880, 520)


class TransactionLog(Protocol):
    """What the window asks of the log tab: rows handed over to the operation tabs, export."""

    @property
    def refund_requested(self) -> SignalInstance: ...

    @property
    def resend_requested(self) -> SignalInstance: ...

    def open_export(self) -> object: ...


class MainWindow(QMainWindow):
    """The back office window over one ``AppServices``. ``first_painted`` is emitted once, when
    the window has painted itself for the first time (the start-up work that can wait, waits
    for it)."""

    first_painted = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._painted = False
        self._closed = False
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(1100, 780)
        self.bridge = ServicesBridge(services, self)
        self.switching = False  # a profile is being opened: the services are not usable
        self.bridge.status_changed.connect(self._on_status_changed)
        self.bridge.reachability_changed.connect(self._show_connection)

        self.banner = ModeBanner(self)
        self.ledger_banner = LedgerBanner(self)
        self.bridge.ledger_reachable.connect(self.ledger_banner.show_reachable)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("operationTabs")
        self.tabs.setDocumentMode(True)
        # Each tab is built when it is first shown or asked for (``tab_for``); until then an
        # empty page holds its place, so the window paints before the tabs it does not show.
        self._entries = registered_tabs()
        self._built: dict[str, QWidget] = {}
        for entry in self._entries:
            self.tabs.addTab(QWidget(self.tabs), translate("Tabs", entry.title))
        self.tabs.currentChanged.connect(self._build_at)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.ledger_banner)
        layout.addWidget(self.tabs, 1)
        # In the tabs' place while the window is locked (a log with users: ``Session``).
        self.locked_page = PlainLabel(self)
        self.locked_page.setObjectName("lockedPage")
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        show_text(self.locked_page, "setText",
                  translate("MainWindow", "Locked: sign in to go on working."))
        self.locked_page.hide()
        layout.addWidget(self.locked_page, 1)
        # Notices stack in the bottom-right corner under the tabs, which make room for them:
        # they never cover a form or its Send button.
        self.notices = NoticeArea(central)
        layout.addWidget(self.notices, 0, Qt.AlignmentFlag.AlignRight)
        self.setCentralWidget(central)

        self.connection_label = PlainLabel(self)
        self.connection_label.setObjectName("connectionState")
        self.pending_label = PlainLabel(self)
        self.pending_label.setObjectName("pendingCount")
        self.user_label = PlainLabel(self)
        self.user_label.setObjectName("signedInUser")
        self.statusBar().addWidget(self.connection_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.pending_label)
        # On a log with users: nobody works in it before signing in; idle, it locks.
        self.session = Session(self.bridge, self.tabs, self.locked_page, self)
        self.session.changed.connect(self._show_user)
        self.first_painted.connect(self.session.check)
        # What start-up made lives as long as the window: the garbage collector leaves it out of
        # its full passes (each would scan it all, 40-60 ms, on the GUI thread) until it closes.
        self.first_painted.connect(gc.freeze)
        self.pending_count: int | None = None
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setInterval(PENDING_REFRESH_MS)
        self._pending_timer.timeout.connect(self.refresh_pending)

        self.bridge.status_changed.connect(self._show_notice)
        self.profile_menu = self.menuBar().addMenu("")
        show_text(self.profile_menu, "setTitle", translate("MainWindow", "&Profile"))
        self._build_menus()
        on_language_change(self._retranslate)
        self._build_at(self.tabs.currentIndex())
        self.show_profile()

    # ---- assembly ----

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("")
        show_text(file_menu, "setTitle", translate("MainWindow", "&File"))
        export = QAction(self)
        show_text(export, "setText", translate("MainWindow", "&Export log…"))
        export.setShortcut(QKeySequence("Ctrl+E"))
        export.triggered.connect(self.export_log)
        self.lock_action = lock = QAction(self)
        show_text(lock, "setText", translate("MainWindow", "&Lock / switch user"))
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(lambda: self.session.lock_now())
        quit_action = QAction(self)
        show_text(quit_action, "setText", translate("MainWindow", "&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(export)
        file_menu.addAction(lock)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        # The Profile menu comes after File in the bar.
        self.menuBar().removeAction(self.profile_menu.menuAction())
        self.menuBar().addMenu(self.profile_menu)
        self.profile_menu.aboutToShow.connect(self._fill_profile_menu)
        self._fill_profile_menu()
        add_help_menu(self, self.bridge.services)

        for index in range(self.tabs.count()):
            key = jump_key(index)
            if key is None:
                break
            jump = QAction(self)
            jump.setShortcut(key)
            jump.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(jump)
            self.tabs.setTabToolTip(index, key.toString(QKeySequence.SequenceFormat.NativeText))

    def _fill_profile_menu(self) -> None:
        menu = self.profile_menu
        menu.clear()
        for old in menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
            old.setParent(None)  # the "Switch to" of the last filling (clear() keeps it)
            old.deleteLater()
        switch = menu.addMenu(translate("MainWindow", "&Switch to"))
        current = self.services.profile.name
        for profile in self.services.config.profiles():
            action = switch.addAction(
                f"{profile.name}  ({translate('Profiles', profile.label)})")
            action.setCheckable(True)
            action.setChecked(profile.name == current)
            action.triggered.connect(
                lambda _checked=False, name=profile.name: self.ask_switch_profile(name)
            )
        settings = menu.addAction(translate("MainWindow", "Settings of this profile…"))
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.triggered.connect(lambda: self.open_settings(self.services.profile.name))
        menu.addSeparator()
        sandbox = menu.addAction(translate("MainWindow", "Set up the Safaricom sandbox…"))
        sandbox.triggered.connect(self.open_sandbox_setup)
        menu.addAction(translate("MainWindow", "New profile…")).triggered.connect(
            self.open_new_profile)

    @property
    def services(self) -> Any:
        return self.bridge.services

    # ---- the tabs, as registered ----

    def tab_for(self, name: str) -> QWidget:
        """The tab registered as ``name`` (``"b2c"``, ``"log"``...), built now if it was not
        yet; KeyError naming the known ones otherwise."""
        for index, entry in enumerate(self._entries):
            if entry.name == name:
                return self._build_at(index)
        raise KeyError(f"no tab {name!r}; the tabs are "
                       f"{', '.join(entry.name for entry in self._entries)}")

    def __getattr__(self, name: str) -> Any:
        """``window.b2c_tab`` is ``window.tab_for("b2c")``."""
        if name.endswith("_tab") and not name.startswith("_") and "_entries" in vars(self):
            with contextlib.suppress(KeyError):
                return self.tab_for(name.removesuffix("_tab"))
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _build_at(self, index: int) -> QWidget:
        """The tab at ``index``, built (in place of its empty page) the first time."""
        entry = self._entries[index]
        tab = self._built.get(entry.name)
        if tab is not None:
            return tab
        tab = entry.build(self.bridge, self)
        self._built[entry.name] = tab
        current, tooltip = self.tabs.currentIndex(), self.tabs.tabToolTip(index)
        placeholder = self.tabs.widget(index)
        with QSignalBlocker(self.tabs):
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, translate("Tabs", entry.title))
            self.tabs.setTabToolTip(index, tooltip)
            self.tabs.setCurrentIndex(current)
        if placeholder is not None:
            placeholder.deleteLater()
        if entry.name == LOG_TAB:
            log = cast(TransactionLog, tab)
            log.refund_requested.connect(self.refund_from_log)
            log.resend_requested.connect(self.resend_from_log)
        return tab

    def tab_handling(self, operation: str) -> Any:
        """The tab that sends ``operation`` (a tax remittance: Pay a business)."""
        return self.tab_for(handling(operation).name)

    def operation_tabs(self) -> list[Any]:
        """The tabs that send operations (every tab but the log), left to right (built)."""
        return [self.tab_for(entry.name) for entry in self._entries if entry.handles]

    @property
    def _log(self) -> TransactionLog:
        return cast(TransactionLog, self.tab_for(LOG_TAB))

    # ---- profile ----

    def show_profile(self) -> None:
        """Paint everything that depends on the open profile."""
        profile = self.services.profile
        self.banner.show_profile(profile.kind, profile.name)
        self._show_title()
        self._show_connection(None)
        self.refresh_pending()

    def _show_title(self) -> None:
        """The window's title: the profile's name and kind, in the window's language."""
        profile = self.services.profile
        self.setWindowTitle(
            f"mpesa-desktop - {profile.name} ({translate('Profiles', profile.label)})")

    def ask_switch_profile(self, name: str) -> None:
        """Switch to ``name``; a production profile is confirmed first (its name typed)."""
        if name == self.services.profile.name:
            return
        if self.services.config.get(name).kind != "production":
            self.switch_profile(name)
            return
        dialog = ProductionConfirmDialog(
            name, translate("Profiles", "open the live profile '{name}'").fill(name=name), self)
        dialog.setObjectName("confirmLiveProfile")
        dialog.accepted.connect(lambda: self.switch_profile(name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_settings(self, name: str) -> QDialog:
        """The settings dialog of profile ``name``; saving the open profile reloads it."""
        simulator = self.services.simulator
        dialog = SettingsDialog(
            self.services.config,
            name,
            offline_url=simulator.url if simulator is not None else None,
            parent=self,
        )

        def saved(profile: Any) -> None:
            if profile.name == self.services.profile.name:
                self.switch_profile(profile.name)

        dialog.saved.connect(saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_sandbox_setup(self) -> QDialog:
        dialog = SandboxSetupDialog(self.services.config, self)

        def created(profile: Any, switch_now: bool) -> None:
            if switch_now:
                self.switch_profile(profile.name)

        dialog.created.connect(created)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_new_profile(self) -> QDialog:
        dialog = NewProfileDialog(self.services.config, self)
        dialog.created.connect(lambda profile: self.open_settings(profile.name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def switch_profile(self, name: str) -> None:
        """Reopen the services on ``name``; the tabs wait (disabled) until it is open."""
        self.switching = True
        self.tabs.setEnabled(False)
        self.statusBar().showMessage(
            translate("MainWindow", "Opening profile {name}…").fill(name=name))

        def failed(error: Exception) -> None:
            self.switching = False
            self.tabs.setEnabled(True)
            self.statusBar().clearMessage()
            show_error(self, error, translate("MainWindow", "Could not open the profile"))

        self.bridge.run(
            self.services.switch_profile(name),
            lambda _result: self.profile_switched(),
            failed,
        )

    def profile_switched(self) -> None:
        self.switching = False
        self.tabs.setEnabled(True)
        self.statusBar().clearMessage()
        for entry in self._entries:  # a tab not built yet is built on the new profile
            if entry.name in self._built:
                entry.reload(self._built[entry.name])
        self.show_profile()
        self._show_user(self.services.user)
        self.session.check()  # another log: its own users

    # ---- log tab actions ----

    def refund_from_log(self, row: dict[str, Any]) -> None:
        """The log's "Refund this": prefill the form of the tab sending reversals, show it."""
        tab = self.tab_handling(Op.REVERSAL)
        tab.fill(**row)
        self.tabs.setCurrentWidget(tab)

    def resend_from_log(self, transaction: Any) -> None:
        """The log's "Send again…": the form of the tab sending the row's operation, filled
        and marked as its re-send."""
        tab = self.tab_handling(transaction.operation)
        tab.resend(transaction)
        self.tabs.setCurrentWidget(tab)

    def export_log(self) -> None:
        self.tabs.setCurrentWidget(self.tab_for(LOG_TAB))
        self._log.open_export()

    # ---- status bar ----

    def _show_connection(self, reachable: bool | None) -> None:
        services = self.services
        simulator = getattr(services, "simulator", None)
        if services.profile.kind == "offline" and simulator is None:
            self.connection_label.setText(
                translate("MainWindow", "○ Starting the offline simulator…"))
            return
        where = (translate("MainWindow", "offline simulator at {url}").fill(url=simulator.url)
                 if simulator else services.base_url)
        text: str
        if reachable is False:
            text = translate("MainWindow", "⚠ Cannot reach {where}").fill(where=where)
        elif reachable:
            text = translate("MainWindow", "● Connected to {where}").fill(where=where)
        else:
            text = f"○ {where}"
        self.connection_label.setText(text)

    def _retranslate(self) -> None:
        """After a switch of language: the tab titles and the status bar in the new one."""
        if self._closed:
            return  # its services may be closed already
        for index, entry in enumerate(self._entries):
            self.tabs.setTabText(index, translate("Tabs", entry.title))
        self._fill_profile_menu()
        self._show_title()
        self._show_connection(None)
        self._show_user(self.services.user)
        if self.pending_count is not None:
            self._show_pending_count(self.pending_count)

    def _show_user(self, user: Any) -> None:
        """Who is signed in, in the status bar (nothing on a log without users)."""
        self.user_label.setText("" if user is None else translate(
            "MainWindow", "Signed in as {name} ({role})").fill(
                name=user.name, role=translate("Roles", str(user.role))))

    def _on_status_changed(self, _change: object) -> None:
        if not self._pending_timer.isActive():
            self._pending_timer.start()

    def _show_notice(self, change: Any) -> None:
        self.notices.show_change(change)

    def refresh_pending(self) -> None:
        """Count the transactions still waiting for their outcome (in the worker)."""
        if self.switching:
            return  # the services have no ledger open for a moment; done again after the switch
        ledger = self.services.ledger
        self.bridge.run_blocking(ledger.pending, on_result=self._show_pending)

    def _show_pending(self, pending: list[Any]) -> None:
        self._show_pending_count(len(pending))

    def _show_pending_count(self, count: int) -> None:
        self.pending_count = count
        self.pending_label.setText(
            translate("MainWindow", "{count} pending").fill(count=count) if count
            else translate("MainWindow", "No pending transactions")
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._pending_timer.stop()  # a change just before closing must not count after it
        self.bridge.shutdown()
        gc.unfreeze()
        super().closeEvent(event)

