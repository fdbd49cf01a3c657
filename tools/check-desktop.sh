#!/bin/bash
# Validates the desktop integration files as built: the desktop entry, the
# AppStream metainfo, the settings schema and the MIME type, each with its
# Japanese translation merged in.
# Usage: check-desktop.sh SOURCE_DIR BUILD_DATA_DIR
set -eu
src=$1 data=$2
id=io.github.medakastudio.Medaka
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

need() {
  command -v "$1" >/dev/null || { echo "$1 is missing: run tools/setup.sh (package $2)"; exit 1; }
}
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need update-mime-database shared-mime-info
need glib-compile-schemas libglib2.0-bin

desktop-file-validate "$data/$id.desktop"
grep -q '^MimeType=application/x-medaka-project;$' "$data/$id.desktop"
grep -q '^Comment\[ja\]=' "$data/$id.desktop" || { echo "desktop entry: no Japanese comment"; exit 1; }

appstreamcli validate --no-net --strict "$data/$id.metainfo.xml"
grep -q '<summary xml:lang="ja">' "$data/$id.metainfo.xml" || { echo "metainfo: no Japanese summary"; exit 1; }

glib-compile-schemas --strict --dry-run "$src/data"

# The MIME type as a desktop would install it: *.medaka files are Medaka
# projects, with a Japanese comment.
mkdir -p "$tmp/mime/packages"
cp "$data/$id.xml" "$tmp/mime/packages/"
XDG_DATA_DIRS="$tmp" update-mime-database "$tmp/mime"
grep -q '^50:application/x-medaka-project:\*\.medaka$' "$tmp/mime/globs2" \
  || { echo "MIME database: *.medaka is not a Medaka project"; cat "$tmp/mime/globs2"; exit 1; }
grep -q 'xml:lang="ja"' "$tmp/mime/application/x-medaka-project.xml" \
  || { echo "MIME type: no Japanese comment"; exit 1; }
echo "desktop files valid"
