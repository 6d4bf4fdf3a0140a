"""The house's layering (DEVELOPERS.md): `routing/` imports neither `cases/` nor
`jd400site/`; `jd400site/` (settings, middleware, the site-wide limits) imports `cases/`
only in `urls.py`; no module imports itself back through others. Read from the source,
imports inside functions included, so a break fails here before it spreads."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("jd400site", "cases", "routing")


def _modules() -> dict[str, Path]:
    """Dotted name → file, for every first-party module outside migrations."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports() -> list[tuple[str, str, int]]:
    """(importing module, imported module, line) for every first-party
    import; `from cases import wizard` names `cases.wizard` where that is a module."""
    modules = _modules()
    found = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), str(path))
        # Imports for type hints only never run: they close no circle.
        hints_only = {
            id(inner)
            for node in tree.body
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in hints_only:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [
                    f"{node.module}.{alias.name}"
                    if f"{node.module}.{alias.name}" in modules
                    else node.module
                    for alias in node.names
                ]
            else:
                continue
            for target in targets:
                if target.split(".")[0] in PACKAGES and target != name:
                    found.append((name, target, node.lineno))
    return found


def _package(module: str) -> str:
    return module.split(".")[0]


def test_it_finds_imports_to_check():
    assert ("cases.views", "cases.wizard") in {(a, b) for a, b, _ in _imports()}


def test_it_keeps_routing_free_of_cases_and_the_site():
    breaks = [
        f"{a}:{line} imports {b}"
        for a, b, line in _imports()
        if _package(a) == "routing" and _package(b) != "routing"
    ]
    assert breaks == []


def test_it_keeps_the_site_out_of_cases_except_in_urls():
    breaks = [
        f"{a}:{line} imports {b}"
        for a, b, line in _imports()
        if _package(a) == "jd400site" and _package(b) == "cases" and a != "jd400site.urls"
    ]
    assert breaks == []


def test_it_has_no_import_circle():
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for a, b, _ in _imports():
        # `import cases.views` runs cases/__init__.py too: count the package's own module.
        while b not in modules and "." in b:
            b = b.rsplit(".", 1)[0]
        if b in modules:
            edges[a].add(b)

    def circle_from(start: str) -> list[str] | None:
        path, seen = [start], set()

        def walk(module: str) -> bool:
            for step in sorted(edges[module]):
                if step == start:
                    return True
                if step not in seen:
                    seen.add(step)
                    path.append(step)
                    if walk(step):
                        return True
                    path.pop()
            return False

        return path if walk(start) else None

    circles = [" → ".join(c + [c[0]]) for m in modules if (c := circle_from(m))]
    assert circles == []
