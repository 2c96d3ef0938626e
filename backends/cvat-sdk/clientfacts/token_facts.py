"""Personal access token facts: whether the client takes one (cvat-sdk: make_client's access_token
parameter; cvat-cli: code reachable from the cvat_cli package that builds AccessTokenCredentials or
passes access_token=), and the header scheme the SDK sends it with."""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from .source import Source, Underived, attribute_chain, called_name

PROBE_TOKEN = "CLIENTFACTS-TOKEN"


def sdk_supported() -> Tuple[bool, str]:
    source = Source.of("cvat_sdk.core.client")
    make_client = source.function("make_client")
    arguments = make_client.args.posonlyargs + make_client.args.args + make_client.args.kwonlyargs
    for argument in arguments:
        if argument.arg == "access_token":
            return True, source.where(argument)
    return False, source.where(make_client)


def scheme() -> Tuple[str, str]:
    """The scheme of the header the token becomes: login stores it in `configuration.access_token`,
    and Configuration.auth_settings() (asked with a synthetic token) says which header that makes."""
    source = Source.of("cvat_sdk.core.client")
    client = source.klass("Client")
    places = [source.function("login", client), source.function("make_client")]
    stored = [
        n for place in places for n in ast.walk(place)
        if isinstance(n, ast.Assign) and any(attribute_chain(t)[-2:] == ["configuration", "access_token"] for t in n.targets)
    ]
    if not stored:
        raise Underived(f"{source.where(places[0])}: neither Client.login nor make_client stores the token in configuration.access_token")
    try:
        api = importlib.import_module("cvat_sdk.api_client")
        configuration = api.Configuration(host="http://127.0.0.1:9")
        configuration.access_token = PROBE_TOKEN
        settings = configuration.auth_settings()
    except Exception as error:
        raise Underived(f"{source.where(stored[0])}: cannot ask Configuration.auth_settings() about an access token: {error}")
    for setting in settings.values():
        value = str(setting.get("value", ""))
        if setting.get("in") == "header" and str(setting.get("key")).lower() == "authorization" and value.endswith(" " + PROBE_TOKEN):
            words = value[: -len(PROBE_TOKEN)].split()
            if len(words) == 1:
                return words[0], _reads_access_token(api.Configuration) or source.where(stored[0])
    raise Underived(f"{source.where(stored[0])}: configuration.access_token does not become an Authorization header with a scheme")


def _reads_access_token(configuration_class) -> Optional[str]:
    """Where Configuration.auth_settings() reads self.access_token."""
    source = Source.of(configuration_class.__module__)
    method = source.find_function("auth_settings", source.klass(configuration_class.__name__))
    for node in ast.walk(method) if method else []:
        if isinstance(node, ast.Attribute) and node.attr == "access_token":
            return source.where(node)
    return None


def cli_supported() -> Tuple[bool, str]:
    """Whether the cvat_cli package (or the cvat_sdk functions it imports) builds access-token
    credentials; `False` only when the analyzer saw how the CLI logs in and no token path exists."""
    spec = importlib.util.find_spec("cvat_cli")
    if spec is None or not spec.origin:
        raise Underived("the cvat_cli package is not installed")
    logins: List[str] = []
    for source, function in _cli_code(Path(spec.origin).parent):
        for node in ast.walk(function):
            if not isinstance(node, ast.Call):
                continue
            if called_name(node) == "AccessTokenCredentials" or any(k.arg == "access_token" for k in node.keywords):
                return True, source.where(node)
            if called_name(node) in ("login", "make_client"):
                logins.append(source.where(node))
    if not logins:
        raise Underived("the cvat_cli package has no login or make_client call the analyzer recognises")
    return False, logins[0]


def _cli_code(folder: Path) -> Iterator[Tuple[Source, ast.AST]]:
    """Every file of the cvat_cli package (parsed, not imported), then each cvat_sdk function it
    imports by name, with the functions of the same module those call (transitively)."""
    imported: List[Tuple[str, str]] = []
    for file in sorted(folder.rglob("*.py")):
        source = Source(file, folder.parent)
        yield source, source.tree
        for node in ast.walk(source.tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("cvat_sdk"):
                imported += [(node.module, alias.name) for alias in node.names]
    seen = set()
    while imported:
        module_name, name = imported.pop(0)
        if (module_name, name) in seen:
            continue
        seen.add((module_name, name))
        source = Source.parse(module_name)
        function = source.find_function(name) if source else None
        if function is None:
            continue
        yield source, function
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and source.find_function(node.func.id):
                imported.append((module_name, node.func.id))
