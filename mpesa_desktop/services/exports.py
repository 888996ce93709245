"""Writing the transaction log as CSV, for both faces (the export dialog, ``mpesa-desktop export``).

``check_target`` says whether a file may be written there before any work starts (its folder
must exist; a file already there is replaced only when the clerk asked for it, else
``TargetExists``, so the window can ask and the command line can point at ``--force``);
``export_log`` checks the columns and the file, then streams the rows with
``ledger.export.export_csv`` (progress and cancel for the window; a file is never left half
written); ``finished_message`` is the sentence both faces show afterwards. Every refusal is an
``ExportError`` (a ``ValueError``) whose message says what to change. The sentences are
``messages.message`` templates, which the window shows in its language. Blocking: the window runs
these in the services' worker.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mpesa_desktop.ledger.export import ExportResult, check_columns, export_csv
from mpesa_desktop.ledger.queries import Filters
from mpesa_desktop.messages import message
from mpesa_desktop.team.roles import Right, require

if TYPE_CHECKING:
    from mpesa_desktop.ledger.ledger import Ledger

CANCELLED_MESSAGE = message("Export cancelled; no file was written.")


class ExportError(ValueError):
    """Nothing (complete) was written; the message says why."""


class TargetExists(ExportError):
    """The file is there already and replacing it was not asked for."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(message("{path} already exists", path=path))


def check_target(target: str | os.PathLike[str], *, replace: bool = False) -> Path:
    """The file to write (``~`` expanded), once its folder exists and it may be replaced."""
    path = Path(target).expanduser()
    if not path.parent.is_dir():
        raise ExportError(message("the folder {folder} does not exist", folder=path.parent))
    if path.is_dir():
        raise ExportError(message("{path} is a folder; give a file name", path=path))
    if path.exists() and not replace:
        raise TargetExists(path)
    return path


def export_log(
    source: Ledger | str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    filters: Filters | None = None,
    columns: Sequence[str] | str | None = None,
    excel: bool = False,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the log's rows matching ``filters`` to ``target`` (see ``export_csv``).

    From an open Ledger, the signed-in user must have the right to export (``team.roles``),
    and the finished export is an audit entry. ValueError for an unknown column; ExportError
    when the file may not or cannot be written."""
    chosen = check_columns(columns)
    path = check_target(target, replace=replace)
    ledger = None if isinstance(source, str | os.PathLike) else source
    if ledger is not None:
        require(ledger.user, ledger.has_users, Right.EXPORT)
    try:
        result = export_csv(source, path, filters=filters, columns=chosen, excel=excel,
                            progress=progress, cancel=cancel)
    except OSError as error:
        raise ExportError(message("Could not write the file: {reason}",
                                  reason=error.strerror or error)) from error
    if ledger is not None and not result.cancelled:
        ledger.add_audit_entry("exported", str(path), {"rows": result.rows})
    return result


def finished_message(result: ExportResult, target: str | os.PathLike[str]) -> str:
    """What both faces say when the export ends (written, or cancelled)."""
    if result.cancelled:
        return CANCELLED_MESSAGE
    return message("Exported {rows} rows to {path}", rows=f"{result.rows:,}",
                   path=Path(target).expanduser())
