"""Prints the facts of a client profile, read from the cvat-sdk or cvat-cli release installed in
this Python, as one JSON object on stdout (docs: clientfacts/__init__.py).

usage: python describe_client.py cvat-sdk|cvat-cli

    {"client": "cvat-sdk", "version": "2.48.0",
     "facts": {"about_fields": [...], "version_window": 1,
               "password": {"asserts_cookies": [...], "cookie_parser": "python-simplecookie",
                            "authenticates_with": "session", "sends_origin": true},
               "access_token": {"supported": true, "scheme": "Bearer"}},
     "evidence": {"password.asserts_cookies": "cvat_sdk/core/client.py:247", ...},
     "underived": {"<fact path>": "why it could not be derived"}}

Each fact is read from the installed code (ast, inspect) or by calling the package's own functions
with synthetic inputs, never from its version number. A fact that cannot be derived is left out of
"facts" and named in "underived". Exit 64: usage; 69: the package is not installed.
"""

from __future__ import annotations

import contextlib
import json
import sys
from importlib import metadata

sys.dont_write_bytecode = True  # the backends folder may be read-only, and a checkout stays clean

from clientfacts import login_facts, model_facts, token_facts
from clientfacts.source import Underived

CLIENTS = ("cvat-sdk", "cvat-cli")


def describe(client: str) -> dict:
    sdk_version = metadata.version("cvat-sdk")
    rules = {
        "about_fields": model_facts.about_fields,
        "version_window": lambda: model_facts.version_window(sdk_version),
        "password.cookie_parser": model_facts.cookie_parser,
        "access_token.supported": token_facts.cli_supported if client == "cvat-cli" else token_facts.sdk_supported,
    }
    results = {path: _attempt(rule) for path, rule in rules.items()}
    for name, result in login_facts.login_facts().items():
        results["password." + name] = result
    supported = results["access_token.supported"]
    if isinstance(supported, tuple) and supported[0]:
        results["access_token.scheme"] = _attempt(token_facts.scheme)
    elif not isinstance(supported, tuple):
        results["access_token.scheme"] = Underived("unknown whether access tokens are supported")

    facts: dict = {}
    evidence: dict = {}
    underived: dict = {}
    for path in sorted(results, key=_ORDER.index):
        result = results[path]
        if isinstance(result, Underived):
            underived[path] = str(result)
            continue
        value, where = result
        node = facts
        *parents, leaf = path.split(".")
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = value
        evidence[path] = where
    return {"client": client, "version": metadata.version(client), "facts": facts, "evidence": evidence, "underived": underived}


_ORDER = [
    "about_fields", "version_window", "password.asserts_cookies", "password.cookie_parser", "password.authenticates_with",
    "password.sends_origin", "access_token.supported", "access_token.scheme",
]


def _attempt(rule):
    try:
        return rule()
    except Underived as error:
        return error
    except Exception as error:  # the package's code did something unexpected: a reason, not a crash
        return Underived(f"{type(error).__name__} while reading the code: {error}")


def main(arguments) -> int:
    if len(arguments) != 1 or arguments[0] not in CLIENTS:
        print("usage: describe_client.py cvat-sdk|cvat-cli", file=sys.stderr)
        return 64
    client = arguments[0]
    for package in dict.fromkeys((client, "cvat-sdk")):
        try:
            metadata.version(package)
        except metadata.PackageNotFoundError:
            print(f"describe_client: {package} is not installed in {sys.executable}", file=sys.stderr)
            return 69
    with contextlib.redirect_stdout(sys.stderr):  # nothing the package prints may reach our stdout
        report = describe(client)
    print(json.dumps(report, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
