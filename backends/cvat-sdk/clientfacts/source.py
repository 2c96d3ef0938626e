"""Parsed module files and the small AST helpers every rule shares."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import sys
from pathlib import Path
from typing import Iterator, List, Optional


class Underived(Exception):
    """A fact the code does not let us derive; the message says why."""


class Source:
    """One module's file: its syntax tree and its path relative to site-packages."""

    _cache: dict = {}
    _parsed: dict = {}

    def __init__(self, file: Path, root: Path, module=None) -> None:
        self.module = module
        self.file = file
        try:
            self.relative = file.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            self.relative = file.name
        self.tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
        self.parents = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}

    @classmethod
    def of(cls, module_name: str) -> "Source":
        """The source of a module, imported on first use (its objects are then in ``module``)."""
        if module_name not in cls._cache:
            try:
                module = importlib.import_module(module_name)
            except Exception as error:  # an import error is a reason, not a crash
                raise Underived(f"cannot import {module_name}: {type(error).__name__}: {error}")
            file = inspect.getsourcefile(module)
            if file is None:
                raise Underived(f"{module_name} has no Python source")
            top = sys.modules[module_name.split(".")[0]]
            cls._cache[module_name] = Source(Path(file), Path(top.__file__).parent.parent, module)
        return cls._cache[module_name]

    @classmethod
    def parse(cls, module_name: str) -> Optional["Source"]:
        """The source of a module without importing it (its parent packages are); `None` if absent."""
        if module_name in cls._cache:
            return cls._cache[module_name]
        if module_name in cls._parsed:
            return cls._parsed[module_name]
        try:
            spec = importlib.util.find_spec(module_name)
            top = importlib.util.find_spec(module_name.split(".")[0])
        except (ImportError, ValueError):
            return None
        if spec is None or top is None or not (spec.origin or "").endswith(".py"):
            return None
        cls._parsed[module_name] = Source(Path(spec.origin), Path(top.origin).parent.parent)
        return cls._parsed[module_name]

    def where(self, node: ast.AST) -> str:
        """`path:line` of a node, relative to site-packages."""
        return f"{self.relative}:{node.lineno}"

    def klass(self, name: str) -> ast.ClassDef:
        for node in self.tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return node
        raise Underived(f"{self.relative} defines no class {name}")

    def function(self, name: str, owner: Optional[ast.ClassDef] = None) -> ast.FunctionDef:
        for node in (owner.body if owner else self.tree.body):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                return node
        where = f"class {owner.name}" if owner else "the module"
        raise Underived(f"{self.relative}: {where} defines no {name}()")

    def find_function(self, name: str, owner: Optional[ast.ClassDef] = None) -> Optional[ast.FunctionDef]:
        try:
            return self.function(name, owner)
        except Underived:
            return None

    def enclosing(self, node: ast.AST) -> Iterator[ast.AST]:
        """The ancestors of a node, innermost first."""
        while node in self.parents:
            node = self.parents[node]
            yield node


def attribute_chain(node: ast.AST) -> List[str]:
    """`self.api_client.cookies` → [self, api_client, cookies]; [] for anything else."""
    names: List[str] = []
    while isinstance(node, ast.Attribute):
        names.insert(0, node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.insert(0, node.id)
        return names
    return []


def called_name(call: ast.Call) -> Optional[str]:
    """`f(...)` → f, `x.y.f(...)` → f."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def string(node: Optional[ast.AST]) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def subscript_key(node: ast.Subscript) -> Optional[str]:
    """`x["key"]` → key (Python 3.8's ast.Index wrapper included)."""
    key = node.slice
    if key.__class__.__name__ == "Index":  # Python < 3.9
        key = key.value  # type: ignore[attr-defined]
    return string(key)


def mentions(node: ast.AST, attribute: str) -> bool:
    """Whether an expression reads an attribute of this name anywhere."""
    return any(isinstance(n, ast.Attribute) and n.attr == attribute for n in ast.walk(node))


def strings_in(node: ast.AST) -> List[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def in_order(nodes) -> list:
    return sorted(nodes, key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)))
