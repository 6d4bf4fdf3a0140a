from __future__ import annotations

import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to
# run in such a thread unless told it is safe (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
