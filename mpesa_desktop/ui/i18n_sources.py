"""Refresh the translator's .ts from the code: ``python -m mpesa_desktop.ui.i18n_sources``.

``pyside6-lupdate`` reads the window's modules for their ``translate(context, text)`` calls.
The texts declared as data are listed for it here, derived from their one declaration: the
catalogue's field labels (context ``Catalogue``), operation nouns and labels (``Operation``),
the log's status words (``Status``), the ledger's event sources (``Source``) and export columns
(``Columns``), the Today tab's figures (``Today``), the profile kinds' labels (``Profiles``),
the team's roles (``Roles``), the keyring note, the tabs' titles, headings, blurbs and Send
buttons (``Tabs``) and the labels, placeholders and choices of the tabs' ``FieldSpec``
declarations (``Catalogue``), found in the tab modules' source. The core's sentences
(``mpesa_desktop.messages.message`` calls with a literal template, context ``Core``) are found
in the source of every module outside the window's; the command line's help (``Help``) and
argparse's words (``argparse``) are read from its parser (``cli.help_language``). They are
written as ``translate`` calls to a temporary file that lupdate reads with the code.
``update_catalogue(ts)`` updates any .ts (the test updates a copy and finds nothing new).
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import tempfile
from pathlib import Path

from mpesa_desktop.catalogue import OPERATIONS
from mpesa_desktop.config.profiles import KIND_LABELS
from mpesa_desktop.config.secrets import NO_BACKEND_MESSAGE
from mpesa_desktop.ledger.export import DEFAULT_COLUMNS
from mpesa_desktop.ledger.statuses import SOURCES
from mpesa_desktop.services.today import FIGURES
from mpesa_desktop.team.roles import Role
from mpesa_desktop.ui.export_dialog import column_caption
from mpesa_desktop.ui.i18n import CORE, SWAHILI, source_catalogue, tool
from mpesa_desktop.ui.log_labels import OPERATION_LABELS, STATUS_LABELS

UI_DIR = Path(__file__).parent
PACKAGE_DIR = UI_DIR.parent
TABS_DIR = UI_DIR / "tabs"
TAB_TEXTS = ("heading", "blurb", "send_text")
SPEC_TEXTS = ("label", "placeholder")


def catalogue_texts() -> set[tuple[str, str]]:
    """The field labels, operation nouns and labels the Qt-free catalogue declares, the log's
    status words, the ledger's event sources and export columns and the Today tab's
    figures."""
    labels = {("Catalogue", rule.label) for operation in OPERATIONS.values()
              for rule in operation.fields.values()}
    nouns = {("Operation", text) for operation in OPERATIONS.values()
             for text in (operation.noun, operation.short)}
    profiles = {("Profiles", text) for text in KIND_LABELS.values()}
    operations = {("Operation", text) for text in OPERATION_LABELS.values()}
    figures = {("Today", label) for label, _statuses, _operations in FIGURES.values()}
    roles = {("Roles", str(role)) for role in Role}
    # Qt's own words the window shows (Qt ships no Swahili): this catalogue answers Qt for them.
    qt_own = {("QMessageBox", "Show Details..."), ("QMessageBox", "Hide Details...")}
    return (labels | nouns | profiles | operations | figures | roles | qt_own
            | {("Status", text) for text in STATUS_LABELS.values()}
            | {("Source", text) for text in SOURCES}
            | {("Columns", column_caption(name)) for name in DEFAULT_COLUMNS}
            | {("SettingsDialog", NO_BACKEND_MESSAGE)})


def tab_texts() -> set[tuple[str, str]]:
    """The texts the tab modules declare as data (class attributes, registrations, specs)."""
    found: set[tuple[str, str]] = set()
    for path in sorted(TABS_DIR.glob("*.py")):
        module = importlib.import_module(f"mpesa_desktop.ui.tabs.{path.stem}")
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name) and target.id in TAB_TEXTS:
                    found |= {("Tabs", text) for text in _strings(node.value)}
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if node.target.id in TAB_TEXTS and node.value is not None:
                    found |= {("Tabs", text) for text in _strings(node.value)}
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                found |= _call_texts(node, module)
    return {entry for entry in found if entry[1]}


def _call_texts(node: ast.Call, module: object) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    assert isinstance(node.func, ast.Name)
    for keyword in node.keywords:
        if node.func.id == "register_tab" and keyword.arg == "title":
            found |= {("Tabs", text) for text in _strings(keyword.value)}
        if node.func.id != "FieldSpec":
            continue
        if keyword.arg in SPEC_TEXTS:
            found |= {("Catalogue", text) for text in _strings(keyword.value)}
        elif keyword.arg == "choices" and isinstance(keyword.value, ast.Name):
            choices = getattr(module, keyword.value.id)
            found |= {("Catalogue", shown) for _value, shown in choices}
    return found


def _strings(node: ast.expr) -> list[str]:
    """The literal text of ``node`` (implicitly joined strings included)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    return []


def core_messages() -> set[tuple[str, str]]:
    """The templates of the core's ``message(...)`` calls (the window's own modules aside)."""
    found: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if UI_DIR in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "message" and node.args):
                found |= {(CORE, text) for text in _strings(node.args[0])}
    return found


def command_line_texts() -> set[tuple[str, str]]:
    """The command line's help texts (context ``Help``) and argparse's own words (``argparse``),
    read from the parser itself."""
    from mpesa_desktop.cli import build_parser
    from mpesa_desktop.cli.help_language import ARGPARSE, ARGPARSE_WORDS, HELP, help_texts

    return ({(HELP, text) for text in help_texts(build_parser())}
            | {(ARGPARSE, text) for text in ARGPARSE_WORDS})


def declared_texts() -> set[tuple[str, str]]:
    return catalogue_texts() | tab_texts() | core_messages() | command_line_texts()


def update_catalogue(ts: Path) -> str:
    """Run lupdate over the window's code and the declared texts into ``ts``; its report."""
    with tempfile.TemporaryDirectory() as folder:
        listed = Path(folder) / "declared_texts.py"
        lines = [f"translate({context!r}, {text!r})"
                 for context, text in sorted(declared_texts())]
        listed.write_text("\n".join(lines) + "\n", "utf-8")
        sources = sorted(str(path) for path in UI_DIR.rglob("*.py"))
        done = subprocess.run(
            [tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete",
             *sources, str(listed), "-ts", str(ts)],
            capture_output=True, text=True, check=True,
        )
    return done.stdout + done.stderr


def main() -> int:
    print(update_catalogue(source_catalogue(SWAHILI)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
