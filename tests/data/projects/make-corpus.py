#!/usr/bin/env python3
"""Writes the corpus of broken (and a few good) .medaka files next to this
script.  The files are committed; rerun after changing the format.  The
file name says what loading must give: valid-*, not-project-*, newer-*,
corrupt-*, invalid-*; tests/test-project.c checks each one's error code and
message, and tests/fuzz-project.c starts its mutations from them.
valid-state-v1.medaka is not made here: medaka-cli 0.1.0 wrote it
(run -t xor -g 3 -p population_size=30 -s 7 -j 1), to prove that old run
states still load and resume exactly."""
import gzip, json, os

here = os.path.dirname(os.path.abspath(__file__))

genome = {"kind": "neat", "nodes": [{"id": 0, "type": "input"}, {"id": 1, "type": "output", "activation": "tanh"}],
          "connections": [{"in": 0, "out": 1, "weight": 0.5, "innovation": 1, "enabled": True}]}
state = {"generation": 3, "rng": [1, 2, 3, 4], "population": [genome]}
good = {"format": "medaka-project", "version": 1, "medaka_version": "0.1.0",
        "saved": "2024-05-01T12:00:00Z", "notes": "XOR, first try",
        "bookmarks": [{"label": "champion", "genome": genome}], "state": state}

def gz(data):
    # mtime=0: the same bytes on every run
    return gzip.compress(data, compresslevel=9, mtime=0)

def text(doc):
    return json.dumps(doc, indent=1).encode()

def write(name, data):
    with open(os.path.join(here, name), "wb") as f:
        f.write(data)

def variant(**changes):
    doc = json.loads(json.dumps(good))
    for k, v in changes.items():
        if v is None:
            del doc[k]
        else:
            doc[k] = v
    return doc

good_gz = gz(text(good))
write("valid-gzip.medaka", good_gz)
write("valid-plain.medaka", text(good))
write("valid-minimal.medaka", b'{"format": "medaka-project", "version": 1}\n')
v0 = {"format": "medaka-project", "version": 0, "comment": "from 0.0.9",
      "bookmarks": [{"name": "old champion", "genome": genome}], "state": None}
write("valid-version0.medaka", gz(text(v0)))

write("corrupt-empty.medaka", b"")
write("corrupt-truncated-gzip.medaka", good_gz[: len(good_gz) // 2])
write("corrupt-gzip-header-only.medaka", good_gz[:10])
bad = bytearray(good_gz); bad[len(bad) // 2] ^= 0xff
write("corrupt-flipped-byte.medaka", bytes(bad))
bad = bytearray(good_gz); bad[-6] ^= 0x01   # the CRC32 in the trailer
write("corrupt-bad-crc.medaka", bytes(bad))
write("corrupt-trailing-garbage.medaka", good_gz + b"garbage")
write("corrupt-truncated-json.medaka", text(good)[:200])
write("corrupt-truncated-json-gzip.medaka", gz(text(good)[:200]))
write("corrupt-syntax.medaka", b'{\n  "format": "medaka-project",\n  "version": 1,,\n}\n')
write("corrupt-invalid-utf8.medaka", b'{"format": "medaka-project", "version": 1, "notes": "caf\xe9"}')
write("corrupt-deep-nesting.medaka", gz(b'{"format": "medaka-project", "version": 1, "state": {"a": ' + b"[" * 100000 + b"]" * 100000 + b"}}"))

write("not-project-binary.medaka", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
write("not-project-text.medaka", b"Hello, this is not a project\n")
write("not-project-array.medaka", b"[1, 2, 3]")
write("not-project-wrong-format.medaka", text(variant(format="medaka-champion")))
write("not-project-no-format.medaka", text(variant(format=None)))

write("newer-version.medaka", gz(text(variant(version=2))))

write("invalid-missing-version.medaka", text(variant(version=None)))
write("invalid-version-string.medaka", text(variant(version="1")))
write("invalid-version-float.medaka", text(variant(version=1.5)))
write("invalid-version-negative.medaka", text(variant(version=-1)))
write("invalid-huge-version.medaka", b'{"format": "medaka-project", "version": 1e400}')
write("invalid-notes-number.medaka", text(variant(notes=42)))
write("invalid-bookmarks-object.medaka", text(variant(bookmarks={"label": "x"})))
write("invalid-bookmark-label.medaka", text(variant(bookmarks=[{"label": "a", "genome": genome}, {"label": "b", "genome": genome}, {"label": 3, "genome": genome}])))
write("invalid-bookmark-no-genome.medaka", text(variant(bookmarks=[{"label": "a"}])))
write("invalid-bookmark-unknown.medaka", text(variant(bookmarks=[{"label": "a", "genome": genome, "colour": "red"}])))
write("invalid-state-array.medaka", text(variant(state=[1, 2])))
write("invalid-saved-date.medaka", text(variant(saved="yesterday")))
write("invalid-unknown-member.medaka", text(variant(note="typo")))
write("invalid-version0-both-names.medaka", text({"format": "medaka-project", "version": 0, "comment": "a", "notes": "b"}))
