"""The operators' tables (the hotline directory, the legal windows), read on every view of a
page, kept or not (jd400site/page_cache.py).

Read fresh from the database on every view, so an operator's correction shows on the next
page anyone opens, on every instance. But the rows change a few times a year: when they
are what this process read last time, the models built then are handed out again instead
of being built anew, with a fingerprint of every field for the page cache's key. Only ever
`active=True` rows, in the model's own order, with every field: what
`Model.objects.filter(active=True)` gives (compiled once, jd400site/compiled.py).
"""

from __future__ import annotations

import hashlib
from typing import Any, Generic, TypeVar

from django.db import models

from jd400site.compiled import Compiled

M = TypeVar("M", bound=models.Model)


class ActiveRows(list[M], Generic[M]):
    """The rows, as models, and `as_shown`: every field of every row, as a short digest."""

    as_shown: str


class _Table(Generic[M]):
    def __init__(self, model: type[M]) -> None:
        self.query: Compiled[M] = Compiled(lambda: model.objects.filter(active=True))
        self.model = model
        self.last: tuple[list[tuple[Any, ...]], list[M], str] | None = None

    def rows(self) -> ActiveRows[M]:
        fetched = self.query.fetch()
        last = self.last
        if last is None or last[0] != fetched:
            # The models are shared by the requests that come until the next change:
            # nothing writes to them (the admin edits rows of its own).
            named = repr((self.model._meta.label, fetched)).encode()
            last = (fetched, self.query.built(fetched), hashlib.sha256(named).hexdigest())
            self.last = last
        rows = ActiveRows(last[1])  # a list of the caller's own
        rows.as_shown = last[2]
        return rows


_tables: dict[type[models.Model], _Table[Any]] = {}


def active_rows(model: type[M]) -> ActiveRows[M]:
    if model not in _tables:
        _tables[model] = _Table(model)
    return _tables[model].rows()


def rows_as_shown(rows: ActiveRows[Any]) -> str:
    """Every field of every row (an operator may correct any of them), for a page's key."""
    return rows.as_shown
