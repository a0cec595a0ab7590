"""The project's Python import graph, read with ast (nothing is imported to read it)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Bottom to top (docs/architecture.md): a package may import only packages of a lower rank,
# and itself. Packages of the same rank do not import each other.
PACKAGE_RANK: Mapping[str, int] = {
    "closedloop": 1,
    "ingestion": 2,
    "demo": 2,
    "expectations": 3,
    "reporting": 4,
    "orchestration": 5,
}
# Production packages that must never import the demo generator.
NOT_THE_DEMO = ("closedloop", "ingestion", "expectations", "reporting", "orchestration")


def module_name(path: Path, root: Path = REPO) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = REPO) -> set[str]:
    """Absolute names of every module `path` imports, anywhere in the file."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
    return found


def project_graph(packages: Iterable[str] = PACKAGE_RANK, root: Path = REPO) -> dict[str, set[str]]:
    """module -> project modules it imports (names that are modules or packages on disk)."""
    files = {
        module_name(p, root): p for pkg in packages for p in sorted((root / pkg).rglob("*.py"))
    }
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        graph[name] = {m for m in imported_modules(path, root) if m in files and m != name}
    return graph


def upward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    findings = []
    for module, targets in graph.items():
        own = module.split(".")[0]
        for target in sorted(targets):
            other = target.split(".")[0]
            if other == own or other not in PACKAGE_RANK:
                continue
            if PACKAGE_RANK[other] >= PACKAGE_RANK[own]:
                findings.append(f"{module} imports {target} ({own} may not import {other})")
    return sorted(findings)


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)
