"""mpesa-desktop: a desktop back office for Safaricom's M-Pesa Daraja API.

Layers (imports only point down):

    ui/ (PySide6)     cli/ (argparse)
            services/ (Qt-free, asyncio)
    daraja/   ledger/   config/
    api/ (mpesa-py compatible facade)   simulator/   relay/
"""

__version__ = "0.1.0"
