#!/bin/bash
# Installs what is missing, builds, and opens the Medaka studio on the
# default experiment.  Without a display it evolves the default experiment
# headless with medaka-cli instead.  Arguments go to the program.
set -eu
cd "$(dirname "$0")/.."
bash tools/setup.sh
if [ -d build ]; then meson setup --reconfigure build >/dev/null; else meson setup build >/dev/null; fi
meson compile -C build >/dev/null
export MEDAKA_LOCALEDIR="$PWD/build/po" GSETTINGS_SCHEMA_DIR="$PWD/build/data"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/app/medaka ]; then
  exec ./build/app/medaka "$@"
fi
echo "No display: evolving the default experiment with medaka-cli instead of the studio." >&2
exec ./build/app/medaka-cli run "$@"
