"""Qt-free asyncio services used by both faces: submit, poll, wait, subscribe.

``AppServices`` (``services.app_services``) is the entry point; its refusals are
``DuplicateError`` and ``GuardError`` (``services.errors``); its events are ``StatusChange``.
"""

from mpesa_desktop.services.app_services import AppServices
from mpesa_desktop.services.errors import DuplicateError, GuardError
from mpesa_desktop.services.events import StatusChange

__all__ = ["AppServices", "DuplicateError", "GuardError", "StatusChange"]
