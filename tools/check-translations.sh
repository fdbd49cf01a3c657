#!/bin/bash
# Fails when po/ja.po is invalid, when any translatable string in the
# sources is missing from it, untranslated or fuzzy, or when the translation
# strays from the glossary's checked terms (po/README.md).
set -eu
src=${1:-$(dirname "$0")/..}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
xgettext --from-code=UTF-8 --add-comments=TRANSLATORS \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_set_error:4:c-format \
  -f po/POTFILES.in -o "$tmp/medaka.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }

for po in po/*.po; do
  msgfmt --check --output-file=/dev/null "$po"
  # Every message of the sources, translated (fuzzy counts as missing).
  msgcmp "$po" "$tmp/medaka.pot"
  if [ -n "$(msgattrib --only-fuzzy --no-obsolete "$po")" ]; then
    echo "$po has fuzzy messages:"; msgattrib --only-fuzzy --no-obsolete "$po"; exit 1
  fi
  if [ -n "$(msgattrib --untranslated --no-obsolete "$po")" ]; then
    echo "$po has untranslated messages:"; msgattrib --untranslated --no-obsolete "$po"; exit 1
  fi
done
python3 tools/check-glossary.py . || exit 1
echo "translations complete"
