#!/usr/bin/env python3
"""`tapedeck sandbox` driven by Microsoft's Python Graph SDKs (msgraph-beta-sdk, msgraph-sdk): the suite's entry point."""
# Every Graph call goes through the SDKs' own request builders, PageIterator, BatchRequestBuilder
# and middleware (RetryHandler), as a user's Intune script would. The only raw HTTP is the
# OAuth token form (the SDKs have no client-credentials flow of their own for an http:// authority)
# and Tapedeck's own control endpoint, /_tapedeck/faults.
#
#     python conformance.py            # reads GRAPH_BASE_URL, GRAPH_AUTHORITY, GRAPH_TENANT_ID,
#                                      # GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET (tapedeck sandbox prints them)
#
# One line per check ("ok" or "FAIL"), a final count; exit status 1 when any check failed.
#
# The checks live beside this file, one module per area, each with `async def run(c: Context)`,
# run in this order: checks_tokens, checks_discovery, checks_paths, checks_query, checks_errors,
# checks_retry, checks_batch. Shared pieces: suite (Suite, expect), sandbox_auth (the token provider),
# sdk_helpers (the logged wire, make_sdk, batch workarounds), faults_client (/_tapedeck/faults),
# targets (the deviceStatuses collections), context (one run's state).
from __future__ import annotations

import asyncio
import os
import sys
import time
from urllib.parse import urlsplit

here = os.path.dirname(os.path.abspath(__file__))
if here not in sys.path:  # the sibling modules, however this file is run
    sys.path.insert(0, here)
sys.dont_write_bytecode = True  # no __pycache__ beside the sources

import checks_batch  # noqa: E402
import checks_discovery  # noqa: E402
import checks_errors  # noqa: E402
import checks_paths  # noqa: E402
import checks_query  # noqa: E402
import checks_retry  # noqa: E402
import checks_tokens  # noqa: E402
from context import Context  # noqa: E402
from faults_client import Faults  # noqa: E402
from sandbox_auth import SandboxTokenProvider  # noqa: E402
from sdk_helpers import make_sdk  # noqa: E402
from suite import Suite  # noqa: E402

AREAS = (checks_tokens, checks_discovery, checks_paths, checks_query, checks_errors, checks_retry, checks_batch)


async def main() -> int:
    env = {name: os.environ.get(name) for name in
           ("GRAPH_BASE_URL", "GRAPH_AUTHORITY", "GRAPH_TENANT_ID", "GRAPH_CLIENT_ID", "GRAPH_CLIENT_SECRET")}
    missing = [name for name, value in env.items() if not value]
    if missing:
        print(f"missing {', '.join(missing)}: run `tapedeck sandbox` and paste its export lines", file=sys.stderr)
        return 2
    origin = env["GRAPH_BASE_URL"].rstrip("/")
    authority, tenant = env["GRAPH_AUTHORITY"], env["GRAPH_TENANT_ID"]
    client_id, secret = env["GRAPH_CLIENT_ID"], env["GRAPH_CLIENT_SECRET"]
    host = urlsplit(origin).hostname or "127.0.0.1"
    suite = Suite()
    started = time.monotonic()

    provider = SandboxTokenProvider(authority, tenant, client_id, secret, allowed_hosts=(host,))
    beta = make_sdk("beta", origin, provider)
    v1 = make_sdk("v1.0", origin, provider)
    faults = Faults(origin)
    c = Context(suite, origin, authority, tenant, client_id, secret, provider, beta, v1, faults)

    for area in AREAS:
        await area.run(c)

    try:
        await faults.clear()
    except Exception:
        pass
    requests = len(beta.wire.exchanges) + len(v1.wire.exchanges)
    print(f"\n{suite.passed} passed, {len(suite.failed)} failed ({requests} Graph requests, "
          f"{provider.requests} token requests, {time.monotonic() - started:.1f} s)")
    return 1 if suite.failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
