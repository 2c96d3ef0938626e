"""Runs inside a cvat-sdk venv (see driver.py): one real SDK session per auth mode.

Password mode: make_client(host, credentials=(user, password)) -> users_api.retrieve_self() ->
client.logout() (an unsafe request every account may make, whatever its role: it proves that
authentication and CSRF pass for unsafe requests too).
Access-token mode (SDK >= 2.48, which has make_client(access_token=)): the same with a personal
access token: CVAT_AUTHCHECK_ACCESS_TOKEN, or a short-lived token this script mints with HTTP Basic
and always revokes afterwards.

Each mode becomes one protocol `outcome` line on stdout: pass when every step worked, fail with the
exception type and message (redacted) when the SDK raised, error when the server could not be
reached. Every secret that appears (password, token, session cookie values, the login key) is
replaced by [REDACTED]; minted tokens are announced with a `secret` line first.
"""
import base64
import datetime
import inspect
import json
import logging
import os
import re
import secrets
import sys
import traceback
import urllib.error
import urllib.request

import ssl

import cvat_sdk
from cvat_sdk import make_client
from cvat_sdk.api_client import configuration as sdk_configuration

SDK_VERSION = getattr(cvat_sdk, "__version__", "?")
SECRETS = set()
for _name in ("CVAT_AUTHCHECK_PASSWORD", "CVAT_AUTHCHECK_ACCESS_TOKEN"):
    if os.environ.get(_name):
        SECRETS.add(os.environ[_name])
PATTERNS = [
    re.compile(r'("key"\s*:\s*")[^"]+'), re.compile(r"('key'\s*:\s*')[^']+"),
    re.compile(r"((?:sessionid|csrftoken)=)[^;,\s]+"), re.compile(r"((?:Token|Bearer)\s+)[A-Za-z0-9._\-]{6,}"),
    re.compile(r'("value"\s*:\s*")[^"]+'),
]


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def add_secret(value):
    if value and len(value) >= 6 and value not in SECRETS:
        SECRETS.add(value)
        emit({"type": "secret", "value": value})


def redact(text):
    text = str(text)
    for value in sorted(SECRETS, key=len, reverse=True):
        text = text.replace(value, "[REDACTED]")
    for pattern in PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + "[REDACTED]", text)
    return text


class Warnings(logging.Handler):
    """Collects what the SDK logs (the version-window warning, for instance)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines = []

    def emit(self, record):
        self.lines.append(redact(record.getMessage()))


def is_unreachable(exc):
    """Connection problems and 5xx answers decide nothing about the client's compatibility."""
    try:
        import urllib3
        if isinstance(exc, urllib3.exceptions.HTTPError):
            return True
    except ImportError:
        pass
    status = getattr(exc, "status", None)
    return isinstance(exc, (OSError, TimeoutError)) or (isinstance(status, int) and status >= 500)


def remember_session(client):
    """Registers the login's secrets (cookie values, the legacy key) so they are redacted everywhere."""
    api = client.api_client
    try:
        for morsel in api.cookies.values():
            add_secret(morsel.value)
    except Exception:  # noqa: BLE001 - best effort only
        pass
    header = (getattr(api, "default_headers", None) or {}).get("Authorization", "")
    if " " in header:
        add_secret(header.split(" ", 1)[1])


def use_target_tls(target):
    """Makes every SDK configuration trust the target's private CA (`ca_file`) or skip verification
    (`insecure_tls`), as the target's TLS options say: make_client builds its own Configuration."""
    ca_file = target.get("ca_file")
    insecure = bool(target.get("insecure_tls"))
    if not ca_file and not insecure:
        return None
    original = sdk_configuration.Configuration.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if ca_file:
            self.ssl_ca_cert = ca_file
        if insecure:
            self.verify_ssl = False

    sdk_configuration.Configuration.__init__ = init
    context = ssl.create_default_context(cafile=ca_file) if ca_file else ssl._create_unverified_context()
    return context


def run_steps(mode, connect, record_secrets):
    """Runs the steps; returns an outcome dict."""
    name = "cvat-sdk %s, %s" % (SDK_VERSION, mode)
    facts = {"mode": mode, "sdk_version": SDK_VERSION}
    done = []
    warnings = Warnings()
    logging.getLogger().addHandler(warnings)
    step = "make_client"
    client = None
    try:
        client = connect()
        record_secrets(client)
        done.append("make_client")
        step = "retrieve_self"
        user = client.api_client.users_api.retrieve_self()[0]
        done.append("retrieve_self (%s)" % user.username)
        step = "logout"
        client.logout()
        done.append("logout")
        step = "close"
        client.close()
        client = None
        status, message = "pass", "make_client, retrieve_self and logout (an unsafe request) all worked"
        cause = None
    except BaseException as exc:  # noqa: BLE001 - every SDK failure is the finding
        kind = type(exc).__name__
        text = redact(str(exc)).strip().replace("\n", " ")
        frames = traceback.extract_tb(exc.__traceback__)
        where = ""
        for frame in reversed(frames):
            if "cvat_sdk" in frame.filename:
                short = frame.filename[frame.filename.index("cvat_sdk"):]
                where = "%s:%d %s" % (short, frame.lineno, (frame.line or "").strip())
                break
        facts.update({"exception": kind, "step": step})
        if text:
            facts["exception_message"] = text[:500]
        if where:
            facts["raised_at"] = where
        status = "error" if is_unreachable(exc) else "fail"
        message = "%s raised %s%s%s" % (step, kind, (": " + text[:200]) if text else "", (" at " + where) if where else "")
        cause = "sdk-unreachable" if status == "error" else "sdk-raised"
    finally:
        logging.getLogger().removeHandler(warnings)
        if client is not None:
            try:
                client.close()
            except Exception:  # noqa: BLE001
                pass
    if warnings.lines:
        facts["warnings"] = " | ".join(warnings.lines)[:500]
    observed = "steps done: " + (", ".join(done) if done else "none")
    if "warnings" in facts:
        observed += "\nSDK warnings: " + facts["warnings"]
    outcome = {"type": "outcome", "name": name, "status": status, "message": redact(message),
               "observed": redact(observed), "facts": facts}
    if cause:
        outcome["cause"] = cause
    return outcome


class Basic:
    """Plain HTTP Basic requests (standard library), used only to mint and revoke a token."""

    def __init__(self, url, user, password, timeout, context=None):
        self.url = url.rstrip("/")
        self.auth = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
        self.timeout = timeout
        self.context = context

    def send(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Authorization": self.auth, "Accept": "application/vnd.cvat+json", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout, context=self.context) as response:
                text = response.read().decode("utf-8", "replace")
                return response.status, text
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")


def main():
    request = json.loads(sys.stdin.readline())
    url = request["target"]["url"].rstrip("/")
    timeout = float(request.get("request_timeout") or 10)
    tls = use_target_tls(request["target"])
    user = os.environ.get("CVAT_AUTHCHECK_USERNAME")
    password = os.environ.get("CVAT_AUTHCHECK_PASSWORD")
    token = os.environ.get("CVAT_AUTHCHECK_ACCESS_TOKEN")
    if user and password:
        SECRETS.add(base64.b64encode(("%s:%s" % (user, password)).encode()).decode())

    # Password mode.
    if user and password:
        emit(run_steps("password", lambda: make_client(url, credentials=(user, password)), remember_session))
    else:
        emit({"type": "outcome", "name": "cvat-sdk %s, password" % SDK_VERSION, "status": "skipped",
              "message": "no user name and password configured", "facts": {"mode": "password", "sdk_version": SDK_VERSION}})

    # Access-token mode.
    facts = {"mode": "access-token", "sdk_version": SDK_VERSION}
    name = "cvat-sdk %s, access-token" % SDK_VERSION
    if "access_token" not in inspect.signature(make_client).parameters:
        emit({"type": "outcome", "name": name, "status": "skipped", "facts": facts,
              "message": "cvat-sdk %s has no make_client(access_token=) (personal access tokens need cvat-sdk >= 2.48)" % SDK_VERSION})
        return
    minted = None
    basic = Basic(url, user, password, timeout, tls) if user and password else None
    if not token:
        if basic is None:
            emit({"type": "outcome", "name": name, "status": "skipped", "facts": facts,
                  "message": "no access token configured and no password to mint one"})
            return
        expiry = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        try:
            status, text = basic.send("POST", "/api/auth/access_tokens", {
                "name": "cvat-authcheck-sdk-" + secrets.token_hex(4), "read_only": False, "expiry_date": expiry})
        except OSError as exc:
            status, text = None, str(exc)
        if status != 201:
            reason = "the server has no personal access tokens (404)" if status == 404 else \
                "minting a token with HTTP Basic answered %s: %s" % (status, redact(text)[:200])
            emit({"type": "outcome", "name": name, "status": "skipped", "facts": facts,
                  "message": "could not get an access token to test with: " + reason})
            return
        body = json.loads(text)
        token = body.get("value", "")
        add_secret(token)
        minted = body.get("id")
        facts["token"] = "minted for this run (read-write, 1 hour), revoked afterwards"
    try:
        outcome = run_steps("access-token", lambda: make_client(url, access_token=token), lambda client: None)
        outcome["facts"].update(facts)
        emit(outcome)
    finally:
        if minted is not None and basic is not None:
            try:
                basic.send("DELETE", "/api/auth/access_tokens/%s" % minted)
            except OSError:
                sys.stderr.write("could not revoke the minted token %s\n" % minted)


if __name__ == "__main__":
    main()
