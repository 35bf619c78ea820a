#!/usr/bin/env python3
"""Prints the fenced code block that follows `<!-- serve-example: NAME -->` in a Markdown file,
so the examples in Documentation/RecordReplayServer.md run verbatim in CI.

    python3 extract.py Documentation/RecordReplayServer.md curl-record > record.sh
"""
import re
import sys

path, name = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as handle:
    page = handle.read()
match = re.search(r"<!-- serve-example: " + re.escape(name) + r" -->\n```\w*\n(.*?)\n```", page, re.S)
if not match:
    sys.exit(f"{path} has no example named {name}")
print(match.group(1))
