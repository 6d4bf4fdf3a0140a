"""The house's layering (DEVELOPERS.md): `jd400site → cases → routing`, with `lib/` a leaf
every layer may use. Read from the source, imports inside functions included, so a break
fails here before it spreads."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("jd400site", "cases", "routing", "lib")


def _imports() -> list[tuple[str, str, int]]:
    """(importing module's path, imported package, line) for every first-party import."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(path.read_text(), relative)):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in PACKAGES and top != package:
                        found.append((relative, top, node.lineno))
    return found


def _breaks(rule: str, imports: list[tuple[str, str, int]]) -> list[str]:
    return [f"{path}:{line} imports {target} ({rule})" for path, target, line in imports]


def test_it_finds_imports_to_check():
    assert ("cases/views.py", "routing") in {(path, target) for path, target, _ in _imports()}


def test_it_keeps_routing_free_of_cases_and_the_site():
    imports = [i for i in _imports() if i[0].startswith("routing/") and i[1] != "lib"]
    assert _breaks("routing imports only lib", imports) == []


def test_it_keeps_the_site_out_of_cases_except_in_urls():
    imports = [
        i for i in _imports() if i[0].startswith("jd400site/") and i[1] in {"cases", "routing"}
    ]
    allowed = {"jd400site/urls.py"}
    assert (
        _breaks(
            "the site reaches the apps only in urls.py", [i for i in imports if i[0] not in allowed]
        )
        == []
    )


def test_it_keeps_lib_a_leaf():
    imports = [i for i in _imports() if i[0].startswith("lib/")]
    assert _breaks("lib imports no app", imports) == []


def test_it_has_no_import_circle_between_packages():
    edges: dict[str, set[str]] = {package: set() for package in PACKAGES}
    for path, target, _ in _imports():
        edges[path.split("/")[0]].add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(
            step == goal or (step not in seen and reaches(step, goal, seen | {step}))
            for step in edges[start]
        )

    assert [package for package in PACKAGES if reaches(package, package, {package})] == []
