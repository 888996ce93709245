"""The audit trail (schema v9): who did what and when, append-only and hash-chained.

Each entry's ``hash`` is the SHA-256 of the previous entry's hash and the entry's own fields, so
an entry changed afterwards no longer matches its hash, and one deleted breaks the chain of the
next. The last entry's number and hash are kept in ``meta`` as well (``audit.head``): the chain
alone would not show entries cut off at its end. An entry is written in the same transaction
as what it records (a payout submitted, approved or declined, a user added, a policy set...), so
neither is ever committed without the other; writers append one at a time (the "audit" lock).

The database refuses to change or delete an entry (triggers; on PostgreSQL also the logins'
privileges). Whoever can edit the SQLite file itself can drop those triggers, but not without
:func:`verify` finding the entries changed or lost, unless the whole chain is written again.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpesa_desktop.ledger.records import load_time, store_time
from mpesa_desktop.messages import message

if TYPE_CHECKING:
    from mpesa_desktop.ledger.backend import Backend, Connection
    from mpesa_desktop.ledger.log_file import LogFile

GENESIS = "0" * 64  # the "previous hash" of the first entry
HEAD_KEY = "audit.head"
CSV_COLUMNS = ("seq", "at", "actor", "action", "subject", "detail", "prev_hash", "hash")


@dataclass(frozen=True)
class Entry:
    seq: int
    at: datetime
    actor: str
    action: str
    subject: str | None
    detail: dict[str, Any] | None
    prev_hash: str
    hash: str


def entry_hash(prev_hash: str, seq: int, at: str, actor: str, action: str,
               subject: str | None, detail: str | None) -> str:
    """The hash of an entry as stored (``at`` and ``detail`` as the text in the table)."""
    canonical = json.dumps([prev_hash, seq, at, actor, action, subject, detail],
                           ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def append(conn: Connection, backend: Backend, at: datetime, actor: str, action: str,
           subject: str | None = None, detail: dict[str, Any] | None = None) -> int:
    """Add an entry, inside the caller's write transaction; its number."""
    backend.serialize(conn, "audit")
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS)
    stored_at = store_time(at)
    detail_text = json.dumps(detail, sort_keys=True, ensure_ascii=False) if detail else None
    digest = entry_hash(prev_hash, seq, stored_at, actor, action, subject, detail_text)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) "
        "VALUES (:seq, :at, :actor, :action, :subject, :detail, :prev, :hash)",
        {"seq": seq, "at": stored_at, "actor": actor, "action": action, "subject": subject,
         "detail": detail_text, "prev": prev_hash, "hash": digest},
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (:key, :head) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {"key": HEAD_KEY, "head": f"{seq} {digest}"},
    )
    return seq


def _stored(conn: Connection) -> Iterator[tuple[Any, ...]]:
    cursor = conn.execute(
        "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq")
    while batch := cursor.fetchmany(1000):
        yield from batch


def entries(log: LogFile) -> list[Entry]:
    """Every entry, oldest first."""
    def read(conn: Connection) -> list[Entry]:
        return [Entry(int(seq), load_time(at), actor, action, subject,
                      json.loads(detail) if detail else None, prev_hash, digest)
                for seq, at, actor, action, subject, detail, prev_hash, digest in _stored(conn)]
    return log.reading(read)


def verify(log: LogFile) -> list[str]:
    """What is wrong with the trail, one sentence each (nothing: it is whole)."""
    def check(conn: Connection) -> list[str]:
        problems: list[str] = []
        expected_seq, prev = 1, GENESIS
        for seq, at, actor, action, subject, detail, prev_hash, digest in _stored(conn):
            seq = int(seq)
            if seq != expected_seq:
                problems.append(message("entries {first} to {last} were deleted",
                                        first=expected_seq, last=seq - 1)
                                if seq > expected_seq + 1 else
                                message("entry {entry} was deleted", entry=expected_seq))
            elif prev_hash != prev:
                problems.append(message("entry {entry} does not follow entry {before} (the "
                                        "entry before it was changed or replaced)",
                                        entry=seq, before=seq - 1))
            if entry_hash(prev_hash, seq, at, actor, action, subject, detail) != digest:
                problems.append(message("entry {entry} was changed after it was written "
                                        "({action} by {actor})", entry=seq, action=action,
                                        actor=actor))
            expected_seq, prev = seq + 1, digest
        head = conn.execute("SELECT value FROM meta WHERE key = :key",
                            {"key": HEAD_KEY}).fetchone()
        if head is not None and head[0]:
            head_seq, head_hash = str(head[0]).split(" ", 1)
            if int(head_seq) >= expected_seq:
                problems.append(message("entries {first} to {last} were deleted from the end "
                                        "of the trail", first=expected_seq, last=head_seq))
            elif int(head_seq) == expected_seq - 1 and head_hash != prev:
                problems.append(message("entry {entry}, the last, was changed or replaced",
                                        entry=head_seq))
        elif expected_seq > 1:
            problems.append(message("the trail's last entry is not recorded (the log was "
                                    "edited)"))
        return problems
    return log.reading(check)


def export_csv(log: LogFile, out: Path) -> int:
    """Write the trail to ``out`` as CSV (times in Kenyan time, formula-guarded); how many
    entries."""
    from mpesa_desktop.kenya import EAT
    from mpesa_desktop.ledger.export import guard_cell
    from mpesa_desktop.private_files import open_private

    count = 0
    with open_private(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for entry in entries(log):
            detail = json.dumps(entry.detail, sort_keys=True, ensure_ascii=False) \
                if entry.detail else ""
            cells = (str(entry.seq), entry.at.astimezone(EAT).isoformat(timespec="seconds"),
                     entry.actor, entry.action, entry.subject or "", detail, entry.prev_hash,
                     entry.hash)
            writer.writerow([guard_cell(cell) for cell in cells])
            count += 1
    return count
