"""Private links: addresses whose key is the whole secret of a patient's page
(settings.PRIVATE_LINK_PREFIXES), in every language the site has (/es/my-program/<key>/
is the same secret as /my-program/<key>/)."""

import re
from functools import cache

from django.conf import settings


@cache
def _language_prefix():
    codes = "|".join(re.escape(code) for code, _ in settings.LANGUAGES)
    return re.compile(rf"^/({codes})(?=/)", re.IGNORECASE)


def private_prefix(path):
    """The private-link prefix `path` is under ("/my-program/"), whatever its language
    prefix; "" when it is not a private address."""
    path = _language_prefix().sub("", path, count=1)
    for prefix in settings.PRIVATE_LINK_PREFIXES:
        if path.startswith(prefix):
            return prefix
    return ""
