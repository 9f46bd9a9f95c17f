"""The layers of the package, checked on the source: who may import whom inside newsdesk."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import newsdesk

PACKAGE_ROOT = Path(newsdesk.__file__).parent
BASICS = frozenset({"model", "settings", "errors"})
STAGES = frozenset({"ingest", "clean", "dedupe", "cluster", "extract", "compare", "brief"})

# What each top-level part of newsdesk may import besides itself. "" is the package's own
# __init__ (the public facade).
ALLOWED: dict[str, frozenset[str]] = {
    "model": frozenset(),
    "errors": frozenset(),
    "schema": frozenset(),
    "scoring": frozenset(),
    "goldset": frozenset({"model"}),
    "figure_eval": frozenset({"model", "scoring", "extract", "goldset"}),
    "compare_eval": frozenset({"model", "compare", "goldset"}),
    "settings": frozenset({"errors"}),
    **{stage: BASICS for stage in STAGES},
    "store": BASICS,
    "live": STAGES | BASICS | {"store"},
    "pipeline": STAGES | BASICS | {"store", "live"},
    "desk": BASICS | {"pipeline", "store"},
    "cli": BASICS | {"desk", "pipeline", "store", "web"},
    "web": BASICS | {"desk", "pipeline", "store"},
    "": BASICS | {"desk", "pipeline", "store"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    """``newsdesk.clean.html`` -> ``clean``; ``newsdesk`` -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def is_local_module(dotted: str) -> bool:
    relative = Path(*dotted.split(".")[1:])
    base = PACKAGE_ROOT / relative
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports_of(module: str, source: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, imported newsdesk module) for every import in ``source``."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "newsdesk" or alias.name.startswith("newsdesk."):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(package, node.module, node.level)
            if base != "newsdesk" and not base.startswith("newsdesk."):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield node.lineno, candidate if is_local_module(candidate) else base


def _absolute(package: str, name: str | None, level: int) -> str:
    if level == 0:
        return name or ""
    parts = package.split(".")
    base = parts[: len(parts) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    importer = layer_of(module)
    if importer not in ALLOWED:
        return [f"{module}: no layering rule for '{importer}'; add it to ALLOWED in "
                "tests/test_layering.py"]
    allowed = ALLOWED[importer] | {importer}
    found = []
    for line, target in imports_of(module, source, is_package):
        if layer_of(target) not in allowed:
            may = ", ".join(sorted(ALLOWED[importer])) or "nothing from newsdesk"
            found.append(f"{module} (line {line}) imports {target}; "
                         f"'{importer or 'newsdesk'}' may import only: {may}")
    return found


def all_modules() -> Iterator[tuple[str, str, bool]]:
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        yield module_name(path), path.read_text(encoding="utf-8"), path.name == "__init__.py"


def test_every_module_imports_only_from_the_layers_below_it() -> None:
    found = [v for module, source, is_package in all_modules()
             for v in violations(module, source, is_package)]
    assert found == [], "layering broken:\n" + "\n".join(found)


def test_layering_check_sees_the_whole_package() -> None:
    names = {module for module, _, _ in all_modules()}
    assert {"newsdesk.model", "newsdesk.cli", "newsdesk.clean.html",
            "newsdesk.store.store"} <= names


def test_layering_check_names_the_offending_module_and_import() -> None:
    source = "import json\nfrom newsdesk.model import Article\nfrom newsdesk.store import Store\n"
    found = violations("newsdesk.clean.fake", source)
    assert len(found) == 1
    assert "newsdesk.clean.fake (line 3) imports newsdesk.store" in found[0]


def test_layering_check_resolves_relative_and_package_imports() -> None:
    relative = violations("newsdesk.cluster.index", "from ..desk import Desk\n")
    facade = violations("newsdesk.brief.render", "from newsdesk import pipeline\n")
    assert relative == [
        "newsdesk.cluster.index (line 1) imports newsdesk.desk; "
        "'cluster' may import only: errors, model, settings"]
    assert "imports newsdesk.pipeline" in facade[0]


def test_layering_check_rejects_the_model_importing_anything_local() -> None:
    found = violations("newsdesk.model", "from newsdesk.settings import Settings\n")
    assert found == ["newsdesk.model (line 1) imports newsdesk.settings; "
                     "'model' may import only: nothing from newsdesk"]


def test_layering_check_allows_own_submodules_and_the_basics() -> None:
    source = ("from newsdesk.clean.metadata import pick\nfrom newsdesk.errors import UsageError\n"
              "from . import paragraphs\n")
    assert violations("newsdesk.clean.text", source) == []


def test_layering_check_asks_for_a_rule_for_a_new_top_level_part() -> None:
    found = violations("newsdesk.plugins.loader", "import os\n")
    assert found and "no layering rule for 'plugins'" in found[0]
