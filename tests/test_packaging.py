"""What an installed copy ships and how it names itself: every package and resource for the wheel,
the version declared once, the icon rendered from its one drawing, the Linux menu entry and the
AppStream metadata (the slow ``test_packaging_bundle`` and ``test_packaging_wheel`` build them)."""

from __future__ import annotations

import configparser
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel

from mpesa_desktop import __version__
from mpesa_desktop.ui.desktop_entry import APP_ID, ICON_NAME, app_icon
from mpesa_desktop.ui.help_menu import ABOUT_ICON_SIZE, AboutDialog
from tests import ui_support
from tests.packaging_support import packaging_module

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"


def test_every_package_in_the_tree_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    in_tree = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "mpesa_desktop").rglob("__init__.py")
    }
    assert in_tree - listed == set()


def test_certificates_and_the_simulator_key_are_resources():
    files = resources.files("mpesa_desktop.resources")
    for name in ("certs/sandbox.cer", "certs/production.cer", "simulator/simulator.cer",
                 "simulator/simulator.key"):
        assert b"-----BEGIN" in (files / name).read_bytes()


def test_every_resource_folder_is_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mpesa_desktop.resources"]
    folders = {path.name for path in (ROOT / "resources").iterdir()
               if path.is_dir() and path.name != "__pycache__"}
    assert {pattern.removesuffix("/*") for pattern in patterns} == folders


# -- the version, declared once ------------------------------------------------------------------

def test_the_version_is_declared_once_and_the_metadata_reads_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    assert importlib.metadata.version("mpesa-desktop") == __version__


def test_the_changelog_names_the_current_version_as_its_newest_release():
    linux_desktop = packaging_module("linux_desktop")
    releases = linux_desktop.releases((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert releases[0][0] == __version__
    dates = [date for _version, date in releases]
    assert dates == sorted(dates, reverse=True)


def test_the_changelog_reader_takes_dated_releases_only():
    linux_desktop = packaging_module("linux_desktop")
    text = ("# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2027-03-01\n- more\n\n"
            "## [1.1.0] - 2027-01-15\n- less\n")
    assert linux_desktop.releases(text) == [("1.2.0", "2027-03-01"), ("1.1.0", "2027-01-15")]


def test_the_installed_command_answers_its_version():
    command = Path(sys.executable).parent / "mpesa-desktop"  # the console script pip wrote
    answer = subprocess.run([str(command), "--version"], capture_output=True, text=True,
                            check=True)
    assert answer.stdout.strip() == f"mpesa-desktop {__version__}"


# -- the icon ------------------------------------------------------------------------------------

def _rendered(size: int) -> QImage:
    render_icons = packaging_module("render_icons")
    return render_icons.render(QSvgRenderer(str(ICONS / f"{ICON_NAME}.svg")), size)


def _differing_pixels(one: QImage, other: QImage) -> int:
    """Pixels with a channel more than 16 levels apart (another Qt may antialias differently)."""
    one = one.convertToFormat(QImage.Format.Format_ARGB32)
    other = other.convertToFormat(QImage.Format.Format_ARGB32)
    assert one.size() == other.size()
    a, b = bytes(one.constBits()), bytes(other.constBits())
    return sum(1 for i in range(0, len(a), 4)
               if max(abs(x - y) for x, y in zip(a[i:i + 4], b[i:i + 4], strict=True)) > 16)


def test_each_png_size_is_the_svg_rendered_at_that_size(qapp):
    render_icons = packaging_module("render_icons")
    shipped = sorted(int(m[1]) for p in ICONS.iterdir()
                     if (m := re.fullmatch(rf"{ICON_NAME}-(\d+)\.png", p.name)))
    assert shipped == sorted(render_icons.SIZES)
    assert {16, 32, 48, 64, 128, 256, 512} <= set(shipped)
    for size in shipped:
        committed = QImage(str(render_icons.png_path(size)))
        # A stale PNG (the SVG changed, render_icons.py not run) differs in far more pixels.
        assert _differing_pixels(committed, _rendered(size)) <= size * size * 3 // 100, size


def test_the_windows_and_macos_icon_files_hold_the_icon(qapp):
    for suffix, size in packaging_module("render_icons").PLATFORM_ICONS.items():
        image = QImage(str(ICONS / f"{ICON_NAME}.{suffix}"))
        assert image.size() == QSize(size, size), suffix
        assert _differing_pixels(image, _rendered(size)) <= size * size * 3 // 100, suffix


def test_the_window_icon_carries_every_shipped_size(qapp):
    sizes = {size.width() for size in app_icon().availableSizes()}
    assert sizes == set(packaging_module("render_icons").SIZES)


# -- the Linux menu entry (freedesktop Desktop Entry Specification) -------------------------------

# The versions of the specification; Debian 12's desktop-file-validate knows up to 1.4.
SPEC_VERSIONS = {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5"}

# Registered keys of the [Desktop Entry] group (spec, "Recognized desktop entry keys").
DESKTOP_KEYS = {
    "Type", "Version", "Name", "GenericName", "NoDisplay", "Comment", "Icon", "Hidden",
    "OnlyShowIn", "NotShowIn", "DBusActivatable", "TryExec", "Exec", "Path", "Terminal",
    "Actions", "MimeType", "Categories", "Implements", "Keywords", "StartupNotify",
    "StartupWMClass", "URL", "PrefersNonDefaultGPU", "SingleMainWindow",
}
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game",
                   "Graphics", "Network", "Office", "Science", "Settings", "System", "Utility"}
LIST_KEYS = {"OnlyShowIn", "NotShowIn", "Actions", "MimeType", "Categories", "Implements",
             "Keywords"}
BOOLEAN_KEYS = {"NoDisplay", "Hidden", "DBusActivatable", "Terminal", "StartupNotify",
                "PrefersNonDefaultGPU", "SingleMainWindow"}


def _desktop_entry() -> tuple[str, dict[str, str]]:
    path = LINUX / f"{APP_ID}.desktop"
    text = path.read_text(encoding="utf-8")
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(text)
    return text, dict(parser["Desktop Entry"])


def test_the_desktop_entry_follows_the_specification():
    text, entry = _desktop_entry()
    first = next(line for line in text.splitlines() if line and not line.startswith("#"))
    assert first == "[Desktop Entry]"
    assert set(entry) <= DESKTOP_KEYS | {k for k in entry if k.startswith("X-")}
    assert entry["Type"] == "Application"
    assert entry["Version"] in SPEC_VERSIONS
    assert entry["Name"] and entry["Exec"]
    assert all(entry[key].endswith(";") for key in LIST_KEYS & set(entry))
    assert all(entry[key] in ("true", "false") for key in BOOLEAN_KEYS & set(entry))
    categories = entry["Categories"].rstrip(";").split(";")
    assert MAIN_CATEGORIES & set(categories)
    assert entry["Terminal"] == "false"


def test_the_desktop_entry_starts_the_command_with_the_shipped_icon():
    _text, entry = _desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert entry["Exec"].split()[0] in scripts["project"]["scripts"]
    assert entry["Icon"] == ICON_NAME  # a theme name, no path, no extension
    assert (ICONS / f"{ICON_NAME}.svg").exists()


# -- AppStream ----------------------------------------------------------------------------------

def test_the_appstream_metadata_validates_with_its_releases(tmp_path):
    linux_desktop = packaging_module("linux_desktop")
    template = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    staged = tmp_path / f"{APP_ID}.metainfo.xml"
    staged.write_text(linux_desktop.metainfo(template, changelog), encoding="utf-8")
    answer = subprocess.run(["appstreamcli", "validate", "--no-net", str(staged)],
                            capture_output=True, text=True)
    assert answer.returncode == 0, answer.stdout + answer.stderr
    problems = [line for line in answer.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert problems == []
    text = staged.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text
    assert f'<release version="{__version__}"' in text
    assert f'<icon type="stock">{ICON_NAME}</icon>' in text


def test_appstream_validation_fails_on_broken_metadata(tmp_path):
    """The validator in the test above is a real check: it refuses metadata without an id."""
    broken = tmp_path / "broken.metainfo.xml"
    template = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    broken.write_text(template.replace(f"<id>{APP_ID}</id>", ""), encoding="utf-8")
    answer = subprocess.run(["appstreamcli", "validate", "--no-net", str(broken)],
                            capture_output=True, text=True)
    assert answer.returncode != 0


# -- Help > About ---------------------------------------------------------------------------------

gui_loop = ui_support.gui_loop
gui_services = ui_support.gui_services
gui_window = ui_support.gui_window


def test_about_shows_the_icon_and_the_version_of_the_package_metadata(qtbot, gui_window):
    dialog = AboutDialog(gui_window.bridge.services, gui_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.labels["Version"].text() == importlib.metadata.version("mpesa-desktop")
    assert dialog.findChild(QLabel, "aboutTitle").text() == f"mpesa-desktop {__version__}"
    pixmap = dialog.icon.pixmap()
    assert (pixmap.width(), pixmap.height()) == (ABOUT_ICON_SIZE, ABOUT_ICON_SIZE)
    dialog.reject()
