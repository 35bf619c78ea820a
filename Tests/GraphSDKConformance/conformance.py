#!/usr/bin/env python3
"""`tapedeck sandbox` driven by Microsoft's Python Graph SDKs (msgraph-beta-sdk, msgraph-sdk).

Every Graph call goes through the SDKs' own request builders, PageIterator, BatchRequestBuilder
and middleware (RetryHandler), as a user's Intune script would. The only raw HTTP is the
OAuth token form (the SDKs have no client-credentials flow of their own for an http:// authority)
and Tapedeck's own control endpoint, /_tapedeck/faults.

    python conformance.py            # reads GRAPH_BASE_URL, GRAPH_AUTHORITY, GRAPH_TENANT_ID,
                                     # GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET (tapedeck sandbox prints them)

One line per check ("ok" or "FAIL"), a final count; exit status 1 when any check failed.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Optional
from urllib.parse import parse_qs, urlsplit

import httpx
from kiota_abstractions.api_error import APIError
from kiota_abstractions.authentication import (
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from kiota_abstractions.base_request_configuration import RequestConfiguration
from kiota_abstractions.serialization import ParseNode, SerializationWriter
from kiota_http.middleware.options import RetryHandlerOption
from msgraph_core import APIVersion, GraphClientFactory, PageIterator
from msgraph_core.requests.batch_request_builder import BatchRequestBuilder
from msgraph_core.requests.batch_request_content import BatchRequestContent
from msgraph_core.requests.batch_request_content_collection import BatchRequestContentCollection
from msgraph_core.requests.batch_request_item import BatchRequestItem
from msgraph_core.requests.batch_response_content import BatchResponseContent
from msgraph_core.requests.batch_response_item import BatchResponseItem

import msgraph
import msgraph.graph_request_adapter
import msgraph_beta
import msgraph_beta.graph_request_adapter
from msgraph_beta.generated.device_management.device_configurations.item.device_statuses.device_statuses_request_builder import (
    DeviceStatusesRequestBuilder,
)
from msgraph_beta.generated.models.compliance_status import ComplianceStatus
from msgraph_beta.generated.models.device_compliance_device_status import DeviceComplianceDeviceStatus
from msgraph_beta.generated.models.device_configuration import DeviceConfiguration
from msgraph_beta.generated.models.device_configuration_device_status import DeviceConfigurationDeviceStatus
from msgraph_beta.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.compliance_status import ComplianceStatus as V1ComplianceStatus
from msgraph.generated.models.device_compliance_device_status import (
    DeviceComplianceDeviceStatus as V1DeviceComplianceDeviceStatus,
)
from msgraph.generated.models.device_configuration_device_status import (
    DeviceConfigurationDeviceStatus as V1DeviceConfigurationDeviceStatus,
)
from msgraph.generated.models.o_data_errors.o_data_error import ODataError as V1ODataError

GRAPH_SCOPE = "https://graph.microsoft.com/.default"

# The beta type casts whose certificate navigations have documented deviceStatuses paths.
# A collection navigation ends in "/{id}" (its members are windows81TrustedRootCertificates).
CAST_NAVIGATIONS = {
    "iosScepCertificateProfile": ["rootCertificate"],
    "macOSScepCertificateProfile": ["rootCertificate"],
    "windowsPhone81SCEPCertificateProfile": ["rootCertificate"],
    "windowsPhone81VpnConfiguration": ["identityCertificate"],
    "macOSWiredNetworkConfiguration": ["identityCertificateForClientAuthentication", "rootCertificateForServerValidation"],
    "windowsWifiEnterpriseEAPConfiguration": [
        "identityCertificateForClientAuthentication",
        "rootCertificatesForServerValidation/{id}",
    ],
}
COLLECTION_MEMBER_TYPE = "windows81TrustedRootCertificate"
FLEET_SIZE = 250  # statuses of the tenant's last configuration (spec: pages at 100)


# --------------------------------------------------------------------------------------------
# Authentication: client credentials against the sandbox's token endpoint.


class TokenRequestError(Exception):
    """The token endpoint refused: carries the OAuth error and the AADSTS description."""

    def __init__(self, status: int, body: dict):
        self.status = status
        self.error = body.get("error")
        self.description = body.get("error_description", "")
        self.codes = body.get("error_codes", [])
        super().__init__(f"{status} {self.error}: {self.description}")


class SandboxTokenProvider(AccessTokenProvider):
    """An AccessTokenProvider that posts the client-credentials form to `{authority}/{tenant}/oauth2/v2.0/token`
    and caches the token until shortly before it expires. Tokens go only to the allowed hosts."""

    def __init__(self, authority: str, tenant: str, client_id: str, client_secret: str,
                 scope: Optional[str] = GRAPH_SCOPE, allowed_hosts: tuple[str, ...] = ("127.0.0.1",)):
        self.endpoint = f"{authority.rstrip('/')}/{tenant}/oauth2/v2.0/token"
        self.form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret}
        if scope is not None:
            self.form["scope"] = scope
        self.validator = AllowedHostsValidator(list(allowed_hosts))
        self.token: Optional[str] = None
        self.expires = 0.0
        self.requests = 0

    async def fetch(self) -> dict:
        self.requests += 1
        async with httpx.AsyncClient(timeout=30) as http:
            response = await http.post(self.endpoint, data=self.form)
        body = response.json()
        if response.status_code != 200:
            raise TokenRequestError(response.status_code, body)
        return body

    async def get_authorization_token(self, uri: str, additional_authentication_context: dict = {}) -> str:
        if not self.validator.is_url_host_valid(uri):
            return ""
        if self.token is None or time.time() > self.expires - 60:
            body = await self.fetch()
            self.token, self.expires = body["access_token"], time.time() + int(body.get("expires_in", 3599))
        return self.token

    def get_allowed_hosts_validator(self) -> AllowedHostsValidator:
        return self.validator


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


# --------------------------------------------------------------------------------------------
# Checks


class Failed(AssertionError):
    pass


def expect(condition: Any, message: str) -> None:
    if not condition:
        raise Failed(message)


def describe(error: BaseException) -> str:
    if isinstance(error, APIError):
        code = message = None
        main = getattr(error, "error", None)
        if main is not None:
            code, message = main.code, main.message
        return f"{type(error).__name__} status {error.response_status_code} code {code!r}: {message or error.message}"
    return f"{type(error).__name__}: {error}"


async def expect_odata_error(call: Awaitable, status: int, code: Optional[str] = None) -> ODataError:
    try:
        result = await call
    except (ODataError, V1ODataError) as error:
        got_code = error.error.code if error.error else None
        expect(error.response_status_code == status,
               f"expected ODataError status {status}, got {describe(error)}")
        expect(error.error is not None and got_code and error.error.message,
               f"the ODataError has no error.code/error.message: {describe(error)}")
        if code is not None:
            expect(got_code == code, f"expected code {code!r}, got {describe(error)}")
        return error
    except APIError as error:
        raise Failed(f"expected an ODataError {status}, the SDK raised a bare APIError ({describe(error)}): "
                     "the error body did not parse as {\"error\":{…}}") from None
    raise Failed(f"expected ODataError {status}, the call succeeded and returned {type(result).__name__}")


class Suite:
    def __init__(self) -> None:
        self.passed = 0
        self.failed: list[str] = []
        self.verbose = os.environ.get("CONFORMANCE_VERBOSE") == "1"

    async def check(self, name: str, body: Callable[[], Awaitable[Optional[str]]]) -> bool:
        began = time.monotonic()
        try:
            detail = await body()
        except Failed as failure:
            self.failed.append(name)
            print(f"FAIL {name}: {failure}", flush=True)
            return False
        except Exception as error:  # an SDK exception is a failure of the check, with its answer
            self.failed.append(name)
            print(f"FAIL {name}: {describe(error)}", flush=True)
            if self.verbose:
                traceback.print_exc()
            return False
        self.passed += 1
        took = time.monotonic() - began
        print(f"ok   {name}" + (f" ({detail})" if detail else "") + (f" [{took:.1f} s]" if took >= 1 else ""), flush=True)
        return True

    def skip(self, name: str, reason: str) -> None:
        self.failed.append(name)
        print(f"FAIL {name}: not run, {reason}", flush=True)


def odata_type_class_name(odata_type: str) -> str:
    last = odata_type.lstrip("#").split(".")[-1]
    return last[0].upper() + last[1:]


def other_status(current: Any, enum: Any) -> Any:
    return enum.NonCompliant if current == enum.Compliant else enum.Compliant


# --------------------------------------------------------------------------------------------
# Status targets: one documented deviceStatuses collection, reached through SDK request builders.


@dataclass
class Target:
    name: str
    sdk: Sdk
    collection: Any                     # a DeviceStatusesRequestBuilder (generated or with_url)
    item: Callable[[str], Any]          # status id -> item request builder
    model: type                         # the status model for PATCH bodies
    enum: Any                           # ComplianceStatus of that SDK
    error_type: type
    statuses: list = field(default_factory=list)


def base_targets(beta: Sdk, v1: Sdk, configuration: str, policy: str) -> list[Target]:
    targets = []
    for sdk, status_model, compliance_model, enum, error in (
        (beta, DeviceConfigurationDeviceStatus, DeviceComplianceDeviceStatus, ComplianceStatus, ODataError),
        (v1, V1DeviceConfigurationDeviceStatus, V1DeviceComplianceDeviceStatus, V1ComplianceStatus, V1ODataError),
    ):
        management = sdk.client.device_management
        statuses = management.device_configurations.by_device_configuration_id(configuration).device_statuses
        targets.append(Target(
            f"{sdk.name} deviceConfigurations/{{id}}/deviceStatuses", sdk, statuses,
            lambda sid, s=statuses: s.by_device_configuration_device_status_id(sid), status_model, enum, error))
        compliance = management.device_compliance_policies.by_device_compliance_policy_id(policy).device_statuses
        targets.append(Target(
            f"{sdk.name} deviceCompliancePolicies/{{id}}/deviceStatuses", sdk, compliance,
            lambda sid, s=compliance: s.by_device_compliance_device_status_id(sid), compliance_model, enum, error))
    return targets


def cast_target(beta: Sdk, configuration: str, cast: str, navigation: str) -> Target:
    """msgraph-beta-sdk generates no request builders for type-cast navigations; a Kiota request
    builder's with_url() reaches them and keeps the typed get/patch (responses parse into models)."""
    url = (f"{beta.adapter.base_url}/deviceManagement/deviceConfigurations/{configuration}"
           f"/microsoft.graph.{cast}/{navigation}/deviceStatuses")
    generated = beta.client.device_management.device_configurations.by_device_configuration_id(configuration)
    collection = generated.device_statuses.with_url(url)
    return Target(f"beta {cast}/{navigation}", beta, collection,
                  lambda sid: generated.device_statuses.by_device_configuration_device_status_id(sid)
                  .with_url(f"{url}/{sid}"),
                  DeviceConfigurationDeviceStatus, ComplianceStatus, ODataError)


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


# --------------------------------------------------------------------------------------------
# Faults: Tapedeck's control endpoint (not Graph; plain httpx).


class Faults:
    def __init__(self, origin: str):
        self.url = f"{origin}/_tapedeck/faults"

    async def add(self, rule: dict) -> httpx.Response:
        async with httpx.AsyncClient(timeout=10) as http:
            response = await http.post(self.url, json=rule)
        expect(response.status_code == 201,
               f"POST /_tapedeck/faults {json.dumps(rule)} answered {response.status_code}: {response.text[:300]}")
        return response

    async def list(self) -> Any:
        async with httpx.AsyncClient(timeout=10) as http:
            response = await http.get(self.url)
        expect(response.status_code == 200, f"GET /_tapedeck/faults answered {response.status_code}: {response.text[:300]}")
        return response.json()

    async def clear(self) -> None:
        async with httpx.AsyncClient(timeout=10) as http:
            response = await http.delete(self.url)
        expect(response.status_code in (200, 204),
               f"DELETE /_tapedeck/faults answered {response.status_code}: {response.text[:300]}")


def fired(listing: Any) -> Optional[int]:
    """How many times the listed fault rules fired: GET /_tapedeck/faults gives each rule's "fired"."""
    rules = listing.get("value") if isinstance(listing, dict) else None
    if not isinstance(rules, list):
        return None
    return sum(rule.get("fired", 0) for rule in rules if isinstance(rule, dict))


# --------------------------------------------------------------------------------------------


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
    ctx: dict[str, Any] = {}

    # ---- Token endpoint -------------------------------------------------------------------
    async def token() -> str:
        body = await provider.fetch()
        parts = body.get("access_token", "").split(".")
        expect(len(parts) == 3, f"access_token is not JWT-shaped: {body}")
        expect(body.get("token_type") == "Bearer" and int(body.get("expires_in", 0)) > 0,
               f"token_type/expires_in: {body}")
        return f"expires_in {body['expires_in']}"
    await suite.check("token: client credentials with scope https://graph.microsoft.com/.default", token)

    def token_error(description: str, scope: Optional[str], status: int, error: str, aadsts: str, **change: str):
        async def body() -> str:
            form = dict(tenant=tenant, client_id=client_id, client_secret=secret)
            form.update(change)
            bad = SandboxTokenProvider(authority, form["tenant"], form["client_id"], form["client_secret"], scope=scope)
            try:
                await bad.fetch()
            except TokenRequestError as refused:
                expect(refused.status == status and refused.error == error and refused.description.startswith(aadsts),
                       f"expected {status} {error} {aadsts}…, got {refused}")
                number = int(aadsts[6:])
                expect(number in refused.codes, f"error_codes {refused.codes} lacks {number}")
                return aadsts
            raise Failed(f"the token endpoint issued a token ({description})")
        return suite.check(f"token: {description} -> {status} {aadsts} {error}", body)

    await token_error("no scope", None, 400, "invalid_request", "AADSTS900144")
    await token_error("scope without /.default", "https://graph.microsoft.com/DeviceManagementConfiguration.ReadWrite.All",
                      400, "invalid_scope", "AADSTS1002012")
    await token_error("unknown resource", "https://unknown-resource.invalid/.default", 400, "invalid_resource", "AADSTS500011")
    await token_error("bad secret", GRAPH_SCOPE, 401, "invalid_client", "AADSTS7000215", client_secret="wrong-secret-FAKE")
    await token_error("unknown client", GRAPH_SCOPE, 400, "unauthorized_client", "AADSTS700016",
                      client_id="00000000-0000-0000-0000-00000000ffff")
    await token_error("unknown tenant", GRAPH_SCOPE, 400, "invalid_tenant", "AADSTS90002",
                      tenant="00000000-0000-0000-0000-00000000eeee")

    async def sdk_scope_error() -> str:
        bad = SandboxTokenProvider(authority, tenant, client_id, secret,
                                   scope="https://graph.microsoft.com/DeviceManagementConfiguration.Read.All")
        sdk = make_sdk("beta", origin, bad)
        try:
            await sdk.client.device_management.device_configurations.get()
        except TokenRequestError as refused:
            expect("AADSTS1002012" in refused.description, f"expected AADSTS1002012, got {refused}")
            expect(not sdk.wire.exchanges, "a Graph request went out without a token")
            return "the SDK call raised the AADSTS error, no Graph request sent"
        raise Failed("the SDK call succeeded with a scope lacking /.default")
    await suite.check("token: a bad scope surfaces through the SDK as AADSTS1002012", sdk_scope_error)

    async def azure_identity_refuses_http() -> str:
        from azure.identity.aio import ClientSecretCredential
        try:
            ClientSecretCredential(tenant, client_id, secret, authority=authority)
        except ValueError as refused:
            return f"ValueError: {str(refused)[:60]}…"
        raise Failed("azure-identity accepted an http:// authority; Documentation/PythonClients.md says it does not")
    await suite.check("auth: azure-identity refuses an http:// authority (why the doc uses its own provider)",
                      azure_identity_refuses_http)

    async def allowed_hosts() -> str:
        token_for_other = await provider.get_authorization_token("https://graph.microsoft.com/beta/me")
        expect(token_for_other == "", "the provider handed a sandbox token to graph.microsoft.com")
        return "no token for graph.microsoft.com"
    await suite.check("auth: AllowedHostsValidator keeps the token to the sandbox host", allowed_hosts)

    # ---- Discovery ------------------------------------------------------------------------
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

    # ---- GET / PATCH on every documented device-status path -------------------------------
    configurations = ctx.get("configurations") or []
    targets: list[Target] = []
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

    # ---- Query options and paging ---------------------------------------------------------
    fleet = configurations[-1].id if configurations else None
    fleet_statuses = (beta.client.device_management.device_configurations.by_device_configuration_id(fleet).device_statuses
                      if fleet else None)
    Q = DeviceStatusesRequestBuilder.DeviceStatusesRequestBuilderGetQueryParameters

    def query(**parameters: Any) -> RequestConfiguration:
        return RequestConfiguration(query_parameters=Q(**parameters))

    async def everything() -> list:
        """All fleet statuses, following nextLink with the SDK's PageIterator."""
        page = await fleet_statuses.get()
        items: list = []
        iterator = PageIterator(page, beta.adapter)
        await iterator.iterate(lambda item: items.append(item) or True)
        return items

    async def fleet_listing() -> list:
        """The fleet's statuses: the PageIterator's gathering, or one $top=999 page when paging failed."""
        if ctx.get("fleet"):
            return ctx["fleet"]
        page = await fleet_statuses.get(query(top=999))
        return page.value or []

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

    # ---- Errors as ODataError -------------------------------------------------------------
    def retry_config(retries: int = 3) -> RequestConfiguration:
        """RetryHandler with no added delay: Retry-After: 0 counts as absent, and the default option
        adds 3 s to the backoff of every retry."""
        return RequestConfiguration(options=[RetryHandlerOption(delay=0, max_retries=retries)])

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

    # ---- Throttling and the SDK's RetryHandler --------------------------------------------

    def status_path(target: Target) -> str:
        return urlsplit(str(target.item(target.statuses[0].id).to_get_request_information().url)).path

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

    # ---- Batch ----------------------------------------------------------------------------
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
