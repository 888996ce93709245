"""Where mpesa-desktop keeps its config and data.

By default the platform's user directories (platformdirs); ``--home DIR`` or the environment
variable ``MPESA_DESKTOP_HOME`` puts everything under one folder (portable installs, tests).
``ensure()`` makes the folders private (0700, see ``private_files``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from mpesa_desktop.private_files import private_dir

APP_NAME = "mpesa-desktop"
HOME_ENV = "MPESA_DESKTOP_HOME"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one installation."""

    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def ledgers_dir(self) -> Path:
        return self.data_dir / "ledgers"

    def ledger_file(self, profile: str) -> Path:
        """The SQLite transaction log of one profile (each profile has its own)."""
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", profile)
        return self.ledgers_dir / f"{safe}.sqlite3"

    def ensure(self) -> AppPaths:
        """Create the folders, or tighten them, 0700."""
        for folder in (self.config_dir, self.data_dir, self.ledgers_dir, self.log_dir):
            private_dir(folder)
        return self


def app_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    """The paths for ``home`` if given, else ``$MPESA_DESKTOP_HOME``, else the user directories."""
    home = home or os.environ.get(HOME_ENV) or None
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(root / "config", root / "data", root / "logs")
    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
