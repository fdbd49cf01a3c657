#!/bin/bash
# Installs the build into a temporary directory (meson install --destdir)
# and checks that the tree holds everything a desktop needs.
# Usage: check-install.sh BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR
set -eu
build=$1 prefix=$2 bindir=$3 datadir=$4 localedir=$5
id=io.github.medakastudio.Medaka
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --destdir "$dest" --no-rebuild --quiet

abs() { case $1 in /*) echo "$dest$1" ;; *) echo "$dest$prefix/$1" ;; esac; }
bin=$(abs "$bindir") share=$(abs "$datadir") locale=$(abs "$localedir")
missing=0
for f in \
  "$bin/medaka" "$bin/medaka-cli" \
  "$locale/ja/LC_MESSAGES/medaka.mo" \
  "$share/applications/$id.desktop" \
  "$share/metainfo/$id.metainfo.xml" \
  "$share/glib-2.0/schemas/$id.gschema.xml" \
  "$share/mime/packages/$id.xml" \
  "$share/icons/hicolor/scalable/apps/$id.svg" \
  "$share/icons/hicolor/symbolic/apps/$id-symbolic.svg" \
  "$share/doc/medaka/guide.md" "$share/doc/medaka/guide.ja.md" \
  "$share/medaka/mazes/medium.txt" "$share/medaka/mazes/hard.txt"
do
  [ -f "$f" ] || { echo "not installed: ${f#$dest}"; missing=1; }
done
[ $missing -eq 0 ] || exit 1
[ -x "$bin/medaka" ] && [ -x "$bin/medaka-cli" ] || { echo "programs are not executable"; exit 1; }

# The installed pieces work together: the schema compiles, the desktop
# entry launches the installed program, and the installed catalogue
# translates the installed command line tool.
glib-compile-schemas --strict --targetdir "$dest" "$share/glib-2.0/schemas"
grep -q '^Exec=medaka %F$' "$share/applications/$id.desktop"
out=$(LC_ALL=C.UTF-8 LANGUAGE=ja MEDAKA_LOCALEDIR="$locale" "$bin/medaka-cli" --help)
case $out in *用法*) ;; *) echo "installed medaka-cli --help is not in Japanese:"; echo "$out" | head -3; exit 1 ;; esac
# The installed program carries its maps, and reads the installed copies.
for map in hard "$share/medaka/mazes/medium.txt"; do
  "$bin/medaka-cli" run -q -t maze -P "map=$map" -g 1 -o "$dest/maze-run" --overwrite ||
    { echo "installed medaka-cli cannot run the maze on $map"; exit 1; }
done
echo "install tree complete ($(find "$dest" -type f | wc -l) files)"
