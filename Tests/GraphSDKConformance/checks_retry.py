"""Checks of throttling and faults injected through /_tapedeck/faults, recovered (or not) by the SDK's RetryHandler."""
from __future__ import annotations

import json
import time

from context import Context
from faults_client import fired
from sdk_helpers import header, retry_config
from suite import expect, expect_odata_error
from targets import status_path


async def run(c: Context) -> None:
    """429s with and without Retry-After, a 503, and retries exhausted."""
    suite, faults, targets = c.suite, c.faults, c.targets

    async def retry_429() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        target = targets[0]
        path = status_path(target)
        await faults.clear()
        await faults.add({"status": 429, "rate": 1.0, "retryAfter": 0, "path": path, "method": "PATCH", "count": 2})
        mark = target.sdk.wire.mark()
        began = time.monotonic()
        updated = await target.item(target.statuses[0].id).patch(
            target.model(status=target.enum.Compliant), request_configuration=retry_config())
        took = time.monotonic() - began
        attempts = [x for x in target.sdk.wire.since(mark) if x.method == "PATCH"]
        listing = await faults.list()
        await faults.clear()
        expect(updated is not None and updated.status == target.enum.Compliant, "the PATCH did not succeed")
        expect([x.status for x in attempts] == [429, 429, 200], f"attempts {[x.status for x in attempts]}, want 429, 429, 200")
        expect(header(attempts[0].response_headers, "Retry-After") == "0",
               f"the 429 carried Retry-After {header(attempts[0].response_headers, 'Retry-After')!r}, want '0'")
        expect([header(x.request_headers, "Retry-Attempt") for x in attempts] == [None, "1", "2"],
               "the RetryHandler's Retry-Attempt headers are not 1, 2")
        count = fired(listing)
        expect(count == 2, f"GET /_tapedeck/faults does not show the rule firing twice: {json.dumps(listing)[:300]}")
        return f"429, 429, 200 in {took:.1f} s; the sandbox counted {count}"
    await suite.check("retry: PATCH through two 429s (retryAfter 0) recovered by RetryHandler", retry_429)

    async def retry_503() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        target = targets[0]
        path = status_path(target)
        await faults.clear()
        await faults.add({"status": 503, "nth": 1, "path": path, "method": "GET"})
        mark = target.sdk.wire.mark()
        status = await target.item(target.statuses[0].id).get(request_configuration=retry_config())
        attempts = [x.status for x in target.sdk.wire.since(mark) if x.method == "GET"]
        await faults.clear()
        expect(status is not None and status.id == target.statuses[0].id, "the GET did not succeed")
        expect(attempts == [503, 200], f"attempts {attempts}, want 503, 200")
        return "503, 200"
    await suite.check("retry: GET through a 503 (nth=1) recovered by RetryHandler", retry_503)

    async def retry_exhausted() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        target = targets[0]
        path = status_path(target)
        await faults.clear()
        await faults.add({"status": 429, "rate": 1.0, "retryAfter": 0, "path": path, "method": "GET", "count": 5})
        mark = target.sdk.wire.mark()
        error = await expect_odata_error(
            target.item(target.statuses[0].id).get(request_configuration=retry_config(1)), 429)
        attempts = [x.status for x in target.sdk.wire.since(mark)]
        await faults.clear()
        expect(attempts == [429, 429], f"attempts {attempts}, want 429, 429 (max_retries 1)")
        expect(header(error.response_headers, "Retry-After") == "0", "the surfaced 429 lost its Retry-After header")
        return f"ODataError 429 {error.error.code}"
    await suite.check("retry: exhausted retries surface ODataError 429 with Retry-After", retry_exhausted)

    async def no_retry_after() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        target = targets[0]
        path = status_path(target)
        await faults.clear()
        await faults.add({"status": 429, "rate": 1.0, "retryAfter": None, "path": path, "method": "GET", "count": 1})
        mark = target.sdk.wire.mark()
        await target.item(target.statuses[0].id).get(request_configuration=retry_config())
        attempts = target.sdk.wire.since(mark)
        await faults.clear()
        expect([x.status for x in attempts] == [429, 200], f"attempts {[x.status for x in attempts]}")
        expect(header(attempts[0].response_headers, "Retry-After") is None, "retryAfter null still sent Retry-After")
        return "429 without Retry-After, then 200 (RetryHandler backoff)"
    await suite.check("retry: retryAfter null -> 429 without Retry-After, RetryHandler backs off", no_retry_after)
