from django.conf import settings


def site(request):
    """What every page needs to know about the clinic running the site."""
    return {"site_name": settings.SITE_NAME}
