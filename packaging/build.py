"""Build mpesa-desktop's one-folder application with PyInstaller (spec: mpesa-desktop.spec).

    python packaging/build.py [--dist DIR] [--work DIR] [--tarball]

Needs the build tools: ``pip install -e '.[build]'`` (the test extras include them). Writes
``DIR/mpesa-desktop/`` (default ``dist/``), whose ``mpesa-desktop`` executable is the whole app:
the window with no command, the command line with one. ``--tarball`` (Linux) also writes
``DIR/mpesa-desktop-<version>-linux-<machine>.tar.gz`` with the menu entry, the icons, the
AppStream metadata and install.sh / uninstall.sh (``linux_desktop.stage``). Windows and macOS:
see packaging/README.md.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "mpesa-desktop.spec"
NAME = "mpesa-desktop"


def compile_translations() -> list[Path]:
    """The window's .qm catalogues, compiled from their .ts (resources/i18n) for the bundle."""
    from mpesa_desktop.ui.i18n import ENGLISH, LANGUAGES, compile_catalogue, source_catalogue

    compiled = []
    for language in LANGUAGES:
        if language != ENGLISH:
            source = source_catalogue(language)
            compile_catalogue(source, source.with_suffix(".qm"))
            compiled.append(source.with_suffix(".qm"))
    return compiled


def build_bundle(dist: Path, work: Path) -> Path:
    """Compile the translations, run PyInstaller on the spec; the bundle's folder."""
    compile_translations()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
        check=True, cwd=ROOT,
    )
    return dist / NAME


def build_tarball(bundle: Path, dist: Path) -> Path:
    """The Linux tarball around ``bundle``; its path."""
    sys.path.insert(0, str(HERE))
    import linux_desktop

    from mpesa_desktop import __version__

    top = f"{NAME}-{__version__}-linux-{platform.machine()}"
    staged = linux_desktop.stage(bundle, dist / top)
    tarball = dist / f"{top}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
        archive.add(staged, arcname=top)
    shutil.rmtree(staged)
    return tarball


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder")
    parser.add_argument("--tarball", action="store_true", help="also the Linux tarball")
    args = parser.parse_args(argv)
    bundle = build_bundle(args.dist.resolve(), args.work.resolve())
    print(f"built {bundle}")
    if args.tarball:
        print(f"built {build_tarball(bundle, args.dist.resolve())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
