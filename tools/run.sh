#!/bin/bash
# Installs what is missing, builds, and runs Medaka on the default experiment.
set -eu
cd "$(dirname "$0")/.."
bash tools/setup.sh
if [ -d build ]; then meson setup --reconfigure build >/dev/null; else meson setup build >/dev/null; fi
meson compile -C build >/dev/null
exec ./build/app/medaka-cli run "$@"
