from __future__ import annotations

from datetime import time

import pytest
from django.core.exceptions import ValidationError

from routing.models import Hotline, validate_hotline_number

NUMBER_MESSAGE = "请填写 400 号码（如 400-606-5500）或 95 开头的短号（如 950618）。"

# PRODUCT.md, "The hotline directory".
DIRECTORY = {
    "self_operated": ("自营售后专线", "400-606-5500"),
    "third_party": ("第三方服务专线", "400-616-5500"),
    "plus": ("PLUS会员专属服务", "400-026-0598"),
    "enterprise": ("企业采购服务", "400-026-6188"),
    "general": ("京东客服热线", "950618"),
}


def valid_line(**overrides) -> Hotline:
    fields = {
        "key": "test_line",
        "name": "测试专线",
        "number": "400-606-5500",
        "opens_at": time(9, 0),
        "closes_at": time(22, 0),
        "purpose": "测试",
        "source": "seed",
        "confidence": "seed_only",
        "last_checked": "2026-11-28",
        **overrides,
    }
    return Hotline(**fields)


@pytest.mark.django_db
def test_it_seeds_exactly_the_five_lines_of_the_directory():
    seeded = {h.key: (h.name, h.number) for h in Hotline.objects.all()}
    assert seeded == DIRECTORY


@pytest.mark.django_db
def test_it_seeds_the_lines_as_active():
    assert Hotline.objects.filter(active=True).count() == 5


@pytest.mark.django_db
def test_it_seeds_nine_to_ten_for_the_self_operated_and_third_party_lines():
    for key in ("self_operated", "third_party"):
        hotline = Hotline.objects.get(key=key)
        assert (hotline.opens_at, hotline.closes_at) == (time(9, 0), time(22, 0))


@pytest.mark.django_db
def test_it_seeds_no_hours_for_plus_and_enterprise():
    for key in ("plus", "enterprise"):
        hotline = Hotline.objects.get(key=key)
        assert hotline.hours_known is False


@pytest.mark.django_db
def test_it_seeds_the_general_line_as_open_all_day():
    assert Hotline.objects.get(key="general").open_all_day is True


@pytest.mark.django_db
def test_it_seeds_a_source_and_check_date_for_every_line():
    for hotline in Hotline.objects.all():
        assert hotline.source
        assert hotline.confidence
        assert hotline.last_checked is not None


@pytest.mark.django_db
def test_it_orders_the_directory_with_the_general_line_last():
    assert list(Hotline.objects.values_list("key", flat=True)) == [
        "self_operated",
        "third_party",
        "plus",
        "enterprise",
        "general",
    ]


@pytest.mark.parametrize("number", ["400-606-5500", "4006065500", "950618", "400 606 5500"])
def test_it_accepts_a_jd_hotline_number(number):
    validate_hotline_number(number)


@pytest.mark.parametrize("number", ["12345", "010-12345678", "400-606-550", "800-606-5500", ""])
def test_it_refuses_a_number_that_is_not_a_jd_hotline(number):
    with pytest.raises(ValidationError) as raised:
        validate_hotline_number(number)
    assert raised.value.messages == [NUMBER_MESSAGE]


def test_it_accepts_a_complete_line():
    valid_line().full_clean(validate_unique=False)


def test_it_refuses_a_bad_number_in_full_clean():
    with pytest.raises(ValidationError) as raised:
        valid_line(number="12345").full_clean(validate_unique=False)
    assert raised.value.message_dict["number"] == [NUMBER_MESSAGE]


def test_it_refuses_an_opening_time_without_a_closing_time():
    with pytest.raises(ValidationError) as raised:
        valid_line(closes_at=None).full_clean(validate_unique=False)
    assert raised.value.messages == ["开始和结束时间要么都填，要么都留空（未公布）。"]


def test_it_refuses_a_closing_time_without_an_opening_time():
    with pytest.raises(ValidationError):
        valid_line(opens_at=None).full_clean(validate_unique=False)


def test_it_accepts_a_line_with_unpublished_hours():
    valid_line(opens_at=None, closes_at=None).full_clean(validate_unique=False)


def test_it_dials_digits_only():
    assert valid_line(number="400-606-5500").dial_string == "4006065500"


def test_it_shows_the_english_name_in_english():
    from django.utils import translation

    hotline = valid_line(name_en="Test line")
    with translation.override("en"):
        assert hotline.display_name == "Test line"
    assert hotline.display_name == "测试专线"


def test_it_refuses_to_switch_off_a_line_the_rules_route_to(db):
    hotline = Hotline.objects.get(key="third_party")
    hotline.active = False
    with pytest.raises(ValidationError) as refused:
        hotline.full_clean()
    assert "路由规则要用到这条专线，不能停用" in str(refused.value)


def test_it_keeps_the_key_of_an_existing_line_read_only_in_the_admin(admin_client):
    hotline = Hotline.objects.get(key="plus")
    response = admin_client.get(f"/admin/routing/hotline/{hotline.pk}/change/")
    assert response.status_code == 200
    assert 'name="key"' not in response.content.decode()
