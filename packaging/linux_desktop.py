"""Lay out the Linux tarball: the bundle, the menu entry, the icons and the AppStream metadata.

``stage(bundle, dest)`` makes ``dest`` (the tarball's top folder)::

    mpesa-desktop/                      the one-folder bundle, as PyInstaller built it
    share/applications/<APP_ID>.desktop
    share/metainfo/<APP_ID>.metainfo.xml  with <releases> written from CHANGELOG.md
    share/icons/hicolor/<N>x<N>/apps/mpesa-desktop.png   each size in resources/icons
    share/icons/hicolor/scalable/apps/mpesa-desktop.svg
    install.sh, uninstall.sh            (packaging/linux; see their first lines)

The version, the app id and the icon's name are read from the app (``mpesa_desktop``), the
releases from CHANGELOG.md: nothing here restates them.
"""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

from mpesa_desktop.ui.desktop_entry import APP_ID, ICON_NAME

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
CHANGELOG = ROOT / "CHANGELOG.md"
RELEASE = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)
SIZED_PNG = re.compile(rf"{re.escape(ICON_NAME)}-(\d+)\.png")


def releases(changelog: str) -> list[tuple[str, str]]:
    """(version, date) of each dated release in a Keep-a-Changelog text, newest first."""
    return [(m["version"], m["date"]) for m in RELEASE.finditer(changelog)]


def metainfo(template: str, changelog: str) -> str:
    """The AppStream metadata with its <releases> from the changelog."""
    items = "".join(
        f'\n    <release version="{escape(version)}" date="{date}"/>'
        for version, date in releases(changelog)
    )
    block = f"  <releases>{items}\n  </releases>\n</component>"
    return template.replace("</component>", block, 1)


def stage(bundle: Path, dest: Path) -> Path:
    """Lay out the tarball's folder ``dest`` around the built ``bundle``; returns ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    share = dest / "share"
    shutil.copytree(bundle, dest / "mpesa-desktop", symlinks=True)
    (share / "applications").mkdir(parents=True)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir()
    template = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(
        metainfo(template, CHANGELOG.read_text(encoding="utf-8")), encoding="utf-8")
    hicolor = share / "icons" / "hicolor"
    for png in ICONS.iterdir():
        size = SIZED_PNG.fullmatch(png.name)
        if size:
            folder = hicolor / f"{size[1]}x{size[1]}" / "apps"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(png, folder / f"{ICON_NAME}.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ICONS / f"{ICON_NAME}.svg", hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(LINUX / script, dest / script)
    return dest
