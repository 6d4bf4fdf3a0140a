"""jd400site/templatetags/site.py: the frame's `mark_chinese` filter, without HTTP."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.safestring import mark_safe

from jd400site.templatetags.site import mark_chinese

ZH = '<span lang="zh-Hans">{}</span>'


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def mark(html: str) -> str:
    return str(mark_chinese(mark_safe(html)))


def test_it_marks_each_chinese_run_in_english_text():
    assert mark("<p>Open 我的订单 in the app, then 订单详情.</p>") == (
        f"<p>Open {ZH.format('我的订单')} in the app, then {ZH.format('订单详情')}.</p>"
    )


def test_it_keeps_chinese_punctuation_with_its_words():
    assert (
        mark("<p>Choose “京东自营（自营）”.</p>")
        == f"<p>Choose “{ZH.format('京东自营（自营）')}”.</p>"
    )


def test_it_leaves_a_chinese_page_as_it_is():
    with translation.override("zh-hans"):
        assert mark("<p>我的订单</p>") == "<p>我的订单</p>"


def test_it_keeps_a_tag_whole_when_an_attribute_holds_a_greater_than_sign():
    html = '<a href="/x" title="A > 我的订单">我的订单</a>'
    assert mark(html) == f'<a href="/x" title="A > 我的订单">{ZH.format("我的订单")}</a>'


def test_it_keeps_json_with_a_greater_than_sign_in_an_attribute_whole():
    html = """<div data-hx-vals='{"note": "a > b 京东"}'>京东</div>"""
    assert (
        mark(html) == f"""<div data-hx-vals='{{"note": "a > b 京东"}}'>{ZH.format("京东")}</div>"""
    )


def test_it_leaves_text_that_must_stay_plain_alone():
    html = (
        "<textarea>我的订单</textarea><select><option>京东自营</option></select>"
        "<svg><title>二维码</title></svg><p>售后</p>"
    )
    assert mark(html) == (
        "<textarea>我的订单</textarea><select><option>京东自营</option></select>"
        f"<svg><title>二维码</title></svg><p>{ZH.format('售后')}</p>"
    )


def test_it_leaves_text_already_marked_chinese_alone():
    html = '<button lang="zh-Hans">中文</button>'
    assert mark(html) == html


def test_it_copies_entities_and_comments_as_written():
    html = "<p>A &amp; B &#20013; 京东<!-- 注释 --></p>"
    assert mark(html) == f"<p>A &amp; B &#20013; {ZH.format('京东')}<!-- 注释 --></p>"


def test_it_escapes_a_plain_string_before_marking():
    assert str(mark_chinese("<b>京东</b>")) == f"&lt;b&gt;{ZH.format('京东')}&lt;/b&gt;"


def test_it_keeps_line_positions_across_many_lines():
    html = "<ul>\n  <li>one</li>\n  <li title='x > y'>\n    我的售后\n  </li>\n</ul>"
    assert mark(html) == html.replace("我的售后", ZH.format("我的售后"))
