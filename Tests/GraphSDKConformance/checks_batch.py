"""Checks of $batch through the SDK's BatchRequestContent / BatchRequestBuilder, beta and v1.0."""
from __future__ import annotations

import json
import logging

from msgraph_beta.generated.models.compliance_status import ComplianceStatus
from msgraph_beta.generated.models.device_configuration_device_status import DeviceConfigurationDeviceStatus
from msgraph_beta.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.o_data_errors.o_data_error import ODataError as V1ODataError
from msgraph_core.requests.batch_request_builder import BatchRequestBuilder
from msgraph_core.requests.batch_request_content import BatchRequestContent
from msgraph_core.requests.batch_request_content_collection import BatchRequestContentCollection
from msgraph_core.requests.batch_request_item import BatchRequestItem

from context import Context
from sdk_helpers import RelativeBatchRequestItem, header, post_batch, sub_body
from suite import expect, expect_odata_error
from targets import status_path


async def run(c: Context) -> None:
    """dependsOn, a failed dependency, the stock item's absolute url, 20 + 5, 21, a throttled sub-request, v1.0."""
    suite, beta, v1, faults, origin, ctx, targets = c.suite, c.beta, c.v1, c.faults, c.origin, c.ctx, c.targets
    fleet_statuses, fleet_listing = c.fleet_statuses, c.fleet_listing

    async def batch_depends_on() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        target = targets[0]
        sid = target.statuses[0].id
        base = beta.adapter.base_url
        get_info = target.item(sid).to_get_request_information()
        patch_info = target.item(sid).to_patch_request_information(target.model(status=target.enum.Error))
        content = BatchRequestContent()
        content.add_request("1", RelativeBatchRequestItem(patch_info, "1", base))
        content.add_request("2", RelativeBatchRequestItem(get_info, "2", base, depends_on=["1"]))
        mark = beta.wire.mark()
        answer = await post_batch(beta, content)
        sent = json.loads(beta.wire.since(mark)[-1].request_body)
        expect(sent["requests"][1].get("dependsOn") == ["1"], f"sent {sent}")
        codes = answer.get_response_status_codes()
        expect(codes == {"1": 200, "2": 200}, f"status codes {codes}")
        second = answer.get_response_by_id("2")
        expect("application/json" in (header(second.headers, "Content-Type") or ""),
               f"sub-response headers lack a JSON Content-Type: {second.headers}")
        parsed = answer.response_body("2", DeviceConfigurationDeviceStatus)
        expect(parsed.status == ComplianceStatus.Error, f"the dependent GET saw status {parsed.status}")
        return "PATCH then dependent GET: 200, 200; body parsed by response_body()"
    await suite.check("batch: PATCH + GET dependsOn it, bodies through BatchResponseContent.response_body", batch_depends_on)

    async def batch_failed_dependency() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        target = targets[0]
        base = beta.adapter.base_url
        missing = target.item("00000000-0000-0000-0000-000000000000_unknown").to_get_request_information()
        patch_info = target.item(target.statuses[0].id).to_patch_request_information(
            target.model(status=target.enum.Compliant))
        content = BatchRequestContent()
        content.add_request("a", RelativeBatchRequestItem(missing, "a", base))
        content.add_request("b", RelativeBatchRequestItem(patch_info, "b", base, depends_on=["a"]))
        answer = await post_batch(beta, content)
        codes = answer.get_response_status_codes()
        expect(codes == {"a": 404, "b": 424}, f"status codes {codes}, want a 404, b 424")
        error = sub_body(answer.get_response_by_id("a"))
        expect(isinstance(error, dict) and "error" in error, f"the 404 sub-response body is {error!r}")
        return "404, then 424 for the dependent"
    await suite.check("batch: a failed dependency gives 424 to its dependent", batch_failed_dependency)

    async def batch_stock_sdk() -> str:
        """What BatchRequestItem sends untouched: the absolute URL (version included) and "depends_on".
        Graph refuses an absolute URL with 400 "Invalid batch payload format"; the sandbox must too,
        or a batch that passes here fails against the real service."""
        expect(targets and targets[0].statuses, "needs a status")
        target = targets[0]
        info = target.item(target.statuses[0].id).to_get_request_information()
        content = BatchRequestContent()
        content.add_request("1", BatchRequestItem(info, id="1"))
        mark = beta.wire.mark()
        quiet = logging.getLogger().level
        logging.getLogger().setLevel(logging.CRITICAL)  # BatchRequestBuilder.post logs the APIError it re-raises
        try:
            error = await expect_odata_error(BatchRequestBuilder(beta.adapter).post(content, {"XXX": ODataError}), 400)
        finally:
            logging.getLogger().setLevel(quiet)
        sent = json.loads(beta.wire.since(mark)[-1].request_body)["requests"][0]
        expect(sent["url"].startswith(origin), f"msgraph-core now sends {sent['url']!r}: drop RelativeBatchRequestItem's url fix")
        expect("relative" in (error.error.message or "").lower(), f"the 400 does not say the url must be relative: {error.error.message}")
        return f"{error.error.code}: {error.error.message[:70]}"
    await suite.check("batch: the stock BatchRequestItem's absolute url -> ODataError 400, as Graph answers", batch_stock_sdk)

    async def batch_collection() -> str:
        fleet_items = (await fleet_listing())[:25]
        expect(len(fleet_items) == 25, f"needs 25 statuses, the fleet has {len(fleet_items)}")
        base = beta.adapter.base_url
        collection = BatchRequestContentCollection()
        for index, item in enumerate(fleet_items):
            info = fleet_statuses.by_device_configuration_device_status_id(item.id).to_get_request_information()
            collection.add_batch_request_item(RelativeBatchRequestItem(info, str(index), base))
        mark = beta.wire.mark()
        builder = BatchRequestBuilder(beta.adapter, {"XXX": ODataError})
        answers = await builder.post(collection)
        posts = [x for x in beta.wire.since(mark) if x.method == "POST"]
        codes: dict = {}
        for content in answers.get_responses():
            codes.update(content.get_response_status_codes())
        expect(len(posts) == 2, f"{len(posts)} $batch POSTs for 25 requests (want 2: 20 + 5)")
        expect(len(codes) == 25 and set(codes.values()) == {200}, f"status codes {codes}")
        return "25 GETs in 2 batches, all 200"
    await suite.check("batch: BatchRequestContentCollection splits 25 requests into 20 + 5", batch_collection)

    async def batch_too_many() -> str:
        listing = (await fleet_listing())[:21]
        expect(len(listing) == 21, f"needs 21 statuses, the fleet has {len(listing)}")
        base = beta.adapter.base_url
        content = BatchRequestContent()
        for index, item in enumerate(listing):
            info = fleet_statuses.by_device_configuration_device_status_id(item.id).to_get_request_information()
            entry = RelativeBatchRequestItem(info, str(index), base)
            if index < 20:
                content.add_request(entry.id, entry)
            else:
                content._requests[entry.id] = entry  # the SDK refuses a 21st client-side; the sandbox must too
        error = await expect_odata_error(post_batch(beta, content), 400)
        return f"{error.error.code}: {error.error.message[:60]}"
    await suite.check("batch: 21 requests -> ODataError 400", batch_too_many)

    async def batch_throttled() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        target = targets[0]
        path = status_path(target)
        await faults.clear()
        await faults.add({"status": 429, "rate": 1.0, "retryAfter": 0, "path": path, "method": "GET", "count": 1})
        content = BatchRequestContent()
        content.add_request("t", RelativeBatchRequestItem(
            target.item(target.statuses[0].id).to_get_request_information(), "t", beta.adapter.base_url))
        mark = beta.wire.mark()
        answer = await post_batch(beta, content)
        await faults.clear()
        outer = [x.status for x in beta.wire.since(mark)]
        item = answer.get_response_by_id("t")
        expect(outer == [200], f"the $batch POST itself answered {outer}")
        expect(item.status == 429, f"the sub-request answered {item.status}, want 429")
        expect(header(item.headers, "Retry-After") is not None, f"no Retry-After in the sub-response headers {item.headers}")
        return "429 inside a 200 envelope with Retry-After; RetryHandler does not see it (resubmit yourself)"
    await suite.check("batch: a throttled sub-request is a 429 inside the envelope", batch_throttled)

    async def v1_batch() -> str:
        expect(ctx.get("policies"), "needs the policy list")
        statuses = v1.client.device_management.device_compliance_policies.by_device_compliance_policy_id(
            ctx["policies"][0].id).device_statuses
        content = BatchRequestContent()
        content.add_request("1", RelativeBatchRequestItem(statuses.to_get_request_information(), "1", v1.adapter.base_url))
        answer = await v1.client.batch.post(content, {"XXX": V1ODataError})
        codes = answer.get_response_status_codes()
        expect(codes == {"1": 200}, f"status codes {codes}")
        return "client.batch.post (msgraph-sdk) -> 200"
    await suite.check("batch: v1.0 through msgraph-sdk's client.batch", v1_batch)
