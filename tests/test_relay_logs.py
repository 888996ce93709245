"""The relay's log under a flood: at most a burst of lines of each kind per window, one
traceback per kind, and a summary line counting what was left out."""

from __future__ import annotations

import logging
import time

import requests

from mpesa_desktop.relay.logs import LOG_BURST, LOG_WINDOW, RepeatLimiter


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_repeated_lines_are_summarised(caplog):
    caplog.set_level(logging.INFO)
    clock = Clock()
    limiter = RepeatLimiter(burst=3, window=10.0, clock=clock)
    logger = logging.getLogger("mpesa_desktop.relay.test_flood")
    logger.addFilter(limiter)
    try:
        for number in range(50):
            try:
                raise ValueError(f"bad {number}")
            except ValueError:
                logger.exception("refused request %d", number)
        logger.warning("another kind of line")
        limiter.summarise()
        clock.now = 11.0  # a new window: the kind may log again
        logger.exception("refused request %d", 99)
        limiter.summarise()  # nothing left out since the last summary: no line
    finally:
        logger.removeFilter(limiter)
    lines = [record.getMessage() for record in caplog.records]
    assert lines == [
        "refused request 0", "refused request 1", "refused request 2",
        "another kind of line",
        "... and 47 more lines like 'refused request %d' left out (at most 3 a kind per 10 s)",
        "refused request 99",
    ]
    tracebacks = [record for record in caplog.records if record.exc_info]
    assert [record.getMessage() for record in tracebacks] == ["refused request 0",
                                                               "refused request 99"]


def test_a_flood_of_bad_callbacks_logs_a_few_lines(relay, caplog):
    caplog.set_level(logging.INFO)
    started = time.monotonic()
    with requests.Session() as session:
        for _ in range(300):
            response = session.post(relay.callback_url("stk"), data=b"not json", timeout=10)
            assert response.status_code == 400
    windows = int((time.monotonic() - started) // LOG_WINDOW) + 1
    refusals = [record for record in caplog.records
                if record.getMessage().startswith("refused a stk callback")]
    assert len(relay.store.quarantined(limit=1000)) == 300  # every body is kept all the same
    assert 0 < len(refusals) <= LOG_BURST * windows < 300
