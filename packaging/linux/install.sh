#!/bin/sh
# Install mpesa-desktop from this folder: for yourself (./install.sh, into ~/.local) or for every
# user of the computer (sudo ./install.sh /usr/local). Puts the program in PREFIX/lib/mpesa-desktop,
# the command in PREFIX/bin, the menu entry, icons and AppStream metadata in PREFIX/share.
# Settings and transaction logs are never kept here: each user's live in their own folders
# (`mpesa-desktop paths` shows them), and PREFIX/lib/mpesa-desktop/uninstall.sh leaves them.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${1:-$HOME/.local}
APP="$PREFIX/lib/mpesa-desktop"
ENTRY=org.mpesa_desktop.MpesaDesktop.desktop

rm -rf "$APP"
mkdir -p "$PREFIX/lib" "$PREFIX/bin"
cp -R "$HERE/mpesa-desktop" "$APP"
cp "$HERE/uninstall.sh" "$APP/uninstall.sh"
ln -sf "$APP/mpesa-desktop" "$PREFIX/bin/mpesa-desktop"
(cd "$HERE/share" && find . -type f | sed 's|^\./||') > "$APP/share-files.txt"
while IFS= read -r file; do
    mkdir -p "$PREFIX/share/$(dirname "$file")"
    cp "$HERE/share/$file" "$PREFIX/share/$file"
done < "$APP/share-files.txt"
# The menu entry starts this copy, whatever the desktop session's PATH.
sed -i "s|^Exec=.*|Exec=\"$APP/mpesa-desktop\"|" "$PREFIX/share/applications/$ENTRY"
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$PREFIX/share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
fi
echo "mpesa-desktop installed in $APP; it is in the menu (Office) and runs as $PREFIX/bin/mpesa-desktop"
