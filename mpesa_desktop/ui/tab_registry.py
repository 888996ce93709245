"""The window's tabs: each tab module registers its tab, the main window iterates the registry.

As Picard's options pages carry ``NAME``, ``TITLE`` and ``SORT_ORDER`` and end their module with
``register_options_page(...)``, each module of ``ui.tabs`` ends with one ``register_tab(...)``
call: the tab's class, its ``name`` (``window.tab_for("b2c")``, also ``window.b2c_tab``), its
``title`` on the tab bar, its ``order`` from left to right and the catalogue operations it
``handles`` (sends). ``registered_tabs()`` imports every module of the package once, so adding
a tab is adding its module; from the entries the window derives its tab bar, the Ctrl+digit
jumps (``ui.keyboard.jump_key``), the reload on a profile switch and where the log hands a row
over (``handling``: a tax remittance is sent again from Pay a business, in its KRA tax mode).

An operation is handled by one tab at most; ``registered_tabs`` raises when two claim one.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from mpesa_desktop.catalogue import Op
from mpesa_desktop.ui.bridge import ServicesBridge

TAB_PACKAGE = "mpesa_desktop.ui.tabs"
LOG_TAB = "log"  # the transaction log (File > Export log opens it)

Build = Callable[[ServicesBridge, QWidget], QWidget]


@dataclass(frozen=True)
class TabEntry:
    """One registered tab. ``build(bridge, window)`` makes it; ``reload(tab)`` brings it up to
    date after the window opened another profile."""

    name: str
    title: str
    order: int
    handles: frozenset[Op]
    build: Build
    reload: Callable[[Any], None]


_ENTRIES: dict[str, TabEntry] = {}


def register_tab(
    tab_class: Callable[..., QWidget],
    *,
    name: str,
    title: str,
    order: int,
    handles: Iterable[Op] = (),
    build: Build | None = None,
    reload: Callable[[Any], None] | None = None,
) -> None:
    """Register ``tab_class`` as the window's tab ``name`` (once per name).

    By default the tab is built as ``tab_class(bridge, window)`` and reloaded by its own
    ``reload()``.
    """
    if name in _ENTRIES:
        raise RuntimeError(f"two tabs are registered as {name!r}")
    _ENTRIES[name] = TabEntry(
        name=name, title=title, order=order, handles=frozenset(handles),
        build=build or tab_class,
        reload=reload or (lambda tab: tab.reload()),
    )


def registered_tabs() -> list[TabEntry]:
    """Every tab of ``ui.tabs``, left to right (its modules are imported the first time)."""
    package = importlib.import_module(TAB_PACKAGE)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{TAB_PACKAGE}.{module.name}")
    entries = sorted(_ENTRIES.values(), key=lambda entry: entry.order)
    claimed: dict[Op, str] = {}
    for entry in entries:
        for operation in entry.handles:
            if operation in claimed:
                raise RuntimeError(f"{operation.value} is handled by both the "
                                   f"{claimed[operation]!r} and the {entry.name!r} tabs")
            claimed[operation] = entry.name
    return entries


def handling(operation: str) -> TabEntry:
    """The tab that sends ``operation`` (ValueError when none does)."""
    for entry in registered_tabs():
        if operation in entry.handles:
            return entry
    raise ValueError(f"no tab sends {operation!r}")
