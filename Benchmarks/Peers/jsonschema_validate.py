"""Validates the first docs page's example body with Python's jsonschema, as many times as
fit in the given seconds, and prints bodies per second. The schema is the JSON Schema
equivalent of the built-in beta deviceConfigurationDeviceStatus contract, OData date pattern
included."""
import json
import sys
import time

import jsonschema

DATE_TIME_OFFSET = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,12})?)?(Z|[+-][0-9]{2}:[0-9]{2})$"
SCHEMA = {
    "type": "object",
    "properties": {
        "@odata.type": {"type": "string"},
        "id": {"type": "string"},
        "deviceDisplayName": {"type": ["string", "null"]},
        "userName": {"type": ["string", "null"]},
        "deviceModel": {"type": ["string", "null"]},
        "platform": {"type": "integer", "minimum": -2147483648, "maximum": 2147483647},
        "complianceGracePeriodExpirationDateTime": {"type": "string", "pattern": DATE_TIME_OFFSET},
        "status": {"enum": ["unknown", "notApplicable", "compliant", "remediated", "nonCompliant", "error", "conflict", "notAssigned"]},
        "lastReportedDateTime": {"type": "string", "pattern": DATE_TIME_OFFSET},
        "userPrincipalName": {"type": ["string", "null"]},
    },
    "additionalProperties": False,
}

body = json.loads(sys.argv[1])
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
validator = jsonschema.Draft202012Validator(SCHEMA)
assert not list(validator.iter_errors(body)), "the example body must conform"
count = 0
start = time.perf_counter()
while time.perf_counter() - start < seconds:
    for _ in range(100):
        list(validator.iter_errors(body))
    count += 100
print(f"{count / (time.perf_counter() - start):.0f}")
