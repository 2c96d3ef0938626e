"""Facts read from Client.login (after its create_login request): which cookies it asserts, what
authenticates the requests that follow, and whether they carry Origin."""

from __future__ import annotations

import ast
import importlib
from typing import Dict, List, Optional, Tuple

from .source import Source, Underived, attribute_chain, called_name, in_order, mentions, string, strings_in, subscript_key

PROBE_VALUE = "CLIENTFACTS-VALUE"


class HeaderWrite:
    """Something login does to the requests that follow: a default header, or an api_key of the
    Configuration (resolved to the header it produces through Configuration.auth_settings())."""

    def __init__(self, node: ast.AST, header: str, value: Optional[ast.AST] = None, prefix: Optional[str] = None, api_key: Optional[str] = None):
        self.node = node
        self.header = header
        self.value = value
        self.prefix = prefix
        self.api_key = api_key

    @property
    def scheme(self) -> Optional[str]:
        """`Token` for `"Token " + key`, f"Token {key}" or an api_key with the prefix `Token `."""
        text = self.prefix
        if isinstance(self.value, ast.BinOp) and isinstance(self.value.op, ast.Add):
            text = string(self.value.left)
        elif isinstance(self.value, ast.JoinedStr) and self.value.values:
            text = string(self.value.values[0])
        words = (text or "").split()
        return words[0] if len(words) == 1 and (text or "").endswith(" ") else None


class Login:
    """Client.login, read once; each fact method returns (value, evidence) or raises Underived."""

    def __init__(self) -> None:
        self.source = Source.of("cvat_sdk.core.client")
        self.client = self.source.klass("Client")
        self.function = self.source.function("login", self.client)
        requests = [n for n in ast.walk(self.function) if isinstance(n, ast.Call) and called_name(n) == "create_login"]
        if not requests:
            raise Underived(f"{self.source.where(self.function)}: Client.login makes no create_login request the analyzer recognises")
        self.request = in_order(requests)[0]
        self.after = in_order(n for n in ast.walk(self.function) if getattr(n, "lineno", 0) >= self.request.lineno)
        self.writes = list(self._writes())

    def asserts_cookies(self) -> Tuple[List[str], str]:
        names: List[str] = []
        first: Optional[ast.AST] = None
        for node in self.after:
            test = node.test if isinstance(node, (ast.Assert, ast.If)) else None
            if test is None or not mentions(test, "cookies"):
                continue
            name = self._cookie_check(node)
            if name is None:
                raise Underived(f"{self.source.where(node)}: a check on the cookies the analyzer does not recognise: {ast.unparse(test)}")
            names.append(name)
            first = first or node
        return names, self.source.where(first or self.request)

    def authenticates_with(self) -> Tuple[str, str]:
        tokens = [w for w in self.writes if w.header.lower() == "authorization" and w.scheme == "Token"]
        csrf = [w for w in self.writes if w.header.lower() == "x-csrftoken"]
        if tokens and csrf:
            raise Underived(f"{self.source.where(tokens[0].node)}: Client.login sets both Authorization: Token and X-CSRFToken")
        if tokens:
            return "token", self.source.where(tokens[0].node)
        if csrf:
            api = Source.of("cvat_sdk.api_client.api_client")
            sends = [
                n for n in ast.walk(api.klass("ApiClient"))
                if isinstance(n, ast.Assign) and any(isinstance(t, ast.Subscript) and subscript_key(t) == "Cookie" for t in n.targets)
                and mentions(n.value, "cookies")
            ]
            if not sends:
                raise Underived(f"{api.relative}: ApiClient never sends its cookie store as a Cookie header, so X-CSRFToken alone is not a session")
            return "session", self.source.where(csrf[0].node)
        raise Underived(f"{self.source.where(self.function)}: Client.login sets neither Authorization: Token nor X-CSRFToken after its login request")

    def sends_origin(self) -> Tuple[bool, str]:
        direct = [w for w in self.writes if w.header.lower() == "origin"]
        if direct:
            return True, self.source.where(direct[0].node)
        keys = {w.api_key for w in self.writes if w.api_key}
        api = Source.of("cvat_sdk.api_client.api_client")
        unexplained: List[ast.AST] = []
        for owner, source in ((api.klass("ApiClient"), api), (self.client, self.source)):
            for node in ast.walk(owner):
                if node is self.function or not _writes_origin(node):
                    continue
                if source is self.source and any(p is self.function for p in source.enclosing(node)):
                    continue
                # The auth keys its enclosing conditions name (`if auth_key in ("csrfAuth", …)`).
                named = {s for p in source.enclosing(node) if isinstance(p, ast.If) for s in strings_in(p.test)} - {"Origin"}
                if keys & named:
                    return True, source.where(node)
                if not named:
                    unexplained.append(node)
        if unexplained:
            raise Underived(f"{api.relative}: Origin is set at {', '.join(api.where(n) for n in unexplained)} in a way the analyzer cannot tie to login")
        return False, self.source.where(self.function)

    # MARK: reading

    def _cookie_check(self, node: ast.AST) -> Optional[str]:
        """`assert "x" in ….cookies` or `if "x" not in ….cookies: raise …` → x."""
        test = node.test
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and string(test.left)):
            return None
        if not (attribute_chain(test.comparators[0])[-1:] == ["cookies"]):
            return None
        if isinstance(node, ast.Assert) and isinstance(test.ops[0], ast.In):
            return string(test.left)
        if isinstance(node, ast.If) and isinstance(test.ops[0], ast.NotIn) and any(isinstance(s, ast.Raise) for s in node.body):
            return string(test.left)
        return None

    def _writes(self):
        for node in self.after:
            if isinstance(node, ast.Call) and called_name(node) == "set_default_header" and len(node.args) == 2 and string(node.args[0]):
                yield HeaderWrite(node, string(node.args[0]), node.args[1])
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if not isinstance(target, ast.Subscript) or subscript_key(target) is None:
                        continue
                    owner = attribute_chain(target.value)[-1:]
                    if owner == ["default_headers"]:
                        yield HeaderWrite(node, subscript_key(target), node.value)
                    elif owner == ["api_key"]:
                        yield self._api_key(node, subscript_key(target))

    def _api_key(self, node: ast.AST, key: str) -> HeaderWrite:
        """What `configuration.api_key[key] = …` sends, asked of Configuration.auth_settings()."""
        try:
            configuration = importlib.import_module("cvat_sdk.api_client").Configuration(host="http://127.0.0.1:9")
            configuration.api_key[key] = PROBE_VALUE
            setting = configuration.auth_settings().get(key) or {}
        except Exception as error:
            raise Underived(f"{self.source.where(node)}: cannot ask Configuration.auth_settings() about api_key '{key}': {error}")
        value = str(setting.get("value", ""))
        if setting.get("in") != "header" or not value.endswith(PROBE_VALUE):
            raise Underived(f"{self.source.where(node)}: api_key '{key}' does not become a header ({setting.get('in')})")
        return HeaderWrite(node, str(setting.get("key")), prefix=value[: -len(PROBE_VALUE)], api_key=key)


def _writes_origin(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and called_name(node) == "set_default_header" and node.args and string(node.args[0]) == "Origin":
        return True
    return isinstance(node, ast.Assign) and any(isinstance(t, ast.Subscript) and subscript_key(t) == "Origin" for t in node.targets)


def login_facts() -> Dict[str, Tuple[object, str]]:
    """Every password fact read from Client.login, or Underived for each when login is unreadable."""
    results: Dict[str, object] = {}
    try:
        login = Login()
    except Underived as error:
        return {name: error for name in ("asserts_cookies", "authenticates_with", "sends_origin")}
    for name in ("asserts_cookies", "authenticates_with", "sends_origin"):
        try:
            results[name] = getattr(login, name)()
        except Underived as error:
            results[name] = error
    return results
