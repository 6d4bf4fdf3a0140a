from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from cases.access import get_case_or_404
from cases.models import Case
from tests.factories import ORDER, make_case, remembered

pytestmark = pytest.mark.django_db

URL_KINDS = {
    "home": "/c/{token}/",
    "step": "/c/{token}/order/",
    "card": "/c/{token}/card/",
    "delete": "/c/{token}/delete/",
}

# As they appear in the URL (percent-encoded where a browser would encode them).
MALFORMED = {
    "dot-dot": "..%2F..%2Fetc",
    "long": "a" * 200,
    "nul": "%00",
    "chinese": "%E6%A1%88%E4%BE%8B",
    "space": "abc%20def",
    "quote": "%27%20OR%20%271%27%3D%271",
}


def assert_not_found(response) -> None:
    assert response.status_code == 404
    assert [t.name for t in response.templates][:1] == ["404.html"]
    assert "找不到页面" in response.content.decode()


@pytest.mark.parametrize("kind", URL_KINDS)
def test_it_404s_an_unknown_token(client, kind):
    make_case("check")
    unknown = "x" * 32
    assert_not_found(client.get(URL_KINDS[kind].format(token=unknown)))


@pytest.mark.parametrize("kind", URL_KINDS)
@pytest.mark.parametrize("token", MALFORMED.values(), ids=MALFORMED.keys())
def test_it_404s_a_malformed_token(client, kind, token):
    make_case("check")
    assert_not_found(client.get(URL_KINDS[kind].format(token=token)))


@pytest.mark.parametrize("token", MALFORMED.values(), ids=MALFORMED.keys())
def test_it_404s_a_post_with_a_malformed_token(client, token):
    assert_not_found(client.post(f"/c/{token}/order/", ORDER))
    assert_not_found(client.post(f"/c/{token}/delete/"))


@pytest.mark.parametrize("kind", URL_KINDS)
def test_it_404s_a_prefix_of_a_real_token(client, kind):
    case = make_case("check")
    assert_not_found(client.get(URL_KINDS[kind].format(token=case.token[:-1])))


@pytest.mark.parametrize("kind", URL_KINDS)
def test_it_404s_a_real_token_with_extra_characters(client, kind):
    case = make_case("check")
    assert_not_found(client.get(URL_KINDS[kind].format(token=case.token + "x")))


@pytest.mark.parametrize("kind", URL_KINDS)
def test_it_404s_a_real_token_in_another_case(client, kind):
    case = make_case("check")
    changed = case.token.swapcase()
    assert changed != case.token
    assert_not_found(client.get(URL_KINDS[kind].format(token=changed)))


def test_it_finds_a_case_by_its_exact_token():
    case = make_case(upto=None)
    assert get_case_or_404(case.token) == case


def test_it_refuses_a_token_that_only_shares_the_first_64_characters():
    case = make_case(upto=None)
    Case.objects.filter(pk=case.pk).update(token="t" * 64)
    with pytest.raises(Http404):
        get_case_or_404("t" * 64 + "extra")
    assert get_case_or_404("t" * 64).pk == case.pk


def test_it_shows_each_case_only_through_its_own_token(client):
    mine = make_case("order", order_number="11111111", item="洗衣机")
    theirs = make_case("order", order_number="22222222", item="羽绒服")
    html = client.get(f"/c/{mine.token}/order/").content.decode()
    assert "11111111" in html
    assert "22222222" not in html
    html = client.get(f"/c/{theirs.token}/order/").content.decode()
    assert "22222222" in html
    assert "11111111" not in html


def test_it_saves_a_step_only_to_the_case_of_the_token(client):
    mine = make_case(upto=None)
    theirs = make_case(upto=None)
    client.post(f"/c/{mine.token}/order/", ORDER)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.order_number == "1234567890"
    assert theirs.order_number == ""


def test_it_does_not_show_another_browsers_case_on_the_start_page(client):
    from django.test import Client

    client.post("/c/new/")
    stranger = Client()
    stranger.post("/c/new/")
    mine = client.get("/").content.decode()
    theirs = Case.objects.exclude(token__in=remembered(client)).get()
    assert theirs.token not in mine


def test_it_remembers_a_case_in_the_browser_that_made_it(client):
    client.post("/c/new/")
    assert remembered(client) == [Case.objects.get().token]


def test_it_remembers_the_latest_case_first(client):
    client.post("/c/new/")
    client.post("/c/new/")
    newest = Case.objects.order_by("-id").first()
    assert remembered(client)[0] == newest.token


def test_it_remembers_at_most_twenty_cases(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "create_case": "100/m"}
    for _ in range(22):
        client.post("/c/new/")
    assert len(remembered(client)) == 20


def test_it_never_puts_the_token_in_a_404_page(client):
    case = make_case(upto=None)
    response = client.get(f"/c/{case.token}x/")
    assert case.token not in response.content.decode()


def test_it_gives_a_planted_cookie_nothing_to_learn():
    """An attacker plants their own list cookie in the victim's browser, then watches the
    start page with their copy of it for the victim's cases."""
    from django.test import Client

    from cases.access import COOKIE

    attacker = Client()
    attacker.post("/c/new/")  # a real list, with a case of the attacker's own
    planted = attacker.cookies[COOKIE].value

    victim = Client()
    victim.cookies[COOKIE] = planted
    response = victim.post("/c/new/")
    victims_case = response.url.split("/")[2]
    assert victim.cookies[COOKIE].value != planted

    # The attacker, still holding the planted cookie, sees nothing of the victim's case.
    assert victims_case not in attacker.get("/").content.decode()
    # The victim's browser lists it.
    assert victims_case in victim.get("/").content.decode()


def test_it_ignores_a_list_cookie_with_a_forged_token():
    """A list cookie not signed by us (a token slipped in by hand) lists nothing."""
    from django.test import Client

    from cases.access import COOKIE

    case = make_case()
    browser = Client()
    browser.cookies[COOKIE] = case.token
    assert case.token not in browser.get("/").content.decode()


@pytest.mark.parametrize("salt, key", [("another purpose", None), (None, "another secret" * 4)])
def test_it_ignores_a_list_cookie_signed_for_something_else(settings, salt, key):
    from django.http import HttpResponse
    from django.test import Client

    from cases.access import _SALT, COOKIE

    case = make_case()
    ours = settings.SECRET_KEY
    settings.SECRET_KEY = key or ours
    response = HttpResponse()
    response.set_signed_cookie(COOKIE, case.token, salt=salt or _SALT)
    settings.SECRET_KEY = ours
    browser = Client()
    browser.cookies[COOKIE] = response.cookies[COOKIE].value
    assert case.token not in browser.get("/").content.decode()


def test_it_reads_its_list_without_djangos_old_cookie_salt(client, settings):
    # Django still accepts cookies signed the pre-5.2 way; ours must not depend on that.
    settings.SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False
    client.post("/c/new/")
    assert Case.objects.get().token in client.get("/").content.decode()


def test_it_hides_the_list_from_error_reports(client, rf):
    from django.views.debug import SafeExceptionReporterFilter

    from cases.access import COOKIE

    client.post("/c/new/")
    request = rf.get("/", HTTP_COOKIE=f"{COOKIE}={client.cookies[COOKIE].value}")
    safe = SafeExceptionReporterFilter().get_safe_cookies(request)
    assert Case.objects.get().token not in str(safe)


def test_it_expires_the_cookie_with_its_flags_when_the_list_empties(client, settings):
    from cases.access import COOKIE

    settings.SESSION_COOKIE_SECURE = True
    client.post("/c/new/", secure=True)
    token = Case.objects.get().token
    response = client.post(f"/c/{token}/forget/", secure=True)
    cookie = response.cookies[COOKIE]
    assert cookie["max-age"] == 0
    assert cookie["secure"] and cookie["httponly"]
    assert remembered(client) == []


def test_it_forgets_a_list_older_than_ninety_days(client):
    import time_machine

    with time_machine.travel(timezone.now() - timedelta(days=91)):
        client.post("/c/new/")
    token = Case.objects.get().token
    assert token not in client.get("/").content.decode()
    assert remembered(client) == []
