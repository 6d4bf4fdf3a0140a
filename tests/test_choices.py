"""A choice's label as models show it (`get_FOO_display`), in the shopper's language."""

from __future__ import annotations

from django.utils import translation

from cases.models import Case
from routing.choices import ProblemCategory


def test_it_shows_a_choice_in_the_shoppers_language():
    case = Case(problem=ProblemCategory.QUALITY_FAULT)
    assert case.get_problem_display() == "商品质量问题（故障、坏了）"
    with translation.override("en"):
        assert case.get_problem_display() != "商品质量问题（故障、坏了）"
        assert case.get_problem_display() == str(ProblemCategory.QUALITY_FAULT.label)


def test_it_shows_an_empty_or_unknown_answer_as_it_is_as_django_does():
    assert Case(problem="").get_problem_display() == ""
    assert Case(problem="gone_from_the_list").get_problem_display() == "gone_from_the_list"
