"""The Qt-free Daraja client of mpesa-desktop.

- ``limits``: the one table of field rules; ``validate``, ``check_field``, MSISDN and money helpers.
- ``operations``: ``build_request`` turns an operation's fields into Daraja's wire request.
- ``client``: ``DarajaClient`` sends it (OAuth, shared token, timeouts, error mapping).
- ``token_cache``: the process-wide token per (base URL, consumer key).
- ``callbacks``: parsers for every callback shape and STK Query answer.
- ``codes``: result and error codes with plain-English meanings.
- ``security``: SecurityCredential, STK password, EAT timestamps, bundled certificates.
- ``errors``: ValidationError, ApiError, AuthError, TransportError, CertificateError.
"""
