"""The SDK plumbing the checks share: the logged wire, SDK construction, retry options and batch workarounds."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Optional

import httpx
from kiota_abstractions.authentication import AccessTokenProvider, BaseBearerTokenAuthenticationProvider
from kiota_abstractions.base_request_configuration import RequestConfiguration
from kiota_abstractions.serialization import ParseNode, SerializationWriter
from kiota_http.middleware.options import RetryHandlerOption
from msgraph_core import APIVersion, GraphClientFactory
from msgraph_core.requests.batch_request_builder import BatchRequestBuilder
from msgraph_core.requests.batch_request_content import BatchRequestContent
from msgraph_core.requests.batch_request_item import BatchRequestItem
from msgraph_core.requests.batch_response_content import BatchResponseContent
from msgraph_core.requests.batch_response_item import BatchResponseItem

import msgraph
import msgraph.graph_request_adapter
import msgraph_beta
import msgraph_beta.graph_request_adapter
from msgraph_beta.generated.models.o_data_errors.o_data_error import ODataError

# --------------------------------------------------------------------------------------------
# The wire: a transport under the SDK's middleware, so every attempt (retries too) is seen.


@dataclass
class Exchange:
    method: str
    url: str
    status: int
    request_headers: dict
    request_body: bytes
    response_headers: dict


class WireLog(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.exchanges: list[Exchange] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        response = await self.inner.handle_async_request(request)
        self.exchanges.append(Exchange(request.method, str(request.url), response.status_code,
                                       dict(request.headers), body, dict(response.headers)))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()

    def mark(self) -> int:
        return len(self.exchanges)

    def since(self, mark: int) -> list[Exchange]:
        return self.exchanges[mark:]


@dataclass
class Sdk:
    name: str           # "beta" or "v1.0"
    client: Any         # msgraph_beta / msgraph GraphServiceClient
    adapter: Any        # GraphRequestAdapter
    wire: WireLog


def make_sdk(version: str, base_url: str, provider: AccessTokenProvider) -> Sdk:
    """The SDK's own pipeline (GraphClientFactory default middleware: RetryHandler, RedirectHandler, …)
    over an httpx client whose transport logs each attempt; base URL set on the request adapter."""
    wire = WireLog()
    auth = BaseBearerTokenAuthenticationProvider(provider)
    if version == "beta":
        package, api = msgraph_beta, APIVersion.beta
    else:
        package, api = msgraph, APIVersion.v1
    http = GraphClientFactory.create_with_default_middleware(
        api_version=api, client=httpx.AsyncClient(transport=wire, timeout=30),
        options=package.graph_request_adapter.options)
    adapter = package.GraphRequestAdapter(auth, client=http)
    adapter.base_url = f"{base_url.rstrip('/')}/{version}"
    return Sdk(version, package.GraphServiceClient(request_adapter=adapter), adapter, wire)


def retry_config(retries: int = 3) -> RequestConfiguration:
    """RetryHandler with no added delay: Retry-After: 0 counts as absent, and the default option
    adds 3 s to the backoff of every retry."""
    return RequestConfiguration(options=[RetryHandlerOption(delay=0, max_retries=retries)])


# --------------------------------------------------------------------------------------------
# Batch: the SDK's BatchRequestContent / BatchRequestBuilder, with the two workarounds a user of
# msgraph-core 1.5.x needs (see Documentation/PythonClients.md, "Batching").


class RelativeBatchRequestItem(BatchRequestItem):
    """BatchRequestItem sends request_information.url as is (absolute, version included), and writes
    "depends_on"; Graph wants a URL relative to the version and "dependsOn"."""

    def __init__(self, request_information, id: str, base_url: str, depends_on: Optional[list[str]] = None):
        super().__init__(request_information, id=id, depends_on=depends_on or [])
        if self.url.startswith(base_url):
            self.url = self.url[len(base_url):]

    def serialize(self, writer: SerializationWriter) -> None:
        writer.write_str_value("id", self.id)
        writer.write_str_value("method", self.method)
        writer.write_str_value("url", self.url)
        if self.depends_on:
            writer.write_collection_of_primitive_values("dependsOn", self.depends_on)
        if self.headers:
            writer.write_additional_data_value({"headers": self.headers})
        if self.body:
            writer.write_additional_data_value({"body": json.loads(self.body)})


class JsonBodyBatchResponseItem(BatchResponseItem):
    """kiota-serialization-json's get_bytes_value() drops a sub-response body that is a JSON object
    (only base64 strings are read); keep it as UTF-8 JSON bytes instead."""

    @staticmethod
    def create_from_discriminator_value(parse_node: Optional[ParseNode] = None) -> "JsonBodyBatchResponseItem":
        return JsonBodyBatchResponseItem()

    def get_field_deserializers(self) -> dict[str, Callable[[ParseNode], None]]:
        fields = super().get_field_deserializers()

        def body(node: ParseNode) -> None:
            raw = getattr(node, "_json_node", None)
            if isinstance(raw, (dict, list)):
                self.body = json.dumps(raw).encode()
            else:
                self.body = node.get_bytes_value()
        fields["body"] = body
        return fields


class JsonBodyBatchResponseContent(BatchResponseContent):
    def get_field_deserializers(self) -> dict[str, Callable[[ParseNode], None]]:
        def responses(node: ParseNode) -> None:
            items = node.get_collection_of_object_values(JsonBodyBatchResponseItem) or []
            self.responses = {item.id: item for item in items}
        return {"responses": responses}

    @staticmethod
    def create_from_discriminator_value(parse_node: Optional[ParseNode] = None) -> "JsonBodyBatchResponseContent":
        return JsonBodyBatchResponseContent()


async def post_batch(sdk: Sdk, content: BatchRequestContent) -> JsonBodyBatchResponseContent:
    builder = BatchRequestBuilder(sdk.adapter, {"XXX": ODataError})
    info = await builder.to_post_request_information(content)
    return await sdk.adapter.send_async(info, JsonBodyBatchResponseContent, {"XXX": ODataError})


def sub_body(item: BatchResponseItem) -> Any:
    raw = item.body
    if raw is None:
        return None
    if hasattr(raw, "getvalue"):
        raw = raw.getvalue()
    return json.loads(raw) if raw else None


def header(headers: Optional[dict], name: str) -> Optional[str]:
    for key, value in (headers or {}).items():
        if key.lower() == name.lower():
            return value if isinstance(value, str) else ", ".join(value) if isinstance(value, list) else str(value)
    return None
