"""One run's shared state (Context): the sandbox's settings, both SDKs, what discovery found, and the fleet helpers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph_beta.generated.device_management.device_configurations.item.device_statuses.device_statuses_request_builder import (
    DeviceStatusesRequestBuilder,
)
from msgraph_core import PageIterator

from faults_client import Faults
from sandbox_auth import SandboxTokenProvider
from sdk_helpers import Sdk
from suite import Suite
from targets import Target

FLEET_SIZE = 250  # statuses of the tenant's last configuration (spec: pages at 100)
Q = DeviceStatusesRequestBuilder.DeviceStatusesRequestBuilderGetQueryParameters


@dataclass
class Context:
    suite: Suite
    origin: str
    authority: str
    tenant: str
    client_id: str
    secret: str
    provider: SandboxTokenProvider
    beta: Sdk
    v1: Sdk
    faults: Faults
    ctx: dict[str, Any] = field(default_factory=dict)   # what checks found: configurations, policies, fleet
    configurations: list = field(default_factory=list)  # the beta deviceConfigurations, once discovered
    targets: list[Target] = field(default_factory=list)  # every documented deviceStatuses collection reached
    fleet: Optional[str] = None                         # the last configuration: FLEET_SIZE statuses
    fleet_statuses: Any = None                          # its deviceStatuses request builder

    def query(self, **parameters: Any) -> RequestConfiguration:
        return RequestConfiguration(query_parameters=Q(**parameters))

    async def everything(self) -> list:
        """All fleet statuses, following nextLink with the SDK's PageIterator."""
        page = await self.fleet_statuses.get()
        items: list = []
        iterator = PageIterator(page, self.beta.adapter)
        await iterator.iterate(lambda item: items.append(item) or True)
        return items

    async def fleet_listing(self) -> list:
        """The fleet's statuses: the PageIterator's gathering, or one $top=999 page when paging failed."""
        if self.ctx.get("fleet"):
            return self.ctx["fleet"]
        page = await self.fleet_statuses.get(self.query(top=999))
        return page.value or []
