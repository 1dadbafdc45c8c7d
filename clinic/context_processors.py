from django.conf import settings
from django.utils.functional import SimpleLazyObject

from clinic.cta import main_clinic_contact


def site(request):
    """What every page needs to know about the clinic running the site.

    `main_clinic` is lazy and cached (see clinic.cta): a page that does not show
    the call-to-action does not touch the cache, and one that does costs no query.
    """
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "main_clinic": SimpleLazyObject(main_clinic_contact),
    }
