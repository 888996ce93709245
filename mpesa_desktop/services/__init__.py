"""Qt-free asyncio services used by both faces: submit, poll, wait, subscribe.

``AppServices`` (``services.app_services``) is the entry point; its refusals are
``DuplicateError`` and ``GuardError`` (``services.errors``); its events are ``StatusChange``.
Both faces also call these blocking services directly: ``profiles`` (saving a profile and its
secrets), ``connection`` (Test connection) and ``exports`` (the log as CSV).

Importing the services loads neither Qt nor aiohttp nor the simulator: the offline profile's
embedded servers are imported when it opens (``services.runtime``). ``AppServices`` itself (and
with it the Daraja client, requests and cryptography) loads on first use of the name, so a
command that only needs ``services.errors`` or ``services.exports`` starts without them.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from mpesa_desktop.services.errors import DuplicateError, GuardError

if TYPE_CHECKING:  # the same names, for type checkers (``X as X``: re-exported)
    from mpesa_desktop.services.app_services import AppServices as AppServices
    from mpesa_desktop.services.events import StatusChange as StatusChange

# The names imported on first use (PEP 562), by the module under ``mpesa_desktop.services``.
_HOMES = {"AppServices": "app_services", "StatusChange": "events"}
__all__ = ["DuplicateError", "GuardError", *sorted(_HOMES)]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
