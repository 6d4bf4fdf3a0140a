from __future__ import annotations

import io
import logging

import pytest

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


# --- What the configured loggers really write -------------------------------------------


def _every_handler() -> list[logging.Handler]:
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
    ]
    handlers = {id(h): h for logger in loggers for h in getattr(logger, "handlers", [])}
    # pytest's own capture handlers are not the site's.
    return [h for h in handlers.values() if not type(h).__module__.startswith("_pytest")]


@pytest.fixture
def written():
    """Everything the site's log handlers write during the test, as one string."""
    out = io.StringIO()
    swapped = []
    for handler in _every_handler():
        if isinstance(handler, logging.StreamHandler):
            swapped.append((handler, handler.setStream(out)))
    yield out
    for handler, stream in swapped:
        handler.setStream(stream)


TOKEN = "XNanuA3kZj3fPdT0nHNbjh3dnKgV49vv"


def test_it_keeps_the_token_out_of_the_dev_servers_access_line(written):
    # What runserver writes for every request (django.core.servers.basehttp.log_message).
    logging.getLogger("django.server").warning(
        '"%s" %s %s', f"GET /c/{TOKEN}/order/ HTTP/1.1", "404", "1234"
    )
    line = written.getvalue()
    assert "GET /c/<token>/order/" in line
    assert TOKEN not in line


@pytest.mark.django_db
def test_it_keeps_the_token_out_of_djangos_not_found_line(client, written, settings):
    settings.DEBUG = True  # as under `make run`, where Django's own console handler speaks
    response = client.get(f"/c/{TOKEN}/reminder.ics")
    assert response.status_code == 404
    assert "Not Found: /c/<token>/reminder.ics" in written.getvalue()
    assert TOKEN not in written.getvalue()


@pytest.mark.django_db
def test_it_keeps_the_token_out_of_a_refused_csrf_line(written):
    from django.test import Client

    Client(enforce_csrf_checks=True).post(f"/c/{TOKEN}/order/", {})
    assert "Forbidden" in written.getvalue()
    assert TOKEN not in written.getvalue()
