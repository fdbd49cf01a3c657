#!/usr/bin/env python3
"""Counts GTest subtests (TAP) in meson test logs; prints 'N passed, N failed' last."""
import json
import re
import sys

BAD = {"FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS", "INTERRUPT"}


def count(path):
    passed = failed = skipped = 0
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [line for line in f if line.strip()]
    except OSError as e:
        print(f"test-summary: cannot read {path}: {e}")
        return 0, 1, 0
    for line in lines:
        test = json.loads(line)
        result = test.get("result", "ERROR")
        tap = re.findall(r"^(?:ok|not ok)\b.*$", test.get("stdout") or "", re.M)
        p = f = s = 0
        for t in tap:
            if re.search(r"#\s*SKIP", t, re.I):
                s += 1
            elif t.startswith("ok") or re.search(r"#\s*TODO", t, re.I):
                p += 1
            else:
                f += 1
        if not tap:
            if result == "SKIP":
                s = 1
            elif result in BAD:
                f = 1
            else:
                p = 1
        elif result in BAD and f == 0:
            f = 1   # crashed after its last 'ok', or timed out
        if result in BAD:
            print(f"FAILED: {test.get('name')} in {path} ({result})")
        passed += p
        failed += f
        skipped += s
    return passed, failed, skipped


def main():
    paths = sys.argv[1:] or ["build/meson-logs/testlog.json"]
    passed = failed = skipped = 0
    for path in paths:
        p, f, s = count(path)
        passed += p
        failed += f
        skipped += s
    if skipped:
        print(f"{skipped} skipped")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
