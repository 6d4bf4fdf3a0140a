"""Evidence files follow their rows: deleting a row (or its case) removes the files."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from cases.evidence import delete_stored
from cases.models import Evidence


def remove_evidence_files(sender: type[Evidence], instance: Evidence, **kwargs: Any) -> None:
    # Only once the deletion commits: a rolled-back delete must find its files still there.
    # Also fires for every row of a deleted case (the cascade sends post_delete per row).
    names = [instance.image.name, instance.thumbnail.name]
    storage = instance.image.storage
    transaction.on_commit(partial(delete_stored, names, storage), robust=True)
