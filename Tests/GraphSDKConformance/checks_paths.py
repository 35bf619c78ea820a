"""Checks of GET and PATCH on every documented device-status path, type-cast navigations included."""
from __future__ import annotations

import json

from kiota_abstractions.base_request_configuration import RequestConfiguration

from context import Context
from suite import expect
from targets import (
    CAST_NAVIGATIONS,
    COLLECTION_MEMBER_TYPE,
    Target,
    base_targets,
    cast_target,
    odata_type_class_name,
    other_status,
)


async def run(c: Context) -> None:
    """Builds c.targets from what discovery found, then lists, GETs and PATCHes each; Prefer: return=minimal."""
    suite, beta, v1, ctx = c.suite, c.beta, c.v1, c.ctx

    configurations = c.configurations = ctx.get("configurations") or []
    targets: list[Target] = c.targets
    if configurations and ctx.get("policies"):
        first_with_statuses = None
        for item in configurations:
            if item.odata_type and odata_type_class_name(item.odata_type) == "Windows10GeneralConfiguration":
                first_with_statuses = item.id
                break
        first_with_statuses = first_with_statuses or configurations[0].id
        targets += base_targets(beta, v1, first_with_statuses, ctx["policies"][0].id)
        members = [item.id for item in configurations
                   if item.odata_type and item.odata_type.endswith("." + COLLECTION_MEMBER_TYPE)]
        for item in configurations:
            cast = item.odata_type.lstrip("#").split(".")[-1] if item.odata_type else ""
            for navigation in CAST_NAVIGATIONS.get(cast, []):
                if navigation.endswith("/{id}"):
                    for member in members:
                        targets.append(cast_target(beta, item.id, cast, navigation.replace("{id}", member)))
                else:
                    targets.append(cast_target(beta, item.id, cast, navigation))
    else:
        suite.skip("device-status paths", "configuration or policy discovery failed")

    if targets:
        async def every_navigation() -> str:
            wanted = {f"{cast}/{navigation.split('/')[0]}" for cast, navigations in CAST_NAVIGATIONS.items()
                      for navigation in navigations}
            reached = {"/".join(target.name.split(" ", 1)[1].split("/")[:2]) for target in targets
                       if target.name.startswith("beta ") and "deviceStatuses" not in target.name}
            expect(wanted <= reached, f"no configuration of the right type for {sorted(wanted - reached)}")
            return f"{len(wanted)} type-cast navigations, {len(targets)} status collections in all"
        await suite.check("discover: a configuration for every documented type-cast navigation", every_navigation)

    for target in targets:
        async def list_statuses(target: Target = target) -> str:
            page = await target.collection.get()
            expect(page is not None and page.value is not None, "no collection answer")
            expect(page.value, "the collection is empty (nothing to GET or PATCH)")
            wrong = {type(item).__name__ for item in page.value} - {target.model.__name__}
            expect(not wrong, f"items parsed as {wrong}, expected {target.model.__name__}")
            target.statuses = page.value
            return f"{len(page.value)} statuses"

        async def get_status(target: Target = target) -> str:
            expect(target.statuses, "needs the list")
            first = target.statuses[0]
            status = await target.item(first.id).get()
            expect(isinstance(status, target.model) and status.id == first.id,
                   f"GET gave {type(status).__name__} {getattr(status, 'id', None)}")
            expect(status.status is not None, "status.status did not parse into ComplianceStatus")
            return f"status {status.status.value}"

        async def patch_status(target: Target = target) -> str:
            expect(target.statuses, "needs the list")
            first = target.statuses[0]
            wanted = other_status(first.status, target.enum)
            mark = target.sdk.wire.mark()
            updated = await target.item(first.id).patch(target.model(status=wanted))
            sent = [x for x in target.sdk.wire.since(mark) if x.method == "PATCH"]
            expect(sent and json.loads(sent[-1].request_body) == {"status": wanted.value},
                   f"the SDK sent {sent[-1].request_body if sent else None!r}")
            expect(isinstance(updated, target.model) and updated.status == wanted,
                   f"PATCH answered {type(updated).__name__} status {getattr(updated, 'status', None)}")
            again = await target.item(first.id).get()
            expect(again.status == wanted, f"a GET after the PATCH shows {again.status}")
            return f"{first.status.value if first.status else None} -> {wanted.value}"

        if await suite.check(f"GET {target.name} list", list_statuses):
            await suite.check(f"GET {target.name}/{{id}}", get_status)
            await suite.check(f"PATCH {target.name}/{{id}}", patch_status)

    if targets:
        async def prefer_minimal() -> str:
            target = targets[0]
            expect(target.statuses, "needs the list")
            config = RequestConfiguration()
            config.headers.add("Prefer", "return=minimal")
            answer = await target.item(target.statuses[0].id).patch(
                target.model(status=target.enum.Compliant), request_configuration=config)
            expect(answer is None, f"expected 204 (None from the SDK), got {type(answer).__name__}")
            return "204, the SDK returns None"
        await suite.check("PATCH with Prefer: return=minimal -> 204", prefer_minimal)
