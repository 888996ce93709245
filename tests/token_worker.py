"""A child process of ``tests/test_token_sharing.py``: one face of the app on the active profile.

    python -m tests.token_worker COUNT

Opens the services of the active profile (``MPESA_DESKTOP_HOME``) as the window or the command
line does and prints "ready"; then, for every line read on standard input, submits COUNT
account-balance queries one after another and prints their statuses as one JSON list (a refusal
as ``rejected <error code>``). Ends at the end of standard input.
"""

from __future__ import annotations

import asyncio
import json
import sys

from mpesa_desktop.daraja.errors import ApiError
from mpesa_desktop.services import AppServices


async def balance(services: AppServices) -> str:
    try:
        return (await services.submit("account_balance", {})).status
    except ApiError as error:
        return f"rejected {error.error_code}"


async def serve(services: AppServices, count: int) -> None:
    loop = asyncio.get_running_loop()
    print("ready", flush=True)
    try:
        while await loop.run_in_executor(None, sys.stdin.readline):
            statuses = [await balance(services) for _ in range(count)]
            print(json.dumps(statuses), flush=True)
    finally:
        await services.aclose()


if __name__ == "__main__":
    asyncio.run(serve(AppServices.open(), int(sys.argv[1])))
