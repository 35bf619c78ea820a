"""The check runner (Suite) and the expect helpers a check uses to fail with a message."""
from __future__ import annotations

import os
import time
import traceback
from typing import Any, Awaitable, Callable, Optional

from kiota_abstractions.api_error import APIError
from msgraph_beta.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.o_data_errors.o_data_error import ODataError as V1ODataError


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
