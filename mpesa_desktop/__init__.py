"""mpesa-desktop: a desktop back office for Safaricom's M-Pesa Daraja API.

Layers (imports only point down):

    ui/ (PySide6)     cli/ (argparse)
            services/ (Qt-free, asyncio)
    daraja/   ledger/   config/
    api/ (mpesa-py compatible facade)   simulator/   relay/

``__version__`` is the version's one place: the package metadata (pyproject.toml reads it),
``--version``, Help > About, the app's log and the installers all take it from here; each
release has its entry in CHANGELOG.md.
"""

__version__ = "0.1.0"
