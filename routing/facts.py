"""Which goods and which problem the law looks at, for the legal windows (routing/rights.py)
and JD's own rules (routing/platform_rules.py) alike: one answer for both, so the card never
judges a case by one problem in the rights block and by another beside them.

Imports only routing.choices (routing.platform_rules is imported by routing.models, which
routing.rights needs: this module breaks that circle).
"""

from __future__ import annotations

from typing import Protocol

from routing.choices import CONDUCT_PROBLEMS, UNDERLYING_PROBLEMS, GoodsKind, ProblemCategory


class GoodsFacts(Protocol):
    goods_kind: str
    problem: str
    underlying: str


def goods_problem(facts: GoodsFacts) -> str:
    """The problem the law looks at: for a conduct problem (推诿, 不回复, 退货被拒, 其他) the
    goods' own problem behind it, when the shopper said; else the problem as chosen."""
    if facts.problem in CONDUCT_PROBLEMS and facts.underlying in UNDERLYING_PROBLEMS:
        return facts.underlying
    return facts.problem


def goods_kind_of(facts: GoodsFacts) -> str:
    """The kind of goods as far as the facts tell: spoiled fresh food is fresh food."""
    if facts.goods_kind:
        return facts.goods_kind
    if goods_problem(facts) == ProblemCategory.SPOILED_FRESH:
        return GoodsKind.FRESH
    return ""
