"""Every form of the site, fuzzed with hypothesis: random Unicode, control characters, huge
strings, wrong types and repeated fields. Never a 500, and never a partial save: a post
that is not accepted (anything but a redirect) leaves the case exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.forms.models import model_to_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Case
from routing.choices import Channel
from tests.factories import add_call, make_case

pytestmark = pytest.mark.django_db

EXAMPLES = 10

# Text a phone could never type, and some it could.
any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # no lone surrogates: not UTF-8
    max_size=60,
)
control_text = st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10)
huge_text = st.integers(min_value=200, max_value=20_000).map(lambda n: "长" * n)
wrong_type = st.sampled_from(["-1", "0", "1e309", "NaN", "true", "[]", "{}", "9" * 40, ""])
value = st.one_of(any_text, control_text, huge_text, wrong_type)
values = st.one_of(value, st.lists(value, min_size=2, max_size=3))


def snapshot(case: Case) -> Any:
    case = Case.objects.get(pk=case.pk)
    return (
        {k: v for k, v in model_to_dict(case).items() if k != "updated_at"},
        sorted(case.prior_contacts.values_list("channel", "contacted_on", "answer", "has_record")),
        sorted(case.calls.values_list("id", "agent_id", "ticket_number", "promise", "promised_by")),
        case.evidence.count(),
    )


def tried_fields() -> list[str]:
    names = ["tried-TOTAL_FORMS", "tried-INITIAL_FORMS", "tried-MAX_NUM_FORMS"]
    for i in range(len(Channel.values)):
        names += [f"tried-{i}-{n}" for n in ("channel", "used", "contacted_on", "answer")]
    return names


# (case upto, path under /c/<token>/, the form's fields)
FORMS: dict[str, tuple[str | None, str, list[str]]] = {
    "order": (None, "order/", ["order_number", "purchase_kind", "item"]),
    "problem": ("order", "problem/", ["problem", "description", "happened_on"]),
    "tried": ("problem", "tried/", tried_fields()),
    "want": ("tried", "want/", ["desired_outcome", "outcome_detail", "deadline_days"]),
    "evidence upload": ("want", "evidence/upload/", ["kind", "caption", "files"]),
    "evidence": ("want", "evidence/", ["confirm"]),
    "check": ("evidence", "check/", ["confirm"]),
    "call": (
        "check",
        "calls/new/",
        ["called_at", "hotline", "agent_id", "ticket_number", "promise", "promised_by"],
    ),
    "close": ("check", "close/", ["outcome", "closing_note"]),
    "12315": ("check", "12315/", ["seller_name"]),
    "delete call": ("check", "calls/{call}/delete/", ["x"]),
}


def fuzz(name: str) -> Callable[..., None]:
    upto, path, fields = FORMS[name]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(fields, values)))
    def run(client, data: dict[str, Any]) -> None:
        case = make_case(upto)
        call = add_call(case)
        before = snapshot(case)
        response = client.post(f"/c/{case.token}/{path.format(call=call.pk)}", data)
        assert response.status_code in (200, 302, 400), response.status_code
        if response.status_code != 302:
            assert snapshot(case) == before

    return run


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATE_LIMITS_ENABLED = False


@pytest.mark.parametrize("name", list(FORMS))
def test_it_never_fails_nor_half_saves_a_fuzzed_form(client, name):
    fuzz(name)(client)


@settings(max_examples=EXAMPLES, deadline=None)
@given(language=values)
def test_it_never_fails_on_a_fuzzed_language_switch(language):
    from django.test import Client

    response = Client().post("/i18n/setlang/", {"language": language, "next": "/"})
    assert response.status_code in (200, 302)


@settings(max_examples=EXAMPLES, deadline=None)
@given(username=values, password=values)
def test_it_never_fails_on_a_fuzzed_admin_login(username, password):
    from django.test import Client

    response = Client().post("/admin/login/", {"username": username, "password": password})
    assert response.status_code in (200, 302)
