"""Remove evidence files that no row references, and uploads a killed server left behind.

Files and rows are kept together at upload and deletion, but a crash between the two, a
failed delete or a rolled-back outer transaction can leave a file behind. Run it daily,
after purge_old_cases: an orphan is a private screenshot nobody can reach or delete.

A server process killed while it reads an upload leaves the shopper's raw original (EXIF
and GPS intact) in FILE_UPLOAD_TEMP_DIR: nothing else ever removes it.
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from cases.evidence import delete_stored, referenced_names, stored_names


class Command(BaseCommand):
    help = "Delete evidence files that no Evidence row references."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            # An upload writes its files a moment before its row commits: a younger file
            # may be one of those, not an orphan.
            help="only files older than this (default 60)",
        )

    def handle(self, *args: Any, dry_run: bool, min_age_minutes: int, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(minutes=min_age_minutes)
        # Names on disk first, then the rows: a row committed in between only makes its
        # file count as referenced, never the other way round.
        on_disk = list(stored_names(default_storage))
        referenced = referenced_names()
        orphans = [
            name
            for name in on_disk
            if name not in referenced and default_storage.get_modified_time(name) <= cutoff
        ]
        for name in orphans:
            self.stdout.write(name)
        if not dry_run:
            delete_stored(orphans, default_storage)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {len(orphans)} orphan file(s); kept {len(on_disk) - len(orphans)}"
        )
        unfinished = _unfinished_uploads(min_age_minutes)
        for path in unfinished:
            self.stdout.write(str(path))
            if not dry_run:
                path.unlink(missing_ok=True)
        self.stdout.write(f"{verb} {len(unfinished)} unfinished upload(s)")


def _unfinished_uploads(min_age_minutes: int) -> list[Path]:
    """Files in the upload folder older than the cutoff: a request being read right now
    touches its file continuously, so only a dead process's file gets that old."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    if not folder.is_dir():
        return []
    cutoff = time.time() - min_age_minutes * 60
    # Each gunicorn worker streams into a folder of its own (gunicorn.conf.py).
    return [path for path in folder.rglob("*") if path.is_file() and path.stat().st_mtime <= cutoff]
