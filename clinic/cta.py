"""What the booking call-to-action needs about the main clinic, cached.

The call-to-action is on every page, so its clinic data comes from the cache: no
query on a warm cache, one on a cold one. Saving or deleting a clinic forgets it.
"""

import re

from django.conf import settings
from django.core.cache import cache

from clinic.models import Clinic

CACHE_KEY = "clinic:cta:main-clinic"
CACHE_SECONDS = 60 * 60 * 24


def main_clinic_contact():
    """The first active clinic as a small dict (empty when there is none)."""
    contact = cache.get(CACHE_KEY)
    if contact is None:
        clinic = Clinic.objects.active().first()
        contact = (
            {
                "name": clinic.name,
                "slug": clinic.slug,
                "url": clinic.get_absolute_url(),
                "phone": clinic.phone,
                "phone_href": clinic.phone_href,
                "booking_url": clinic.booking_url,
            }
            if clinic
            else {}
        )
        cache.set(CACHE_KEY, contact, CACHE_SECONDS)
    return contact


def clinic_phone():
    """(the main clinic's phone, its tel: link), or the CLINIC_PHONE setting's without one:
    printouts and the advice after a painful log always give a number to call."""
    phone = main_clinic_contact().get("phone") or settings.CLINIC_PHONE
    return phone, "tel:" + re.sub(r"[^\d+]", "", phone)


def forget_main_clinic(**kwargs):
    """Signal receiver: a clinic changed, so the next page reads it again."""
    cache.delete(CACHE_KEY)
