from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from routing.choices import (
    Confidence,
    GoodsKind,
    Outcome,
    Rule,
    RuleConfidence,
    Source,
    label_of,
)
from routing.rules import ROUTED_KEYS

# A JD hotline is a 400 number (400-xxx-xxxx) or a 95 short number (950618).
_NUMBER_400 = re.compile(r"^400-?\d{3}-?\d{4}$")
_NUMBER_95 = re.compile(r"^95\d{3,6}$")


def validate_hotline_number(value: str) -> None:
    compact = value.replace(" ", "")
    if not (_NUMBER_400.match(compact) or _NUMBER_95.match(compact)):
        raise ValidationError(
            _("请填写 400 号码（如 400-606-5500）或 95 开头的短号（如 950618）。"),
            code="invalid_hotline_number",
        )


def _in_language(zh: str, en: str) -> str:
    """The English text on an English page when an operator wrote one, else the Chinese."""
    if en and (get_language() or "").startswith("en"):
        return en
    return zh


class Hotline(models.Model):
    """One line of JD's 400 hotline system. Data, not code: operators correct it in admin."""

    key = models.SlugField(_("代号"), unique=True, max_length=40)
    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    number = models.CharField(_("号码"), max_length=20, validators=[validate_hotline_number])
    opens_at = models.TimeField(
        _("开始服务时间"),
        null=True,
        blank=True,
        help_text=_("留空表示未公布服务时间。开始与结束相同表示 24 小时服务。"),
    )
    closes_at = models.TimeField(_("结束服务时间"), null=True, blank=True)
    purpose = models.TextField(_("适用问题"))
    purpose_en = models.TextField(_("适用问题（英文）"), blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    source_note = models.CharField(_("来源说明"), max_length=200, blank=True)
    source_note_en = models.CharField(_("来源说明（英文）"), max_length=200, blank=True)
    confidence = models.CharField(_("可信度"), max_length=20, choices=Confidence.choices)
    last_checked = models.DateField(_("最后核对日期"))
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("热线")
        verbose_name_plural = _("热线")

    def get_source_display(self) -> str:
        return label_of(Source, self.source)

    def get_confidence_display(self) -> str:
        return label_of(Confidence, self.confidence)

    def __str__(self) -> str:
        return f"{self.name} {self.number}"

    def clean(self) -> None:
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValidationError(_("开始和结束时间要么都填，要么都留空（未公布）。"))
        # routing.rules names these lines by key: without them a card has no number to show.
        if not self.active and self.key in ROUTED_KEYS:
            raise ValidationError(
                _("路由规则要用到这条专线，不能停用。号码或时间变了，请直接修改。"),
                code="routed_line",
            )

    @property
    def display_name(self) -> str:
        return _in_language(self.name, self.name_en)

    @property
    def display_purpose(self) -> str:
        return _in_language(self.purpose, self.purpose_en)

    @property
    def display_source_note(self) -> str:
        return _in_language(self.source_note, self.source_note_en)

    @property
    def dial_string(self) -> str:
        """The number as a tel: link wants it: digits only."""
        return re.sub(r"\D", "", self.number)

    @property
    def hours_known(self) -> bool:
        return self.opens_at is not None and self.closes_at is not None

    @property
    def open_all_day(self) -> bool:
        return self.hours_known and self.opens_at == self.closes_at

    @property
    def hours_label(self) -> str:
        """The hours as the card, the directory and the card's text all say them."""
        if not self.hours_known:
            return gettext("未公布服务时间")
        if self.open_all_day:
            return gettext("24 小时")
        return gettext("%(opens)s–%(closes)s（北京时间）") % {
            "opens": self.opens_at.strftime("%H:%M"),
            "closes": self.closes_at.strftime("%H:%M"),
        }


def _choice_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def validate_outcomes(value: str) -> None:
    unknown = set(_choice_list(value)) - set(Outcome.values)
    if unknown:
        raise ValidationError(
            _("未知的诉求：%(values)s"), params={"values": ", ".join(sorted(unknown))}
        )


def validate_goods_kinds(value: str) -> None:
    unknown = set(_choice_list(value)) - set(GoodsKind.values)
    if unknown:
        raise ValidationError(
            _("未知的商品类型：%(values)s"), params={"values": ", ".join(sorted(unknown))}
        )


class LegalWindow(models.Model):
    """One window the law gives a shopper, e.g. 七日无理由退货 within 7 days of receipt.

    Data, not code, like the hotline directory: the wording, the number of days, the
    outcomes and the source are corrected in the admin. Which problems a rule applies to
    is code (routing/rights.py), keyed by `rule`.
    """

    key = models.SlugField(_("代号"), unique=True, max_length=40)
    rule = models.CharField(_("规则"), max_length=20, choices=Rule.choices)
    name = models.CharField(
        _("名称（中文）"),
        max_length=60,
        help_text=_("英文页面也显示中文名称：打电话时说的就是它。"),
    )
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    basis = models.CharField(
        _("通话稿里的说法"),
        max_length=60,
        help_text=_("通话稿说“按照……的规定”，例如“七日无理由退货”“三包”。"),
    )
    days = models.PositiveSmallIntegerField(
        _("天数"),
        null=True,
        blank=True,
        help_text=_("从签收的次日起算，第几天是最后一天。留空表示没有固定的截止日。"),
    )
    outcomes = models.CharField(_("可以要求的结果"), max_length=100, validators=[validate_outcomes])
    goods = models.CharField(
        _("只适用于这些商品"),
        max_length=200,
        blank=True,
        validators=[validate_goods_kinds],
        help_text=_("留空表示不限商品类型。"),
    )
    excluded_goods = models.CharField(
        _("不适用的商品"), max_length=200, blank=True, validators=[validate_goods_kinds]
    )
    needs_evidence = models.BooleanField(
        _("需要证据"),
        default=False,
        help_text=_("只能在有证据时提出，卡片上不作为承诺显示。"),
    )
    conditions = models.TextField(_("条件与说明"))
    conditions_en = models.TextField(_("条件与说明（英文）"), blank=True)
    condition = models.CharField(
        _("要先满足的条件"),
        max_length=200,
        blank=True,
        help_text=_(
            "填了就表示这项权利有条件（卡片写“如果……”，通话稿不替顾客断言）；"
            "没有截止日的权利必须写明条件。"
        ),
    )
    condition_en = models.CharField(_("要先满足的条件（英文）"), max_length=300, blank=True)
    min_repairs = models.PositiveSmallIntegerField(
        _("至少修理过几次"),
        null=True,
        blank=True,
        help_text=_("三包第十一条：修理两次仍不能正常使用才适用。留空表示不看修理次数。"),
    )
    quote = models.TextField(_("法条原文（关键句）"), blank=True)
    quote_from = models.CharField(
        _("原文摘自"), max_length=200, blank=True, help_text=_("哪个网页或文本，方便下次核对。")
    )
    source = models.CharField(_("法律依据"), max_length=200)
    source_en = models.CharField(_("法律依据（英文）"), max_length=200, blank=True)
    confidence = models.CharField(_("可信度"), max_length=20, choices=RuleConfidence.choices)
    last_checked = models.DateField(_("最后核对日期"))
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(
        _("排序"), default=0, help_text=_("同一诉求有几条依据时，排在前面的优先作为依据。")
    )

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("法定期限")
        verbose_name_plural = _("法定期限")

    def get_confidence_display(self) -> str:
        return label_of(RuleConfidence, self.confidence)

    def __str__(self) -> str:
        return self.name

    @property
    def outcome_list(self) -> tuple[str, ...]:
        return _choice_list(self.outcomes)

    @property
    def goods_list(self) -> tuple[str, ...]:
        return _choice_list(self.goods)

    @property
    def excluded_goods_list(self) -> tuple[str, ...]:
        return _choice_list(self.excluded_goods)

    @property
    def display_name(self) -> str:
        """The English gloss on an English page (the Chinese name is shown beside it)."""
        return _in_language("", self.name_en)

    @property
    def display_conditions(self) -> str:
        return _in_language(self.conditions, self.conditions_en)

    @property
    def display_source(self) -> str:
        return _in_language(self.source, self.source_en)

    @property
    def display_condition(self) -> str:
        return _in_language(self.condition, self.condition_en)


class PushbackNeeds(models.TextChoices):
    """The fact a reply rests on: a reply is shown only where the shopper's facts hold it."""

    ALWAYS = "always", _("这项权利开着就适用")
    ROLLED_OVER = "rolled_over", _("最后一天顺延过（遇周末或法定节假日）")
    SHOP_LABEL = "shop_label", _("商家标了“不支持七天无理由”")
    THIRD_PARTY = "third_party", _("第三方店铺的订单")
    CONSUMER = "consumer", _("个人生活消费（不是企业采购）")
    DATED = "dated", _("有截止日、还没截止")


class Pushback(models.Model):
    """An objection an agent is likely to raise against an open right, with a short reply
    the shopper can read out and its basis. Data like the windows: corrected in the admin."""

    key = models.SlugField(_("代号"), unique=True, max_length=40)
    windows = models.CharField(
        _("适用于这些期限"),
        max_length=200,
        help_text=_("法定期限的代号，逗号分隔；其中任一项开着时显示。"),
    )
    needs = models.CharField(
        _("还要满足"), max_length=20, choices=PushbackNeeds.choices, default=PushbackNeeds.ALWAYS
    )
    objection = models.CharField(_("客服可能说"), max_length=100)
    objection_en = models.CharField(_("客服可能说（英文）"), max_length=200, blank=True)
    reply = models.TextField(_("你可以这样回答"))
    reply_en = models.TextField(_("你可以这样回答（英文）"), blank=True)
    quote = models.TextField(_("法条原文（关键句）"))
    source = models.CharField(_("法律依据"), max_length=200)
    source_en = models.CharField(_("法律依据（英文）"), max_length=200, blank=True)
    quote_from = models.CharField(_("原文摘自"), max_length=200, blank=True)
    last_checked = models.DateField(_("最后核对日期"))
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("客服说法与回答")
        verbose_name_plural = _("客服说法与回答")

    def __str__(self) -> str:
        return self.objection

    @property
    def window_list(self) -> tuple[str, ...]:
        return _choice_list(self.windows)

    @property
    def display_objection(self) -> str:
        return _in_language(self.objection, self.objection_en)

    @property
    def display_reply(self) -> str:
        return _in_language(self.reply, self.reply_en)

    @property
    def display_source(self) -> str:
        return _in_language(self.source, self.source_en)


# Models kept in modules of their own, registered here with the app: the counts of
# shoppers' call reports (issue 22) and JD's own rules beside the law (issue 24).
from routing.platform_rules import PlatformRule  # noqa: E402, F401
from routing.report_models import ReportCount, ReportExclusion  # noqa: E402, F401


class HotlineReports(Hotline):
    """Each line as the operators check its shoppers' reports (admin: reports, share sent
    elsewhere and where, flagged when most are redirected). A proxy: no table of its own."""

    class Meta:
        proxy = True
        verbose_name = _("热线的通话反馈")
        verbose_name_plural = _("热线的通话反馈")
