"""The page views' hot reads, compiled once (jd400site/compiled.py), give exactly what the
ORM gives for the same queryset: every field, with its type, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.access import get_case_or_404, remembered_as_shown
from cases.models import Case
from jd400site.compiled import Compiled
from routing.models import Hotline, LegalWindow
from routing.rows import active_rows
from tests.factories import add_call, make_case

pytestmark = pytest.mark.django_db


def fields(instance) -> dict[str, object]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def typed(values: dict[str, object]) -> dict[str, tuple[type, object]]:
    # 1 == True and a naive datetime equal to an aware one would both hide a difference.
    return {name: (type(value), value) for name, value in values.items()}


def test_a_case_by_its_token_is_the_orms_case_field_for_field():
    case = make_case(contacts=["online_service"])
    add_call(case)
    case.refresh_from_db()
    compiled = get_case_or_404(case.token)
    assert typed(fields(compiled)) == typed(fields(Case.objects.get(pk=case.pk)))
    assert compiled.updated_at.tzinfo is not None
    # Not a copy detached from Django: related rows and saving work as usual.
    assert list(compiled.prior_contacts.all()) == list(case.prior_contacts.all())
    compiled.item = "冰箱"
    compiled.save(update_fields=["item"])
    assert Case.objects.get(pk=case.pk).item == "冰箱"


def test_an_unknown_token_is_a_404():
    from django.http import Http404

    make_case()
    with pytest.raises(Http404):
        get_case_or_404("x" * 32)


def test_remembered_cases_are_read_for_any_number_of_tokens(rf):
    cases = [make_case() for _ in range(3)]
    for count in (1, 3, 2):  # each length compiles its own IN (...), in any order
        tokens = [case.token for case in cases[:count]]
        request = rf.get("/")
        request._jd400_cases = tokens  # what remembered_tokens read from the cookie
        expected = tuple(
            Case.objects.filter(token__in=tokens).order_by("pk").values_list("pk", "updated_at")
        )
        assert remembered_as_shown(request) == (tuple(tokens), expected)


def test_no_remembered_cases_cost_no_query(django_assert_num_queries):
    by_token = Compiled(lambda tokens: Case.objects.filter(token__in=tokens))
    with django_assert_num_queries(0):
        assert by_token([]) == []


def test_the_operators_tables_are_the_orms_rows():
    for model in (Hotline, LegalWindow):
        rows = active_rows(model)
        orm = list(model.objects.filter(active=True))
        assert [typed(fields(row)) for row in rows] == [typed(fields(row)) for row in orm]
        assert rows  # the migrations' data: something to compare


def test_an_operators_correction_changes_the_rows_and_their_fingerprint():
    before = active_rows(Hotline)
    line = Hotline.objects.get(key="self_operated")
    line.purpose = "家电质量问题（已更正）"
    line.save()
    after = active_rows(Hotline)
    assert after.as_shown != before.as_shown
    assert next(row for row in after if row.key == "self_operated").purpose == line.purpose
    # Unchanged rows: the same fingerprint on the next read.
    assert active_rows(Hotline).as_shown == after.as_shown


def test_a_deactivated_line_leaves_the_rows():
    Hotline.objects.filter(key="plus").update(active=False)
    assert "plus" not in {row.key for row in active_rows(Hotline)}


def test_the_rows_are_the_callers_own_list():
    rows = active_rows(LegalWindow)
    count = len(rows)
    rows.clear()
    assert len(active_rows(LegalWindow)) == count


def test_an_argument_the_queryset_changes_is_refused():
    # `contains` wraps the value in wildcards: the compiled SQL could not take another one.
    contains = Compiled(lambda text: Case.objects.filter(item__contains=text))
    with pytest.raises(ValueError, match="did not reach the SQL unchanged"):
        contains("洗衣机")


@pytest.mark.parametrize(
    "build",
    [
        lambda token: Case.objects.filter(token=token).values_list("pk", flat=True),
        lambda token: Case.objects.filter(token=token).values("pk"),
        lambda token: Case.objects.filter(token=token).only("pk"),
        lambda token: Case.objects.filter(token=token).prefetch_related("calls"),
        lambda token: Case.objects.filter(token=token).using("default"),
        lambda token: Case.objects.filter(token__startswith=token),
    ],
    ids=["flat", "values", "only", "prefetch", "using", "startswith"],
)
def test_it_refuses_a_queryset_it_would_get_wrong(build):
    with pytest.raises(ValueError):
        Compiled(build)("a" * 32)


def test_it_refuses_a_queryset_that_varies_with_more_than_its_arguments():
    # A time taken when the queryset is built would be frozen into the compiled statement.
    recent = Compiled(
        lambda token: Case.objects.filter(token=token, updated_at__lte=timezone.now())
    )
    with pytest.raises(ValueError, match="varies"):
        recent("a" * 32)


def test_it_keeps_one_plan_whatever_thread_runs_it(transactional_db):
    import threading

    case = make_case()
    by_token = Compiled(lambda token: Case.objects.filter(token=token))
    found = []

    def look() -> None:
        from django.db import connection

        try:
            found.append(by_token(case.token)[0].pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=look) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [case.pk] * 5
    assert len(by_token._plans) == 1


def test_a_case_insensitive_lookup_is_refused_or_exact():
    """SQLite's iexact escapes the value into a LIKE (so it must be refused); PostgreSQL's
    compares UPPER() of both sides with the value as given (so it may be reused)."""
    case = make_case()
    Case.objects.filter(pk=case.pk).update(item="A_b%C")
    by_item = Compiled(lambda item: Case.objects.filter(item__iexact=item))
    for asked in ("a_b%c", "AxbyC"):
        try:
            found = [row.pk for row in by_item(asked)]
        except ValueError:
            continue
        assert found == list(Case.objects.filter(item__iexact=asked).values_list("pk", flat=True))
