"""Evidence rows and their files: storing a clean image (cases/images.py) with its row,
the per-case caps, and the helpers of the sweep command.

Seed, 技巧 2 “保留证据，必要时提交”: the shopper screenshots the order, the chat records and
photos of the problem before calling. Those screenshots hold private data: the stored names
are random, and the shopper's file name is kept for display only.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.images import EvidenceRefused, clean_image, size_text
from cases.models import Case, Evidence

logger = logging.getLogger(__name__)

ORIGINAL_NAME_MAX = 255


def _random_name(extension: str) -> str:
    # 144 random bits: stored names say nothing about the shopper, the case or the file.
    return f"{secrets.token_urlsafe(18)}{extension}"


def display_name(name: str | None) -> str:
    """The shopper's own file name, for display only (never used to store anything)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable())[:ORIGINAL_NAME_MAX]


def _files_and_bytes(case: Case) -> tuple[int, int]:
    totals = Evidence.objects.filter(case_id=case.pk).aggregate(
        files=Count("id"), size=Sum("size_bytes")
    )
    return totals["files"], totals["size"] or 0


def _case_full() -> EvidenceRefused:
    return EvidenceRefused(
        _("这个案例最多可以上传 %(count)d 个文件，已经满了。请先删除不需要的再上传。")
        % {"count": settings.EVIDENCE_MAX_FILES_PER_CASE}
    )


def ensure_room(case: Case, incoming_bytes: int = 0) -> None:
    """Refuse when the case already holds the most files or bytes it may hold."""
    files, size = _files_and_bytes(case)
    if files >= settings.EVIDENCE_MAX_FILES_PER_CASE:
        raise _case_full()
    if size + incoming_bytes > settings.EVIDENCE_MAX_BYTES_PER_CASE:
        raise EvidenceRefused(
            _("这个案例的图片总共最多 %(size)s，已经不够放下这张。请先删除不需要的再上传。")
            % {"size": size_text(settings.EVIDENCE_MAX_BYTES_PER_CASE)}
        )


def delete_stored(names: Iterable[str], storage: Storage | None = None) -> None:
    storage = storage or default_storage
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError:
            # The sweep command collects what could not be removed now.
            logger.warning("evidence: could not delete %s", name, exc_info=True)


def add_evidence(
    case: Case, upload: IO[bytes], *, kind: str, caption: str = "", original_name: str = ""
) -> Evidence:
    """Clean one upload and store it with its row: both or neither."""
    [outcome] = _add_all(case, [(upload, display_name(original_name))], kind=kind, caption=caption)
    if isinstance(outcome, EvidenceRefused):
        raise outcome
    return outcome


@dataclass
class BatchResult:
    stored: list[Evidence] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def add_evidence_batch(
    case: Case, uploads: Iterable[IO[bytes]], *, kind: str, caption: str
) -> BatchResult:
    """Several files chosen at once: store each good one, list each refused one with why."""
    named = [(upload, display_name(getattr(upload, "name", ""))) for upload in uploads]
    result = BatchResult()
    for (_upload, name), outcome in zip(
        named, _add_all(case, named, kind=kind, caption=caption), strict=True
    ):
        if isinstance(outcome, EvidenceRefused):
            result.refused.append((name, str(outcome.message)))
        else:
            result.stored.append(outcome)
    return result


def _add_all(
    case: Case, uploads: list[tuple[IO[bytes], str]], *, kind: str, caption: str
) -> list[Evidence | EvidenceRefused]:
    """Clean each upload and write its files first, the slow part, with no lock held; then
    insert the rows in one transaction that checks the caps under the case's lock. Two
    uploads racing for the last slot are serialised and exactly one wins, and a request
    costs a few queries plus two per file. A refused or failed row leaves no file behind.
    """
    outcomes: list[Evidence | EvidenceRefused | None] = []
    pending: list[tuple[int, dict[str, object]]] = []
    saved: list[str] = []
    try:
        # Cheap early refusal: no decoding for files a full case cannot take.
        files_held, _size = _files_and_bytes(case)
        for upload, name in uploads:
            if files_held + len(pending) >= settings.EVIDENCE_MAX_FILES_PER_CASE:
                outcomes.append(_case_full())
                continue
            try:
                clean = clean_image(upload)
            except EvidenceRefused as refusal:
                outcomes.append(refusal)
                continue
            image_name = default_storage.save(
                _random_name(clean.extension), ContentFile(clean.content)
            )
            saved.append(image_name)
            thumbnail_name = default_storage.save(
                _random_name(clean.thumbnail_extension), ContentFile(clean.thumbnail)
            )
            saved.append(thumbnail_name)
            row = {
                "image": image_name,
                "thumbnail": thumbnail_name,
                "content_type": clean.content_type,
                "original_name": name,
                "size_bytes": len(clean.content),
                "width": clean.width,
                "height": clean.height,
            }
            pending.append((len(outcomes), row))
            outcomes.append(None)
        if pending:
            with transaction.atomic():
                now = timezone.now()
                # The UPDATE locks the case row until the commit (SQLite: the database), so
                # the cap checks below see every row a racing upload inserted; it is also
                # the retention clock's "in use".
                Case.objects.filter(pk=case.pk).update(updated_at=now)
                for index, row in pending:
                    try:
                        ensure_room(case, row["size_bytes"])
                    except EvidenceRefused as refusal:
                        outcomes[index] = refusal
                        continue
                    outcomes[index] = Evidence.objects.create(
                        case=case, kind=kind, caption=caption, **row
                    )
            case.updated_at = now
    except BaseException:
        # No row, no files: a failed insert leaves nothing behind.
        delete_stored(saved)
        raise
    delete_stored(
        name
        for index, row in pending
        if isinstance(outcomes[index], EvidenceRefused)
        for name in (row["image"], row["thumbnail"])
    )
    return [outcome for outcome in outcomes if outcome is not None]  # none is left


def stored_names(storage: Storage | None = None, path: str = "") -> Iterator[str]:
    """Every file name in the evidence storage, sub-folders included."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{path}/{name}" if path else name
    for folder in folders:
        yield from stored_names(storage, f"{path}/{folder}" if path else folder)


def referenced_names() -> set[str]:
    names: set[str] = set()
    for image, thumbnail in Evidence.objects.values_list("image", "thumbnail").iterator():
        names.update((image, thumbnail))
    return names
