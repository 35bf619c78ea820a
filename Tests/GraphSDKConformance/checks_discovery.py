"""Checks that discovery lists come back typed: each item parsed as its @odata.type's class, beta and v1.0."""
from __future__ import annotations

from context import Context
from suite import expect
from targets import odata_type_class_name


async def run(c: Context) -> None:
    """Lists configurations and policies into c.ctx for the checks after these."""
    suite, beta, v1, ctx = c.suite, c.beta, c.v1, c.ctx

    async def list_configurations() -> str:
        page = await beta.client.device_management.device_configurations.get()
        expect(page and page.value, "no device configurations")
        wrong = [(item.odata_type, type(item).__name__) for item in page.value
                 if not item.odata_type or type(item).__name__.lower() != odata_type_class_name(item.odata_type).lower()]
        expect(not wrong, f"items not parsed into their @odata.type's class: {wrong}")
        ctx["configurations"] = page.value
        types = sorted({type(item).__name__ for item in page.value})
        return f"{len(page.value)} items, {len(types)} typed subclasses"
    await suite.check("discover: beta deviceConfigurations, each item parsed as its @odata.type subclass", list_configurations)

    async def get_configuration() -> str:
        expect(ctx.get("configurations"), "needs the configuration list")
        first = ctx["configurations"][0]
        item = await beta.client.device_management.device_configurations.by_device_configuration_id(first.id).get()
        expect(type(item) is type(first) and item.id == first.id, f"GET by id gave {type(item).__name__} {item.id}")
        return type(item).__name__
    await suite.check("discover: beta deviceConfigurations/{id} typed", get_configuration)

    async def list_policies() -> str:
        page = await beta.client.device_management.device_compliance_policies.get()
        expect(page and page.value, "no compliance policies")
        wrong = [item.odata_type for item in page.value
                 if not item.odata_type or type(item).__name__.lower() != odata_type_class_name(item.odata_type).lower()]
        expect(not wrong, f"items not parsed into their @odata.type's class: {wrong}")
        ctx["policies"] = page.value
        return f"{len(page.value)} items"
    await suite.check("discover: beta deviceCompliancePolicies typed", list_policies)

    async def v1_configurations() -> str:
        page = await v1.client.device_management.device_configurations.get()
        expect(page and page.value, "no v1.0 device configurations")
        untyped = [item.odata_type for item in page.value if type(item).__name__ == "DeviceConfiguration"]
        return f"{len(page.value)} items" + (f" ({len(untyped)} beta-only types as the base class)" if untyped else "")
    await suite.check("discover: v1.0 deviceConfigurations through msgraph-sdk", v1_configurations)
