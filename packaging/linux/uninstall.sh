#!/bin/sh
# Remove the copy of mpesa-desktop that install.sh put here. Your settings and transaction logs
# stay where they are (a reinstall finds them) unless you ask: ./uninstall.sh --purge also deletes
# them, for the user running it (the folders `mpesa-desktop paths` names).
set -eu
APP=$(cd "$(dirname "$0")" && pwd)
PREFIX=$(dirname "$(dirname "$APP")")
case "${1:-}" in
    "" | --purge) ;;
    *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac
"$APP/mpesa-desktop" paths | sed -n 's/^\(config_dir\|data_dir\|log_dir\): *//p' |
    while IFS= read -r folder; do
        if [ "${1:-}" = --purge ]; then
            rm -rf "$folder"
            echo "deleted $folder"
        else
            echo "kept $folder (./uninstall.sh --purge deletes it)"
        fi
    done
while IFS= read -r file; do
    rm -f "$PREFIX/share/$file"
done < "$APP/share-files.txt"
if [ "$(readlink "$PREFIX/bin/mpesa-desktop" 2>/dev/null)" = "$APP/mpesa-desktop" ]; then
    rm -f "$PREFIX/bin/mpesa-desktop"
fi
rm -rf "$APP"
echo "mpesa-desktop removed from $PREFIX"
