from clinic.models import Clinic
from core.site_address import SiteAddressSitemap


class ClinicSitemap(SiteAddressSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Clinic.objects.filter(is_active=True).only("slug").order_by("order", "pk")
