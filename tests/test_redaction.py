"""Secrets and tokens never reach what the app stores: the ledger file (rows, events, callbacks,
its WAL), the app log or an export.

- Daraja's 401 answer echoes the access token ("Error Occurred - Invalid Access Token -
  <token>", daraja-reference.md section 5): against a simulator whose tokens expire at once,
  a payout is refused with that message and the token is found nowhere in the raw bytes of
  those files, while the message itself is kept with the token replaced.
- The relay's callback path secret is in every callback URL the app sends: after a real payout
  through a relay, the ledger keeps the URLs with ``<relay>`` in its place.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from mpesa_desktop.app_log import LOG_NAME, start_app_log
from mpesa_desktop.cli import main
from mpesa_desktop.daraja import codes
from mpesa_desktop.daraja.errors import ApiError
from mpesa_desktop.ledger import Ledger
from mpesa_desktop.paths import app_paths
from mpesa_desktop.redaction import REDACTED, RELAY_SECRET, redact, redact_text
from mpesa_desktop.simulator import Simulator, SimulatorConfig
from tests import cli_support
from tests.services_support import add_lab_profile, open_services, run

lab = cli_support.lab
TOKEN_401 = "Error Occurred - Invalid Access Token - "
RELAY_BASE = "https://relay.example/cb"


@pytest.mark.parametrize(("text", "stored"), [
    # Daraja's 401 (daraja-reference.md section 5), and the real capture with nothing echoed
    (f"{TOKEN_401}BJGFGQXV5aZnw9QKA4TDtu4Xdyf", f"{TOKEN_401}{REDACTED}"),
    (TOKEN_401, TOKEN_401),
    ("Not authorised. Daraja said: Error Occurred - Invalid Access Token - aZ09xY87wV65uT43sR21",
     f"Not authorised. Daraja said: {TOKEN_401}{REDACTED}"),
    ("Authorization: Bearer c9SQxWWhmdVRlyh0zh8gZDTkubVF", f"Authorization: Bearer {REDACTED}"),
    ("Basic Y2stVEVTVE9OTFk6Y3MtVEVTVE9OTFk=", f"Basic {REDACTED}"),
    ('{"access_token": "c9SQxWWhmdVRlyh0zh8gZDTkubVF", "expires_in": "3599"}',
     f'{{"access_token": "{REDACTED}", "expires_in": "3599"}}'),
    ('"SecurityCredential": "EsJocK7+NjqZPC3I3EO+TbvS+xVb9TymWwaKABoaZr/Z/n0UysSs=="',
     f'"SecurityCredential": "{REDACTED}"'),
    ("Password=MTc0Mzc5YmZiMjc5ZjlhYTli; consumer_secret: cs-1234 consumer_key=ck-99",
     f"Password={REDACTED}; consumer_secret: {REDACTED} consumer_key={REDACTED}"),
    (f"{RELAY_BASE}/0123456789abcdef0123456789abcdef01234567/b2c/result?ref=9f1c2e7a",
     f"{RELAY_BASE}/{RELAY_SECRET}/b2c/result?ref=9f1c2e7a"),
    ("POST /cb/0123456789abcdef0123456789abcdef01234567/stk", f"POST /cb/{RELAY_SECRET}/stk"),
])
def test_secrets_in_a_text_are_replaced(text, stored):
    assert redact_text(text) == stored
    assert redact_text(stored) == stored  # idempotent


def test_daraja_texts_and_our_own_sentences_pass_unchanged():
    texts = [text for table in (codes.RESULT_CODES, codes.ERROR_CODES)
             for code in table.values() for text in code]
    texts += ["The initiator password or certificate was not accepted. Check the credentials.",
              "Customer refund", "https://relay.example/result?ref=9f1c2e7a", "SG632NMUAB"]
    assert [redact_text(text) for text in texts] == texts


def test_bodies_lose_secret_keys_and_secrets_in_their_texts():
    body = {
        "Initiator": "testapi", "SecurityCredential": "EsJocK7+NjqZ", "Amount": 1500,
        "Password": "MTc0Mzc5", "consumer_key": "ck-1",
        "ResultURL": f"{RELAY_BASE}/0123456789abcdef/result?ref=9f1c2e7a",
        "Nested": [{"relay_token": "rt-1", "Remarks": f"{TOKEN_401}BJGFGQXV5aZnw9QKA4TDtu4Xdyf"}],
    }
    assert redact(body) == {
        "Initiator": "testapi", "Amount": 1500,
        "ResultURL": f"{RELAY_BASE}/{RELAY_SECRET}/result?ref=9f1c2e7a",
        "Nested": [{"Remarks": f"{TOKEN_401}{REDACTED}"}],
    }


def ledger_files(path: Path) -> list[Path]:
    """The ledger file and whichever of its WAL and shared-memory files exist."""
    return [found for found in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
            if found.exists()]


def holding(needle: str, files: list[Path]) -> list[str]:
    """The names of the files whose raw bytes contain ``needle``."""
    return [file.name for file in files if needle.encode() in file.read_bytes()]


def test_a_401_echoing_the_access_token_leaves_no_trace_of_it(app_home, relay, tmp_path):
    paths = app_paths(app_home)
    handler = start_app_log(paths)
    try:
        with Simulator(SimulatorConfig(callback_delay=0.05, token_ttl=0)) as simulator:
            add_lab_profile(simulator.url, relay)
            services = open_services("lab")
            try:
                with pytest.raises(ApiError) as caught:
                    run(services, services.submit("b2c", {
                        "amount": 1500, "party_b": "0708374149", "remarks": "Refund"}))
                # As the poller logs a refusal (``could not ask about REF yet: ERROR``).
                logging.getLogger("mpesa_desktop.services.poller").info(
                    "could not ask about %s yet: %s", "ref-1", caught.value)
                assert caught.value.error_message.startswith(TOKEN_401)
                token = caught.value.error_message.removeprefix(TOKEN_401)
                assert len(token) == 28  # the simulator's token, echoed as Daraja does
                row = caught.value.transaction
                assert (row.status, row.result_code) == ("rejected", "401.002.01")
                assert row.result_desc.endswith(f"Daraja said: {TOKEN_401}{REDACTED}")
                assert services.ledger.events(row.reference)[-1].payload == {
                    "error_code": "401.002.01", "message": f"{TOKEN_401}{REDACTED}"}
                open_files = ledger_files(services.ledger.path)
                assert [file.name[-4:] for file in open_files] == ["ite3", "-wal", "-shm"]
                assert holding(token, open_files) == []
                assert holding(f"{TOKEN_401}{REDACTED}", open_files)  # kept, token replaced
            finally:
                services.close()
    finally:
        logging.getLogger("mpesa_desktop").removeHandler(handler)
        handler.close()
    target = tmp_path / "log.csv"
    assert main(["--profile", "lab", "export", "--out", str(target)]) == 0
    log_file = paths.log_dir / LOG_NAME
    stored = [*ledger_files(paths.ledger_file("lab")), log_file, target]
    assert holding(token, stored) == []
    assert holding(f"{TOKEN_401}{REDACTED}", stored) == ["lab.sqlite3", LOG_NAME, "log.csv"]


def test_the_relay_path_secret_is_stored_as_relay(lab, relay, capsys, tmp_path):
    code = main(["--profile", "lab", "b2c", "--phone", "0708374149", "--amount", "1500",
                 "--remarks", "Refund", "--yes", "--wait", "--timeout", "30", "--json"])
    assert code == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "completed"  # the result came back through the relay
    base, secret = relay.callback_base_url.rsplit("/", 1)
    reference = answer["reference"]
    paths = app_paths()
    target = tmp_path / "log.csv"
    assert main(["--profile", "lab", "export", "--out", str(target)]) == 0
    with Ledger(paths.ledger_file("lab"), "lab") as ledger:
        body = ledger.get(reference).request_body
    assert body["ResultURL"] == f"{base}/{RELAY_SECRET}/result?ref={reference}"
    stored = [*ledger_files(paths.ledger_file("lab")), paths.log_dir / LOG_NAME, target]
    assert holding(secret, stored) == []
    assert holding(f"{base}/{RELAY_SECRET}/timeout?ref={reference}", stored) == ["lab.sqlite3"]


def test_a_qr_code_image_is_kept_whole_even_where_its_letters_spell_token():
    picture = "iVBORw0KGgo" + "TokenAbCdEfGhIjKlMnOp" + "AAAA/+=="
    answer = {"ResponseCode": "00", "QRCode": picture, "Note": "token " + "x" * 20}
    kept = redact(answer)
    assert kept["QRCode"] == picture
    assert kept["Note"] == f"token {REDACTED}"


def test_a_qr_code_field_that_is_not_base64_is_redacted_as_text():
    assert redact({"QRCode": "token: abcdefghijklmnopqrstuvwxyz"}) == {
        "QRCode": f"token: {REDACTED}"}
