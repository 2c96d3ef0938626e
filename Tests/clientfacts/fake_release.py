"""Writes a small synthetic cvat-sdk (and, for the cli cases, cvat-cli) release into a folder, with a
dist-info so importlib.metadata reports the version it claims. The ClientDraftTests put the folder on
PYTHONPATH and run backends/cvat-sdk/describe_client.py with the system python3: each case's code
and claimed version disagree with every real release, so only a reading of the code gives the facts
the test expects.

usage: python3 fake_release.py CASE FOLDER

Cases:
  token-sessionid-only  claims 9.9.0; login asserts only sessionid, then Authorization: Token; About
                        requires name and version; the SDK accepts its own minor and two above
  session-bearer        claims 1.0.0; `if "…" not in cookies: raise`, session + X-CSRFToken through
                        an api_key, Origin added for that key; make_client(access_token=…) → Bearer
  unreadable-login      claims 2.48.0; login hides its request behind a helper, and the version check
                        also accepts the minor below (not a window): those facts are underived
  cli-env-token         claims 2.24.0 for cvat-sdk and cvat-cli; the SDK is token-session-only's, the
                        CLI reads CVAT_ACCESS_TOKEN and builds AccessTokenCredentials
"""

import sys
import textwrap
from pathlib import Path

API_CLIENT_INIT = """
from .api_client import ApiClient
from .configuration import Configuration
"""

API_CLIENT = """
from http.cookies import SimpleCookie


class ApiClient:
    def __init__(self, configuration):
        self.configuration = configuration
        self.default_headers = {}
        self.cookies = SimpleCookie()

    def set_default_header(self, name, value):
        self.default_headers[name] = value

    def get_common_headers(self):
        headers = dict(self.default_headers)
        if self.cookies:
            headers["Cookie"] = self.cookies.output(attrs=[], header="", sep=";").strip()
        return headers

    def _update_cookies_from_response(self, response):
        self.cookies.update(SimpleCookie(response.headers.get("Set-Cookie")))
"""

ORIGIN_FOR_CSRF = """
    def update_params_for_auth(self, headers, auth_settings, request_host):
        for auth_key, setting in auth_settings.items():
            headers[setting["key"]] = setting["value"]
            if auth_key in ("csrfHeaderAuth",) and "Origin" not in headers:
                headers["Origin"] = request_host
"""

CONFIGURATION = """
class Configuration:
    def __init__(self, host=None):
        self.host = host
        self.api_key = {}
        self.access_token = None

    def auth_settings(self):
        auth = {}
        if self.access_token is not None:
            auth["accessTokenAuth"] = {"in": "header", "key": "Authorization", "value": "Bearer " + self.access_token}
        if "csrfHeaderAuth" in self.api_key:
            auth["csrfHeaderAuth"] = {"in": "header", "key": "X-CSRFToken", "value": self.api_key["csrfHeaderAuth"]}
        return auth
"""

MODELS = """
class About:
    @classmethod
    def _from_openapi_data(cls, {fields}, *args, **kwargs):
        return cls()
"""

EXCEPTIONS = """
class IncompatibleVersionException(Exception):
    pass
"""

CLIENT = """
from cvat_sdk.api_client import ApiClient, Configuration
from cvat_sdk.core.exceptions import IncompatibleVersionException
from cvat_sdk.version import VERSION


class AccessTokenCredentials:
    def __init__(self, token):
        self.token = token


class Client:
    ACCEPTED_MINORS = {accepted}

    def __init__(self, url, *, logger=None, check_server_version=True):
        self.api_client = ApiClient(Configuration(host=url))
        if check_server_version:
            self.check_server_version()

    def get_server_version(self):
        about, _ = self.api_client.server_api.retrieve_about()
        return about.version

    def check_server_version(self, fail_if_unsupported=None):
        server = [int(part) for part in self.get_server_version().split(".")]
        own = [int(part) for part in VERSION.split(".")]
        if server[0] != own[0] or server[1] - own[1] not in self.ACCEPTED_MINORS:
            if fail_if_unsupported:
                raise IncompatibleVersionException(str(server))

{login}

def make_client(host, *, credentials=None{token_parameter}):
    client = Client(url=host)
{token_use}    if credentials is not None:
        client.login(credentials)
    return client
"""

TOKEN_LOGIN = """
    def login(self, credentials):
        (auth, _) = self.api_client.auth_api.create_login(credentials)
        assert "sessionid" in self.api_client.cookies
        self.api_client.set_default_header("Authorization", "Token " + auth.key)
"""

SESSION_LOGIN = """
    def login(self, credentials):
        if isinstance(credentials, AccessTokenCredentials):
            self.api_client.configuration.access_token = credentials.token
            return
        self.api_client.auth_api.create_login(credentials)
        if "csrftoken" not in self.api_client.cookies:
            raise RuntimeError("no csrftoken")
        if "sessionid" not in self.api_client.cookies:
            raise RuntimeError("no sessionid")
        self.api_client.configuration.api_key["csrfHeaderAuth"] = self.api_client.cookies["csrftoken"].value
"""

HIDDEN_LOGIN = """
    def login(self, credentials):
        self._authenticate(credentials)

    def _authenticate(self, credentials):
        self.api_client.auth_api.create_login(credentials)
        assert "sessionid" in self.api_client.cookies
        self.api_client.configuration.api_key["csrfHeaderAuth"] = self.api_client.cookies["csrftoken"].value
"""

CLI = """
import os

from cvat_sdk.core.client import AccessTokenCredentials, Client


def build_client(host, auth):
    client = Client(url=host)
    token = os.getenv("CVAT_ACCESS_TOKEN")
    client.login(AccessTokenCredentials(token) if token is not None else auth)
    return client
"""


def sdk(version, fields, accepted, login, token=False, origin=False):
    return {
        "cvat_sdk/__init__.py": "",
        "cvat_sdk/version.py": f"VERSION = {version!r}\n",
        "cvat_sdk/api_client/__init__.py": API_CLIENT_INIT,
        "cvat_sdk/api_client/api_client.py": API_CLIENT + (ORIGIN_FOR_CSRF if origin else ""),
        "cvat_sdk/api_client/configuration.py": CONFIGURATION,
        "cvat_sdk/api_client/models.py": MODELS.format(fields=", ".join(fields)),
        "cvat_sdk/core/__init__.py": "",
        "cvat_sdk/core/exceptions.py": EXCEPTIONS,
        "cvat_sdk/core/client.py": CLIENT.format(
            accepted=set(accepted), login=login,
            token_parameter=", access_token=None" if token else "",
            token_use="    if access_token is not None:\n        credentials = AccessTokenCredentials(access_token)\n" if token else ""),
        f"cvat_sdk-{version}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: cvat-sdk\nVersion: {version}\n",
    }


CASES = {
    "token-sessionid-only": lambda: sdk("9.9.0", ["name", "version"], [0, 1, 2], TOKEN_LOGIN),
    "session-bearer": lambda: sdk("1.0.0", ["name", "description", "version"], [0, 1], SESSION_LOGIN, token=True, origin=True),
    "unreadable-login": lambda: sdk("2.48.0", ["name", "description", "version", "logo_url", "subtitle"], [-1, 0, 1], HIDDEN_LOGIN),
    "cli-env-token": lambda: {
        **sdk("2.24.0", ["name", "description", "version"], [0, 1], TOKEN_LOGIN),
        "cvat_cli/__init__.py": "",
        "cvat_cli/_internal/__init__.py": "",
        "cvat_cli/_internal/common.py": CLI,
        "cvat_cli-2.24.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: cvat-cli\nVersion: 2.24.0\n",
    },
}


def main(arguments):
    if len(arguments) != 2 or arguments[0] not in CASES:
        print(f"usage: fake_release.py {'|'.join(CASES)} FOLDER", file=sys.stderr)
        return 64
    folder = Path(arguments[1])
    for name, text in CASES[arguments[0]]().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
