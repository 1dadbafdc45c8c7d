"""`manage.py check --deploy` warnings for settings that only make sense locally."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}  # noqa: S104


@register(deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """Every email links to SITE_URL: a local address there sends patients nowhere."""
    parts = urlsplit(settings.SITE_URL)
    host = (parts.hostname or "").lower()
    if host in LOCAL_HOSTS or host.endswith(".local") or parts.scheme != "https":
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: the links in patients' emails would "
                "not reach the site.",
                hint="Set SITE_URL to the site's public https address, for example "
                "https://portal.example-clinic.com.",
                id="config.W001",
            )
        ]
    return []


@register(deploy=True)
def staff_need_a_second_factor(app_configs, **kwargs):
    if not settings.STAFF_TWO_FACTOR:
        return [
            Warning(
                "STAFF_TWO_FACTOR is off: a stolen staff password opens the admin, with "
                "patients' questions and contact details.",
                hint="Unset STAFF_TWO_FACTOR (it is on by default); it is for a local demo only.",
                id="config.W002",
            )
        ]
    return []
