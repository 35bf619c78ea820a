#!/usr/bin/env python3
"""A test-proxy client of `tapedeck serve` in Python (requests), for Tests/ServeClients/run.sh.

    python serve_client.py record    # 8 parallel recordings (threads), each of one configuration
    python serve_client.py playback  # the same 8 in parallel, each isolated; an unmatched request
    python serve_client.py https CA  # playback over HTTPS, trusting the generated authority

Reads TAPEDECK_SERVE_URL and, to record, the GRAPH_* lines `tapedeck sandbox` prints. Writes the
tokens it received to TAPEDECK_SERVE_TOKENS (one a line) so run.sh can check none reached disk.
"""
import json
import os
import sys
import threading

import requests

SERVE = os.environ["TAPEDECK_SERVE_URL"]
TENANT = os.environ.get("GRAPH_TENANT_ID", "00000000-0000-0000-0000-0000000000aa")
CLIENT = os.environ.get("GRAPH_CLIENT_ID", "00000000-0000-0000-0000-0000000000bb")
SECRET = os.environ.get("GRAPH_CLIENT_SECRET", "sandbox-client-secret-FAKE")
STATE = os.environ.get("TAPEDECK_SERVE_STATE", "serve-state.json")
VERIFY = True


def portable(value):
    """An answer with the server's origin as `{SERVE}`: links follow the server a client used."""
    return json.loads(json.dumps(value).replace(SERVE, "{SERVE}"))


def start(kind, cassette):
    answer = requests.post(f"{SERVE}/{kind}/Start", json={"x-recording-file": cassette}, verify=VERIFY)
    assert answer.status_code == 200, (kind, cassette, answer.status_code, answer.text)
    session = requests.Session()
    # Not the environment's REQUESTS_CA_BUNDLE (it would replace session.verify) nor its proxies.
    session.trust_env = False
    session.verify = VERIFY
    session.headers.update({"x-recording-id": answer.headers["x-recording-id"], "x-recording-mode": kind.lower()})
    return session


def stop(kind, session):
    answer = requests.post(
        f"{SERVE}/{kind}/Stop", headers={"x-recording-id": session.headers["x-recording-id"]}, verify=VERIFY)
    assert answer.status_code == 200, (kind, answer.status_code, answer.text)
    return answer


def token(session):
    form = {"client_id": CLIENT, "client_secret": SECRET, "grant_type": "client_credentials",
            "scope": "https://graph.microsoft.com/.default"}
    answer = session.post(f"{SERVE}/{TENANT}/oauth2/v2.0/token", data=form)
    assert answer.status_code == 200, answer.text
    return answer.json()["access_token"]


def record():
    setup = start("Record", "Python/configurations")
    access = token(setup)
    setup.headers["Authorization"] = f"Bearer {access}"
    listing = setup.get(f"{SERVE}/beta/deviceManagement/deviceConfigurations").json()["value"]
    stop("Record", setup)
    ids = [item["id"] for item in listing[:8]]
    assert len(ids) == 8, ids
    tokens, answers, errors = [access], {}, []

    def one(index):
        try:
            session = start("Record", f"Python/parallel{index}")
            own = token(session)
            tokens.append(own)
            session.headers["Authorization"] = f"Bearer {own}"
            answer = session.get(f"{SERVE}/beta/deviceManagement/deviceConfigurations/{ids[index]}")
            assert answer.status_code == 200, answer.text
            answers[index] = portable(answer.json())
            assert stop("Record", session).headers["x-tapedeck-interactions"] == "2"
        except Exception as error:  # reported below, after every thread ends
            errors.append(f"recording {index}: {error!r}")

    threads = [threading.Thread(target=one, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    with open(STATE, "w", encoding="utf-8") as handle:
        json.dump({"ids": ids, "answers": {str(k): v for k, v in answers.items()}}, handle)
    with open(os.environ["TAPEDECK_SERVE_TOKENS"], "a", encoding="utf-8") as handle:
        handle.write("\n".join(tokens) + "\n")
    print("python: 8 parallel recordings saved")


def playback():
    with open(STATE, encoding="utf-8") as handle:
        state = json.load(handle)
    ids, errors = state["ids"], []

    def one(index):
        try:
            session = start("Playback", f"Python/parallel{index}")
            answer = session.get(f"{SERVE}/beta/deviceManagement/deviceConfigurations/{ids[index]}")
            assert answer.status_code == 200, answer.text
            assert portable(answer.json()) == state["answers"][str(index)], "replayed answer differs from recorded"
            # Another recording's request is not in this cassette: isolated by recording id.
            other = session.get(f"{SERVE}/beta/deviceManagement/deviceConfigurations/{ids[(index + 1) % 8]}")
            assert other.status_code == 404, other.status_code
            assert other.json()["error"]["code"] == "TapedeckUnmatchedRequest", other.text
            stop("Playback", session)
        except Exception as error:
            errors.append(f"playback {index}: {error!r}")

    threads = [threading.Thread(target=one, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    session = start("Playback", "Python/configurations")
    missing = session.get(f"{SERVE}/v1.0/deviceManagement/deviceCompliancePolicies")
    assert missing.status_code == 404, missing.status_code
    error = missing.json()["error"]
    assert error["code"] == "TapedeckUnmatchedRequest", error
    assert error["message"].startswith("Tapedeck: no recorded interaction matches this request."), error["message"]
    assert "Python/configurations.json" in error["message"], error["message"]
    assert missing.headers["x-request-mismatch"] == "true"
    stop("Playback", session)
    escape = requests.post(f"{SERVE}/Record/Start", json={"x-recording-file": "../outside"}, verify=VERIFY)
    assert escape.status_code == 400 and "Refused cassette name" in escape.json()["Message"], escape.text
    print("python: 8 parallel playbacks isolated; an unmatched request answers TapedeckUnmatchedRequest")


def https(authority):
    global VERIFY
    assert SERVE.startswith("https://"), SERVE
    VERIFY = authority
    session = start("Playback", "Python/pagingStatuses")
    configurations = session.get(f"{SERVE}/beta/deviceManagement/deviceConfigurations").json()["value"]
    url = f"{SERVE}/beta/deviceManagement/deviceConfigurations/{configurations[-1]['id']}/deviceStatuses"
    count = 0
    while url:
        assert url.startswith(SERVE), url
        page = session.get(url).json()
        count += len(page["value"])
        url = page.get("@odata.nextLink")
    assert count == 250, count
    stop("Playback", session)
    try:
        requests.get(f"{SERVE}/Admin/IsAlive")
    except requests.exceptions.SSLError:
        pass
    else:
        raise AssertionError("requests trusted the server without the generated authority")
    print("python: over HTTPS with the generated authority, 250 statuses across https nextLinks")


if __name__ == "__main__":
    {"record": record, "playback": playback, "https": lambda: https(sys.argv[2])}[sys.argv[1]]()
