from django.contrib.sitemaps import Sitemap

from clinic.models import Clinic


class ClinicSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Clinic.objects.filter(is_active=True).only("slug").order_by("order", "pk")
