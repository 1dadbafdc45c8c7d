from core.site_address import SiteAddressSitemap
from core.translations import with_languages
from exercises.models import Exercise


class ExerciseSitemap(SiteAddressSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return with_languages(Exercise.objects.published().order_by("slug"))

    def lastmod(self, exercise):
        return exercise.updated
