"""Authentication against the sandbox: the client-credentials AccessTokenProvider and its token errors."""
from __future__ import annotations

import time
from typing import Optional

import httpx
from kiota_abstractions.authentication import AccessTokenProvider, AllowedHostsValidator

GRAPH_SCOPE = "https://graph.microsoft.com/.default"


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
