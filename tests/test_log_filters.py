from __future__ import annotations

import logging

from jd400site.log_filters import RedactCaseTokens


def _filtered(msg: str, *args: object) -> str:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, None)
    RedactCaseTokens().filter(record)
    return record.getMessage()


def test_it_hides_the_token_in_a_not_found_line():
    line = _filtered("Not Found: %s", "/c/XNanuA3kZj3fPdT0nHNbjh3dnKgV49vv/reminder.ics")
    assert line == "Not Found: /c/<token>/reminder.ics"


def test_it_hides_a_token_written_into_the_message_itself():
    line = _filtered("Forbidden (CSRF token missing.): /c/0NUIxG_aHxIxr0TnIm_W_OcqibEpSco2/order/")
    assert "0NUIxG" not in line


def test_it_leaves_other_paths_alone():
    assert _filtered("Not Found: %s", "/hotlines/x") == "Not Found: /hotlines/x"


def test_it_is_on_the_console_handler():
    from django.conf import settings

    assert "redact_case_tokens" in settings.LOGGING["handlers"]["console"]["filters"]


def test_it_hides_the_token_in_gunicorns_access_line():
    # gunicorn formats its access line from a dict of atoms.
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        '%(h)s "%(r)s" %(s)s',
        (
            {
                "h": "127.0.0.1",
                "r": "GET /c/XNanuA3kZj3fPdT0nHNbjh3dnKgV49vv/card/ HTTP/1.1",
                "s": "200",
            },
        ),
        None,
    )
    RedactCaseTokens().filter(record)
    assert record.getMessage() == '127.0.0.1 "GET /c/<token>/card/ HTTP/1.1" 200'
