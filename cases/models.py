from __future__ import annotations

from datetime import datetime

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.addresses import new_token, with_return
from routing.choices import (
    Channel,
    GoodsKind,
    Outcome,
    ProblemCategory,
    PurchaseKind,
    UnderlyingProblem,
    label_of,
)
from routing.report_models import move_report
from routing.reports import Report, bucket_key


class Closing(models.TextChoices):
    """What the shopper says of a case after the calls: their word, never derived."""

    RESOLVED = "resolved", _("已经解决了")
    GIVEN_UP = "given_up", _("不再跟进了（放弃）")
    REOPEN = "reopen", _("还没解决，继续跟进")


class Case(models.Model):
    """One shopper's after-sales problem, filled in step by step by the wizard."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    # Step 1: the order
    order_number = models.CharField(_("订单号"), max_length=20, blank=True)
    purchase_kind = models.CharField(
        _("购买类型"), max_length=20, choices=PurchaseKind.choices, blank=True
    )
    item = models.CharField(_("买的是什么"), max_length=60, blank=True)
    # Optional: the day the legal windows count from (订单详情 → 签收时间/完成时间).
    received_on = models.DateField(_("签收日期"), null=True, blank=True)

    # Step 2: the problem
    problem = models.CharField(
        _("问题类型"), max_length=30, choices=ProblemCategory.choices, blank=True
    )
    description = models.TextField(_("问题描述"), max_length=500, blank=True)
    happened_on = models.DateField(_("发生日期"), null=True, blank=True)
    # Optional: asked where the kind of goods changes the shopper's rights.
    goods_kind = models.CharField(
        _("商品类型"), max_length=20, choices=GoodsKind.choices, blank=True
    )
    # Optional, asked only where they decide a right (routing/rights.py, issue 19):
    # the goods' own problem behind a conduct problem (推诿, 不回复, 退货被拒, 其他);
    underlying_problem = models.CharField(
        _("商品本身的问题"),
        max_length=30,
        choices=UnderlyingProblem.choices,
        blank=True,
    )
    # for 三包 goods, repairs so far (art. 11) and the day the seller installed it (条例 art. 18);
    repairs_so_far = models.PositiveSmallIntegerField(_("已经修过几次"), null=True, blank=True)
    installed_on = models.DateField(_("商家安装完成日期"), null=True, blank=True)
    # for goods a shop marked "不支持七天无理由", what they are, in the shopper's words.
    goods_what = models.CharField(_("商品具体是什么"), max_length=60, blank=True)

    # Step 3: already tried (the contacts themselves are PriorContact rows). True once the
    # shopper has answered the step, even with "nothing yet".
    tried_answered = models.BooleanField(default=False)

    # Step 4: what I want
    desired_outcome = models.CharField(
        _("诉求"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_detail = models.CharField(_("诉求说明"), max_length=100, blank=True)
    deadline_days = models.PositiveSmallIntegerField(_("期限（天）"), null=True, blank=True)

    # Step 5: evidence (the files are Evidence rows); True once the step was passed.
    evidence_answered = models.BooleanField(default=False)

    # Step 6: the shopper checked the answers and asked for the card.
    card_ready_at = models.DateTimeField(null=True, blank=True)

    # After the call
    seller_name = models.CharField(_("经营者名称"), max_length=100, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    given_up_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.CharField(_("备注"), max_length=200, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("案例")
        verbose_name_plural = _("案例")

    # Shown on every card and check page: the cheap way (routing.choices.label_of).
    def get_purchase_kind_display(self) -> str:
        return label_of(PurchaseKind, self.purchase_kind)

    def get_problem_display(self) -> str:
        return label_of(ProblemCategory, self.problem)

    def get_goods_kind_display(self) -> str:
        return label_of(GoodsKind, self.goods_kind)

    def get_desired_outcome_display(self) -> str:
        return label_of(Outcome, self.desired_outcome)

    def __str__(self) -> str:
        return f"{self.order_number or '—'} ({self.get_purchase_kind_display() or '—'})"

    def get_absolute_url(self) -> str:
        """The card: the page the private link and the QR code open."""
        return reverse("cases:card", args=[self.token])

    def step_url(self, slug: str, returning: bool = False) -> str:
        return with_return(reverse("cases:step", args=[self.token, slug]), returning)

    def mark_card_ready(self, at: datetime) -> None:
        """The shopper checked the answers; the first time counts, whichever device it was
        on (a condition in the UPDATE, not the copy this request read)."""
        Case.objects.filter(pk=self.pk, card_ready_at__isnull=True).update(card_ready_at=at)
        self.touch()
        self.refresh_from_db(fields=["card_ready_at"])

    def close(self, closing: Closing, note: str, at: datetime) -> None:
        """Resolved and given up are the shopper's word; reopening clears both."""
        self.resolved_at = at if closing == Closing.RESOLVED else None
        self.given_up_at = at if closing == Closing.GIVEN_UP else None
        self.closing_note = note
        self.save(update_fields=["resolved_at", "given_up_at", "closing_note", "updated_at"])

    def replace_token(self) -> None:
        """A leaked link is replaced, not the case: the old token stops working the moment
        this saves, and everything reached through the link (files, calendar, text copy)
        follows the new one."""
        self.token = new_token()
        self.save(update_fields=["token", "updated_at"])

    def touch(self) -> None:
        """Mark the case as in use (retention counts from the last change, files and calls
        included), without rewriting its other fields."""
        self.updated_at = timezone.now()
        Case.objects.filter(pk=self.pk).update(updated_at=self.updated_at)


class PriorContact(models.Model):
    """A channel the shopper already tried before calling (seed: 已尝试的解决方式)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="prior_contacts")
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices)
    contacted_on = models.DateField(_("联系日期"))
    answer = models.CharField(_("对方怎么答复"), max_length=200, blank=True)
    has_record = models.BooleanField(_("有截图或记录"), default=False)

    class Meta:
        ordering = ["contacted_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "channel"], name="one_contact_per_channel")
        ]

    def get_channel_display(self) -> str:
        return label_of(Channel, self.channel)


class EvidenceKind(models.TextChoices):
    ORDER_PAGE = "order_page", _("订单页面截图")
    CHAT_RECORD = "chat_record", _("聊天记录截图")
    PROBLEM_PHOTO = "problem_photo", _("问题照片")
    OTHER = "other", _("其他")


class Evidence(models.Model):
    """A screenshot or photo, re-encoded and stripped of metadata before it is stored."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(
        _("类型"), max_length=20, choices=EvidenceKind.choices, default=EvidenceKind.OTHER
    )
    caption = models.CharField(_("说明"), max_length=100, blank=True)
    # Plain FileFields: the pipeline already decoded and re-encoded the image; the stored
    # names are random, never the shopper's file name.
    image = models.FileField(max_length=200)
    thumbnail = models.FileField(max_length=200)
    content_type = models.CharField(max_length=30)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    size_bytes = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("证据")
        verbose_name_plural = _("证据")

    def get_kind_display(self) -> str:
        return label_of(EvidenceKind, self.kind)

    @property
    def name_for_agent(self) -> str:
        """How the card, its print and its text name it: kind and caption
        (`聊天记录截图 · 11月29日在线客服答复`). Never the file name: `IMG_2041.JPG` means
        nothing to an agent (issue 24)."""
        kind = gettext("其他图片") if self.kind == EvidenceKind.OTHER else self.get_kind_display()
        return f"{kind} · {self.caption}" if self.caption else kind


class LoggedCalls(models.Manager["Call"]):
    """The call log: calls the shopper confirmed. A call still on the call page (a draft)
    is left out of `case.calls`, the card, the status and the 12315 text."""

    def get_queryset(self) -> models.QuerySet[Call]:
        return super().get_queryset().filter(is_draft=False)


class Call(models.Model):
    """One call to a hotline, logged during or after it (seed: 别不跟进处理进度).

    While the shopper is on the phone the same row is a draft (`is_draft`): the call page
    saves the notes into it as they are typed, and "通话结束" turns it into the log entry
    the shopper confirms on the call form. No second kind of record."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="calls")
    called_at = models.DateTimeField(_("通话时间"))
    hotline = models.ForeignKey(
        "routing.Hotline",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("拨打的专线"),
    )
    agent_id = models.CharField(_("客服工号"), max_length=20, blank=True)
    ticket_number = models.CharField(_("处理单号"), max_length=40, blank=True)
    promise = models.CharField(_("客服承诺"), max_length=200, blank=True)
    promised_by = models.DateField(_("承诺在此日期前解决"), null=True, blank=True)
    # The directory learns (issue 22): optional answers about how the call went. Only
    # they (with the line and the hour) reach the figures, as one count in a bucket.
    reached_person = models.CharField(
        _("接通人工了吗"),
        max_length=3,
        blank=True,
        choices=[("yes", _("接通了")), ("no", _("没接通"))],
    )
    minutes_to_person = models.PositiveSmallIntegerField(
        _("约几分钟接通人工"), null=True, blank=True
    )
    sent_to = models.CharField(_("被转到的号码"), max_length=40, blank=True)
    taken_on = models.CharField(
        _("问题受理了吗"),
        max_length=3,
        blank=True,
        choices=[("yes", _("受理了")), ("no", _("没受理"))],
    )
    # The bucket this call's report counts in, so an edit moves it rather than adding one.
    counted_in = models.ForeignKey(
        "routing.ReportCount", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("其他笔记"), max_length=1000, blank=True)
    # The call page: the script's parts the shopper ticked off (keys, comma-separated),
    # when "通话结束" was pressed, and whether the call is still on the page (a draft).
    parts_done = models.CharField(max_length=60, blank=True)
    ended_at = models.DateTimeField(_("通话结束时间"), null=True, blank=True)
    is_draft = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The first manager is the default one, which `case.calls` uses: the log only.
    objects = LoggedCalls()
    with_drafts = models.Manager()

    class Meta:
        ordering = ["called_at", "id"]
        verbose_name = _("通话记录")
        verbose_name_plural = _("通话记录")
        constraints = [
            # One call page per case: a second tab or device writes into the same draft.
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(is_draft=True), name="one_draft_call_per_case"
            )
        ]

    @property
    def report(self) -> Report:
        """The call's answers as the figures take them; a ticket number means the problem
        was taken on unless the shopper said otherwise."""
        taken_on = self.taken_on or ("yes" if self.ticket_number else "")
        return Report(self.reached_person, self.minutes_to_person, self.sent_to, taken_on)

    def delete_with_report(self) -> None:
        """Delete this call and take its report out of the figures: one report per call, so
        a call deleted and logged again counts once. (Deleting a whole case keeps its
        calls' counts, by design: only counts remain.)"""
        with transaction.atomic():
            # The bucket as the database has it now (locked), as in count_report().
            before = (
                Call.objects.select_for_update()
                .filter(pk=self.pk)
                .values_list("counted_in", flat=True)
                .first()
            )
            move_report(before, None)
            self.delete()

    def count_report(self) -> None:
        """Count this call's report once: an edit moves it to its new bucket, a call with
        no answers (or no line) counts nowhere. Call inside the transaction that saves it."""
        report = self.report
        key = None
        if self.hotline_id is not None and not report.is_empty:
            key = bucket_key(self.hotline_id, self.called_at, report)
        # The bucket as the database has it now (locked): another device's edit of this
        # call a moment ago may have moved it since this instance was read.
        before = (
            Call.objects.select_for_update()
            .filter(pk=self.pk)
            .values_list("counted_in", flat=True)
            .first()
        )
        counted_in = move_report(before, key)
        if counted_in != before:
            self.counted_in_id = counted_in
            Call.objects.filter(pk=self.pk).update(counted_in=counted_in)

    @property
    def minutes(self) -> int | None:
        """How long the call lasted, in whole minutes (at least one), when it was timed."""
        if self.ended_at is None or self.ended_at < self.called_at:
            return None
        return max(1, round((self.ended_at - self.called_at).total_seconds() / 60))
