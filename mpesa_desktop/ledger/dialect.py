"""What differs between the ledger's two databases in the SQL it writes: SQLite and PostgreSQL.

The ledger writes one SQL for both where it can (named parameters ``:name``, ``ON CONFLICT``,
``RETURNING``, row values, partial indexes). Where the two differ, the SQL asks its
:class:`Dialect` (each backend carries one): building a duplicate key, locking the rows a write
transaction reads, a case-blind ``LIKE``, and SQLite's planner hints, which PostgreSQL neither
has nor needs. Qt-free, and light: importing it loads no database driver.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    """The SQL of one database, where it is not the same for both."""

    name: str
    # A JSON array of SQL values, as text: the duplicate key (``keyed``).
    array_function: str
    array_casts: bool
    # Appended to a SELECT inside a write transaction: the rows read stay as read until commit.
    # SQLite needs nothing (``BEGIN IMMEDIATE`` holds the whole file).
    for_update: str
    # The same, for a row another writer may be claiming: skipped, never waited for.
    skip_locked: str
    like: str  # case-blind LIKE (SQLite's LIKE is case-blind for ASCII; PostgreSQL's is not)
    # Keeps the planner from copying a subquery's expressions into its caller (SQLite only).
    fence: str
    # SQLite's planner hints: ``+column`` keeps it off a column's index, ``INDEXED BY`` on one.
    planner_hints: bool

    def typed(self, expression: str, kind: str) -> str:
        """``expression`` of SQL type ``kind``, where a parameter needs one to be named."""
        return f"CAST({expression} AS {kind})" if self.array_casts else expression

    def array(self, *values: tuple[str, str]) -> str:
        """A JSON array of ``(SQL expression, SQL type)`` pairs, as text."""
        items = ", ".join(self.typed(expression, kind) for expression, kind in values)
        return self.typed(f"{self.array_function}({items})", "text")

    def unindexed(self, column: str) -> str:
        """``column``, kept off its index where the planner takes hints."""
        return f"+{column}" if self.planner_hints else column

    def indexed_by(self, index: str) -> str:
        """`` INDEXED BY index`` where the planner takes hints, else nothing."""
        return f" INDEXED BY {index}" if self.planner_hints else ""


SQLITE = Dialect(
    name="sqlite",
    array_function="json_array",
    array_casts=False,
    for_update="",
    skip_locked="",
    like="LIKE",
    fence=" LIMIT -1",
    planner_hints=True,
)
POSTGRES = Dialect(
    name="postgresql",
    array_function="json_build_array",
    array_casts=True,  # parameters have no type of their own in json_build_array
    for_update=" FOR UPDATE",
    skip_locked=" FOR UPDATE SKIP LOCKED",
    like="ILIKE",
    fence="",
    planner_hints=False,
)
