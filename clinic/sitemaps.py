"""The sitemap sections, registered by each app under its own key.

Apps add themselves here from their AppConfig.ready(), so this module (and the
root URLconf) imports none of them.
"""

from django.contrib.sitemaps import Sitemap

sitemaps = {}


def register(name, sitemap_class):
    sitemaps[name] = sitemap_class


class ClinicSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        from clinic.models import Clinic

        return Clinic.objects.filter(is_active=True).only("slug").order_by("order", "pk")


register("clinics", ClinicSitemap)
