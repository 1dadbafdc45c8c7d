"""Log filters: the secret part of a private link never reaches a log line."""

import logging
import re
from urllib.parse import unquote

from django.conf import settings

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RedactPrivateLinks(logging.Filter):
    """Replaces the key of a private link (/answers/<key>/, /my-program/<key>/…) by "[key]".

    The key is the whole secret of a patient's page; a log line is read by more people
    and kept longer than the page itself.
    """

    def __init__(self, name=""):
        super().__init__(name)
        prefixes = "|".join(re.escape(p.strip("/")) for p in settings.PRIVATE_LINK_PREFIXES)
        self.pattern = re.compile(rf"/({prefixes})/[^/\s?\"']+", re.IGNORECASE)

    def filter(self, record):
        # Decoded first: /my-%70rogram/<key>/ is the same page, and so is its log line.
        decoded = unquote(record.getMessage())
        if self.pattern.search(decoded):
            redacted = self.pattern.sub(r"/\1/[key]", decoded)
            # Decoding must not let a %0A in an address start a line of its own.
            record.msg = CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", redacted)
            record.args = ()
        return True
