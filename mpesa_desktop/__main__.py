"""Allows ``python -m mpesa_desktop``."""

from mpesa_desktop.cli import main

raise SystemExit(main())
