#!/usr/bin/env python3
"""Checks po/*.po and the translated guides against the checked terms of
po/README.md: where the English text has a term, the translation has its
Japanese term, and no translation uses a word the glossary rules out.

Usage: check-glossary.py SOURCE_DIR
"""
import glob
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")


def unquote(s):
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), s)


def po_entries(path):
    """(msgid, msgstr) of every translated entry, plural forms joined."""
    text = open(path, encoding="utf-8").read()
    for block in text.split("\n\n"):
        fields, key = {}, None
        for line in block.split("\n"):
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            english = " ".join(unquote(fields[k]) for k in ("msgid", "msgid_plural") if k in fields)
            translated = " ".join(unquote(v) for k, v in fields.items() if k.startswith("msgstr"))
            yield english, translated


def checked_terms(readme):
    """Rows of the "Checked terms" table: (english, japanese, [ruled-out regexes]).
    A Japanese cell of more than one word (a note) is not required."""
    section = readme.split("## Checked terms", 1)[1].split("\n## ", 1)[0]
    terms = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not re.fullmatch(r"[a-z][a-z -]*", cells[0]):
            continue
        ruled_out = re.findall(r"`([^`]+)`", cells[2])
        terms.append((cells[0], cells[1], ruled_out))
    return terms


def prose(english):
    """The English words that get translated: not options, quoted ids, file
    names, metavariables, a JSON path before a colon or the name of NEAT."""
    english = english.replace("NeuroEvolution of Augmenting Topologies", "")
    english = re.sub(r"--[a-z-]+", "", english)
    english = re.sub(r"“[^”]*”", "", english)
    english = re.sub(r"\b[\w-]+\.(json|csv|medaka|md)\b", "", english)
    english = re.sub(r"\b[A-Z][A-Z_]+\b", "", english)
    english = re.sub(r"^[a-z_]+: ", "", english)
    return english


terms = checked_terms(open(os.path.join(src, "po", "README.md"), encoding="utf-8").read())
problems = []
for po in sorted(glob.glob(os.path.join(src, "po", "*.po"))):
    for english, translated in po_entries(po):
        if not translated:
            continue
        words = prose(english)
        for term, japanese, ruled_out in terms:
            if (re.fullmatch(r"\S+", japanese) and re.search(r"\b" + term + r"(s|es)?\b", words, re.I)
                    and japanese not in translated):
                problems.append(f"{os.path.basename(po)}: “{english}” has “{term}” but not {japanese}")
            for pattern in ruled_out:
                if re.search(pattern, translated):
                    problems.append(f"{os.path.basename(po)}: “{english}” uses {pattern} (glossary: {japanese})")
for guide in sorted(glob.glob(os.path.join(src, "docs", "guide.*.md"))):
    for number, line in enumerate(open(guide, encoding="utf-8"), 1):
        for term, japanese, ruled_out in terms:
            for pattern in ruled_out:
                if re.search(pattern, line):
                    problems.append(f"{os.path.relpath(guide, src)}:{number}: uses {pattern} (glossary: {japanese})")

for p in problems:
    print(p)
if problems:
    print(f"{len(problems)} glossary problems")
    sys.exit(1)
print(f"glossary followed ({len(terms)} checked terms)")
