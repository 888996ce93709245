"""The one error tree: its docstring is the real tree, every error a clerk can meet has an exit
code, and the command line gives one error the same code whichever command meets it."""

from __future__ import annotations

import importlib
import json
import pkgutil

import pytest

import mpesa_desktop
from mpesa_desktop import errors
from mpesa_desktop.cli import main
from mpesa_desktop.cli.exit_codes import ERROR_CODES, code_for_error
from mpesa_desktop.config import ConfigError, ConfigStore, Secrets, new_profile
from mpesa_desktop.config.credentials import import_certificate
from mpesa_desktop.daraja.errors import DarajaError
from mpesa_desktop.daraja.security import bundled_certificate
from mpesa_desktop.errors import AppError, BugError, KnownError
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from tests import cli_support
from tests.cli_support import add_lab_profile

no_terminal = cli_support.no_terminal

B2C = ["b2c", "--phone", "0708374149", "--amount", "1500", "--remarks", "Refund", "--yes"]


def every_app_error() -> set[type[AppError]]:
    """Every AppError class of the package (each module imported, so each class is defined)."""
    for module in pkgutil.walk_packages(mpesa_desktop.__path__, "mpesa_desktop."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: set[type[AppError]] = set()
    pending: list[type[AppError]] = [AppError]
    while pending:
        cls = pending.pop()
        found.add(cls)
        pending.extend(cls.__subclasses__())
    return found


def drawn_tree() -> dict[str, str]:
    """Each class drawn in ``mpesa_desktop.errors``'s docstring -> the class drawn above it."""
    parents: dict[str, str] = {}
    path: list[str] = []
    for line in (errors.__doc__ or "").splitlines():
        stripped = line.strip()
        if stripped == "AppError" or stripped.startswith("AppError "):
            path = ["AppError"]
            continue
        if "+-- " not in line or not path:
            continue
        depth = line.index("+-- ") // 4
        name = line[line.index("+-- ") + 4:].split()[0]
        path = [*path[:depth], name]
        parents[name] = path[depth - 1]
    return parents


def test_the_docstring_draws_the_real_tree():
    real = {cls.__name__: cls.__mro__[1].__name__ for cls in every_app_error()
            if cls is not AppError}
    assert drawn_tree() == real


def test_every_error_a_clerk_can_meet_has_an_exit_code_and_a_bug_has_none():
    never_raised = {KnownError, DarajaError}  # bases only
    for cls in every_app_error():
        if issubclass(cls, KnownError) and cls not in never_raised:
            assert [base for base in cls.__mro__ if base in ERROR_CODES], cls
    assert set(ERROR_CODES.values()) == {2, 3, 4}  # 5 is the lost answer's (maybe_delivered)
    with pytest.raises(BugError, match="no exit code for KnownError"):
        code_for_error(KnownError("no class of its own"))


def test_a_missing_consumer_key_exits_2_for_one_payment_and_for_a_file(simulator, relay,
                                                                      tmp_path, capsys):
    add_lab_profile(simulator, relay)
    Secrets("lab").delete("consumer_key")
    payees = tmp_path / "payees.csv"
    payees.write_text("phone,amount,remarks\n0708374149,100,Salary\n", encoding="utf-8")

    assert main([*B2C, "--json"]) == 2
    single = json.loads(capsys.readouterr().out)
    assert main(["bulk", str(payees), "--yes", "--json"]) == 2
    bulk = json.loads(capsys.readouterr().out)

    assert single["exit_code"] == bulk["exit_code"] == 2
    assert "consumer key is not set for profile 'lab'" in single["error"]
    assert bulk["stopped"].startswith("Stopped at row 2: The consumer key is not set")
    assert simulator.request_count == 0
    with Ledger(app_paths().ledger_file("lab")) as ledger:
        assert ledger.summary()[0] == 0


def test_the_computer_refusing_to_save_settings_is_a_setting_to_fix(tmp_path):
    """A blocking settings call reaches the window by the one policy: an OSError would be a bug
    there, so the config layer says it as a ConfigError naming what could not be saved."""
    paths = app_paths()
    store = ConfigStore(paths)
    paths.config_dir.parent.mkdir(parents=True, exist_ok=True)
    paths.config_dir.write_text("a file where the config folder belongs", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"the config file .* could not be saved"):
        store.add(new_profile("lab", "custom", base_url="http://127.0.0.1:9000"))
    certificate = tmp_path / "server.cer"
    certificate.write_bytes(bundled_certificate("sandbox"))
    with pytest.raises(ConfigError, match="certificate: could not be saved"):
        import_certificate(paths, "lab", certificate)
