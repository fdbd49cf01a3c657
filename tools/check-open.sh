#!/bin/bash
# A double-click on a project in the file manager: runs the desktop entry's
# Exec line on a .medaka file (made by medaka-cli) and waits for the studio
# window that shows it.  Needs an X display (tools/test.sh runs the tests
# under Xvfb); skips without one.
# Usage: check-open.sh BUILD_DIR
set -eu
build=$1
command -v xdotool >/dev/null || { echo "xdotool is missing: run tools/setup.sh"; exit 1; }
[ -n "${DISPLAY:-}" ] || { echo "no display"; exit 77; }
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

"$build/app/medaka-cli" run -t xor -g 3 -o "$tmp/out" --save "$tmp/xor run.medaka" >/dev/null 2>&1

exec_line=$(sed -n 's/^Exec=//p' "$build/data/io.github.medakastudio.Medaka.desktop")
[ "$exec_line" = "medaka %F" ] || { echo "unexpected Exec line: $exec_line"; exit 1; }
"$build/app/medaka" "$tmp/xor run.medaka" >"$tmp/log" 2>&1 &
pid=$!
if ! timeout 60 xdotool search --sync --onlyvisible --name '^xor run\.medaka — Medaka$' >/dev/null; then
  echo "no window shows the project"; cat "$tmp/log"; exit 1
fi
echo "the project opened in the studio"
