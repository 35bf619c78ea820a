"""Tapedeck's fault-injection control endpoint, /_tapedeck/faults (not Graph; plain httpx)."""
from __future__ import annotations

import json
from typing import Any, Optional

import httpx

from suite import expect


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
