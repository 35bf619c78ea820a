"""Prints the summary table of a benchmark run: figure, Tapedeck, peer or floor, ratio, target, met?"""
import sys


def parse(path):
    rows = []
    for line in open(path):
        parts = line.split()
        if len(parts) < 2 or parts[0] != "bench" or "skipped" in parts:
            continue
        fields = dict(part.split("=", 1) for part in parts[2:] if "=" in part)
        rows.append((parts[1], fields))
    return rows


def figures(rows):
    out = []
    for name, f in rows:
        if name == "replay":
            out.append((f"replay n={f['n']} (µs/request)", f["tapedeck_us"], f"floor {f['floor_us']}", float(f["ratio"]), "≤ 1.3", float(f["ratio"]) <= 1.3))
        elif name == "load":
            out.append(("load n=10000 (ms)", f["tapedeck_ms"], f"JSONSerialization {f['jsonparse_ms']}", float(f["ratio"]), "≤ 2.5", float(f["ratio"]) <= 2.5))
        elif name == "validate" and f.get("speedup", "n/a") != "n/a":
            out.append(("validate (bodies/s)", f["tapedeck_per_s"], f"jsonschema {f['jsonschema_per_s']}", float(f["speedup"]), "speedup ≥ 20", float(f["speedup"]) >= 20))
        elif name == "csdl":
            out.append(("csdl v1.0 (ms)", f["tapedeck_ms"], f"xmllint {f['xmllint_ms']}", float(f["ratio"]), "≤ 3", float(f["ratio"]) <= 3))
        elif name == "junit" and f.get("speedup", "n/a") != "n/a":
            out.append(("junit 100k cases (ms)", f["tapedeck_ms"], f"junit-xml {f['junitxml_py_ms']}", float(f["speedup"]), "speedup ≥ 10", float(f["speedup"]) >= 10))
            peak = float(f["peak_mb_100k"]) / float(f["peak_mb_1k"])
            out.append(("junit peak MB 100k vs 1k", f["peak_mb_100k"], f"1k {f['peak_mb_1k']}", round(peak, 2), "≤ 1.2", peak <= 1.2))
        elif name == "junit-live":
            out.append(("junit crash-safe µs/test 100k vs 1k", f["us_per_test"], "", float(f["ratio"]), "flat", float(f["ratio"]) <= 1.2))
        elif name == "verify":
            out.append(("verify 1000×10 (ms)", f["tapedeck_ms"], f"read+parse {f['readparse_ms']}", float(f["ratio"]), "≤ 3", float(f["ratio"]) <= 3))
        elif name == "replay-vs-vcrpy":
            target = f["n"] == "1000"
            out.append((f"replay vs vcrpy n={f['n']} (ms)", f["tapedeck_ms"], f"vcrpy {f['vcrpy_ms']}", float(f["speedup"]), "speedup ≥ 100" if target else "-", float(f["speedup"]) >= 100 if target else None))
        elif name == "record":
            out.append((f"record n={f['n']} (ms)", f["tapedeck_ms"], f"vcrpy {f['vcrpy_ms']}", float(f["speedup"]), "speedup ≥ 1", float(f["speedup"]) >= 1))
        elif name == "sandbox":
            ok = float(f["ratio"]) >= 0.7 and f["errors"] == "0"
            out.append(("sandbox throughput ratio (sandbox/floor, req/s)", f["sandbox_rps"], f"floor {f['floor_rps']}", float(f["ratio"]), "≥ 0.7, no error", ok))
        elif name == "serve":
            ok = float(f["ratio"]) <= 1.3 and f["errors"] == "0"
            out.append((f"serve replay n={f['n']} throughput ratio (floor/serve, req/s)", f["serve_rps"], f"floor {f['floor_rps']}", float(f["ratio"]), "≤ 1.3, no error", ok))
        elif name == "serve-flat":
            ok = float(f["flatness"]) <= 1.2
            out.append((f"serve replay flatness (ratio at n={f['large_n']} / at n={f['small_n']})", f["large_ratio"], f"n={f['small_n']}: {f['small_ratio']}", float(f["flatness"]), "≤ 1.2", ok))
        elif name in ("exchange", "asynchttpclient"):
            label = "CassettePlayer.exchange" if name == "exchange" else "CassetteHTTPClient.execute"
            out.append((f"{label} n={f['n']} (µs/request)", f["tapedeck_us"], f"dictionary floor {f['floor_us']}", float(f["ratio"]), "-", None))
        elif name == "sandbox-rss":
            out.append((f"sandbox RSS growth over {int(f['requests']) // 1000}k requests (MB)", f["growth_mb"], f"warm {f['warm_mb']}, end {f['end_mb']}", float(f["ratio"]), "end/warm ≤ 1.1", float(f["ratio"]) <= 1.1))
    return out


if __name__ == "__main__":
    rows = figures(parse(sys.argv[1]))
    header = ("figure", "Tapedeck", "peer or floor", "ratio", "target", "met?")
    table = [header] + [(a, str(b), c, str(d), e, "-" if m is None else ("yes" if m else "NO")) for a, b, c, d, e, m in rows]
    widths = [max(len(row[i]) for row in table) for i in range(6)]
    print()
    for row in table:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
