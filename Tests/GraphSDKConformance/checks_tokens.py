"""Checks of the token endpoint's answers and errors, and of how the auth setup keeps its token."""
from __future__ import annotations

from typing import Optional

from context import Context
from sandbox_auth import GRAPH_SCOPE, SandboxTokenProvider, TokenRequestError
from sdk_helpers import make_sdk
from suite import Failed, expect


async def run(c: Context) -> None:
    """Client credentials, each AADSTS refusal, a bad scope through the SDK, azure-identity, allowed hosts."""
    suite, provider, origin = c.suite, c.provider, c.origin
    authority, tenant, client_id, secret = c.authority, c.tenant, c.client_id, c.secret

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
