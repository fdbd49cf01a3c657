#!/bin/bash
# Installs the Debian 12 packages Medaka needs to build, run and test, and
# only those that are missing.  Needs root (or sudo) when something is missing.
set -eu

packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libjson-glib-dev libopenblas-dev libcairo2-dev libpango1.0-dev libgtk-4-dev
  xvfb xauth fonts-noto-cjk
  desktop-file-utils appstream shared-mime-info libglib2.0-bin locales
  python3 jq
  libopenmpi-dev openmpi-bin
)
# (libopenmpi-dev, openmpi-bin: medaka-cli run over MPI and its tests,
# docs/cluster.md; the build works without them.)
# (locales: the tests compile ja_JP.UTF-8 and de_DE.UTF-8 from its sources
# with localedef into a temporary folder; nothing is generated system-wide.)
# Small test tools whose recommends would pull in far too much.
packages_no_recommends=(xdotool imagemagick x11-apps)

missing() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

# The Japanese locale, to run the studio as a Japanese session does
# (LANG=ja_JP.UTF-8); only C.UTF-8 comes with the image.  Root only: it
# is a convenience, the tests compile their own.
japanese_locale() {
  locale -a 2>/dev/null | grep -qix 'ja_JP.utf8' && return 0
  [ "$(id -u)" -eq 0 ] && command -v localedef >/dev/null || return 0
  localedef -i ja_JP -f UTF-8 ja_JP.UTF-8 2>/dev/null || echo "setup: could not make the ja_JP.UTF-8 locale" >&2
}

need=($(missing "${packages[@]}"))
need_nr=($(missing "${packages_no_recommends[@]}"))
if [ ${#need[@]} -eq 0 ] && [ ${#need_nr[@]} -eq 0 ]; then
  japanese_locale
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: missing packages (${need[*]} ${need_nr[*]}) and not root" >&2; exit 1; }
  sudo="sudo"
fi

echo "setup: installing ${need[*]} ${need_nr[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [ ${#need[@]} -gt 0 ]; then
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ${#need_nr[@]} -gt 0 ]; then
  $sudo apt-get install -y -qq --no-install-recommends "${need_nr[@]}" >/dev/null
fi
japanese_locale
