"""Raw SQL on a ledger's database, as another client of it would write (no Ledger): sqlite3 for
a file, psycopg for a PostgreSQL URL. Statements use ``:name`` parameters on both."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import psycopg

from mpesa_desktop.ledger.backend import is_url
from mpesa_desktop.ledger.postgres import translate

# What either database raises when a constraint refuses a write.
INTEGRITY_ERRORS = (sqlite3.IntegrityError, psycopg.IntegrityError)


def run_sql(location: str | Path, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
    """Run one statement in a transaction of its own, committed; the rows it returns."""
    if is_url(location):
        with psycopg.connect(str(location)) as conn:  # commits when the block ends
            cursor = conn.execute(translate(sql) if params is not None else sql, params)
            return cursor.fetchall() if cursor.description else []
    conn = sqlite3.connect(location)
    try:
        with conn:
            return conn.execute(sql, params or {}).fetchall()
    finally:
        conn.close()
