"""Checks of the query options ($count, $select, $filter, $orderby, $skip) and of PageIterator paging."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from msgraph_beta.generated.models.compliance_status import ComplianceStatus
from msgraph_beta.generated.models.device_configuration_device_status import DeviceConfigurationDeviceStatus
from msgraph_core import PageIterator

from context import FLEET_SIZE, Context
from suite import expect


async def run(c: Context) -> None:
    """Picks the fleet (the last configuration, FLEET_SIZE statuses) into c.fleet and checks against it."""
    suite, beta, origin, ctx, configurations = c.suite, c.beta, c.origin, c.ctx, c.configurations
    query, everything, fleet_listing = c.query, c.everything, c.fleet_listing
    fleet = c.fleet = configurations[-1].id if configurations else None
    fleet_statuses = c.fleet_statuses = (
        beta.client.device_management.device_configurations.by_device_configuration_id(fleet).device_statuses
        if fleet else None)

    async def page_iterator() -> str:
        expect(fleet, "needs the configuration list")
        mark = beta.wire.mark()
        items = await everything()
        gets = [x for x in beta.wire.since(mark) if x.method == "GET"]
        ids = [item.id for item in items]
        expect(len(ids) == len(set(ids)), f"{len(ids) - len(set(ids))} duplicate ids across pages")
        expect(len(ids) == FLEET_SIZE, f"PageIterator gathered {len(ids)} statuses, the spec says {FLEET_SIZE}")
        expect(len(gets) == 3, f"{len(gets)} GETs for {FLEET_SIZE} statuses at the default page size 100 (want 3)")
        for x in gets[1:]:
            expect(x.url.startswith(origin + "/beta/"), f"nextLink left the sandbox's origin: {x.url}")
            expect("$skiptoken" in x.url or "%24skiptoken" in x.url, f"nextLink has no $skiptoken: {x.url}")
        expect(all(isinstance(item, DeviceConfigurationDeviceStatus) for item in items),
               "PageIterator pages after the first did not parse into DeviceConfigurationDeviceStatus")
        ctx["fleet"] = items
        return f"{len(ids)} statuses in {len(gets)} pages"
    await suite.check("paging: PageIterator follows @odata.nextLink (250 statuses, page size 100)", page_iterator)

    async def top_pages() -> str:
        expect(fleet, "needs the configuration list")
        page = await fleet_statuses.get(query(top=40, count=True))
        expect(page and len(page.value) == 40, f"$top=40 gave {len(page.value) if page else None} items")
        expect(page.odata_next_link, "$top=40 of 250: no @odata.nextLink")
        query_of_next = parse_qs(urlsplit(page.odata_next_link).query)
        expect(page.odata_next_link.startswith(origin), f"nextLink {page.odata_next_link} is not on {origin}")
        mark = beta.wire.mark()
        items: list = []
        await PageIterator(page, beta.adapter).iterate(lambda item: items.append(item) or True)
        pages = len([x for x in beta.wire.since(mark) if x.method == "GET"]) + 1
        expect(len(items) == FLEET_SIZE and len({i.id for i in items}) == FLEET_SIZE,
               f"{len(items)} items ({len({i.id for i in items})} distinct) across pages of 40")
        expect(pages == 7, f"{pages} pages of 40 for 250")
        return f"7 pages; nextLink keeps {sorted(k for k in query_of_next if k != '$skiptoken')}"
    await suite.check("paging: $top=40 is the page size, PageIterator gathers all 250", top_pages)

    async def filtered_pages() -> str:
        expect(fleet, "needs the configuration list")
        page = await fleet_statuses.get(query(filter="status ne 'compliant'", top=50, count=True))
        expect(page.odata_count and page.odata_count > 50, f"@odata.count {page.odata_count}: too few to page at 50")
        items: list = []
        await PageIterator(page, beta.adapter).iterate(lambda item: items.append(item) or True)
        expect(len(items) == page.odata_count, f"PageIterator gathered {len(items)}, @odata.count says {page.odata_count}")
        expect(all(item.status != ComplianceStatus.Compliant for item in items),
               "a later page lost the $filter (compliant items in it)")
        return f"{len(items)} items, $filter kept across pages"
    await suite.check("paging: nextLink keeps $filter ($filter=status ne 'compliant', $top=50)", filtered_pages)

    async def count() -> str:
        expect(fleet, "needs the configuration list")
        page = await fleet_statuses.get(query(count=True, top=1))
        expect(page.odata_count == FLEET_SIZE, f"@odata.count {page.odata_count}, want {FLEET_SIZE}")
        expect(len(page.value) == 1, f"$top=1 gave {len(page.value)}")
        return "@odata.count 250"
    await suite.check("query: $count=true with $top=1", count)

    async def select() -> str:
        expect(fleet, "needs the configuration list")
        mark = beta.wire.mark()
        page = await fleet_statuses.get(query(select=["id", "status"], top=5))
        expect(page.value and all(item.id and item.status for item in page.value), "id/status missing")
        extra = [item for item in page.value if item.device_display_name or item.user_principal_name
                 or item.last_reported_date_time]
        expect(not extra, f"$select=id,status still returned other properties: {extra[:1]}")
        sent = beta.wire.since(mark)[-1].url
        expect("%24select=id,status" in sent or "$select=id,status" in sent, f"sent {sent}")
        return "only id and status"
    await suite.check("query: $select=id,status", select)

    async def filter_status() -> str:
        expect(fleet, "needs the configuration list")
        page = await fleet_statuses.get(query(filter="status eq 'compliant'", count=True, top=999))
        expect(all(item.status == ComplianceStatus.Compliant for item in page.value),
               f"non-compliant items: {[i.status for i in page.value if i.status != ComplianceStatus.Compliant][:3]}")
        everything_now = await everything()
        want = sum(1 for item in everything_now if item.status == ComplianceStatus.Compliant)
        expect(len(page.value) == want and page.odata_count == want,
               f"{len(page.value)} items, @odata.count {page.odata_count}; the full listing has {want} compliant")
        return f"{want} compliant"
    await suite.check("query: $filter=status eq 'compliant' (with $count, $top=999)", filter_status)

    async def filter_startswith() -> str:
        listing = await fleet_listing()
        name = next((item.device_display_name for item in listing if item.device_display_name), None)
        expect(name, "no deviceDisplayName in the listing")
        prefix = name[:3]
        page = await fleet_statuses.get(query(
            filter=f"startswith(deviceDisplayName,'{prefix}') and (status ne 'error' or status eq 'error')", top=999))
        want = sum(1 for item in listing if (item.device_display_name or "").startswith(prefix))
        expect(page.value and all(item.device_display_name.startswith(prefix) for item in page.value),
               "items not starting with the prefix")
        expect(len(page.value) == want, f"{len(page.value)} items, the listing has {want} starting with {prefix!r}")
        return f"{want} start with {prefix!r}"
    await suite.check("query: $filter=startswith(deviceDisplayName,'…') and (… or …)", filter_startswith)

    async def filter_date() -> str:
        dates = sorted(item.last_reported_date_time for item in await fleet_listing() if item.last_reported_date_time)
        expect(dates, "no lastReportedDateTime in the listing")
        middle = dates[len(dates) // 2]
        stamp = middle.strftime("%Y-%m-%dT%H:%M:%SZ")
        page = await fleet_statuses.get(query(filter=f"lastReportedDateTime ge {stamp}", top=999))
        expect(page.value and all(item.last_reported_date_time >= middle.replace(microsecond=0) for item in page.value),
               "items before the date")
        return f"{len(page.value)} on or after {stamp}"
    await suite.check("query: $filter=lastReportedDateTime ge <unquoted date>", filter_date)

    async def orderby() -> str:
        expect(fleet, "needs the configuration list")
        page = await fleet_statuses.get(query(orderby=["lastReportedDateTime desc"], top=50))
        stamps = [item.last_reported_date_time for item in page.value]
        expect(stamps and None not in stamps, "lastReportedDateTime missing")
        expect(stamps == sorted(stamps, reverse=True), "not in descending lastReportedDateTime order")
        return f"{len(stamps)} items descending"
    await suite.check("query: $orderby=lastReportedDateTime desc", orderby)

    async def skip() -> str:
        expect(fleet, "needs the configuration list")
        whole = await fleet_statuses.get(query(orderby=["id"], top=20))
        skipped = await fleet_statuses.get(query(orderby=["id"], top=10, skip=10))
        expect([i.id for i in skipped.value] == [i.id for i in whole.value][10:20],
               "$skip=10&$top=10 is not items 10..19 of the same order")
        return "items 10..19"
    await suite.check("query: $skip with $top and $orderby=id", skip)
