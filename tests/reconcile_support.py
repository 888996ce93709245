"""Helpers of the reconciliation tests: a statement written from the simulator's books.

``book_rows(services)`` is what the embedded simulator completed, as Org Portal statement rows
(a payout's charge on its own line, as the portal writes it); ``write_statement(path, rows)``
writes them as the portal's CSV export, with its header lines. ``stage(ledger, sql, *params)``
changes the log's file behind the app's back, as another program (or a forged callback
believed) could: what no API of ours does.
"""

from __future__ import annotations

import csv
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from mpesa_desktop.kenya import EAT
from mpesa_desktop.reconcile.statement import COLUMNS

OUT = {"b2c", "b2pochi", "b2b", "tax_remittance", "reversal"}
IN = {"stk_push", "c2b_simulate"}
PREAMBLE = [["Account Holder:", "SAFARICOM TEST 600000"], ["Time Period:", "last 30 days"],
            ["Short Code:", "600000"], ["Operator:", "clerk"], []]


def book_rows(services: Any) -> list[dict[str, str]]:
    """Statement rows of every payment the simulator completed, oldest first."""
    rows = []
    for entry in services.simulator.transactions():
        if entry["status"] != "completed" or entry["operation"] not in OUT | IN:
            continue
        out = entry["operation"] in OUT
        when = datetime.fromisoformat(entry["completed_at"] or entry["created_at"])
        party = entry["party_b"] if out else entry["phone"] or entry["party_a"]
        amount = f"{float(entry['amount']):,.2f}"
        rows.append(row(entry["receipt"], when, amount if not out else "",
                        f"-{amount}" if out else "", f"{party} - TEST PARTY",
                        f"{entry['operation']} payment"))
        if out and entry.get("charge"):
            rows.append(row(entry["receipt"], when, "", f"-{entry['charge']:.2f}",
                            "", "Business Payment Charge"))
    return rows


def row(receipt: str, when: datetime, paid_in: str, withdrawn: str, party: str,
        details: str = "Payment", status: str = "Completed") -> dict[str, str]:
    return {"receipt": receipt, "completed": when.astimezone(EAT).strftime("%d-%m-%Y %H:%M:%S"),
            "initiated": when.astimezone(EAT).strftime("%d-%m-%Y %H:%M:%S"),
            "details": details, "status": status, "paid_in": paid_in, "withdrawn": withdrawn,
            "balance": "", "balance_confirmed": "true", "reason_type": details,
            "other_party": party, "linked_id": "", "account_no": ""}


def write_statement(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerows(PREAMBLE)
        writer.writerow(COLUMNS.values())
        for item in rows:
            writer.writerow([item.get(key, "") for key in COLUMNS])
    return path


def stage(ledger: Any, sql: str, *params: Any) -> None:
    conn = sqlite3.connect(ledger.path)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()
