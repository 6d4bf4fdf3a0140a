"""Keep private links out of the logs: a case token is the key to a case."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from jd400site.tokens import TOKEN_PATTERN

_CASE_PATH = re.compile(rf"/c/{TOKEN_PATTERN}")


def redact(text: str) -> str:
    return _CASE_PATH.sub("/c/<token>", text)


class RedactCaseTokens(logging.Filter):
    """Django logs "Not Found: /c/<token>/…" and the like, gunicorn logs every request
    line; those lines outlive the case."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(str(record.msg))
        if isinstance(record.args, Mapping):
            # gunicorn's access log formats its line from a dict of atoms (path, request
            # line, referer…), any of which may carry the token.
            record.args = {
                key: redact(value) if isinstance(value, str) else value
                for key, value in record.args.items()
            }
        elif record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in args)
        return True
