"""Checks a HAR file against HAR 1.2, independently of Tapedeck.

    python check_har.py SCHEMA FILE [--tapedeck]

1. JSON Schema (draft 7) written from the HAR 1.2 spec (har-1.2.schema.json beside this file),
   validated with the `jsonschema` package.
2. mitmproxy's own HAR reader (mitmproxy.io.har) turns every entry back into a flow.
3. With --tapedeck (a file `tapedeck har export` wrote): creator is tapedeck, every entry has
   empty cookies, and no header is a cookie.
Exits 1 naming every problem.
"""

import json
import sys

import jsonschema
from mitmproxy.io import har as mitmproxy_har


def main() -> int:
    schema_path, har_path = sys.argv[1], sys.argv[2]
    ours = "--tapedeck" in sys.argv[3:]
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(har_path, encoding="utf-8") as handle:
        document = json.load(handle)
    problems = []
    validator = jsonschema.Draft7Validator(schema)
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        place = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        problems.append(f"schema: {place}: {error.message[:200]}")
    entries = document.get("log", {}).get("entries", [])
    flows = []
    for index, entry in enumerate(entries):
        try:
            flows.append(mitmproxy_har.request_to_flow(entry))
        except Exception as error:  # the reader's own complaint, whatever its type
            problems.append(f"mitmproxy's HAR reader: $.log.entries[{index}]: {type(error).__name__}: {error}")
    if ours:
        if document["log"]["creator"]["name"] != "tapedeck":
            problems.append("creator.name is not tapedeck")
        for index, entry in enumerate(entries):
            for side in ("request", "response"):
                if entry[side]["cookies"]:
                    problems.append(f"$.log.entries[{index}].{side}.cookies is not empty")
                if any(h["name"].lower() in ("cookie", "set-cookie") for h in entry[side]["headers"]):
                    problems.append(f"$.log.entries[{index}].{side}.headers holds a cookie")
    for problem in problems:
        print(f"{har_path}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{har_path}: HAR {document['log']['version']} by {document['log']['creator']['name']}, "
          f"{len(entries)} entries: schema valid, mitmproxy read {len(flows)} flows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
