"""Issue 17, the command line's messages: what the core says of an error is printed in the
language chosen in the window's settings (else the system's), read from the window's own .ts
without Qt; English stays the default, and the JSON output and the data are never translated."""

from __future__ import annotations

import pytest

from mpesa_desktop import languages
from mpesa_desktop.cli import main
from mpesa_desktop.cli.help_language import language_of
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.messages import message
from mpesa_desktop.paths import app_paths
from tests.test_lazy_imports import heavy, imported


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def unknown_payout() -> str:
    paths = app_paths().ensure()
    with Ledger(paths.ledger_file("offline"), profile="offline") as ledger:
        row = ledger.create("b2c", amount=700, party_a="600000", party_b="254708374149",
                            remarks="Refund")
        return ledger.transition(row.reference, "unknown", source="ack").reference


def test_a_rule_is_printed_in_the_language_chosen_in_the_settings(capsys, app_home, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    reference = unknown_payout()
    code, _out, err = run(capsys, "resolve", reference, "--status", "failed")
    assert code == 2 and "--reason: is required: write why" in err
    languages.save_language(app_paths().config_dir, languages.SWAHILI)
    code, _out, err = run(capsys, "resolve", reference, "--status", "failed", "--receipt", "X1")
    assert code == 2
    assert "--reason: inahitajika: andika kwa nini" in err
    assert "--receipt: ni kwa malipo yaliyosuluhishwa kama yamekamilika tu" in err


def test_the_system_locale_chooses_when_the_settings_do_not(monkeypatch, tmp_path):
    for name in languages.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert languages.system_language() == languages.ENGLISH
    monkeypatch.setenv("LANG", "sw_KE.UTF-8")
    assert languages.system_language() == languages.SWAHILI
    monkeypatch.setenv("LC_ALL", "en_KE.UTF-8")  # LC_ALL wins over LANG
    assert languages.system_language() == languages.ENGLISH
    assert languages.chosen_language(tmp_path) is None


def test_a_core_message_is_said_with_its_values_and_data_stays_as_it_is():
    hint = message("must be {low} to {high} shillings", low="10", high="250,000")
    assert languages.say(hint, languages.ENGLISH) == hint
    assert languages.say(hint, languages.SWAHILI) == "lazima iwe shilingi 10 hadi 250,000"
    nested = message("{place}, {column}", place=message("row {row}", row=3), column="amount")
    assert languages.say(nested, languages.SWAHILI) == "safu 3, amount"
    assert languages.say("The service request is processed", languages.SWAHILI) == (
        "The service request is processed")


def test_the_command_line_reads_the_translation_without_qt(app_home):
    (app_paths().ensure().config_dir / languages.LANGUAGE_FILE).write_text("sw_KE\n")
    modules = imported("-c", "from mpesa_desktop import languages\n"
                             "from mpesa_desktop.daraja.limits import check_field\n"
                             "languages.say(check_field('b2c', 'party_b', '12'), 'sw_KE')")
    assert "mpesa_desktop.languages" in modules
    assert heavy(modules) == set()


def test_the_help_and_argparses_own_words_are_in_the_clerks_language(capsys, app_home):
    languages.save_language(app_paths().ensure().config_dir, languages.SWAHILI)
    with pytest.raises(SystemExit) as shown:
        main(["--help"])
    out = capsys.readouterr().out
    assert shown.value.code == 0
    assert out.startswith("matumizi: mpesa-desktop")
    assert "Ofisi ya nyuma ya Daraja ya M-PESA" in out
    assert "tumia wasifu huu kwa amri moja" in out
    assert "onyesha msaada huu na utoke" in out
    with pytest.raises(SystemExit) as refused:
        main(["user", "add", "ann"])
    assert refused.value.code == 2
    assert "mpesa-desktop user add: hitilafu: hoja zifuatazo zinahitajika: --role" in (
        capsys.readouterr().err)


def test_after_a_command_in_swahili_argparse_speaks_english_again(capsys, app_home):
    (app_paths().ensure().config_dir / languages.LANGUAGE_FILE).write_text("sw_KE\n")
    with pytest.raises(SystemExit):
        main(["--help"])
    capsys.readouterr()
    from mpesa_desktop.cli import build_parser

    assert "show this help message and exit" in build_parser().format_help()


def test_home_on_the_command_line_chooses_whose_language(tmp_path, monkeypatch):
    for name in languages.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("MPESA_DESKTOP_HOME", raising=False)
    home = tmp_path / "desk"
    languages.save_language(app_paths(home).ensure().config_dir, languages.SWAHILI)
    assert language_of(["--home", str(home), "log"]) == languages.SWAHILI
    assert language_of([f"--home={home}", "log"]) == languages.SWAHILI
    assert language_of(["--home", str(tmp_path / "other"), "log"]) == languages.ENGLISH


def test_an_options_rule_is_said_in_the_language_the_arguments_are_read_in(capsys, app_home):
    languages.save_language(app_paths().ensure().config_dir, languages.SWAHILI)
    with pytest.raises(SystemExit) as refused:
        main(["simulator", "--callback-delay", "soon"])
    assert refused.value.code == 2
    assert ("mpesa-desktop simulator: hitilafu: hoja --callback-delay: lazima iwe idadi ya "
            "sekunde") in capsys.readouterr().err
    languages.save_language(app_paths().config_dir, languages.ENGLISH)
    with pytest.raises(SystemExit):
        main(["simulator", "--callback-delay", "-1"])
    assert "argument --callback-delay: must be 0 or more" in capsys.readouterr().err


def test_every_rule_listed_in_an_invalid_input_error_is_said_in_the_clerks_language():
    from mpesa_desktop.daraja.errors import ValidationError
    from mpesa_desktop.daraja.limits import check_field
    from mpesa_desktop.messages import said

    error = ValidationError({"party_b": check_field("b2c", "party_b", "12"),
                             "amount": check_field("b2c", "amount", "5")})
    assert str(error) == ("Invalid input, nothing was sent. party_b: must be a Kenyan mobile "
                          "number like 0712 345 678; amount: must be 10 to 250,000 shillings")
    assert languages.say(said(error), languages.SWAHILI) == (
        "Maingizo si sahihi, hakuna kilichotumwa. party_b: lazima iwe nambari ya simu ya Kenya "
        "kama 0712 345 678; amount: lazima iwe shilingi 10 hadi 250,000")
