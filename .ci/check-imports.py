#!/usr/bin/env python3
"""The manifest tells the truth: every module a target imports is a declared dependency, and
every declared dependency is imported (system and toolchain modules aside). And the map tells
the truth: the arrows in Documentation/Architecture.md are exactly the library and executable
targets' declared dependencies.

    python3 .ci/check-imports.py        # exit 1 naming each target and module that disagree
"""
import json
import os
import re
import subprocess
import sys

# Modules that come with the toolchain or the system, never declared in Package.swift.
TOOLCHAIN = {
    "Foundation", "FoundationNetworking", "FoundationEssentials", "Dispatch", "XCTest", "Testing", "Glibc",
    "Musl", "Darwin", "Synchronization", "_Concurrency", "Swift", "os", "CryptoKit", "zlib", "PackagePlugin",
}
IMPORT = re.compile(r"^\s*(?:@[\w()]+\s+)*(?:public |package |internal |private |fileprivate )?import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)

description = json.loads(subprocess.check_output(["swift", "package", "describe", "--type", "json"], text=True))
problems = []
executables = {target["name"] for target in description["targets"] if target.get("type") == "executable"}
for target in description["targets"]:
    if target.get("type") == "system-target":
        continue
    declared = set(target.get("target_dependencies") or []) | set(target.get("product_dependencies") or [])
    imported = set()
    for source in target.get("sources") or []:
        if not source.endswith(".swift"):
            continue
        with open(os.path.join(target["path"], source), encoding="utf-8") as handle:
            text = re.sub(r"/\*.*?\*/", "", handle.read(), flags=re.S)
            text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
            imported |= set(IMPORT.findall(text))
    imported -= TOOLCHAIN | {target["name"]}
    for module in sorted(imported - declared):
        problems.append(f"{target['name']} imports {module} without declaring it in Package.swift")
    # A test target declares an executable to have it built (the tests run the binary).
    for module in sorted(declared - imported - executables):
        problems.append(f"{target['name']} declares {module} and never imports it")
# The arrows in Documentation/Architecture.md, one line per non-test target.
with open("Documentation/Architecture.md", encoding="utf-8") as handle:
    page = handle.read()
block = re.search(r"<!-- arrows: begin.*?-->(.*?)<!-- arrows: end -->", page, re.S)
documented = {}
for line in (block.group(1) if block else "").splitlines():
    match = re.match(r"^- `(\w+)` → (.*)$", line.strip())
    if match:
        documented[match.group(1)] = [] if "only" in match.group(2) else re.findall(r"`(\w+)`", match.group(2))
for target in description["targets"]:
    if target.get("type") in ("system-target", "test"):
        continue
    declared = (target.get("target_dependencies") or []) + (target.get("product_dependencies") or [])
    name = target["name"]
    if name not in documented:
        problems.append(f"Documentation/Architecture.md has no arrow line for {name}")
    elif documented[name] != declared:
        problems.append(
            f"Documentation/Architecture.md says {name} → {', '.join(documented[name]) or 'nothing'}; "
            f"Package.swift declares {', '.join(declared) or 'nothing'}")
for name in sorted(set(documented) - {t["name"] for t in description["targets"]}):
    problems.append(f"Documentation/Architecture.md lists {name}, which is not a target")
for problem in problems:
    print(problem)
if problems:
    print(f"check-imports: {len(problems)} difference(s) between Package.swift and the imports", file=sys.stderr)
    sys.exit(1)
print("check-imports: every target imports exactly what Package.swift declares")
