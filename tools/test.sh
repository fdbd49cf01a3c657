#!/bin/bash
# Installs what is missing, builds, and runs every test: the full suite
# (GUI tests under Xvfb), then the core tests again in an AddressSanitizer +
# UndefinedBehaviorSanitizer build (LeakSanitizer included).  The last line
# is "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8 GTK_A11Y=none GSETTINGS_BACKEND=memory GDK_BACKEND=x11

fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

bash tools/setup.sh || fail "setup failed"

configure() {  # dir, options…
  local dir=$1; shift
  if [ -d "$dir" ]; then meson setup --reconfigure "$dir" "$@" >/dev/null
  else meson setup "$dir" "$@" >/dev/null; fi
}

configure build || fail "configure failed"
meson compile -C build >/dev/null || { meson compile -C build 2>&1 | tail -30; fail "build failed"; }
# Without MPI here, so that the build without it is compiled and its
# refusal of --mpi tested too (suite mpi).
configure build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dgui=disabled -Dmpi=disabled \
  || fail "configure (sanitizers) failed"
meson compile -C build-sanitize >/dev/null || { meson compile -C build-sanitize 2>&1 | tail -30; fail "build (sanitizers) failed"; }

# A stale log must never count (testlog.json is rewritten by each run).
rm -f build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json

xvfb-run -a -s "-screen 0 1280x1024x24" meson test -C build --print-errorlogs
rc=$?

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-sanitize --suite core --suite mpi --print-errorlogs
rc_san=$?

python3 tools/test-summary.py build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json
src=$?
[ "$rc" -eq 0 ] && [ "$rc_san" -eq 0 ] && [ "$src" -eq 0 ]
