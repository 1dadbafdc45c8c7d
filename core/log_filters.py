"""Log filters: the secret part of a private link never reaches a log line.

Django's own log lines go through `RedactPrivateLinks`; gunicorn's access log through
`RedactingAccessLogger` (set by ./gunicorn.conf.py, which gunicorn reads at start).
"""

import logging
import re
from functools import cache
from urllib.parse import unquote

from django.conf import settings
from gunicorn.glogging import Logger

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# What a patient types: the query of a search address (/search/?q=…, /search/suggest/?q=…),
# in a request line or a Referer, never reaches an access log.
TYPED_QUERY = re.compile(r"(/search/[^?\s\"]*)\?[^\s\"]*")


@cache
def _private_link():
    prefixes = "|".join(re.escape(p.strip("/")) for p in settings.PRIVATE_LINK_PREFIXES)
    return re.compile(rf"/({prefixes})/[^/\s?\"']+", re.IGNORECASE)


def redact(text):
    """`text` with the key of every private link (/answers/<key>/, /my-program/<key>/…)
    replaced by "[key]"; unchanged when it holds none."""
    # Decoded first: /my-%70rogram/<key>/ is the same page, and so is its log line.
    decoded = unquote(text)
    if not _private_link().search(decoded):
        return text
    redacted = _private_link().sub(r"/\1/[key]", decoded)
    # Decoding must not let a %0A in an address start a line of its own.
    return CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", redacted)


class RedactPrivateLinks(logging.Filter):
    """Replaces the key of a private link by "[key]" in Django's log lines.

    The key is the whole secret of a patient's page; a log line is read by more people
    and kept longer than the page itself.
    """

    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted is not message:
            record.msg, record.args = redacted, ()
        return True


class NoClientErrorTracebacks(logging.Filter):
    """A client error (a 403 from PermissionDenied, a 404) is logged as one line: its
    traceback is noise that buries the outages the console is read for."""

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class RedactingAccessLogger(Logger):
    """gunicorn's logger, whose access log holds no private link's key, and no query of
    the search addresses (what a patient typed: a question, a name, a symptom)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name, value in atoms.items():
            if isinstance(value, str):
                atoms[name] = redact(TYPED_QUERY.sub(r"\1?[query]", value))
        if environ.get("PATH_INFO", "").startswith("/search/") and environ.get("QUERY_STRING"):
            atoms["q"] = atoms["{query_string}e"] = "[query]"
        return atoms
