"""The clinic's brand for every page: cached, one query at most after each change."""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from core.colors import rgb_triplet
from core.models import DEFAULT_BRAND_COLOR, DEFAULT_TAGLINE, SiteBrand
from core.site_address import absolute_media_url

CACHE_KEY = "core:site-brand:v2"  # v2: the version is a digest of the stylesheet


def current_brand():
    """The brand as a small dict (the colours, the version, the images' renditions)."""
    brand = cache.get(CACHE_KEY)
    if brand is None:
        # Read, never created here: a page view writes nothing (get_solo() would insert
        # the row, and a saved brand empties the page cache). Unsaved: the defaults.
        row = SiteBrand.objects.filter(pk=SiteBrand.singleton_instance_id).first() or SiteBrand()
        brand = {
            "brand_color": row.brand_color,
            "brand_dark": row.brand_dark,
            "accent_color": row.accent_color,
            "tagline": row.tagline,
            "logo": row.logo_renditions,
            "logo_alt": row.logo_alt,
            "home_photo": row.home_photo_renditions,
            "home_photo_alt": row.home_photo_alt,
            "share_image": absolute_media_url(row.share_image.name) if row.share_image else "",
            "share_image_alt": row.share_image_alt,
        }
        # The stylesheet's address names its content: a new brand, or new rules in
        # brand_css after a release, is a new address, never a stylesheet kept a year.
        brand["version"] = hashlib.sha256(brand_css(brand).encode()).hexdigest()[:12]
        cache.set(CACHE_KEY, brand, 60 * 60)
    return brand


def forget_brand(**kwargs):
    # Now, and again after the commit: a page rendered in between must not keep the old
    # brand for an hour.
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


post_save.connect(forget_brand, sender=SiteBrand, dispatch_uid="core.brand.forget")


def brand_css(brand):
    """The stylesheet of the brand: custom properties only, validated colours only.

    A clinic's own brand colour also colours the links (it passed the contrast check on
    white); the demo's teal keeps the demo's blue links, its look before brands."""
    lines = [
        f"  --brand: {brand['brand_color']};",
        f"  --brand-dark: {brand['brand_dark']};",
        f"  --accent: {brand['accent_color']};",
    ]
    if brand["brand_color"].lower() != DEFAULT_BRAND_COLOR:
        lines += [
            f"  --bs-link-color: {brand['brand_color']};",
            f"  --bs-link-color-rgb: {rgb_triplet(brand['brand_color'])};",
            f"  --bs-link-hover-color: {brand['brand_dark']};",
            f"  --bs-link-hover-color-rgb: {rgb_triplet(brand['brand_dark'])};",
        ]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def brand(request):
    """Context processor: `brand` on every page (lazy: cached, no query once warm)."""
    return {"brand": SimpleLazyObject(_brand_in_page_language)}


def _brand_in_page_language():
    """The brand, with the site's own tagline in the page's language while the clinic
    keeps it; a tagline of the clinic's own is shown as written."""
    shown = current_brand()
    if shown["tagline"] == DEFAULT_TAGLINE:
        shown = {**shown, "tagline": gettext(DEFAULT_TAGLINE)}
    return shown
