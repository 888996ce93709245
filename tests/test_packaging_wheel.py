"""The wheel and the sdist, built from this tree as a release would be (``python -m build``: the
sdist, then the wheel from the sdist), carry every module and resource; the wheel installed in a
fresh environment, as ``pipx install`` does, answers from its own files."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpesa_desktop import __version__
from tests import packaging_support

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "mpesa_desktop"

pytestmark = pytest.mark.slow
program_folder = packaging_support.program_folder


def _tracked(*folders: str) -> set[str]:
    """The files git tracks under ``folders``."""
    listed = subprocess.run(["git", "ls-files", "--", *folders], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    return set(listed.stdout.split())


@pytest.fixture(scope="module")
def built() -> Iterator[tuple[Path, Path]]:
    """(the sdist, the wheel), outside pytest's temporary folder (see ``packaging_support``)."""
    with tempfile.TemporaryDirectory(prefix="mpesa-dist-") as folder:
        out = Path(folder)
        subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                       check=True, stdout=subprocess.DEVNULL)
        stem = f"{PROJECT}-{__version__}"
        yield out / f"{stem}.tar.gz", out / f"{stem}-py3-none-any.whl"


def test_the_wheel_carries_every_module_and_resource(built):
    _sdist, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {name for name in _tracked("mpesa_desktop") if name.endswith(".py")}
    assert modules - names == set()
    resources = {f"mpesa_desktop/{name}" for name in _tracked("resources")}
    assert resources - names == set()
    for needed in ("certs/sandbox.cer", "certs/production.cer", "icons/mpesa-desktop.svg",
                   "icons/mpesa-desktop-256.png", "guide/index.html"):
        assert f"mpesa_desktop/resources/{needed}" in names
    info = f"{PROJECT}-{__version__}.dist-info"
    archive = zipfile.ZipFile(wheel)
    assert f"Version: {__version__}" in archive.read(f"{info}/METADATA").decode()
    assert "mpesa-desktop = mpesa_desktop.cli:main" in archive.read(
        f"{info}/entry_points.txt").decode()


def test_the_sdist_carries_the_sources_the_installers_and_the_changelog(built):
    sdist, _wheel = built
    top = f"{PROJECT}-{__version__}"
    with tarfile.open(sdist) as archive:
        names = {name.removeprefix(f"{top}/") for name in archive.getnames()}
    wanted = _tracked("mpesa_desktop", "resources", "packaging") | {"CHANGELOG.md",
                                                                     "pyproject.toml"}
    assert wanted - names == set()


def test_the_wheel_installed_as_pipx_would_answers_from_its_own_files(
        built, tmp_path, program_folder):
    _sdist, wheel = built
    venv = program_folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python, command = venv / "bin" / "python", venv / "bin" / "mpesa-desktop"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True)
    # The dependencies come from this environment (pipx would fetch them): a path line, which
    # runs none of this environment's start-up hooks, so our code comes from the wheel alone.
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    answer = subprocess.run([str(command), "--version"], capture_output=True, text=True,
                            check=True)
    assert answer.stdout.strip() == f"mpesa-desktop {__version__}"
    probe = (
        "import importlib.metadata as m, mpesa_desktop\n"
        "from importlib import resources\n"
        "files = resources.files('mpesa_desktop.resources')\n"
        "print(mpesa_desktop.__file__)\n"
        "print(m.version('mpesa-desktop'))\n"
        "print(len((files / 'guide' / 'index.html').read_text('utf-8')) > 1000)\n"
        "print((files / 'icons' / 'mpesa-desktop-48.png').read_bytes()[:4] == b'\\x89PNG')\n"
    )
    lines = subprocess.run([str(python), "-c", probe], capture_output=True, text=True,
                           check=True, cwd=tmp_path).stdout.split()
    assert Path(lines[0]).is_relative_to(site)
    assert lines[1:] == [__version__, "True", "True"]
