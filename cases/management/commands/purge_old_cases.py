"""Delete cases nobody has touched for the retention period, with their files.

Run it daily (cron, a systemd timer): cases hold order numbers and chat screenshots, and
PRODUCT.md promises they do not outlive their use.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from cases.models import Case


class Command(BaseCommand):
    help = "Delete cases not changed for JD400_CASE_RETENTION_DAYS days (default 180)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=settings.CASE_RETENTION_DAYS)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, days: int, dry_run: bool, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(days=days)
        old = Case.objects.filter(updated_at__lt=cutoff)
        count = old.count()
        if not dry_run:
            # One case at a time: each deletion's file clean-up runs when its own
            # transaction commits.
            for case in old.iterator():
                with transaction.atomic():
                    case.delete()
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {count} case(s) last changed before {cutoff:%Y-%m-%d}")
