"""demo-data over several of its chunks: the same rows for a seed, and the mix it promises."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import UTC, datetime

import pytest

from mpesa_desktop.ledger import demo

ROWS = 2 * demo.BATCH_ROWS + 1_234  # three chunks, the last one short
END = datetime(2026, 12, 1, tzinfo=UTC)


def _rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, operation, status, amount, created_at, updated_at, reference, receipt "
            "FROM transactions ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.mark.slow
def test_demo_data_is_the_same_for_a_seed_and_keeps_its_mix(tmp_path):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert demo.generate(first, ROWS, seed=5, operator="clerk", end=END) == ROWS
    demo.generate(second, ROWS, seed=5, operator="clerk", end=END)
    rows = _rows(first)
    assert rows == _rows(second)
    assert [row[0] for row in rows] == list(range(1, ROWS + 1))
    _, operations, statuses, _, created, updated, references, _ = zip(*rows, strict=True)
    # Oldest first, the references in increasing order across chunks (the unique index grows
    # at its end), every one distinct and a version-4 uuid.
    assert list(created) == sorted(created)
    assert list(references) == sorted(set(references))
    assert all(ref[14] == "4" and ref[19] in "89ab" for ref in references)
    assert all(u > c for c, u in zip(created, updated, strict=True))
    # The operation mix follows the weights (within 1.5 points of each share).
    total = sum(weight for weight, _, _ in demo.OPERATIONS.values())
    counts = Counter(operations)
    for operation, (weight, _, _) in demo.OPERATIONS.items():
        assert abs(counts[operation] / ROWS - weight / total) < 0.015, operation
    assert set(statuses) == {"completed", "failed", "rejected"}
    assert 0.80 < Counter(statuses)["completed"] / ROWS < 0.95
    conn = sqlite3.connect(first)
    try:
        events = conn.execute("SELECT count(DISTINCT transaction_id) FROM events").fetchone()[0]
    finally:
        conn.close()
    assert events == ROWS


def test_another_seed_gives_other_rows(tmp_path):
    demo.generate(tmp_path / "a.sqlite3", 300, seed=1, operator="clerk", end=END)
    demo.generate(tmp_path / "b.sqlite3", 300, seed=2, operator="clerk", end=END)
    assert _rows(tmp_path / "a.sqlite3") != _rows(tmp_path / "b.sqlite3")
