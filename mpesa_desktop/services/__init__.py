"""Qt-free asyncio services used by both faces: submit, poll, wait, subscribe.

``AppServices`` (``services.app_services``) is the entry point; its refusals are
``DuplicateError`` and ``GuardError`` (``services.errors``); its events are ``StatusChange``.
Both faces also call these blocking services directly: ``profiles`` (saving a profile and its
secrets), ``connection`` (Test connection) and ``exports`` (the log as CSV).

Importing the services loads neither Qt nor aiohttp nor the simulator: the offline profile's
embedded servers are imported when it opens (``services.runtime``).
"""

from mpesa_desktop.services.app_services import AppServices
from mpesa_desktop.services.errors import DuplicateError, GuardError
from mpesa_desktop.services.events import StatusChange

__all__ = ["AppServices", "DuplicateError", "GuardError", "StatusChange"]
