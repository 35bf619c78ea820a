"""Checks that the sandbox's errors reach the SDK as ODataError (404, 400, 405), and 30 concurrent PATCHes."""
from __future__ import annotations

import asyncio

from msgraph_beta.generated.models.compliance_status import ComplianceStatus
from msgraph_beta.generated.models.device_configuration_device_status import DeviceConfigurationDeviceStatus

from context import Context
from sdk_helpers import header, retry_config
from suite import expect, expect_odata_error


async def run(c: Context) -> None:
    """Unknown ids and properties, DELETE, concurrency, bad $filter and unknown $options."""
    suite, beta, targets = c.suite, c.beta, c.targets
    fleet, fleet_statuses, query, fleet_listing = c.fleet, c.fleet_statuses, c.query, c.fleet_listing

    async def unknown_status() -> str:
        expect(targets, "needs a status target")
        error = await expect_odata_error(targets[0].item("00000000-0000-0000-0000-000000000000_unknown").get(), 404)
        inner = error.error.inner_error
        expect(inner is not None and inner.request_id, "error.innerError.request-id did not parse")
        return f"{error.error.code}: {error.error.message[:60]}"
    await suite.check("error: GET an unknown status id -> ODataError 404", unknown_status)

    async def unknown_configuration() -> str:
        error = await expect_odata_error(
            beta.client.device_management.device_configurations.by_device_configuration_id(
                "00000000-0000-0000-0000-00000000dead").device_statuses.get(), 404)
        return error.error.code
    await suite.check("error: deviceStatuses of an unknown configuration -> ODataError 404", unknown_configuration)

    async def unknown_property() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        body = DeviceConfigurationDeviceStatus(status=ComplianceStatus.Compliant,
                                               additional_data={"notAProperty": "x"})
        error = await expect_odata_error(targets[0].item(targets[0].statuses[0].id).patch(body), 400)
        expect("notAProperty" in (error.error.message or ""), f"message does not name the property: {error.error.message}")
        return f"{error.error.code}: {error.error.message[:60]}"
    await suite.check("error: PATCH with an unknown property -> ODataError 400", unknown_property)

    async def delete_not_allowed() -> str:
        expect(targets and targets[0].statuses, "needs a status")
        error = await expect_odata_error(targets[0].item(targets[0].statuses[0].id).delete(), 405)
        allow = header(error.response_headers and dict(error.response_headers), "Allow")
        expect(allow and "PATCH" in allow, f"the 405 has no Allow header naming PATCH: {allow!r}")
        return f"Allow: {allow}"
    await suite.check("error: DELETE a status (the SDK generates delete()) -> ODataError 405 with Allow", delete_not_allowed)

    async def concurrent_patches() -> str:
        expect(fleet, "needs the configuration list")
        listing = (await fleet_listing())[:30]
        expect(len(listing) == 30, f"needs 30 statuses, the fleet has {len(listing)}")
        answers = await asyncio.gather(*(
            fleet_statuses.by_device_configuration_device_status_id(item.id).patch(
                DeviceConfigurationDeviceStatus(status=ComplianceStatus.Compliant), request_configuration=retry_config())
            for item in listing))
        expect(all(answer and answer.status == ComplianceStatus.Compliant for answer in answers), "a PATCH did not apply")
        return "30 PATCHes with asyncio.gather"
    await suite.check("concurrency: 30 PATCHes at once through one client", concurrent_patches)

    async def unknown_filter_property() -> str:
        expect(fleet, "needs the configuration list")
        error = await expect_odata_error(fleet_statuses.get(query(filter="notAProperty eq 'x'")), 400, "BadRequest")
        return error.error.message[:70]
    await suite.check("error: $filter on an unknown property -> ODataError 400 BadRequest", unknown_filter_property)

    async def malformed_filter() -> str:
        expect(fleet, "needs the configuration list")
        error = await expect_odata_error(fleet_statuses.get(query(filter="status eq")), 400, "BadRequest")
        return error.error.message[:70]
    await suite.check("error: a malformed $filter -> ODataError 400 BadRequest", malformed_filter)

    async def unknown_option() -> str:
        expect(fleet, "needs the configuration list")
        url = f"{beta.adapter.base_url}/deviceManagement/deviceConfigurations/{fleet}/deviceStatuses?$notAnOption=1"
        error = await expect_odata_error(fleet_statuses.with_url(url).get(), 400, "BadRequest")
        return error.error.message[:70]
    await suite.check("error: an unknown $option (with_url) -> ODataError 400 BadRequest", unknown_option)
