from core.site_address import SiteAddressSitemap
from exercises.models import Exercise


class ExerciseSitemap(SiteAddressSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Exercise.objects.published().order_by("slug")

    def lastmod(self, exercise):
        return exercise.updated
