"""The wizard's forms. `clean_*` methods normalise what phones type; messages speak to the
shopper in their language and say how to fix the answer."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.images import size_text
from cases.models import Call, Case, Closing, Evidence, PriorContact
from routing.advice import outcome_is_vague
from routing.choices import (
    PROBLEM_GROUPS,
    SIMPLE_QUERIES,
    Channel,
    Outcome,
    ProblemCategory,
    PurchaseKind,
    outcomes_for,
    problem_fits,
    problems_for,
)
from routing.dates import shopper_date
from routing.models import Hotline, validate_hotline_number
from routing.reports import MAX_MINUTES

DEADLINE_MAX_DAYS = 90
SENT_ELSEWHERE = "other"  # the call form's "another number" choice


_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―－_]+")


def normalise_digits(raw: str) -> str:
    """Full-width digits become ASCII; spaces and dashes go (phones paste "１２３ ４５６-7")."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))


# Full-width letters and digits (Ｘ, ｑ, １) fold to ASCII so "XQG100" reads the same however
# it was typed; Chinese punctuation（，。：）is the shopper's own and stays as it is.
_FULL_WIDTH_ALNUM = {
    code: code - 0xFEE0
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}


def normalise_text(raw: str) -> str:
    return raw.translate(_FULL_WIDTH_ALNUM).strip()


# Django's own messages for these codes read like a programmer's ("确保该变量…", "不允许是
# 用空字符串"): every form here says it in the app's words unless a field has its own.
SHOPPER_MESSAGES = {
    "required": _("请填写这一项。"),
    "invalid": _("格式不对，请检查后重新填写。"),
    "invalid_choice": _("请从给出的选项里选一项。"),
    "max_length": _(
        "超出 %(over)d 字，请删短一些（最多 %(limit_value)d 字，现在 %(show_value)d 字）。"
    ),
    "max_value": _("不能大于 %(limit_value)s。"),
    "min_value": _("不能小于 %(limit_value)s。"),
    "null_characters_not_allowed": _(
        "内容里有无法保存的控制字符（可能是从别处复制带来的）。请删掉后重新输入。"
    ),
}


def text_length(value: str) -> int:
    """Characters as the shopper counts them and as static/js/site.js does: a line break
    is one, though a form sends it as two (CRLF)."""
    return len(value.replace("\r\n", "\n"))


class LengthLimit(MaxLengthValidator):
    """Django's limit, saying by how much a text is over (`超出 1502 字`)."""

    def __call__(self, value: str) -> None:
        length = text_length(value)
        if length > self.limit_value:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit_value": self.limit_value,
                    "show_value": length,
                    "value": value,
                    "over": length - self.limit_value,
                },
            )


def _keep_long_text(field: forms.Field) -> None:
    """No `maxlength` for the browser: it cut a pasted text without a word (issue 24). The
    limit moves to `data-maxlength` for the counter, and the server says how much is over,
    with the whole text kept in the field to shorten."""
    limit = field.widget.attrs.pop("maxlength", None)
    if limit is None:
        return
    field.widget.attrs["data-maxlength"] = limit
    field.validators = [
        LengthLimit(v.limit_value) if type(v) is MaxLengthValidator else v for v in field.validators
    ]


def _django_default(field: forms.Field, code: str) -> Any:
    default = None
    for klass in reversed(type(field).__mro__):
        default = getattr(klass, "default_error_messages", {}).get(code, default)
    return default


class ShopperMessages:
    """Mixed into every form: each field's messages that Django wrote, the app rewrites.

    A ModelForm's columns are blank (the case is filled step by step), so the answers a step
    insists on are named in `required_fields`; a list of radios never offers Django's
    "---------": leaving them all unticked is the blank answer."""

    required_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            self.fields[name].required = True
        for field in self.fields.values():
            _keep_long_text(field)
            if isinstance(field.widget, forms.RadioSelect):
                field.choices = [choice for choice in field.choices if choice[0] != ""]
            for code, message in SHOPPER_MESSAGES.items():
                current = field.error_messages.get(code)
                # By identity: a field's own message may say the same words and must stay.
                if current is None or current is _django_default(field, code):
                    field.error_messages[code] = message


class ConfirmForm(ShopperMessages, forms.Form):
    """A step whose only answer is pressing the button."""


def not_in_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("日期不能晚于今天。"), code="future")


# JD's after-sales began long after this; an earlier year is a typo ("0026" for "2026")
# that would make a promise overdue for ever and put nonsense in the 12315 text.
EARLIEST = date(2004, 1, 1)


def not_too_early(value: date | None) -> None:
    if value and value < EARLIEST:
        raise forms.ValidationError(_("日期太早了，请检查年份。"), code="too_early")


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs: Any) -> None:
        kwargs["validators"] = [not_too_early, *kwargs.get("validators", [not_in_future])]
        # Merged, not set by default: a field's own "required" message must not drop this one.
        kwargs["error_messages"] = {
            "invalid": _("请按“年-月-日”填写日期，例如 2026-11-20。"),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)


class OrderForm(ShopperMessages, forms.ModelForm):
    # Wider than the column: spaces and dashes a phone pastes go before the 20 digits count.
    order_number = forms.CharField(
        label=_("订单号"),
        help_text=_("在京东APP → 我的 → 我的订单 → 点开订单，订单号在订单详情里。可以直接粘贴。"),
        max_length=40,
        error_messages={"required": _("请填写订单号。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    # A pasted time stamp ("2026-12-01 23:59:12", as the order page shows it) is a day in
    # China time already: keep its date.
    received_on = DateField(
        label=_("哪天签收的？（可不填）"),
        help_text=_(
            "在京东APP → 我的订单 → 订单详情里看“签收时间”或“完成时间”。"
            "退换货的期限从签收的第二天算起；还没收到货就不填。"
        ),
        required=False,
        input_formats=["%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d"],
    )
    required_fields = ("purchase_kind", "item")

    class Meta:
        model = Case
        fields = ["order_number", "purchase_kind", "item", "received_on"]
        labels = {"purchase_kind": _("这是哪种购买？")}
        help_texts = {
            "purchase_kind": _(
                "商品页和订单上写着“京东自营”的是自营；显示店铺名称的是第三方店铺。"
                "看不出来就选“不确定”。PLUS 会员专线处理的是会员券、会员权益；"
                "作为会员买的商品出了问题，也按卖家选：京东自营或第三方店铺。"
            ),
            "item": _("简短即可，例如“洗衣机”“羽绒服”。"),
        }
        widgets = {"purchase_kind": forms.RadioSelect}
        error_messages = {
            "purchase_kind": {"required": _("请选择购买类型；看不出来就选“不确定”。")},
            "item": {"required": _("请写一下买的是什么，例如“洗衣机”。")},
        }

    def clean_order_number(self) -> str:
        number = normalise_digits(self.cleaned_data["order_number"])
        if not re.fullmatch(r"[0-9]+", number):
            raise forms.ValidationError(
                _(
                    "订单号只能是数字。请在京东APP → 我的 → 我的订单里打开这笔订单，"
                    "复制订单详情中的订单号。"
                ),
                code="not_digits",
            )
        if not 8 <= len(number) <= 20:
            raise forms.ValidationError(
                _(
                    "订单号应为 8 到 20 位数字，你填了 %(count)d 位。请在京东APP → 我的 → "
                    "我的订单 → 订单详情里核对。"
                ),
                code="length",
                params={"count": len(number)},
            )
        return number

    def clean_item(self) -> str:
        return normalise_text(self.cleaned_data["item"])


SIMPLE_QUERY_NOTE = _(
    "这两类不用打电话：在京东APP → 我的 → 我的订单 → 订单详情 里查物流、修改收货地址，"
    "几秒钟就能办好。选了也可以继续：不用填想要的结果，卡片会告诉你在哪里办。"
)


# 三包第十一条 counts two repairs; more than this is a typo, not a history.
MAX_REPAIRS = 50


class ProblemForm(ShopperMessages, forms.ModelForm):
    required_fields = ("problem", "description", "happened_on")

    class Meta:
        model = Case
        # The last four are optional and decide a right only in some cases (routing/rights.py):
        # the goods' own problem behind a conduct problem, 三包 repairs and installation,
        # what goods a shop marked "不支持七天无理由".
        fields = [
            "problem",
            "description",
            "happened_on",
            "goods_kind",
            "underlying_problem",
            "repairs_so_far",
            "installed_on",
            "goods_what",
        ]
        field_classes = {"happened_on": DateField, "installed_on": DateField}
        labels = {
            "description": _("客观描述一下问题"),
            "happened_on": _("问题是哪天发生或发现的？"),
            "goods_kind": _("是哪类商品？（可不填）"),
            "underlying_problem": _(
                "选了售后推诿、客服不回复、退货被拒或其他问题：商品本身怎么了？"
            ),
            "repairs_so_far": _("三包商品：已经修过几次？"),
            "installed_on": _("三包商品由商家上门安装的：哪天装好的？"),
            "goods_what": _("商家标了“不支持七天无理由”：具体是什么商品？"),
        }
        help_texts = {
            "description": _(
                "说事实，不夸大：发生了什么、现在什么状态。例如“到货后无法启动，按电源键没反应”。"
            ),
            "goods_kind": _(
                "有的商品不能七天无理由退货；有三包凭证的商品（如电视、冰箱、空调、手机、电脑）有三包：选一下，卡片能告诉你还有哪些权利。"
            ),
            "underlying_problem": _("决定你有哪些退换修的权利，例如运输破损和故障不一样。"),
            "repairs_so_far": _("三包期内修过两次还不能用，可以要求换货或退货。"),
            "installed_on": _("三包期限从安装完成之日算，不是从签收之日。"),
            "goods_what": _(
                "只有按商品性质不宜退货的，才可能不适用七天无理由，例如“激活后明显贬值的商品”“购买时已说明临近保质期的商品”。"
            ),
        }
        widgets = {
            "problem": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "goods_kind": forms.RadioSelect,
            "underlying_problem": forms.RadioSelect,
            "repairs_so_far": forms.NumberInput(attrs={"min": 0, "max": MAX_REPAIRS}),
        }
        error_messages = {
            "problem": {"required": _("请选择问题类型；都不符合就选“其他问题”。")},
            "description": {"required": _("请简单描述一下问题。")},
            "happened_on": {"required": _("请填写问题发生或发现的日期。")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The kind answered in step 1, read before binding can touch the instance.
        self.purchase_kind = self.instance.purchase_kind
        fitting = set(problems_for(self.purchase_kind))
        # Only the problems that fit the purchase kind chosen in step 1, in their groups;
        # the simple queries say right there that they need no call (seed, 别没试常规渠道
        # 就打400: "在 APP 上 10 秒就能查到").
        groups = []
        for heading, values in PROBLEM_GROUPS:
            options = [(v, ProblemCategory(v).label) for v in values if v in fitting]
            note = SIMPLE_QUERY_NOTE if set(values) <= SIMPLE_QUERIES else ""
            if options:
                groups.append((heading, options, note))
        # The group of the kind's own first problem leads (a PLUS member: membership first).
        first = problems_for(self.purchase_kind)[0]
        groups.sort(key=lambda group: all(value != first for value, _label in group[1]))
        self.problem_groups = groups
        # The field itself accepts every category, so that a pair that does not fit (a kind
        # changed later, a forged post) gets the clear message of clean_problem.

    def clean_problem(self) -> str:
        problem = self.cleaned_data["problem"]
        if not problem_fits(self.purchase_kind, problem):
            raise forms.ValidationError(
                _("这个问题类型和你选的购买类型（%(kind)s）不匹配，请重新选择。"),
                code="mismatch",
                params={"kind": PurchaseKind(self.purchase_kind).label},
            )
        return problem

    def clean_description(self) -> str:
        return normalise_text(self.cleaned_data["description"])

    def clean_goods_what(self) -> str:
        return normalise_text(self.cleaned_data["goods_what"])

    def clean_installed_on(self) -> date | None:
        # 三包 counts from installation only when it came after the goods did (条例第十八条):
        # the receipt date is on the order step, already saved on the case.
        installed = self.cleaned_data["installed_on"]
        received = self.instance.received_on
        if installed is not None and received is not None and installed < received:
            raise forms.ValidationError(
                _("安装日期不能早于签收日期（%(received)s）：请检查这两个日期。"),
                code="before_receipt",
                params={"received": shopper_date(received, with_year=True)},
            )
        return installed

    def clean_repairs_so_far(self) -> int | None:
        repairs = self.cleaned_data["repairs_so_far"]
        if repairs is not None and repairs > MAX_REPAIRS:
            raise forms.ValidationError(
                _("修理次数请填 0 到 %(max)s 之间的数字。"),
                code="max_value",
                params={"max": MAX_REPAIRS},
            )
        return repairs


class PriorContactForm(ShopperMessages, forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices, widget=forms.HiddenInput)
    used = forms.BooleanField(required=False)
    contacted_on = DateField(label=_("哪天联系的"), required=False)
    answer = PriorContact._meta.get_field("answer").formfield(
        widget=forms.Textarea(attrs={"rows": 2})
    )
    has_record = forms.BooleanField(label=_("我有截图或聊天记录"), required=False)

    @property
    def channel_label(self) -> str:
        value = self.initial.get("channel") or self.data.get(self.add_prefix("channel"))
        return str(Channel(value).label) if value in Channel.values else ""

    DETAILS = ("contacted_on", "answer", "has_record")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("used"):
            # An unticked channel's details are hidden and not saved: an error on them would
            # block the step with a message the shopper cannot see.
            for name in self.DETAILS:
                self.errors.pop(name, None)
                cleaned.pop(name, None)
            return cleaned
        if not cleaned.get("contacted_on") and "contacted_on" not in self.errors:
            self.add_error(
                "contacted_on",
                _("%(channel)s：请填写联系的日期（大概即可）。") % {"channel": self.channel_label},
            )
        if cleaned.get("answer"):
            cleaned["answer"] = normalise_text(cleaned["answer"])
        return cleaned


class BasePriorContactFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": _("表单已过期，请刷新页面后重新填写。"),
        "too_many_forms": _("表单已过期，请刷新页面后重新填写。"),
        "too_few_forms": _("表单已过期，请刷新页面后重新填写。"),
    }

    def clean(self) -> None:
        channels = [form.cleaned_data.get("channel") for form in self.forms if form.cleaned_data]
        if len(channels) != len(set(channels)) or set(channels) - set(Channel.values):
            raise forms.ValidationError(_("表单已过期，请刷新页面后重新填写。"))

    def save(self, case: Case) -> None:
        """The ticked channels replace the case's contacts (the caller holds the row lock)."""
        case.prior_contacts.all().delete()
        PriorContact.objects.bulk_create(
            PriorContact(
                case=case,
                channel=form.cleaned_data["channel"],
                contacted_on=form.cleaned_data["contacted_on"],
                answer=form.cleaned_data.get("answer", ""),
                has_record=form.cleaned_data.get("has_record", False),
            )
            for form in self.forms
            if form.cleaned_data.get("used")
        )


PriorContactFormSet = forms.formset_factory(
    PriorContactForm,
    formset=BasePriorContactFormSet,
    extra=0,
    max_num=len(Channel.choices),
    absolute_max=len(Channel.choices),
    validate_max=True,
)


def prior_contact_formset(case: Case, data: Any = None) -> BasePriorContactFormSet:
    """One row per channel, prefilled from the contacts already saved."""
    saved = {c.channel: c for c in case.prior_contacts.all()}
    initial = []
    for value in Channel.values:
        contact = saved.get(value)
        initial.append(
            {
                "channel": value,
                "used": contact is not None,
                "contacted_on": contact.contacted_on if contact else None,
                "answer": contact.answer if contact else "",
                "has_record": contact.has_record if contact else False,
            }
        )
    return PriorContactFormSet(data, initial=initial, prefix="tried")


class WantForm(ShopperMessages, forms.ModelForm):
    # Narrower than the column: a day count a hotline can promise.
    deadline_days = forms.IntegerField(
        label=_("希望几天内解决？（可不填）"),
        help_text=_("例如 3，表示“希望 3 天内解决”。"),
        required=False,
        min_value=1,
        max_value=DEADLINE_MAX_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("请填写天数，例如 3。"),
            "min_value": _("天数至少为 1。"),
            "max_value": _("天数最多为 %(limit_value)s。"),
        },
    )
    required_fields = ("desired_outcome",)

    class Meta:
        model = Case
        fields = ["desired_outcome", "outcome_detail", "deadline_days"]
        labels = {
            "desired_outcome": _("你希望怎么解决？"),
            "outcome_detail": _("补充说明（选“其他”时必填）"),
        }
        help_texts = {
            "desired_outcome": _("说清楚诉求，客服就不用反复追问。"),
            "outcome_detail": _("例如“补发缺少的配件”“赔偿运费 12 元”。"),
        }
        widgets = {"desired_outcome": forms.RadioSelect}
        error_messages = {"desired_outcome": {"required": _("请选择你想要的结果。")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What was saved before this post: a vague outcome warns once, when newly typed.
        self.saved = (self.instance.desired_outcome, self.instance.outcome_detail)
        # The outcomes that fit the problem first, the others after (seed, 技巧3 明确诉求).
        fitting, rest = outcomes_for(self.instance.problem)
        self.outcome_groups = [
            (heading, [(value, Outcome(value).label) for value in values], "")
            for heading, values in ((_("适合这个问题的结果"), fitting), (_("其他结果"), rest))
            if values
        ]
        if self.instance.problem in SIMPLE_QUERIES:
            # A simple query needs no call, so no outcome to ask for (the step is skipped;
            # a shopper who opens it anyway may go on without one).
            self.fields["desired_outcome"].required = False

    @property
    def newly_vague(self) -> bool:
        outcome = self.cleaned_data.get("desired_outcome", "")
        detail = self.cleaned_data.get("outcome_detail", "")
        return (
            bool(outcome) and outcome_is_vague(outcome, detail) and (outcome, detail) != self.saved
        )

    def clean_outcome_detail(self) -> str:
        return normalise_text(self.cleaned_data["outcome_detail"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("desired_outcome") == Outcome.OTHER and not cleaned.get("outcome_detail"):
            self.add_error("outcome_detail", _("选了“其他”，请写一下你想要的结果。"))
        return cleaned


# ----- After the call -----

CLOCK_SKEW = timedelta(minutes=5)
PROMISE_HORIZON = timedelta(days=366)
_TICKET = re.compile(r"[A-Z0-9][A-Z0-9\-]*")


class HotlineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Hotline) -> str:
        return f"{obj.display_name} {obj.number}"


class CallForm(ShopperMessages, forms.ModelForm):
    called_at = forms.DateTimeField(
        label=_("什么时候打的"),
        help_text=_("北京时间。默认是现在。"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("请填写通话时间。"),
            "invalid": _("请按“年-月-日 时:分”填写，例如 2026-11-28 10:30。"),
        },
    )
    hotline = HotlineChoiceField(
        label=_("打的是哪条线"),
        queryset=Hotline.objects.filter(active=True),
        empty_label=None,
        error_messages={"required": _("请选择打的是哪条线。")},
    )
    # May lie ahead, unlike every other date here.
    promised_by = DateField(
        label=_("承诺在哪天之前解决（可不填）"),
        required=False,
        validators=[],
    )

    # The directory learns (issue 22): optional, one tap each, counted anonymously.
    reached_person = forms.ChoiceField(
        label=_("接通人工客服了吗？"),
        required=False,
        choices=[("", _("不填")), ("yes", _("接通了")), ("no", _("没接通"))],
        widget=forms.RadioSelect,
    )
    minutes_to_person = forms.IntegerField(
        label=_("大约等了几分钟才接通人工？（可不填）"),
        help_text=_("从拨通到人工客服接听，估个整数就行。"),
        required=False,
        min_value=0,
        max_value=MAX_MINUTES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "max_value": _(
                "最多填 %(limit_value)s 分钟（3 小时）。请检查是不是多打了一个 0，或者不填。"
            ),
            "min_value": _("分钟数不能是负数。"),
            "invalid": _("请只填一个整数，例如 6。"),
        },
    )
    sent_to = forms.ChoiceField(
        label=_("客服让你改打别的号码了吗？"),
        required=False,
        widget=forms.RadioSelect,
    )
    sent_to_number = forms.CharField(
        label=_("别的号码是多少？（选了“其他号码”时填写）"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    taken_on = forms.ChoiceField(
        label=_("问题受理了吗？（给了处理单号就算受理）"),
        required=False,
        choices=[("", _("不填")), ("yes", _("受理了")), ("no", _("没受理"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Call
        fields = [
            "called_at",
            "hotline",
            "agent_id",
            "ticket_number",
            "promise",
            "promised_by",
            "reached_person",
            "minutes_to_person",
            "sent_to",
            "taken_on",
            "notes",
        ]
        labels = {
            "notes": _("其他笔记（可不填）"),
            "agent_id": _("客服工号（可不填）"),
            "ticket_number": _("处理单号 / 服务单号（可不填）"),
            "promise": _("客服承诺了什么（可不填）"),
        }
        help_texts = {
            "agent_id": _("客服接通时通常会报工号。"),
            "ticket_number": _("客服给的单号，之后查询进度、再次来电都要用。"),
            "promise": _("例如“安排上门检测”“3个工作日内退款”。"),
        }
        widgets = {
            "ticket_number": forms.TextInput(
                attrs={"autocomplete": "off", "autocapitalize": "characters"}
            ),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lines = list(Hotline.objects.filter(active=True))
        self.fields["sent_to"].choices = [
            ("", _("没有 / 不填")),
            *((line.key, f"{line.display_name} {line.number}") for line in lines),
            (SENT_ELSEWHERE, _("其他号码（在下面填写）")),
        ]
        # An edited call sent to a number outside the directory shows it in the box.
        saved = self.instance.sent_to if self.instance else ""
        if saved and saved not in {line.key for line in lines}:
            self.initial["sent_to"] = SENT_ELSEWHERE
            self.initial["sent_to_number"] = saved

    def clean_sent_to_number(self) -> str:
        number = normalise_digits(self.cleaned_data["sent_to_number"]).replace(" ", "")
        if number:
            # Only hotline-shaped numbers: a personal phone number must never reach the
            # figures, which show operators where shoppers were sent.
            try:
                validate_hotline_number(number)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("请填写 400 号码（如 400-606-5500）或 95 开头的短号（如 950618）。"),
                    code="sent_to_number",
                ) from None
        return number

    def clean_called_at(self) -> datetime:
        called_at = self.cleaned_data["called_at"]
        if called_at > timezone.now() + CLOCK_SKEW:
            raise forms.ValidationError(_("通话时间不能晚于现在。"), code="future")
        not_too_early(timezone.localdate(called_at))
        return called_at

    def clean_agent_id(self) -> str:
        return normalise_digits(self.cleaned_data["agent_id"]).upper()

    def clean_ticket_number(self) -> str:
        # Tickets may carry hyphens (unlike order numbers): fold width, drop spaces only.
        raw = unicodedata.normalize("NFKC", self.cleaned_data["ticket_number"])
        ticket = re.sub(r"\s+", "", raw).replace("‐", "-").replace("‑", "-").upper()
        if ticket and not _TICKET.fullmatch(ticket):
            raise forms.ValidationError(
                _("处理单号只能包含字母、数字和连字符，请照客服报的单号填写。"), code="ticket"
            )
        return ticket

    def clean_promise(self) -> str:
        return normalise_text(self.cleaned_data["promise"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        called_at, promised_by = cleaned.get("called_at"), cleaned.get("promised_by")
        if called_at and promised_by and promised_by < timezone.localdate(called_at):
            self.add_error("promised_by", _("承诺日期不能早于通话那天。"))
        elif (
            called_at
            and promised_by
            and promised_by > timezone.localdate(called_at) + PROMISE_HORIZON
        ):
            self.add_error("promised_by", _("承诺日期离通话超过一年，请检查年份。"))
        self._clean_report(cleaned)
        return cleaned

    def _clean_report(self, cleaned: dict[str, Any]) -> None:
        """ "Other number" takes the typed number; minutes without a person make no sense."""
        if cleaned.get("sent_to") == SENT_ELSEWHERE:
            number = cleaned.get("sent_to_number")
            if number:
                cleaned["sent_to"] = number
            elif "sent_to_number" not in self.errors:
                self.add_error(
                    "sent_to_number", _("请填写客服让你改打的号码，或者选“没有 / 不填”。")
                )
        if cleaned.get("reached_person") == "no" and cleaned.get("minutes_to_person") is not None:
            self.add_error(
                "minutes_to_person", _("没接通人工时不用填分钟数。请删掉，或把上一题改成“接通了”。")
            )


class CloseForm(ShopperMessages, forms.Form):
    outcome = forms.ChoiceField(
        label=_("这个案例现在怎么样了？"),
        choices=Closing.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择一项。")},
    )
    closing_note = Case._meta.get_field("closing_note").formfield(
        label=_("备注（可不填）"), help_text=_("例如“已换新机”“退款已到账”。")
    )


class SellerForm(ShopperMessages, forms.ModelForm):
    required_fields = ("seller_name",)

    class Meta:
        model = Case
        fields = ["seller_name"]
        labels = {"seller_name": _("经营者（被投诉方）名称")}
        help_texts = {
            "seller_name": _(
                "自营商品看订单发票上的销售方；第三方店铺在店铺首页 → 店铺资质（营业执照）里查看公司名称。"
            )
        }
        error_messages = {"seller_name": {"required": _("请填写经营者名称。")}}

    def clean_seller_name(self) -> str:
        return normalise_text(self.cleaned_data["seller_name"])


# ----- Evidence -----


class MultipleImageInput(forms.FileInput):
    allow_multiple_selected = True


class ImageFilesField(forms.FileField):
    """Several files at once. Each file is judged later, one by one, by the pipeline, so
    one bad file among several does not send the good ones back."""

    widget = MultipleImageInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class EvidenceUploadForm(ShopperMessages, forms.Form):
    files = ImageFilesField(
        label=_("选择截图或照片"),
        error_messages={"required": _("请选择要上传的截图或照片。")},
        widget=MultipleImageInput(attrs={"multiple": True, "accept": "image/*,.heic,.heif"}),
    )
    kind = Evidence._meta.get_field("kind").formfield(
        label=_("这是什么图片"), error_messages={"invalid_choice": _("请选择图片的类型。")}
    )
    caption = Evidence._meta.get_field("caption").formfield(
        label=_("说明（可选）"),
        help_text=_("例如：外包装右下角破损"),
        error_messages={
            "max_length": _("说明超出 %(over)d 字，请删短一些（最多 %(limit_value)d 字）。")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "可以一次选择多张。支持 JPG、PNG、WebP、HEIC 格式，每张最多 %(size)s。"
        ) % {"size": size_text(settings.EVIDENCE_MAX_FILE_BYTES)}

    def clean_caption(self) -> str:
        return " ".join(self.cleaned_data["caption"].split())
