"""The relay's callback secret is a secret: kept in the keyring, never in the config file or argv.

A profile names its relay by address (``https://host``); the callback path secret that relay
init printed is the profile's ``relay_callback_secret``. A config file written by an older
version (``relay_url = "https://host/cb/<secret>"``) gives its secret to the keyring the first
time it is read, and is written again without it. A relay URL carrying the secret is refused on
the command line, and nothing is written.
"""

from __future__ import annotations

from mpesa_desktop.cli import main
from mpesa_desktop.config import ConfigStore, Secrets
from mpesa_desktop.paths import app_paths
from mpesa_desktop.services import AppServices

SECRET = "0a" * 20
OLD_CONFIG = f"""active = "team"

[profiles.team]
kind = "sandbox"
base_url = "https://sandbox.safaricom.co.ke"
shortcode = "600000"
relay_url = "https://relay.example.co.ke/cb/{SECRET}"
"""


def test_an_older_config_gives_its_relay_secret_to_the_keyring_and_forgets_it(app_home):
    paths = app_paths(app_home).ensure()
    paths.config_file.write_text(OLD_CONFIG, encoding="utf-8")

    store = ConfigStore(paths)

    assert store.get("team").relay_url == "https://relay.example.co.ke"
    assert Secrets("team").get("relay_callback_secret") == SECRET
    assert SECRET.encode() not in paths.config_file.read_bytes()
    assert ConfigStore(paths).get("team").relay_url == "https://relay.example.co.ke"


def test_the_callbacks_still_go_through_the_relay_after_the_move(app_home):
    paths = app_paths(app_home).ensure()
    paths.config_file.write_text(OLD_CONFIG, encoding="utf-8")
    services = AppServices.open(paths, "team")
    try:
        assert services.defaults("b2c")["result_url"] == (
            f"https://relay.example.co.ke/cb/{SECRET}/result")
    finally:
        services.close()


def test_a_relay_url_with_its_secret_is_refused_on_the_command_line(app_home, capsys):
    code = main(["profile", "add", "team", "--kind", "sandbox",
                 "--relay-url", f"https://relay.example.co.ke/cb/{SECRET}"])
    assert code == 2
    error = capsys.readouterr().err
    assert "relay_url" in error and "set-secret team relay_callback_secret" in error
    assert "team" not in ConfigStore(app_paths()).names()
    config = app_paths().config_file
    assert not config.exists() or SECRET.encode() not in config.read_bytes()

