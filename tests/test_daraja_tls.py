"""A server whose TLS certificate cannot be verified: the clerk is told so, naming the host,
never that "the server did not answer". A real HTTPS server on loopback with a self-signed
certificate made here (``cryptography``), reached by the real client and the real command."""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from mpesa_desktop.cli import main
from mpesa_desktop.cli.exit_codes import code_for_error
from mpesa_desktop.daraja.client import DarajaClient
from mpesa_desktop.daraja.errors import CertificateError
from mpesa_desktop.daraja.token_cache import TokenCache
from mpesa_desktop.ui.errors import explain
from tests import cli_support
from tests.cli_support import add_lab_profile

no_terminal = cli_support.no_terminal


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key (no authority vouches for it)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _TokenHandler(BaseHTTPRequestHandler):
    """Answers every request as Daraja's OAuth endpoint does."""

    def do_GET(self) -> None:
        body = json.dumps({"access_token": "tls-token", "expires_in": "3599"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def https_server(tmp_path) -> Iterator[SimpleNamespace]:
    cert_path, key_path = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TokenHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SimpleNamespace(url=f"https://127.0.0.1:{server.server_address[1]}",
                              certificate=cert_path)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_an_unverifiable_certificate_is_named_with_its_host(https_server):
    with (DarajaClient(https_server.url, "key", "secret", environment="custom",
                       token_cache=TokenCache()) as client,
          pytest.raises(CertificateError) as caught):
        client.fetch_token()
    error = caught.value
    assert error.host == "127.0.0.1" and error.maybe_delivered is False
    assert "certificate of the server 127.0.0.1 could not be verified" in str(error)
    assert "self-signed" in str(error) and "Nothing was sent" in str(error)
    assert "did not answer" not in str(error)
    assert code_for_error(error) == 4
    told = explain(error)
    assert told.headline == "The server's certificate could not be verified"
    assert "127.0.0.1" in told.message


def test_the_same_server_answers_once_its_certificate_is_trusted(https_server):
    session = requests.Session()
    session.trust_env = False  # else REQUESTS_CA_BUNDLE would replace the trusted certificate
    session.verify = str(https_server.certificate)
    with DarajaClient(https_server.url, "key", "secret", environment="custom",
                      session=session, token_cache=TokenCache()) as client:
        assert client.fetch_token() == "tls-token"
    session.close()


def test_the_command_line_says_so_and_exits_4(https_server, relay, capsys):
    add_lab_profile(https_server, relay)
    code = main(["balance"])
    err = capsys.readouterr().err
    assert code == 4
    assert "certificate of the server 127.0.0.1 could not be verified" in err
    assert "did not answer" not in err
