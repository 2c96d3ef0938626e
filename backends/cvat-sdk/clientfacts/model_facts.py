"""Facts read from the generated API client: the About model, the Set-Cookie parser, and the
server-version window (by calling the SDK's own check with synthetic server versions)."""

from __future__ import annotations

import ast
import http.cookies
import importlib
import inspect
import logging
from types import SimpleNamespace
from typing import List, Tuple

from .source import Source, Underived, string

Fact = Tuple[object, str]


def about_fields() -> Fact:
    """The About model's required constructor arguments (what /api/server/about must hold)."""
    models = Source.of("cvat_sdk.api_client.models").module
    model = getattr(models, "About", None)
    if not inspect.isclass(model):
        raise Underived("cvat_sdk.api_client.models has no About model")
    source = Source.of(model.__module__)
    owner = source.klass(model.__name__)
    method = source.find_function("_from_openapi_data", owner) or source.function("__init__", owner)
    arguments = method.args.posonlyargs + method.args.args
    required = arguments[1 : len(arguments) - len(method.args.defaults)]
    required += [a for a, d in zip(method.args.kwonlyargs, method.args.kw_defaults) if d is None]
    if not required:
        raise Underived(f"{source.where(method)}: About.{method.name}() requires no field")
    return [a.arg for a in required], source.where(method)


def cookie_parser() -> Fact:
    """How the API client turns a response's Set-Cookie header into its cookie store."""
    source = Source.of("cvat_sdk.api_client.api_client")
    owner = source.klass("ApiClient")
    reads = [n for n in ast.walk(owner) if (string(n) or "").lower() == "set-cookie"]
    if not reads:
        raise Underived(f"{source.relative}: ApiClient never reads the Set-Cookie header")
    for read in reads:
        statement = next(p for p in source.enclosing(read) if isinstance(p, ast.stmt))
        for call in ast.walk(statement):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
                continue
            parser = getattr(source.module, call.func.id, None)
            if inspect.isclass(parser) and issubclass(parser, http.cookies.BaseCookie):
                return "python-simplecookie", source.where(statement)
    statement = next(p for p in source.enclosing(reads[0]) if isinstance(p, ast.stmt))
    raise Underived(f"{source.where(statement)}: Set-Cookie is parsed by code the analyzer does not classify: {ast.unparse(statement)}")


def version_window(client_version: str) -> Fact:
    """How many minors above its own the SDK accepts silently, by running Client.check_server_version
    against synthetic servers X.(Y+k).0 (k = -3…7) with the About request answered in memory."""
    source = Source.of("cvat_sdk.core.client")
    owner = source.klass("Client")
    check = source.function("check_server_version", owner)
    client_class = getattr(source.module, "Client")
    parameters = inspect.signature(client_class.__init__).parameters
    if "check_server_version" not in parameters or "fail_if_unsupported" not in inspect.signature(client_class.check_server_version).parameters:
        raise Underived(f"{source.where(check)}: the check cannot be run without a server (no check_server_version=/fail_if_unsupported= switch)")
    incompatible = getattr(importlib.import_module("cvat_sdk.core.exceptions"), "IncompatibleVersionException", None)
    if not inspect.isclass(incompatible):
        raise Underived("cvat_sdk.core.exceptions has no IncompatibleVersionException")
    numbers = [int(part) for part in client_version.split(".")[:2] if part.isdigit()]
    if len(numbers) != 2:
        raise Underived(f"the installed version '{client_version}' has no major.minor")
    major, minor = numbers

    quiet = logging.getLogger("clientfacts.version_window")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    options = {"logger": quiet} if "logger" in parameters else {}
    served: List[str] = []
    asked: List[str] = []

    def retrieve_about(*args, **kwargs):
        asked.append(served[-1])
        return SimpleNamespace(version=served[-1]), None

    try:
        client = client_class("http://127.0.0.1:9", check_server_version=False, **options)
        client.api_client.server_api = SimpleNamespace(retrieve_about=retrieve_about)
    except Exception as error:
        raise Underived(f"{source.where(check)}: cannot make an offline Client: {type(error).__name__}: {error}")

    accepted: List[int] = []
    for offset in range(-3, 8):
        if minor + offset < 0:
            continue
        served.append(f"{major}.{minor + offset}.0")
        try:
            client.check_server_version(fail_if_unsupported=True)
            accepted.append(offset)
        except incompatible:
            pass
        except Exception as error:
            raise Underived(f"{source.where(check)}: the check failed on server {served[-1]}: {type(error).__name__}: {error}")
    if len(asked) != len(served):
        raise Underived(f"{source.where(check)}: the check did not ask the server's About for its version")
    if accepted != list(range(len(accepted))) or not accepted or len(accepted) >= 8:
        offsets = ", ".join(f"{k:+d}" for k in accepted) or "none"
        raise Underived(f"{source.where(check)}: the SDK accepts minors {offsets} around its own, which is not a window from its own minor up")
    return len(accepted) - 1, source.where(check)
