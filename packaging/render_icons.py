"""Render the app icon's PNG sizes (and the Windows .ico) from its SVG, with Qt's QSvgRenderer.

Run: ``python packaging/render_icons.py`` after changing ``resources/icons/mpesa-desktop.svg``,
and commit what it writes beside the SVG: ``mpesa-desktop-<N>.png`` for each size in ``SIZES``
(the freedesktop hicolor theme's usual sizes), ``mpesa-desktop.ico`` (Windows, 256) and
``mpesa-desktop.icns`` (macOS, 512).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
NAME = "mpesa-desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Each platform's icon file, by suffix (Qt writes the format it names), and its size (a .ico
# holds up to 256).
PLATFORM_ICONS = {"ico": 256, "icns": 512}


def png_path(size: int) -> Path:
    return ICONS / f"{NAME}-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / f"{NAME}.svg"))
    if not renderer.isValid():
        print(f"{ICONS / NAME}.svg is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        if not render(renderer, size).save(str(png_path(size))):
            print(f"could not write {png_path(size)}", file=sys.stderr)
            return 1
    for suffix, size in PLATFORM_ICONS.items():
        path = ICONS / f"{NAME}.{suffix}"
        if not render(renderer, size).save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
    print(f"wrote {len(SIZES)} PNG sizes, {NAME}.ico and {NAME}.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
