"""Every string marked for translation in the source is in the English catalogue.

tests/test_translations.py checks the .po file is complete; this checks the .po file is
current: a string added to a template or module without `make messages` fails here. The
extraction is plain Python (ast for modules, Django's own templatize for templates), so no
gettext tools are needed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.utils.translation.template import templatize

from tests.test_translations import PO_FILE, parse_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ["routing", "cases", "jd400site"]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
TEMPLATIZED_CALL = re.compile(r"\b(?:gettext|ngettext)\(u?('(?:[^'\\]|\\.)*')")


def python_msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        first = node.args[0]
        if (
            name in GETTEXT_NAMES
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            found.add(first.value)
    return found


def template_msgids(path: Path) -> set[str]:
    source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    return {ast.literal_eval(match) for match in TEMPLATIZED_CALL.findall(source)}


def source_msgids() -> dict[str, str]:
    """msgid → the first file that marks it."""
    found: dict[str, str] = {}
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for msgid in python_msgids(path):
                found.setdefault(msgid, str(path.relative_to(ROOT)))
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for msgid in template_msgids(path):
            found.setdefault(msgid, str(path.relative_to(ROOT)))
    return found


def test_it_finds_the_marked_strings():
    # The extractor itself works: a few strings known to be marked are found.
    found = source_msgids()
    assert "通话卡片" in found
    assert "请填写订单号。" in found
    assert "第 %(n)s 步，共 %(count)s 步" in found


def test_it_has_every_marked_string_in_the_english_catalogue():
    catalogue = {entry.msgid for entry in parse_po(PO_FILE)}
    missing = {
        msgid: where
        for msgid, where in source_msgids().items()
        if msgid not in catalogue and re.search(r"[\u3400-\u9fff]", msgid)
    }
    assert not missing, "run `make messages`, translate, `make compilemessages`:\n" + "\n".join(
        f"  {where}: {msgid!r}" for msgid, where in sorted(missing.items(), key=lambda i: i[1])
    )
