"""Every operation of the catalogue has its faces, and every face belongs to an operation.

Window: every operation is sent from exactly one registered tab, and every tab but the log,
Today, Approvals (views of the log) and Bulk payments sends at least one operation. Simulator:
every declared path has a handler for that operation.
Command line: one sub-command per operation (its ``command``), no operation sub-command without
an operation, and each sub-command's options are exactly the declaration's options plus the
common ones its kind takes (listed here, independently of ``cli.operation_args``); no secret
field is ever an option.
"""

from __future__ import annotations

import argparse

import pytest

from mpesa_desktop.catalogue import OPERATIONS, Key, Op, Operation
from mpesa_desktop.cli import build_parser, operations_cmd
from mpesa_desktop.simulator.app import ENDPOINTS
from mpesa_desktop.ui.tab_registry import LOG_TAB, registered_tabs

EVERY = {"-h", "--help", "--wait", "--timeout", "--json"}
PAYOUT = {"--yes", "--confirm-amount", "--retry-of"}
REPEATABLE = {"--allow-repeat"}  # payouts keyed by the payment (a reversal is keyed by receipt)
ASKS_ABOUT_ANOTHER = {"--reference"}
IMAGE = {"--save"}  # Dynamic QR's PNG


def common_options(declared: Operation) -> set[str]:
    options = set(EVERY)
    if declared.is_payout:
        options |= PAYOUT
    if declared.is_payout and declared.key is Key.PAYMENT:
        options |= REPEATABLE
    if declared.asks_about_another:
        options |= ASKS_ABOUT_ANOTHER
    if declared.name is Op.DYNAMIC_QR:
        options |= IMAGE
    return options


def sub_commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def operation_commands() -> dict[str, argparse.ArgumentParser]:
    """The sub-commands ``operations_cmd`` registers, alone."""
    parser = argparse.ArgumentParser()
    operations_cmd.register(parser.add_subparsers())
    return sub_commands(parser)


CLI = sub_commands(build_parser())


def test_each_operation_has_one_command_and_each_operation_command_an_operation():
    commands = [declared.command for declared in OPERATIONS.values()]
    assert len(commands) == len(set(commands))
    assert sorted(operation_commands()) == sorted(commands)
    assert set(commands) <= set(CLI)


@pytest.mark.parametrize("declared", OPERATIONS.values(), ids=list(OPERATIONS))
def test_a_command_has_the_declared_options_plus_the_common_ones(declared):
    parser = CLI[declared.command]
    flags = {flag for action in parser._actions for flag in action.option_strings}
    assert flags == {option.flag for option in declared.options} | common_options(declared)
    fields = {action.dest.removeprefix("field_") for action in parser._actions
              if action.dest.startswith("field_")}
    assert fields == {option.field for option in declared.options}
    assert not [name for name in fields if declared.fields[name].secret]


def test_each_operation_has_one_tab_and_each_tab_but_the_views_an_operation():
    tabs = registered_tabs()
    handled = [operation for entry in tabs for operation in entry.handles]
    assert sorted(handled) == sorted(Op)
    # The views, and Bulk payments (its rows are B2C payments, the operation of "Pay a customer")
    # and Approvals (its payouts are sent again from the approver's desk as they were prepared)
    assert [entry.name for entry in tabs if not entry.handles] == [LOG_TAB, "approvals", "today",
                                                                   "bulk"]


@pytest.mark.parametrize("declared", OPERATIONS.values(), ids=list(OPERATIONS))
def test_the_simulator_answers_each_declared_path(declared):
    path = declared.path.format(version="v2")
    assert path in ENDPOINTS
    assert ENDPOINTS[path].rules == declared.name.value
