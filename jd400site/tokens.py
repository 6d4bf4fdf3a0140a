"""The private link's token: its shape, known to the URL converter (cases) and to the log
filter (jd400site) alike. No app or database here, so the log filter can import it while
logging is configured, before the apps are ready."""

from __future__ import annotations

# secrets.token_urlsafe(24): 24 random bytes, 32 URL-safe characters.
TOKEN_BYTES = 24
TOKEN_PATTERN = r"[A-Za-z0-9_-]{32}"
